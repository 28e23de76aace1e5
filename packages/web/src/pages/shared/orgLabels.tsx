import { Tag } from 'antd';

const orgStatuses: Record<string, { label: string; color: string }> = {
  pending: { label: '待审核', color: 'processing' },
  active: { label: '已通过', color: 'success' },
  rejected: { label: '未通过', color: 'error' },
  disabled: { label: '已停用', color: 'default' },
};

const providerStatuses: Record<string, { label: string; color: string }> = {
  ...orgStatuses,
  pending: { label: '待备案', color: 'processing' },
  active: { label: '已备案', color: 'success' },
  filed: { label: '已备案', color: 'success' },
};

/** The review status of a unit, or the filing (备案) status of a provider. */
export function OrgStatusTag({ status, provider }: { status: string; provider?: boolean }) {
  const { label, color } = (provider ? providerStatuses : orgStatuses)[status] ?? { label: status, color: 'default' };
  return <Tag color={color}>{label}</Tag>;
}

export const orgKindLabels: Record<string, string> = {
  bureau: '人社部门',
  authority: '行业主管部门',
  unit: '用人单位',
  provider: '施教机构',
};

export const orgLevelLabels: Record<string, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
};
