// Merkle Tree Hash and proof generation of RFC 9162 §2.1 (identical to RFC 6962 §2.1), for the
// append-only ledger of Art. 15. The hash function is a parameter: the ledger uses SM3 (API.md
// "Ledger"), the published test vectors use SHA-256, and the tree math is the same for both.
//
// Pure code: no I/O. Proof generation is split in two steps so that a server holding a million
// leaves never has to rehash them all:
//   1. which subtrees a proof needs (inclusionProofRanges / consistencyProofRanges: arithmetic only);
//   2. the hash of each subtree, from a SubtreeHashFn the caller provides — computed from the leaf
//      hashes (subtreeHashesFromLeaves, O(n)) or assembled from stored perfect subtrees
//      (subtreeHashFromPerfect, O(log n) lookups; CompactRange emits those nodes as leaves arrive).

export type HashFn = (data: Uint8Array) => Uint8Array;

/** Leaves [start, end) of the tree, end exclusive. */
export type SubtreeRange = { start: number; end: number };

/** MTH(D[start:end]) for any subtree range a proof asks for (see perfectSubtreesOf for which). */
export type SubtreeHashFn = (start: number, end: number) => Uint8Array;

/** The complete subtree of 2^level leaves starting at leaf index·2^level. Level 0 is a leaf. */
export type PerfectSubtree = { level: number; index: number };

export type PerfectSubtreeHashFn = (level: number, index: number) => Uint8Array;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** RFC 9162 §2.1.1: MTH({d}) = HASH(0x00 || d). The prefix separates leaves from inner nodes. */
export function leafHash(h: HashFn, data: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + data.length);
  input[0] = LEAF_PREFIX;
  input.set(data, 1);
  return h(input);
}

/** RFC 9162 §2.1.1: MTH(D[n]) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])). */
export function nodeHash(h: HashFn, left: Uint8Array, right: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + left.length + right.length);
  input[0] = NODE_PREFIX;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return h(input);
}

/** RFC 9162 §2.1.1: the hash of an empty list is the hash of an empty string, MTH({}) = HASH(). */
export function emptyRoot(h: HashFn): Uint8Array {
  return h(new Uint8Array(0));
}

