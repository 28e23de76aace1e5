import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Select, Space, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { invalidateAfterDeclarerStep } from '../../api/recordQueue.ts';
import { recordsApi, type RecordState, type RecordView } from '../../api/records.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';
import { hoursText, recordStateOptions } from './common/labels.ts';
import { RecordDrawer, recordsListKey } from './common/RecordDrawer.tsx';
import { RecordForm } from './common/RecordForm.tsx';
import { recordColumns, yearOptions } from './common/recordColumns.tsx';

// 继续教育登记 (person menu, `/person/records`): the person's own records with their state, who has
// each one now and since when; 申报学时 declares a draft (Art. 10), evaluated by the policy; the record
// drawer uploads the evidence and submits it to the unit's pre-review (Art. 11(1)).

const pageSize = 20;

export default function MyRecordsPage() {
  const { user } = useCurrentSession();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [state, setState] = useState<RecordState | undefined>(undefined);
  const [declaring, setDeclaring] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);

  if (!user.personId) return <Alert type="info" showIcon title="当前账户没有关联的专业技术人员信息" />;

  const saved = (record: RecordView) => {
    setDeclaring(false);
    void message.success(`已保存草稿，核算学时：${hoursText(record)}。请上传证明材料后提交。`);
    queryClient.setQueryData(['record', record.id], record);
    void invalidateAfterDeclarerStep(queryClient);
    setOpenId(record.id);
  };

  return (
    <Card
      title="继续教育登记"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDeclaring(true)} data-testid="record-declare">
          申报学时
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        参加继续教育活动后，填写活动信息并上传证明材料，提交所在单位初审，再由人社部门或行业主管部门核定；核定后的学时计入年度学时。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear placeholder="全部年度" value={year} onChange={setYear} options={yearOptions()} style={{ width: 140 }} data-testid="records-filter-year" />
        <Select allowClear placeholder="全部状态" value={state} onChange={setState} options={recordStateOptions} style={{ width: 160 }} data-testid="records-filter-state" />
      </Space>
      <CursorTable<RecordView>
        key={`${year ?? ''}-${state ?? ''}`}
        queryKey={[...recordsListKey, 'mine', year ?? null, state ?? null]}
        fetchPage={(cursor, signal) => recordsApi.list({ year, state, cursor, limit: pageSize, sort: 'newest' }, signal)}
        columns={recordColumns()}
        rowKey="id"
        testId="records-table"
        emptyText="暂无登记，点击“申报学时”开始申报"
        scrollX={900}
        tableProps={{
          onRow: (r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' }, 'data-testid': 'record-row', 'data-record-id': r.id } as HTMLAttributes<HTMLElement>),
        }}
      />
      <RecordForm
        open={declaring}
        title="申报学时"
        onCancel={() => setDeclaring(false)}
        onSave={(draft) => recordsApi.declare(draft)}
        onSaved={saved}
      />
      <RecordDrawer recordId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
