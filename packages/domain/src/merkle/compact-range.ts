// Incremental Merkle tree ("compact range", as in Trillian and transparency-dev/merkle): the
// ledger appends one event at a time and must publish a new root (API.md "Ledger") without
// rehashing a million leaves. A tree of n leaves is the sequence of perfect subtrees given by the
// binary digits of n (RFC 9162 §2.1.1 always splits off the largest power of two on the left), so
// O(log n) hashes summarise it and an append costs amortised O(1) hashes.
//
// Each append reports the perfect subtrees it completes (level, index, hash). A server stores them
// once; with subtreeHashFromPerfect they answer every later proof in O(log n) lookups.

import { emptyRoot, nodeHash } from './tree.ts';
import type { HashFn } from './tree.ts';

/** A completed perfect subtree: 2^level leaves starting at leaf index·2^level. */
export type PerfectSubtreeNode = { level: number; index: number; hash: Uint8Array };

/** What a server persists to resume appending: the size and the border subtrees, leftmost first. */
export type CompactRangeState = { size: number; hashes: readonly Uint8Array[] };

function bitCount(n: number): number {
  let count = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
}

export class CompactRange {
  readonly #h: HashFn;
  #size: number;
  // Perfect subtrees covering leaves [0, size), one per set bit of size, largest first.
  #hashes: Uint8Array[];

  constructor(h: HashFn, state: CompactRangeState = { size: 0, hashes: [] }) {
    if (!Number.isSafeInteger(state.size) || state.size < 0) {
      throw new RangeError('CompactRange: size must be a non-negative safe integer');
    }
    if (state.hashes.length !== bitCount(state.size)) {
      throw new RangeError('CompactRange: a tree of this size has one border hash per set bit of its size');
    }
    this.#h = h;
    this.#size = state.size;
    this.#hashes = [...state.hashes];
  }

  get size(): number {
    return this.#size;
  }

  /** A copy of the state, for persisting and for new CompactRange(h, state). */
  get state(): CompactRangeState {
    return { size: this.#size, hashes: [...this.#hashes] };
  }

  /**
   * Appends one leaf hash (leafHash(h, data), not the data). `onNode` receives the leaf itself as
   * level 0 and every perfect subtree the append completes, bottom-up.
   */
  append(leafHashValue: Uint8Array, onNode?: (node: PerfectSubtreeNode) => void): void {
    let hash = leafHashValue;
    let level = 0;
    let index = this.#size;
    onNode?.({ level, index, hash });

    // Each trailing 1-bit of the old size is a perfect subtree of the new leaf's size: merge.
    for (let rest = this.#size; rest % 2 === 1; rest = Math.floor(rest / 2)) {
      const left = this.#hashes.pop() as Uint8Array;
      hash = nodeHash(this.#h, left, hash);
      level += 1;
      index = Math.floor(index / 2);
      onNode?.({ level, index, hash });
    }
    this.#hashes.push(hash);
    this.#size += 1;
  }

  /** The RFC 9162 Merkle Tree Hash of the leaves appended so far. */
  root(): Uint8Array {
    const last = this.#hashes[this.#hashes.length - 1];
    if (last === undefined) return emptyRoot(this.#h);
    let acc = last;
    for (let i = this.#hashes.length - 2; i >= 0; i--) acc = nodeHash(this.#h, this.#hashes[i] as Uint8Array, acc);
    return acc;
  }
}
