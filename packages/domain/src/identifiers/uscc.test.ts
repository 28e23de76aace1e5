import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCharOfUscc, parseUscc } from './uscc.ts';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Codes published on the national enterprise credit information system and business licences.
// Two are worked by hand below (GB 32100-2015 §4.3, character values 0–9 A=10 … Y=30).
const PUBLISHED = [
  // 9·1+1·3+3·9+5·27+0·19+1·26+0·16+0·17+M(21)·20+0·29+0·25+0·13+1·8+0·24+0·10+Y(30)·30+4·28
  // = 1640 = 52·31 + 28 → 31 − 28 = 3.
  '91350100M000100Y43',
  // 9·1+1·3+1·9+1·27+0+0+0+0+6·20+0+0+0+3·8+7·24+3·10+4·30+1·28 = 538 = 17·31 + 11 → 31 − 11 = 20 = L.
  '91110000600037341L',
  // 华为技术有限公司 and 腾讯科技（深圳）有限公司, as printed on their licences.
  '914403001922038216',
  '9144030071526726XG',
];

describe('checkCharOfUscc (GB 32100-2015 §4.3)', () => {
  it('computes the check character of published codes', () => {
    for (const code of PUBLISHED) expect(checkCharOfUscc(code.slice(0, 17))).toBe(code[17]);
  });

  it('writes a result of 31 as 0', () => {
    // Σ = 0 → 31 − 0 = 31 → "0".
    expect(checkCharOfUscc('00000000000000000')).toBe('0');
  });

  it('rejects wrong lengths and characters outside the set', () => {
    expect(() => checkCharOfUscc('9135010000000000')).toThrow(RangeError);
    expect(() => checkCharOfUscc('91350100I00010000')).toThrow(RangeError);
  });
});

describe('parseUscc', () => {
  it('accepts published codes and splits them into their parts', () => {
    for (const code of PUBLISHED) expect(parseUscc(code).ok).toBe(true);
    expect(parseUscc('91350100M000100Y43')).toEqual({
      ok: true,
      value: {
        code: '91350100M000100Y43',
        registrationAuthority: '9',
        organisationType: '1',
        regionCode: '350100',
        organisationCode: 'M000100Y4',
      },
    });
  });

  it('accepts lowercase, full-width characters and white space', () => {
    expect(parseUscc(' 91350100m000100y43 ')).toMatchObject({ ok: true, value: { code: '91350100M000100Y43' } });
    expect(parseUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toMatchObject({ ok: true });
    expect(parseUscc('9 1 350100 M000100Y4 3')).toMatchObject({ ok: true });
  });

  it('rejects a wrong check character', () => {
    for (const wrong of ['91350100M000100Y44', '91110000600037341M', '914403001922038210']) {
      expect(parseUscc(wrong)).toMatchObject({ ok: false, code: 'checksum' });
    }
  });

  it('rejects the letters I, O, Z, S, V anywhere', () => {
    for (const letter of ['I', 'O', 'Z', 'S', 'V']) {
      expect(parseUscc(`91350100${letter}000100Y43`)).toMatchObject({ ok: false, code: 'charset' });
      expect(parseUscc(`91350100M000100Y4${letter}`)).toMatchObject({ ok: false, code: 'charset' });
    }
    expect(parseUscc('91350100M000100Y4*')).toMatchObject({ ok: false, code: 'charset' });
  });

  it('rejects wrong lengths', () => {
    for (const bad of ['', '9135010', '91350100M000100Y4', '91350100M000100Y433']) {
      expect(parseUscc(bad)).toMatchObject({ ok: false, code: 'format' });
    }
  });

  it('requires digits in the region code (positions 3–8)', () => {
    const first17 = '9135A100M000100Y4';
    expect(parseUscc(first17 + checkCharOfUscc(first17))).toMatchObject({ ok: false, code: 'region' });
  });

  it('gives Chinese messages that do not echo the input', () => {
    const result = parseUscc('91350100M000100Y44');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/[\u4e00-\u9fff]/);
    expect(result.message).not.toContain('91350100M000100Y44');
  });

  it('accepts every code built with checkCharOfUscc and detects any single-character error', () => {
    const char = fc.constantFrom(...CHARSET);
    const first17 = fc
      .tuple(fc.array(char, { minLength: 2, maxLength: 2 }), fc.stringMatching(/^\d{6}$/), fc.array(char, { minLength: 9, maxLength: 9 }))
      .map(([head, region, org]) => head.join('') + region + org.join(''));
    fc.assert(
      fc.property(first17, fc.nat(17), fc.integer({ min: 1, max: 30 }), (f, pos, delta) => {
        const code = f + checkCharOfUscc(f);
        expect(parseUscc(code).ok).toBe(true);
        const replaced = CHARSET[(CHARSET.indexOf(code[pos] ?? '') + delta) % 31] ?? '';
        const typo = code.slice(0, pos) + replaced + code.slice(pos + 1);
        expect(parseUscc(typo).ok).toBe(false);
      }),
    );
  });
});
