import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessYear, daysInYear, inclusiveDays, isDateString, parseDate, shanghaiDate, shanghaiStartOfDay } from './dates.ts';
import { declarationWindow, isDeclarationOpen } from './deadline.ts';
import { HN_2017 } from './hn-2017.ts';
import type { PolicyDocument } from './types.ts';

const at = (iso: string) => new Date(iso);

describe('declaration deadline (default 31 January of Y+1, Asia/Shanghai)', () => {
  it('the window of 2024', () => {
    expect(declarationWindow(HN_2017, 2024)).toEqual({
      opensOn: '2024-01-01',
      closesOn: '2025-01-31',
      opensAt: at('2023-12-31T16:00:00.000Z'),
      closesAt: at('2025-01-31T16:00:00.000Z'),
      provisional: true,
    });
  });

  it.each([
    ['2025-01-31T15:59:59.999Z', 2024, true, 'the last millisecond of 31 January in Shanghai'],
    ['2025-01-31T16:00:00.000Z', 2024, false, '1 February 00:00 in Shanghai (still 31 January in UTC)'],
    ['2025-02-01T00:00:00+08:00', 2024, false, '1 February in Shanghai'],
    ['2025-01-31T23:59:59+08:00', 2024, true, '31 January 23:59:59 in Shanghai'],
    ['2023-12-31T16:00:00.000Z', 2024, true, 'the first moment of 2024 in Shanghai (2023 in UTC)'],
    ['2023-12-31T15:59:59.999Z', 2024, false, 'before the year begins in Shanghai'],
    ['2024-06-01T12:00:00+08:00', 2024, true, 'during the year'],
    ['2024-06-01T12:00:00+08:00', 2023, false, 'the previous year is closed'],
    ['2024-01-20T12:00:00+08:00', 2023, true, 'January: the previous year is still open'],
    ['2024-01-20T12:00:00+08:00', 2024, true, 'January: the current year too'],
    ['2024-06-01T12:00:00+08:00', 2025, false, 'a future year'],
    ['2030-01-01T00:00:00+08:00', 2024, false, 'long after'],
  ])('%s, year %i → %s (%s)', (instant, year, open) => {
    expect(isDeclarationOpen(HN_2017, year, at(instant))).toBe(open);
  });

  it('follows the policy: a deadline of 31 December of the year itself', () => {
    const policy: PolicyDocument = { ...HN_2017, declarationDeadline: { yearOffset: 0, month: 12, day: 31, provisional: false } };
    expect(declarationWindow(policy, 2024)).toMatchObject({ closesOn: '2024-12-31', closesAt: at('2024-12-31T16:00:00.000Z'), provisional: false });
    expect(isDeclarationOpen(policy, 2024, at('2024-12-31T23:00:00+08:00'))).toBe(true);
    expect(isDeclarationOpen(policy, 2024, at('2025-01-01T00:00:00+08:00'))).toBe(false);
  });

  it('agrees with its own instants for any moment (the Intl time zone and the UTC+8 instants match)', () => {
    fc.assert(
      fc.property(fc.date({ min: at('1995-01-01T00:00:00Z'), max: at('2100-01-01T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 1995, max: 2099 }), (now, year) => {
        const window = declarationWindow(HN_2017, year);
        const inside = now.getTime() >= window.opensAt.getTime() && now.getTime() < window.closesAt.getTime();
        expect(isDeclarationOpen(HN_2017, year, now)).toBe(inside);
      }),
    );
  });
});

describe('calendar helpers', () => {
  it('shanghaiDate and businessYear', () => {
    expect(shanghaiDate(at('2024-12-31T15:59:59Z'))).toBe('2024-12-31');
    expect(shanghaiDate(at('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
    expect(businessYear(at('2024-12-31T16:00:00Z'))).toBe(2025);
    expect(() => shanghaiDate(new Date(Number.NaN))).toThrow(RangeError);
    expect(shanghaiStartOfDay('2024-02-29')).toEqual(at('2024-02-28T16:00:00Z'));
  });

  it('parses only real dates', () => {
    expect(parseDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '24-01-01', '2024-1-1', '0999-01-01', 20240101, null]) {
      expect(isDateString(bad)).toBe(false);
    }
    expect([daysInYear(2023), daysInYear(2024), daysInYear(1900), daysInYear(2000)]).toEqual([365, 366, 365, 366]);
    expect([inclusiveDays('2024-01-01', '2024-12-31'), inclusiveDays('2024-03-02', '2024-03-01')]).toEqual([366, 0]);
  });
});
