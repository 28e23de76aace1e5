// Unified social credit code of legal persons and other organisations, GB 32100-2015
// 《法人和其他组织统一社会信用代码编码规则》. Units identify by it (SPEC "Registration").
//
// 18 characters from a 31-character set (digits and capital letters except I, O, Z, S, V, which are
// easily confused with 1, 0, 2, 5, U): position 1 registration authority, 2 organisation type,
// 3–8 the registering region (GB/T 2260, digits), 9–17 the organisation code (GB 11714),
// 18 the check character (GB 32100-2015 §4.3, a modulus-31 weighted sum).

export type Uscc = {
  /** 18 characters, uppercase. */
  code: string;
  /** Position 1: 登记管理部门代码 (1 机构编制, 5 民政, 9 工商/市场监管, Y 其他, …). */
  registrationAuthority: string;
  /** Position 2: 机构类别代码. */
  organisationType: string;
  /** Positions 3–8: 登记管理机关行政区划码. */
  regionCode: string;
  /** Positions 9–17: 主体标识码 (organisation code, GB 11714). */
  organisationCode: string;
};

export type UsccErrorCode = 'format' | 'charset' | 'region' | 'checksum';

export type UsccResult = { ok: true; value: Uscc } | { ok: false; code: UsccErrorCode; message: string };

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// GB 32100-2015 §4.3: W_i = 3^(i-1) mod 31 for positions i = 1..17.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const MESSAGES: Record<UsccErrorCode, string> = {
  format: '统一社会信用代码应为18位，请核对后重新输入。',
  charset: '统一社会信用代码只能包含数字和除 I、O、Z、S、V 以外的大写英文字母，请核对后重新输入。',
  region: '统一社会信用代码第3至8位应为数字（登记管理机关行政区划码），请核对后重新输入。',
  checksum: '统一社会信用代码校验码（第18位）不正确，可能有字符输错，请逐位核对后重新输入。',
};

function fail(code: UsccErrorCode, message: string = MESSAGES[code]): UsccResult {
  return { ok: false, code, message };
}

/** GB 32100-2015 §4.3: C18 = 31 − (Σ Ci·Wi mod 31), where a result of 31 is written as 0. */
export function checkCharOfUscc(first17: string): string {
  if (first17.length !== 17) throw new RangeError('checkCharOfUscc: expected 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i] ?? '');
    if (value < 0) throw new RangeError('checkCharOfUscc: character outside the GB 32100 set');
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return CHARSET[(31 - (sum % 31)) % 31] ?? '';
}

/**
 * Parses and validates a unified social credit code. NFKC folds full-width characters, white space
 * around and inside is dropped (codes are often printed in groups), letters are uppercased.
 */
export function parseUscc(input: string): UsccResult {
  if (typeof input !== 'string') return fail('format');
  const text = input.normalize('NFKC').replace(/\s/g, '').toUpperCase();
  if (text === '') return fail('format', '请输入统一社会信用代码。');
  if (text.length !== 18) return fail('format');
  if (![...text].every((ch) => CHARSET.includes(ch))) return fail('charset');
  if (!/^\d{6}$/.test(text.slice(2, 8))) return fail('region');
  if (checkCharOfUscc(text.slice(0, 17)) !== text[17]) return fail('checksum');

  return {
    ok: true,
    value: {
      code: text,
      registrationAuthority: text.slice(0, 1),
      organisationType: text.slice(1, 2),
      regionCode: text.slice(2, 8),
      organisationCode: text.slice(8, 17),
    },
  };
}
