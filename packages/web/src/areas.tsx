import {
  AuditOutlined,
  HomeOutlined,
  LockOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Role, User } from './api/types.ts';

const HomePage = lazy(() => import('./pages/shared/HomePage.tsx'));
const SecurityPage = lazy(() => import('./pages/shared/SecurityPage.tsx'));
const PersonsPage = lazy(() => import('./pages/shared/PersonsPage.tsx'));
const AuditPage = lazy(() => import('./pages/shared/AuditPage.tsx'));
const AccountsPage = lazy(() => import('./pages/admin/AccountsPage.tsx'));

/** One page of a role's area: its menu entry, its route and who may open it. */
export type AreaPage = {
  /** Relative to the area root; '' is the area's home. */
  path: string;
  label: string;
  icon: ReactNode;
  Component: LazyExoticComponent<ComponentType>;
  allowed?: (user: User) => boolean;
};

const home: AreaPage = { path: '', label: '首页', icon: <HomeOutlined />, Component: HomePage };
const security: AreaPage = { path: 'security', label: '账户安全', icon: <LockOutlined />, Component: SecurityPage };
const persons: AreaPage = { path: 'persons', label: '人员名册', icon: <TeamOutlined />, Component: PersonsPage };

const areaPages: Record<Role, AreaPage[]> = {
  person: [home, security],
  unit: [home, persons, security],
  provider: [home, security],
  authority: [home, persons, security],
  bureau: [
    home,
    persons,
    {
      path: 'audit',
      label: '审计日志',
      icon: <AuditOutlined />,
      Component: AuditPage,
      // Only the provincial bureau oversees the platform's audit trail.
      allowed: (user) => user.scope.level === 'province',
    },
    security,
  ],
  admin: [
    home,
    { path: 'accounts', label: '账户管理', icon: <UserSwitchOutlined />, Component: AccountsPage },
    { path: 'audit', label: '审计日志', icon: <AuditOutlined />, Component: AuditPage },
    security,
  ],
};

/** Every page of a role's area, allowed or not (for routing). */
export function pagesOfRole(role: Role): AreaPage[] {
  return areaPages[role];
}

/** The pages this user may open, in menu order. */
export function pagesForUser(user: User): AreaPage[] {
  return areaPages[user.role].filter((page) => !page.allowed || page.allowed(user));
}

export function pageUrl(role: Role, page: AreaPage): string {
  return page.path ? `/${role}/${page.path}` : `/${role}`;
}
