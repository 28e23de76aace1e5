// SPEC "Further rules": records for year Y can be declared until the policy's deadline (default
// 31 January of Y+1, provisional); after it the year is closed and its status final, except through a
// spot-check correction. Dates are those of the Asia/Shanghai business calendar (DESIGN "Time").

import { dayNumber, dateFromDayNumber, formatDate, shanghaiDate, shanghaiStartOfDay } from './dates.ts';
import type { DateString, PolicyDocument } from './types.ts';

export type DeclarationWindow = {
  /** First day records of the year can be declared: 1 January of the year. */
  readonly opensOn: DateString;
  /** Last day (inclusive) records of the year can be declared. */
  readonly closesOn: DateString;
  /** The instant the window opens (00:00 Asia/Shanghai of `opensOn`). */
  readonly opensAt: Date;
  /** The instant the year closes (00:00 Asia/Shanghai of the day after `closesOn`). */
  readonly closesAt: Date;
  readonly provisional: boolean;
};

/** The window in which records of `year` can be declared under `policy`. */
export function declarationWindow(policy: PolicyDocument, year: number): DeclarationWindow {
  const deadline = policy.declarationDeadline;
  const opensOn = formatDate({ year, month: 1, day: 1 });
  const closesOn = formatDate({ year: year + deadline.yearOffset, month: deadline.month, day: deadline.day });
  return {
    opensOn,
    closesOn,
    opensAt: shanghaiStartOfDay(opensOn),
    closesAt: shanghaiStartOfDay(dateFromDayNumber(dayNumber(closesOn) + 1)),
    provisional: deadline.provisional,
  };
}

/**
 * Whether records of `year` can be declared at the instant `now`: from 1 January of the year to the
 * deadline day inclusive, both read in Asia/Shanghai (a year cannot be declared before it begins).
 */
export function isDeclarationOpen(policy: PolicyDocument, year: number, now: Date): boolean {
  const today = shanghaiDate(now);
  const window = declarationWindow(policy, year);
  return today >= window.opensOn && today <= window.closesOn;
}
