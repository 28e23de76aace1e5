import { describe, expect, it } from 'vitest';
import { activityFromApi, activityToApi, evaluationToApi } from './activity-api.ts';
import { recordYearOf } from './activity.ts';
import { evaluate } from './evaluate.ts';
import { HN_2017 } from './hn-2017.ts';
import { formatHours, hoursToTenths, tenthsToHours } from './hours.ts';

describe('activityFromApi: decimal hours → tenths', () => {
  it.each([
    [32, 320],
    [32.5, 325],
    [0.1, 1],
    [2.3, 23],
    [9999.9, 99_999],
    [10_000, 100_000],
  ])('%d hours → %i tenths', (hours, tenths) => {
    expect(activityFromApi({ kind: 'base_training', hours, category: 'public' })).toEqual({ ok: true, value: { kind: 'base_training', hours: tenths, category: 'public' } });
  });

  it.each<[string, unknown, string]>([
    ['two decimals', 32.55, '学时最多保留一位小数'],
    ['a tiny fraction', 0.01, '学时最多保留一位小数'],
    ['zero', 0, '学时须大于0'],
    ['negative', -1, '学时须大于0'],
    ['too many', 10_000.1, '学时不能超过10000'],
    ['text', '32', '学时须为数字'],
    ['not finite', Number.POSITIVE_INFINITY, '学时须为数字'],
    ['a boolean', true, '学时须为数字'],
  ])('refuses %s, naming activity.hours', (_name, hours, message) => {
    expect(activityFromApi({ kind: 'seminar', hours, category: 'professional' })).toEqual({ ok: false, errors: [{ field: 'activity.hours', message }] });
  });

  it('converts the hours of city projects and local rules too', () => {
    expect(activityFromApi({ kind: 'project', level: 'city', hours: 12.5 })).toEqual({ ok: true, value: { kind: 'project', level: 'city', hours: 125 } });
    expect(activityFromApi({ kind: 'other', ruleCode: 'X-1', hours: 3.5, category: 'public' })).toEqual({
      ok: true,
      value: { kind: 'other', ruleCode: 'X-1', hours: 35, category: 'public' },
    });
  });

  it('reports the other fields as the domain does, each once', () => {
    const result = activityFromApi({ kind: 'base_training', hours: 1.25, category: 'both', extra: 1 });
    expect(result.ok ? [] : result.errors.map((issue) => issue.field)).toEqual(['activity.hours', 'activity.extra', 'activity.category']);
  });

  it('hours on a kind without hours are refused as an unknown field', () => {
    expect(activityFromApi({ kind: 'exam', level: 'senior', hours: 2 })).toMatchObject({ ok: false, errors: [{ field: 'activity.hours' }] });
    expect(activityFromApi({ kind: 'exam', level: 'senior', hours: 2.55 })).toMatchObject({ ok: false, errors: [{ field: 'activity.hours' }] });
  });

  it('uses the path given', () => {
    expect(activityFromApi({ kind: 'exam', level: 'x' }, 'completions[3].activity')).toMatchObject({ ok: false, errors: [{ field: 'completions[3].activity.level' }] });
    expect(activityFromApi('exam')).toEqual({ ok: false, errors: [{ field: 'activity', message: '活动须为对象' }] });
  });

  it('keeps every API kind and field of API.md', () => {
    const examples: unknown[] = [
      { kind: 'base_training', hours: 8, category: 'public' },
      { kind: 'seminar', hours: 8, category: 'professional' },
      { kind: 'degree_course', coursesPassed: 2 },
      { kind: 'course_study', months: 3 },
      { kind: 'conference', level: 'provincial', days: 2, presented: true },
      { kind: 'project', level: 'national', role: 'sub', rank: 2 },
      { kind: 'project', level: 'city', role: 'main', rank: 1, hours: 20 },
      { kind: 'book', characters: 50_000, rank: 1 },
      { kind: 'paper', tier: 'provincial_core', rank: 2 },
      { kind: 'patent', type: 'utility', rank: 1 },
      { kind: 'award', level: 'provincial', listed: true },
      { kind: 'exam', level: 'practising' },
      { kind: 'report_adopted' },
      { kind: 'aid_service' },
      { kind: 'grassroots_service', days: 3 },
      { kind: 'guide_course', courseCode: 'GX2024-01' },
      { kind: 'other', hours: 4, category: 'public', ruleCode: 'ZZ-1' },
    ];
    for (const example of examples) {
      const result = activityFromApi(example);
      expect(result.ok).toBe(true);
      if (result.ok) expect(activityToApi(result.value)).toEqual(example);
    }
  });
});

describe('evaluationToApi', () => {
  it('gives exactly the fields of API.md, hours in decimal hours', () => {
    const result = evaluate(HN_2017, { kind: 'book', characters: 25_000, rank: 1 });
    if (!result.ok) throw new Error('invalid');
    expect(evaluationToApi(result.value)).toEqual({
      hours: 37.5,
      category: 'professional',
      clause: '7(6)',
      policyVersion: 'HN-2017',
      provisional: true,
      explanation: '7(6) 著作、译作（主编或第一作者）2.5万字，每万字15学时：37.5学时（暂定标准）',
      fullYear: false,
    });
  });
});

describe('hours', () => {
  it('converts and formats', () => {
    expect([hoursToTenths(1.15), hoursToTenths(-0.04), hoursToTenths(Number.NaN), hoursToTenths(1e300)]).toEqual([undefined, undefined, undefined, undefined]);
    expect(Object.is(hoursToTenths(-0), 0)).toBe(true);
    expect([tenthsToHours(375), tenthsToHours(0)]).toEqual([37.5, 0]);
    expect([formatHours(600), formatHours(375), formatHours(5), formatHours(0), formatHours(-15)]).toEqual(['60', '37.5', '0.5', '0', '-1.5']);
  });
});

describe('recordYearOf', () => {
  it('the year the activity ended or the achievement was dated', () => {
    expect(recordYearOf({ kind: 'base_training', hours: 1, category: 'public', from: '2023-12-28', to: '2024-01-03' })).toBe(2024);
    expect(recordYearOf({ kind: 'patent', type: 'invention', rank: 1, datedOn: '2022-06-01' })).toBe(2022);
    expect(recordYearOf({ kind: 'aid_service', from: '2023-01-01' })).toBeUndefined();
    expect(recordYearOf({ kind: 'report_adopted' })).toBeUndefined();
  });
});
