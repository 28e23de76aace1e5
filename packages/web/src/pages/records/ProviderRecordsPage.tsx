import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import type { ActivityKind } from '../../api/policy.ts';
import { invalidateAfterDeclarerStep } from '../../api/recordQueue.ts';
import { recordsApi, type RecordState, type RecordView } from '../../api/records.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';
import { hoursText, recordStateOptions } from './common/labels.ts';
import { RecordDrawer, recordsListKey } from './common/RecordDrawer.tsx';
import { RecordForm } from './common/RecordForm.tsx';
import { recordColumns, yearOptions } from './common/recordColumns.tsx';

// 学员学时登记 (provider menu, `/provider/records`): a filed provider (继续教育基地, Art. 9(3)) registers
// its trainees' hours, naming each trainee by ID number and name (sent in the body only, never in a
// URL, and never shown again: lists show the name). Submitting verifies the record on arrival; no
// evidence is required for this channel.

const pageSize = 20;
const providerKinds: ActivityKind[] = ['base_training', 'seminar', 'guide_course'];

/** GB 11643: 17 digits and a check character (0-9 or X); the server checks the checksum. */
const idPattern = /^\d{17}[\dXx]$/;

export default function ProviderRecordsPage() {
  const { user } = useCurrentSession();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [state, setState] = useState<RecordState | undefined>(undefined);
  const [declaring, setDeclaring] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);

  const saved = (record: RecordView) => {
    setDeclaring(false);
    void message.success(`已登记${record.personName}的学时（${hoursText(record)}），提交后即核定。`);
    queryClient.setQueryData(['record', record.id], record);
    void invalidateAfterDeclarerStep(queryClient);
    setOpenId(record.id);
  };

  return (
    <Card
      title="学员学时登记"
      extra={
        <Space>
          <Typography.Text type="secondary">{user.scope.orgName ?? ''}</Typography.Text>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDeclaring(true)} data-testid="record-declare">
            登记学员学时
          </Button>
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="经人社部门备案的继续教育基地登记的学时，提交后即视为核定（第九条第三项），无需上传证明材料。"
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear placeholder="全部年度" value={year} onChange={setYear} options={yearOptions()} style={{ width: 140 }} data-testid="records-filter-year" />
        <Select allowClear placeholder="全部状态" value={state} onChange={setState} options={recordStateOptions} style={{ width: 160 }} data-testid="records-filter-state" />
      </Space>
      <CursorTable<RecordView>
        key={`${year ?? ''}-${state ?? ''}`}
        queryKey={[...recordsListKey, 'provider', year ?? null, state ?? null]}
        fetchPage={(cursor, signal) => recordsApi.list({ year, state, cursor, limit: pageSize, sort: 'newest' }, signal)}
        columns={recordColumns({ person: true })}
        rowKey="id"
        testId="records-table"
        emptyText="暂无登记"
        scrollX={1000}
        tableProps={{
          onRow: (r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' }, 'data-testid': 'record-row', 'data-record-id': r.id } as HTMLAttributes<HTMLElement>),
        }}
      />
      <RecordForm
        open={declaring}
        title="登记学员学时"
        kinds={providerKinds}
        header={
          <>
            <Form.Item
              name="traineeIdNumber"
              label="学员身份证号"
              normalize={(v: string) => v.replace(/\s/g, '').toUpperCase()}
              rules={[{ required: true, message: '请填写学员身份证号' }, { pattern: idPattern, message: '身份证号应为18位' }]}
              extra="仅用于查找已注册的学员，不在列表中显示"
            >
              <Input maxLength={18} autoComplete="off" style={{ maxWidth: 300 }} data-testid="record-trainee-id" />
            </Form.Item>
            <Form.Item name="traineeName" label="学员姓名" rules={[{ required: true, whitespace: true, message: '请填写学员姓名' }]}>
              <Input maxLength={50} autoComplete="off" style={{ maxWidth: 300 }} data-testid="record-trainee-name" />
            </Form.Item>
          </>
        }
        headerFields={['traineeIdNumber', 'traineeName']}
        okText="保存"
        onCancel={() => setDeclaring(false)}
        onSave={(draft, values) =>
          recordsApi.declare({ ...draft, trainee: { idNumber: String(values.traineeIdNumber), name: String(values.traineeName).trim() } })}
        onSaved={saved}
      />
      <RecordDrawer recordId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
