import { describe, expect, it } from 'vitest';
import { PROVISIONAL_MARK, describeOutcome, explain, formatCharacters, ordinal, rankLimitReason, times } from './explain.ts';

describe('explanations', () => {
  it('one line: clause, subject, result, and the provisional mark when a placeholder was used', () => {
    expect(explain({ clause: '7(5)', subject: '国家级主课题第2名', outcome: { type: 'hours', hours: 600 }, provisional: true })).toBe(
      `7(5) 国家级主课题第2名：60学时${PROVISIONAL_MARK}`,
    );
    expect(explain({ clause: '7(11)', subject: '援派', outcome: { type: 'full_year' }, provisional: false })).toBe('7(11) 援派：视为完成全年学时');
    expect(describeOutcome({ type: 'no_hours', reason: '仅前3名计学时' })).toBe('不计学时（仅前3名计学时）');
    expect(PROVISIONAL_MARK).toBe('（暂定标准）');
  });

  it('pieces', () => {
    expect(times(3, '天', 75)).toBe('3天×7.5学时');
    expect(ordinal(2)).toBe('第2名');
    expect(ordinal(1, '作者')).toBe('第1作者');
    expect(rankLimitReason(4)).toBe('仅前4名计学时');
    expect(rankLimitReason(1, '仅第一发明人计学时')).toBe('仅第一发明人计学时');
    expect(rankLimitReason(1)).toBe('仅前1名计学时');
    expect([formatCharacters(9_999), formatCharacters(10_000), formatCharacters(15_000), formatCharacters(123_456_789)]).toEqual([
      '9999字',
      '1万字',
      '1.5万字',
      '12345.6789万字',
    ]);
  });
});
