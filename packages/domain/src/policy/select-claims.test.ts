import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Activity } from './activity-types.ts';
import { selectClaims, type Claim } from './select-claims.ts';
import { periodIn } from './test-arbitraries.ts';

const trainingClaim = fc
  .record({
    code: fc.constantFrom('A', 'B'),
    period: fc.option(periodIn({ min: 2024, max: 2024 }), { nil: undefined }),
    hours: fc.integer({ min: 0, max: 50 }),
  })
  .map(({ code, period, hours }): Omit<Claim, 'id'> => ({
    activity: { kind: 'seminar', hours: Math.max(hours, 1), category: 'public', programmeCode: code, ...(period ?? {}) } as Activity,
    hours,
  }));

function conflict(a: Claim, b: Claim): boolean {
  const p = a.activity as { programmeCode: string; from?: string; to?: string };
  const q = b.activity as { programmeCode: string; from?: string; to?: string };
  if (p.programmeCode !== q.programmeCode) return false;
  if (!p.from || !p.to || !q.from || !q.to) return true;
  return p.from <= q.to && q.from <= p.to;
}

/** The most hours any conflict-free subset earns, by trying every subset. */
function bruteForceBest(claims: readonly Claim[]): number {
  let best = 0;
  for (let mask = 0; mask < 1 << claims.length; mask += 1) {
    const chosen = claims.filter((_, i) => mask & (1 << i));
    const free = chosen.every((a, i) => chosen.every((b, j) => i === j || !conflict(a, b)));
    if (free) best = Math.max(best, chosen.reduce((sum, c) => sum + c.hours, 0));
  }
  return best;
}

describe('selectClaims', () => {
  it('counts the conflict-free set with the most hours; every other claim names a counted one it conflicts with', () => {
    fc.assert(
      fc.property(fc.array(trainingClaim, { maxLength: 9 }), (drafts) => {
        const claims = drafts.map((draft, i) => ({ ...draft, id: `c${i}` }));
        const { counted, duplicateOf } = selectClaims(claims);
        const chosen = claims.filter((c) => counted.has(c.id));

        for (const a of chosen) for (const b of chosen) if (a !== b) expect(conflict(a, b)).toBe(false);
        expect(chosen.reduce((sum, c) => sum + c.hours, 0)).toBe(bruteForceBest(claims));

        for (const claim of claims) {
          if (counted.has(claim.id)) continue;
          const first = claims.find((c) => c.id === duplicateOf.get(claim.id));
          expect(first && counted.has(first.id) && conflict(claim, first)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('claims without a key always count', () => {
    const claims: Claim[] = [
      { id: 'a', activity: { kind: 'conference', level: 'national', days: 1, presented: false }, hours: 80 },
      { id: 'b', activity: { kind: 'conference', level: 'national', days: 1, presented: false }, hours: 80 },
    ];
    expect([...selectClaims(claims).counted]).toEqual(['a', 'b']);
  });

  it('an undated claim wins only when it outweighs the dated ones together', () => {
    const seminar = (id: string, hours: number, period?: [string, string]): Claim => ({
      id,
      activity: { kind: 'seminar', hours, category: 'public', programmeCode: 'P', ...(period ? { from: period[0], to: period[1] } : {}) },
      hours,
    });
    const dated = [seminar('d1', 30, ['2024-01-01', '2024-01-02']), seminar('d2', 30, ['2024-02-01', '2024-02-02'])];
    expect([...selectClaims([...dated, seminar('u', 50)]).counted]).toEqual(['d1', 'd2']);
    expect([...selectClaims([...dated, seminar('u', 70)]).counted]).toEqual(['u']);
    expect(selectClaims([...dated, seminar('u', 70)]).duplicateOf).toEqual(new Map([['d1', 'u'], ['d2', 'u']]));
  });
});
