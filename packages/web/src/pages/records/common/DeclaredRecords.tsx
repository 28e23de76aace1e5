import { useQueryClient } from '@tanstack/react-query';
import { App, Select, Space } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { invalidateAfterDeclarerStep } from '../../../api/recordQueue.ts';
import { recordsApi, type RecordState, type RecordView } from '../../../api/records.ts';
import { CursorTable } from '../../../components/CursorTable.tsx';
import { recordStateOptions } from './labels.ts';
import { recordsListKey } from './RecordDrawer.tsx';
import { recordColumns, yearOptions } from './recordColumns.tsx';

// What the three declaring pages share (学时登记 of a person, 单位申报, 学员学时登记 of a provider): the
// form and drawer state with what follows a saved draft, and the list of the records they declared.

const pageSize = 20;

/** The declaration form's and the record drawer's state; a saved draft opens in the drawer. */
export function useDeclaring(savedText: (record: RecordView) => string) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [declaring, setDeclaring] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const saved = (record: RecordView) => {
    setDeclaring(false);
    void message.success(savedText(record));
    queryClient.setQueryData(['record', record.id], record);
    void invalidateAfterDeclarerStep(queryClient);
    setOpenId(record.id);
  };
  return { declaring, setDeclaring, openId, setOpenId, saved };
}

/** The caller's records, newest first, filtered by year and state; a click opens one. */
export function DeclaredRecordList(props: {
  /** Distinguishes the list's cache entry (mine, unit, provider). */
  listKey: string;
  view?: 'all';
  withPerson: boolean;
  emptyText: string;
  onOpen: (id: string) => void;
}) {
  const { listKey, view, withPerson, emptyText, onOpen } = props;
  const [year, setYear] = useState<number | undefined>(undefined);
  const [state, setState] = useState<RecordState | undefined>(undefined);
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear placeholder="全部年度" value={year} onChange={setYear} options={yearOptions()} style={{ width: 140 }} data-testid="records-filter-year" />
        <Select allowClear placeholder="全部状态" value={state} onChange={setState} options={recordStateOptions} style={{ width: 160 }} data-testid="records-filter-state" />
      </Space>
      <CursorTable<RecordView>
        key={`${year ?? ''}-${state ?? ''}`}
        queryKey={[...recordsListKey, listKey, year ?? null, state ?? null]}
        fetchPage={(cursor, signal) => recordsApi.list({ ...(view ? { view } : {}), year, state, cursor, limit: pageSize, sort: 'newest' }, signal)}
        columns={recordColumns({ person: withPerson })}
        rowKey="id"
        testId="records-table"
        emptyText={emptyText}
        scrollX={withPerson ? 1000 : 900}
        tableProps={{
          onRow: (r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' }, 'data-testid': 'record-row', 'data-record-id': r.id } as HTMLAttributes<HTMLElement>),
        }}
      />
    </>
  );
}
