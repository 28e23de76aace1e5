import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactRange } from './compact-range.ts';
import type { PerfectSubtreeNode } from './compact-range.ts';
import { sha256, sm3 } from './hashes.ts';
import {
  consistencyProof,
  consistencyProofFromSubtrees,
  consistencyProofRanges,
  emptyRoot,
  inclusionProof,
  inclusionProofFromSubtrees,
  inclusionProofRanges,
  leafHash,
  perfectSubtreesOf,
  rootFromLeafHashes,
  splitPoint,
  subtreeHashFromPerfect,
} from './tree.ts';
import type { HashFn } from './tree.ts';
import { verifyConsistency, verifyInclusion } from './verify.ts';

function leavesOf(h: HashFn, count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => leafHash(h, new TextEncoder().encode(`event ${i}`)));
}

/** Appends every leaf, storing the emitted perfect subtrees as a server would in a table. */
function buildStore(h: HashFn, leaves: readonly Uint8Array[]): { range: CompactRange; nodes: Map<string, Uint8Array> } {
  const range = new CompactRange(h);
  const nodes = new Map<string, Uint8Array>();
  const store = (node: PerfectSubtreeNode): void => {
    nodes.set(`${node.level}/${node.index}`, node.hash);
  };
  for (const leaf of leaves) range.append(leaf, store);
  return { range, nodes };
}

function fromStore(h: HashFn, nodes: Map<string, Uint8Array>) {
  return subtreeHashFromPerfect(h, (level, index) => {
    const hash = nodes.get(`${level}/${index}`);
    if (hash === undefined) throw new Error(`missing node ${level}/${index}`);
    return hash;
  });
}

describe('splitPoint', () => {
  it('is the largest power of two below n', () => {
    expect([2, 3, 4, 5, 8, 9, 1_000_000].map(splitPoint)).toEqual([1, 2, 2, 4, 4, 8, 524_288]);
    expect(() => splitPoint(1)).toThrow(RangeError);
  });
});

describe('proof ranges', () => {
  it('lists the subtrees of PATH and PROOF for the RFC 9162 §2.1.5 example tree of 7 leaves', () => {
    // RFC 9162 §2.1.5: the inclusion proof for d0 is [b, h, l] = leaves [1,2), [2,4), [4,7);
    // the consistency proof between sizes 3 and 7 is [c, d, g, l] = [2,3), [3,4), [0,2), [4,7).
    const r = (start: number, end: number) => ({ start, end });
    expect(inclusionProofRanges(0, 7)).toEqual([r(1, 2), r(2, 4), r(4, 7)]);
    expect(inclusionProofRanges(3, 7)).toEqual([r(2, 3), r(0, 2), r(4, 7)]);
    expect(inclusionProofRanges(4, 7)).toEqual([r(5, 6), r(6, 7), r(0, 4)]);
    expect(consistencyProofRanges(3, 7)).toEqual([r(2, 3), r(3, 4), r(0, 2), r(4, 7)]);
    // Between 4 and 7 the old root is the complete subtree [0,4): only [4,7) is needed.
    expect(consistencyProofRanges(4, 7)).toEqual([r(4, 7)]);
    expect(consistencyProofRanges(6, 7)).toEqual([r(4, 6), r(6, 7), r(0, 4)]);
    expect(consistencyProofRanges(7, 7)).toEqual([]);
  });

  it('rejects impossible requests', () => {
    expect(() => inclusionProofRanges(7, 7)).toThrow(RangeError);
    expect(() => inclusionProofRanges(-1, 7)).toThrow(RangeError);
    expect(() => inclusionProofRanges(0, 2 ** 53)).toThrow(RangeError);
    expect(() => consistencyProofRanges(0, 7)).toThrow(RangeError);
    expect(() => consistencyProofRanges(8, 7)).toThrow(RangeError);
    expect(() => inclusionProof(sha256, [], 0)).toThrow(RangeError);
  });
});

describe('perfectSubtreesOf', () => {
  it('decomposes a node into its complete subtrees, largest first', () => {
    expect(perfectSubtreesOf({ start: 0, end: 7 })).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(perfectSubtreesOf({ start: 8, end: 16 })).toEqual([{ level: 3, index: 1 }]);
    expect(perfectSubtreesOf({ start: 8, end: 11 })).toEqual([
      { level: 1, index: 4 },
      { level: 0, index: 10 },
    ]);
  });

  it('refuses ranges that are not nodes of the tree', () => {
    expect(() => perfectSubtreesOf({ start: 1, end: 4 })).toThrow(RangeError);
    expect(() => perfectSubtreesOf({ start: 4, end: 4 })).toThrow(RangeError);
    expect(() => perfectSubtreesOf({ start: 2, end: 5 })).toThrow(RangeError);
  });
});

