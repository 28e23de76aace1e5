import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { describeError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import type { Account, Page } from '../../api/types.ts';
import { roleLabels } from '../../auth/roles.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';
import { formatInstant } from '../../components/time.ts';

const pageSize = 20;

// A person's username is their resident ID number, which the UI never shows in full.
function displayUsername(account: Account): string {
  if (account.role !== 'person' || account.username.length < 10) return account.username;
  return `${account.username.slice(0, 6)}${'*'.repeat(account.username.length - 10)}${account.username.slice(-4)}`;
}

export default function AccountsPage() {
  const { user } = useCurrentSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  const toggle = useMutation({
    mutationFn: ({ id, disabled }: { id: string; disabled: boolean }) => api.setAccountDisabled(id, disabled),
    onSuccess: (result) => {
      // Patch the row in every cached page rather than refetching the whole list.
      queryClient.setQueriesData<Page<Account>>({ queryKey: ['accounts'] }, (page) =>
        page
          ? { ...page, items: page.items.map((item) => (item.id === result.id ? { ...item, disabled: result.disabled } : item)) }
          : page,
      );
      void message.success(result.disabled ? '账户已停用' : '账户已启用');
    },
    onError: (error) => void message.error(describeError(error)),
  });

  const columns: ColumnsType<Account> = [
    {
      title: '用户名',
      dataIndex: 'username',
      width: 190,
      render: (_, row) => (
        <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
          {displayUsername(row)}
        </Typography.Text>
      ),
    },
    { title: '姓名 / 名称', dataIndex: 'name', width: 160 },
    { title: '角色', dataIndex: 'role', width: 140, render: (_, row) => roleLabels[row.role] ?? row.role },
    { title: '所属机构', dataIndex: 'orgName', ellipsis: true, render: (value: string | null) => value ?? '—' },
    {
      title: '状态',
      dataIndex: 'disabled',
      width: 90,
      render: (disabled: boolean) => (disabled ? <Tag color="error">已停用</Tag> : <Tag color="success">正常</Tag>),
    },
    { title: '最近登录', dataIndex: 'lastLoginAt', width: 180, render: (value: string | null) => formatInstant(value) },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, row) => {
        if (row.id === user.id) return <Typography.Text type="secondary">当前账户</Typography.Text>;
        const busy = toggle.isPending && toggle.variables.id === row.id;
        if (row.disabled) {
          return (
            <Button type="link" size="small" loading={busy} onClick={() => toggle.mutate({ id: row.id, disabled: false })} data-testid="account-enable">
              启用
            </Button>
          );
        }
        return (
          <Popconfirm
            title={`确定停用账户“${row.name}”吗？`}
            description="停用后该账户的所有会话将立即失效"
            okText="停用"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => toggle.mutate({ id: row.id, disabled: true })}
          >
            <Button type="link" size="small" danger loading={busy} data-testid="account-disable">
              停用
            </Button>
          </Popconfirm>
        );
      },
    },
  ];

  return (
    <Card title="账户管理">
      <CursorTable<Account>
        queryKey={['accounts']}
        fetchPage={(cursor, signal) => api.listAccounts({ limit: pageSize, cursor }, signal)}
        columns={columns}
        rowKey="id"
        testId="accounts-table"
        emptyText="暂无账户"
        scrollX={1000}
      />
    </Card>
  );
}
