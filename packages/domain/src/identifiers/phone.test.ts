import { describe, expect, it } from 'vitest';
import { maskPhone, parsePhone } from './phone.ts';

describe('parsePhone', () => {
  it('accepts mainland mobile numbers 1[3-9]xxxxxxxxx', () => {
    const valid = ['13812345678', '14700000000', '15912345678', '16612345678', '17712345678', '18612345678', '19912345678'];
    for (const n of valid) {
      expect(parsePhone(n)).toEqual({ ok: true, value: { number: n } });
    }
  });

  it('normalises full-width digits, white space, separators and the +86 / 86 prefix', () => {
    for (const input of [
      ' 13812345678 ',
      '１３８１２３４５６７８',
      '+8613812345678',
      '＋８６ １３８ １２３４ ５６７８',
      '8613812345678',
      '+86-138-1234-5678',
      '138 1234 5678',
    ]) {
      expect(parsePhone(input)).toEqual({ ok: true, value: { number: '13812345678' } });
    }
  });

  it('rejects everything else without echoing the input', () => {
    const rejected = [
      '', '   ', '12812345678', '10012345678', '1381234567', '138123456789', '23812345678',
      '0086138123456', '1381234567a', '+85213812345678', '861381234567',
    ];
    for (const input of rejected) {
      const result = parsePhone(input);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.code).toBe('format');
      if (input.trim() !== '') expect(result.message).not.toContain(input.trim());
    }
  });
});

describe('maskPhone', () => {
  it('hides the middle four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
  });

  it('hides an invalid number entirely', () => {
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone('not a phone number at all')).toBe('***********');
  });
});
