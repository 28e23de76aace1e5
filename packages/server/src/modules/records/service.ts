import { parseResidentId, policy, review } from '@jixu/domain';
import type { RecordState, RecordTable } from '../../db/schema-policy.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { evidenceTypesOf } from '../evidence/repository.ts';
import { findPerson } from '../persons/repository.ts';
import { fieldError, validationError } from '../policy/schemas.ts';
import type { PolicyStore } from '../policy/store.ts';
import { notifyTransition } from './notices.ts';
import {
  countQueue, deleteDraft, findPersonByIdIndex, findRecord, hasTransitions, insertRecord, insertTransition, listRecords,
  liveClaimsOf, moveRecord, supervisorIdsOf, transitionsOf, unitsInScope, updateRecord, type QueueCursor, type QueueFilter,
  type RecordEdit, type RecordRow, type RecordScope,
} from './repository.ts';

// Art. 9–11: declaring a record, the review chain (review.decide) and the queues. See docs/records.md.

export type Ctx = { deps: Deps; store: PolicyStore; actor: Actor; requestId: string };

export function reviewRecordOf(row: RecordRow): review.ReviewRecord {
  return {
    state: row.state, category: row.category, channel: row.channel, declaredBy: row.declared_by,
    personAccountId: row.person_account_id ?? '', personId: row.person_id, unitId: row.unit_id,
    issuingBureauId: row.issuing_bureau_id, authorityId: row.authority_id,
    providerId: row.provider_id, providerFiled: row.provider_status === 'active',
  };
}

/** The actor's records scope: its scope and, for bureaus and authorities, their own subtree. */
export async function recordScopeOf(deps: Deps, actor: Actor): Promise<RecordScope> {
  return { scope: actor.scope, supervisors: await supervisorIdsOf(deps.handle.db, actor.scope) };
}

/**
 * The actor as review.decide sees it. `scopeOrgIds`: its subtree plus, of the units of the records at
 * hand, those it reaches (so a page of a province-wide queue never loads every unit of the province).
 */
async function reviewActorOf(deps: Deps, actor: Actor, rs: RecordScope, rows: readonly RecordRow[]): Promise<review.ReviewActor> {
  const units = await unitsInScope(deps.handle.db, actor.scope, rows.map((r) => r.unit_id));
  return {
    accountId: actor.accountId, kind: actor.role, orgId: actor.org?.id ?? null,
    scopeOrgIds: [...rs.supervisors, ...units], personId: actor.personId,
  };
}

type Holder = { role: 'person' | 'unit' | 'bureau' | 'authority' | 'provider'; orgId: string | null; name: string };

/** Who has the record now (the person's progress view): null once it is verified or rejected. */
function holderOf(row: RecordRow): Holder | null {
  switch (row.state) {
    case 'verified':
    case 'rejected':
      return null;
    case 'submitted':
      return { role: 'unit', orgId: row.unit_id, name: row.unit_name };
    case 'unit_approved':
      return row.category === 'professional'
        ? { role: 'authority', orgId: row.authority_id, name: row.authority_name ?? '行业主管部门（未设置）' }
        : { role: 'bureau', orgId: row.issuing_bureau_id, name: row.issuing_bureau_name ?? '发证人社部门（未设置）' };
    case 'draft':
    case 'returned':
      switch (row.channel) {
        case 'person': return { role: 'person', orgId: null, name: row.person_name };
        case 'unit': return { role: 'unit', orgId: row.unit_id, name: row.unit_name };
        case 'provider':
        case 'platform': return { role: 'provider', orgId: row.provider_id, name: row.provider_name ?? '施教机构' };
      }
  }
}

