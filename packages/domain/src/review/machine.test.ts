// The review chain (Art. 9(3), 11) as a table: every channel × category × state × action × actor of the
// cast is decided, and exactly the rows below succeed, with the next state and event listed.

import { describe, expect, it } from 'vitest';
import { allowedActions, decide, entryState, verifierOf } from './machine.ts';
import { CAST, CAST_NAMES, recordOf, type CastName } from './test-cast.ts';
import {
  RECORD_STATES,
  REVIEW_ACTIONS,
  type RecordChannel,
  type RecordState,
  type ReviewAction,
  type ReviewCategory,
  type ReviewEvent,
} from './types.ts';

const CATEGORIES: ReviewCategory[] = ['public', 'professional', 'both'];

type Variant = { name: string; channel: RecordChannel; providerFiled?: boolean };
const VARIANTS: Variant[] = [
  { name: 'person', channel: 'person' },
  { name: 'unit', channel: 'unit' },
  { name: 'provider', channel: 'provider', providerFiled: true },
  { name: 'provider-unfiled', channel: 'provider', providerFiled: false },
  { name: 'platform', channel: 'platform', providerFiled: true },
  { name: 'platform-unfiled', channel: 'platform', providerFiled: false },
];

/** `verifier`: resolved by category (Art. 11(2)(3)). */
type Who = CastName[] | 'verifier';
const UNIT: CastName[] = ['unitAdmin', 'unitAdmin2'];
const SPOT_CHECKERS: CastName[] = ['county', 'city', 'province'];
const VERIFIERS: Record<ReviewCategory, CastName[]> = {
  public: ['city', 'province'],
  both: ['city', 'province'],
  professional: ['authority', 'authorityProvince'],
};

type Row = [variants: string[], state: RecordState, action: ReviewAction, who: Who, next: RecordState, event: ReviewEvent];
const ALL = VARIANTS.map((v) => v.name);
const FILED = ['provider', 'platform'];
const FROM_PROVIDERS = ['provider', 'provider-unfiled', 'platform', 'platform-unfiled'];

const ROWS: Row[] = [
  // A person's own declaration: the unit pre-reviews, then the verifier.
  [['person'], 'draft', 'submit', ['person'], 'submitted', 'record.submitted'],
  [['person'], 'submitted', 'withdraw', ['person'], 'draft', 'record.withdrawn'],
  [['person'], 'submitted', 'approve', UNIT, 'unit_approved', 'record.unit_approved'],
  [['person'], 'submitted', 'return', UNIT, 'returned', 'record.returned'],
  [['person'], 'submitted', 'reject', UNIT, 'rejected', 'record.rejected'],
  [['person'], 'returned', 'resubmit', ['person'], 'submitted', 'record.resubmitted'],
  // A unit's declaration skips its own pre-review; the unit may take it back until the verifier decides.
  [['unit'], 'draft', 'submit', UNIT, 'unit_approved', 'record.submitted'],
  [['unit'], 'unit_approved', 'withdraw', UNIT, 'draft', 'record.withdrawn'],
  [['unit'], 'returned', 'resubmit', UNIT, 'unit_approved', 'record.resubmitted'],
  // A filed provider's records are verified on arrival (Art. 9(3)); an unfiled provider registers nothing.
  [FILED, 'draft', 'submit', ['provider'], 'verified', 'record.auto_verified'],
  [FILED, 'returned', 'resubmit', ['provider'], 'verified', 'record.auto_verified'],
  // Verification, whatever the channel, by the verifier of the category (or one above it).
  [ALL, 'unit_approved', 'verify', 'verifier', 'verified', 'record.verified'],
  [ALL, 'unit_approved', 'return', 'verifier', 'returned', 'record.returned'],
  [ALL, 'unit_approved', 'reject', 'verifier', 'rejected', 'record.rejected'],
  // Art. 11(4): any bureau over the unit may overturn a verified record.
  [ALL, 'verified', 'overturn', SPOT_CHECKERS, 'rejected', 'record.overturned'],
];

