// Client-side reading of a resident ID number (GB 11643-1999) to prefill sex and birth date on the
// registration form and catch typos early; the server validates again and decides.

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

export type ParsedResidentId = { idNumber: string; birthDate: string; sex: 'male' | 'female' };

/** NFKC folds full-width digits and letters that IMEs and Word produce. */
export function normaliseResidentId(input: string): string {
  return input.normalize('NFKC').replace(/\s/g, '').toUpperCase();
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The parsed number, or a Chinese message saying what is wrong (never repeating the number). */
export function parseResidentId(input: string): { ok: true; value: ParsedResidentId } | { ok: false; message: string } {
  const text = normaliseResidentId(input);
  if (!/^\d{17}[\dX]$/.test(text)) {
    return { ok: false, message: '身份证号码应为18位（前17位为数字，最后一位为数字或X）' };
  }
  const year = Number(text.slice(6, 10));
  const month = Number(text.slice(10, 12));
  const day = Number(text.slice(12, 14));
  if (year < 1880 || !isRealDate(year, month, day)) return { ok: false, message: '身份证号码中的出生日期不是有效日期' };

  // GB 11643-1999 §7.3, ISO 7064 MOD 11-2.
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(text[i]) * (weights[i] ?? 0);
  if (checkChars[sum % 11] !== text[17]) return { ok: false, message: '身份证号码校验位不正确，请逐位核对' };

  return {
    ok: true,
    value: {
      idNumber: text,
      birthDate: `${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`,
      // GB 11643-1999 §6.3: the sequence code is odd for men, even for women.
      sex: Number(text[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

/** Mainland mobile number (11 digits, 1 then 3–9), as the server checks it. */
export const mobilePattern = /^1[3-9]\d{9}$/;
