// The two hash functions of the ledger, from node:crypto (OpenSSL). Kept apart from the tree code so
// that the tree stays pure and can run wherever a HashFn is supplied.
//   sm3: GB/T 32905-2016, the ledger's hash (API.md "Ledger": leaf = SM3(0x00 ‖ data)).
//   sha256: FIPS 180-4, for the RFC 6962 / 9162 test vectors and interoperability checks.

import { createHash } from 'node:crypto';
import type { HashFn } from './tree.ts';

function nodeHashFn(algorithm: string): HashFn {
  return (data) => {
    const digest = createHash(algorithm).update(data).digest();
    // A plain Uint8Array view: Buffer's extra methods and equality quirks stay out of the domain.
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
  };
}

export const sm3: HashFn = nodeHashFn('sm3');

export const sha256: HashFn = nodeHashFn('sha256');
