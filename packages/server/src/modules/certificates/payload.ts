import { canonicalJson } from '@jixu/domain';

// What a certificate says, signed (API.md "Certificate verification"; issue "Certificates" item 2):
// canonical JSON (RFC 8785) of exactly this object. The holder's name is masked and the resident ID
// number appears only as a keyed hash, so a published payload reveals nothing more.
export type YearEntry = {
  year: number;
  complete: boolean;
  /** Earned hours (after Art. 8 the requirement may be lower: see `required`). */
  total: number;
  public: number;
  professional: number;
  required: { total: number; public: number; professional: number };
  fullYear: boolean;
  policyVersion: string;
};

export type CertificatePayload = {
  number: string;
  issuer: string;
  issuerId: string;
  unit: string;
  holder: { maskedName: string; idHash: string };
  issuedAt: string;
  years: YearEntry[];
};

/** 张伟 → 张*, 欧阳娜娜 → 欧***: the surname stays, as on bank and government sites. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/**
 * The QR code's content: small enough to scan from paper, verifiable offline with the published
 * key: `JX1.` + base64url(canonical JSON of the compact payload) + `.` + base64url(DER signature).
 * Compact payload: {v, n: number, m: masked name, d: issue date, y: [[year, complete 0|1, earned
 * total in tenths]], k: keyId}.
 */
export type CompactPayload = { v: 1; n: string; m: string; d: string; y: [number, 0 | 1, number][]; k: string };

export function compactOf(payload: CertificatePayload, keyId: string): CompactPayload {
  return {
    v: 1,
    n: payload.number,
    m: payload.holder.maskedName,
    d: payload.issuedAt.slice(0, 10),
    y: payload.years.map((y) => [y.year, y.complete ? 1 : 0, Math.round(y.total * 10)]),
    k: keyId,
  };
}

export function qrTextOf(compact: string, signatureBase64: string): string {
  const b64url = (b: Buffer) => b.toString('base64url');
  return `JX1.${b64url(Buffer.from(compact, 'utf8'))}.${b64url(Buffer.from(signatureBase64, 'base64'))}`;
}

export const canonical = (value: unknown) => canonicalJson(value);
