import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Personal data protection (PIPL; SPEC "Privacy"): resident ID numbers and phones are stored only as
// AES-256-GCM ciphertext (authenticated: a flipped byte fails closed) plus a keyed blind index
// (HMAC-SHA-256) for lookups. The two keys are separate so the index key can never decrypt.
export type PiiKeys = { encKey: Buffer; indexKey: Buffer };

export class PiiCipher {
  constructor(private readonly keys: PiiKeys) {}

  /** `v1.<iv>.<ciphertext+tag>` in base64url. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `v1.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  decrypt(sealed: string): string {
    const [version, ivText, bodyText] = sealed.split('.');
    if (version !== 'v1' || !ivText || !bodyText) throw new Error('pii: unknown ciphertext format');
    const body = Buffer.from(bodyText, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.keys.encKey, Buffer.from(ivText, 'base64url'));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed index of a normalised value: equal inputs, equal index; no way back. */
  index(value: string): string {
    return createHmac('sha256', this.keys.indexKey).update(value, 'utf8').digest('base64url');
  }
}

function keyFrom(base64: string, name: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error(`configuration: ${name} must be 32 bytes in base64`);
  return key;
}

/** Keys from configuration, or (demo and development) from a key file created in the data dir. */
export function loadPiiKeys(options: { dataDir: string; encKey?: string | undefined; indexKey?: string | undefined }): PiiKeys {
  if (options.encKey && options.indexKey) {
    return { encKey: keyFrom(options.encKey, 'JIXU_PII_ENC_KEY'), indexKey: keyFrom(options.indexKey, 'JIXU_PII_INDEX_KEY') };
  }
  const file = path.join(options.dataDir, 'keys', 'pii.json');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const fresh = { encKey: randomBytes(32).toString('base64'), indexKey: randomBytes(32).toString('base64') };
    // 'wx': never overwrite a key file another process has just written (data would become unreadable).
    try {
      fs.writeFileSync(file, JSON.stringify(fresh), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { encKey: string; indexKey: string };
  return { encKey: keyFrom(stored.encKey, 'pii.json encKey'), indexKey: keyFrom(stored.indexKey, 'pii.json indexKey') };
}
