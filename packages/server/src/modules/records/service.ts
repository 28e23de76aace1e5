import { policy, review } from '@jixu/domain';
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
import { findRecord, insertRecord, listRecords, liveClaimsOf, moveRecord, orgIdsInScope, type RecordRow } from './repository.ts';

// Art. 9–11: declaring a record, the review chain (review.decide) and the queues. See docs/records.md.

type Ctx = { deps: Deps; store: PolicyStore; actor: Actor; requestId: string };

function reviewRecordOf(row: RecordRow): review.ReviewRecord {
  return {
    state: row.state, category: row.category, channel: row.channel, declaredBy: row.declared_by,
    personAccountId: row.person_account_id ?? '', personId: row.person_id, unitId: row.unit_id,
    issuingBureauId: row.issuing_bureau_id, authorityId: row.authority_id,
  };
}

async function reviewActorOf(deps: Deps, actor: Actor): Promise<review.ReviewActor> {
  return {
    accountId: actor.accountId, kind: actor.role, orgId: actor.org?.id ?? null,
    scopeOrgIds: await orgIdsInScope(deps.handle.db, actor.scope), personId: actor.personId,
  };
}

export function recordOf(row: RecordRow, allowed: review.ReviewAction[]) {
  return {
    id: row.id, personId: row.person_id, personName: row.person_name, unitId: row.unit_id, year: row.year,
    activity: JSON.parse(row.activity) as unknown, category: row.category, hours: row.hours / 10, clause: row.clause,
    policyVersion: row.policy_version, explanation: row.explanation, startedOn: row.started_on, endedOn: row.ended_on,
    content: row.content, result: row.result, channel: row.channel, state: row.state, version: row.version,
    createdAt: row.created_at, updatedAt: row.updated_at, allowedActions: allowed,
  };
}

export async function declareRecord(ctx: Ctx, body: {
  personId?: string | undefined; activity: unknown; startedOn?: string | undefined; endedOn: string; content: string; result?: string | undefined;
}) {
  const { deps, actor } = ctx;
  const { db } = deps.handle;
  // Art. 9: a person declares for themself, a unit for its own people.
  if (actor.role !== 'person' && actor.role !== 'unit') throw new AppError({ code: 'forbidden' });
  const personId = actor.role === 'person' ? actor.personId : body.personId;
  if (!personId) throw fieldError('body.personId', '请选择申报人员');
  const person = await findPerson(db, { scope: actor.scope, id: personId });
  if (!person) throw notFound('未找到该人员');
  const parsed = policy.activityFromApi(body.activity, 'body.activity');
  if (!parsed.ok) throw validationError(parsed.errors);
  const activity = parsed.value;
  const year = policy.recordYearOf(activity) ?? Number(body.endedOn.slice(0, 4));
  const version = await ctx.store.forYear(year);
  if (!version) throw fieldError('body.endedOn', `${year}年度没有适用的学时政策`);
  const guide = ctx.store.guideFor(year);
  const evaluated = policy.evaluate(version, activity, guide ? { guide } : {});
  if (!evaluated.ok) throw validationError(evaluated.errors);
  const e = evaluated.value;
  const now = deps.now();
  const at = now.toISOString();
  const row: RecordTable = {
    id: newId(now.getTime()), person_id: person.id, unit_id: person.unit_id, year, kind: activity.kind,
    activity: JSON.stringify(activity), category: e.category === 'both' ? 'both' : e.category, hours: e.hours, clause: e.clause,
    rule_code: e.ruleCode, policy_version: e.policyVersion, explanation: e.explanation, full_year: e.fullYear ? 1 : 0,
    started_on: body.startedOn ?? null, ended_on: body.endedOn, content: body.content, result: body.result ?? null,
    channel: actor.role === 'person' ? 'person' : 'unit', declared_by: actor.accountId, state: 'draft',
    duplicate_key: policy.duplicateKey(activity)?.key ?? null, version: 1, created_at: at, updated_at: at,
    state_since: at, last_reason: null, provider_id: null,
  } as RecordTable;
  await db.transaction().execute(async (trx) => {
    await insertRecord(trx, row);
    await recordEvent(trx, { actor, requestId: ctx.requestId, now }, {
      action: 'record.declared', objectType: 'record', objectId: row.id, after: { state: 'draft', hours: row.hours, year },
    });
  });
  return getRecord(ctx, row.id);
}

export async function getRecord(ctx: Ctx, id: string) {
  const row = await findRecord(ctx.deps.handle.db, { scope: ctx.actor.scope, id });
  if (!row) throw notFound('未找到该登记');
  return recordOf(row, review.allowedActions(reviewRecordOf(row), await reviewActorOf(ctx.deps, ctx.actor)));
}

const REFUSAL_CODES = { not_allowed: 'forbidden', own_record: 'forbidden', wrong_state: 'conflict', reason_required: 'validation_failed' } as const;

export async function actOnRecord(ctx: Ctx, options: { id: string; action: review.ReviewAction; reason?: string | undefined; evidenceTypes?: string[] | undefined }) {
  const { deps, actor, store } = ctx;
  const { db } = deps.handle;
  const row = await findRecord(db, { scope: actor.scope, id: options.id });
  if (!row) throw notFound('未找到该登记');
  const record = reviewRecordOf(row);
  const decision = review.decide({ record, actor: await reviewActorOf(deps, actor), action: options.action, reason: options.reason ?? null });
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
  await db.transaction().execute(async (trx) => {
    if (!(await moveRecord(trx, { id: row.id, version: row.version, state: next, at }))) throw conflict('该登记已被他人处理，请刷新后重试');
    await recordEvent(trx, { actor, requestId: ctx.requestId, now }, {
      action: decision.event, objectType: 'record', objectId: row.id,
      before: { state: row.state, version: row.version },
      after: { state: next, version: row.version + 1, stage: decision.stage, reason: options.reason ?? null },
    });
  });
  return getRecord(ctx, row.id);
}

export async function recordQueue(ctx: Ctx, q: { state?: RecordState | undefined; year?: number | undefined; personId?: string | undefined; cursor?: string | undefined; limit: number }) {
  const { deps, actor } = ctx;
  const scopeOrgIds = await orgIdsInScope(deps.handle.db, actor.scope);
  const rows = await listRecords(deps.handle.db, {
    scope: actor.scope, role: actor.role, state: q.state, year: q.year, personId: q.personId, after: q.cursor, limit: q.limit,
    verifierOrgIds: actor.org ? [actor.org.id, ...scopeOrgIds] : scopeOrgIds,
  });
  const page = rows.slice(0, q.limit);
  const reviewer = await reviewActorOf(deps, actor);
  return {
    items: page.map((r) => recordOf(r, review.allowedActions(reviewRecordOf(r), reviewer))),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