function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer`);
  }
}

/** RFC 9162 §2.1.1: k, the largest power of two smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError('splitPoint: n must be an integer ≥ 2');
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Subtrees whose hashes form the inclusion proof PATH(index, D[treeSize]) of RFC 9162 §2.1.3.1,
 * in proof order (from the leaf's sibling up to the root's child).
 */
export function inclusionProofRanges(index: number, treeSize: number): SubtreeRange[] {
  assertCount('index', index);
  assertCount('treeSize', treeSize);
  if (index >= treeSize) throw new RangeError('inclusion proof: index must be below treeSize');

  // Walk from the root down; PATH lists the deepest sibling first, so reverse at the end.
  const topDown: SubtreeRange[] = [];
  let start = 0;
  let end = treeSize;
  let m = index;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      topDown.push({ start: start + k, end });
      end = start + k;
    } else {
      topDown.push({ start, end: start + k });
      start += k;
      m -= k;
    }
  }
  return topDown.reverse();
}

/**
 * Subtrees whose hashes form the consistency proof PROOF(size1, D[size2]) of RFC 9162 §2.1.4.1,
 * in proof order. Defined for 0 < size1 ≤ size2; equal sizes need no proof (empty list).
 */
export function consistencyProofRanges(size1: number, size2: number): SubtreeRange[] {
  assertCount('size1', size1);
  assertCount('size2', size2);
  if (size1 === 0) throw new RangeError('consistency proof: size1 must be positive (RFC 9162 §2.1.4.1)');
  if (size1 > size2) throw new RangeError('consistency proof: size1 must not exceed size2');

  // SUBPROOF(m, D[start:end], b), unrolled; b records whether D[start:end] is still the left edge
  // whose hash the verifier already knows as the old root.
  const topDown: SubtreeRange[] = [];
  let start = 0;
  let end = size2;
  let m = size1;
  let knownToVerifier = true;
  for (;;) {
    const n = end - start;
    if (m === n) {
      if (!knownToVerifier) topDown.push({ start, end });
      break;
    }
    const k = splitPoint(n);
    if (m <= k) {
      topDown.push({ start: start + k, end });
      end = start + k;
    } else {
      topDown.push({ start, end: start + k });
      start += k;
      m -= k;
      knownToVerifier = false;
    }
  }
  return topDown.reverse();
}

/**
 * Splits a subtree range into the perfect subtrees it is made of, largest (leftmost) first.
 * Every range a proof asks for is a node of the RFC 9162 tree: its start is a multiple of the
 * smallest power of two ≥ its length, and it decomposes into the binary digits of its length.
 */
export function perfectSubtreesOf(range: SubtreeRange): PerfectSubtree[] {
  const { start, end } = range;
  assertCount('start', start);
  assertCount('end', end);
  if (end <= start) throw new RangeError('perfectSubtreesOf: empty range');
  let span = 1;
  while (span < end - start) span *= 2;
  if (start % span !== 0) throw new RangeError('perfectSubtreesOf: range is not a node of an RFC 9162 tree');

  const parts: PerfectSubtree[] = [];
  let at = start;
  while (at < end) {
    let size = 1;
    let level = 0;
    while (size * 2 <= end - at && at % (size * 2) === 0) {
      size *= 2;
      level += 1;
    }
    parts.push({ level, index: at / size });
    at += size;
  }
  return parts;
}

/**
 * A SubtreeHashFn that assembles any node hash from stored perfect-subtree hashes: a node of
 * 2^a + 2^b + … leaves is HASH(0x01 || P_a || HASH(0x01 || P_b || …)), because RFC 9162 always
 * splits off the largest power of two on the left. O(log n) lookups and hashes per range.
 */
export function subtreeHashFromPerfect(h: HashFn, getPerfect: PerfectSubtreeHashFn): SubtreeHashFn {
  return (start, end) => {
    const parts = perfectSubtreesOf({ start, end }).map(({ level, index }) => getPerfect(level, index));
    let acc = parts[parts.length - 1] as Uint8Array;
    for (let i = parts.length - 2; i >= 0; i--) acc = nodeHash(h, parts[i] as Uint8Array, acc);
    return acc;
  };
}

/**
 * MTH(D[start:end]) from leaf hashes, bottom-up: pair neighbours, carry an odd last node up
 * unchanged. This builds the same tree as the top-down split of RFC 9162 §2.1.1 (the left part
 * is always a complete subtree) in O(end − start) hashes and without recursion.
 */
function hashRange(h: HashFn, leafHashes: readonly Uint8Array[], start: number, end: number): Uint8Array {
  if (end === start) return emptyRoot(h);
  let level = leafHashes.slice(start, end);
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(h, level[i] as Uint8Array, level[i + 1] as Uint8Array));
    if (level.length % 2 === 1) next.push(level[level.length - 1] as Uint8Array);
    level = next;
  }
  return level[0] as Uint8Array;
}

/** A SubtreeHashFn over an in-memory list of leaf hashes; each call costs O(end − start). */
export function subtreeHashesFromLeaves(h: HashFn, leafHashes: readonly Uint8Array[]): SubtreeHashFn {
  return (start, end) => {
    assertCount('start', start);
    if (!Number.isSafeInteger(end) || end < start || end > leafHashes.length) {
      throw new RangeError('subtree range outside the leaves');
    }
    return hashRange(h, leafHashes, start, end);
  };
}

/** RFC 9162 §2.1.1 Merkle Tree Hash of a list of leaf hashes (MTH of the entries they hash). */
export function rootFromLeafHashes(h: HashFn, leafHashes: readonly Uint8Array[]): Uint8Array {
  return hashRange(h, leafHashes, 0, leafHashes.length);
}

/** Inclusion proof PATH(index, D[treeSize]) from any source of subtree hashes. */
export function inclusionProofFromSubtrees(options: {
  treeSize: number;
  index: number;
  subtreeHash: SubtreeHashFn;
}): Uint8Array[] {
  return inclusionProofRanges(options.index, options.treeSize).map(({ start, end }) => options.subtreeHash(start, end));
}

/** Consistency proof PROOF(size1, D[size2]) from any source of subtree hashes. */
export function consistencyProofFromSubtrees(options: {
  size1: number;
  size2: number;
  subtreeHash: SubtreeHashFn;
}): Uint8Array[] {
  return consistencyProofRanges(options.size1, options.size2).map(({ start, end }) => options.subtreeHash(start, end));
}

/** RFC 9162 §2.1.3.1: inclusion proof of leaf `index` in the tree of all `leafHashes`; O(n). */
export function inclusionProof(h: HashFn, leafHashes: readonly Uint8Array[], index: number): Uint8Array[] {
  return inclusionProofFromSubtrees({
    treeSize: leafHashes.length,
    index,
    subtreeHash: subtreeHashesFromLeaves(h, leafHashes),
  });
}

/** RFC 9162 §2.1.4.1: consistency proof from the first `m` leaves to all `leafHashes`; O(n). */
export function consistencyProof(h: HashFn, leafHashes: readonly Uint8Array[], m: number): Uint8Array[] {
  return consistencyProofFromSubtrees({
    size1: m,
    size2: leafHashes.length,
    subtreeHash: subtreeHashesFromLeaves(h, leafHashes),
  });
}
