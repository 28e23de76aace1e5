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

type KeyFile = { keyId: string; orgId: string; privateKey: string; publicKey: string; validFrom: string; validTo: string };

/**
 * The current seal key of an organisation, from its key file in `dataDir/keys/` (created on first
 * use: in production the file is provisioned, never committed). Written with 'wx' so two processes
 * starting together cannot create two different keys.
 */
export function loadOrCreateSeal(options: { dataDir: string; orgId: string; now: Date }): Signer {
  const dir = path.join(options.dataDir, 'keys');
  const file = path.join(dir, `seal-${options.orgId}.json`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const pair = sm2.generateKeyPairHex();
    const from = options.now;
    const to = new Date(from.getTime());
    to.setUTCFullYear(to.getUTCFullYear() + 5);
    const created: KeyFile = {
      keyId: `${options.orgId}-${from.toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`,
      orgId: options.orgId,
      privateKey: pair.privateKey,
      publicKey: pair.publicKey,
      validFrom: from.toISOString(),
      validTo: to.toISOString(),
    };
    try {
      fs.writeFileSync(file, JSON.stringify(created), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  return {
    keyId: key.keyId,
    orgId: key.orgId,
    publicKey: key.publicKey,
    validFrom: key.validFrom,
    validTo: key.validTo,
    sign: (message) => signSm2(key.privateKey, key.publicKey, message),
  };
}
