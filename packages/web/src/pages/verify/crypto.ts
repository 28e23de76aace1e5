import { parseCertificateNumber } from '@jixu/domain/certificate-number';
import { sm2 } from 'sm-crypto-v2';

// Browser-side checks of a certificate (docs/certificates.md): the number's check digit, the QR
// text, and the SM2 seal. Nothing here trusts the server: the signature is checked against the
// bureau's published key, so a tampered answer or a forged QR code shows as forged.

/** GB/T 35276 default signer ID, the one the seals sign with (platform/seal.ts). */
export const SM2_SIGNER_ID = '1234567812345678';

// RFC 8785 canonical JSON: the domain's own implementation, so browser and server agree byte for byte.
export { canonicalJson } from '@jixu/domain/canonical-json';

export type NumberCheck = { ok: true; number: string } | { ok: false; message: string };

/**
 * Art. 13 / SPEC: 16 digits, starting 41, the last an ISO 7064 MOD 11-10 check digit: the domain's
 * own parser (subpath export, so the bundle takes only this module). Full-width digits, spaces and
 * hyphens are accepted, as printed numbers are grouped.
 */
export function checkCertificateNumber(input: string): NumberCheck {
  const parsed = parseCertificateNumber(input);
  return parsed.ok ? { ok: true, number: parsed.value.number } : { ok: false, message: parsed.message };
}

const utf8 = new TextEncoder();

function bytesOfBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesOfBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return bytesOfBase64(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
}

const hexOf = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Base64 DER signature → hex, as sm-crypto-v2 takes it. */
export const derHexOfBase64 = (value: string): string => hexOf(bytesOfBase64(value));

/** True when `derHex` is the SM2-SM3 signature of the UTF-8 bytes of `message` by `publicKeyHex`. */
export function verifySm2(message: string, derHex: string, publicKeyHex: string): boolean {
  if (derHex.length === 0) return false;
  try {
    return sm2.doVerifySignature(utf8.encode(message), derHex, publicKeyHex, { hash: true, der: true, userId: SM2_SIGNER_ID });
  } catch {
    return false;
  }
}

/** The compact payload in the QR code (modules/certificates/payload.ts). */
export type CompactPayload = { v: 1; n: string; m: string; d: string; y: [number, 0 | 1, number][]; k: string };

export type ParsedQr = { text: string; payload: CompactPayload; signatureHex: string };

function isCompact(value: unknown): value is CompactPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.v === 1 && typeof v.n === 'string' && typeof v.m === 'string' && typeof v.d === 'string' && typeof v.k === 'string'
    && Array.isArray(v.y) && v.y.every((y) => Array.isArray(y) && y.length === 3 && y.every((n) => typeof n === 'number'));
}

/** `JX1.<base64url canonical JSON>.<base64url DER>` → its parts; undefined when it is not one. */
export function parseQrText(input: string): ParsedQr | undefined {
  const parts = input.trim().replace(/\s+/g, '').split('.');
  if (parts.length !== 3 || parts[0] !== 'JX1') return undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytesOfBase64Url(parts[1]!));
    const payload: unknown = JSON.parse(text);
    if (!isCompact(payload)) return undefined;
    return { text, payload, signatureHex: hexOf(bytesOfBase64Url(parts[2]!)) };
  } catch {
    return undefined;
  }
}