export function recordOf(row: RecordRow, allowed: review.ReviewAction[]) {
  const activity = JSON.parse(row.activity) as policy.Activity;
  const required = review.PROVIDER_CHANNELS.has(row.channel) ? [] : review.requiredEvidence(activity);
  return {
    id: row.id, personId: row.person_id, personName: row.person_name, unitId: row.unit_id, unitName: row.unit_name,
    year: row.year, kind: row.kind, activity: policy.activityToApi(activity) as unknown, category: row.category, hours: row.hours / 10,
    clause: row.clause, policyVersion: row.policy_version, explanation: row.explanation, startedOn: row.started_on,
    endedOn: row.ended_on, content: row.content, result: row.result, channel: row.channel, state: row.state,
    version: row.version, createdAt: row.created_at, updatedAt: row.updated_at, stateSince: row.state_since || row.updated_at,
    holder: holderOf(row), lastReason: row.last_reason, providerId: row.provider_id,
    requiredEvidence: required.map((r) => ({ type: r.type, label: r.label })), allowedActions: allowed,
  };
}

export type DeclareBody = {
  personId?: string | undefined; trainee?: { idNumber: string; name: string } | undefined; activity: unknown;
  startedOn?: string | undefined; endedOn: string; content: string; result?: string | undefined;
};

/** The engine's evaluation of the activity under the version in force for its year (Art. 7, 16–18). */
async function evaluated(store: PolicyStore, body: Omit<DeclareBody, 'personId' | 'trainee'>): Promise<{ activity: policy.Activity; edit: RecordEdit }> {
  const parsed = policy.activityFromApi(body.activity, 'body.activity');
  if (!parsed.ok) throw validationError(parsed.errors);
  const activity = parsed.value;
  const year = policy.recordYearOf(activity) ?? Number(body.endedOn.slice(0, 4));
  const version = await store.forYear(year);
  if (!version) throw fieldError('body.endedOn', `${year}年度没有适用的学时政策`);
  const guide = store.guideFor(year);
  const result = policy.evaluate(version, activity, guide ? { guide } : {});
  if (!result.ok) throw validationError(result.errors);
  const e = result.value;
  return {
    activity,
    edit: {
      year, kind: activity.kind, activity: JSON.stringify(activity), category: e.category, hours: e.hours, clause: e.clause,
      rule_code: e.ruleCode, policy_version: e.policyVersion, explanation: e.explanation, full_year: e.fullYear ? 1 : 0,
      started_on: body.startedOn ?? null, ended_on: body.endedOn, content: body.content, result: body.result ?? null,
      duplicate_key: policy.duplicateKey(activity)?.key ?? null,
    },
  };
}

/** Art. 9(3): a provider registers a trainee known by ID number and name (never echoed back). */
async function traineeOf(ctx: Ctx, trainee: DeclareBody['trainee']) {
  const { deps, actor } = ctx;
  if (!trainee) throw fieldError('body.trainee', '请填写学员的身份证号和姓名');
  const provider = await deps.handle.db.selectFrom('orgs').select(['status']).where('id', '=', actor.org?.id ?? '').executeTakeFirst();
  if (provider?.status !== 'active') throw new AppError({ code: 'forbidden', detail: '施教机构尚未经人社部门备案，不能登记学时' });
  const id = parseResidentId(trainee.idNumber, { today: deps.now() });
  if (!id.ok) throw fieldError('body.trainee.idNumber', id.message);
  const person = await findPersonByIdIndex(deps.handle.db, deps.pii.index(`id:${id.value.idNumber}`));
  if (person?.status !== 'approved' || person.name !== trainee.name.trim()) {
    throw notFound('未找到该学员：请核对身份证号和姓名，学员须已在平台注册并经单位审核');
  }
  return person;
}

