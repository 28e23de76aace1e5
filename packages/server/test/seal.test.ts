import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import { afterAll, describe, expect, it } from 'vitest';
import { signSm2, sm2PublicKeyPem, verifySm2 } from '../src/platform/seal.ts';

// Interoperability of our SM2 seals with an independent implementation, OpenSSL's command line,
// in both directions, with the standard signer ID (GB/T 35276: 1234567812345678).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixu-sm2-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
const message = '{"number":"4101050000000010","years":[{"complete":true,"year":2025}]}';

describe('SM2 seals', () => {
  it('signs so that OpenSSL verifies with the standard signer ID, and not with the empty one', () => {
    const pair = sm2.generateKeyPairHex();
    const signature = signSm2(pair.privateKey, pair.publicKey, message);
    fs.writeFileSync(path.join(dir, 'pub.pem'), sm2PublicKeyPem(pair.publicKey));
    fs.writeFileSync(path.join(dir, 'msg'), message);
    fs.writeFileSync(path.join(dir, 'sig'), Buffer.from(signature, 'base64'));
    const verify = (distid?: string) => {
      try {
        openssl('pkeyutl', '-verify', '-in', path.join(dir, 'msg'), '-sigfile', path.join(dir, 'sig'), '-pubin', '-inkey', path.join(dir, 'pub.pem'),
          '-rawin', '-digest', 'sm3', ...(distid ? ['-pkeyopt', `distid:${distid}`] : []));
        return true;
      } catch {
        return false;
      }
    };
    expect(verify('1234567812345678')).toBe(true);
    expect(verify()).toBe(false);
  });

  it('verifies what OpenSSL signs with the standard signer ID, and refuses what it signs with an empty one', () => {
    const key = path.join(dir, 'key.pem');
    openssl('genpkey', '-algorithm', 'SM2', '-out', key);
    const der = execFileSync('openssl', ['pkey', '-in', key, '-pubout', '-outform', 'DER']);
    const publicKey = der.subarray(der.length - 65).toString('hex');
    expect(publicKey.startsWith('04')).toBe(true);
    fs.writeFileSync(path.join(dir, 'msg2'), message);
    const sign = (distid?: string) => {
      const out = path.join(dir, `sig-${distid ?? 'empty'}`);
      openssl('pkeyutl', '-sign', '-in', path.join(dir, 'msg2'), '-inkey', key, '-rawin', '-digest', 'sm3', ...(distid ? ['-pkeyopt', `distid:${distid}`] : []), '-out', out);
      return fs.readFileSync(out).toString('base64');
    };
    expect(verifySm2(publicKey, message, sign('1234567812345678'))).toBe(true);
    expect(verifySm2(publicKey, message, sign())).toBe(false);
    expect(verifySm2(publicKey, `${message} `, sign('1234567812345678'))).toBe(false);
  });

  it('rejects garbage signatures without throwing', () => {
    const pair = sm2.generateKeyPairHex();
    expect(verifySm2(pair.publicKey, message, '')).toBe(false);
    expect(verifySm2(pair.publicKey, message, 'bm90IGEgc2lnbmF0dXJl')).toBe(false);
  });
});
