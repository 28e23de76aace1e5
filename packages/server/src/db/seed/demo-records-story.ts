import { policy, review } from '@jixu/domain';
import type { Transaction } from 'kysely';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { newId } from '../../platform/ids.ts';
import { createNotification } from '../../modules/notifications/repository.ts';
import type { Database } from '../schema.ts';
import type { RecordEvidenceTable } from '../schema-evidence.ts';
import type { RecordChannel, RecordState, RecordTable, RecordTransitionTable } from '../schema-policy.ts';
import type { DemoEvidenceFiles } from './demo-records-evidence.ts';

// How a demo record came to be in its state: the steps from its declaration to now, each checked by
// the review chain (review.decide), written as the record's `record_transitions` rows, with the
// record's `state_since`, `last_reason`, `version`, its evidence rows and the person's notices.

export type StepAction = 'declare' | 'edit' | review.ReviewAction;
export type Step = { action: StepAction; reason?: string };

export type DemoRecord = {
  activity: policy.Activity;
  content: string;
  result?: string;
  channel?: RecordChannel;
  /** Evaluate with a public-subject guide (guide_course) or a policy carrying a local rule (other). */
  evaluateWith?: { policy?: policy.PolicyDocument; guide?: policy.PublicSubjectGuide };
};

export type SeedPerson = { id: string; name: string; unit_id: string; account_id: string };

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The steps that bring a record of this channel to `verified` the ordinary way. */
export function verifiedPath(channel: RecordChannel): Step[] {
  switch (channel) {
    case 'person':
      return [{ action: 'declare' }, { action: 'submit' }, { action: 'approve' }, { action: 'verify' }];
    case 'unit':
      return [{ action: 'declare' }, { action: 'submit' }, { action: 'verify' }];
    case 'provider':
    case 'platform':
      return [{ action: 'declare' }, { action: 'submit' }];
  }
}

/** Typical gap before each step (declaring and submitting happen the same day; reviews take days). */
function gapBefore(action: StepAction, serial: number): number {
  switch (action) {
    case 'declare':
      return 0;
    case 'submit':
    case 'resubmit':
    case 'edit':
      return 2 * HOUR_MS + (serial % 5) * 20 * 60_000;
    case 'withdraw':
      return 20 * HOUR_MS;
    case 'approve':
    case 'return':
    case 'reject':
      return (2 + (serial % 3)) * DAY_MS + (serial % 7) * HOUR_MS;
    case 'verify':
      return (5 + (serial % 4)) * DAY_MS + (serial % 5) * HOUR_MS;
    case 'overturn':
      return (30 + (serial % 20)) * DAY_MS;
  }
}

/**
 * The instants of the steps: forward from `start` (a verified record, some days after its activity),
 * or backward from `end` (a record waiting since then). Never later than a day before `now`.
 */
export function timeline(steps: readonly Step[], options: { start?: Date; end?: Date; now: Date; serial: number }): Date[] {
  const gaps = steps.map((s) => gapBefore(s.action, options.serial));
  const total = gaps.reduce((a, b) => a + b, 0);
  const latest = options.now.getTime() - DAY_MS + (options.serial % 11) * 60_000;
  let first = options.end ? options.end.getTime() - total : (options.start ?? options.now).getTime();
  if (first + total > latest) first = latest - total;
  const at: Date[] = [];
  let t = first;
  for (const gap of gaps) {
    t += gap;
    at.push(new Date(t));
  }
  return at;
}

type Org = { id: string; kind: string; parent_id: string | null; issuing_bureau_id: string | null; authority_id: string | null; name: string };
type Actor = { role: 'person' | 'unit' | 'provider' | 'bureau' | 'authority'; accountId: string | null; orgId: string | null };

/** What the seed looks up once: the orgs and the demo staff accounts. */
export class StoryWriter {
  private serial = 0;

  private constructor(
    private readonly trx: Transaction<Database>,
    private readonly ctx: AuditContext,
    private readonly orgs: ReadonlyMap<string, Org>,
    private readonly accountOfOrg: ReadonlyMap<string, string>,
    private readonly providerId: string | null,
    private readonly evidence: DemoEvidenceFiles | undefined,
  ) {}

