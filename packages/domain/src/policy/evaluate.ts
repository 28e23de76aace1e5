// `evaluate(policy, activity)`: the hours one activity earns under one policy version, with the
// clause, rule and version that produced them and a one-line Chinese explanation (SPEC "Further rules").
// Invalid activities give field-named issues; an activity the policy gives no hours gives 0 hours.

import { parseActivity } from './activity.ts';
import {
  ACTIVITY_KIND_LABELS,
  AWARD_LEVEL_LABELS,
  BOOK_RANK_LABELS,
  CATEGORY_LABELS,
  CONFERENCE_LEVEL_LABELS,
  EXAM_LEVEL_LABELS,
  PAPER_TIER_LABELS,
  PATENT_TYPE_LABELS,
  PROJECT_LEVEL_LABELS,
  PROJECT_ROLE_LABELS,
  type Activity,
} from './activity-types.ts';
import { type Outcome, explain, formatCharacters, ordinal, rankLimitReason, times } from './explain.ts';
import { evaluateGuideCourse, evaluateLocalRule } from './evaluate-external.ts';
import { formatHours } from './hours.ts';
import { ruleFor } from './policy-select.ts';
import type { PublicSubjectGuide } from './guide.ts';
import type { Category, Checked, Clause, EvaluatedCategory, FieldIssue, PolicyDocument, PolicyValue, RankedValues, Rule } from './types.ts';

/** The result of evaluating one activity. `hours` in tenths. */
export type Evaluation = {
  readonly hours: number;
  readonly category: EvaluatedCategory;
  readonly clause: Clause;
  /** The rule that produced the hours: a rule of Art. 7 or a local rule of Art. 7(13). */
  readonly ruleCode: string;
  readonly policyVersion: string;
  /** The hours rest on a placeholder value (SPEC: never shown as the official number). */
  readonly provisional: boolean;
  /** The activity completes the whole year (Art. 7(3) course study over the threshold, Art. 7(11)). */
  readonly fullYear: boolean;
  readonly explanation: string;
};

/** What evaluation needs besides the policy. */
export type EvaluationContext = {
  /** The public-subject guide of the record's year (needed for `guide_course`). */
  readonly guide?: PublicSubjectGuide;
  /**
   * Codes of the issuers whose local rules apply to the person (their city or province-administered
   * county bureau, their industry authority). Absent: any local rule of the policy may be used.
   */
  readonly issuerCodes?: readonly string[];
};

/** What a kind's calculation returns; `evaluate` adds the rule, version and explanation. */
export type Computed = {
  readonly subject: string;
  readonly outcome: Outcome;
  readonly provisional: boolean;
  readonly category?: EvaluatedCategory;
  readonly clause?: Clause;
  readonly ruleCode?: string;
};

export type Computation = { readonly ok: true; readonly value: Computed } | { readonly ok: false; readonly errors: readonly FieldIssue[] };

/** Evaluates one activity (hours in tenths) under `policy`. */
export function evaluate(policy: PolicyDocument, activity: Activity, context: EvaluationContext = {}): Checked<Evaluation> {
  const parsed = parseActivity(activity);
  if (!parsed.ok) return parsed;

  const computation = compute(policy, parsed.value, context);
  if (!computation.ok) return computation;

  const { subject, outcome, provisional } = computation.value;
  const rule = parsed.value.kind === 'other' ? undefined : ruleFor(policy, parsed.value.kind);
  const clause = computation.value.clause ?? rule?.clause ?? '';
  const evaluation: Evaluation = {
    hours: outcome.type === 'hours' ? outcome.hours : 0,
    category: computation.value.category ?? ruleCategory(rule),
    clause,
    ruleCode: computation.value.ruleCode ?? rule?.code ?? '',
    policyVersion: policy.id,
    provisional,
    fullYear: outcome.type === 'full_year',
    explanation: explain({ clause, subject, outcome, provisional }),
  };
  return { ok: true, value: evaluation };
}

function ruleCategory(rule: Rule | undefined): EvaluatedCategory {
  if (!rule || rule.category === 'declared') return 'professional';
  return rule.category;
}

function failure(field: string, message: string): Computation {
  return { ok: false, errors: [{ field: `activity.${field}`, message }] };
}

