// Properties of the engine (issue #4 "Properties, not just examples"), checked with fast-check.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activityFromApi, activityToApi } from './activity-api.ts';
import { claimsConflict, duplicateKey, findDuplicate } from './duplicates.ts';
import { evaluate } from './evaluate.ts';
import { PROVISIONAL_MARK } from './explain.ts';
import { HN_2017 } from './hn-2017.ts';
import { hoursToTenths, tenthsToHours } from './hours.ts';
import { parsePolicyDocument } from './policy-document.ts';
import { computeReduction } from './reductions.ts';
import { anyActivity, anyLeave, anyRecords, fullYearActivity, plainActivity, recordOf } from './test-arbitraries.ts';
import { GUIDE_2024, LOCAL_RULES, withExtensions } from './test-fixtures.ts';
import type { PolicyDocument, PolicyValue } from './types.ts';
import { yearlyStatus, type YearRecord } from './yearly-status.ts';
import type { LeavePeriod } from './reductions.ts';

const POLICY = withExtensions(LOCAL_RULES);
const CONTEXT = { guide: GUIDE_2024 };
const RUNS = { numRuns: 300 };

function statusOf(records: readonly YearRecord[], reductions: readonly LeavePeriod[] = [], policy: PolicyDocument = POLICY) {
  return yearlyStatus({ policy, year: 2024, records, reductions, guide: GUIDE_2024 });
}

describe('evaluation', () => {
  it('every valid activity evaluates; hours are never negative and always whole tenths', () => {
    fc.assert(
      fc.property(anyActivity, (activity) => {
        const result = evaluate(POLICY, activity, CONTEXT);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(Number.isSafeInteger(result.value.hours)).toBe(true);
        expect(result.value.hours).toBeGreaterThanOrEqual(0);
        expect(['public', 'professional', 'both']).toContain(result.value.category);
        expect(result.value.explanation.startsWith(`${result.value.clause} `)).toBe(true);
        expect(result.value.explanation.endsWith(PROVISIONAL_MARK)).toBe(result.value.provisional);
        if (result.value.fullYear) expect(result.value.hours).toBe(0);
      }),
      RUNS,
    );
  });

  it('is deterministic and does not depend on how the activity object was built', () => {
    fc.assert(
      fc.property(anyActivity, (activity) => {
        const copy = JSON.parse(JSON.stringify(activity)) as typeof activity;
        const reordered = Object.fromEntries(Object.entries(activity).reverse()) as typeof activity;
        const first = evaluate(POLICY, activity, CONTEXT);
        expect(evaluate(POLICY, activity, CONTEXT)).toEqual(first);
        expect(evaluate(POLICY, copy, CONTEXT)).toEqual(first);
        expect(evaluate(POLICY, reordered, CONTEXT)).toEqual(first);
      }),
      RUNS,
    );
  });

  it('the API shape converts to the domain shape and back unchanged', () => {
    fc.assert(
      fc.property(anyActivity, (activity) => {
        expect(activityFromApi(activityToApi(activity))).toEqual({ ok: true, value: activity });
      }),
      RUNS,
    );
  });

  it('hours: tenths → decimal hours → tenths is the identity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (tenths) => {
        expect(hoursToTenths(tenthsToHours(tenths))).toBe(tenths);
      }),
    );
  });

  it('higher policy values never lower the hours (monotone in the policy)', () => {
    fc.assert(
      fc.property(plainActivity, fc.integer({ min: 0, max: 500 }), (activity, extra) => {
        const raised = raiseValues(HN_2017, extra);
        const before = evaluate(HN_2017, activity);
        const after = evaluate(raised, activity);
        if (!before.ok || !after.ok) throw new Error('invalid');
        expect(after.value.hours).toBeGreaterThanOrEqual(before.value.hours);
      }),
      RUNS,
    );
  });
});

