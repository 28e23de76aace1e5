import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Popconfirm, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { describeError } from '../../api/client.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { orgApi, type OrgStatus, type ProviderRow, type UnitRow } from '../../api/organisations.ts';
import { CursorTable } from '../../components/CursorTable.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { formatInstant } from '../../components/time.ts';
import { OrgDrawer } from './OrgDetails.tsx';
import { OrgStatusTag } from './orgLabels.tsx';

const pageSize = 20;

type Kind = 'unit' | 'provider';
type ListStatus = Exclude<OrgStatus, 'disabled'> | 'all';

const listStatuses: readonly ListStatus[] = ['pending', 'active', 'rejected', 'all'];
type Row = UnitRow | ProviderRow;

const texts = {
  unit: { title: '单位审核', register: '单位名册', approve: '通过', pending: '待审核', active: '已通过', hint: '辖区内用人单位的注册申请' },
  provider: {
    title: '机构备案',
    register: '机构名册',
    approve: '备案',
    pending: '待备案',
    active: '已备案',
    hint: '辖区内继续教育基地、施教机构的备案申请',
  },
} as const;

/**
 * Review of self-registered units (approve / reject) and providers (file 备案 / reject) by the
 * bureaus in scope (docs/organisations.md, "Units and providers").
 */
export function OrgReviewQueue({ kind }: { kind: Kind }) {
  const text = texts[kind];
  const { user } = useCurrentSession();
  // Only bureaus decide (their own region's or below); the admin reads the register.
  const decides = user.role === 'bureau';
  const [params, setParams] = useSearchParams();
  const status = listStatuses.find((s) => s === params.get('status')) ?? 'pending';
  const q = params.get('q') ?? '';
  const orgId = params.get('org');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState<Row | null>(null);
  const listKey = ['orgs', kind] as const;

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: listKey });
    await queryClient.invalidateQueries({ queryKey: ['org-tree'] });
  };

  const approve = useMutation({
    mutationFn: (id: string): Promise<Row> => (kind === 'unit' ? orgApi.approveUnit(id) : orgApi.fileProvider(id)),
    onSuccess: async (row) => {
      void message.success(`“${row.name}”已${text.approve}`);
      await refresh();
    },
    onError: (error) => void message.error(describeError(error)),
  });

  const reject = useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }): Promise<Row> =>
      kind === 'unit' ? orgApi.rejectUnit(id, reason) : orgApi.rejectProvider(id, reason),
    onSuccess: async (row) => {
      setRejecting(null);
      void message.success(`已退回“${row.name}”的申请`);
      await refresh();
    },
    onError: (error) => void message.error(describeError(error)),
  });

  const columns: ColumnsType<Row> = [
    {
      title: kind === 'unit' ? '单位名称' : '机构名称',
      dataIndex: 'name',
      width: 230,
      ellipsis: true,
      render: (name: string, row) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => update({ org: row.id })}>
          {name}
        </Button>
      ),
    },
    {
      title: '统一社会信用代码',
      dataIndex: 'uscc',
      width: 190,
      render: (v: string | null) => (v ? <Typography.Text code>{v}</Typography.Text> : '—'),
    },
    { title: '所在地区', dataIndex: 'regionName', width: 120, render: (v: string | null | undefined, row) => v ?? row.regionCode ?? '—' },
    ...(kind === 'unit'
      ? [
          { title: '行业主管部门', dataIndex: 'authorityName', width: 170, ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: '人数', dataIndex: 'personCount', width: 70 },
        ]
      : []),
    {
      title: '联系人',
      key: 'contact',
      width: 150,
      render: (_, row) => (row.contactName ? `${row.contactName} ${row.contactPhoneMasked ?? ''}` : '—'),
    },
    { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => <OrgStatusTag status={v} provider={kind === 'provider'} /> },
    ...(status === 'rejected' || status === 'all'
      ? [{ title: '退回原因', dataIndex: 'reason', width: 160, ellipsis: true, render: (v: string | null) => v ?? '—' }]
      : []),
    { title: '申请时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatInstant(v) },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_, row) =>
        decides && row.status === 'pending' ? (
          <Space size={0}>
            <Popconfirm
              title={`${text.approve}“${row.name}”？`}
              okText={text.approve}
              cancelText="取消"
              onConfirm={() => approve.mutate(row.id)}
            >
              <Button type="link" size="small" loading={approve.isPending && approve.variables === row.id} data-testid="org-approve">
                {text.approve}
              </Button>
            </Popconfirm>
            <Button type="link" size="small" danger onClick={() => setRejecting(row)} data-testid="org-reject">
              退回
            </Button>
          </Space>
        ) : null,
    },
  ];

  return (
    <Card title={decides ? text.title : text.register} extra={<Typography.Text type="secondary">{text.hint}</Typography.Text>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<ListStatus>
          value={status}
          style={{ width: 120 }}
          onChange={(value) => update({ status: value === 'pending' ? null : value })}
          options={[
            { value: 'pending', label: text.pending },
            { value: 'active', label: text.active },
            { value: 'rejected', label: '未通过' },
            { value: 'all', label: '全部' },
          ]}
          aria-label="状态"
          data-testid="orgs-status"
        />
        <Input.Search
          placeholder="按名称或统一社会信用代码查询"
          defaultValue={q}
          allowClear
          enterButton="查询"
          style={{ width: 320 }}
          onSearch={(value) => update({ q: value.trim() || null })}
          data-testid="orgs-search"
        />
      </Space>
      <CursorTable<Row>
        key={`${status}|${q}`}
        queryKey={[...listKey, status, q]}
        fetchPage={(cursor, signal) => {
          const query = { limit: pageSize, cursor, status: status === 'all' ? undefined : status, q: q || undefined };
          return kind === 'unit' ? orgApi.listUnits(query, signal) : orgApi.listProviders(query, signal);
        }}
        columns={columns}
        rowKey="id"
        testId={`${kind}s-table`}
        emptyText="暂无符合条件的申请"
        scrollX={kind === 'unit' ? 1300 : 1100}
      />
      <ReasonModal
        open={rejecting !== null}
        title={`退回“${rejecting?.name ?? ''}”的申请`}
        description="退回原因将告知申请单位的管理员。"
        label="退回原因"
        okText="退回"
        danger
        busy={reject.isPending}
        onCancel={() => setRejecting(null)}
        onSubmit={(reason) => rejecting && reject.mutate({ id: rejecting.id, reason })}
        testId="org-reject-reason"
      />
      <OrgDrawer orgId={orgId} onClose={() => update({ org: null })} />
    </Card>
  );
}
