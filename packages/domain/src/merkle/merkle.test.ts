import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256, sm3 } from './hashes.ts';
import { bytesToHex, hexToBytes } from './hex.ts';
import type { HashFn } from './tree.ts';
import { consistencyProof, emptyRoot, inclusionProof, leafHash, nodeHash, rootFromLeafHashes } from './tree.ts';
import { MerkleProofError, assertConsistency, assertInclusion, verifyConsistency, verifyInclusion } from './verify.ts';

const VECTORS = fileURLToPath(new URL('../../test-vectors/merkle/', import.meta.url));

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? jsonFiles(join(dir, entry.name)) : [join(dir, entry.name)]))
    .filter((file) => file.endsWith('.json'))
    .sort();
}

const b64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));
const hex = (text: string): Uint8Array => hexToBytes(text.replaceAll(' ', '')) as Uint8Array;
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

type InclusionVector = {
  leafIdx: number; treeSize: number; root: string; leafHash: string; proof: string[] | null; desc: string; wantErr: boolean;
};
type ConsistencyVector = {
  size1: number; size2: number; root1: string; root2: string; proof: string[] | null; desc: string; wantErr: boolean;
};

function load<T>(file: string): T {
  // JSON.parse turns 18446744073709551615 (uint64 −1, in the "leafIdx-sub" cases) into an unsafe
  // number; the verifiers must reject it rather than round it.
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

const inclusionFiles = jsonFiles(join(VECTORS, 'inclusion'));
const consistencyFiles = jsonFiles(join(VECTORS, 'consistency'));

// The eight leaves of the RFC 6962 reference tests (certificate-transparency merkle_tree_test.cc);
// the transparency-dev vectors are proofs over this tree.
const RFC6962_LEAVES = [
  '', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f',
].map(hex);
const RFC6962_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const rfcLeafHashes = RFC6962_LEAVES.map((d) => leafHash(sha256, d));

describe('hash functions', () => {
  it('SM3("abc") is the GB/T 32905-2016 Appendix A example', () => {
    expect(bytesToHex(sm3(utf8('abc')))).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('SM3 of the 64-byte "abcd"×16 is the GB/T 32905-2016 Appendix A second example', () => {
    expect(bytesToHex(sm3(utf8('abcd'.repeat(16))))).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });

  it('SHA-256("abc") is the FIPS 180-4 example', () => {
    expect(bytesToHex(sha256(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes to plain Uint8Arrays', () => {
    expect(sm3(new Uint8Array(0)).constructor).toBe(Uint8Array);
    expect(sm3(new Uint8Array(0))).toHaveLength(32);
  });
});

describe('hex', () => {
  it('round-trips and rejects malformed text', () => {
    expect(bytesToHex(new Uint8Array([0, 1, 171, 255]))).toBe('0001abff');
    expect(hexToBytes('0001ABff')).toEqual(new Uint8Array([0, 1, 171, 255]));
    expect(hexToBytes('')).toEqual(new Uint8Array(0));
    for (const bad of ['0', 'zz', '00 1', '0x00', 'ab\n']) expect(hexToBytes(bad)).toBeNull();
  });
});

describe('Merkle Tree Hash (RFC 9162 §2.1.1)', () => {
  it('hashes the empty tree as HASH() and prefixes leaves and nodes', () => {
    expect(bytesToHex(emptyRoot(sha256))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(rootFromLeafHashes(sha256, [])).toEqual(emptyRoot(sha256));
    expect(leafHash(sha256, utf8('x'))).toEqual(sha256(new Uint8Array([0, 120])));
    expect(nodeHash(sha256, new Uint8Array([1]), new Uint8Array([2]))).toEqual(sha256(new Uint8Array([1, 1, 2])));
  });

  it('gives the RFC 6962 reference roots for 1 to 8 leaves', () => {
    for (let n = 1; n <= 8; n++) {
      expect(bytesToHex(rootFromLeafHashes(sha256, rfcLeafHashes.slice(0, n)))).toBe(RFC6962_ROOTS[n - 1]);
    }
  });
});

describe('transparency-dev/merkle proof vectors (SHA-256)', () => {
  let generatedInclusion = 0;
  let generatedConsistency = 0;
  afterAll(() => {
    // Guard against the cross-check silently matching nothing.
    expect(generatedInclusion).toBeGreaterThanOrEqual(5);
    expect(generatedConsistency).toBeGreaterThanOrEqual(5);
  });

  it('finds every vector file', () => {
    expect(inclusionFiles.length).toBe(98);
    expect(consistencyFiles.length).toBe(98);
  });

  for (const file of inclusionFiles) {
    const name = relative(VECTORS, file);
    const v = load<InclusionVector>(file);
    it(`${name}: ${v.wantErr ? 'rejects' : 'accepts'} (${v.desc})`, () => {
      const claim = {
        leafIndex: v.leafIdx,
        treeSize: v.treeSize,
        leafHash: b64(v.leafHash),
        proof: (v.proof ?? []).map(b64),
        root: b64(v.root),
      };
      expect(verifyInclusion(sha256, claim)).toBe(!v.wantErr);
      if (v.wantErr) expect(() => assertInclusion(sha256, claim)).toThrow(MerkleProofError);

      // Where the vector is a proof over the RFC 6962 reference tree, our generator must produce
      // exactly the published proof.
      const overReferenceTree =
        v.treeSize <= 8 &&
        bytesToHex(claim.root) === RFC6962_ROOTS[v.treeSize - 1] &&
        bytesToHex(claim.leafHash) === bytesToHex(rfcLeafHashes[v.leafIdx] ?? new Uint8Array(0));
      if (!v.wantErr && overReferenceTree) {
        expect(inclusionProof(sha256, rfcLeafHashes.slice(0, v.treeSize), v.leafIdx)).toEqual(claim.proof);
        generatedInclusion += 1;
      }
    });
  }

  for (const file of consistencyFiles) {
    const name = relative(VECTORS, file);
    const v = load<ConsistencyVector>(file);
    it(`${name}: ${v.wantErr ? 'rejects' : 'accepts'} (${v.desc})`, () => {
      const claim = {
        size1: v.size1,
        size2: v.size2,
        root1: b64(v.root1),
        root2: b64(v.root2),
        proof: (v.proof ?? []).map(b64),
      };
      expect(verifyConsistency(sha256, claim)).toBe(!v.wantErr);
      if (v.wantErr) expect(() => assertConsistency(sha256, claim)).toThrow(MerkleProofError);

      const overReferenceTree =
        v.size2 <= 8 &&
        bytesToHex(claim.root1) === RFC6962_ROOTS[v.size1 - 1] &&
        bytesToHex(claim.root2) === RFC6962_ROOTS[v.size2 - 1];
      if (!v.wantErr && overReferenceTree) {
        expect(consistencyProof(sha256, rfcLeafHashes.slice(0, v.size2), v.size1)).toEqual(claim.proof);
        generatedConsistency += 1;
      }
    });
  }
});

describe('verifiers reject malformed input', () => {
  const leaves = rfcLeafHashes;
  const root = rootFromLeafHashes(sha256, leaves);
  const proof = inclusionProof(sha256, leaves, 5);
  const good = { leafIndex: 5, treeSize: 8, leafHash: leaves[5] as Uint8Array, proof, root };

  it('with a typed error code', () => {
    const code = (claim: Parameters<typeof assertInclusion>[1]): string => {
      try {
        assertInclusion(sha256, claim);
        return 'ok';
      } catch (error) {
        return error instanceof MerkleProofError ? error.code : 'other';
      }
    };
    expect(code(good)).toBe('ok');
    expect(code({ ...good, leafIndex: 8 })).toBe('index_out_of_range');
    expect(code({ ...good, leafIndex: -1 })).toBe('malformed');
    expect(code({ ...good, leafIndex: 1.5 })).toBe('malformed');
    expect(code({ ...good, treeSize: 2 ** 53 })).toBe('malformed');
    expect(code({ ...good, proof: good.proof.slice(1) })).toBe('proof_length');
    expect(code({ ...good, proof: [...good.proof, root] })).toBe('proof_length');
    const shortElement = good.proof.map((p, i) => (i === 1 ? p.slice(1) : p));
    expect(code({ ...good, proof: shortElement })).toBe('hash_length');
    expect(code({ ...good, root: root.slice(1) })).toBe('hash_length');
    expect(code({ ...good, leafHash: new Uint8Array(33) })).toBe('hash_length');
    expect(code({ ...good, leafIndex: 4 })).toBe('root_mismatch');
    expect(code({ ...good, proof: null as unknown as Uint8Array[] })).toBe('malformed');
    expect(code({ ...good, proof: ['00'] as unknown as Uint8Array[] })).toBe('malformed');
  });

  it('in consistency proofs', () => {
    const proof = consistencyProof(sha256, leaves, 3);
    const root3 = rootFromLeafHashes(sha256, leaves.slice(0, 3));
    const claim = { size1: 3, size2: 8, root1: root3, root2: root, proof };
    expect(verifyConsistency(sha256, claim)).toBe(true);
    expect(verifyConsistency(sha256, { ...claim, size1: 8, size2: 3 })).toBe(false);
    expect(verifyConsistency(sha256, { ...claim, proof: proof.slice(0, -1) })).toBe(false);
    expect(verifyConsistency(sha256, { ...claim, proof: [...proof, root] })).toBe(false);
    expect(verifyConsistency(sha256, { ...claim, proof: [root3, ...proof] })).toBe(false);
    expect(verifyConsistency(sha256, { ...claim, root2: root.slice(0, 31) })).toBe(false);
    expect(verifyConsistency(sha256, { ...claim, size1: Number.NaN })).toBe(false);
    expect(() => assertConsistency(sha256, { ...claim, size1: 0 })).toThrow(expect.objectContaining({ code: 'empty_tree' }));
  });
});

// Literal transcription of RFC 9162 §2.1 (recursive, on arrays), to check the optimised code against.
function refMth(h: HashFn, d: readonly Uint8Array[]): Uint8Array {
  if (d.length === 0) return emptyRoot(h);
  if (d.length === 1) return d[0] as Uint8Array;
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return nodeHash(h, refMth(h, d.slice(0, k)), refMth(h, d.slice(k)));
}
function refPath(h: HashFn, m: number, d: readonly Uint8Array[]): Uint8Array[] {
  if (d.length <= 1) return [];
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return m < k
    ? [...refPath(h, m, d.slice(0, k)), refMth(h, d.slice(k))]
    : [...refPath(h, m - k, d.slice(k)), refMth(h, d.slice(0, k))];
}
function refSubproof(h: HashFn, m: number, d: readonly Uint8Array[], b: boolean): Uint8Array[] {
  if (m === d.length) return b ? [] : [refMth(h, d)];
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return m <= k
    ? [...refSubproof(h, m, d.slice(0, k), b), refMth(h, d.slice(k))]
    : [...refSubproof(h, m - k, d.slice(k), false), refMth(h, d.slice(0, k))];
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const at = bit % (copy.length * 8);
  copy[Math.floor(at / 8)] = (copy[Math.floor(at / 8)] as number) ^ (1 << (at % 8));
  return copy;
}

// Short entries so that equal leaves (and so repeated subtrees) occur often.
const tree = fc.array(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 70 });

for (const [name, h] of [['SHA-256', sha256], ['SM3', sm3]] as const) {
  describe(`generated proofs verify, tampered ones do not (${name}, property)`, () => {
    it('roots and proofs equal the literal RFC definitions', () => {
      fc.assert(
        fc.property(tree, fc.nat(), (entries, seed) => {
          const leaves = entries.map((e) => leafHash(h, e));
          const index = seed % leaves.length;
          const m = 1 + (seed % leaves.length);
          expect(rootFromLeafHashes(h, leaves)).toEqual(refMth(h, leaves));
          expect(inclusionProof(h, leaves, index)).toEqual(refPath(h, index, leaves));
          expect(consistencyProof(h, leaves, m)).toEqual(m === leaves.length ? [] : refSubproof(h, m, leaves, true));
        }),
        { numRuns: 60 },
      );
    });

    it('inclusion', () => {
      fc.assert(
        fc.property(tree, fc.nat(), fc.nat(), (entries, seed, bit) => {
          const leaves = entries.map((e) => leafHash(h, e));
          const leafIndex = seed % leaves.length;
          const root = rootFromLeafHashes(h, leaves);
          const proof = inclusionProof(h, leaves, leafIndex);
          const claim = { leafIndex, treeSize: leaves.length, leafHash: leaves[leafIndex] as Uint8Array, proof, root };
          expect(verifyInclusion(h, claim)).toBe(true);

          expect(verifyInclusion(h, { ...claim, leafHash: flipBit(claim.leafHash, bit) })).toBe(false);
          expect(verifyInclusion(h, { ...claim, root: flipBit(root, bit) })).toBe(false);
          if (proof.length > 0) {
            const at = bit % proof.length;
            const tampered = proof.map((p, i) => (i === at ? flipBit(p, bit) : p));
            expect(verifyInclusion(h, { ...claim, proof: tampered })).toBe(false);
            expect(verifyInclusion(h, { ...claim, proof: proof.slice(0, -1) })).toBe(false);
          }
          expect(verifyInclusion(h, { ...claim, proof: [...proof, root] })).toBe(false);
          // (No property on a changed treeSize: RFC 9162 roots do not commit to the size, so a
          // tree of identical leaves can verify under another size. The vectors cover sizes.)
        }),
        { numRuns: 150 },
      );
    });

    it('consistency', () => {
      fc.assert(
        fc.property(tree, fc.nat(), fc.nat(), (entries, seed, bit) => {
          const leaves = entries.map((e) => leafHash(h, e));
          const size1 = 1 + (seed % leaves.length);
          const root1 = rootFromLeafHashes(h, leaves.slice(0, size1));
          const root2 = rootFromLeafHashes(h, leaves);
          const proof = consistencyProof(h, leaves, size1);
          const claim = { size1, size2: leaves.length, root1, root2, proof };
          expect(verifyConsistency(h, claim)).toBe(true);

          expect(verifyConsistency(h, { ...claim, root1: flipBit(root1, bit) })).toBe(false);
          expect(verifyConsistency(h, { ...claim, root2: flipBit(root2, bit) })).toBe(false);
          if (proof.length > 0) {
            const at = bit % proof.length;
            const tampered = proof.map((p, i) => (i === at ? flipBit(p, bit) : p));
            expect(verifyConsistency(h, { ...claim, proof: tampered })).toBe(false);
            expect(verifyConsistency(h, { ...claim, proof: proof.slice(1) })).toBe(false);
          }
          expect(verifyConsistency(h, { ...claim, proof: [...proof, root2] })).toBe(false);
        }),
        { numRuns: 150 },
      );
    });
  });
}
