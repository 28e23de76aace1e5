import { Card, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../../api/endpoints.ts';
import type { AuditEvent } from '../../api/types.ts';
import { isRole, roleLabels } from '../../auth/roles.ts';
import { CursorTable } from '../../components/CursorTable.tsx';
import { formatInstant } from '../../components/time.ts';

const pageSize = 50;

const dash = <Typography.Text type="secondary">—</Typography.Text>;

const columns: ColumnsType<AuditEvent> = [
  { title: '时间（北京时间）', dataIndex: 'at', width: 180, render: (value: string) => formatInstant(value) },
  { title: '操作人', dataIndex: 'actorName', width: 140, render: (value: string | null) => value ?? dash },
  {
    title: '角色',
    dataIndex: 'role',
    width: 130,
    render: (value: string | null) => (value ? (isRole(value) ? roleLabels[value] : value) : dash),
  },
  { title: '操作', dataIndex: 'action', width: 200, render: (value: string) => <Typography.Text code>{value}</Typography.Text> },
  { title: '对象类型', dataIndex: 'objectType', width: 130 },
  {
    title: '对象标识',
    dataIndex: 'objectId',
    ellipsis: true,
    render: (value: string | null) => (value ? <Typography.Text copyable={{ text: value }}>{value}</Typography.Text> : dash),
  },
  {
    title: '请求标识',
    dataIndex: 'requestId',
    width: 200,
    ellipsis: true,
    render: (value: string | null) =>
      value ? (
        <Typography.Text type="secondary" copyable={{ text: value }}>
          {value}
        </Typography.Text>
      ) : (
        dash
      ),
  },
];

/** The audit trail: every change of state, newest first (admin and the provincial bureau). */
export default function AuditPage() {
  return (
    <Card title="审计日志" extra={<Typography.Text type="secondary">记录平台内的每一次状态变更</Typography.Text>}>
      <CursorTable<AuditEvent>
        queryKey={['audit']}
        fetchPage={(cursor, signal) => api.listAuditEvents({ limit: pageSize, cursor }, signal)}
        columns={columns}
        rowKey="id"
        testId="audit-table"
        emptyText="暂无审计记录"
        scrollX={1150}
      />
    </Card>
  );
}
