import type { Role, ScopeLevel, User } from '../api/types.ts';

export const roles: readonly Role[] = ['person', 'unit', 'provider', 'authority', 'bureau', 'admin'];

export const roleLabels: Record<Role, string> = {
  person: '专业技术人员',
  unit: '用人单位管理员',
  provider: '施教机构管理员',
  authority: '行业主管部门',
  bureau: '人社部门',
  admin: '系统管理员',
};

const bureauLevelLabels: Partial<Record<ScopeLevel, string>> = {
  province: '省级',
  city: '市级',
  county: '县级',
};

/** The role as a user reads it; bureaus carry their tier, e.g. 人社部门（省级）. */
export function describeRole(user: Pick<User, 'role' | 'scope'>): string {
  if (user.role !== 'bureau') return roleLabels[user.role];
  const level = bureauLevelLabels[user.scope.level];
  return level ? `${roleLabels.bureau}（${level}）` : roleLabels.bureau;
}

export function isRole(value: string | null | undefined): value is Role {
  return roles.some((role) => role === value);
}

export function homePath(role: Role): string {
  return `/${role}`;
}
