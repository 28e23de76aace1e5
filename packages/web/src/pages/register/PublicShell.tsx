import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { platformName } from '../../components/AppLayout.tsx';

/** The frame of the public pages (registration): the platform's name over one card. */
export function PublicShell({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <div className="jixu-login" style={{ justifyContent: 'flex-start', paddingTop: 48 }}>
      <div className="jixu-login-title">
        <SafetyCertificateOutlined style={{ color: '#ffd666', marginRight: 12 }} />
        {platformName}
      </div>
      <Card className="jixu-register-card" title={title} extra={<Link to="/login">返回登录</Link>} data-testid={testId}>
        {children}
      </Card>
    </div>
  );
}
