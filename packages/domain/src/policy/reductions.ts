// Art. 8: the year's requirement is reduced in proportion to the time actually on the job, for leave
// periods declared with proof and approved: (1) working abroad and (2) sick leave when they last more
// than 6 months of the year (provisional threshold), (3) maternity leave, (4) other approved cases.

import { type FieldReader, checked, readerFor } from './check.ts';
import { dayNumber, daysInYear, isDateString } from './dates.ts';
import { ceilDiv, formatHours } from './hours.ts';
import { REDUCTION_KIND_LABELS } from './policy-document.ts';
import type { Checked, DateString, FieldIssue, HoursSplit, PolicyDocument, ReductionKind, Requirement } from './types.ts';

/** A leave period (dates inclusive). Only approved (`verified`) periods reduce the requirement. */
export type LeavePeriod = {
  readonly id?: string;
  readonly kind: ReductionKind;
  readonly from: DateString;
  readonly to: DateString;
  readonly verified: boolean;
};

export type ReductionCaseOutcome = {
  readonly kind: ReductionKind;
  readonly clause: string;
  /** Days of this case within the year (overlapping periods counted once). */
  readonly days: number;
  /** Art. 8(1), 8(2): whether the case lasted long enough to apply. */
  readonly applies: boolean;
  /** The decision rests on a provisional threshold. */
  readonly provisional: boolean;
  readonly explanation: string;
};

export type ReductionOutcome = {
  readonly daysInYear: number;
  /** Days off the job through the cases that apply (overlaps between cases counted once). */
  readonly daysOffJob: number;
  readonly daysOnJob: number;
  readonly cases: readonly ReductionCaseOutcome[];
  /** The requirement after the reductions (tenths). */
  readonly required: HoursSplit;
  readonly provisional: boolean;
  readonly explanation: string;
  /** Verified periods that were ignored because their dates are invalid. */
  readonly ignored: readonly LeavePeriod[];
};

type DayRange = { readonly start: number; readonly end: number };

/** The requirement of `year` after the approved leave periods (Art. 5 reduced by Art. 8). */
export function computeReduction(options: { policy: PolicyDocument; year: number; periods: readonly LeavePeriod[] }): ReductionOutcome {
  const { policy, year } = options;
  const yearDays = daysInYear(year);
  const yearRange: DayRange = { start: dayNumber(`${year}-01-01`), end: dayNumber(`${year}-12-31`) };

  const verified = options.periods.filter((period) => period.verified);
  const ignored = verified.filter((period) => !isDateString(period.from) || !isDateString(period.to));
  const usable = verified.filter((period) => !ignored.includes(period));

  const cases: ReductionCaseOutcome[] = [];
  const offJob: DayRange[] = [];
  for (const reductionCase of policy.reductions) {
    const ranges = usable.filter((period) => period.kind === reductionCase.kind).flatMap((period) => clip(toRange(period), yearRange));
    if (ranges.length === 0) continue;

    const days = countDays(ranges);
    const minMonths = reductionCase.minMonths;
    // Art. 8(1), 8(2): "more than N months of the year", measured in days: days / daysInYear > N / 12.
    const applies = minMonths === null || days * 12 > minMonths.value * yearDays;
    if (applies) offJob.push(...ranges);

    const threshold = minMonths === null ? '' : `（${applies ? '超过' : '未超过'}${minMonths.value}个月）`;
    const effect = applies ? '按在岗时间折算' : '不减免学时';
    cases.push({
      kind: reductionCase.kind,
      clause: reductionCase.clause,
      days,
      applies,
      provisional: minMonths?.provisional ?? false,
      explanation: `${reductionCase.clause} ${reductionCase.title}${days}天${threshold}：${effect}`,
    });
  }

  const daysOffJob = countDays(offJob);
  const daysOnJob = yearDays - daysOffJob;
  const required = requiredHours({ requirement: policy.requirement, daysOnJob, daysInYear: yearDays });
  return {
    daysInYear: yearDays,
    daysOffJob,
    daysOnJob,
    cases,
    required,
    provisional: cases.some((item) => item.provisional),
    explanation: describeRequired({ required, daysOnJob, daysInYear: yearDays }),
    ignored,
  };
}

