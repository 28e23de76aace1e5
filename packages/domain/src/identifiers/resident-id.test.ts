import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCharOfResidentId, maskResidentId, parseResidentId } from './resident-id.ts';
import type { ResidentIdErrorCode } from './resident-id.ts';

const TODAY = '2024-06-01';

function expectError(input: string, code: ResidentIdErrorCode, today = TODAY): void {
  const result = parseResidentId(input, { today });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.code).toBe(code);
  // The number is a login and personal data: it must never be echoed back.
  const digits = input.normalize('NFKC').trim();
  if (digits.length >= 6) {
    expect(result.message).not.toContain(digits);
    expect(result.message).not.toContain(digits.slice(0, 14));
  }
  expect(result.message).toMatch(/[\u4e00-\u9fff]/);
}

describe('checkCharOfResidentId (GB 11643-1999 §7.3, ISO 7064 MOD 11-2)', () => {
  it('computes the published example 11010519491231002X', () => {
    // Weighted sum: 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167;
    // 167 mod 11 = 2 → "X".
    expect(checkCharOfResidentId('11010519491231002')).toBe('X');
  });

  it('rejects input that is not 17 digits', () => {
    expect(() => checkCharOfResidentId('1101051949123100')).toThrow(RangeError);
    expect(() => checkCharOfResidentId('1101051949123100A')).toThrow(RangeError);
  });
});

