import { describe, expect, it } from 'vitest';
import { HN_2017 } from './hn-2017.ts';
import { computeReduction, countDays, leaveDaysInYear, parseLeavePeriod, requiredHours } from './reductions.ts';
import { leave } from './test-fixtures.ts';
import type { LeavePeriod } from './reductions.ts';

function reduce(year: number, periods: LeavePeriod[]) {
  return computeReduction({ policy: HN_2017, year, periods });
}

describe('Art. 8 reductions', () => {
  it('no leave: the requirement of Art. 5', () => {
    expect(reduce(2023, [])).toEqual({
      daysInYear: 365,
      daysOffJob: 0,
      daysOnJob: 365,
      cases: [],
      required: { total: 900, public: 240, professional: 600 },
      provisional: false,
      explanation: '5 全年在岗：应修90学时（公需科目24，专业科目60）',
      ignored: [],
    });
  });

  it('8(3) maternity leave of 98 days: ceil(90 × 267 / 365) = 66 hours; minimums up to the tenth', () => {
    const outcome = reduce(2023, [leave('maternity_leave', '2023-03-01', '2023-06-06')]);
    expect(outcome.cases).toEqual([{ kind: 'maternity_leave', clause: '8(3)', days: 98, applies: true, provisional: false, explanation: '8(3) 产假98天：按在岗时间折算' }]);
    expect([outcome.daysOffJob, outcome.daysOnJob]).toEqual([98, 267]);
    // 24 × 267 / 365 = 17.556 → 17.6; 60 × 267 / 365 = 43.890 → 43.9.
    expect(outcome.required).toEqual({ total: 660, public: 176, professional: 439 });
    expect(outcome.explanation).toBe('8 在岗267天/全年365天：应修66学时（公需科目17.6，专业科目43.9）');
  });

  it('overlapping periods of one case are counted once', () => {
    const outcome = reduce(2023, [leave('maternity_leave', '2023-03-01', '2023-04-30'), leave('maternity_leave', '2023-04-01', '2023-06-06'), leave('maternity_leave', '2023-03-01', '2023-06-06')]);
    expect(outcome.cases[0]?.days).toBe(98);
    expect(outcome.daysOnJob).toBe(267);
  });

  it('overlapping periods of different cases are counted once', () => {
    const outcome = reduce(2023, [leave('maternity_leave', '2023-03-01', '2023-06-06'), leave('other_approved', '2023-06-01', '2023-06-30')]);
    expect(outcome.cases.map((c) => [c.kind, c.days])).toEqual([
      ['maternity_leave', 98],
      ['other_approved', 30],
    ]);
    expect(outcome.daysOffJob).toBe(98 + 24);
  });

  it('adjacent periods join without a gap or a double day', () => {
    expect(reduce(2023, [leave('other_approved', '2023-01-01', '2023-01-10'), leave('other_approved', '2023-01-11', '2023-01-20')]).daysOffJob).toBe(20);
  });

  it('periods are clipped to the year (leap year 2024)', () => {
    const outcome = reduce(2024, [leave('maternity_leave', '2023-11-01', '2024-02-29')]);
    expect([outcome.daysInYear, outcome.daysOffJob, outcome.daysOnJob]).toEqual([366, 60, 306]);
    expect(reduce(2023, [leave('maternity_leave', '2023-11-01', '2024-02-29')]).daysOffJob).toBe(61);
  });

  it('a period outside the year, or backwards, does nothing', () => {
    expect(reduce(2023, [leave('maternity_leave', '2022-01-01', '2022-12-31'), leave('other_approved', '2023-05-02', '2023-05-01')])).toMatchObject({ cases: [], daysOnJob: 365 });
  });

  it('a whole year off the job: nothing required', () => {
    expect(reduce(2023, [leave('sick_leave', '2022-06-01', '2024-06-01')])).toMatchObject({ daysOnJob: 0, required: { total: 0, public: 0, professional: 0 } });
  });

  it('only approved periods count', () => {
    expect(reduce(2023, [leave('maternity_leave', '2023-03-01', '2023-06-06', false)])).toMatchObject({ cases: [], daysOnJob: 365 });
  });

  it('a verified period with invalid dates is ignored and reported', () => {
    const bad = leave('maternity_leave', '2023-02-30', '2023-03-10');
    expect(reduce(2023, [bad])).toMatchObject({ cases: [], daysOnJob: 365, ignored: [bad] });
  });
});

