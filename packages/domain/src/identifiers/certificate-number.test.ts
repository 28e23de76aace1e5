import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildCertificateNumber,
  checkDigitMod11_10,
  checkDigitOfCertificateNumber,
  parseCertificateNumber,
} from './certificate-number.ts';

const twoDigits = fc.stringMatching(/^\d{2}$/);
const serial = fc.integer({ min: 0, max: 999_999_999 });
const builtNumber = fc
  .record({ issuingCode: twoDigits, countyCode: twoDigits, serial })
  .map((parts) => buildCertificateNumber(parts));

// Independent restatement of the ISO/IEC 7064 MOD 11-10 step, used to reason about which
// transpositions the check digit can miss.
function step(p: number, digit: number): number {
  return (((p + digit) % 10 || 10) * 2) % 11;
}

function stateAfter(prefix: string): number {
  return [...prefix].reduce((p, ch) => step(p, Number(ch)), 10);
}

function isCyclicallyConsecutive(a: number, b: number): boolean {
  return (a - b + 10) % 10 === 1 || (b - a + 10) % 10 === 1;
}

describe('checkDigitOfCertificateNumber (ISO/IEC 7064 MOD 11-10)', () => {
  it('matches published MOD 11-10 examples (python-stdnum iso7064.mod_11_10 doctests)', () => {
    expect(checkDigitMod11_10('79462')).toBe('3');
    expect(checkDigitMod11_10('00200667308')).toBe('5');
    expect(() => checkDigitMod11_10('')).toThrow(RangeError);
  });

  it('agrees with the state machine: the check digit brings the final state to 1', () => {
    // '41' → P = 8 after '4' (S = 4), then S = 8 + 1 = 9, P = 18 mod 11 = 7.
    expect(stateAfter('41')).toBe(7);
    const first15 = '410102000000123';
    const c = Number(checkDigitOfCertificateNumber(first15));
    expect((stateAfter(first15) + c) % 10).toBe(1);
  });

  it('rejects input that is not 15 digits', () => {
    expect(() => checkDigitOfCertificateNumber('41010200000012')).toThrow(RangeError);
    expect(() => checkDigitOfCertificateNumber('41010200000012a')).toThrow(RangeError);
  });
});

describe('buildCertificateNumber', () => {
  it('lays out 41 + issuing + county + 9-digit serial + check digit', () => {
    const number = buildCertificateNumber({ issuingCode: '01', countyCode: '02', serial: 123 });
    expect(number).toHaveLength(16);
    expect(number.slice(0, 15)).toBe('410102000000123');
    expect(number[15]).toBe(checkDigitOfCertificateNumber('410102000000123'));
    expect(buildCertificateNumber({ issuingCode: '01', countyCode: '02', serial: '000000123' })).toBe(number);
  });

  it('supports province-level units (issuing code 00)', () => {
    const number = buildCertificateNumber({ issuingCode: '00', countyCode: '00', serial: 1 });
    expect(parseCertificateNumber(number)).toMatchObject({ ok: true, value: { issuingCode: '00', countyCode: '00' } });
  });

  it('throws on malformed parts', () => {
    const good = { issuingCode: '01', countyCode: '02', serial: 1 };
    for (const bad of [
      { ...good, issuingCode: '1' },
      { ...good, issuingCode: 'A1' },
      { ...good, countyCode: '123' },
      { ...good, serial: -1 },
      { ...good, serial: 1_000_000_000 },
      { ...good, serial: 1.5 },
      { ...good, serial: '12345678' },
      { ...good, serial: '1234567890' },
    ]) {
      expect(() => buildCertificateNumber(bad)).toThrow(RangeError);
    }
  });
});

