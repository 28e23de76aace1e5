import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Select, Space, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { describeError } from '../../api/client.ts';
import { peopleApi, type Transfer, type TransferStatus } from '../../api/people.ts';
import { CursorTable } from '../../components/CursorTable.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { formatInstant } from '../../components/time.ts';
import { TransferStatusTag } from '../shared/personLabels.tsx';

const pageSize = 20;
const transfersKey = ['transfers'] as const;

type Direction = 'incoming' | 'outgoing';

const statusOptions: { value: TransferStatus | 'all'; label: string }[] = [
  { value: 'all', label: '全部状态' },
  { value: 'pending', label: '待接收' },
  { value: 'accepted', label: '已接收' },
  { value: 'rejected', label: '已拒绝' },
  { value: 'cancelled', label: '已撤销' },
];

/** 调动审核: transfers into the unit wait for its decision; transfers away are listed for information. */
export default function TransfersReviewPage() {
  const [params, setParams] = useSearchParams();
  const direction: Direction = params.get('direction') === 'outgoing' ? 'outgoing' : 'incoming';
  const status = (params.get('status') ?? (direction === 'incoming' ? 'pending' : 'all')) as TransferStatus | 'all';
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState<Transfer | null>(null);

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };

  const accept = useMutation({
    mutationFn: peopleApi.acceptTransfer,
    onSuccess: async (t) => {
      void message.success(`已接收 ${t.personName} 调入本单位`);
      await queryClient.invalidateQueries({ queryKey: transfersKey });
      await queryClient.invalidateQueries({ queryKey: ['persons'] });
    },
    onError: (error) => void message.error(describeError(error)),
  });

  const reject = useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => peopleApi.rejectTransfer(id, reason),
    onSuccess: async (t) => {
      setRejecting(null);
      void message.success(`已拒绝 ${t.personName} 的调动申请`);
      await queryClient.invalidateQueries({ queryKey: transfersKey });
    },
    onError: (error) => void message.error(describeError(error)),
  });

  const columns: ColumnsType<Transfer> = [
    { title: '姓名', dataIndex: 'personName', width: 110 },
    {
      title: '身份证号',
      dataIndex: 'maskedIdNumber',
      width: 190,
      render: (v: string) => (
        <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
          {v}
        </Typography.Text>
      ),
    },
    direction === 'incoming'
      ? { title: '调出单位', key: 'from', ellipsis: true, render: (_, t) => t.fromUnit.name }
      : { title: '调入单位', key: 'to', ellipsis: true, render: (_, t) => t.toUnit.name },
    { title: '状态', dataIndex: 'status', width: 90, render: (_, t) => <TransferStatusTag status={t.status} /> },
    { title: '申请时间', dataIndex: 'requestedAt', width: 170, render: (v: string) => formatInstant(v) },
    { title: '办理时间', dataIndex: 'decidedAt', width: 170, render: (v: string | null) => formatInstant(v) },
    { title: '原因', dataIndex: 'reason', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_, t) =>
        direction === 'incoming' && t.status === 'pending' ? (
          <Space size={0}>
            <Popconfirm
              title={`接收 ${t.personName} 调入本单位？`}
              description="接收后其工作单位变更为本单位，证书管理号码不变。"
              okText="接收"
              cancelText="取消"
              onConfirm={() => accept.mutate(t.id)}
            >
              <Button type="link" size="small" loading={accept.isPending && accept.variables === t.id} data-testid="transfer-accept">
                接收
              </Button>
            </Popconfirm>
            <Button type="link" size="small" danger onClick={() => setRejecting(t)} data-testid="transfer-reject">
              拒绝
            </Button>
          </Space>
        ) : null,
    },
  ];

  return (
    <Card title="调动审核">
      <Tabs
        activeKey={direction}
        onChange={(key) => update({ direction: key === 'outgoing' ? 'outgoing' : null, status: null })}
        items={[
          { key: 'incoming', label: '调入申请' },
          { key: 'outgoing', label: '调出记录' },
        ]}
      />
      <Space style={{ marginBottom: 16 }}>
        <Select
          value={status}
          options={statusOptions}
          style={{ width: 130 }}
          onChange={(value) => update({ status: value })}
          aria-label="调动状态"
          data-testid="transfers-status"
        />
      </Space>
      <CursorTable<Transfer>
        key={`${direction}|${status}`}
        queryKey={[...transfersKey, direction, status]}
        fetchPage={(cursor, signal) =>
          peopleApi.listTransfers({ limit: pageSize, cursor, direction, status: status === 'all' ? undefined : status }, signal)
        }
        columns={columns}
        rowKey="id"
        testId="transfers-table"
        emptyText={direction === 'incoming' ? '暂无调入申请' : '暂无调出记录'}
        scrollX={1100}
      />
      <ReasonModal
        open={rejecting !== null}
        title={`拒绝 ${rejecting?.personName ?? ''} 的调动申请`}
        label="拒绝原因"
        okText="拒绝"
        danger
        busy={reject.isPending}
        onCancel={() => setRejecting(null)}
        onSubmit={(reason) => rejecting && reject.mutate({ id: rejecting.id, reason })}
        testId="transfer-reject-reason"
      />
    </Card>
  );
}
