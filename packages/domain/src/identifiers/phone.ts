// Mainland China mobile numbers: 11 digits, "1" then a network digit 3–9 (numbering plan of the
// Ministry of Industry and Information Technology), optionally written with the +86 country code.

export type Phone = {
  /** 11 digits, without country code or separators. */
  number: string;
};

export type PhoneResult = { ok: true; value: Phone } | { ok: false; code: 'format'; message: string };

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * NFKC folds full-width digits and "＋" to ASCII. Spaces and hyphens inside the number are dropped
 * because people write 138 1234 5678 or 138-1234-5678; a +86 or 86 prefix (13 digits) is stripped.
 */
function normalise(input: string): string {
  const compact = input.normalize('NFKC').trim().replace(/[\s-]/g, '');
  if (compact.startsWith('+86')) return compact.slice(3);
  if (/^86\d{11}$/.test(compact)) return compact.slice(2);
  return compact;
}

/** Parses a mainland mobile number; the message never repeats the input. */
export function parsePhone(input: string): PhoneResult {
  if (typeof input !== 'string' || input.trim() === '') {
    return { ok: false, code: 'format', message: '请输入手机号码。' };
  }
  const number = normalise(input);
  if (!MOBILE.test(number)) {
    return {
      ok: false,
      code: 'format',
      message: '手机号码格式不正确：应为以1开头、第二位为3–9的11位中国大陆手机号码，请核对后重新输入。',
    };
  }
  return { ok: true, value: { number } };
}

/**
 * Masks a mobile number for display (138****5678): the middle four digits are hidden, as on bank
 * and government sites. Input that is not a valid mobile number is masked entirely.
 */
export function maskPhone(phone: string): string {
  const parsed = parsePhone(phone);
  if (!parsed.ok) return '*'.repeat(Math.min(Math.max(phone.trim().length, 1), 11));
  const n = parsed.value.number;
  return `${n.slice(0, 3)}****${n.slice(7)}`;
}