function rowFor(variant: string, state: RecordState, action: ReviewAction): Row | undefined {
  return ROWS.find(([variants, s, a]) => variants.includes(variant) && s === state && a === action);
}

describe('the table of transitions', () => {
  it('the rows name known variants', () => {
    for (const [variants] of ROWS) for (const v of variants) expect(ALL).toContain(v);
    expect(FROM_PROVIDERS.every((v) => ALL.includes(v))).toBe(true);
  });

  for (const variant of VARIANTS) {
    it(`${variant.name} records: exactly the listed actors may take the listed actions`, () => {
      let decided = 0;
      for (const category of CATEGORIES) {
        for (const state of RECORD_STATES) {
          const record = recordOf({ channel: variant.channel, category, state, providerFiled: variant.providerFiled });
          for (const action of REVIEW_ACTIONS) {
            const row = rowFor(variant.name, state, action);
            const who = row ? (row[3] === 'verifier' ? VERIFIERS[category] : row[3]) : [];
            for (const name of CAST_NAMES) {
              const decision = decide({ record, actor: CAST[name], action, reason: '材料不清晰' });
              decided += 1;
              const where = `${variant.name}/${category}/${state}/${action}/${name}`;
              expect(decision.ok, where).toBe(who.includes(name));
              if (decision.ok && row) {
                expect(decision.next, where).toBe(row[4]);
                expect(decision.event, where).toBe(row[5]);
              }
            }
          }
        }
      }
      expect(decided).toBe(CATEGORIES.length * RECORD_STATES.length * REVIEW_ACTIONS.length * CAST_NAMES.length);
    });
  }

  it('allowedActions lists exactly what decide allows', () => {
    const record = recordOf({ channel: 'person', state: 'submitted' });
    expect(allowedActions(record, CAST.person)).toEqual(['withdraw']);
    expect(allowedActions(record, CAST.unitAdmin)).toEqual(['approve', 'return', 'reject']);
    expect(allowedActions(record, CAST.city)).toEqual([]);
    expect(allowedActions({ ...record, state: 'unit_approved' }, CAST.city)).toEqual(['verify', 'return', 'reject']);
    expect(allowedActions({ ...record, state: 'verified' }, CAST.county)).toEqual(['overturn']);
  });
});