export async function declareRecord(ctx: Ctx, body: DeclareBody) {
  const { deps, actor } = ctx;
  const { db } = deps.handle;
  // Art. 9: a person declares for themself, a unit for its own people, a filed provider for its trainees.
  let person: { id: string; unit_id: string };
  if (actor.role === 'provider') {
    person = await traineeOf(ctx, body.trainee);
  } else if (actor.role === 'person' || actor.role === 'unit') {
    const personId = actor.role === 'person' ? actor.personId : body.personId;
    if (!personId) throw fieldError('body.personId', '请选择申报人员');
    const found = await findPerson(db, { scope: actor.scope, id: personId });
    if (!found) throw notFound('未找到该人员');
    person = found;
  } else {
    throw new AppError({ code: 'forbidden' });
  }
  const { edit } = await evaluated(ctx.store, body);
  const now = deps.now();
  const at = now.toISOString();
  const channel = actor.role === 'provider' ? 'provider' : actor.role === 'person' ? 'person' : 'unit';
  const row: RecordTable = {
    id: newId(now.getTime()), person_id: person.id, unit_id: person.unit_id, ...edit, channel, declared_by: actor.accountId,
    state: 'draft', version: 1, created_at: at, updated_at: at, state_since: at, last_reason: null,
    provider_id: actor.role === 'provider' ? (actor.org?.id ?? null) : null,
  };
  await db.transaction().execute(async (trx) => {
    await insertRecord(trx, row);
    await recordEvent(trx, { actor, requestId: ctx.requestId, now }, {
      action: 'record.declared', objectType: 'record', objectId: row.id, after: { state: 'draft', hours: row.hours, year: row.year },
    });
  });
  return getRecord(ctx, row.id);
}

/** The record if the actor's scope reaches it (else 404), with the actor as review.decide sees it. */
async function loadInScope(ctx: Ctx, id: string): Promise<RecordRow & { reviewer: () => Promise<review.ReviewActor> }> {
  const rs = await recordScopeOf(ctx.deps, ctx.actor);
  const row = await findRecord(ctx.deps.handle.db, { scope: rs, id });
  if (!row) throw notFound('未找到该登记');
  return Object.assign(row, { reviewer: () => reviewActorOf(ctx.deps, ctx.actor, rs, [row]) });
}

/** Only the declarer edits or deletes, and only while the record is theirs (draft or returned). */
async function declarerOnly(row: Awaited<ReturnType<typeof loadInScope>>, states: readonly RecordState[]): Promise<void> {
  if (!review.isDeclarer(reviewRecordOf(row), await row.reviewer())) {
    throw new AppError({ code: 'forbidden', detail: '只有申报人可以修改该登记' });
  }
  if (!states.includes(row.state)) {
    throw conflict(`该登记当前为“${review.RECORD_STATE_LABELS[row.state]}”，不能修改`);
  }
}

export async function editRecord(ctx: Ctx, id: string, body: Omit<DeclareBody, 'personId' | 'trainee'> & { version: number }) {
  const { deps, actor } = ctx;
  const row = await loadInScope(ctx, id);
  await declarerOnly(row, ['draft', 'returned']);
  if (row.version !== body.version) throw conflict('该登记已被修改，请刷新后重试');
  const { edit } = await evaluated(ctx.store, body);
  const now = deps.now();
  await deps.handle.db.transaction().execute(async (trx) => {
    if (!(await updateRecord(trx, { id, version: row.version, at: now.toISOString(), edit }))) throw conflict('该登记已被修改，请刷新后重试');
    await recordEvent(trx, { actor, requestId: ctx.requestId, now }, {
      action: 'record.edited', objectType: 'record', objectId: id,
      before: { hours: row.hours, kind: row.kind, year: row.year, version: row.version },
      after: { hours: edit.hours, kind: edit.kind, year: edit.year, version: row.version + 1 },
    });
  });
  return getRecord(ctx, id);
}

export async function deleteRecord(ctx: Ctx, id: string): Promise<void> {
  const { deps, actor } = ctx;
  const row = await loadInScope(ctx, id);
  await declarerOnly(row, ['draft']);
  // A record that was ever submitted keeps its history: withdraw it and leave it as a draft instead.
  if (await hasTransitions(deps.handle.db, id)) throw conflict('该登记已提交过，有审核记录，不能删除');
  const now = deps.now();
  await deps.handle.db.transaction().execute(async (trx) => {
    if (!(await deleteDraft(trx, { id, version: row.version }))) throw conflict('该登记已被修改，请刷新后重试');
    await recordEvent(trx, { actor, requestId: ctx.requestId, now }, {
      action: 'record.deleted', objectType: 'record', objectId: id, before: { state: row.state, year: row.year, kind: row.kind },
    });
  });
}

