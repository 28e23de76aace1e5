// Certificate number (管理号码), Art. 13 of the measures: digits only; positions 1–2 Henan (41),
// 3–4 the issuing city / province-administered county / province-level units (00), 5–6 the county
// (district), then a serial generated at registration. We fix the length at 16: 41 + 2 + 2 + a 9-digit
// serial + 1 check digit by ISO 7064 MOD 11-10 (SPEC Art. 13).
//
// What MOD 11-10 catches (verified exhaustively in the tests): every single-digit substitution, and
// every adjacent transposition of two digits that are not cyclically consecutive. A swap of
// consecutive digits (01, 12, …, 89, 90) goes unnoticed in one of the ten states the running check
// value can be in (about 2% of all adjacent transpositions overall). Callers also check the issuing
// and county codes against reference data and look the number up; the check digit only catches typos.

export type CertificateNumber = {
  /** The 16 digits. */
  number: string;
  /** Positions 3–4: the issuing bureau (a city's GB/T 2260 code, 00 for province-level units). */
  issuingCode: string;
  /** Positions 5–6: the county (district). */
  countyCode: string;
  /** Positions 7–15: the serial allocated at registration. */
  serial: string;
};

export type CertificateNumberErrorCode = 'format' | 'province' | 'checksum';

export type CertificateNumberResult =
  | { ok: true; value: CertificateNumber }
  | { ok: false; code: CertificateNumberErrorCode; message: string };

export type CertificateNumberParts = {
  issuingCode: string;
  countyCode: string;
  /** 0 ≤ serial ≤ 999 999 999, or its 9-digit string. */
  serial: number | string;
};

/** Art. 13: positions 1–2 are Henan's GB/T 2260 province code. */
export const HENAN_PROVINCE_CODE = '41';

export const CERTIFICATE_NUMBER_LENGTH = 16;

const MAX_SERIAL = 999_999_999;

const MESSAGES: Record<CertificateNumberErrorCode, string> = {
  format: '证书管理号码应为16位数字，请核对后重新输入。',
  province: '证书管理号码应以41（河南省）开头，请核对后重新输入。',
  checksum: '证书管理号码校验位（第16位）不正确，可能有数字输错或相邻数字颠倒，请逐位核对后重新输入。',
};

function fail(code: CertificateNumberErrorCode, message: string = MESSAGES[code]): CertificateNumberResult {
  return { ok: false, code, message };
}

/**
 * ISO/IEC 7064 MOD 11-10 (hybrid system, M = 10, M+1 = 11): P starts at 10; for each digit
 * S = (P + d) mod 10, with 0 read as 10; P = 2S mod 11. The check digit c makes (P + c) mod 10 = 1.
 */
export function checkDigitMod11_10(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new RangeError('checkDigitMod11_10: expected digits');
  let p = 10;
  for (const ch of digits) {
    const s = (p + Number(ch)) % 10 || 10;
    p = (s * 2) % 11;
  }
  return String((11 - p) % 10);
}

/** The check digit (position 16) of the first 15 digits of a certificate number. */
export function checkDigitOfCertificateNumber(first15: string): string {
  if (!/^\d{15}$/.test(first15)) throw new RangeError('checkDigitOfCertificateNumber: expected 15 digits');
  return checkDigitMod11_10(first15);
}

/** Builds the number for a newly registered person; throws RangeError on malformed parts (a bug). */
export function buildCertificateNumber(parts: CertificateNumberParts): string {
  const { issuingCode, countyCode, serial } = parts;
  if (!/^\d{2}$/.test(issuingCode)) throw new RangeError('buildCertificateNumber: issuingCode must be 2 digits');
  if (!/^\d{2}$/.test(countyCode)) throw new RangeError('buildCertificateNumber: countyCode must be 2 digits');

  let serialDigits: string;
  if (typeof serial === 'number') {
    if (!Number.isSafeInteger(serial) || serial < 0 || serial > MAX_SERIAL) {
      throw new RangeError('buildCertificateNumber: serial must be an integer in 0..999999999');
    }
    serialDigits = String(serial).padStart(9, '0');
  } else {
    if (!/^\d{9}$/.test(serial)) throw new RangeError('buildCertificateNumber: serial must be 9 digits');
    serialDigits = serial;
  }

  const first15 = `${HENAN_PROVINCE_CODE}${issuingCode}${countyCode}${serialDigits}`;
  return first15 + checkDigitOfCertificateNumber(first15);
}

/**
 * Parses a certificate number as typed, printed or scanned: NFKC folds full-width digits, white
 * space and hyphens are dropped (certificates print the number in groups). Never throws for bad
 * input; the message is Chinese and actionable.
 */
export function parseCertificateNumber(input: string): CertificateNumberResult {
  if (typeof input !== 'string') return fail('format');
  const text = input.normalize('NFKC').replace(/[\s-]/g, '');
  if (text === '') return fail('format', '请输入证书管理号码。');
  if (!/^\d{16}$/.test(text)) return fail('format');
  if (!text.startsWith(HENAN_PROVINCE_CODE)) return fail('province');
  if (checkDigitOfCertificateNumber(text.slice(0, 15)) !== text[15]) return fail('checksum');

  return {
    ok: true,
    value: {
      number: text,
      issuingCode: text.slice(2, 4),
      countyCode: text.slice(4, 6),
      serial: text.slice(6, 15),
    },
  };
}