describe('refusals and their codes', () => {
  const submitted = recordOf({ channel: 'person', state: 'submitted' });
  const awaiting = recordOf({ channel: 'person', state: 'unit_approved' });
  const refusal = (result: ReturnType<typeof decide>) => (result.ok ? 'ok' : result.code);

  it('wrong_state: the action does not apply to the state', () => {
    expect(refusal(decide({ record: recordOf({ channel: 'person' }), actor: CAST.city, action: 'verify' }))).toBe('wrong_state');
    expect(refusal(decide({ record: awaiting, actor: CAST.person, action: 'withdraw' }))).toBe('wrong_state');
    expect(refusal(decide({ record: { ...awaiting, state: 'rejected' }, actor: CAST.province, action: 'overturn', reason: 'x' }))).toBe('wrong_state');
    // A unit's record never waits for a pre-review, even if it were found in that state.
    expect(refusal(decide({ record: recordOf({ channel: 'unit', state: 'submitted' }), actor: CAST.unitAdmin2, action: 'approve' }))).toBe('wrong_state');
  });

  it('own_record: nobody reviews a record they declared or their own', () => {
    expect(refusal(decide({ record: submitted, actor: CAST.person, action: 'approve' }))).toBe('own_record');
    expect(refusal(decide({ record: awaiting, actor: CAST.cityStaffWhoIsThePerson, action: 'verify' }))).toBe('own_record');
    const unitDeclared = recordOf({ channel: 'unit', state: 'unit_approved' });
    expect(refusal(decide({ record: unitDeclared, actor: CAST.unitAdmin, action: 'verify' }))).toBe('own_record');
    const reviewerAsDeclarer = { ...awaiting, declaredBy: CAST.city.accountId };
    expect(refusal(decide({ record: reviewerAsDeclarer, actor: CAST.city, action: 'verify' }))).toBe('own_record');
    expect(decide({ record: awaiting, actor: CAST.city, action: 'verify' }).ok).toBe(true);
  });

  it('not_allowed: the wrong party, with a message naming the right one', () => {
    const county = decide({ record: awaiting, actor: CAST.county, action: 'verify' });
    expect(county).toMatchObject({ ok: false, code: 'not_allowed', message: expect.stringContaining('发证人社部门') });
    const professional = { ...awaiting, category: 'professional' as const };
    expect(decide({ record: professional, actor: CAST.city, action: 'verify' })).toMatchObject({ code: 'not_allowed', message: expect.stringContaining('行业主管部门') });
    expect(refusal(decide({ record: professional, actor: CAST.otherAuthority, action: 'verify' }))).toBe('not_allowed');
    expect(refusal(decide({ record: submitted, actor: CAST.otherUnit, action: 'approve' }))).toBe('not_allowed');
    expect(refusal(decide({ record: submitted, actor: CAST.admin, action: 'approve' }))).toBe('not_allowed');
    expect(refusal(decide({ record: { ...awaiting, state: 'verified' }, actor: CAST.authority, action: 'overturn', reason: '抽查' }))).toBe('not_allowed');
    expect(refusal(decide({ record: { ...submitted, state: 'returned' }, actor: CAST.unitAdmin, action: 'resubmit' }))).toBe('not_allowed');
  });

  it('not_allowed: without an authority or issuing bureau nobody can verify', () => {
    const noAuthority = recordOf({ channel: 'person', state: 'unit_approved', category: 'professional', authorityId: null });
    expect(decide({ record: noAuthority, actor: CAST.authorityProvince, action: 'verify' })).toMatchObject({ code: 'not_allowed', message: expect.stringContaining('未设置行业主管部门') });
    const noBureau = recordOf({ channel: 'person', state: 'unit_approved', issuingBureauId: null });
    expect(refusal(decide({ record: noBureau, actor: CAST.province, action: 'verify' }))).toBe('not_allowed');
  });

  it('not_allowed: a provider the bureau has not filed cannot register hours (Art. 9(3))', () => {
    const unfiled = recordOf({ channel: 'provider', providerFiled: false });
    expect(decide({ record: unfiled, actor: CAST.provider, action: 'submit' })).toMatchObject({ code: 'not_allowed', message: expect.stringContaining('备案') });
    expect(entryState(unfiled)).toBeUndefined();
  });

  it('reason_required: return, reject and overturn need a written reason', () => {
    for (const reason of [undefined, null, '', '   \n']) {
      expect(refusal(decide({ record: submitted, actor: CAST.unitAdmin, action: 'return', reason }))).toBe('reason_required');
      expect(refusal(decide({ record: awaiting, actor: CAST.city, action: 'reject', reason }))).toBe('reason_required');
      expect(refusal(decide({ record: { ...awaiting, state: 'verified' }, actor: CAST.county, action: 'overturn', reason }))).toBe('reason_required');
    }
    expect(decide({ record: submitted, actor: CAST.unitAdmin, action: 'approve' }).ok).toBe(true);
  });

  it('every refusal explains itself in Chinese', () => {
    for (const state of RECORD_STATES) {
      for (const action of REVIEW_ACTIONS) {
        for (const name of CAST_NAMES) {
          const result = decide({ record: { ...submitted, state }, actor: CAST[name], action });
          if (!result.ok) expect(result.message, `${state}/${action}/${name}`).toMatch(/\p{Script=Han}{2,}/u);
        }
      }
    }
  });
});

describe('who verifies', () => {
  it('public and 7(11) records: the issuing bureau; professional: the authority', () => {
    expect(verifierOf(recordOf({ channel: 'person', category: 'public' }))).toEqual({ kind: 'bureau', orgId: 'b-4101' });
    expect(verifierOf(recordOf({ channel: 'person', category: 'both' }))).toEqual({ kind: 'bureau', orgId: 'b-4101' });
    expect(verifierOf(recordOf({ channel: 'person', category: 'professional' }))).toEqual({ kind: 'authority', orgId: 'a-4101-health' });
  });
});
