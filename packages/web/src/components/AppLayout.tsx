import { HomeOutlined, LogoutOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Breadcrumb, Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { recordQueueApi, recordsPendingKey } from '../api/recordQueue.ts';
import type { Pending } from '../api/records.ts';
import { pagesForUser, pageUrl, type AreaPage } from '../areas.tsx';
import { describeRole, homePath } from '../auth/roles.ts';
import { useCurrentSession, useSession } from '../auth/session.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { PageLoading } from './status.tsx';

const { Header, Sider, Content, Footer } = Layout;

export const platformName = '河南省专业技术人员继续教育证书管理平台';

/** The count beside a menu entry: red when some of it waits longer than 7 days. */
function MenuCount({ pending }: { pending: Pending | undefined }) {
  if (!pending || pending.count === 0) return null;
  const title = pending.overdue > 0 ? `待办 ${pending.count} 条，其中 ${pending.overdue} 条超过 7 天` : `待办 ${pending.count} 条`;
  return (
    <Badge
      count={pending.count}
      overflowCount={999}
      size="small"
      color={pending.overdue > 0 ? undefined : '#1f4e9c'}
      title={title}
      className="jixu-menu-count"
      data-testid="menu-count"
      data-overdue={pending.overdue > 0 ? 'true' : 'false'}
      data-count={pending.count}
    />
  );
}

function menuLabel(page: AreaPage, url: string, pending: Pending | undefined) {
  if (page.badge !== 'recordsPending') return <Link to={url}>{page.label}</Link>;
  return (
    <Link to={url} style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
      <span>{page.label}</span>
      <MenuCount pending={pending} />
    </Link>
  );
}

export function AppLayout() {
  const { user, mustChangePassword, mustEnrolTotp } = useCurrentSession();
  // Until the password is changed or TOTP enrolled, only 账户安全 is open (the server enforces it too).
  const restricted = mustChangePassword || mustEnrolTotp === true;
  const { signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [leaving, setLeaving] = useState(false);

  const pages = pagesForUser(user).map((page) => ({ page, url: pageUrl(user.role, page) }));
  // The menu count of the records queue (GET /records/pending); decisions invalidate it.
  const pending = useQuery({
    queryKey: recordsPendingKey,
    queryFn: ({ signal }) => recordQueueApi.pending(signal),
    enabled: !restricted && pages.some(({ page }) => page.badge === 'recordsPending'),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
    retry: false,
  });
  // The deepest page whose URL prefixes the location (home matches only exactly).
  const current = pages
    .filter(({ page, url }) => location.pathname === url || (page.path !== '' && location.pathname.startsWith(`${url}/`)))
    .sort((a, b) => b.url.length - a.url.length)[0];

  const logout = async () => {
    setLeaving(true);
    await signOut();
    void navigate('/login', { replace: true });
  };

  const crumbs = [
    { key: 'home', title: <Link to={homePath(user.role)}><HomeOutlined /> 首页</Link> },
    ...(current && current.page.path ? [{ key: current.url, title: current.page.label }] : []),
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header className="jixu-header">
        <Link to={homePath(user.role)} className="jixu-brand">
          <SafetyCertificateOutlined className="jixu-brand-icon" />
          <span className="jixu-brand-name">{platformName}</span>
        </Link>
        <Space size="middle" className="jixu-user">
          <NotificationBell role={user.role} enabled={!restricted} />
          <span data-testid="header-user">
            <UserOutlined /> {user.name}
          </span>
          <Tag color="gold" variant="outlined" className="jixu-role-tag">
            {describeRole(user)}
          </Tag>
          <Button
            type="text"
            className="jixu-logout"
            icon={<LogoutOutlined />}
            loading={leaving}
            onClick={() => void logout()}
            data-testid="logout"
          >
            退出登录
          </Button>
        </Space>
      </Header>
      <Layout>
        <Sider
          width={208}
          theme="light"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          className="jixu-sider"
        >
          <Menu
            mode="inline"
            selectedKeys={current ? [current.url] : []}
            items={pages.map(({ page, url }) => ({
              key: url,
              icon: page.icon,
              label: menuLabel(page, url, pending.data),
              disabled: restricted && page.path !== 'security',
            }))}
            data-testid="side-menu"
          />
        </Sider>
        <Layout className="jixu-main">
          <Breadcrumb items={crumbs} style={{ margin: '16px 0' }} data-testid="breadcrumb" />
          <Content>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </Content>
          <Footer className="jixu-footer">
            <Typography.Text type="secondary">
              {platformName} · 依据《河南省专业技术人员继续教育证书管理办法》
            </Typography.Text>
          </Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
