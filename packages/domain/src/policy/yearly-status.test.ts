import { describe, expect, it } from 'vitest';
import type { Activity } from './activity-types.ts';
import { HN_2017 } from './hn-2017.ts';
import { GUIDE_2024, LOCAL_RULES, leave, record, withExtensions } from './test-fixtures.ts';
import type { LeavePeriod } from './reductions.ts';
import { yearlyStatus, type YearRecord, type YearlyStatusOptions } from './yearly-status.ts';

const publicTraining = (hours: number): Activity => ({ kind: 'base_training', hours: hours * 10, category: 'public' });
const professionalTraining = (hours: number): Activity => ({ kind: 'seminar', hours: hours * 10, category: 'professional' });

function status(records: YearRecord[], options: Partial<YearlyStatusOptions> & { reductions?: LeavePeriod[] } = {}) {
  return yearlyStatus({ policy: HN_2017, year: 2024, records, reductions: [], ...options });
}

describe('yearly status: Art. 5', () => {
  it('complete: public ≥ 24, professional ≥ 60, total ≥ 90', () => {
    const result = status([record(publicTraining(24)), record(professionalTraining(66))]);
    expect(result).toMatchObject({
      year: 2024,
      policyVersion: 'HN-2017',
      required: { total: 900, public: 240, professional: 600 },
      earned: { total: 900, public: 240, professional: 660 },
      shortfall: { total: 0, public: 0, professional: 0 },
      complete: true,
      fullYear: false,
      provisional: false,
      excluded: [],
    });
    expect(result.records).toHaveLength(2);
    expect(result.explanation).toBe('2024年度应修90学时（公需科目24，专业科目60），已核定90学时（公需科目24，专业科目66）：已完成');
  });

  it.each([
    ['public short despite the total', 20, 80, { total: 40, public: 40, professional: 0 }],
    ['professional short', 30, 55, { total: 50, public: 0, professional: 50 }],
    ['both minimums met, the 6 free hours missing', 24, 60, { total: 60, public: 0, professional: 0 }],
    ['nothing yet', 0, 0, { total: 900, public: 240, professional: 600 }],
  ])('incomplete: %s', (_name, publicHours, professionalHours, shortfall) => {
    const records = [publicHours > 0 ? record(publicTraining(publicHours)) : undefined, professionalHours > 0 ? record(professionalTraining(professionalHours)) : undefined].filter(
      (item) => item !== undefined,
    );
    const result = status(records);
    expect(result.complete).toBe(false);
    expect(result.shortfall).toEqual(shortfall);
    expect(result.explanation).toMatch(/：未完成$/);
  });

  it('public hours beyond 24 fill the free hours', () => {
    expect(status([record(publicTraining(30)), record(professionalTraining(60))]).complete).toBe(true);
  });

  it('only verified records count; unverified ones of the year are listed', () => {
    const pending = record(professionalTraining(90), { verified: false, id: 'pending' });
    const result = status([record(publicTraining(24)), pending]);
    expect(result.earned.total).toBe(240);
    expect(result.excluded).toEqual([{ id: 'pending', reason: 'not_verified', message: '记录尚未核定，不计入年度学时' }]);
  });

  it('records of other years are left out silently', () => {
    const result = status([record(professionalTraining(90), { year: 2023 }), record(publicTraining(24), { year: 2025 })]);
    expect([result.records, result.excluded, result.earned.total]).toEqual([[], [], 0]);
  });

  it('the records that count carry their evaluation', () => {
    const exam = record({ kind: 'exam', level: 'senior' }, { id: 'exam-1' });
    expect(status([exam]).records).toEqual([
      {
        id: 'exam-1',
        year: 2024,
        evaluation: {
          hours: 720,
          category: 'professional',
          clause: '7(9)',
          ruleCode: 'art7.9.exam',
          policyVersion: 'HN-2017',
          provisional: true,
          fullYear: false,
          explanation: '7(9) 通过国家高级专业技术资格考试：72学时（暂定标准）',
        },
      },
    ]);
  });

  it('provisional when a counted record or a reduction rests on a placeholder', () => {
    expect(status([record(publicTraining(24))]).provisional).toBe(false);
    expect(status([record(publicTraining(24)), record({ kind: 'report_adopted' })]).provisional).toBe(true);
    expect(status([record(publicTraining(24)), record({ kind: 'report_adopted' }, { verified: false })]).provisional).toBe(false);
    expect(status([], { reductions: [leave('abroad', '2024-01-01', '2024-02-01')] }).provisional).toBe(true);
  });
});

