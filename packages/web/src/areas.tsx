import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  CalculatorOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FormOutlined,
  HomeOutlined,
  IdcardOutlined,
  LockOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Role, User } from './api/types.ts';

const HomePage = lazy(() => import('./pages/shared/HomePage.tsx'));
const SecurityPage = lazy(() => import('./pages/shared/SecurityPage.tsx'));
const PersonsPage = lazy(() => import('./pages/shared/PersonsPage.tsx'));
const AuditPage = lazy(() => import('./pages/shared/AuditPage.tsx'));
const AccountsPage = lazy(() => import('./pages/shared/AccountsPage.tsx'));
const NotificationsPage = lazy(() => import('./pages/shared/NotificationsPage.tsx'));
const OrgTreePage = lazy(() => import('./pages/shared/OrgTreePage.tsx'));
const RegistrationProgressPage = lazy(() => import('./pages/person/RegistrationProgressPage.tsx'));
const ProfilePage = lazy(() => import('./pages/person/ProfilePage.tsx'));
const PersonTransfersPage = lazy(() => import('./pages/person/TransfersPage.tsx'));
const RegistrationsPage = lazy(() => import('./pages/unit/RegistrationsPage.tsx'));
const TransfersReviewPage = lazy(() => import('./pages/unit/TransfersReviewPage.tsx'));
const UnitsReviewPage = lazy(() => import('./pages/bureau/UnitsReviewPage.tsx'));
const ProvidersReviewPage = lazy(() => import('./pages/bureau/ProvidersReviewPage.tsx'));
const OverdueRegistrationsPage = lazy(() => import('./pages/bureau/OverdueRegistrationsPage.tsx'));
const YearStatusPage = lazy(() => import('./pages/person/YearStatusPage.tsx'));
const PoliciesPage = lazy(() => import('./pages/policy/PoliciesPage.tsx'));
const LeaveReviewPage = lazy(() => import('./pages/policy/LeaveReviewPage.tsx'));
const MyRecordsPage = lazy(() => import('./pages/records/MyRecordsPage.tsx'));
const UnitRecordsPage = lazy(() => import('./pages/records/UnitRecordsPage.tsx'));
const ProviderRecordsPage = lazy(() => import('./pages/records/ProviderRecordsPage.tsx'));
const ReviewQueuePage = lazy(() => import('./pages/records/review/ReviewQueuePage.tsx'));
const SpotCheckPage = lazy(() => import('./pages/records/review/SpotCheckPage.tsx'));

/** One page of a role's area: its menu entry, its route and who may open it. */
export type AreaPage = {
  /** Relative to the area root; '' is the area's home. */
  path: string;
  label: string;
  icon: ReactNode;
  Component: LazyExoticComponent<ComponentType>;
  allowed?: (user: User) => boolean;
  /** A count shown beside the menu entry: `recordsPending` is GET /api/v1/records/pending. */
  badge?: 'recordsPending';
};

const home: AreaPage = { path: '', label: '首页', icon: <HomeOutlined />, Component: HomePage };
const security: AreaPage = { path: 'security', label: '账户安全', icon: <LockOutlined />, Component: SecurityPage };
const persons: AreaPage = { path: 'persons', label: '人员名册', icon: <TeamOutlined />, Component: PersonsPage };
const accounts: AreaPage = { path: 'accounts', label: '账户管理', icon: <UserSwitchOutlined />, Component: AccountsPage };
const notifications: AreaPage = { path: 'notifications', label: '消息', icon: <BellOutlined />, Component: NotificationsPage };
const tree: AreaPage = { path: 'tree', label: '组织架构', icon: <ApartmentOutlined />, Component: OrgTreePage };
const audit: AreaPage = { path: 'audit', label: '审计日志', icon: <AuditOutlined />, Component: AuditPage };
const unitsReview: AreaPage = { path: 'units', label: '单位审核', icon: <BankOutlined />, Component: UnitsReviewPage };
const providersReview: AreaPage = { path: 'providers', label: '机构备案', icon: <FileDoneOutlined />, Component: ProvidersReviewPage };

const areaPages: Record<Role, AreaPage[]> = {
  person: [
    home,
    { path: 'records', label: '学时登记', icon: <FormOutlined />, Component: MyRecordsPage, badge: 'recordsPending' },
    { path: 'years', label: '年度学时', icon: <BarChartOutlined />, Component: YearStatusPage },
    { path: 'registration', label: '注册进度', icon: <SolutionOutlined />, Component: RegistrationProgressPage },
    { path: 'profile', label: '个人信息', icon: <IdcardOutlined />, Component: ProfilePage },
    { path: 'transfers', label: '调动申请', icon: <SwapOutlined />, Component: PersonTransfersPage },
    notifications,
    security,
  ],
  unit: [
    home,
    { path: 'registrations', label: '注册审核', icon: <SolutionOutlined />, Component: RegistrationsPage },
    { path: 'review', label: '学时初审', icon: <CheckSquareOutlined />, Component: ReviewQueuePage, badge: 'recordsPending' },
    { path: 'records', label: '单位申报', icon: <FormOutlined />, Component: UnitRecordsPage },
    persons,
    { path: 'transfers', label: '调动审核', icon: <SwapOutlined />, Component: TransfersReviewPage },
    { path: 'leave-periods', label: '学时减免审批', icon: <CalendarOutlined />, Component: LeaveReviewPage },
    accounts,
    notifications,
    security,
  ],
  provider: [home, { path: 'records', label: '学员学时登记', icon: <FormOutlined />, Component: ProviderRecordsPage }, accounts, notifications, security],
  authority: [home, { path: 'review', label: '学时核定', icon: <CheckSquareOutlined />, Component: ReviewQueuePage, badge: 'recordsPending' }, persons, tree, accounts, notifications, security],
  bureau: [
    home,
    { path: 'review', label: '学时核定', icon: <CheckSquareOutlined />, Component: ReviewQueuePage, badge: 'recordsPending' },
    { path: 'spot-checks', label: '学时抽查', icon: <FileSearchOutlined />, Component: SpotCheckPage },
    persons,
    unitsReview,
    providersReview,
    { path: 'registrations', label: '逾期注册', icon: <ClockCircleOutlined />, Component: OverdueRegistrationsPage },
    tree,
    accounts,
    // Policy versions are the provincial bureau's (Art. 4, 16–18).
    { path: 'policies', label: '学时政策', icon: <CalculatorOutlined />, Component: PoliciesPage, allowed: (user) => user.scope.level === 'province' },
    // Only the provincial bureau oversees the platform's audit trail.
    { ...audit, allowed: (user) => user.scope.level === 'province' },
    notifications,
    security,
  ],
  // The platform operator reads the registers of units and providers; bureaus decide on them.
  admin: [
    home,
    accounts,
    { ...unitsReview, label: '单位名册' },
    { ...providersReview, label: '机构名册' },
    tree,
    audit,
    notifications,
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