/** The policy with `extra` tenths added to every hour value (thresholds in months unchanged). */
function raiseValues(policy: PolicyDocument, extra: number): PolicyDocument {
  const walk = (value: unknown, key: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => walk(item, key));
    if (typeof value !== 'object' || value === null) return value;
    if ('value' in value && 'provisional' in value) {
      const v = value as PolicyValue;
      return key === 'fullYearAfterMonths' || key === 'minMonths' ? v : { ...v, value: v.value + extra };
    }
    return Object.fromEntries(Object.entries(value).map(([k, child]) => [k, walk(child, k)]));
  };
  return { ...policy, rules: walk(policy.rules, 'rules') as PolicyDocument['rules'] };
}

describe('yearly status', () => {
  it('adding a verified record never lowers the hours earned', () => {
    fc.assert(
      fc.property(anyRecords, recordOf(anyActivity, { verified: true }), fc.array(anyLeave, { maxLength: 3 }), (records, added, reductions) => {
        const before = statusOf(records, reductions);
        const after = statusOf([...records, added], reductions);
        expect(after.earned.total).toBeGreaterThanOrEqual(before.earned.total);
        if (before.fullYear) expect(after.fullYear).toBe(true);
        // A record that claims no achievement of another leaves every other record counted: no category
        // loses hours and a complete year stays complete. (A duplicate claim may replace a claim of the
        // other category with more hours: the total still does not fall.)
        if (duplicateKey(added.activity) === undefined) {
          expect(after.earned.public).toBeGreaterThanOrEqual(before.earned.public);
          expect(after.earned.professional).toBeGreaterThanOrEqual(before.earned.professional);
          if (before.complete) expect(after.complete).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('a duplicate claim may swap categories but never lowers the total (example found by fast-check)', () => {
    const training = (category: 'public' | 'professional', hours: number) => ({ kind: 'seminar' as const, hours, category, programmeCode: 'PX-01' });
    const existing = [{ id: 'r1', year: 2024, activity: training('public', 240), verified: true }];
    const before = statusOf(existing);
    const after = statusOf([...existing, { id: 'r2', year: 2024, activity: training('professional', 250), verified: true }]);
    expect([before.earned.total, after.earned.total]).toEqual([240, 250]);
    expect([before.earned.public, after.earned.public]).toEqual([240, 0]);
  });

  it('a reduction never raises the requirement', () => {
    fc.assert(
      fc.property(fc.array(anyLeave, { maxLength: 4 }), anyLeave, fc.integer({ min: 2023, max: 2025 }), (periods, added, year) => {
        const before = computeReduction({ policy: HN_2017, year, periods }).required;
        const after = computeReduction({ policy: HN_2017, year, periods: [...periods, added] }).required;
        expect(after.total).toBeLessThanOrEqual(before.total);
        expect(after.public).toBeLessThanOrEqual(before.public);
        expect(after.professional).toBeLessThanOrEqual(before.professional);
      }),
      RUNS,
    );
  });

  it('the requirement stays within Art. 5, its minimums within its total, its days within the year', () => {
    fc.assert(
      fc.property(fc.array(anyLeave, { maxLength: 6 }), fc.integer({ min: 2023, max: 2025 }), (periods, year) => {
        const outcome = computeReduction({ policy: HN_2017, year, periods });
        const { required } = outcome;
        expect(required.total).toBeLessThanOrEqual(900);
        expect(required.public).toBeLessThanOrEqual(240);
        expect(required.professional).toBeLessThanOrEqual(600);
        expect(required.public + required.professional).toBeLessThanOrEqual(required.total);
        expect(Math.min(required.total, required.public, required.professional)).toBeGreaterThanOrEqual(0);
        expect(outcome.daysOnJob + outcome.daysOffJob).toBe(outcome.daysInYear);
        expect(outcome.daysOffJob).toBeLessThanOrEqual(outcome.cases.filter((c) => c.applies).reduce((sum, c) => sum + c.days, 0));
      }),
      RUNS,
    );
  });

  it('a verified full-year record always completes the year', () => {
    fc.assert(
      fc.property(anyRecords, fullYearActivity, fc.array(anyLeave, { maxLength: 3 }), (records, activity, reductions) => {
        const result = statusOf([...records, { id: 'full-year', year: 2024, activity, verified: true }], reductions);
        expect(result.fullYear).toBe(true);
        expect(result.complete).toBe(true);
      }),
      RUNS,
    );
  });

  it('is independent of the order of records and reductions', () => {
    fc.assert(
      fc.property(
        anyRecords.chain((records) => fc.tuple(fc.constant(records), fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }))),
        fc.array(anyLeave, { maxLength: 3 }).chain((periods) => fc.tuple(fc.constant(periods), fc.shuffledSubarray(periods, { minLength: periods.length, maxLength: periods.length }))),
        ([records, shuffled], [periods, shuffledPeriods]) => {
          expect(statusOf(shuffled, shuffledPeriods)).toEqual(statusOf(records, periods));
        },
      ),
      RUNS,
    );
  });

  it('is consistent: earned = sum of counted records, complete ⇔ no shortfall or full year, every record of the year accounted for', () => {
    fc.assert(
      fc.property(anyRecords, fc.array(anyLeave, { maxLength: 3 }), (records, reductions) => {
        const result = statusOf(records, reductions);
        const sum = (category: string) => result.records.filter((r) => r.evaluation.category === category).reduce((total, r) => total + r.evaluation.hours, 0);
        expect(result.earned).toEqual({ total: sum('public') + sum('professional'), public: sum('public'), professional: sum('professional') });
        expect(result.complete).toBe(result.fullYear || (result.earned.total >= result.required.total && result.earned.public >= result.required.public && result.earned.professional >= result.required.professional));
        expect(result.shortfall.total === 0).toBe(result.complete);
        for (const value of Object.values(result.shortfall)) expect(value).toBeGreaterThanOrEqual(0);
        const ofYear = records.filter((r) => r.year === 2024 || r.activity.kind === 'project');
        expect(result.records.length + result.excluded.length).toBeLessThanOrEqual(ofYear.length);
        expect(records.filter((r) => r.year === 2024).length).toBeLessThanOrEqual(result.records.length + result.excluded.length);
      }),
      RUNS,
    );
  });
});

describe('duplicates', () => {
  it('conflicts are symmetric, and a counted set never holds two claims of one achievement', () => {
    fc.assert(
      fc.property(anyRecords, (records) => {
        const claims = records.map((r, i) => ({ ...r, id: `c${i}`, personId: 'p1' }));
        for (const a of claims) for (const b of claims) expect(claimsConflict(a, b)).toBe(claimsConflict(b, a));

        const counted = statusOf(records.map((r, i) => ({ ...r, id: `c${i}` }))).records.map((r) => claims.find((c) => c.id === r.id));
        for (const a of counted) for (const b of counted) if (a && b && a !== b && a.year === b.year) expect(claimsConflict(a, b)).toBe(false);
      }),
      RUNS,
    );
  });

  it('findDuplicate names a claim that conflicts, and finds one whenever one exists', () => {
    fc.assert(
      fc.property(anyRecords, recordOf(anyActivity), (records, candidate) => {
        const existing = records.map((r, i) => ({ ...r, id: `e${i}`, personId: i % 2 === 0 ? 'p1' : 'p2' }));
        const claim = { ...candidate, id: 'new', personId: 'p1' };
        const found = findDuplicate(claim, existing);
        const first = existing.find((e) => claimsConflict(claim, e));
        expect(found?.existing).toBe(first);
      }),
      RUNS,
    );
  });
});

describe('policy documents', () => {
  it('any values and flags survive storing and reloading', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.boolean(), fc.integer({ min: 1, max: 11 }), (extra, flag, months) => {
        const policy: PolicyDocument = {
          ...raiseValues(HN_2017, extra),
          declarationDeadline: { ...HN_2017.declarationDeadline, provisional: flag },
          reductions: HN_2017.reductions.map((c) => (c.minMonths ? { ...c, minMonths: { value: months, provisional: flag } } : c)),
          extensions: LOCAL_RULES,
        };
        expect(parsePolicyDocument(JSON.stringify(policy))).toEqual({ ok: true, value: policy });
      }),
      { numRuns: 100 },
    );
  });
});
