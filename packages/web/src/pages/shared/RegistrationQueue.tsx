import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Input, List, Popconfirm, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { describeError } from '../../api/client.ts';
import { peopleApi, type BulkResult, type RegistrationRow } from '../../api/people.ts';
import type { PersonStatus } from '../../api/types.ts';
import { CursorTable } from '../../components/CursorTable.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { formatInstant } from '../../components/time.ts';
import { PersonDrawer } from './PersonDrawer.tsx';
import { OverdueTag, PersonStatusTag } from './personLabels.tsx';

const pageSize = 50;
const registrationsKey = ['registrations'] as const;

const statusOptions: { value: PersonStatus | 'all'; label: string }[] = [
  { value: 'pending', label: '待审核' },
  { value: 'approved', label: '已通过' },
  { value: 'rejected', label: '未通过' },
  { value: 'withdrawn', label: '已撤回' },
  { value: 'all', label: '全部' },
];

type Mode = 'unit' | 'bureau';

/** Who the reject modal is for: one person or the selection. */
type RejectTarget = { personIds: string[]; label: string } | null;

/**
 * Registration review (Art. 13; SPEC "Registration"): a unit approves or rejects its people's
 * registrations, one by one or in bulk; a bureau does the same for the overdue ones in its scope.
 */