/**
 * Art. 8: the total is ceil(total × days on the job ÷ days in the year) in whole hours, as the measures
 * state it; the public and professional minimums are scaled by the same ratio and rounded up to the
 * tenth. Without a reduction the requirement of Art. 5 is returned unchanged. Never above Art. 5.
 */
export function requiredHours(options: { requirement: Requirement; daysOnJob: number; daysInYear: number }): HoursSplit {
  const { requirement, daysOnJob, daysInYear: yearDays } = options;
  const total = requirement.total.value;
  const publicHours = requirement.public.value;
  const professional = requirement.professional.value;
  if (daysOnJob >= yearDays) return { total, public: publicHours, professional };

  const onJob = Math.max(0, daysOnJob);
  return {
    total: Math.min(total, 10 * ceilDiv(total * onJob, 10 * yearDays)),
    public: Math.min(publicHours, ceilDiv(publicHours * onJob, yearDays)),
    professional: Math.min(professional, ceilDiv(professional * onJob, yearDays)),
  };
}

function describeRequired(options: { required: HoursSplit; daysOnJob: number; daysInYear: number }): string {
  const { required, daysOnJob, daysInYear: yearDays } = options;
  const amounts = describeSplit(required);
  if (daysOnJob === yearDays) return `5 全年在岗：应修${amounts}`;
  return `8 在岗${daysOnJob}天/全年${yearDays}天：应修${amounts}`;
}

/** `90学时（公需科目24，专业科目60）`. */
export function describeSplit(hours: HoursSplit): string {
  const { total, public: publicHours, professional } = hours;
  return `${formatHours(total)}学时（公需科目${formatHours(publicHours)}，专业科目${formatHours(professional)}）`;
}

function toRange(period: LeavePeriod): DayRange {
  return { start: dayNumber(period.from), end: dayNumber(period.to) };
}

function clip(range: DayRange, to: DayRange): DayRange[] {
  const start = Math.max(range.start, to.start);
  const end = Math.min(range.end, to.end);
  return start <= end ? [{ start, end }] : [];
}

/** Days covered by the union of inclusive ranges (overlaps counted once). */
export function countDays(ranges: readonly DayRange[]): number {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  let total = 0;
  let current: DayRange | undefined;
  for (const range of sorted) {
    if (current && range.start <= current.end + 1) {
      current = { start: current.start, end: Math.max(current.end, range.end) };
      continue;
    }
    if (current) total += current.end - current.start + 1;
    current = range;
  }
  if (current) total += current.end - current.start + 1;
  return total;
}

/** Days of `period` within `year` (0 when it lies outside it). */
export function leaveDaysInYear(period: Pick<LeavePeriod, 'from' | 'to'>, year: number): number {
  const yearRange = { start: dayNumber(`${year}-01-01`), end: dayNumber(`${year}-12-31`) };
  return countDays(clip({ start: dayNumber(period.from), end: dayNumber(period.to) }, yearRange));
}

/** Validates a leave period as declared through the API (`{ kind, from, to }`). */
export function parseLeavePeriod(json: unknown, path = 'reduction'): Checked<Omit<LeavePeriod, 'verified' | 'id'>> {
  const issues: FieldIssue[] = [];
  const reader: FieldReader | undefined = readerFor({ value: json, path, label: '减免情形', issues });
  if (!reader) return { ok: false, errors: issues };

  reader.onlyKeys(['kind', 'from', 'to']);
  const kind = reader.choice('kind', { label: '减免情形', choices: REDUCTION_KIND_LABELS });
  const from = reader.date('from', '开始日期');
  const to = reader.date('to', '结束日期');
  if (from !== undefined && to !== undefined && to < from) reader.fail('to', '结束日期不能早于开始日期');
  return checked({ kind: kind ?? 'other_approved', from: from ?? '', to: to ?? '' }, issues);
}
