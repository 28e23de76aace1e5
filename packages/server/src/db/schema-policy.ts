// Tables of the policy capability (policy versions, records as far as yearly status needs them,
// leave periods of Art. 8). Owned by modules/policy; see docs/policy.md "Storage".

/** Art. 16–18: one version of the credit-hour policy. Published versions never change. */
export type PolicyVersionTable = {
  /** The version id, also the document's `id` (`HN-2017`). */
  id: string;
  /** `YYYY-MM-DD`, the document's `effectiveFrom` (kept as a column to order versions in SQL). */
  effective_from: string;
  status: 'draft' | 'published';
  /** The `PolicyDocument` as JSON text (validated by `parsePolicyDocument` on every write). */
  document: string;
  /** The version this draft was copied from (null for reference data). */
  copied_from: string | null;
  /** Account that created the draft; null for reference data loaded at start-up. */
  created_by: string | null;
  published_by: string | null;
  published_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

export type RecordState = 'draft' | 'submitted' | 'unit_approved' | 'verified' | 'returned' | 'rejected';
export type RecordChannel = 'person' | 'unit' | 'provider' | 'platform';

/**
 * Art. 10: a continuing-education record (继续教育登记). The evaluation columns (category … full_year)
 * are the result at declaration or verification, kept to show and to audit; the yearly status always
 * evaluates `activity` again under the version in force for the year.
 */
export type RecordTable = {
  id: string;
  person_id: string;
  /** The person's unit when the record was declared (records stay with the person on transfer). */
  unit_id: string;
  /** The record's year: the year the activity ended or the achievement was dated. */
  year: number;
  kind: string;
  /** The domain `Activity` as JSON text (hours in tenths). */
  activity: string;
  category: 'public' | 'professional' | 'both';
  /** Tenths of an hour. */
  hours: number;
  clause: string;
  rule_code: string;
  policy_version: string;
  explanation: string;
  full_year: number;
  started_on: string | null;
  ended_on: string | null;
  /** Art. 10: what the activity was (Chinese free text). */
  content: string;
  /** Art. 10: the assessment result (合格, 通过, …). */
  result: string | null;
  channel: RecordChannel;
  /** The account that declared the record. */
  declared_by: string | null;
  state: RecordState;
  /** `duplicateKey(activity).key`: earlier claims of the same achievement are found by index. */
  duplicate_key: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  /** When the record entered its state (queue age, reminders). */
  state_since: string;
  /** The latest reason given with a return, rejection or spot-check overturn (shown to the declarer). */
  last_reason: string | null;
  /** For provider and platform records: the provider that registered them (Art. 9(3)). */
  provider_id: string | null;
};

/** One decision on a record (append-only): the person's view of its progress. */
export type RecordTransitionTable = {
  id: string;
  record_id: string;
  /** The record's version after the step (orders a record's steps). */
  record_version: number;
  at: string;
  /** The review action (`declare` and `edit` for the declarer's own steps). */
  action: string;
  from_state: RecordState | null;
  to_state: RecordState;
  actor_account_id: string | null;
  actor_role: string;
  actor_org_id: string | null;
  reason: string | null;
};

export type LeavePeriodState = 'pending' | 'approved' | 'rejected';

/** Art. 8: a leave period declared with proof; approved periods reduce the year's requirement. */
export type LeavePeriodTable = {
  id: string;
  person_id: string;
  kind: 'abroad' | 'sick_leave' | 'maternity_leave' | 'other_approved';
  starts_on: string;
  ends_on: string;
  /** What the proof is (evidence files come with the records issue). */
  proof_note: string;
  state: LeavePeriodState;
  declared_by: string;
  decided_by: string | null;
  decided_at: string | null;
  /** Why it was rejected. */
  reason: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

export type PolicyTables = {
  policy_versions: PolicyVersionTable;
  records: RecordTable;
  record_transitions: RecordTransitionTable;
  leave_periods: LeavePeriodTable;
};