  static async create(trx: Transaction<Database>, ctx: AuditContext, evidence: DemoEvidenceFiles | undefined): Promise<StoryWriter> {
    const orgs = await trx.selectFrom('orgs').select(['id', 'kind', 'parent_id', 'issuing_bureau_id', 'authority_id', 'name'])
      .where('kind', 'in', ['unit', 'authority', 'bureau', 'provider']).execute();
    const staff = await trx.selectFrom('accounts').select(['id', 'org_id', 'role', 'created_at'])
      .where('role', 'in', ['unit', 'provider', 'bureau', 'authority']).where('org_id', 'is not', null).orderBy('created_at').execute();
    const accountOfOrg = new Map<string, string>();
    for (const a of staff) if (a.org_id && !accountOfOrg.has(a.org_id)) accountOfOrg.set(a.org_id, a.id);
    const provider = staff.find((a) => a.role === 'provider')?.org_id ?? null;
    return new StoryWriter(trx, ctx, new Map(orgs.map((o) => [o.id, o])), accountOfOrg, provider, evidence);
  }

  private orgActor(role: Actor['role'], orgId: string | null): Actor {
    return { role, orgId, accountId: orgId ? (this.accountOfOrg.get(orgId) ?? null) : null };
  }

  /** The verifier of Art. 11(2)(3): the issuing bureau, or the nearest authority with a demo account. */
  private verifier(unitId: string, category: RecordTable['category']): Actor {
    const unit = this.orgs.get(unitId);
    if (category !== 'professional') return this.orgActor('bureau', unit?.issuing_bureau_id ?? null);
    let authority = unit?.authority_id ? this.orgs.get(unit.authority_id) : undefined;
    for (let o = authority; o; o = o.parent_id ? this.orgs.get(o.parent_id) : undefined) {
      if (this.accountOfOrg.has(o.id)) {
        authority = o;
        break;
      }
    }
    return this.orgActor('authority', authority?.id ?? unit?.authority_id ?? null);
  }

  private actorOf(step: Step, state: RecordState | null, record: RecordTable, person: SeedPerson): Actor {
    switch (step.action) {
      case 'declare':
      case 'edit':
      case 'submit':
      case 'resubmit':
      case 'withdraw':
        if (record.channel === 'person') return { role: 'person', accountId: person.account_id, orgId: null };
        if (record.channel === 'unit') return this.orgActor('unit', record.unit_id);
        return this.orgActor('provider', record.provider_id);
      case 'approve':
        return this.orgActor('unit', record.unit_id);
      case 'return':
      case 'reject':
        return state === 'submitted' ? this.orgActor('unit', record.unit_id) : this.verifier(record.unit_id, record.category);
      case 'verify':
        return this.verifier(record.unit_id, record.category);
      case 'overturn':
        return this.orgActor('bureau', this.orgs.get(record.unit_id)?.issuing_bureau_id ?? null);
    }
  }

  /** The next state per the review chain; throws when the demo story is not a legal path. */
  private next(step: Step, state: RecordState | null, record: RecordTable, person: SeedPerson, actor: Actor): RecordState {
    if (step.action === 'declare') {
      if (state !== null) throw new Error('demo record: declared twice');
      return 'draft';
    }
    if (state === null) throw new Error('demo record: a step before its declaration');
    if (step.action === 'edit') {
      if (state !== 'draft' && state !== 'returned') throw new Error(`demo record: edited while ${state}`);
      return state;
    }
    const unit = this.orgs.get(record.unit_id);
    const decision = review.decide({
      record: {
        state, category: record.category, channel: record.channel, declaredBy: record.declared_by, personAccountId: person.account_id,
        personId: person.id, unitId: record.unit_id, issuingBureauId: unit?.issuing_bureau_id ?? null, authorityId: unit?.authority_id ?? null,
        providerId: record.provider_id, providerFiled: record.provider_id !== null,
      },
      actor: {
        accountId: actor.accountId ?? '', kind: actor.role, orgId: actor.orgId, personId: null,
        // The acting org reaches the record's unit, bureau and authority (it was chosen that way).
        scopeOrgIds: [record.unit_id, unit?.issuing_bureau_id, unit?.authority_id].filter((id): id is string => !!id),
      },
      action: step.action,
      reason: step.reason ?? null,
    });
    if (!decision.ok) throw new Error(`demo record: ${step.action} from ${state} refused: ${decision.message}`);
    return decision.next;
  }

