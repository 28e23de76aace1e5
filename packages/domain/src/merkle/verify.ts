// Proof verification of RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency). These run on
// data from outside (an auditor's request, a certificate's ledger proof), so they reject anything
// malformed: sizes that are not safe integers, an index beyond the tree, hashes of the wrong length,
// extra or missing proof elements. Positions are BigInt internally because the RFC's bit steps on
// JavaScript numbers would silently truncate to 32 bits.

import type { HashFn } from './tree.ts';
import { nodeHash } from './tree.ts';

export type MerkleProofErrorCode =
  | 'malformed' // not integers / not byte arrays
  | 'index_out_of_range'
  | 'size_order' // size1 > size2
  | 'empty_tree' // consistency from size 0, which RFC 9162 §2.1.4.1 does not define
  | 'proof_length'
  | 'hash_length'
  | 'root_mismatch';

export class MerkleProofError extends Error {
  override readonly name = 'MerkleProofError';
  readonly code: MerkleProofErrorCode;

  constructor(code: MerkleProofErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export type InclusionClaim = {
  leafIndex: number;
  treeSize: number;
  leafHash: Uint8Array;
  proof: readonly Uint8Array[];
  root: Uint8Array;
};

export type ConsistencyClaim = {
  size1: number;
  size2: number;
  root1: Uint8Array;
  root2: Uint8Array;
  proof: readonly Uint8Array[];
};

const digestLengths = new WeakMap<HashFn, number>();

/** The output length of h, learnt once by hashing the empty string. */
function digestLength(h: HashFn): number {
  let length = digestLengths.get(h);
  if (length === undefined) {
    length = h(new Uint8Array(0)).length;
    digestLengths.set(h, length);
  }
  return length;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function requireCount(name: string, value: unknown): bigint {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new MerkleProofError('malformed', `${name} must be a non-negative safe integer`);
  }
  return BigInt(value);
}

function requireBytes(name: string, value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new MerkleProofError('malformed', `${name} must be bytes`);
  return value;
}

function requireProof(value: unknown): Uint8Array[] {
  if (!Array.isArray(value)) throw new MerkleProofError('malformed', 'proof must be an array');
  return value.map((element: unknown, i) => requireBytes(`proof[${i}]`, element));
}

function requireHashLength(name: string, value: Uint8Array, length: number): void {
  if (value.length !== length) {
    throw new MerkleProofError('hash_length', `${name} has ${value.length} bytes, the hash has ${length}`);
  }
}

const isOdd = (n: bigint): boolean => (n & 1n) === 1n;

/**
 * The root that an inclusion proof implies (RFC 9162 §2.1.3.2 steps 1–4), or a MerkleProofError.
 * Use it when the root is fetched separately; otherwise call verifyInclusion.
 */
export function rootFromInclusionProof(
  h: HashFn,
  claim: Omit<InclusionClaim, 'root'>,
): Uint8Array {
  const treeSize = requireCount('treeSize', claim.treeSize);
  const leafIndex = requireCount('leafIndex', claim.leafIndex);
  const leaf = requireBytes('leafHash', claim.leafHash);
  const proof = requireProof(claim.proof);
  if (leafIndex >= treeSize) throw new MerkleProofError('index_out_of_range', 'leafIndex must be below treeSize');

  const length = digestLength(h);
  requireHashLength('leafHash', leaf, length);
  proof.forEach((p, i) => requireHashLength(`proof[${i}]`, p, length));

  let fn = leafIndex;
  let sn = treeSize - 1n;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) throw new MerkleProofError('proof_length', 'inclusion proof has too many elements');
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(h, p, r);
      // Climb past the levels where this node is the last one and has no right sibling.
      while (!isOdd(fn) && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = nodeHash(h, r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new MerkleProofError('proof_length', 'inclusion proof has too few elements');
  return r;
}

/** RFC 9162 §2.1.3.2. Throws MerkleProofError (with a code) unless the proof is valid. */
export function assertInclusion(h: HashFn, claim: InclusionClaim): void {
  const root = requireBytes('root', claim.root);
  const computed = rootFromInclusionProof(h, claim);
  requireHashLength('root', root, digestLength(h));
  if (!bytesEqual(computed, root)) throw new MerkleProofError('root_mismatch', 'inclusion proof does not lead to the root');
}

/** RFC 9162 §2.1.4.2. Throws MerkleProofError (with a code) unless the proof is valid. */
export function assertConsistency(h: HashFn, claim: ConsistencyClaim): void {
  const size1 = requireCount('size1', claim.size1);
  const size2 = requireCount('size2', claim.size2);
  const root1 = requireBytes('root1', claim.root1);
  const root2 = requireBytes('root2', claim.root2);
  const proof = requireProof(claim.proof);

  if (size1 > size2) throw new MerkleProofError('size_order', 'size1 must not exceed size2');
  // §2.1.4.1 defines proofs for 0 < m only: nothing can be proven about an empty tree, and the
  // transparency-dev vectors we run reject 0 → 0 as well.
  if (size1 === 0n) throw new MerkleProofError('empty_tree', 'no consistency proof from an empty tree');
  if (size1 === size2) {
    // The same tree: consistent iff the roots are the same bytes, with nothing to prove.
    if (proof.length > 0) throw new MerkleProofError('proof_length', 'equal sizes need an empty proof');
    if (!bytesEqual(root1, root2)) throw new MerkleProofError('root_mismatch', 'equal sizes but different roots');
    return;
  }
  // Step 1: a proof between different sizes is never empty.
  if (proof.length === 0) throw new MerkleProofError('proof_length', 'consistency proof is empty');

  const length = digestLength(h);
  requireHashLength('root1', root1, length);
  requireHashLength('root2', root2, length);
  proof.forEach((p, i) => requireHashLength(`proof[${i}]`, p, length));

  // Step 2: when the old tree is a complete subtree, the proof omits its hash (the verifier has it).
  const isPowerOfTwo = (size1 & (size1 - 1n)) === 0n;
  const path = isPowerOfTwo ? [root1, ...proof] : proof;

  // Steps 3–4.
  let fn = size1 - 1n;
  let sn = size2 - 1n;
  while (isOdd(fn)) {
    fn >>= 1n;
    sn >>= 1n;
  }

  // Steps 5–6: fr rebuilds the old root, sr the new one, from the same path.
  let fr = path[0] as Uint8Array;
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0n) throw new MerkleProofError('proof_length', 'consistency proof has too many elements');
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(h, c, fr);
      sr = nodeHash(h, c, sr);
      while (!isOdd(fn) && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = nodeHash(h, sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }

  // Step 7.
  if (sn !== 0n) throw new MerkleProofError('proof_length', 'consistency proof has too few elements');
  if (!bytesEqual(fr, root1)) throw new MerkleProofError('root_mismatch', 'consistency proof does not lead to root1');
  if (!bytesEqual(sr, root2)) throw new MerkleProofError('root_mismatch', 'consistency proof does not lead to root2');
}

function holds(check: () => void): boolean {
  try {
    check();
    return true;
  } catch (error) {
    if (error instanceof MerkleProofError) return false;
    throw error;
  }
}

/** RFC 9162 §2.1.3.2: true iff the proof shows leafHash at leafIndex in the tree with this root. */
export function verifyInclusion(h: HashFn, claim: InclusionClaim): boolean {
  return holds(() => assertInclusion(h, claim));
}

/** RFC 9162 §2.1.4.2: true iff the tree of size1 with root1 is a prefix of the one of size2 with root2. */
export function verifyConsistency(h: HashFn, claim: ConsistencyClaim): boolean {
  return holds(() => assertConsistency(h, claim));
}
