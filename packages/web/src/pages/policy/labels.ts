import { ACTIVITY_KIND_LABELS } from '@jixu/domain/activity-labels';
import type { ActivityKind, EvaluatedCategory, LeaveKind, LeaveState, PolicyValue } from '../../api/policy.ts';

// Chinese names of the policy's enumerations and of the value paths of a policy document, shared by
// the calculator, the yearly status and the policy pages (the same words as the domain's messages).

// The domain's names (one list), with the full-year kind marked for the calculator's choices.
export const activityKindLabels: Record<ActivityKind, string> = { ...ACTIVITY_KIND_LABELS, aid_service: '援派、基层服务（全年）' };

/** The clause of the measures each kind is counted under (HN-2017; shown in the calculator's list). */
export const activityKindClauses: Record<ActivityKind, string> = {
  base_training: '7(1)',
  seminar: '7(2)',
  degree_course: '7(3)',
  course_study: '7(3)',
  conference: '7(4)',
  project: '7(5)',
  book: '7(6)',
  paper: '7(6)',
  patent: '7(7)',
  award: '7(8)',
  exam: '7(9)',
  report_adopted: '7(10)',
  aid_service: '7(11)',
  grassroots_service: '7(12)',
  guide_course: '4',
  other: '7(13)',
};

export const activityKinds = Object.keys(activityKindLabels) as ActivityKind[];

export const categoryLabels: Record<EvaluatedCategory | 'declared', string> = {
  public: '公需科目',
  professional: '专业科目',
  both: '公需与专业科目',
  declared: '按申报类别',
};

export const leaveKindLabels: Record<LeaveKind, string> = {
  abroad: '出国（境）工作',
  sick_leave: '病休',
  maternity_leave: '产假',
  other_approved: '主管部门批准的其他情形',
};

export const leaveStateLabels: Record<LeaveState, { text: string; color: string }> = {
  pending: { text: '待单位审批', color: 'processing' },
  approved: { text: '已批准', color: 'success' },
  rejected: { text: '未批准', color: 'error' },
};

/** Names of the segments of a value's path in a rule (`levels.national.perDay`). */
const segmentLabels: Record<string, string> = {
  total: '总学时',
  public: '公需科目',
  professional: '专业科目',
  perCourse: '每门课程',
  perMonth: '每月',
  fullYearAfterMonths: '超过该月数视为完成全年',
  national: '国家级',
  provincial: '省级',
  perDay: '每天',
  presentationBonus: '交流论文或报告加计',
  main: '主课题',
  sub: '子课题',
  perTenThousandCharacters: '每万字',
  provincial_core: '省级（核心）期刊',
  issn_cn: 'ISSN和CN刊号期刊',
  invention: '发明专利',
  utility: '实用新型专利',
  design: '外观设计专利',
  senior: '高级资格',
  intermediate: '中级资格',
  junior: '初级资格',
  practising: '执业资格或水平考试',
  fixed: '每项',
  minMonths: '超过月数方可减免',
  maxHours: '每项上限',
  hours: '每项',
};

const skipped = new Set(['levels', 'tiers', 'types']);

/** `国家级 · 主课题 · 第2名` for a path of segments and rank indexes. */
export function pathLabel(path: readonly (string | number)[]): string {
  // Art. 7(6): the first paper tier is foreign journals and those of national first-class societies.
  if (path[0] === 'tiers' && path[1] === 'national') return pathLabel(['国外或国家一级学会期刊', ...path.slice(2)]);
  const words = path
    .filter((segment) => typeof segment === 'number' || !skipped.has(segment))
    .map((segment) => (typeof segment === 'number' ? `第${segment + 1}名` : (segmentLabels[segment] ?? segment)));
  return words.join(' · ');
}

/** Months, not hours, for the two thresholds (Art. 7(3), Art. 8(1)(2)). */
export const isMonths = (path: readonly (string | number)[]): boolean =>
  path.includes('fullYearAfterMonths') || path.includes('minMonths');

export const isPolicyValue = (value: unknown): value is PolicyValue =>
  typeof value === 'object' && value !== null && 'value' in value && 'provisional' in value &&
  typeof (value as PolicyValue).value === 'number' && typeof (value as PolicyValue).provisional === 'boolean';

/** Every value of a rule (or any part of a document), with its path, in document order. */
export function valuesOf(node: unknown, path: (string | number)[] = []): { path: (string | number)[]; value: PolicyValue }[] {
  if (isPolicyValue(node)) return [{ path, value: node }];
  if (Array.isArray(node)) return node.flatMap((item, index) => valuesOf(item, [...path, index]));
  if (typeof node === 'object' && node !== null) {
    return Object.entries(node).flatMap(([key, value]) => valuesOf(value, [...path, key]));
  }
  return [];
}

/** `8学时`, `6个月`, `37.5学时` for a stored value (hours in tenths). */
export function formatValue(path: readonly (string | number)[], value: number): string {
  return isMonths(path) ? `${value}个月` : `${value / 10}学时`;
}
