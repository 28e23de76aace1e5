import { describe, expect, it } from 'vitest';
import { findGuideCourse, parsePublicSubjectGuide } from './guide.ts';
import { HN_2017 } from './hn-2017.ts';
import { findLocalRule, localRulesFor, policyForYear, ruleFor } from './policy-select.ts';
import { projectEarningYears, projectEarnsInYear, recordEarnsInYear } from './projects.ts';
import { GUIDE_2024, LOCAL_RULES, withExtensions } from './test-fixtures.ts';
import type { ProjectActivity } from './activity-types.ts';

describe('policyForYear: the version in force for the year', () => {
  const older = { ...HN_2017, id: 'HN-2005', effectiveFrom: '2005-03-01' };
  const newer = { ...HN_2017, id: 'HN-2026', effectiveFrom: '2026-07-01' };
  const policies = [newer, HN_2017, older];

  it.each([
    [2004, undefined],
    [2005, 'HN-2005'],
    [2016, 'HN-2005'],
    [2017, 'HN-2017'],
    [2025, 'HN-2017'],
    [2026, 'HN-2026'],
    [2040, 'HN-2026'],
  ])('%i → %s', (year, id) => {
    expect(policyForYear(policies, year)?.id).toBe(id);
    expect(policyForYear([...policies].reverse(), year)?.id).toBe(id);
  });

  it('a version effective on 31 December governs that year; one from 1 January of the next does not', () => {
    expect(policyForYear([HN_2017, { ...HN_2017, id: 'X', effectiveFrom: '2020-12-31' }], 2020)?.id).toBe('X');
    expect(policyForYear([HN_2017, { ...HN_2017, id: 'X', effectiveFrom: '2021-01-01' }], 2020)?.id).toBe('HN-2017');
  });

  it('two versions of the same date: the greater id, whatever the order', () => {
    const a = { ...HN_2017, id: 'HN-2017a' };
    expect(policyForYear([a, HN_2017], 2020)?.id).toBe('HN-2017a');
    expect(policyForYear([HN_2017, a], 2020)?.id).toBe('HN-2017a');
  });

  it('no versions, no policy', () => {
    expect(policyForYear([], 2024)).toBeUndefined();
  });
});

describe('rules and local rules of a version', () => {
  it('ruleFor finds the rule of a kind', () => {
    expect(ruleFor(HN_2017, 'exam')?.code).toBe('art7.9.exam');
    expect(ruleFor({ ...HN_2017, rules: [] }, 'exam')).toBeUndefined();
  });

  it('local rules by code and by issuer', () => {
    const policy = withExtensions(LOCAL_RULES);
    expect(findLocalRule(policy, ' zz-2019-01 ')?.code).toBe('ZZ-2019-01');
    expect(findLocalRule(policy, 'nope')).toBeUndefined();
    expect(localRulesFor(policy, ['410100']).map((rule) => rule.code)).toEqual(['ZZ-2019-01', 'ZZ-2022-03']);
    expect(localRulesFor(policy, ['HN-WJW', '410300']).map((rule) => rule.code)).toEqual(['WJ-2020-02', 'LY-2021-01']);
  });
});

describe('public-subject guide', () => {
  it('finds courses by code', () => {
    expect(findGuideCourse(GUIDE_2024, 'gx2024-02')?.hours).toBe(60);
    expect(findGuideCourse(GUIDE_2024, 'GX2023-02')).toBeUndefined();
  });

  it('validates a stored guide', () => {
    expect(parsePublicSubjectGuide(JSON.parse(JSON.stringify(GUIDE_2024)))).toEqual({ ok: true, value: GUIDE_2024 });
    const fields = (json: unknown) => {
      const result = parsePublicSubjectGuide(json);
      return result.ok ? [] : result.errors.map((issue) => issue.field);
    };
    expect(fields('guide')).toEqual(['$']);
    expect(fields({ year: 2024 })).toEqual(['courses']);
    expect(fields({ year: 1800, courses: [] })).toEqual(['year']);
    expect(fields({ year: 2024, courses: [{ code: 'A', title: 'x', hours: 1.5 }] })).toEqual(['courses[0].hours']);
    expect(fields({ year: 2024, courses: [{ code: 'A', title: 'x', hours: 10 }, { code: 'a', title: 'y', hours: 10 }] })).toEqual(['courses[1].code']);
    expect(fields({ year: 2024, courses: [1, { code: 'A', hours: 10, extra: true }] })).toEqual(['courses[0]', 'courses[1].extra', 'courses[1].title']);
  });
});

describe('projects: per year within the planned period', () => {
  const project = (start?: number, end?: number): ProjectActivity => ({
    kind: 'project',
    level: 'national',
    role: 'sub',
    rank: 1,
    ...(start === undefined ? {} : { plannedStartYear: start }),
    ...(end === undefined ? {} : { plannedEndYear: end }),
  });

  it('earning years: from the planned start to the planned end or the end of the project', () => {
    expect(projectEarningYears({ activity: project(2021, 2024), recordYear: 2024 })).toEqual([2021, 2022, 2023, 2024]);
    expect(projectEarningYears({ activity: project(2021, 2024), recordYear: 2026 })).toEqual([2021, 2022, 2023, 2024]);
    expect(projectEarningYears({ activity: project(2021, 2024), recordYear: 2022 })).toEqual([2021, 2022]);
    expect(projectEarningYears({ activity: project(2021, 2024), recordYear: 2020 })).toEqual([]);
    expect(projectEarningYears({ activity: project(), recordYear: 2022 })).toEqual([2022]);
  });

  it('projectEarnsInYear agrees with the earning years', () => {
    for (const recordYear of [2019, 2021, 2023, 2026]) {
      const activity = project(2020, 2024);
      const years = projectEarningYears({ activity, recordYear });
      for (let year = 2015; year <= 2030; year += 1) {
        expect(projectEarnsInYear({ activity, year, recordYear })).toBe(years.includes(year));
      }
    }
  });

  it('other records count in their own year only', () => {
    expect(recordEarnsInYear({ activity: { kind: 'report_adopted' }, year: 2024, recordYear: 2024 })).toBe(true);
    expect(recordEarnsInYear({ activity: { kind: 'report_adopted' }, year: 2023, recordYear: 2024 })).toBe(false);
    expect(recordEarnsInYear({ activity: project(2020, 2024), year: 2022, recordYear: 2024 })).toBe(true);
  });
});