function success(value: Computed): Computation {
  return { ok: true, value };
}

function hours(value: number): Outcome {
  return { type: 'hours', hours: value };
}

function compute(policy: PolicyDocument, activity: Activity, context: EvaluationContext): Computation {
  if (activity.kind === 'other') return evaluateLocalRule({ policy, activity, issuerCodes: context.issuerCodes });

  const rule = ruleFor(policy, activity.kind);
  if (!rule) return failure('kind', `政策版本 ${policy.id} 未规定“${ACTIVITY_KIND_LABELS[activity.kind]}”的学时`);

  switch (activity.kind) {
    case 'base_training':
    case 'seminar': {
      // Art. 7(1), 7(2): actual hours as declared and verified; the category of the programme.
      const category = declaredCategory(rule, activity.category);
      if (!category.ok) return category;
      const subject = `${rule.title}（${CATEGORY_LABELS[category.value]}，按实际学时）`;
      return success({ subject, outcome: hours(activity.hours), provisional: false, category: category.value });
    }
    case 'degree_course': {
      // Art. 7(3): per course passed.
      if (rule.kind !== 'degree_course') return mismatch(rule);
      const subject = `学历（学位）教育通过课程${times(activity.coursesPassed, '门', rule.perCourse.value)}`;
      return success(earn({ subject, value: rule.perCourse, count: activity.coursesPassed }));
    }
    case 'course_study': {
      // Art. 7(3): per month; over the threshold the whole year counts as complete.
      if (rule.kind !== 'course_study') return mismatch(rule);
      const threshold = rule.fullYearAfterMonths;
      if (activity.months > threshold.value) {
        const subject = `课程进修${activity.months}个月（超过${threshold.value}个月）`;
        return success({ subject, outcome: { type: 'full_year' }, provisional: threshold.provisional });
      }
      const subject = `课程进修${times(activity.months, '个月', rule.perMonth.value)}`;
      return success(earn({ subject, value: rule.perMonth, count: activity.months }));
    }
    case 'conference': {
      // Art. 7(4): per day by level; presenting a paper or report adds hours once per conference.
      if (rule.kind !== 'conference') return mismatch(rule);
      const { perDay, presentationBonus } = rule.levels[activity.level];
      const bonus = activity.presented ? presentationBonus.value : 0;
      const bonusText = activity.presented ? `＋交流论文或报告${formatHours(bonus)}学时` : '';
      return success({
        subject: `${CONFERENCE_LEVEL_LABELS[activity.level]}学术会议${times(activity.days, '天', perDay.value)}${bonusText}`,
        outcome: hours(activity.days * perDay.value + bonus),
        provisional: perDay.provisional || (activity.presented && presentationBonus.provisional),
      });
    }
    case 'project': {
      // Art. 7(5): city-level projects are set by the unit's authority; the others by level, role and rank.
      if (rule.kind !== 'project') return mismatch(rule);
      if (activity.level === 'city') {
        const subject = `${PROJECT_LEVEL_LABELS.city}课题（学时由主管部门确定）`;
        return success({ subject, outcome: hours(activity.hours), provisional: false });
      }
      const subject = `${PROJECT_LEVEL_LABELS[activity.level]}${PROJECT_ROLE_LABELS[activity.role]}${ordinal(activity.rank)}`;
      return success(byRank({ subject, values: rule.levels[activity.level][activity.role], rank: activity.rank }));
    }
    case 'book': {
      // Art. 7(6): per 10,000 characters by role; part of 10,000 counts in proportion, rounded down to 0.1.
      if (rule.kind !== 'book') return mismatch(rule);
      const ranked = rule.perTenThousandCharacters;
      const value = ranked[activity.rank - 1];
      const role = BOOK_RANK_LABELS[activity.rank - 1] ?? ordinal(activity.rank);
      const subject = `著作、译作（${role}）${formatCharacters(activity.characters)}`;
      if (!value) return success(noHours({ subject, reason: rankLimitReason(ranked.length) }));
      const earned = Math.floor((value.value * activity.characters) / 10_000);
      const perTenThousand = `${subject}，每万字${formatHours(value.value)}学时`;
      return success({ subject: perTenThousand, outcome: hours(earned), provisional: value.provisional });
    }
    case 'paper': {
      // Art. 7(6): by journal tier and author rank.
      if (rule.kind !== 'paper') return mismatch(rule);
      const subject = `${PAPER_TIER_LABELS[activity.tier]}论文${ordinal(activity.rank, '作者')}`;
      return success(byRank({ subject, values: rule.tiers[activity.tier], rank: activity.rank }));
    }
    case 'patent': {
      // Art. 7(7): only the first inventor or designer earns hours.
      if (rule.kind !== 'patent') return mismatch(rule);
      const inventor = activity.type === 'design' ? '设计人' : '发明人';
      const subject = `${PATENT_TYPE_LABELS[activity.type]}${ordinal(activity.rank, inventor)}`;
      const onlyFirst = `仅第一${inventor}计学时`;
      return success(byRank({ subject, values: rule.types[activity.type], rank: activity.rank, onlyFirst }));
    }
    case 'award': {
      // Art. 7(8): winners listed on the award certificate.
      if (rule.kind !== 'award') return mismatch(rule);
      const level = AWARD_LEVEL_LABELS[activity.level];
      if (!activity.listed) {
        return success(noHours({ subject: `${level}（非获奖证书列名人员）`, reason: '仅获奖证书列名人员计学时' }));
      }
      return success(earn({ subject: `${level}获奖证书列名人员`, value: rule.levels[activity.level] }));
    }
    case 'exam':
      // Art. 7(9): by exam level.
      if (rule.kind !== 'exam') return mismatch(rule);
      return success(earn({ subject: `通过${EXAM_LEVEL_LABELS[activity.level]}`, value: rule.levels[activity.level] }));
    case 'report_adopted':
      // Art. 7(10): fixed hours.
      if (rule.kind !== 'report_adopted') return mismatch(rule);
      return success(earn({ subject: rule.title, value: rule.fixed }));
    case 'aid_service':
      // Art. 7(11): the year counts as complete, on the unit's or authority's proof.
      return success({ subject: rule.title, outcome: { type: 'full_year' }, provisional: false });
    case 'grassroots_service': {
      // Art. 7(12): per actual day.
      if (rule.kind !== 'grassroots_service') return mismatch(rule);
      const subject = `基层服务活动${times(activity.days, '天', rule.perDay.value)}`;
      return success(earn({ subject, value: rule.perDay, count: activity.days }));
    }
    case 'guide_course':
      // Art. 4: a course of the year's public-subject guide, with the guide's hours.
      return evaluateGuideCourse({ activity, guide: context.guide });
  }
}