describe('CompactRange', () => {
  it('starts empty with the RFC 9162 empty root', () => {
    const range = new CompactRange(sm3);
    expect(range.size).toBe(0);
    expect(range.root()).toEqual(emptyRoot(sm3));
  });

  it('has the root of rootFromLeafHashes after every append (SHA-256 and SM3)', () => {
    for (const h of [sha256, sm3]) {
      const leaves = leavesOf(h, 40);
      const range = new CompactRange(h);
      leaves.forEach((leaf, i) => {
        range.append(leaf);
        expect(range.size).toBe(i + 1);
        expect(range.root()).toEqual(rootFromLeafHashes(h, leaves.slice(0, i + 1)));
      });
    }
  });

  it('keeps one border hash per set bit of the size and resumes from its state', () => {
    const leaves = leavesOf(sha256, 23);
    const first = new CompactRange(sha256);
    leaves.slice(0, 13).forEach((leaf) => first.append(leaf));
    expect(first.state.hashes).toHaveLength(3); // 13 = 0b1101

    const resumed = new CompactRange(sha256, first.state);
    leaves.slice(13).forEach((leaf) => resumed.append(leaf));
    expect(resumed.root()).toEqual(rootFromLeafHashes(sha256, leaves));
    // The state is a copy: appending to `resumed` did not touch `first`.
    expect(first.size).toBe(13);
  });

  it('rejects a state that cannot belong to a tree of that size', () => {
    const hash = leafHash(sha256, new Uint8Array(0));
    expect(() => new CompactRange(sha256, { size: 3, hashes: [hash] })).toThrow(RangeError);
    expect(() => new CompactRange(sha256, { size: -1, hashes: [] })).toThrow(RangeError);
    expect(() => new CompactRange(sha256, { size: 4, hashes: [hash] })).not.toThrow();
  });

  it('emits each leaf and every completed perfect subtree exactly once', () => {
    const { nodes } = buildStore(sha256, leavesOf(sha256, 8));
    // 8 leaves + 4 + 2 + 1 inner perfect nodes.
    expect(nodes.size).toBe(15);
    expect(nodes.get('3/0')).toEqual(rootFromLeafHashes(sha256, leavesOf(sha256, 8)));
  });
});

describe('proofs from stored perfect subtrees equal proofs from the leaves (property)', () => {
  it('for every earlier tree size, index and pair of sizes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), fc.nat(), fc.nat(), (count, a, b) => {
        const leaves = leavesOf(sha256, count);
        const { nodes } = buildStore(sha256, leaves);
        const subtreeHash = fromStore(sha256, nodes);

        // Stored nodes never change, so they also serve proofs against any earlier size.
        const treeSize = 1 + (a % count);
        const index = b % treeSize;
        const older = leaves.slice(0, treeSize);
        expect(subtreeHash(0, treeSize)).toEqual(rootFromLeafHashes(sha256, older));
        expect(inclusionProofFromSubtrees({ treeSize, index, subtreeHash })).toEqual(inclusionProof(sha256, older, index));

        const size1 = 1 + (b % treeSize);
        expect(consistencyProofFromSubtrees({ size1, size2: treeSize, subtreeHash })).toEqual(
          consistencyProof(sha256, older, size1),
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe('a ledger-sized tree', () => {
  it('appends 100 003 SM3 leaves and proves inclusion and consistency from stored nodes', () => {
    const count = 100_003;
    const range = new CompactRange(sm3);
    const nodes = new Map<string, Uint8Array>();
    const leaves: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const leaf = leafHash(sm3, new TextEncoder().encode(`{"seq":${i}}`));
      leaves.push(leaf);
      range.append(leaf, (node) => nodes.set(`${node.level}/${node.index}`, node.hash));
    }
    const root = range.root();
    expect(root).toEqual(rootFromLeafHashes(sm3, leaves));

    const subtreeHash = fromStore(sm3, nodes);
    for (const leafIndex of [0, 1, 65_535, 65_536, 99_999, count - 1]) {
      const proof = inclusionProofFromSubtrees({ treeSize: count, index: leafIndex, subtreeHash });
      expect(proof.length).toBeLessThanOrEqual(17);
      expect(verifyInclusion(sm3, { leafIndex, treeSize: count, leafHash: leaves[leafIndex] as Uint8Array, proof, root })).toBe(true);
    }
    for (const size1 of [1, 1000, 65_536, 77_777, count]) {
      const proof = consistencyProofFromSubtrees({ size1, size2: count, subtreeHash });
      const root1 = subtreeHash(0, size1);
      expect(verifyConsistency(sm3, { size1, size2: count, root1, root2: root, proof })).toBe(true);
    }
  });
});