  /**
   * Inserts the record with its transitions and evidence (and, with `notify`, the notices its steps
   * sent); `steps` start with `declare`. The years of verified history send none: they would bury
   * this year's notices.
   */
  async write(person: SeedPerson, demo: DemoRecord, steps: readonly Step[], when: { start?: Date; end?: Date; notify?: boolean }): Promise<RecordTable> {
    const serial = this.serial++;
    const { now } = this.ctx;
    const a = demo.activity;
    const evaluation = policy.evaluate(demo.evaluateWith?.policy ?? policy.HN_2017, a, demo.evaluateWith?.guide ? { guide: demo.evaluateWith.guide } : {});
    if (!evaluation.ok) throw new Error(`demo record does not evaluate: ${JSON.stringify(evaluation.errors)}`);
    const channel = demo.channel ?? 'person';
    const at = timeline(steps, { ...when, now, serial });
    const providerId = channel === 'provider' || channel === 'platform' ? this.providerId : null;
    const declaredBy = channel === 'unit' ? (this.accountOfOrg.get(person.unit_id) ?? null)
      : providerId ? (this.accountOfOrg.get(providerId) ?? null) : person.account_id;
    const declaredAt = at[0]!.toISOString();
    const record: RecordTable = {
      id: newId(at[0]!.getTime()), person_id: person.id, unit_id: person.unit_id,
      year: policy.recordYearOf(a) ?? policy.businessYear(now), kind: a.kind, activity: JSON.stringify(a),
      category: evaluation.value.category, hours: evaluation.value.hours, clause: evaluation.value.clause,
      rule_code: evaluation.value.ruleCode, policy_version: policy.HN_2017.id,
      explanation: evaluation.value.explanation, full_year: evaluation.value.fullYear ? 1 : 0,
      started_on: 'from' in a ? (a.from ?? null) : null,
      ended_on: 'to' in a ? (a.to ?? null) : 'datedOn' in a ? (a.datedOn ?? null) : null,
      content: demo.content, result: demo.result ?? null, channel, declared_by: declaredBy, state: 'draft',
      duplicate_key: policy.duplicateKey(a)?.key ?? null, version: 0, created_at: declaredAt, updated_at: declaredAt,
      state_since: declaredAt, last_reason: null, provider_id: providerId,
    };

    const transitions: RecordTransitionTable[] = [];
    const notices: { action: review.ReviewAction; actor: Actor; at: Date; next: RecordState; reason: string | null }[] = [];
    let state: RecordState | null = null;
    let everSubmitted = false;
    for (const [i, step] of steps.entries()) {
      const actor = this.actorOf(step, state, record, person);
      const next = this.next(step, state, record, person, actor);
      const stamp = at[i]!.toISOString();
      // As the API does: declaring creates the record and an edit is an audit event; only decisions
      // are steps (a draft never submitted has none, so it can still be deleted).
      if (step.action !== 'declare' && step.action !== 'edit') {
        transitions.push({
          id: newId(at[i]!.getTime()), record_id: record.id, record_version: i + 1, at: stamp, action: step.action, from_state: state ?? 'draft', to_state: next,
          actor_account_id: actor.accountId, actor_role: actor.role, actor_org_id: actor.orgId, reason: step.reason ?? null,
        });
      }
      if (next !== state) record.state_since = stamp;
      if (step.reason) record.last_reason = step.reason;
      if (step.action === 'submit' || step.action === 'resubmit') everSubmitted = true;
      if (step.action !== 'declare' && step.action !== 'edit' && actor.role !== 'person') {
        notices.push({ action: step.action, actor, at: at[i]!, next, reason: step.reason ?? null });
      }
      state = next;
      record.state = next;
      record.version += 1;
      record.updated_at = stamp;
    }

    await this.trx.insertInto('records').values(record).execute();
    if (transitions.length > 0) await this.trx.insertInto('record_transitions').values(transitions).execute();
    const evidence = this.evidenceRows(record, { everSubmitted, uploadedAt: new Date(at[0]!.getTime() + 15 * 60_000) });
    if (evidence.length > 0) await this.trx.insertInto('record_evidence').values(evidence).execute();
    await recordEvent(this.trx, this.ctx, {
      action: 'record.seeded', objectType: 'record', objectId: record.id,
      after: { personId: person.id, year: record.year, kind: record.kind, state: record.state, transitions: transitions.length, evidence: evidence.length },
    });
    if (when.notify) for (const n of notices) await this.notify(record, n);
    return record;
  }