describe('parseResidentId', () => {
  it('accepts the GB 11643 example (female, 1949-12-31)', () => {
    expect(parseResidentId('11010519491231002X', { today: TODAY })).toEqual({
      ok: true,
      value: { idNumber: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', sex: 'female' },
    });
  });

  it('accepts an abolished region code (长垣县 410728, now 长垣市 410783)', () => {
    const result = parseResidentId('410728199901010030', { today: TODAY });
    expect(result).toEqual({
      ok: true,
      value: { idNumber: '410728199901010030', regionCode: '410728', birthDate: '1999-01-01', sex: 'male' },
    });
  });

  it('accepts a leap day in a leap year (2000 is divisible by 400)', () => {
    const result = parseResidentId('410783200002290024', { today: TODAY });
    expect(result.ok && result.value.birthDate).toBe('2000-02-29');
    expect(result.ok && result.value.sex).toBe('female');
  });

  it('rejects 30 February even when the check character fits', () => {
    expect(checkCharOfResidentId('41010519900230123')).toBe('2');
    expectError('410105199002301232', 'date');
  });

  it('rejects a wrong check character', () => {
    expectError('410105199003071230', 'checksum');
    expect(parseResidentId('41010519900307123X', { today: TODAY }).ok).toBe(true);
  });

  it('accepts a lowercase x and returns it uppercase', () => {
    const result = parseResidentId('11010519491231002x', { today: TODAY });
    expect(result.ok && result.value.idNumber).toBe('11010519491231002X');
  });

  it('accepts full-width digits and letters, and surrounding white space (NFKC, trim)', () => {
    const result = parseResidentId('\u3000１１０１０５１９４９１２３１００２ｘ \n', { today: TODAY });
    expect(result.ok && result.value.idNumber).toBe('11010519491231002X');
  });

  it('converts a 15-digit first-generation number to 18 digits', () => {
    // 110105 491231 002 → 110105 19491231 002 + check X
    const result = parseResidentId('110105491231002', { today: TODAY });
    expect(result).toEqual({
      ok: true,
      value: { idNumber: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', sex: 'female' },
    });
    const male = parseResidentId('410105850307123', { today: TODAY });
    expect(male.ok && male.value).toEqual({
      idNumber: `41010519850307123${checkCharOfResidentId('41010519850307123')}`,
      regionCode: '410105',
      birthDate: '1985-03-07',
      sex: 'male',
    });
  });

  it('validates the date of a 15-digit number too', () => {
    expectError('410105850230123', 'date');
  });

  it('rejects 29 February of a common year, and of 1900 (divisible by 100, not by 400)', () => {
    const id2001 = '41010520010229002';
    expectError(id2001 + checkCharOfResidentId(id2001), 'date');
    const id1900 = '41010519000229002';
    expectError(id1900 + checkCharOfResidentId(id1900), 'date');
  });

  it('rejects month 00 or 13 and day 00 or 32', () => {
    for (const date of ['19900001', '19901301', '19900100', '19900132', '19900431']) {
      const first17 = `410105${date}123`;
      expectError(first17 + checkCharOfResidentId(first17), 'date');
    }
  });

  it('rejects a birth date in the future, accepts one born today', () => {
    const tomorrow = '41010520240602123';
    expectError(tomorrow + checkCharOfResidentId(tomorrow), 'future');
    const today = '41010520240601123';
    expect(parseResidentId(today + checkCharOfResidentId(today), { today: TODAY }).ok).toBe(true);
  });

  it('reads "today" in Asia/Shanghai when given an instant', () => {
    const bornOn = '41010520240601123';
    const id = bornOn + checkCharOfResidentId(bornOn);
    // 2024-05-31T16:30Z is already 2024-06-01 00:30 in Beijing.
    expect(parseResidentId(id, { today: new Date('2024-05-31T16:30:00Z') }).ok).toBe(true);
    expect(parseResidentId(id, { today: new Date('2024-05-31T15:30:00Z') })).toMatchObject({ code: 'future' });
  });

  it('defaults "today" to now', () => {
    const farFuture = '41010520990101123';
    expect(parseResidentId(farFuture + checkCharOfResidentId(farFuture))).toMatchObject({ code: 'future' });
  });

  it('rejects an implausibly early birth year', () => {
    const first17 = '41010518000101123';
    expectError(first17 + checkCharOfResidentId(first17), 'date');
  });

  it('rejects region codes outside the province list', () => {
    for (const province of ['00', '10', '16', '24', '40', '47', '55', '66', '70', '80', '84', '99']) {
      const first17 = `${province}010519900307123`;
      expectError(first17 + checkCharOfResidentId(first17), 'region');
    }
    for (const province of ['11', '15', '23', '37', '41', '46', '54', '65', '71', '81', '82', '83']) {
      const first17 = `${province}010519900307123`;
      expect(parseResidentId(first17 + checkCharOfResidentId(first17), { today: TODAY }).ok).toBe(true);
    }
  });

  it('rejects malformed input as "format"', () => {
    for (const bad of [
      '',
      '   ',
      '11010519491231002',
      '11010519491231002XX',
      '1101051949123100X2',
      '11010519491231002Y',
      '1101 0519 4912 3100 2X',
      '11010549123100X',
      'abcdefghijklmnopqr',
    ]) {
      expectError(bad, 'format');
    }
  });

  it('never throws and never echoes random input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (input) => {
        const result = parseResidentId(input, { today: TODAY });
        if (!result.ok && input.trim().length >= 6) expect(result.message).not.toContain(input.trim());
      }),
    );
  });

  it('accepts every well-formed number and detects every single-digit error', () => {
    const first17 = fc
      .tuple(
        fc.constantFrom('11', '41', '65', '82'),
        fc.stringMatching(/^\d{4}$/),
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2024-05-31T00:00:00Z'), noInvalidDate: true }),
        fc.stringMatching(/^\d{3}$/),
      )
      .map(([p, r, d, s]) => `${p}${r}${d.toISOString().slice(0, 10).replaceAll('-', '')}${s}`);
    fc.assert(
      fc.property(first17, fc.nat(16), fc.integer({ min: 1, max: 9 }), (f, pos, delta) => {
        const id = f + checkCharOfResidentId(f);
        expect(parseResidentId(id, { today: TODAY }).ok).toBe(true);
        const digit = (Number(f[pos]) + delta) % 10;
        const typo = `${f.slice(0, pos)}${digit}${f.slice(pos + 1)}${id[17]}`;
        expect(parseResidentId(typo, { today: TODAY }).ok).toBe(false);
      }),
    );
  });
});

describe('maskResidentId', () => {
  it('keeps the first 4 and the last 4 characters', () => {
    expect(maskResidentId('41010519900307123X')).toBe('4101**********123X');
    expect(maskResidentId('41010519900307123x')).toBe('4101**********123X');
    expect(maskResidentId('110105491231002')).toBe('1101*******1002');
  });

  it('never reveals short strings', () => {
    expect(maskResidentId('12345678')).toBe('********');
    expect(maskResidentId('')).toBe('');
  });
});
