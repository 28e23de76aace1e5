// Test-only fast-check arbitraries of valid domain activities, records and leave periods. Not exported
// from the package. Identifiers come from small pools so that duplicate claims actually occur.

import fc from 'fast-check';
import type { Activity } from './activity-types.ts';
import { formatDate } from './dates.ts';
import type { LeavePeriod } from './reductions.ts';
import { GUIDE_2024 } from './test-fixtures.ts';
import type { YearRecord } from './yearly-status.ts';

const category = fc.constantFrom('public' as const, 'professional' as const);
const rank = fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 99 }));
const tenths = fc.integer({ min: 1, max: 100_000 });

/** A date of `year` (or of the years around it). */
export function dateIn(years: { min: number; max: number }): fc.Arbitrary<string> {
  return fc
    .record({ year: fc.integer(years), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
    .map((date) => formatDate(date));
}

/** A period: two dates in order. */
export function periodIn(years: { min: number; max: number }): fc.Arbitrary<{ from: string; to: string }> {
  return fc.tuple(dateIn(years), dateIn(years)).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));
}

const trainingPeriod = fc.option(periodIn({ min: 2024, max: 2024 }), { nil: undefined });
const programmeCode = fc.option(fc.constantFrom('PX-01', 'PX-02'), { nil: undefined });

function training(kind: 'base_training' | 'seminar'): fc.Arbitrary<Activity> {
  return fc.record({ hours: tenths, category, programmeCode, period: trainingPeriod }).map(({ hours, category: c, programmeCode: code, period }) => ({
    kind,
    hours,
    category: c,
    ...(code === undefined ? {} : { programmeCode: code }),
    ...(period ?? {}),
  }));
}

const project: fc.Arbitrary<Activity> = fc.oneof(
  fc
    .record({
      level: fc.constantFrom('national' as const, 'provincial' as const),
      role: fc.constantFrom('main' as const, 'sub' as const),
      rank,
      planned: fc.option(fc.tuple(fc.integer({ min: 2020, max: 2024 }), fc.integer({ min: 0, max: 4 })), { nil: undefined }),
      projectCode: fc.option(fc.constantFrom('PJ-1', 'PJ-2'), { nil: undefined }),
    })
    .map(({ planned, projectCode, ...rest }) => ({
      kind: 'project' as const,
      ...rest,
      ...(planned ? { plannedStartYear: planned[0], plannedEndYear: planned[0] + planned[1] } : {}),
      ...(projectCode === undefined ? {} : { projectCode }),
    })),
  fc.record({ hours: tenths }).map(({ hours }) => ({ kind: 'project' as const, level: 'city' as const, hours })),
);

/** A valid activity of any kind except `other` and `guide_course` (which need a context). */
export const plainActivity: fc.Arbitrary<Activity> = fc.oneof(
  training('base_training'),
  training('seminar'),
  fc.record({ coursesPassed: fc.integer({ min: 1, max: 100 }) }).map((a) => ({ kind: 'degree_course' as const, ...a })),
  fc.record({ months: fc.integer({ min: 1, max: 120 }) }).map((a) => ({ kind: 'course_study' as const, ...a })),
  fc
    .record({ level: fc.constantFrom('national' as const, 'provincial' as const), days: fc.integer({ min: 1, max: 366 }), presented: fc.boolean() })
    .map((a) => ({ kind: 'conference' as const, ...a })),
  project,
  fc.record({ characters: fc.integer({ min: 1, max: 100_000_000 }), rank }).map((a) => ({ kind: 'book' as const, ...a })),
  fc
    .record({ tier: fc.constantFrom('national' as const, 'provincial_core' as const, 'issn_cn' as const), rank })
    .map((a) => ({ kind: 'paper' as const, ...a })),
  fc
    .record({
      type: fc.constantFrom('invention' as const, 'utility' as const, 'design' as const),
      rank,
      patentNumber: fc.option(fc.constantFrom('ZL201910123456.7', 'ZL 2019 1 0123456.7', 'ZL202020654321.X'), { nil: undefined }),
    })
    .map(({ patentNumber, ...a }) => ({ kind: 'patent' as const, ...a, ...(patentNumber === undefined ? {} : { patentNumber }) })),
  fc.record({ level: fc.constantFrom('national' as const, 'provincial' as const), listed: fc.boolean() }).map((a) => ({ kind: 'award' as const, ...a })),
  fc
    .record({
      level: fc.constantFrom('senior' as const, 'intermediate' as const, 'junior' as const, 'practising' as const),
      certificateNumber: fc.option(fc.constantFrom('C-0001', 'C-0002'), { nil: undefined }),
    })
    .map(({ certificateNumber, ...a }) => ({ kind: 'exam' as const, ...a, ...(certificateNumber === undefined ? {} : { certificateNumber }) })),
  fc.constant({ kind: 'report_adopted' as const }),
  fc.constant({ kind: 'aid_service' as const }),
  fc.record({ days: fc.integer({ min: 1, max: 366 }) }).map((a) => ({ kind: 'grassroots_service' as const, ...a })),
);

