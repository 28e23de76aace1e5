import { LockOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Space } from 'antd';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, describeError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { checkPassword, passwordRuleText } from '../../auth/passwordRule.ts';
import { homePath } from '../../auth/roles.ts';
import { useCurrentSession, useSession } from '../../auth/session.tsx';
import { applyFieldErrors } from '../../components/forms.ts';
import { TotpCard } from './TotpCard.tsx';

type PasswordForm = { currentPassword: string; newPassword: string; confirmPassword: string };

const fieldNames = ['currentPassword', 'newPassword'] as const;

export default function SecurityPage() {
  const { user, mustChangePassword, mustEnrolTotp } = useCurrentSession();
  // docs/organisations.md: TOTP is for the reviewers' accounts (bureaus and authorities).
  const offersTotp = user.role === 'bureau' || user.role === 'authority';
  const { refresh } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordForm>();

  // Enrolling the second factor is what kept the rest of the platform closed: once the session no
  // longer requires it, go home. An effect of this page (not of the TOTP card, which the refreshed
  // session unmounts and remounts elsewhere, losing its pending navigation).
  const mustEnrolBefore = useRef(mustEnrolTotp);
  useEffect(() => {
    if (mustEnrolBefore.current && !mustEnrolTotp && !mustChangePassword) void navigate(homePath(user.role), { replace: true });
    mustEnrolBefore.current = mustEnrolTotp;
  }, [mustEnrolTotp, mustChangePassword, navigate, user.role]);

  const change = useMutation({
    mutationFn: (values: PasswordForm) =>
      api.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSuccess: async () => {
      form.resetFields();
      void message.success('密码修改成功');
      // The server clears mustChangePassword (and may rotate the CSRF token).
      await refresh();
      if (mustChangePassword && !mustEnrolTotp) void navigate(homePath(user.role), { replace: true });
    },
    onError: (error) => {
      if (applyFieldErrors(form, error, fieldNames)) return;
      if (error instanceof ApiError && error.code === 'invalid_credentials') {
        form.setFields([{ name: 'currentPassword', errors: [error.title || '当前密码不正确'] }]);
        return;
      }
      void message.error(describeError(error));
    },
  });

  return (
    <Space orientation="vertical" size="middle" style={{ display: 'flex' }}>
      {offersTotp && mustEnrolTotp ? <TotpCard /> : null}
      <Card title="修改登录密码" style={{ maxWidth: 640 }} data-testid="security-card">
      {mustChangePassword ? (
        <Alert
          type="warning"
          showIcon
          title="为保障账户安全，请先修改初始密码"
          description="您的密码为初始密码或已被重置，修改后方可使用平台其他功能。"
          style={{ marginBottom: 24 }}
          data-testid="must-change-password"
        />
      ) : null}
      <Form<PasswordForm>
        form={form}
        layout="vertical"
        onFinish={(values) => change.mutate(values)}
        disabled={change.isPending}
        data-testid="password-form"
      >
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra={passwordRuleText}
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: '请输入新密码' },
            {
              validator: async (_rule, value: string | undefined) => {
                const problem = value ? checkPassword(value) : null;
                if (problem) throw new Error(problem);
              },
            },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (value && value === getFieldValue('currentPassword')) throw new Error('新密码不能与当前密码相同');
              },
            }),
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
              },
            }),
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="confirm-password" />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
            确认修改
          </Button>
        </Form.Item>
      </Form>
      </Card>
      {offersTotp && !mustEnrolTotp ? <TotpCard /> : null}
    </Space>
  );
}