describe('Art. 8(1), 8(2): only when more than 6 months of the year (provisional)', () => {
  // 6 months of a 365-day year are 182.5 days: 183 days are more, 182 are not.
  it.each([
    ['abroad', 2023, '2023-01-01', '2023-07-02', 183, true],
    ['abroad', 2023, '2023-01-01', '2023-07-01', 182, false],
    ['sick_leave', 2023, '2023-07-02', '2023-12-31', 183, true],
    ['sick_leave', 2023, '2023-07-03', '2023-12-31', 182, false],
    // 6 months of 366 days are exactly 183 days: 183 are not more.
    ['abroad', 2024, '2024-01-01', '2024-07-02', 184, true],
    ['abroad', 2024, '2024-01-01', '2024-07-01', 183, false],
  ] as const)('%s %i %s..%s (%i days) applies=%s', (kind, year, from, to, days, applies) => {
    const outcome = reduce(year, [leave(kind, from, to)]);
    expect(outcome.cases).toMatchObject([{ kind, days, applies, provisional: true }]);
    expect(outcome.daysOffJob).toBe(applies ? days : 0);
    expect(outcome.provisional).toBe(true);
    expect(outcome.cases[0]?.explanation).toMatch(applies ? /（超过6个月）：按在岗时间折算$/ : /（未超过6个月）：不减免学时$/);
  });

  it('200 days abroad: ceil(90 × 165 / 365) = 41 hours', () => {
    const outcome = reduce(2023, [leave('abroad', '2023-01-01', '2023-07-19')]);
    expect(outcome.daysOnJob).toBe(165);
    // 24 × 165 / 365 = 10.849 → 10.9; 60 × 165 / 365 = 27.123 → 27.2.
    expect(outcome.required).toEqual({ total: 410, public: 109, professional: 272 });
  });

  it('each case is measured on its own: 100 days abroad and 100 days sick reduce nothing', () => {
    const outcome = reduce(2023, [leave('abroad', '2023-01-01', '2023-04-10'), leave('sick_leave', '2023-06-01', '2023-09-08')]);
    expect(outcome.cases.map((c) => [c.kind, c.days, c.applies])).toEqual([
      ['abroad', 100, false],
      ['sick_leave', 100, false],
    ]);
    expect(outcome.daysOnJob).toBe(365);
  });

  it('two periods of one case add up; their overlap does not', () => {
    expect(reduce(2023, [leave('abroad', '2023-01-01', '2023-04-10'), leave('abroad', '2023-06-01', '2023-09-08')]).cases[0]).toMatchObject({ days: 200, applies: true });
    expect(reduce(2023, [leave('abroad', '2023-01-01', '2023-04-10'), leave('abroad', '2023-01-01', '2023-04-10')]).cases[0]).toMatchObject({ days: 100, applies: false });
  });

  it('a case that does not apply adds no days, even overlapping one that does', () => {
    const outcome = reduce(2023, [leave('abroad', '2023-01-01', '2023-03-31'), leave('maternity_leave', '2023-03-01', '2023-06-06')]);
    expect(outcome.daysOffJob).toBe(98);
  });
});

describe('requiredHours', () => {
  const requirement = HN_2017.requirement;

  it('full time on the job: unchanged, even for a total that is not whole hours', () => {
    const odd = { ...requirement, total: { value: 905, provisional: false } };
    expect(requiredHours({ requirement: odd, daysOnJob: 365, daysInYear: 365 })).toEqual({ total: 905, public: 240, professional: 600 });
  });

  it('the total rounds up to whole hours, the minimums up to tenths', () => {
    expect(requiredHours({ requirement, daysOnJob: 1, daysInYear: 365 })).toEqual({ total: 10, public: 1, professional: 2 });
    expect(requiredHours({ requirement, daysOnJob: 364, daysInYear: 365 })).toEqual({ total: 900, public: 240, professional: 599 });
    expect(requiredHours({ requirement, daysOnJob: 0, daysInYear: 366 })).toEqual({ total: 0, public: 0, professional: 0 });
  });

  it('for every number of days: minimums within the total, never above Art. 5, growing with the days', () => {
    for (const yearDays of [365, 366]) {
      let previous = { total: 0, public: 0, professional: 0 };
      for (let days = 0; days <= yearDays; days += 1) {
        const required = requiredHours({ requirement, daysOnJob: days, daysInYear: yearDays });
        expect(required.public + required.professional).toBeLessThanOrEqual(required.total);
        expect(required.total).toBeLessThanOrEqual(900);
        expect(required.total % 10).toBe(0);
        expect(required.total).toBeGreaterThanOrEqual(previous.total);
        expect(required.public).toBeGreaterThanOrEqual(previous.public);
        expect(required.professional).toBeGreaterThanOrEqual(previous.professional);
        expect(required.total * yearDays).toBeGreaterThanOrEqual(900 * days);
        previous = required;
      }
    }
  });
});

describe('helpers', () => {
  it('countDays merges overlapping and adjacent ranges', () => {
    expect(countDays([])).toBe(0);
    expect(
      countDays([
        { start: 10, end: 20 },
        { start: 1, end: 5 },
        { start: 15, end: 25 },
        { start: 6, end: 6 },
        { start: 30, end: 30 },
      ]),
    ).toBe(5 + 1 + 16 + 1);
  });

  it('leaveDaysInYear', () => {
    expect(leaveDaysInYear({ from: '2023-12-25', to: '2024-01-05' }, 2023)).toBe(7);
    expect(leaveDaysInYear({ from: '2023-12-25', to: '2024-01-05' }, 2024)).toBe(5);
    expect(leaveDaysInYear({ from: '2023-12-25', to: '2024-01-05' }, 2025)).toBe(0);
  });

  it('parseLeavePeriod validates a declared period, naming the fields', () => {
    expect(parseLeavePeriod({ kind: 'maternity_leave', from: '2024-01-01', to: '2024-04-30' })).toEqual({ ok: true, value: { kind: 'maternity_leave', from: '2024-01-01', to: '2024-04-30' } });
    const fields = (json: unknown) => {
      const result = parseLeavePeriod(json);
      return result.ok ? [] : result.errors.map((issue) => issue.field);
    };
    expect(fields({ kind: 'holiday', from: '2024-01-01', to: '2024-01-02' })).toEqual(['reduction.kind']);
    expect(fields({ kind: 'abroad', from: '2024-02-30', to: '2024-03-01' })).toEqual(['reduction.from']);
    expect(fields({ kind: 'abroad', from: '2024-03-02', to: '2024-03-01' })).toEqual(['reduction.to']);
    expect(fields({ kind: 'abroad', from: '2024-03-01' })).toEqual(['reduction.to']);
    expect(fields({ kind: 'abroad', from: '2024-03-01', to: '2024-03-01', days: 1 })).toEqual(['reduction.days']);
    expect(fields([])).toEqual(['reduction']);
  });
});
