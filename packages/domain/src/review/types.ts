// The review chain of a continuing-education record (Art. 11 of the measures): states, actions, the
// channels a record can arrive by (Art. 9) and the parties who act on it. Pure data: who supervises
// whom is an input (lists of org ids), never looked up here.

/**
 * Art. 11: draft → submitted → unit_approved → verified, or returned (amend and resubmit) or rejected.
 * `unit_approved` means "awaiting verification" (核定): a unit-declared record enters it directly.
 */
export type RecordState = 'draft' | 'submitted' | 'unit_approved' | 'verified' | 'returned' | 'rejected';

export const RECORD_STATES = [
  'draft',
  'submitted',
  'unit_approved',
  'verified',
  'returned',
  'rejected',
] as const satisfies readonly RecordState[];

/**
 * What someone does to a record:
 * - `submit`, `resubmit` (after a return), `withdraw` (before any decision): the declarer;
 * - `approve`: the unit's pre-review (初审, Art. 11(1));
 * - `verify`: verification (核定, Art. 11(2)(3));
 * - `return` (退回修改) and `reject` (不予认定): whoever reviews the record at its current stage;
 * - `overturn`: a bureau's spot check (抽查, Art. 11(4)) withdraws the hours of a verified record.
 */
export type ReviewAction = 'submit' | 'resubmit' | 'withdraw' | 'approve' | 'verify' | 'return' | 'reject' | 'overturn';

export const REVIEW_ACTIONS = [
  'submit',
  'resubmit',
  'withdraw',
  'approve',
  'verify',
  'return',
  'reject',
  'overturn',
] as const satisfies readonly ReviewAction[];

/** Actions that need a written reason (it is shown to the declarer and kept with the event). */
export const ACTIONS_NEEDING_REASON: ReadonlySet<ReviewAction> = new Set(['return', 'reject', 'overturn']);

/**
 * Art. 9: who registered the record. `person`: the person; `unit`: their unit, for them;
 * `provider`: a training provider's administrator; `platform`: the platform itself on a provider's
 * push (Art. 9(3): "bases designated or filed by a bureau: the platform registers automatically").
 */
export type RecordChannel = 'person' | 'unit' | 'provider' | 'platform';

export const RECORD_CHANNELS = ['person', 'unit', 'provider', 'platform'] as const satisfies readonly RecordChannel[];

/** The channels through which a filed provider (继续教育基地) reports its trainees' hours itself. */
export const PROVIDER_CHANNELS: ReadonlySet<RecordChannel> = new Set(['provider', 'platform']);

/**
 * Art. 4, 11(2)(3): public-subject hours are verified by a bureau, professional ones by the industry
 * authority. `both`: a 7(11) record that completes the whole year (aid, grassroots posts); it is
 * verified by the issuing bureau, which answers for the year's completion on the certificate.
 */
export type ReviewCategory = 'public' | 'professional' | 'both';

/** The account kinds of the platform (the server's roles; bureaus of every level are `bureau`). */
export type ReviewActorKind = 'person' | 'unit' | 'provider' | 'authority' | 'bureau' | 'admin';

/** The facts of a record the review chain needs. Ids are opaque strings. */
export type ReviewRecord = {
  readonly state: RecordState;
  readonly category: ReviewCategory;
  readonly channel: RecordChannel;
  /** The account that declared (registered) the record; null for records loaded by the platform. */
  readonly declaredBy: string | null;
  /** The account of the person the record belongs to. */
  readonly personAccountId: string;
  /** The person the record belongs to (compared with a reviewer's own person, if they have one). */
  readonly personId?: string | null;
  /** The person's unit: pre-reviews (Art. 11(1)) and, for unit-declared records, is the declarer. */
  readonly unitId: string;
  /** Art. 12: the bureau that issues the certificates of the unit's people; verifies public hours. */
  readonly issuingBureauId: string | null;
  /** The unit's industry authority; verifies professional hours (Art. 11(3)). */
  readonly authorityId: string | null;
  /** For provider and platform records: the provider that reported them. */
  readonly providerId?: string | null;
  /** Whether that provider is filed with (备案) or designated by a bureau (Art. 9(3)). */
  readonly providerFiled?: boolean;
};

/** Who is acting. */
export type ReviewActor = {
  readonly accountId: string;
  readonly kind: ReviewActorKind;
  /** The actor's organisation (null for people and the operator). */
  readonly orgId: string | null;
  /**
   * The organisations the actor's org supervises, directly or through the orgs below it: for a bureau,
   * the bureaus of its subtree and the units they supervise; for an authority, the authorities below it
   * and their units. Computed by the caller from the org tree (the domain does no I/O).
   */
  readonly scopeOrgIds: readonly string[];
  /** A staff member who is also a registered person (never reviews their own records). */
  readonly personId?: string | null;
};

export type ReviewRefusal = 'not_allowed' | 'reason_required' | 'wrong_state' | 'own_record';

/** The audit event of each transition (DESIGN "Every change of state is an event"). */
export type ReviewEvent =
  | 'record.submitted'
  | 'record.auto_verified'
  | 'record.resubmitted'
  | 'record.withdrawn'
  | 'record.unit_approved'
  | 'record.verified'
  | 'record.returned'
  | 'record.rejected'
  | 'record.overturned';

export const REVIEW_EVENTS = [
  'record.submitted',
  'record.auto_verified',
  'record.resubmitted',
  'record.withdrawn',
  'record.unit_approved',
  'record.verified',
  'record.returned',
  'record.rejected',
  'record.overturned',
] as const satisfies readonly ReviewEvent[];

/** The stage a transition belongs to (who answered for it), kept with the audit event. */
export type ReviewStage = 'declarer' | 'unit_review' | 'verification' | 'spot_check';

export type ReviewDecision =
  | { readonly ok: true; readonly next: RecordState; readonly event: ReviewEvent; readonly stage: ReviewStage }
  | { readonly ok: false; readonly code: ReviewRefusal; readonly message: string };

export type ReviewRequest = {
  readonly record: ReviewRecord;
  readonly actor: ReviewActor;
  readonly action: ReviewAction;
  readonly reason?: string | null;
};

export const RECORD_STATE_LABELS: Readonly<Record<RecordState, string>> = {
  draft: '草稿',
  submitted: '待单位初审',
  unit_approved: '待核定',
  verified: '已核定',
  returned: '已退回',
  rejected: '未通过',
};

export const REVIEW_ACTION_LABELS: Readonly<Record<ReviewAction, string>> = {
  submit: '提交',
  resubmit: '重新提交',
  withdraw: '撤回',
  approve: '初审通过',
  verify: '核定',
  return: '退回修改',
  reject: '不予认定',
  overturn: '抽查撤销',
};

export const RECORD_CHANNEL_LABELS: Readonly<Record<RecordChannel, string>> = {
  person: '个人申报',
  unit: '单位申报',
  provider: '施教机构登记',
  platform: '平台自动登记',
};
