// 年度完成情况: a person's requirement for a year (Art. 5 after the reductions of Art. 8) against the
// hours their verified records earn (Art. 7), and whether the year is complete.

import type { Activity } from './activity-types.ts';
import { evaluate, type Evaluation, type EvaluationContext } from './evaluate.ts';
import type { PublicSubjectGuide } from './guide.ts';
import { recordEarnsInYear } from './projects.ts';
import { computeReduction, describeSplit, type LeavePeriod, type ReductionOutcome } from './reductions.ts';
import { selectClaims } from './select-claims.ts';
import type { FieldIssue, HoursSplit, PolicyDocument } from './types.ts';

/** One of the person's records. */
export type YearRecord = {
  readonly id: string;
  /** The record's year: the year the activity ended or the achievement was dated. */
  readonly year: number;
  readonly activity: Activity;
  /** Verified (核定) and not overturned by a spot check: only these count (Art. 11). */
  readonly verified: boolean;
};

export type CountedRecord = { readonly id: string; readonly year: number; readonly evaluation: Evaluation };

export type ExcludedRecord = {
  readonly id: string;
  readonly reason: 'not_verified' | 'invalid' | 'duplicate' | 'outside_planned_period';
  readonly message: string;
  readonly duplicateOf?: string;
  readonly errors?: readonly FieldIssue[];
};

export type YearlyStatus = {
  readonly year: number;
  readonly policyVersion: string;
  /** Art. 5 after Art. 8 (tenths). */
  readonly required: HoursSplit;
  /** Hours of the counted records (tenths). */
  readonly earned: HoursSplit;
  /** Hours still missing (tenths); all 0 once complete. */
  readonly shortfall: HoursSplit;
  readonly complete: boolean;
  /** A record completes the whole year (Art. 7(3) course study over the threshold, Art. 7(11)). */
  readonly fullYear: boolean;
  /** Some number behind this status is a placeholder of the policy. */
  readonly provisional: boolean;
  readonly reduction: ReductionOutcome;
  /** The records that count for the year, by id. */
  readonly records: readonly CountedRecord[];
  /** The year's records that do not count, with the reason, by id. */
  readonly excluded: readonly ExcludedRecord[];
  readonly explanation: string;
};

export type YearlyStatusOptions = {
  /** The version in force for the year (`policyForYear`). */
  readonly policy: PolicyDocument;
  readonly year: number;
  /** The person's records (any years: those of other years are left out, except projects earning in it). */
  readonly records: readonly YearRecord[];
  /** The person's leave periods (Art. 8). */
  readonly reductions: readonly LeavePeriod[];
  /** The year's public-subject guide (needed when a record is a guide course). */
  readonly guide?: PublicSubjectGuide;
  readonly issuerCodes?: readonly string[];
};

/** The person's status for `year`. Deterministic: the order of `records` and `reductions` does not matter. */
export function yearlyStatus(options: YearlyStatusOptions): YearlyStatus {
  const { policy, year } = options;
  const context: EvaluationContext = {
    ...(options.guide && options.guide.year === year ? { guide: options.guide } : {}),
    ...(options.issuerCodes ? { issuerCodes: options.issuerCodes } : {}),
  };

  const earning = (record: YearRecord) => recordEarnsInYear({ activity: record.activity, year, recordYear: record.year });
  const ofYear = canonicalOrder(options.records.filter(earning));
  // Art. 7(5): a project of this year whose planned period does not include it earns nothing here.
  const excluded: ExcludedRecord[] = options.records
    .filter((record) => record.year === year && !earning(record))
    .map((record) => ({ id: record.id, reason: 'outside_planned_period', message: '课题不在计划期内，本年度不计学时' }));
  const evaluated: { record: YearRecord; evaluation: Evaluation }[] = [];

  for (const record of ofYear) {
    if (!record.verified) {
      excluded.push({ id: record.id, reason: 'not_verified', message: '记录尚未核定，不计入年度学时' });
      continue;
    }
    const result = evaluate(policy, record.activity, context);
    if (!result.ok) {
      const message = `记录按政策版本 ${policy.id} 无法核算：${result.errors.map((issue) => issue.message).join('；')}`;
      excluded.push({ id: record.id, reason: 'invalid', message, errors: result.errors });
      continue;
    }
    evaluated.push({ record, evaluation: result.value });
  }

  // SPEC "Further rules": the same achievement earns hours once. Claims are told apart by position,
  // so that even records sharing an id are never conflated.
  const claims = evaluated.map((item, index) => ({ id: String(index), activity: item.record.activity, hours: item.evaluation.hours }));
  const selection = selectClaims(claims);
  const records: CountedRecord[] = [];
  evaluated.forEach((item, index) => {
    const first = selection.duplicateOf.get(String(index));
    if (selection.counted.has(String(index))) {
      records.push({ id: item.record.id, year: item.record.year, evaluation: item.evaluation });
      return;
    }
    const firstId = evaluated[Number(first)]?.record.id ?? '';
    const message = `与记录 ${firstId} 为同一成果，不重复计算学时`;
    excluded.push({ id: item.record.id, reason: 'duplicate', message, duplicateOf: firstId });
  });

  const reduction = computeReduction({ policy, year, periods: options.reductions });
  const earned = sumByCategory(records.map((item) => item.evaluation));
  const fullYear = records.some((item) => item.evaluation.fullYear);
  const required = reduction.required;
  const shortfall = fullYear ? { total: 0, public: 0, professional: 0 } : shortfallOf({ required, earned });
  const complete = shortfall.total === 0;

  return {
    year,
    policyVersion: policy.id,
    required,
    earned,
    shortfall,
    complete,
    fullYear,
    provisional: reduction.provisional || records.some((item) => item.evaluation.provisional),
    reduction,
    records,
    excluded: excluded.sort((a, b) => compareText(a.id, b.id)),
    explanation: describe({ year, required, earned, complete, fullYear }),
  };
}

/** Records sorted by id, then by content, so that the result never depends on the input order. */
function canonicalOrder(records: readonly YearRecord[]): YearRecord[] {
  return records
    .map((record) => ({ record, text: JSON.stringify(record) }))
    .sort((a, b) => compareText(a.record.id, b.record.id) || compareText(a.text, b.text))
    .map((item) => item.record);
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function sumByCategory(evaluations: readonly Evaluation[]): HoursSplit {
  let publicHours = 0;
  let professional = 0;
  for (const evaluation of evaluations) {
    if (evaluation.category === 'public') publicHours += evaluation.hours;
    if (evaluation.category === 'professional') professional += evaluation.hours;
  }
  return { total: publicHours + professional, public: publicHours, professional };
}

/**
 * Art. 5: complete when public ≥ its minimum, professional ≥ its minimum and total ≥ the total; the
 * total still missing covers both minimums.
 */
function shortfallOf(options: { required: HoursSplit; earned: HoursSplit }): HoursSplit {
  const { required, earned } = options;
  const publicShort = Math.max(0, required.public - earned.public);
  const professionalShort = Math.max(0, required.professional - earned.professional);
  const total = Math.max(required.total - earned.total, publicShort + professionalShort, 0);
  return { total, public: publicShort, professional: professionalShort };
}

function describe(options: { year: number; required: HoursSplit; earned: HoursSplit; complete: boolean; fullYear: boolean }): string {
  const { year, required, earned, complete, fullYear } = options;
  const verdict = fullYear ? '视为完成全年学时' : complete ? '已完成' : '未完成';
  return `${year}年度应修${describeSplit(required)}，已核定${describeSplit(earned)}：${verdict}`;
}
