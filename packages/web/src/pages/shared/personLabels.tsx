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

export const registrationActionLabels: Record<string, string> = {
  submitted: '提交注册',
  approved: '审核通过',
  rejected: '审核未通过',
  withdrawn: '撤回注册',
  resubmitted: '重新提交',
  transferred: '调动',
};

const transferStatuses: Record<string, { label: string; color: string }> = {
  pending: { label: '待接收', color: 'processing' },
  accepted: { label: '已接收', color: 'success' },
  rejected: { label: '已拒绝', color: 'error' },
  cancelled: { label: '已撤销', color: 'default' },
};

/** The status of a transfer (调动) as a coloured tag. */
export function TransferStatusTag({ status }: { status: string }) {
  const { label, color } = transferStatuses[status] ?? { label: status, color: 'default' };
  return <Tag color={color}>{label}</Tag>;
}

/** 7 days without a decision make a registration overdue (docs/organisations.md). */
export function OverdueTag({ overdue, days }: { overdue: boolean; days?: number }) {
  if (!overdue) return null;
  return (
    <Tag color="red" data-testid="overdue-tag">
      逾期{days !== undefined ? ` ${days} 天` : ''}
    </Tag>
  );
}
