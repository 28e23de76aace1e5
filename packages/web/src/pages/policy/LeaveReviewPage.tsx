import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Segmented, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { describeError } from '../../api/client.ts';
import { policyApi, type LeavePeriod, type LeaveState } from '../../api/policy.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';
import { formatInstant } from '../../components/time.ts';
import { leaveKindLabels, leaveStateLabels } from './labels.ts';

// 学时减免审批 (unit menu, `/unit/leave-periods`; bureaus and authorities may look): the Art. 8 leave
// periods of the people in scope. The person's unit approves or rejects a pending one with a reason.

const filters: { value: LeaveState | 'all'; label: string }[] = [
  { value: 'pending', label: '待审批' },
  { value: 'approved', label: '已批准' },
  { value: 'rejected', label: '未批准' },
  { value: 'all', label: '全部' },
];

export default function LeaveReviewPage() {
  const { user } = useCurrentSession();
  const decides = user.role === 'unit';
  const [state, setState] = useState<LeaveState | 'all'>('pending');
  const [rejecting, setRejecting] = useState<LeavePeriod | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const done = async (text: string) => {
    void message.success(text);
    setRejecting(null);
    await queryClient.invalidateQueries({ queryKey: ['leave-queue'] });
  };
  const approve = useMutation({ mutationFn: (id: string) => policyApi.approveLeave(id), onSuccess: () => done('已批准'), onError: (e) => void message.error(describeError(e)) });
  const reject = useMutation({
    mutationFn: (values: { reason: string }) => policyApi.rejectLeave(rejecting!.id, values.reason),
    onSuccess: () => done('已退回'),
    onError: (e) => void message.error(describeError(e)),
  });

  const columns: ColumnsType<LeavePeriod> = [
    { title: '姓名', dataIndex: 'personName', width: 100 },
    { title: '情形', dataIndex: 'kind', width: 200, render: (kind: LeavePeriod['kind'], r) => `${r.clause} ${leaveKindLabels[kind]}` },
    { title: '期间', key: 'dates', width: 220, render: (_, r) => `${r.from} 至 ${r.to}` },
    { title: '证明材料', dataIndex: 'proofNote', width: 220, ellipsis: true },
    { title: '申报时间', dataIndex: 'declaredAt', width: 170, render: (at: string) => formatInstant(at) },
    {
      title: '状态',
      dataIndex: 'state',
      width: 160,
      render: (s: LeaveState, r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={leaveStateLabels[s].color}>{leaveStateLabels[s].text}</Tag>
          {r.reason ? <Typography.Text type="secondary">{r.reason}</Typography.Text> : null}
        </Space>
      ),
    },
    ...(decides ? [{
      title: '操作',
      key: 'actions',
      width: 140,
      fixed: 'right' as const,
      render: (_: unknown, r: LeavePeriod) => r.state === 'pending' ? (
        <Space size={0}>
          <Popconfirm title="批准该减免申请？" description="批准后，当年应修学时按在岗时间折算。" onConfirm={() => approve.mutate(r.id)} okText="批准" cancelText="取消">
            <Button type="link" size="small" data-testid="leave-approve">批准</Button>
          </Popconfirm>
          <Button type="link" size="small" danger onClick={() => setRejecting(r)} data-testid="leave-reject">不予批准</Button>
        </Space>
      ) : null,
    }] : []),
  ];

  return (
    <Card title="学时减免审批（第八条）" extra={<Segmented value={state} onChange={setState} options={filters} />}>
      <CursorTable<LeavePeriod>
        key={state}
        queryKey={['leave-queue', state]}
        fetchPage={(cursor, signal) => policyApi.leaveQueue({ state: state === 'all' ? undefined : state, cursor, limit: 20 }, signal)}
        columns={columns}
        rowKey="id"
        testId="leave-queue"
        emptyText="暂无减免申请"
        scrollX={1000}
      />
      <Modal
        title={`不予批准：${rejecting?.personName ?? ''}`}
        open={rejecting !== null}
        onCancel={() => setRejecting(null)}
        onOk={() => form.submit()}
        okText="确定"
        okButtonProps={{ danger: true }}
        confirmLoading={reject.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(values) => reject.mutate(values)} preserve={false}>
          <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, min: 2, message: '请填写不予批准的理由' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
