import { IdcardOutlined, LockOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useLocation } from 'react-router-dom';
import { ApiError, describeError, formatWait } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { Session } from '../api/types.ts';
import { platformName } from '../components/AppLayout.tsx';
import { PageLoading } from '../components/status.tsx';
import { applyFieldErrors } from '../components/forms.ts';
import { homePath } from '../auth/roles.ts';
import { useSession } from '../auth/session.tsx';

type LoginForm = { username: string; password: string };

function loginErrorText(error: unknown): string {
  if (!(error instanceof ApiError)) return describeError(error);
  if (error.status === 401) return error.title || '用户名或密码错误';
  if (error.status === 429) {
    const wait = error.retryAfter ? formatWait(error.retryAfter) : '几';
    return error.code === 'account_locked'
      ? `登录失败次数过多，请 ${wait}后再试`
      : `登录请求过于频繁，请 ${wait}后再试`;
  }
  return describeError(error);
}

/** Where to go after login: the page asked for, if it is in the user's area. */
function landingPath(session: Session, from: unknown): string {
  const home = homePath(session.user.role);
  if (session.mustChangePassword) return `${home}/security`;
  if (typeof from === 'string' && (from === home || from.startsWith(`${home}/`))) return from;
  return home;
}

export default function LoginPage() {
  const { state, signIn } = useSession();
  const location = useLocation();
  const [form] = Form.useForm<LoginForm>();
  const from: unknown = (location.state as { from?: unknown } | null)?.from;

  const login = useMutation({
    mutationFn: api.login,
    onSuccess: signIn,
    onError: (error) => {
      applyFieldErrors(form, error, ['username', 'password']);
      form.setFieldValue('password', '');
    },
  });

  if (state.status === 'loading') return <PageLoading tip="正在验证登录状态…" />;
  if (state.status === 'authenticated') return <Navigate to={landingPath(state.session, from)} replace />;

  return (
    <div className="jixu-login">
      <div className="jixu-login-title">
        <SafetyCertificateOutlined style={{ color: '#ffd666', marginRight: 12 }} />
        {platformName}
      </div>
      <Card className="jixu-login-card" title="用户登录">
        {login.isError ? (
          <Alert
            type="error"
            showIcon
            title={loginErrorText(login.error)}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        ) : null}
        <Form<LoginForm>
          form={form}
          layout="vertical"
          size="large"
          requiredMark={false}
          onFinish={(values) => login.mutate({ username: values.username.trim(), password: values.password })}
          onValuesChange={() => login.isError && login.reset()}
        >
          <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名或身份证号' }]}>
            <Input
              prefix={<IdcardOutlined />}
              placeholder="用户名 / 身份证号"
              autoComplete="username"
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password
              prefix={<LockOutlined />}
              placeholder="密码"
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Form.Item style={{ marginBottom: 12 }}>
            <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
              登录
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 13 }}>
          专业技术人员请使用本人<strong>居民身份证号码</strong>（18 位）作为用户名登录；单位、机构及主管部门请使用分配的管理账号登录。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
