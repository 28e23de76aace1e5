// Evaluation of the activities whose hours come from outside Art. 7's table: a course of the year's
// public-subject guide (Art. 4) and a local rule of a bureau or authority (Art. 7(13)).

import type { GuideCourseActivity, OtherActivity } from './activity-types.ts';
import { CATEGORY_LABELS } from './activity-types.ts';
import type { Computation } from './evaluate.ts';
import { formatHours } from './hours.ts';
import { findGuideCourse, type PublicSubjectGuide } from './guide.ts';
import { findLocalRule } from './policy-select.ts';
import type { Category, FieldIssue, PolicyDocument } from './types.ts';

function failure(field: string, message: string): Computation {
  return { ok: false, errors: [{ field: `activity.${field}`, message }] };
}

/** Art. 4: the guide's course with its hours; the category is the guide rule's (public). */
export function evaluateGuideCourse(options: { activity: GuideCourseActivity; guide: PublicSubjectGuide | undefined }): Computation {
  const { activity, guide } = options;
  if (!guide) return failure('courseCode', '未提供该年度的公需科目指南，无法核算指南课程学时');

  const course = findGuideCourse(guide, activity.courseCode);
  if (!course) return failure('courseCode', `课程 ${activity.courseCode} 不在${guide.year}年度公需科目指南中`);

  const subject = `${guide.year}年度公需科目指南课程 ${course.code}《${course.title}》`;
  return { ok: true, value: { subject, outcome: { type: 'hours', hours: course.hours }, provisional: false } };
}

/**
 * Art. 7(13): a local rule of the policy, issued by a bureau or authority whose rules apply to the
 * person (when `issuerCodes` is given). The rule sets the category (or takes the declared one) and
 * counts hours as declared (capped at its maximum) or fixed per record.
 */
export function evaluateLocalRule(options: {
  policy: PolicyDocument;
  activity: OtherActivity;
  issuerCodes: readonly string[] | undefined;
}): Computation {
  const { policy, activity, issuerCodes } = options;
  const rule = findLocalRule(policy, activity.ruleCode);
  if (!rule) return failure('ruleCode', `政策版本 ${policy.id} 中没有代码为 ${activity.ruleCode} 的地方规则`);
  if (issuerCodes && !issuerCodes.includes(rule.issuer.code)) {
    return failure('ruleCode', `地方规则 ${rule.code} 由${rule.issuer.name}制定，不适用于本人所在地区或行业`);
  }

  const category = localCategory(rule.category, activity.category);
  if (!category.ok) return category;

  const subject = `${rule.issuer.name}地方规则 ${rule.code}《${rule.title}》`;
  const common = { category: category.value, clause: rule.clause, ruleCode: rule.code };

  if (rule.method.kind === 'fixed') {
    const fixed = rule.method.hours;
    const outcome = { type: 'hours', hours: fixed.value } as const;
    return { ok: true, value: { ...common, subject: `${subject}每项`, outcome, provisional: fixed.provisional } };
  }

  if (activity.hours === undefined) return failure('hours', `地方规则 ${rule.code} 按申报学时计算，请填写学时`);
  const max = rule.method.maxHours;
  if (max && activity.hours > max.value) {
    const capped = `${subject}（每项最多${formatHours(max.value)}学时）`;
    return { ok: true, value: { ...common, subject: capped, outcome: { type: 'hours', hours: max.value }, provisional: max.provisional } };
  }
  const outcome = { type: 'hours', hours: activity.hours } as const;
  return { ok: true, value: { ...common, subject: `${subject}按申报学时`, outcome, provisional: false } };
}

type CategoryResult = { ok: true; value: Category } | { ok: false; errors: readonly FieldIssue[] };

function localCategory(ruleCategory: Category | 'declared', declared: Category | undefined): CategoryResult {
  const refuse = (message: string): CategoryResult => ({ ok: false, errors: [{ field: 'activity.category', message }] });
  if (ruleCategory === 'declared') {
    if (declared === undefined) return refuse('该地方规则按申报的科目类别计算，请填写科目类别');
    return { ok: true, value: declared };
  }
  if (declared !== undefined && declared !== ruleCategory) return refuse(`该地方规则只认定${CATEGORY_LABELS[ruleCategory]}学时`);
  return { ok: true, value: ruleCategory };
}
