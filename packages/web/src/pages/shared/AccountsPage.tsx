import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { describeError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import type { Account, Page } from '../../api/types.ts';
import { roleLabels } from '../../auth/roles.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';
import { TemporaryPasswordModal } from '../../components/TemporaryPasswordModal.tsx';
import { formatInstant } from '../../components/time.ts';
import { CreateAccountModal } from './CreateAccountModal.tsx';

const pageSize = 20;
const accountsKey = ['accounts'] as const;

// A person's username is their resident ID number, which the UI never shows in full.
function displayUsername(account: Account): string {
  if (account.role !== 'person' || account.username.length < 10) return account.username;
  return `${account.username.slice(0, 6)}${'*'.repeat(account.username.length - 10)}${account.username.slice(-4)}`;
}

const scopeHints: Record<string, string> = {
  admin: '全平台账户',
  bureau: '本部门及辖区内机构的管理账户',
  authority: '本部门的账户',
  unit: '本单位的管理员账户',
  provider: '本机构的管理员账户',
};

/** 账户管理: staff accounts in the caller's scope: create, disable / enable, reset password. */
export default function AccountsPage() {
  const { user } = useCurrentSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [q, setQ] = useState('');
  const mayResetTotp = user.role === 'admin' || user.role === 'bureau' || user.role === 'authority';
  // The temporary password is shown once, then dropped.
  const [issued, setIssued] = useState<{ password: string; name: string } | null>(null);

  const toggle = useMutation({
    mutationFn: ({ id, disabled }: { id: string; disabled: boolean }) => api.setAccountDisabled(id, disabled),
    onSuccess: (result) => {
      // Patch the row in every cached page rather than refetching the whole list.
      queryClient.setQueriesData<Page<Account>>({ queryKey: accountsKey }, (page) =>
        page
          ? { ...page, items: page.items.map((item) => (item.id === result.id ? { ...item, disabled: result.disabled } : item)) }
          : page,
      );
      void message.success(result.disabled ? '账户已停用' : '账户已启用');
    },
    onError: (error) => void message.error(describeError(error)),
  });

  const resetTotp = useMutation({
    mutationFn: (account: Account) => api.resetAccountTotp(account.id),
    onSuccess: async (_result, account) => {
      void message.success(`已解除“${account.name}”的动态口令，其须重新绑定`);
      await queryClient.invalidateQueries({ queryKey: accountsKey });
    },
    onError: (error) => void message.error(describeError(error)),
  });

  const reset = useMutation({
    mutationFn: (account: Account) => api.resetAccountPassword(account.id),
    onSuccess: async (result, account) => {
      setIssued({ password: result.temporaryPassword, name: account.name });
      await queryClient.invalidateQueries({ queryKey: accountsKey });
    },
    onError: (error) => void message.error(describeError(error)),
  });

  const columns: ColumnsType<Account> = [
    {
      title: '用户名',
      dataIndex: 'username',
      width: 150,
      render: (_, row) => (
        <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
          {displayUsername(row)}
        </Typography.Text>
      ),
    },
    { title: '姓名 / 名称', dataIndex: 'name', width: 120, ellipsis: true },
    { title: '角色', dataIndex: 'role', width: 120, render: (_, row) => roleLabels[row.role] ?? row.role },
    { title: '所属机构', dataIndex: 'orgName', width: 170, ellipsis: true, render: (value: string | null) => value ?? '—' },
    {
      title: '状态',
      dataIndex: 'disabled',
      width: 140,
      render: (disabled: boolean, row) => (
        <Space size={4} wrap>
          {disabled ? <Tag color="error">已停用</Tag> : <Tag color="success">正常</Tag>}
          {row.mustChangePassword ? <Tag color="warning">待改密</Tag> : null}
          {row.totpEnabled ? <Tag color="blue">动态口令</Tag> : null}
        </Space>
      ),
    },
    { title: '最近登录', dataIndex: 'lastLoginAt', width: 160, render: (value: string | null) => formatInstant(value) },
    {
      title: '操作',
      key: 'actions',
      width: 180,
      fixed: 'right',
      render: (_, row) => {
        if (row.id === user.id) return <Typography.Text type="secondary">当前账户</Typography.Text>;
        const busy = toggle.isPending && toggle.variables.id === row.id;
        return (
          <Space size={0}>
            {row.disabled ? (
              <Button type="link" size="small" loading={busy} onClick={() => toggle.mutate({ id: row.id, disabled: false })} data-testid="account-enable">
                启用
              </Button>
            ) : (
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
            )}
            {row.totpEnabled && mayResetTotp ? (
              <Popconfirm
                title={`解除“${row.name}”的动态口令？`}
                description="用于更换或丢失手机的情况；解除后该账户须重新绑定。"
                okText="解除"
                cancelText="取消"
                onConfirm={() => resetTotp.mutate(row)}
              >
                <Button type="link" size="small" loading={resetTotp.isPending && resetTotp.variables.id === row.id} data-testid="account-reset-totp">
                  解除口令
                </Button>
              </Popconfirm>
            ) : null}
            {row.role === 'person' ? null : (
              <Popconfirm
                title={`重置“${row.name}”的密码？`}
                description="将生成临时密码，该账户的会话立即失效，下次登录须修改密码。"
                okText="重置"
                cancelText="取消"
                onConfirm={() => reset.mutate(row)}
                okButtonProps={{ 'data-testid': 'account-reset-ok' }}
              >
                <Button
                  type="link"
                  size="small"
                  icon={<KeyOutlined />}
                  loading={reset.isPending && reset.variables.id === row.id}
                  data-testid="account-reset"
                >
                  重置密码
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <Card
      title="账户管理"
      extra={
        <Space>
          <Typography.Text type="secondary">{scopeHints[user.role] ?? ''}</Typography.Text>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="account-create">
            新建账户
          </Button>
        </Space>
      }
    >
      <Input.Search
        placeholder="按用户名或姓名查询"
        allowClear
        enterButton="查询"
        style={{ width: 320, marginBottom: 16 }}
        onSearch={(value) => setQ(value.trim())}
        data-testid="accounts-search"
      />
      <CursorTable<Account>
        key={q}
        queryKey={[...accountsKey, q]}
        fetchPage={(cursor, signal) => api.listAccounts({ limit: pageSize, cursor, q: q || undefined }, signal)}
        columns={columns}
        rowKey="id"
        testId="accounts-table"
        emptyText="暂无账户"
        scrollX={1040}
      />
      <CreateAccountModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={async (password, name) => {
          setCreating(false);
          setIssued({ password, name });
          await queryClient.invalidateQueries({ queryKey: accountsKey });
        }}
      />
      <TemporaryPasswordModal value={issued?.password ?? null} accountName={issued?.name ?? ''} onClose={() => setIssued(null)} />
    </Card>
  );
}
