// The one-line Chinese explanation of an evaluation (SPEC "Further rules"), e.g.
// "7(5) 国家级主课题第2名：60学时（暂定标准）". A provisional value is always marked as such, so a
// placeholder is never presented as the official number.

import { formatHours } from './hours.ts';
import type { Clause } from './types.ts';

export const PROVISIONAL_MARK = '（暂定标准）';

/** What an evaluation produced, before it is written out. */
export type Outcome =
  | { readonly type: 'hours'; readonly hours: number }
  | { readonly type: 'full_year' }
  | { readonly type: 'no_hours'; readonly reason: string };

export function explain(options: { clause: Clause; subject: string; outcome: Outcome; provisional: boolean }): string {
  const mark = options.provisional ? PROVISIONAL_MARK : '';
  return `${options.clause} ${options.subject}：${describeOutcome(options.outcome)}${mark}`;
}

export function describeOutcome(outcome: Outcome): string {
  switch (outcome.type) {
    case 'hours':
      return `${formatHours(outcome.hours)}学时`;
    case 'full_year':
      return '视为完成全年学时';
    case 'no_hours':
      return `不计学时（${outcome.reason}）`;
  }
}

/** `2天×8学时`: a count times a per-unit value (tenths). */
export function times(count: number, unit: string, perUnitTenths: number): string {
  return `${count}${unit}×${formatHours(perUnitTenths)}学时`;
}

/** `第2名`, `第1发明人`. */
export function ordinal(rank: number, noun = '名'): string {
  return `第${rank}${noun}`;
}

/** Why a rank beyond the ranked values earns nothing: `仅前4名计学时`, or `仅第一发明人（设计人）计学时`. */
export function rankLimitReason(ranksWithHours: number, onlyFirst = '仅前1名计学时'): string {
  return ranksWithHours === 1 ? onlyFirst : `仅前${ranksWithHours}名计学时`;
}

/** `125000字` → `12.5万字`; below 10,000 characters the plain count. */
export function formatCharacters(characters: number): string {
  if (characters < 10_000) return `${characters}字`;
  const tenThousands = Number((characters / 10_000).toFixed(4));
  return `${tenThousands}万字`;
}