export async function getRecord(ctx: Ctx, id: string) {
  const row = await loadInScope(ctx, id);
  return recordOf(row, review.allowedActions(reviewRecordOf(row), await row.reviewer()));
}

const ROLE_NAMES: Record<string, string> = { person: '本人', unit: '单位', provider: '施教机构', authority: '行业主管部门', bureau: '人社部门', admin: '平台' };

/** The record's progress, oldest first: its declaration, then every decision with its reason. */
export async function recordHistory(ctx: Ctx, id: string) {
  const row = await loadInScope(ctx, id);
  const steps = await transitionsOf(ctx.deps.handle.db, id);
  const declarer = row.channel === 'person' ? '本人' : row.channel === 'unit' ? row.unit_name : (row.provider_name ?? '施教机构');
  return {
    items: [
      // The declaration itself is the record's creation (no transition row; a draft never submitted can go).
      ...(steps[0]?.action === 'declare' ? [] : [
        { at: row.created_at, action: 'declare', fromState: null, toState: 'draft' as RecordState, actorRole: row.channel === 'platform' ? 'provider' : row.channel, actorName: declarer, reason: null },
      ]),
      ...steps.map((s) => ({
        at: s.at, action: s.action, fromState: s.from_state, toState: s.to_state, actorRole: s.actor_role,
        actorName: s.actor_role === 'person' ? '本人' : (s.org_name ?? ROLE_NAMES[s.actor_role] ?? s.actor_role), reason: s.reason,
      })),
    ],
  };
}

const REFUSAL_CODES = { not_allowed: 'forbidden', own_record: 'forbidden', wrong_state: 'conflict', reason_required: 'validation_failed' } as const;

export async function actOnRecord(ctx: Ctx, options: { id: string; action: review.ReviewAction; reason?: string | undefined; evidenceTypes?: string[] | undefined }) {
  const { deps, actor, store } = ctx;
  const { db } = deps.handle;
  const row = await loadInScope(ctx, options.id);
  const record = reviewRecordOf(row);
  const decision = review.decide({ record, actor: await row.reviewer(), action: options.action, reason: options.reason ?? null });
  if (!decision.ok) {
    if (decision.code === 'reason_required') throw fieldError('body.reason', decision.message);
    throw new AppError({ code: REFUSAL_CODES[decision.code], detail: decision.message });
  }
  const now = deps.now();
  const activity = JSON.parse(row.activity) as policy.Activity;
  if (options.action === 'submit' || options.action === 'resubmit') {
    // Art. 10: declarations are accepted only inside the year's window.
    const version = await store.forYear(row.year);
    if (!version || !policy.isDeclarationOpen(version, row.year, now)) {
      throw conflict(`${row.year}年度学时申报已截止或尚未开始，不能提交`);
    }
    // Art. 10: the evidence types of the files stored with the record (record_evidence); a body list,
    // when sent, is still honoured as before (docs/records.md "Evidence").
    const provided = options.evidenceTypes ?? await evidenceTypesOf(db, row.id);
    const missing = review.missingEvidence(activity, row.channel, provided);
    if (missing.length > 0) throw fieldError('body.evidenceTypes', review.missingEvidenceMessage(missing) ?? '请上传证明材料');
    const claims = await liveClaimsOf(db, row.person_id);
    const existing = claims.map((c) => ({ id: c.id, personId: c.person_id, year: c.year, activity: JSON.parse(c.activity) as policy.Activity }));
    const dup = policy.findDuplicate({ id: row.id, personId: row.person_id, year: row.year, activity }, existing);
    if (dup) throw new AppError({ code: 'duplicate_claim', detail: dup.message });
  }
  const at = now.toISOString();
  const next: RecordState = decision.next;
  const reason = review.ACTIONS_NEEDING_REASON.has(options.action) ? (options.reason?.trim() ?? null) : null;
  await db.transaction().execute(async (trx) => {
    if (!(await moveRecord(trx, { id: row.id, version: row.version, state: next, at, reason }))) throw conflict('该登记已被他人处理，请刷新后重试');
    await insertTransition(trx, {
      id: newId(now.getTime()), record_id: row.id, record_version: row.version + 1, at, action: options.action, from_state: row.state, to_state: next,
      actor_account_id: actor.accountId, actor_role: actor.role, actor_org_id: actor.org?.id ?? null, reason,
    });
    await recordEvent(trx, { actor, requestId: ctx.requestId, now }, {
      action: decision.event, objectType: 'record', objectId: row.id,
      before: { state: row.state, version: row.version },
      after: { state: next, version: row.version + 1, stage: decision.stage, reason },
    });
    await notifyTransition(trx, { row, actor, action: options.action, next, reason, now });
  });
  return getRecord(ctx, row.id);
}