  /**
   * Files the declarer uploaded (docs/records.md "Evidence"): every required document once the record
   * was submitted; the first one only on a draft never submitted (the form shows what is missing);
   * none on a provider's record (Art. 9(3)) or when nobody's account declared it.
   */
  private evidenceRows(record: RecordTable, o: { everSubmitted: boolean; uploadedAt: Date }): RecordEvidenceTable[] {
    if (!this.evidence || !record.declared_by || review.PROVIDER_CHANNELS.has(record.channel)) return [];
    const required = review.requiredEvidence(JSON.parse(record.activity) as policy.Activity);
    const wanted = o.everSubmitted ? required : required.slice(0, 1);
    return wanted.flatMap((requirement, i) => {
      const file = this.evidence?.get(requirement.type);
      if (!file) return [];
      const created = new Date(o.uploadedAt.getTime() + i * 60_000);
      return [{
        id: newId(created.getTime()), record_id: record.id, blob_key: file.key, type: file.type, evidence_type: requirement.type,
        file_name: file.fileName, size: file.size, uploaded_by: record.declared_by!, created_at: created.toISOString(),
      }];
    });
  }

  /** As modules/records/notices.ts: the person hears of what others did; a declaring unit of returns and rejections. */
  private async notify(record: RecordTable, n: { action: review.ReviewAction; actor: Actor; at: Date; next: RecordState; reason: string | null }) {
    const kind = policy.ACTIVITY_KIND_LABELS[record.kind as policy.ActivityKind] ?? record.kind;
    const category = record.category === 'professional' ? '专业科目' : record.category === 'public' ? '公需科目' : '全年学时';
    const by = n.actor.orgId ? (this.orgs.get(n.actor.orgId)?.name ?? '审核部门') : '审核部门';
    const title = `学时登记${TITLES[n.action]}`;
    const body = `「${record.content}」（${record.year}年度，${kind}，${category}${record.hours / 10}学时）已由${by}${review.REVIEW_ACTION_LABELS[n.action]}，`
      + `当前状态：${review.RECORD_STATE_LABELS[n.next]}。${n.reason ? `原因：${n.reason}` : ''}`;
    await createNotification(this.trx, { recipient: { kind: 'person', id: record.person_id }, kind: `record.${n.action}`, title, body, at: n.at });
    if ((n.action === 'return' || n.action === 'reject' || n.action === 'overturn') && record.channel !== 'person') {
      const declarer = record.channel === 'unit' ? record.unit_id : record.provider_id;
      if (declarer && declarer !== n.actor.orgId) {
        await createNotification(this.trx, { recipient: { kind: 'org', id: declarer }, kind: `record.${n.action}`, title, body, at: n.at });
      }
    }
  }
}

const TITLES: Record<review.ReviewAction, string> = {
  submit: '已提交', resubmit: '已重新提交', withdraw: '已撤回', approve: '已通过单位初审', verify: '已核定',
  return: '被退回修改', reject: '未通过审核', overturn: '经抽查被撤销',
};