describe('yearly status: full year (Art. 7(3), 7(11))', () => {
  it.each<[string, Activity]>([
    ['aid service', { kind: 'aid_service' }],
    ['course study over 6 months', { kind: 'course_study', months: 8 }],
  ])('%s completes the year with no other hours', (_name, activity) => {
    const result = status([record(activity)]);
    expect(result).toMatchObject({ complete: true, fullYear: true, shortfall: { total: 0, public: 0, professional: 0 }, earned: { total: 0 } });
    expect(result.explanation).toMatch(/：视为完成全年学时$/);
  });

  it('an unverified full-year record completes nothing', () => {
    expect(status([record({ kind: 'aid_service' }, { verified: false })])).toMatchObject({ complete: false, fullYear: false });
  });
});

describe('yearly status: Art. 8 reductions', () => {
  it('maternity leave lowers the requirement: 66 hours complete the year', () => {
    const records = [record({ kind: 'base_training', hours: 176, category: 'public' }, { year: 2023 }), record(professionalTraining(48.4), { year: 2023 })];
    const result = status(records, {
      year: 2023,
      reductions: [leave('maternity_leave', '2023-03-01', '2023-06-06')],
    });
    expect(result.required).toEqual({ total: 660, public: 176, professional: 439 });
    expect(result.complete).toBe(true);
    expect(result.reduction.daysOnJob).toBe(267);
  });

  it('a reduction case that does not apply changes nothing', () => {
    expect(status([], { reductions: [leave('sick_leave', '2024-01-01', '2024-03-31')] }).required.total).toBe(900);
  });
});

describe('yearly status: duplicates count once', () => {
  it('the same patent verified twice', () => {
    const activity: Activity = { kind: 'patent', type: 'invention', rank: 1, patentNumber: 'ZL201910123456.7' };
    const result = status([record(activity, { id: 'p-b' }), record(activity, { id: 'p-a' })]);
    expect(result.earned.total).toBe(720);
    expect(result.records.map((item) => item.id)).toEqual(['p-a']);
    expect(result.excluded).toEqual([{ id: 'p-b', reason: 'duplicate', message: '与记录 p-a 为同一成果，不重复计算学时', duplicateOf: 'p-a' }]);
  });

  it('the claim with more hours counts, whatever its id', () => {
    const utility: Activity = { kind: 'patent', type: 'utility', rank: 1, patentNumber: 'ZL201910123456.7' };
    const invention: Activity = { ...utility, type: 'invention' };
    const result = status([record(utility, { id: 'a' }), record(invention, { id: 'b' })]);
    expect([result.earned.total, result.records.map((item) => item.id)]).toEqual([720, ['b']]);
  });

  it('overlapping trainings: the best set of non-overlapping days', () => {
    const day = (from: string, to: string): Activity => ({ kind: 'base_training', hours: 400, category: 'professional', programmeCode: 'PX', from, to });
    const result = status([
      record(day('2024-03-01', '2024-03-05'), { id: 't1' }),
      record(day('2024-03-04', '2024-03-08'), { id: 't2' }),
      record(day('2024-03-06', '2024-03-10'), { id: 't3' }),
    ]);
    expect(result.records.map((item) => item.id)).toEqual(['t1', 't3']);
    expect(result.excluded).toMatchObject([{ id: 't2', reason: 'duplicate', duplicateOf: 't1' }]);
    expect(result.earned.total).toBe(800);
  });

  it('records sharing an id are still told apart', () => {
    const result = status([record(professionalTraining(10), { id: 'same' }), record(publicTraining(5), { id: 'same' })]);
    expect(result.earned).toEqual({ total: 150, public: 50, professional: 100 });
  });
});

