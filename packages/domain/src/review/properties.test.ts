// Properties of the review chain (issue 5), checked with fast-check over random records, random actors
// (drawn from a small pool of ids so they often collide with the record's) and random action sequences.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedActions, decide } from './machine.ts';
import {
  ACTIONS_NEEDING_REASON,
  RECORD_CHANNELS,
  RECORD_STATES,
  REVIEW_ACTIONS,
  REVIEW_EVENTS,
  type ReviewAction,
  type ReviewActor,
  type ReviewRecord,
} from './types.ts';

const RUNS = { numRuns: 500 };
const ACCOUNTS = ['acc-1', 'acc-2', 'acc-3', 'acc-4'];
const ORGS = ['u-1', 'u-2', 'b-1', 'b-2', 'a-1', 'a-2', 'p-1', 'p-2'];
const PEOPLE = ['person-1', 'person-2'];

const anyRecord: fc.Arbitrary<ReviewRecord> = fc.record({
  state: fc.constantFrom(...RECORD_STATES),
  category: fc.constantFrom('public', 'professional', 'both'),
  channel: fc.constantFrom(...RECORD_CHANNELS),
  declaredBy: fc.option(fc.constantFrom(...ACCOUNTS)),
  personAccountId: fc.constantFrom(...ACCOUNTS),
  personId: fc.option(fc.constantFrom(...PEOPLE)),
  unitId: fc.constantFrom('u-1', 'u-2'),
  issuingBureauId: fc.option(fc.constantFrom('b-1', 'b-2')),
  authorityId: fc.option(fc.constantFrom('a-1', 'a-2')),
  providerId: fc.option(fc.constantFrom('p-1', 'p-2')),
  providerFiled: fc.boolean(),
});

const anyActor: fc.Arbitrary<ReviewActor> = fc.record({
  accountId: fc.constantFrom(...ACCOUNTS),
  kind: fc.constantFrom('person', 'unit', 'provider', 'authority', 'bureau', 'admin'),
  orgId: fc.option(fc.constantFrom(...ORGS)),
  scopeOrgIds: fc.subarray(ORGS),
  personId: fc.option(fc.constantFrom(...PEOPLE)),
});

/** Actors shaped like the record's parties: its person, unit, provider, verifiers, bureaus over it. */
function partiesOf(record: ReviewRecord): ReviewActor[] {
  const party = (accountId: string, kind: ReviewActor['kind'], orgId: string | null, scopeOrgIds: string[] = []): ReviewActor =>
    ({ accountId, kind, orgId, scopeOrgIds });
  return [
    party(record.personAccountId, 'person', null),
    party('acc-unit', 'unit', record.unitId),
    party('acc-provider', 'provider', record.providerId ?? null),
    party('acc-issuer', 'bureau', record.issuingBureauId, [record.unitId]),
    party('acc-province', 'bureau', 'b-0', [record.issuingBureauId ?? 'b-1', record.unitId]),
    party('acc-county', 'bureau', 'b-county', [record.unitId]),
    party('acc-authority', 'authority', record.authorityId, [record.unitId]),
    party('acc-authority-up', 'authority', 'a-0', [record.authorityId ?? 'a-1']),
  ];
}

const anyReason = fc.option(fc.constantFrom('', '  ', '证明材料模糊'), { freq: 6 });
const stepOf = (actor: fc.Arbitrary<ReviewActor>) => fc.record({ actor, action: fc.constantFrom(...REVIEW_ACTIONS), reason: anyReason });
/** A record and an action by anyone: a random actor or one of the record's parties (whose account may be reused). */
const anyCase = anyRecord.chain((record) => {
  const party = fc.tuple(fc.constantFrom(...partiesOf(record)), fc.option(fc.constantFrom(...ACCOUNTS), { freq: 3 }))
    .map(([actor, accountId]) => (accountId ? { ...actor, accountId } : actor));
  return fc.tuple(fc.constant(record), stepOf(fc.oneof(anyActor, party)));
});

/**
 * Sequences from a draft. A step is either random (any actor, any action) or guided: one of the
 * transitions some party can make now, picked by `guide`, so that sequences reach every state. The
 * assertions never trust the machine: they check each transition it allowed against the rules.
 */
