// Resident identity card number, GB 11643-1999 《公民身份号码》.
//
// 18 characters: 6-digit address code (GB/T 2260 region of first registration), 8-digit birth date
// YYYYMMDD, 3-digit sequence code (odd for men, even for women), 1 check character computed with
// ISO 7064 MOD 11-2 (a digit or X). First-generation cards (1984–2004) carry 15 digits: the same
// fields with a 2-digit year of the 1900s and no check character; GB 11643 converts them by
// inserting "19" and appending the check character.
//
// The number is the person's login (SPEC "Registration"), so error messages must never echo it:
// they end up in logs, HTTP responses and screenshots.

export type Sex = 'male' | 'female';

export type ResidentId = {
  /** 18 characters, check character uppercase. */
  idNumber: string;
  /** First six digits, the GB/T 2260 code in force at the time of first registration. */
  regionCode: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  sex: Sex;
};

export type ResidentIdErrorCode = 'format' | 'region' | 'date' | 'future' | 'checksum';

export type ResidentIdResult =
  | { ok: true; value: ResidentId }
  | { ok: false; code: ResidentIdErrorCode; message: string };

export type ParseResidentIdOptions = {
  /** The current date ('YYYY-MM-DD' or an instant, read in Asia/Shanghai). Defaults to now. */
  today?: string | Date;
};

// Province-level codes of GB/T 2260 (and 83, used by residence permits of Taiwan residents, which
// follow the same GB 11643 structure). Only the first two digits are checked: codes below the
// province are abolished and renamed over time (e.g. 长垣县 410728 → 长垣市 410783) and a number keeps
// the code of its first registration for life, so no list of current codes can validate them.
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

// GB 11643-1999 §7.3 / ISO 7064 MOD 11-2: weight of position i (1-based from the left) is
// 2^(18-i) mod 11; the check character makes the weighted sum ≡ 1 (mod 11).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

// The oldest documented Chinese residents were born in the 1880s; an earlier year is a typo.
const MIN_BIRTH_YEAR = 1880;

// China has kept UTC+8 without daylight saving since 1991: the business calendar (DESIGN "Time").
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const MESSAGES: Record<ResidentIdErrorCode, string> = {
  format: '身份证号码格式不正确：应为18位（前17位为数字，最后一位为数字或X），或15位数字的一代身份证号码，请核对后重新输入。',
  region: '身份证号码前两位不是有效的省级行政区划代码，请核对后重新输入。',
  date: '身份证号码中的出生日期不是有效日期，请核对后重新输入。',
  future: '身份证号码中的出生日期晚于今天，请核对后重新输入。',
  checksum: '身份证号码校验位不正确，可能有数字输错，请逐位核对后重新输入。',
};

function fail(code: ResidentIdErrorCode, message: string = MESSAGES[code]): ResidentIdResult {
  return { ok: false, code, message };
}

/** NFKC folds full-width digits and letters (１２３ｘ) to ASCII; users paste them from Word and IMEs. */
function normalise(input: string): string {
  return input.normalize('NFKC').trim().toUpperCase();
}

/** ISO 7064 MOD 11-2 check character of the first 17 digits (GB 11643-1999 §7.3). */
export function checkCharOfResidentId(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('checkCharOfResidentId: expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** 'YYYYMMDD' → 'YYYY-MM-DD' when it is a real Gregorian date, else null. */
function toCalendarDate(yyyymmdd: string): string | null {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < MIN_BIRTH_YEAR || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

function todayInShanghai(today: string | Date | undefined): string {
  if (typeof today === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError('parseResidentId: today must be YYYY-MM-DD');
    return today;
  }
  const instant = today ?? new Date();
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Parses and validates a resident ID number (GB 11643-1999). Accepts full-width characters,
 * surrounding white space, a lowercase x, and 15-digit first-generation numbers (converted to 18).
 * Never throws for bad input; the message is Chinese, actionable, and never contains the number.
 */
export function parseResidentId(input: string, options: ParseResidentIdOptions = {}): ResidentIdResult {
  if (typeof input !== 'string') return fail('format');
  const text = normalise(input);
  if (text === '') return fail('format', '请输入身份证号码。');

  let first17: string;
  let givenCheck: string | null;
  if (/^\d{15}$/.test(text)) {
    // GB 11643-1999 Appendix: first-generation numbers were issued to people born in 19xx only.
    first17 = `${text.slice(0, 6)}19${text.slice(6)}`;
    givenCheck = null;
  } else if (/^\d{17}[\dX]$/.test(text)) {
    first17 = text.slice(0, 17);
    givenCheck = text.slice(17);
  } else {
    return fail('format');
  }

  if (!PROVINCE_CODES.has(first17.slice(0, 2))) return fail('region');

  const birthDate = toCalendarDate(first17.slice(6, 14));
  if (birthDate === null) return fail('date');
  // ISO dates compare correctly as strings.
  if (birthDate > todayInShanghai(options.today)) return fail('future');

  const check = checkCharOfResidentId(first17);
  if (givenCheck !== null && givenCheck !== check) return fail('checksum');

  return {
    ok: true,
    value: {
      idNumber: first17 + check,
      regionCode: first17.slice(0, 6),
      birthDate,
      // GB 11643-1999 §6.3: the sequence code is odd for men, even for women.
      sex: Number(first17[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

/**
 * Masks an ID number for display and logs, keeping the first 4 and last 4 characters
 * (4101**********123X). Works on any string, valid or not, and never reveals more than 8 characters;
 * strings of 8 characters or fewer are masked entirely.
 */
export function maskResidentId(id: string): string {
  const text = normalise(id);
  if (text.length <= 8) return '*'.repeat(text.length);
  return `${text.slice(0, 4)}${'*'.repeat(text.length - 8)}${text.slice(-4)}`;
}
