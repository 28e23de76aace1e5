import { IdcardOutlined, KeyOutlined, LockOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { ApiError, describeError, formatWait } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { Session } from '../api/types.ts';
import { platformName } from '../components/AppLayout.tsx';
import { PageLoading } from '../components/status.tsx';
import { applyFieldErrors } from '../components/forms.ts';
import { homePath } from '../auth/roles.ts';
import { useSession } from '../auth/session.tsx';

type LoginForm = { username: string; password: string; totpCode?: string };

const isTotpRequired = (error: unknown) => error instanceof ApiError && error.code === 'totp_required';

function loginErrorText(error: unknown, codeGiven: boolean): string {
  if (!(error instanceof ApiError)) return describeError(error);
  if (isTotpRequired(error)) return codeGiven ? '动态验证码不正确或已过期，请重新输入' : '该账户已启用动态口令，请输入动态验证码';
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
  if (session.mustChangePassword || session.mustEnrolTotp) return `${home}/security`;
  if (typeof from === 'string' && (from === home || from.startsWith(`${home}/`))) return from;
  return home;
}

export default function LoginPage() {
  const { state, signIn } = useSession();
  const location = useLocation();
  const [form] = Form.useForm<LoginForm>();
  const from: unknown = (location.state as { from?: unknown } | null)?.from;
  // Second step: the server answered 401 totp_required; the password stays in the form for the retry.
  const [needsCode, setNeedsCode] = useState(false);

  const login = useMutation({
    mutationFn: api.login,
    onSuccess: signIn,
    onError: (error) => {
      if (isTotpRequired(error)) {
        setNeedsCode(true);
        form.setFieldValue('totpCode', '');
        return;
      }
      applyFieldErrors(form, error, ['username', 'password', 'totpCode']);
      form.setFieldValue('password', '');
      form.setFieldValue('totpCode', '');
      setNeedsCode(false);
    },
  });

  const submit = (values: LoginForm) =>
    login.mutate({
      username: values.username.trim(),
      password: values.password,
      ...(needsCode && values.totpCode ? { totpCode: values.totpCode.trim() } : {}),
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
            showIcon
            type={isTotpRequired(login.error) && !login.variables?.totpCode ? 'info' : 'error'}
            title={loginErrorText(login.error, Boolean(login.variables?.totpCode))}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        ) : null}
        <Form<LoginForm>
          form={form}
          layout="vertical"
          size="large"
          requiredMark={false}
          onFinish={submit}
          onValuesChange={(changed: Partial<LoginForm>) => {
            if (login.isError && !isTotpRequired(login.error)) login.reset();
            // Another account or password: the code asked for belonged to the previous attempt.
            if (changed.username !== undefined || changed.password !== undefined) setNeedsCode(false);
          }}
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
          {needsCode ? (
            <Form.Item
              name="totpCode"
              label="动态验证码"
              extra="请打开手机上的身份验证器应用，输入显示的 6 位数字"
              rules={[
                { required: true, message: '请输入动态验证码' },
                { pattern: /^\d{6}$/, message: '动态验证码为 6 位数字' },
              ]}
            >
              <Input
                prefix={<KeyOutlined />}
                placeholder="6 位数字"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                autoFocus
                data-testid="login-totp"
              />
            </Form.Item>
          ) : null}
          <Form.Item style={{ marginBottom: 12 }}>
            <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
              登录
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 13 }}>
          专业技术人员请使用本人<strong>居民身份证号码</strong>（18 位）作为用户名登录；单位、机构及主管部门请使用分配的管理账号登录。
        </Typography.Paragraph>
        <div className="jixu-login-links">
          <Link to="/register" data-testid="link-register">
            专业技术人员注册
          </Link>
          <Link to="/register/unit" data-testid="link-register-unit">
            用人单位注册
          </Link>
          <Link to="/register/provider" data-testid="link-register-provider">
            施教机构注册
          </Link>
          <Link to="/calculator" data-testid="link-calculator">
            学时计算器
          </Link>
          <Link to="/verify" data-testid="link-verify">证书核验</Link>
        </div>
      </Card>
    </div>
  );
}