const anySequence = anyRecord.chain((record) =>
  fc.tuple(
    fc.constant({ ...record, state: 'draft' as const }),
    fc.array(fc.record({ step: stepOf(anyActor), guide: fc.option(fc.nat(), { freq: 4, nil: undefined }) }), { minLength: 5, maxLength: 30 }),
  ));

function guidedStep(record: ReviewRecord, reason: string | null, guide: number) {
  const candidates = partiesOf(record).flatMap((actor) => REVIEW_ACTIONS.map((action) => ({ actor, action, reason })))
    .filter((candidate) => decide({ record, ...candidate }).ok);
  return candidates.length === 0 ? undefined : candidates[guide % candidates.length];
}

// Independent statements of who is who, to check the machine against.
const reaches = (actor: ReviewActor, orgId: string | null | undefined) =>
  !!orgId && (actor.orgId === orgId || actor.scopeOrgIds.includes(orgId));
const isOwn = (record: ReviewRecord, actor: ReviewActor) =>
  actor.accountId === record.declaredBy || actor.accountId === record.personAccountId || (!!actor.personId && actor.personId === record.personId);
const isRightVerifier = (record: ReviewRecord, actor: ReviewActor) =>
  record.category === 'professional'
    ? actor.kind === 'authority' && reaches(actor, record.authorityId)
    : actor.kind === 'bureau' && reaches(actor, record.issuingBureauId);
const isDeclarer = (record: ReviewRecord, actor: ReviewActor) =>
  record.channel === 'person' ? actor.kind === 'person' && actor.accountId === record.personAccountId
    : record.channel === 'unit' ? actor.kind === 'unit' && actor.orgId === record.unitId
    : actor.kind === 'provider' && !!record.providerId && actor.orgId === record.providerId;
const REVIEWING: ReadonlySet<ReviewAction> = new Set(['approve', 'verify', 'return', 'reject', 'overturn']);