export type BulkAction = 'approve' | 'verify' | 'return' | 'reject';

/** Bulk decisions: each record in its own transaction, exactly as the single route decides it. */
export async function bulkAct(ctx: Ctx, options: { action: BulkAction; ids: string[]; reason?: string | undefined }) {
  const results: { id: string; ok: boolean; status: number; code?: string; detail?: string }[] = [];
  for (const id of new Set(options.ids)) {
    try {
      await actOnRecord(ctx, { id, action: options.action, reason: options.reason });
      results.push({ id, ok: true, status: 200 });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, ok: false, status: error.status, code: error.code, detail: error.errors?.[0]?.message ?? error.message });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
}

export type QueueQuery = {
  view?: 'queue' | 'all' | undefined; state?: RecordState | undefined; year?: number | undefined; kind?: string | undefined;
  category?: 'public' | 'professional' | 'both' | undefined; unitId?: string | undefined; personId?: string | undefined;
  olderThanDays?: number | undefined; sort?: 'oldest' | 'newest' | undefined; cursor?: string | undefined; limit: number;
};

const DAY_MS = 86_400_000;

async function filterOf(ctx: Ctx, q: Omit<QueueQuery, 'cursor' | 'limit' | 'sort'>): Promise<QueueFilter> {
  const { deps, actor } = ctx;
  return {
    scope: await recordScopeOf(deps, actor), role: actor.role, view: q.view ?? 'queue',
    state: q.state, year: q.year, kind: q.kind, category: q.category, unitId: q.unitId, personId: q.personId,
    stateSinceBefore: q.olderThanDays !== undefined ? new Date(deps.now().getTime() - q.olderThanDays * DAY_MS).toISOString() : undefined,
  };
}

function decodeCursor(cursor: string | undefined): QueueCursor | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { since: value[0], id: value[1] };
    }
  } catch { /* fall through */ }
  throw fieldError('query.cursor', '分页游标无效，请从第一页重新加载');
}

const encodeCursor = (row: RecordRow) => Buffer.from(JSON.stringify([row.state_since, row.id])).toString('base64url');

export async function recordQueue(ctx: Ctx, q: QueueQuery) {
  const { deps, actor } = ctx;
  const filter = await filterOf(ctx, q);
  const rows = await listRecords(deps.handle.db, { ...filter, sort: q.sort ?? 'oldest', after: decodeCursor(q.cursor), limit: q.limit });
  const page = rows.slice(0, q.limit);
  const reviewer = await reviewActorOf(deps, actor, filter.scope, page);
  const last = page.at(-1);
  return {
    items: page.map((r) => recordOf(r, review.allowedActions(reviewRecordOf(r), reviewer))),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null,
  };
}

/** The menu badge: what waits for the caller (a person: what was returned to them). */
export async function pendingCount(ctx: Ctx) {
  const filter = await filterOf(ctx, ctx.actor.role === 'person' ? { view: 'all', state: 'returned' } : ctx.actor.role === 'provider' ? { view: 'all', state: 'draft' } : {});
  const overdueBefore = new Date(ctx.deps.now().getTime() - 7 * DAY_MS).toISOString();
  return countQueue(ctx.deps.handle.db, { ...filter, overdueBefore });
}
