import { Alert, Modal, Typography } from 'antd';

/** Shows a temporary password exactly once; it is not kept anywhere after the modal closes. */
export function TemporaryPasswordModal({
  value,
  accountName,
  onClose,
}: {
  value: string | null;
  accountName: string;
  onClose: () => void;
}) {
  return (
    <Modal
      open={value !== null}
      title="临时密码"
      onCancel={onClose}
      onOk={onClose}
      okText="我已记下"
      cancelButtonProps={{ style: { display: 'none' } }}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid="temporary-password-modal"
    >
      <Alert
        type="warning"
        showIcon
        title="临时密码只显示这一次"
        description={`请通过安全渠道告知“${accountName}”。对方首次登录时须修改密码。`}
        style={{ marginBottom: 16 }}
      />
      <Typography.Title level={3} copyable style={{ textAlign: 'center', letterSpacing: 2, margin: 0 }} data-testid="temporary-password">
        {value}
      </Typography.Title>
    </Modal>
  );
}
