import { LockOutlined } from '@ant-design/icons';
import { Col, Form, Input } from 'antd';
import { checkPassword, passwordRuleText } from '../../auth/passwordRule.ts';

/** Password and its confirmation, with the platform's rule shown and checked before submitting. */
export function PasswordFields({ name = 'password', label = '登录密码' }: { name?: string; label?: string }) {
  return (
    <>
      <Col xs={24} md={12}>
        <Form.Item
          name={name}
          label={label}
          extra={passwordRuleText}
          rules={[
            { required: true, message: '请设置登录密码' },
            {
              validator: async (_rule, value: string | undefined) => {
                const problem = value ? checkPassword(value) : null;
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid={`reg-${name}`} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={`${name}Confirm`}
          label="确认密码"
          dependencies={[name]}
          rules={[
            { required: true, message: '请再次输入密码' },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (value && value !== getFieldValue(name)) throw new Error('两次输入的密码不一致');
              },
            }),
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid={`reg-${name}-confirm`} />
        </Form.Item>
      </Col>
    </>
  );
}