describe('parseCertificateNumber', () => {
  it('splits a valid number into its parts', () => {
    const number = buildCertificateNumber({ issuingCode: '03', countyCode: '05', serial: 987654321 });
    expect(parseCertificateNumber(number)).toEqual({
      ok: true,
      value: { number, issuingCode: '03', countyCode: '05', serial: '987654321' },
    });
  });

  it('accepts full-width digits and printed grouping', () => {
    const number = buildCertificateNumber({ issuingCode: '01', countyCode: '02', serial: 123 });
    const grouped = `${number.slice(0, 4)} ${number.slice(4, 8)}-${number.slice(8, 12)} ${number.slice(12)}`;
    const fullWidth = [...number].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    expect(parseCertificateNumber(` ${grouped} `)).toMatchObject({ ok: true, value: { number } });
    expect(parseCertificateNumber(fullWidth)).toMatchObject({ ok: true, value: { number } });
  });

  it('rejects malformed numbers as "format"', () => {
    for (const bad of ['', '410102000000123', '41010200000012345', '41010200000012a4', '4101.02000000123']) {
      expect(parseCertificateNumber(bad)).toMatchObject({ ok: false, code: 'format' });
    }
  });

  it('rejects numbers of another province as "province"', () => {
    const first15 = '420102000000123';
    expect(parseCertificateNumber(first15 + checkDigitOfCertificateNumber(first15))).toMatchObject({
      ok: false,
      code: 'province',
    });
  });

  it('rejects a wrong check digit as "checksum", with a Chinese message', () => {
    const number = buildCertificateNumber({ issuingCode: '01', countyCode: '02', serial: 123 });
    const wrong = number.slice(0, 15) + String((Number(number[15]) + 1) % 10);
    const result = parseCertificateNumber(wrong);
    expect(result).toMatchObject({ ok: false, code: 'checksum' });
    expect(!result.ok && result.message).toMatch(/校验位/);
  });

  it('parses every built number (property)', () => {
    fc.assert(
      fc.property(fc.record({ issuingCode: twoDigits, countyCode: twoDigits, serial }), (parts) => {
        const number = buildCertificateNumber(parts);
        const parsed = parseCertificateNumber(number);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.value.issuingCode).toBe(parts.issuingCode);
        expect(parsed.value.countyCode).toBe(parts.countyCode);
        expect(Number(parsed.value.serial)).toBe(parts.serial);
      }),
    );
  });

  it('detects every single-digit substitution (property)', () => {
    fc.assert(
      fc.property(builtNumber, fc.nat(15), fc.integer({ min: 1, max: 9 }), (number, pos, delta) => {
        const digit = (Number(number[pos]) + delta) % 10;
        const typo = number.slice(0, pos) + String(digit) + number.slice(pos + 1);
        expect(parseCertificateNumber(typo).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('detects every adjacent transposition of digits that are not cyclically consecutive (property)', () => {
    fc.assert(
      fc.property(builtNumber, fc.nat(14), (number, pos) => {
        const a = Number(number[pos]);
        const b = Number(number[pos + 1]);
        fc.pre(a !== b && !isCyclicallyConsecutive(a, b));
        const swapped = number.slice(0, pos) + number[pos + 1] + number[pos] + number.slice(pos + 2);
        expect(parseCertificateNumber(swapped).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('misses a consecutive-digit transposition in exactly one of the ten states (known MOD 11-10 limit)', () => {
    // Exhaustive over the state P before the pair and the ordered pair (a, b): the pair leaves the
    // same state as (b, a) only when a and b are cyclically consecutive, and then for exactly one P.
    const missed: Array<[number, number, number]> = [];
    for (let p = 1; p <= 10; p++) {
      for (let a = 0; a <= 9; a++) {
        for (let b = 0; b <= 9; b++) {
          if (a !== b && step(step(p, a), b) === step(step(p, b), a)) missed.push([p, a, b]);
        }
      }
    }
    expect(missed).toHaveLength(20);
    expect(missed.every(([, a, b]) => isCyclicallyConsecutive(a, b))).toBe(true);

    // A concrete case: after "41" the state is 7, and in state 7 the pair 89 and 98 lead to the same
    // state, so issuing code 89 mistyped as 98 still passes the check (the issuing-code lookup catches it).
    expect(missed).toContainEqual([7, 8, 9]);
    const number = buildCertificateNumber({ issuingCode: '89', countyCode: '02', serial: 0 });
    const swapped = `4198${number.slice(4)}`;
    expect(parseCertificateNumber(swapped)).toMatchObject({ ok: true, value: { issuingCode: '98' } });
  });
});
