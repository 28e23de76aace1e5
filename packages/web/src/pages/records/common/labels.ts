import {
  ACTIVITY_KIND_LABELS,
  AWARD_LEVEL_LABELS,
  BOOK_RANK_LABELS,
  CONFERENCE_LEVEL_LABELS,
  EXAM_LEVEL_LABELS,
  PAPER_TIER_LABELS,
  PATENT_TYPE_LABELS,
  PROJECT_LEVEL_LABELS,
  PROJECT_ROLE_LABELS,
} from '@jixu/domain/activity-labels';
import type { Activity, ActivityKind } from '../../../api/policy.ts';
import type { HolderRole, RecordAction, RecordCategory, RecordChannel, RecordState } from '../../../api/records.ts';

// Chinese names of the records' enumerations (the same words as the domain's review/types.ts), shared
// by the declaration pages and the review pages.

export const recordStateLabels: Record<RecordState, string> = {
  draft: '草稿',
  submitted: '待单位初审',
  unit_approved: '待核定',
  verified: '已核定',
  returned: '已退回',
  rejected: '未通过',
};

/** antd Tag colours of the states. */
export const recordStateColors: Record<RecordState, string> = {
  draft: 'default',
  submitted: 'processing',
  unit_approved: 'blue',
  verified: 'success',
  returned: 'warning',
  rejected: 'error',
};

export const recordStateOptions = (Object.keys(recordStateLabels) as RecordState[]).map((value) => ({
  value,
  label: recordStateLabels[value],
}));

export const channelLabels: Record<RecordChannel, string> = {
  person: '个人申报',
  unit: '单位申报',
  provider: '施教机构登记',
  platform: '平台自动登记',
};

export const recordCategoryLabels: Record<RecordCategory, string> = {
  public: '公需科目',
  professional: '专业科目',
  both: '公需与专业科目',
};

export const kindLabels: Record<ActivityKind, string> = { ...ACTIVITY_KIND_LABELS };

export const actionLabels: Record<RecordAction, string> = {
  submit: '提交',
  resubmit: '重新提交',
  withdraw: '撤回',
  approve: '初审通过',
  verify: '核定',
  return: '退回修改',
  reject: '不予认定',
  overturn: '抽查撤销',
};

/** History steps (GET /records/:id/history `action`): declared, edited and each decision. */
export const historyActionLabels: Record<string, string> = {
  declare: '申报（草稿）',
  declared: '申报（草稿）',
  edit: '修改',
  edited: '修改',
  registered: '施教机构登记',
  ...actionLabels,
  auto_verified: '自动核定',
};

/** "XX单位（初审）" — what the holder does with the record now. */
export const holderStageLabels: Record<HolderRole, string> = {
  person: '待本人处理',
  unit: '初审',
  bureau: '核定',
  authority: '核定',
  provider: '待施教机构提交',
};

export function holderText(holder: { role: HolderRole; name: string }, state: RecordState): string {
  if (holder.role === 'person') return state === 'returned' ? `${holder.name}（退回修改）` : `${holder.name}（待提交）`;
  if (holder.role === 'unit' && state === 'draft') return `${holder.name}（待提交）`;
  if (holder.role === 'provider') return `${holder.name}（待提交）`;
  return `${holder.name}（${holderStageLabels[holder.role]}）`;
}

const yesNo = (value: unknown) => (value === true ? '是' : '否');
const rankText = (value: unknown) => (typeof value === 'number' ? `第${value}名` : '—');
const labelOf = (labels: Readonly<Record<string, string>>, value: unknown) =>
  typeof value === 'string' ? (labels[value] ?? value) : '—';

/** The kind-specific fields of an activity in words, e.g. `会议级别：省级；会议天数：2天；交流论文或作报告：是`. */
export function activityDetails(activity: Activity): { label: string; value: string }[] {
  const a = activity as Record<string, unknown>;
  const hours = () => (typeof a.hours === 'number' ? `${a.hours}学时` : '—');
  const category = () => labelOf(recordCategoryLabels, a.category);
  switch (activity.kind) {
    case 'base_training':
    case 'seminar':
      return [{ label: '申报学时', value: hours() }, { label: '科目类别', value: category() }];
    case 'degree_course':
      return [{ label: '考试合格课程', value: `${String(a.coursesPassed)}门` }];
    case 'course_study':
      return [{ label: '进修时间', value: `${String(a.months)}个月` }];
    case 'conference':
      return [
        { label: '会议级别', value: labelOf(CONFERENCE_LEVEL_LABELS, a.level) },
        { label: '会议天数', value: `${String(a.days)}天` },
        { label: '交流论文或作报告', value: yesNo(a.presented) },
      ];
    case 'project':
      return a.level === 'city'
        ? [{ label: '课题级别', value: labelOf(PROJECT_LEVEL_LABELS, a.level) }, { label: '确定学时', value: hours() }]
        : [
            { label: '课题级别', value: labelOf(PROJECT_LEVEL_LABELS, a.level) },
            { label: '课题类别', value: labelOf(PROJECT_ROLE_LABELS, a.role) },
            { label: '本人排名', value: rankText(a.rank) },
          ];
    case 'book':
      return [
        { label: '本人撰写字数', value: typeof a.characters === 'number' ? `${a.characters.toLocaleString('zh-CN')}字` : '—' },
        { label: '本人角色', value: typeof a.rank === 'number' ? (BOOK_RANK_LABELS[a.rank - 1] ?? rankText(a.rank)) : '—' },
      ];
    case 'paper':
      return [{ label: '期刊类别', value: labelOf(PAPER_TIER_LABELS, a.tier) }, { label: '作者排名', value: rankText(a.rank) }];
    case 'patent':
      return [{ label: '专利类型', value: labelOf(PATENT_TYPE_LABELS, a.type) }, { label: '发明人排名', value: rankText(a.rank) }];
    case 'award':
      return [{ label: '奖励级别', value: labelOf(AWARD_LEVEL_LABELS, a.level) }, { label: '获奖证书列名', value: yesNo(a.listed) }];
    case 'exam':
      return [{ label: '考试类别', value: labelOf(EXAM_LEVEL_LABELS, a.level) }];
    case 'report_adopted':
    case 'aid_service':
      return [];
    case 'grassroots_service':
      return [{ label: '服务天数', value: `${String(a.days)}天` }];
    case 'guide_course':
      return [{ label: '课程代码', value: typeof a.courseCode === 'string' ? a.courseCode : '—' }];
    case 'other':
      return [
        { label: '地方规定', value: typeof a.ruleCode === 'string' ? a.ruleCode : '—' },
        ...(a.hours !== undefined ? [{ label: '申报学时', value: hours() }] : []),
        ...(a.category !== undefined ? [{ label: '科目类别', value: category() }] : []),
      ];
  }
}

/** The same details on one line. */
export const activitySummary = (activity: Activity): string =>
  activityDetails(activity).map((d) => `${d.label}：${d.value}`).join('；');

/** `12学时` / `视为完成全年` / `12.5学时`. */
export function hoursText(record: { hours: number; fullYear?: boolean | undefined; category?: string }): string {
  if (record.fullYear || record.category === 'both') return record.hours > 0 ? `${record.hours}学时（视为完成全年）` : '视为完成全年';
  return `${record.hours}学时`;
}