export function RegistrationQueue({ mode }: { mode: Mode }) {
  const [params, setParams] = useSearchParams();
  const status = statusOptions.find((option) => option.value === params.get('status'))?.value ?? 'pending';
  const overdueOnly = mode === 'bureau' || params.get('overdue') === '1';
  const q = params.get('q') ?? '';
  const personId = params.get('person');

  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string[]>([]);
  const [rows, setRows] = useState<RegistrationRow[]>([]);
  const [rejecting, setRejecting] = useState<RejectTarget>(null);

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
    if (!('person' in changes)) setSelected([]);
  };

  // The selection never outlives the rows it refers to (a page change, a refresh after a decision).
  const onItems = useCallback((items: RegistrationRow[]) => {
    setRows(items);
    setSelected((current) => current.filter((id) => items.some((row) => row.personId === id && row.status === 'pending')));
  }, []);

  const nameOf = (id: string) => rows.find((row) => row.personId === id)?.name ?? id;

  const afterDecision = async () => {
    setSelected([]);
    await queryClient.invalidateQueries({ queryKey: registrationsKey });
    await queryClient.invalidateQueries({ queryKey: ['persons'] });
  };

  const showBulkResults = (action: 'approve' | 'reject', results: BulkResult[]) => {
    const failed = results.filter((r) => r.status === 'error');
    const done = results.length - failed.length;
    const verb = action === 'approve' ? '通过' : '退回';
    if (failed.length === 0) {
      void message.success(`已${verb} ${done} 人的注册`);
      return;
    }
    modal.warning({
      title: `已${verb} ${done} 人，${failed.length} 人未能办理`,
      content: (
        <List
          size="small"
          dataSource={failed}
          renderItem={(r) => (
            <List.Item key={r.personId}>
              {nameOf(r.personId)}：{r.error ?? '办理失败'}
            </List.Item>
          )}
        />
      ),
    });
  };

  const approve = useMutation({
    mutationFn: peopleApi.approve,
    onSuccess: async (result) => {
      void message.success(`已通过 ${nameOf(result.personId)} 的注册，证书管理号码 ${result.certificateNumber}`);
      await afterDecision();
    },
    onError: (error) => void message.error(describeError(error)),
  });

  const bulk = useMutation({
    mutationFn: peopleApi.bulk,
    onSuccess: async (answer, variables) => {
      setRejecting(null);
      showBulkResults(variables.action, answer.results);
      await afterDecision();
    },
    onError: (error) => void message.error(describeError(error)),
  });

  const reject = useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => peopleApi.reject(id, reason),
    onSuccess: async (result) => {
      setRejecting(null);
      void message.success(`已退回 ${nameOf(result.personId)} 的注册`);
      await afterDecision();
    },
    onError: (error) => void message.error(describeError(error)),
  });

  const submitReject = (reason: string) => {
    if (!rejecting) return;
    const [only] = rejecting.personIds;
    if (rejecting.personIds.length === 1 && only) reject.mutate({ id: only, reason });
    else bulk.mutate({ action: 'reject', personIds: rejecting.personIds, reason });
  };

  const busyRow = (id: string) =>
    (approve.isPending && approve.variables === id) || (reject.isPending && reject.variables.id === id);

  const columns: ColumnsType<RegistrationRow> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 110,
      render: (name: string, row) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => update({ person: row.personId })}>
          {name}
        </Button>
      ),
    },
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
    { title: '学历', dataIndex: 'education', width: 100, render: (v: string | null) => v ?? '—' },
    {
      title: '职称',
      key: 'title',
      width: 140,
      render: (_, row) => [row.titleSeries, row.titleLevel].filter(Boolean).join(' · ') || '—',
    },
    ...(mode === 'bureau' ? [{ title: '单位', dataIndex: 'unitName', width: 190, ellipsis: true }] : []),
    { title: '科室 / 部门', dataIndex: 'department', width: 110, ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '提交日期',
      dataIndex: 'submittedAt',
      width: 110,
      render: (v: string | null) => <span title={formatInstant(v)}>{formatInstant(v).slice(0, 10)}</span>,
    },
    {
      title: '等待',
      key: 'waiting',
      width: 120,
      render: (_, row) =>
        row.status === 'pending' ? (
          <Space size={4}>
            <span>{row.waitingDays ?? 0} 天</span>
            <OverdueTag overdue={row.overdue} />
          </Space>
        ) : (
          '—'
        ),
    },
    // The pending queue needs neither a status nor a reason column.
    ...(status === 'pending' || mode === 'bureau'
      ? []
      : [
          { title: '状态', dataIndex: 'status', width: 90, render: (_: unknown, row: RegistrationRow) => <PersonStatusTag status={row.status} /> },
          { title: '原因', dataIndex: 'reason', width: 160, ellipsis: true, render: (v: string | null) => v ?? '—' },
        ]),
    {
      title: '操作',
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_, row) =>
        row.status === 'pending' ? (
          <Space size={0}>
            <Popconfirm
              title={`通过 ${row.name} 的注册？`}
              description="通过后将生成证书管理号码，且不可更改。"
              okText="通过"
              cancelText="取消"
              onConfirm={() => approve.mutate(row.personId)}
            >
              <Button type="link" size="small" loading={busyRow(row.personId)} data-testid="registration-approve">
                通过
              </Button>
            </Popconfirm>
            <Button
              type="link"
              size="small"
              danger
              onClick={() => setRejecting({ personIds: [row.personId], label: row.name })}
              data-testid="registration-reject"
            >
              退回
            </Button>
          </Space>
        ) : null,
    },
  ];

  const title = mode === 'bureau' ? '逾期注册' : '注册审核';
  const count = selected.length;

  return (
    <Card
      title={title}
      extra={
        <Typography.Text type="secondary">
          {mode === 'bureau' ? '辖区内单位超过 7 天未审核的注册，人社部门可代为审核' : '超过 7 天未审核的注册将标记为逾期，并由人社部门督办'}
        </Typography.Text>
      }
    >
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          {mode === 'unit' ? (
            <>
              <Select
                value={status}
                options={statusOptions}
                style={{ width: 120 }}
                onChange={(value) => update({ status: value === 'pending' ? null : value })}
                aria-label="注册状态"
                data-testid="registrations-status"
              />
              <Checkbox
                checked={overdueOnly}
                disabled={status !== 'pending'}
                onChange={(e) => update({ overdue: e.target.checked ? '1' : null })}
                data-testid="registrations-overdue"
              >
                仅看逾期
              </Checkbox>
            </>
          ) : null}
          <Input.Search
            placeholder="按姓名查询"
            defaultValue={q}
            allowClear
            enterButton="查询"
            style={{ width: 280 }}
            onSearch={(value) => update({ q: value.trim() || null })}
            data-testid="registrations-search"
          />
        </Space>
        <Space wrap>
          <Typography.Text type="secondary" data-testid="registrations-selected">
            已选 {count} 人
          </Typography.Text>
          <Popconfirm
            title={`批量通过选中的 ${count} 人？`}
            description="通过后将生成证书管理号码，且不可更改。"
            okText="通过"
            cancelText="取消"
            disabled={count === 0}
            onConfirm={() => bulk.mutate({ action: 'approve', personIds: selected })}
            okButtonProps={{ 'data-testid': 'bulk-approve-ok' }}
          >
            <Button
              type="primary"
              icon={<CheckOutlined />}
              disabled={count === 0}
              loading={bulk.isPending && bulk.variables.action === 'approve'}
              accessKey="a"
              title="批量通过（Alt+A）"
              data-testid="bulk-approve"
            >
              批量通过
            </Button>
          </Popconfirm>
          <Button
            danger
            icon={<CloseOutlined />}
            disabled={count === 0}
            accessKey="r"
            title="批量退回（Alt+R）"
            onClick={() => setRejecting({ personIds: selected, label: `选中的 ${count} 人` })}
            data-testid="bulk-reject"
          >
            批量退回
          </Button>
        </Space>
      </Space>
      <CursorTable<RegistrationRow>
        key={`${status}|${overdueOnly}|${q}`}
        queryKey={[...registrationsKey, mode, status, overdueOnly, q]}
        fetchPage={(cursor, signal) =>
          peopleApi.listRegistrations(
            {
              limit: pageSize,
              cursor,
              status: mode === 'bureau' ? 'pending' : status === 'all' ? undefined : status,
              overdue: overdueOnly,
              q: q || undefined,
            },
            signal,
          )
        }
        columns={columns}
        rowKey="personId"
        testId="registrations-table"
        emptyText={mode === 'bureau' ? '辖区内暂无逾期未审核的注册' : '暂无符合条件的注册'}
        scrollX={mode === 'bureau' ? 1250 : status === 'pending' ? 1060 : 1310}
        onItems={onItems}
        tableProps={{
          rowSelection: {
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys.map(String)),
            getCheckboxProps: (row) => ({ disabled: row.status !== 'pending', 'aria-label': `选择 ${row.name}` }),
          },
        }}
      />
      <ReasonModal
        open={rejecting !== null}
        title={`退回 ${rejecting?.label ?? ''} 的注册`}
        description="退回原因将告知本人，本人可修改后向本单位或其他单位重新提交。"
        label="退回原因"
        okText="退回"
        danger
        busy={reject.isPending || bulk.isPending}
        onCancel={() => setRejecting(null)}
        onSubmit={submitReject}
        testId="reject-reason"
      />
      <PersonDrawer personId={personId} onClose={() => update({ person: null })} />
    </Card>
  );
}