/** Activities served by the context of the tests: GUIDE_2024 and LOCAL_RULES. */
export const contextActivity: fc.Arbitrary<Activity> = fc.oneof(
  fc.constantFrom(...GUIDE_2024.courses.map((course) => course.code)).map((courseCode) => ({ kind: 'guide_course' as const, courseCode })),
  fc.constant({ kind: 'other' as const, ruleCode: 'ZZ-2019-01' }),
  fc.record({ hours: tenths, category }).map((a) => ({ kind: 'other' as const, ruleCode: 'WJ-2020-02', ...a })),
  fc.constant({ kind: 'other' as const, ruleCode: 'LY-2021-01', category: 'public' as const }),
  fc.record({ hours: tenths }).map((a) => ({ kind: 'other' as const, ruleCode: 'ZZ-2022-03', ...a })),
);

export const anyActivity: fc.Arbitrary<Activity> = fc.oneof({ arbitrary: plainActivity, weight: 5 }, { arbitrary: contextActivity, weight: 1 });

/** An activity that is never full-year (to study hours alone). */
export const hoursActivity: fc.Arbitrary<Activity> = anyActivity.filter(
  (activity) => activity.kind !== 'aid_service' && !(activity.kind === 'course_study' && activity.months > 6),
);

/** A full-year activity (Art. 7(3) course study over 6 months, Art. 7(11)). */
export const fullYearActivity: fc.Arbitrary<Activity> = fc.oneof(
  fc.constant({ kind: 'aid_service' as const }),
  fc.integer({ min: 7, max: 120 }).map((months) => ({ kind: 'course_study' as const, months })),
);

/** A record of a year around 2024, ids from a small pool (so some are shared). */
export function recordOf(activity: fc.Arbitrary<Activity>, options: { verified?: boolean } = {}): fc.Arbitrary<YearRecord> {
  return fc.record({
    id: fc.integer({ min: 0, max: 30 }).map((n) => `r${String(n).padStart(2, '0')}`),
    year: fc.oneof({ arbitrary: fc.constant(2024), weight: 4 }, { arbitrary: fc.integer({ min: 2022, max: 2026 }), weight: 1 }),
    activity,
    verified: options.verified === undefined ? fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }) : fc.constant(options.verified),
  });
}

export const anyRecords: fc.Arbitrary<YearRecord[]> = fc.array(recordOf(anyActivity), { maxLength: 12 });

/** A leave period around 2024, verified or not. */
export const anyLeave: fc.Arbitrary<LeavePeriod> = fc
  .record({
    kind: fc.constantFrom('abroad' as const, 'sick_leave' as const, 'maternity_leave' as const, 'other_approved' as const),
    period: periodIn({ min: 2023, max: 2025 }),
    verified: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
  })
  .map(({ kind, period, verified }) => ({ kind, ...period, verified }));