describe('yearly status: projects count per year within their planned period', () => {
  const project = (planned?: [number, number]): Activity => ({
    kind: 'project',
    level: 'provincial',
    role: 'main',
    rank: 1,
    ...(planned ? { plannedStartYear: planned[0], plannedEndYear: planned[1] } : {}),
  });

  it.each([
    [2021, 0],
    [2022, 600],
    [2023, 600],
    [2024, 600],
    [2025, 0],
  ])('planned 2022–2024, ended 2024: year %i earns %i', (year, hours) => {
    const result = status([record(project([2022, 2024]), { year: 2024 })], { year });
    expect(result.earned.total).toBe(hours);
  });

  it('a project that ended early stops earning; one without a plan earns in its year only', () => {
    expect(status([record(project([2022, 2026]), { year: 2023 })], { year: 2024 }).earned.total).toBe(0);
    expect(status([record(project([2022, 2026]), { year: 2023 })], { year: 2023 }).earned.total).toBe(600);
    expect(status([record(project(), { year: 2023 })], { year: 2022 }).earned.total).toBe(0);
    expect(status([record(project(), { year: 2023 })], { year: 2023 }).earned.total).toBe(600);
  });

  it('a project of the year outside its planned period is listed as not counting', () => {
    const result = status([record(project([2020, 2022]), { year: 2024, id: 'late' })]);
    expect(result.excluded).toEqual([{ id: 'late', reason: 'outside_planned_period', message: '课题不在计划期内，本年度不计学时' }]);
  });

  it('yearly declarations of one project (same code) count once per year', () => {
    const coded: Activity = { ...project([2022, 2024]), projectCode: 'HN-2022-001' } as Activity;
    const records = [record(coded, { year: 2022, id: 'y22' }), record(coded, { year: 2023, id: 'y23' })];
    expect(status(records, { year: 2022 }).earned.total).toBe(600);
    expect(status(records, { year: 2023 }).earned.total).toBe(600);
  });
});

describe('yearly status: guide courses and local rules', () => {
  it('guide courses count as public with the year\'s guide', () => {
    const result = status([record({ kind: 'guide_course', courseCode: 'GX2024-01' }), record({ kind: 'guide_course', courseCode: 'GX2024-03' })], { guide: GUIDE_2024 });
    expect(result.earned).toEqual({ total: 195, public: 195, professional: 0 });
  });

  it('a guide course without the year\'s guide is excluded as invalid, with the field issues', () => {
    const result = status([record({ kind: 'guide_course', courseCode: 'GX2024-01' }, { id: 'g' })], { guide: { ...GUIDE_2024, year: 2023 } });
    expect(result.excluded).toEqual([
      {
        id: 'g',
        reason: 'invalid',
        message: '记录按政策版本 HN-2017 无法核算：未提供该年度的公需科目指南，无法核算指南课程学时',
        errors: [{ field: 'activity.courseCode', message: '未提供该年度的公需科目指南，无法核算指南课程学时' }],
      },
    ]);
  });

  it('local rules only of the person\'s issuers', () => {
    const policy = withExtensions(LOCAL_RULES);
    const records = [record({ kind: 'other', ruleCode: 'ZZ-2019-01' }, { id: 'zz' })];
    expect(status(records, { policy, issuerCodes: ['410100'] }).earned.total).toBe(120);
    expect(status(records, { policy, issuerCodes: ['410300'] }).excluded).toMatchObject([{ id: 'zz', reason: 'invalid' }]);
  });
});

describe('yearly status is deterministic', () => {
  it('the same result for records in any order', () => {
    const records = [
      record(publicTraining(12), { id: 'c' }),
      record({ kind: 'exam', level: 'junior' }, { id: 'a' }),
      record(professionalTraining(30), { id: 'b', verified: false }),
      record({ kind: 'patent', type: 'invention', rank: 1, patentNumber: 'ZL201910123456.7' }, { id: 'e' }),
      record({ kind: 'patent', type: 'invention', rank: 1, patentNumber: 'ZL201910123456.7' }, { id: 'd' }),
    ];
    const reductions = [leave('maternity_leave', '2024-01-01', '2024-02-01'), leave('maternity_leave', '2024-01-15', '2024-03-01')];
    const forward = status(records, { reductions });
    const backward = status([...records].reverse(), { reductions: [...reductions].reverse() });
    expect(backward).toEqual(forward);
    expect(forward.records.map((item) => item.id)).toEqual(['a', 'c', 'd']);
    expect(forward.excluded.map((item) => item.id)).toEqual(['b', 'e']);
  });
});
