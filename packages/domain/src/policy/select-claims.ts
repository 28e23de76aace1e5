// Which of a person's verified records of a year count when some of them claim the same achievement
// (SPEC "Further rules"; `findDuplicate` refuses such claims when they are declared, this is the
// defence in depth for records verified before a duplicate could be seen).
//
// Among claims with the same duplicate key, the counted set is the one with the most hours in which no
// two claims conflict: claims without dates conflict with every claim of the key; dated claims (trainings)
// conflict when their days overlap. Choosing the best set — not "first come" — keeps the year's status
// independent of the order of records, and adding a record can never lower the hours earned.

import type { Activity } from './activity-types.ts';
import { duplicateKey, type DuplicateKey } from './duplicates.ts';

export type Claim = { readonly id: string; readonly activity: Activity; readonly hours: number };

export type ClaimSelection = {
  readonly counted: ReadonlySet<string>;
  /** Excluded claim id → the id of a counted claim of the same achievement. */
  readonly duplicateOf: ReadonlyMap<string, string>;
};

type Node = { readonly claim: Claim; readonly key: DuplicateKey; readonly index: number };

/** Selects the claims that count; `claims` must be in a canonical order (the result depends on nothing else). */
export function selectClaims(claims: readonly Claim[]): ClaimSelection {
  const counted = new Set<string>();
  const duplicateOf = new Map<string, string>();
  const groups = new Map<string, Node[]>();

  claims.forEach((claim, index) => {
    const key = duplicateKey(claim.activity);
    if (!key) {
      counted.add(claim.id);
      return;
    }
    groups.set(key.key, [...(groups.get(key.key) ?? []), { claim, key, index }]);
  });

  for (const nodes of groups.values()) {
    const chosen = completeSelection(nodes, bestSelection(nodes));
    for (const node of nodes) {
      if (chosen.includes(node)) {
        counted.add(node.claim.id);
        continue;
      }
      const first = chosen.find((other) => conflicts(node, other));
      if (first) duplicateOf.set(node.claim.id, first.claim.id);
    }
  }
  return { counted, duplicateOf };
}

function conflicts(a: Node, b: Node): boolean {
  const p = a.key.period;
  const q = b.key.period;
  if (!p || !q) return true;
  return p.from <= q.to && q.from <= p.to;
}

/** The better of: one undated claim alone, or the best set of pairwise non-overlapping dated claims. */
function bestSelection(nodes: readonly Node[]): Node[] {
  const undated = nodes.filter((node) => !node.key.period);
  const dated = nodes.filter((node) => node.key.period);

  const single = undated.reduce<Node | undefined>((best, node) => (!best || node.claim.hours > best.claim.hours ? node : best), undefined);
  const intervals = bestIntervals(dated);
  const intervalHours = intervals.reduce((sum, node) => sum + node.claim.hours, 0);
  if (single && (intervals.length === 0 || single.claim.hours > intervalHours)) return [single];
  return intervals;
}

/** Weighted interval scheduling: the non-overlapping subset with the most hours. */
function bestIntervals(nodes: readonly Node[]): Node[] {
  const byEnd = (a: Node, b: Node) =>
    compare(a.key.period?.to, b.key.period?.to) || compare(a.key.period?.from, b.key.period?.from) || a.index - b.index;
  const sorted = [...nodes].sort(byEnd);
  const best: number[] = [0];
  const previous: number[] = [];

  sorted.forEach((node, i) => {
    const from = node.key.period?.from ?? '';
    let p = i - 1;
    while (p >= 0 && (sorted[p]?.key.period?.to ?? '') >= from) p -= 1;
    previous.push(p);
    const take = node.claim.hours + (best[p + 1] ?? 0);
    best.push(Math.max(best[i] ?? 0, take));
  });

  const chosen: Node[] = [];
  for (let i = sorted.length - 1; i >= 0; ) {
    const node = sorted[i];
    const p = previous[i] ?? -1;
    if (!node) break;
    if (node.claim.hours + (best[p + 1] ?? 0) > (best[i] ?? 0)) {
      chosen.push(node);
      i = p;
    } else {
      i -= 1;
    }
  }
  return chosen.reverse();
}

/** Adds every claim that conflicts with none chosen (claims of 0 hours), so each excluded one has a reason. */
function completeSelection(nodes: readonly Node[], chosen: Node[]): Node[] {
  const result = [...chosen];
  for (const node of nodes) {
    if (result.includes(node)) continue;
    if (!result.some((other) => conflicts(node, other))) result.push(node);
  }
  return result;
}

function compare(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  return (a ?? '') < (b ?? '') ? -1 : 1;
}
