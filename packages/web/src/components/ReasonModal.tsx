import { Form, Input, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';

type ReasonModalProps = {
  open: boolean;
  title: ReactNode;
  /** Shown above the text area, e.g. what the reason is for and who will read it. */
  description?: ReactNode;
  okText?: string;
  danger?: boolean;
  minLength?: number;
  maxLength?: number;
  busy?: boolean;
  label?: string;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
  testId?: string;
};

/**
 * Asks for one reason (rejections, the audited reveal). The text area takes focus; Ctrl+Enter
 * submits, Esc cancels, so a reviewer can work from the keyboard.
 */
export function ReasonModal(props: ReasonModalProps) {
  const { open, title, description, okText = '确定', danger, minLength = 2, maxLength = 500, busy, label = '原因' } = props;
  const [form] = Form.useForm<{ reason: string }>();

  const submit = () => form.submit();

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ danger, loading: busy, 'data-testid': `${props.testId ?? 'reason'}-ok` }}
      onOk={submit}
      onCancel={props.onCancel}
      destroyOnHidden
      data-testid={props.testId}
    >
      {description ? <Typography.Paragraph type="secondary">{description}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" onFinish={(values) => props.onSubmit(values.reason.trim())} preserve={false}>
        <Form.Item
          name="reason"
          label={label}
          rules={[
            { required: true, whitespace: true, message: `请填写${label}` },
            { min: minLength, message: `${label}至少 ${minLength} 个字` },
            { max: maxLength, message: `${label}不超过 ${maxLength} 个字` },
          ]}
          extra="按 Ctrl+Enter 提交"
        >
          <Input.TextArea
            autoFocus
            rows={3}
            showCount
            maxLength={maxLength}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                submit();
              }
            }}
            data-testid={props.testId ? `${props.testId}-input` : undefined}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
