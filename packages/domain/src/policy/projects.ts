// SPEC "Further rules": a record belongs to the year its activity ended or its achievement was dated;
// project hours count per year while the project runs within its planned period (Art. 7(5)).

import type { Activity, ProjectActivity } from './activity-types.ts';

/**
 * Whether a project earns its yearly hours in `year`. `recordYear` is the record's year: the year the
 * project ended (结题), or for a project still running the latest year it is declared for.
 * - With a planned period: every year from the planned start to the planned end, but not after the
 *   record's year (the project is not known to run after it) — years outside the plan never earn.
 * - Without one: only the record's year.
 */
export function projectEarnsInYear(options: { activity: ProjectActivity; year: number; recordYear: number }): boolean {
  const { activity, year, recordYear } = options;
  const { plannedStartYear: start, plannedEndYear: end } = activity;
  if (start === undefined || end === undefined) return year === recordYear;
  return year >= start && year <= Math.min(end, recordYear);
}

/** The years a project earns hours in (see `projectEarnsInYear`), ascending; empty when none. */
export function projectEarningYears(options: { activity: ProjectActivity; recordYear: number }): number[] {
  const { activity, recordYear } = options;
  const { plannedStartYear: start, plannedEndYear: end } = activity;
  if (start === undefined || end === undefined) return [recordYear];

  const years: number[] = [];
  for (let year = start; year <= Math.min(end, recordYear); year += 1) years.push(year);
  return years;
}

/** Whether a record of `recordYear` counts in `year`: its own year, or a year its project earns in. */
export function recordEarnsInYear(options: { activity: Activity; year: number; recordYear: number }): boolean {
  const { activity, year, recordYear } = options;
  if (activity.kind === 'project') return projectEarnsInYear({ activity, year, recordYear });
  return year === recordYear;
}
