import { Tag } from 'antd';
import type { PersonStatus } from '../../api/types.ts';

const statuses: Record<PersonStatus, { label: string; color: string }> = {
  pending: { label: '待审核', color: 'processing' },
  approved: { label: '已通过', color: 'success' },
  rejected: { label: '未通过', color: 'error' },
  withdrawn: { label: '已撤回', color: 'default' },
};

/** The registration status (注册状态) of a person as a coloured tag. */
export function PersonStatusTag({ status }: { status: PersonStatus }) {
  const { label, color } = statuses[status] ?? { label: status, color: 'default' };
  return <Tag color={color}>{label}</Tag>;
}

export const sexLabels = { male: '男', female: '女' } as const;