describe('review chain properties', () => {
  it('no sequence of actions reaches verified without the right reviewer', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(anySequence, ([start, steps]) => {
        let record: ReviewRecord = start;
        // Since the latest (re)submission: did the person's unit pre-review it?
        let unitApproved = false;
        for (const { step: random, guide } of steps) {
          const step = guide === undefined ? random : (guidedStep(record, random.reason, guide) ?? random);
          const result = decide({ record, ...step });
          if (!result.ok) continue;
          seen.set(result.event, (seen.get(result.event) ?? 0) + 1);
          if (step.action === 'submit' || step.action === 'resubmit' || step.action === 'withdraw') unitApproved = false;
          if (step.action === 'approve') {
            expect(step.actor.kind).toBe('unit');
            expect(step.actor.orgId).toBe(record.unitId);
            unitApproved = true;
          }
          if (result.next === 'verified') {
            if (result.event === 'record.auto_verified') {
              // Art. 9(3): only a filed provider's own report is verified on arrival.
              expect(['provider', 'platform']).toContain(record.channel);
              expect(record.providerFiled).toBe(true);
              expect(step.actor.kind).toBe('provider');
              expect(step.actor.orgId).toBe(record.providerId);
            } else {
              expect(result.event).toBe('record.verified');
              expect(isRightVerifier(record, step.actor)).toBe(true);
              expect(isOwn(record, step.actor)).toBe(false);
              // A person's own declaration passed their unit's pre-review first (Art. 11(1)).
              if (record.channel === 'person') expect(unitApproved).toBe(true);
            }
          }
          record = { ...record, state: result.next };
        }
      }),
      RUNS,
    );
    // Not vacuous: the random sequences went through every kind of transition.
    for (const event of REVIEW_EVENTS) expect(seen.get(event) ?? 0, event).toBeGreaterThan(5);
  });

  it('rejected is final; verified can only be overturned, by a bureau, with a reason', () => {
    fc.assert(
      fc.property(anyCase, ([start, step]) => {
        for (const state of ['rejected', 'verified'] as const) {
          const result = decide({ record: { ...start, state }, ...step });
          if (state === 'rejected') expect(result.ok).toBe(false);
          if (state === 'verified' && result.ok) {
            expect(step.action).toBe('overturn');
            expect(step.actor.kind).toBe('bureau');
            expect(step.reason?.trim()).toBeTruthy();
            expect(result).toMatchObject({ next: 'rejected', event: 'record.overturned' });
          }
        }
      }),
      RUNS,
    );
  });

  it('a returned record goes back only by its declarer resubmitting it, to where a submission goes', () => {
    fc.assert(
      fc.property(anyCase, ([start, step]) => {
        const record = { ...start, state: 'returned' as const };
        const result = decide({ record, ...step });
        if (!result.ok) return;
        expect(step.action).toBe('resubmit');
        expect(isDeclarer(record, step.actor)).toBe(true);
        const entry = record.channel === 'person' ? 'submitted' : record.channel === 'unit' ? 'unit_approved' : 'verified';
        expect(result.next).toBe(entry);
      }),
      RUNS,
    );
  });

  it('every transition changes the state and names its audit event', () => {
    const eventOf: Record<ReviewAction, readonly string[]> = {
      submit: ['record.submitted', 'record.auto_verified'],
      resubmit: ['record.resubmitted', 'record.auto_verified'],
      withdraw: ['record.withdrawn'],
      approve: ['record.unit_approved'],
      verify: ['record.verified'],
      return: ['record.returned'],
      reject: ['record.rejected'],
      overturn: ['record.overturned'],
    };
    fc.assert(
      fc.property(anyCase, ([record, step]) => {
        const result = decide({ record, ...step });
        if (!result.ok) {
          expect(['not_allowed', 'reason_required', 'wrong_state', 'own_record']).toContain(result.code);
          return;
        }
        expect(result.next).not.toBe(record.state);
        expect(REVIEW_EVENTS).toContain(result.event);
        expect(eventOf[step.action]).toContain(result.event);
      }),
      RUNS,
    );
  });

  it('nobody reviews their own record, and decisions that need a reason never pass without one', () => {
    let allowedToOthers = 0;
    fc.assert(
      fc.property(anyRecord, anyReason, (record, reason) => {
        for (const party of partiesOf(record)) {
          // The same party, as the record's person, its declarer, or a staff member who is that person.
          const selves = [
            { ...party, accountId: record.personAccountId },
            ...(record.declaredBy ? [{ ...party, accountId: record.declaredBy }] : []),
            ...(record.personId ? [{ ...party, accountId: 'acc-staff', personId: record.personId }] : []),
          ];
          for (const action of REVIEWING) {
            if (party.kind !== 'person' && decide({ record, actor: { ...party, accountId: 'acc-staff' }, action, reason: '原因' }).ok) allowedToOthers += 1;
            for (const self of selves) expect(decide({ record, actor: self, action, reason: '原因' }).ok).toBe(false);
            if (ACTIONS_NEEDING_REASON.has(action) && !reason?.trim()) expect(decide({ record, actor: party, action, reason }).ok).toBe(false);
          }
        }
      }),
      RUNS,
    );
    expect(allowedToOthers).toBeGreaterThan(100);
  });

  it('declarer actions succeed only for the declarer', () => {
    fc.assert(
      fc.property(anyCase, ([record, step]) => {
        const result = decide({ record, ...step });
        if (!REVIEWING.has(step.action) && result.ok) expect(isDeclarer(record, step.actor)).toBe(true);
      }),
      RUNS,
    );
  });

  it('the operator (admin) never takes part in the chain', () => {
    fc.assert(
      fc.property(anyCase, ([record, step]) => {
        expect(decide({ record, ...step, actor: { ...step.actor, kind: 'admin' } }).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('allowedActions agrees with decide', () => {
    fc.assert(
      fc.property(anyCase, ([record, { actor }]) => {
        const expected = REVIEW_ACTIONS.filter((action) => decide({ record, actor, action, reason: '原因' }).ok);
        expect(allowedActions(record, actor)).toEqual(expected);
      }),
      RUNS,
    );
  });
});
