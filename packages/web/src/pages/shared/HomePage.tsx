import { Card, Col, Descriptions, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { pagesForUser, pageUrl } from '../../areas.tsx';
import { describeRole } from '../../auth/roles.ts';
import { useCurrentSession } from '../../auth/session.tsx';
import { CertificateSummary } from '../person/CertificateSummary.tsx';
import { OrgStatusCard } from './OrgStatusCard.tsx';

function greeting(now: Date): string {
  const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hour: 'numeric', hourCycle: 'h23' }).format(now));
  if (hour < 6) return '您好';
  if (hour < 12) return '上午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

export default function HomePage() {
  const { user } = useCurrentSession();
  const shortcuts = pagesForUser(user).filter((page) => page.path !== '');

  const details = [
    { key: 'name', label: '姓名 / 名称', children: user.name },
    { key: 'role', label: '角色', children: describeRole(user) },
    { key: 'org', label: '所属机构', children: user.scope.orgName ?? '—' },
    { key: 'username', label: '登录账号', children: user.role === 'person' ? '本人身份证号' : user.username },
  ];

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card data-testid="home-welcome">
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {greeting(new Date())}，{user.name}
          </Typography.Title>
          <Typography.Paragraph type="secondary">欢迎使用河南省专业技术人员继续教育证书管理平台。</Typography.Paragraph>
          <Descriptions column={{ xs: 1, sm: 2, lg: 4 }} items={details} size="small" />
        </Card>
      </Col>
      {user.role === 'unit' || user.role === 'provider' ? <OrgStatusCard user={user} /> : null}
      {user.role === 'person' ? (
        <Col span={24}>
          <CertificateSummary user={user} />
        </Col>
      ) : null}
      <Col span={24}>
        <Card title="常用功能">
          <Row gutter={[16, 16]}>
            {shortcuts.map((page) => (
              <Col key={page.path} xs={12} sm={8} md={6} xl={4}>
                <Link to={pageUrl(user.role, page)}>
                  <Card hoverable size="small" style={{ textAlign: 'center' }}>
                    <div style={{ fontSize: 28, color: '#1f4e9c' }}>{page.icon}</div>
                    <div style={{ marginTop: 8 }}>{page.label}</div>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </Card>
      </Col>
    </Row>
  );
}
