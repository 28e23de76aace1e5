import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Time-based one-time passwords, RFC 6238 (TOTP) over RFC 4226 (HOTP): HMAC-SHA-1, 6 digits,
// 30-second steps from the Unix epoch, the form every authenticator app (and the otpauth URI
// format) assumes. Secrets are base32 (RFC 4648) as those apps expect them.

export const STEP_SECONDS = 30;
export const DIGITS = 6;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding (authenticator apps accept it unpadded). */
export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32, ignoring case, spaces and padding; throws on any other character. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const index = ALPHABET.indexOf(ch);
    if (index < 0) throw new RangeError('base32: invalid character');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 §5.3: HMAC-SHA-1 of the 8-byte counter, dynamic truncation, modulo 10^digits. */
export function hotp(secret: Buffer, counter: number, digits: number = DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** RFC 6238 §4.2: T = floor((unix time − T0) / X), T0 = 0, X = 30 s. */
export const stepAt = (unixMs: number): number => Math.floor(unixMs / 1000 / STEP_SECONDS);

export function totp(secret: Buffer, unixMs: number, digits: number = DIGITS): string {
  return hotp(secret, stepAt(unixMs), digits);
}

/**
 * The step a code belongs to, or null. Accepts the current step and one on either side (RFC 6238
 * §5.2: clock drift and transmission delay), but only steps after `lastStep`: a code that was used
 * once is never accepted again, nor any older one.
 */
export function matchingStep(options: { secret: Buffer; code: string; unixMs: number; lastStep: number | null }): number | null {
  if (!/^\d{6}$/.test(options.code)) return null;
  const current = stepAt(options.unixMs);
  const given = Buffer.from(options.code);
  let found: number | null = null;
  // Every candidate is computed and compared in constant time, whichever matches.
  for (const step of [current - 1, current, current + 1]) {
    const matches = timingSafeEqual(Buffer.from(hotp(options.secret, step)), given);
    if (matches && (options.lastStep === null || step > options.lastStep) && found === null) found = step;
  }
  return found;
}

/** 160 random bits: RFC 4226 §4 recommends a secret as long as the HMAC-SHA-1 output. */
export const newSecret = (): string => base32Encode(randomBytes(20));

/** The Key Uri Format authenticator apps read from the QR code. */
export function otpauthUri(options: { secret: string; accountName: string; issuer: string }): string {
  const label = encodeURIComponent(`${options.issuer}:${options.accountName}`);
  const params = new URLSearchParams({
    secret: options.secret, issuer: options.issuer, algorithm: 'SHA1', digits: String(DIGITS), period: String(STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString().replace(/\+/g, '%20')}`;
}
