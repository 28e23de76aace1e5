import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, describeError } from '../../api/client.ts';
import { policyApi, type LeaveKind, type LeavePeriod } from '../../api/policy.ts';
import { ErrorState } from '../../components/status.tsx';
import { leaveKindLabels, leaveStateLabels } from '../policy/labels.ts';

// Art. 8: leave periods that reduce the year's requirement in proportion to the time on the job. The
// person (or their unit) declares one with its dates and proof; the unit approves it.

type LeaveForm = { kind: LeaveKind; dates: [Dayjs, Dayjs]; proofNote: string };

const kindHelp: Record<LeaveKind, string> = {
  abroad: '第八条第（一）项：出国（境）工作超过6个月的（暂定标准）',
  sick_leave: '第八条第（二）项：病休超过6个月的（暂定标准）',
  maternity_leave: '第八条第（三）项：休产假的',
  other_approved: '第八条第（四）项：经主管部门批准的其他情形',
};

const columns: ColumnsType<LeavePeriod> = [
  { title: '情形', dataIndex: 'kind', render: (kind: LeaveKind, r) => `${r.clause} ${leaveKindLabels[kind]}` },
  { title: '期间', key: 'dates', render: (_, r) => `${r.from} 至 ${r.to}` },
  { title: '证明材料', dataIndex: 'proofNote', ellipsis: true },
  {
    title: '状态',
    dataIndex: 'state',
    width: 160,
    render: (state: LeavePeriod['state'], r) => (
      <span>
        <Tag color={leaveStateLabels[state].color}>{leaveStateLabels[state].text}</Tag>
        {r.reason ? <Typography.Text type="secondary">{r.reason}</Typography.Text> : null}
      </span>
    ),
  },
];

export function YearStatusLeave({ personId, canDeclare }: { personId: string; canDeclare: boolean }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<LeaveForm>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const leave = useQuery({ queryKey: ['leave', personId], queryFn: ({ signal }) => policyApi.leaveOfPerson(personId, signal) });

  const declare = useMutation({
    mutationFn: (values: LeaveForm) =>
      policyApi.declareLeave(personId, {
        kind: values.kind,
        from: values.dates[0].format('YYYY-MM-DD'),
        to: values.dates[1].format('YYYY-MM-DD'),
        proofNote: values.proofNote,
      }),
    onSuccess: async () => {
      setOpen(false);
      form.resetFields();
      void message.success('已提交，待单位审批');
      await queryClient.invalidateQueries({ queryKey: ['leave', personId] });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const names: Record<string, keyof LeaveForm> = { 'body.kind': 'kind', 'body.from': 'dates', 'body.to': 'dates', 'body.proofNote': 'proofNote' };
      form.setFields(error.fieldErrors.filter((e) => names[e.field]).map((e) => ({ name: names[e.field]!, errors: [e.message] })));
    },
  });

  const kind = Form.useWatch('kind', form);
  const unplaced = declare.error instanceof ApiError && declare.error.fieldErrors.length > 0 ? null : declare.error;

  return (
    <Card
      title="学时减免（第八条）"
      data-testid="leave-periods"
      extra={canDeclare ? <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="leave-declare">申报减免期间</Button> : null}
    >
      <Typography.Paragraph type="secondary">
        出国（境）工作、病休超过6个月，休产假，或经主管部门批准的其他情形，经单位批准后，当年应修学时按实际在岗时间折算。
      </Typography.Paragraph>
      {leave.isError ? <ErrorState error={leave.error} onRetry={() => void leave.refetch()} /> : (
        <Table<LeavePeriod>
          rowKey="id"
          columns={columns}
          dataSource={leave.data?.items ?? []}
          loading={leave.isPending}
          pagination={false}
          size="small"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无减免申报" /> }}
        />
      )}
      <Modal
        title="申报学时减免期间"
        open={open}
        okText="提交"
        confirmLoading={declare.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {unplaced ? <Typography.Text type="danger">{describeError(unplaced)}</Typography.Text> : null}
        <Form<LeaveForm> form={form} layout="vertical" onFinish={(values) => declare.mutate(values)} preserve={false}>
          <Form.Item name="kind" label="减免情形" rules={[{ required: true, message: '请选择减免情形' }]} extra={kind ? kindHelp[kind] : undefined}>
            <Select options={(Object.keys(leaveKindLabels) as LeaveKind[]).map((k) => ({ value: k, label: leaveKindLabels[k] }))} placeholder="请选择" />
          </Form.Item>
          <Form.Item name="dates" label="起止日期（含）" rules={[{ required: true, message: '请选择起止日期' }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="proofNote" label="证明材料" rules={[{ required: true, whitespace: true, message: '请说明证明材料' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：因公出国任务批件、三级医院诊断证明、生育医学证明等" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