/** `count` times a policy value, provisional when the value is. */
function earn(options: { subject: string; value: PolicyValue; count?: number }): Computed {
  const { subject, value, count = 1 } = options;
  return { subject, outcome: hours(count * value.value), provisional: value.provisional };
}

/** An activity the policy gives no hours: 0 hours with the reason (not an error, API.md). */
function noHours(options: { subject: string; reason: string }): Computed {
  return { subject: options.subject, outcome: { type: 'no_hours', reason: options.reason }, provisional: false };
}

/** A rank within the ranked values earns its value; a rank beyond them earns nothing (not an error). */
function byRank(options: { subject: string; values: RankedValues; rank: number; onlyFirst?: string }): Computed {
  const value = options.values[options.rank - 1];
  if (!value) return noHours({ subject: options.subject, reason: rankLimitReason(options.values.length, options.onlyFirst) });
  return earn({ subject: options.subject, value });
}

/** Art. 7(1), 7(2): the rule's category, or the programme's when the rule takes the declared one. */
function declaredCategory(rule: Rule, declared: Category): { ok: true; value: Category } | { ok: false; errors: readonly FieldIssue[] } {
  if (rule.category === 'declared' || rule.category === 'both' || rule.category === declared) return { ok: true, value: declared };
  const message = `该类活动只认定${CATEGORY_LABELS[rule.category]}学时`;
  return { ok: false, errors: [{ field: 'activity.category', message }] };
}

/** A policy whose rule for a kind has another kind's shape (cannot pass `parsePolicyDocument`). */
function mismatch(rule: Rule): Computation {
  return failure('kind', `政策规则 ${rule.code} 的格式与活动类型不符`);
}
