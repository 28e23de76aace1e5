import { KeyOutlined, SafetyOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Row, Space, Steps, Tag, Typography, type InputProps } from 'antd';
import { useState } from 'react';
import { ApiError, describeError } from '../../api/client.ts';
import { orgApi } from '../../api/organisations.ts';
import { useCurrentSession, useSession } from '../../auth/session.tsx';
import { applyFieldErrors } from '../../components/forms.ts';

type CodeForm = { code: string };

const codeRules = [
  { required: true, message: '请输入动态验证码' },
  { pattern: /^\d{6}$/, message: '动态验证码为 6 位数字' },
];

// The secret in groups of four, as authenticator apps show it for manual entry.
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

// Form.Item hands value and onChange to its child: they must reach the Input.
function CodeInput({ testId, ...rest }: InputProps & { testId: string }) {
  return (
    <Input
      {...rest}
      prefix={<KeyOutlined />}
      placeholder="6 位数字"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      style={{ width: 200 }}
      data-testid={testId}
    />
  );
}

/**
 * Second factor (RFC 6238 TOTP) for bureau and authority accounts: set up with a QR code, confirm with
 * a first code, or switch it off with a current code.
 */
export function TotpCard() {
  const { user, mustEnrolTotp } = useCurrentSession();
  const { refresh } = useSession();
  const { message } = App.useApp();
  const [enableForm] = Form.useForm<CodeForm>();
  const [disableForm] = Form.useForm<CodeForm>();
  // Known from /me when the server reports it; otherwise from what happened on this page.
  const [enabledHere, setEnabledHere] = useState<boolean | null>(null);
  const enabled = enabledHere ?? (mustEnrolTotp ? false : user.totpEnabled);
  const [showDisable, setShowDisable] = useState(false);

  const setup = useMutation({ mutationFn: orgApi.totpSetup, onError: (error) => void message.error(describeError(error)) });

  // A wrong code is a 400 naming body.code; anything else (rate limit, conflict) goes to a message.
  const codeError = (form: typeof enableForm, error: unknown) => {
    if (applyFieldErrors(form, error, ['code'])) return;
    if (error instanceof ApiError && error.status === 400) {
      form.setFields([{ name: 'code', errors: [error.detail ?? '动态验证码不正确，请重新输入'] }]);
      return;
    }
    void message.error(describeError(error));
  };

  const enable = useMutation({
    mutationFn: (values: CodeForm) => orgApi.totpEnable(values.code.trim()),
    onSuccess: async () => {
      setup.reset();
      enableForm.resetFields();
      setEnabledHere(true);
      void message.success('动态口令已启用，今后登录须输入动态验证码');
      // SecurityPage goes home once the refreshed session no longer requires enrolment.
      await refresh();
    },
    onError: (error) => codeError(enableForm, error),
  });

  const disable = useMutation({
    mutationFn: (values: CodeForm) => orgApi.totpDisable(values.code.trim()),
    onSuccess: async () => {
      disableForm.resetFields();
      setEnabledHere(false);
      setShowDisable(false);
      void message.success('动态口令已停用');
      await refresh();
    },
    onError: (error) => codeError(disableForm, error),
  });

  const status =
    enabled === true ? <Tag color="success">已启用</Tag> : enabled === false ? <Tag color="warning">未启用</Tag> : null;

  return (
    <Card
      title={
        <span>
          <SafetyOutlined /> 动态口令（双因素认证） {status}
        </span>
      }
      style={{ maxWidth: 640 }}
      data-testid="totp-card"
    >
      {mustEnrolTotp ? (
        <Alert
          type="warning"
          showIcon
          title="按照平台安全要求，审核账户须先绑定动态口令"
          description="绑定完成后方可使用平台其他功能。"
          style={{ marginBottom: 16 }}
          data-testid="must-enrol-totp"
        />
      ) : null}
      <Typography.Paragraph type="secondary">
        启用后，登录时除密码外还须输入手机身份验证器应用（如微信小程序“腾讯身份验证器”、Microsoft Authenticator、Google Authenticator）生成的 6 位动态验证码。
      </Typography.Paragraph>

      {setup.data ? (
        <>
          <Steps
            size="small"
            current={1}
            style={{ marginBottom: 16 }}
            items={[{ title: '扫描二维码' }, { title: '输入验证码' }, { title: '完成' }]}
          />
          <Row gutter={24} align="middle">
            <Col flex="none">
              <img
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.data.qrSvg)}`}
                alt="动态口令二维码"
                width={180}
                height={180}
                style={{ border: '1px solid #f0f0f0', background: '#fff' }}
                data-testid="totp-qr"
              />
            </Col>
            <Col flex="auto">
              <Typography.Paragraph>用验证器应用扫描左侧二维码；无法扫描时，手动输入密钥：</Typography.Paragraph>
              <Typography.Paragraph copyable={{ text: setup.data.secret }} code data-testid="totp-secret">
                {grouped(setup.data.secret)}
              </Typography.Paragraph>
              <Form<CodeForm> form={enableForm} layout="inline" onFinish={(values) => enable.mutate(values)}>
                <Form.Item name="code" rules={codeRules}>
                  <CodeInput testId="totp-enable-code" />
                </Form.Item>
                <Form.Item>
                  <Button type="primary" htmlType="submit" loading={enable.isPending} data-testid="totp-enable">
                    验证并启用
                  </Button>
                </Form.Item>
              </Form>
            </Col>
          </Row>
        </>
      ) : enabled === true ? null : (
        <Button type="primary" onClick={() => setup.mutate()} loading={setup.isPending} data-testid="totp-setup">
          绑定动态口令
        </Button>
      )}

      {enabled !== false && !setup.data ? (
        <div style={{ marginTop: enabled === true ? 0 : 16 }}>
          {showDisable || enabled === true ? (
            <Space orientation="vertical">
              <Typography.Text>停用动态口令须输入当前的动态验证码：</Typography.Text>
              <Form<CodeForm> form={disableForm} layout="inline" onFinish={(values) => disable.mutate(values)}>
                <Form.Item name="code" rules={codeRules}>
                  <CodeInput testId="totp-disable-code" />
                </Form.Item>
                <Form.Item>
                  <Button danger htmlType="submit" loading={disable.isPending} data-testid="totp-disable">
                    停用动态口令
                  </Button>
                </Form.Item>
              </Form>
            </Space>
          ) : (
            <Button type="link" style={{ padding: 0 }} onClick={() => setShowDisable(true)}>
              已绑定？停用动态口令
            </Button>
          )}
        </div>
      ) : null}
    </Card>
  );
}
