import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Card, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { User } from '../../api/types.ts';

const requirementText =
  '按照《河南省专业技术人员继续教育证书管理办法》，专业技术人员每年参加继续教育的时间累计不少于 90 学时，' +
  '其中公需科目不少于 24 学时，专业科目一般不少于总学时的三分之二。';

/** The person's certificate number (证书管理号码), or a note that none is issued yet. */
export function CertificateSummary({ user }: { user: User }) {
  return (
    <Card
      title={
        <span>
          <SafetyCertificateOutlined /> 我的继续教育证书
        </span>
      }
      data-testid="certificate-summary"
    >
      {user.certificateNumber ? (
        <div>
          <Typography.Text type="secondary">证书管理号码</Typography.Text>
          <Typography.Title level={3} copyable style={{ margin: '4px 0 0', letterSpacing: 2 }} data-testid="certificate-number">
            {user.certificateNumber}
          </Typography.Title>
        </div>
      ) : (
        <Alert
          type="info"
          showIcon
          title="您暂未取得继续教育证书"
          description="注册信息经审核通过后，系统将为您生成证书管理号码。"
          action={<Link to="/person/registration">查看注册进度</Link>}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '16px 0 0' }}>
        {requirementText}
      </Typography.Paragraph>
    </Card>
  );
}
