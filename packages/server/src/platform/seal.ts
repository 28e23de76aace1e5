import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sm2 } from 'sm-crypto-v2';

// Electronic seals (Art. 13: the certificate carries the issuing bureau's seal; Art. 15: nothing may
// be forged). SM2 (GB/T 32918) with SM3 and the standard default signer ID, DER-encoded signatures
// over the UTF-8 bytes of a payload (API.md "Signatures"). Node 20's own SM2 signs with an empty
// signer ID (interoperates with nothing that follows the standard), so we use sm-crypto-v2, and test
// interoperability both ways with OpenSSL's command line (test/seal.test.ts).
export const SM2_SIGNER_ID = '1234567812345678';
export const SEAL_ALG = 'SM2-SM3';

export type SealKey = {
  keyId: string;
  orgId: string;
  /** Uncompressed point, hex "04…". */
  publicKey: string;
  validFrom: string;
  validTo: string;
};

export type Signer = SealKey & { sign: (message: Uint8Array | string) => string };

const toHex = (message: Uint8Array | string) =>
  Buffer.from(typeof message === 'string' ? Buffer.from(message, 'utf8') : message).toString('hex');

/** Base64 of the DER signature of the message bytes. */
export function signSm2(privateKeyHex: string, publicKeyHex: string, message: Uint8Array | string): string {
  const bytes = Uint8Array.from(Buffer.from(toHex(message), 'hex'));
  const der = sm2.doSignature(bytes, privateKeyHex, { hash: true, der: true, publicKey: publicKeyHex, userId: SM2_SIGNER_ID });
  return Buffer.from(der, 'hex').toString('base64');
}

export function verifySm2(publicKeyHex: string, message: Uint8Array | string, signatureBase64: string): boolean {
  try {
    const bytes = Uint8Array.from(Buffer.from(toHex(message), 'hex'));
    const der = Buffer.from(signatureBase64, 'base64').toString('hex');
    if (der.length === 0) return false;
    return sm2.doVerifySignature(bytes, der, publicKeyHex, { hash: true, der: true, userId: SM2_SIGNER_ID });
  } catch {
    return false;
  }
}

/** SubjectPublicKeyInfo PEM of an SM2 public key (id-ecPublicKey with the SM2 curve OID 1.2.156.10197.1.301). */
export function sm2PublicKeyPem(publicKeyHex: string): string {
  const prefix = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');
  const der = Buffer.concat([prefix, Buffer.from(publicKeyHex, 'hex')]);
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

/** `createdAt` (wall clock) orders keys whose validity starts at the same instant: the newer is current. */
type KeyFile = { keyId: string; orgId: string; privateKey: string; publicKey: string; validFrom: string; validTo: string; createdAt?: number };

const KEY_LIFETIME_YEARS = 5;
const keyDirOf = (dataDir: string, orgId: string) => path.join(dataDir, 'keys', 'seals', orgId);

function signerOf(key: KeyFile): Signer {
  return {
    keyId: key.keyId,
    orgId: key.orgId,
    publicKey: key.publicKey,
    validFrom: key.validFrom,
    validTo: key.validTo,
    sign: (message) => signSm2(key.privateKey, key.publicKey, message),
  };
}

/** Every key an organisation has had (files in `dataDir/keys/seals/<org>/`), oldest first. */
function keysOf(dataDir: string, orgId: string): KeyFile[] {
  const dir = keyDirOf(dataDir, orgId);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as KeyFile)
    .sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : (a.createdAt ?? 0) - (b.createdAt ?? 0)));
}

/**
 * Creates a new seal key for an organisation, valid from `now` for five years; it signs from then on
 * (key rotation). Older keys stay on disk and published, so what they signed still verifies.
 */
export function createSeal(options: { dataDir: string; orgId: string; now: Date }): Signer {
  const dir = keyDirOf(options.dataDir, options.orgId);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pair = sm2.generateKeyPairHex();
  const to = new Date(options.now.getTime());
  to.setUTCFullYear(to.getUTCFullYear() + KEY_LIFETIME_YEARS);
  const key: KeyFile = {
    keyId: `${options.orgId}-${options.now.toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`,
    orgId: options.orgId,
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    validFrom: options.now.toISOString(),
    validTo: to.toISOString(),
    createdAt: Date.now(),
  };
  // 'wx': a key file is written once and never overwritten.
  fs.writeFileSync(path.join(dir, `${key.keyId}.json`), JSON.stringify(key), { mode: 0o600, flag: 'wx' });
  return signerOf(key);
}

/**
 * The current seal key of an organisation: the newest key valid now. None (first use, or the last
 * one expired): a new key is created. Private keys live only in `dataDir/keys/` (in production the
 * folder is provisioned and backed up; never in the repository).
 */
export function loadOrCreateSeal(options: { dataDir: string; orgId: string; now: Date }): Signer {
  const at = options.now.toISOString();
  const current = keysOf(options.dataDir, options.orgId).filter((k) => k.validFrom <= at && at < k.validTo).at(-1);
  if (current) return signerOf(current);
  // Two processes starting together may both create one; the newer simply becomes current.
  return createSeal(options);
}
