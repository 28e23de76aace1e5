import { policy } from '@jixu/domain';
import type { LeavePeriodState, LeavePeriodTable } from '../../db/schema-policy.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { findPerson } from '../persons/repository.ts';
import {
  decideLeavePeriod,
  findLeavePeriod,
  insertLeavePeriod,
  listLeaveInScope,
  listLeaveOfPerson,
  overlappingLeave,
  type LeaveRow,
} from './reductions-repository.ts';
import { fieldError, validationError } from './schemas.ts';
import type { PolicyStore } from './store.ts';
import { firstOpenYear } from './versions-service.ts';

// Art. 8: a person (or their unit) declares a leave period of one of the four cases with its dates
// and proof; the unit approves or rejects it; approved periods reduce the year's requirement in
// proportion to the time on the job (the domain's computeReduction). Every decision is audited.

const clauseOf = (kind: LeavePeriodTable['kind']): string =>
  policy.HN_2017.reductions.find((c) => c.kind === kind)?.clause ?? '8';

export function leaveOf(row: LeaveRow) {
  return {
    id: row.id,
    personId: row.person_id,
    personName: row.person_name,
    kind: row.kind,
    clause: clauseOf(row.kind),
    from: row.starts_on,
    to: row.ends_on,
    proofNote: row.proof_note,
    state: row.state,
    declaredAt: row.created_at,
    decidedAt: row.decided_at,
    reason: row.reason,
    version: row.version,
  };
}

export async function declareLeavePeriod(
  deps: Deps,
  store: PolicyStore,
  options: { actor: Actor; personId: string; kind: string; from: string; to: string; proofNote: string; requestId: string },
) {
  const { actor } = options;
  const { db } = deps.handle;
  const now = deps.now();
  // A person declares for themself, a unit for its own people: the scope decides (404 otherwise).
  const person = await findPerson(db, { scope: actor.scope, id: options.personId });
  if (!person) throw notFound('未找到该人员');
  if (person.status !== 'approved') throw new AppError({ code: 'validation_failed', detail: '该人员的注册尚未审核通过，不能申报学时减免' });

  const parsed = policy.parseLeavePeriod({ kind: options.kind, from: options.from, to: options.to }, 'body');
  if (!parsed.ok) throw validationError(parsed.errors);
  const { kind, from, to } = parsed.value;
  const proofNote = options.proofNote.trim();
  if (proofNote.length < 2) throw fieldError('body.proofNote', '请说明证明材料（如出国任务批件、病休证明、生育证明等）');
  if (Number(from.slice(0, 4)) < 1949) throw fieldError('body.from', '开始日期不能早于1949年');
  if (Number(to.slice(0, 4)) > 2999) throw fieldError('body.to', '结束日期超出范围');
  // A closed year's status is final (SPEC "Further rules"): leave wholly inside closed years changes nothing.
  const open = firstOpenYear(await store.published(), now);
  if (Number(to.slice(0, 4)) < open) throw fieldError('body.to', `${open - 1}年度及以前已截止申报，不能再申报该期间的学时减免`);

  const at = now.toISOString();
  const row: LeavePeriodTable = {
    id: newId(now.getTime()), person_id: person.id, kind, starts_on: from, ends_on: to, proof_note: proofNote,
    state: 'pending', declared_by: actor.accountId, decided_by: null, decided_at: null, reason: null, version: 1,
    created_at: at, updated_at: at,
  };
  await db.transaction().execute(async (trx) => {
    const overlap = (await overlappingLeave(trx, { personId: person.id, kind, from, to }))[0];
    if (overlap) {
      const label = policy.REDUCTION_KIND_LABELS[kind];
      throw fieldError('body.from', `与已申报的${label}期间（${overlap.starts_on}至${overlap.ends_on}）重叠，请勿重复申报`);
    }
    await insertLeavePeriod(trx, row);
    await recordEvent(trx, { actor, requestId: options.requestId, now }, {
      action: 'leave_period.declared', objectType: 'leave_period', objectId: row.id,
      after: { personId: person.id, kind, from, to, proofNote, state: 'pending' },
    });
  });
  return leaveOf({ ...row, person_name: person.name, unit_id: person.unit_id });
}

export async function leaveOfPerson(deps: Deps, options: { actor: Actor; personId: string }) {
  const { db } = deps.handle;
  const person = await findPerson(db, { scope: options.actor.scope, id: options.personId });
  if (!person) throw notFound('未找到该人员');
  const rows = await listLeaveOfPerson(db, { scope: options.actor.scope, personId: person.id });
  return { items: rows.map(leaveOf) };
}

export async function leaveQueue(deps: Deps, options: { actor: Actor; state: LeavePeriodState | undefined; after: string | undefined; limit: number }) {
  const rows = await listLeaveInScope(deps.handle.db, { scope: options.actor.scope, state: options.state, after: options.after, limit: options.limit });
  const page = rows.slice(0, options.limit);
  return { items: page.map(leaveOf), nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null };
}

/** The person's unit approves or rejects a pending period (like a record's pre-review, Art. 11(1)). */
export async function decideLeave(
  deps: Deps,
  options: { actor: Actor; id: string; decision: 'approved' | 'rejected'; reason: string | null; requestId: string },
) {
  const { actor, decision } = options;
  if (actor.scope.kind !== 'unit') throw new AppError({ code: 'forbidden' });
  const reason = options.reason?.trim() ?? null;
  if (decision === 'rejected' && (!reason || reason.length < 2)) throw fieldError('body.reason', '请填写不予批准的理由');
  const now = deps.now();
  const at = now.toISOString();

  return deps.handle.db.transaction().execute(async (trx) => {
    const row = await findLeavePeriod(trx, { scope: actor.scope, id: options.id });
    if (!row) throw notFound('未找到该减免申请');
    if (row.state !== 'pending') throw conflict('该减免申请已处理');
    await decideLeavePeriod(trx, { id: row.id, version: row.version, state: decision, decidedBy: actor.accountId, at, reason });
    await recordEvent(trx, { actor, requestId: options.requestId, now }, {
      action: decision === 'approved' ? 'leave_period.approved' : 'leave_period.rejected',
      objectType: 'leave_period', objectId: row.id,
      before: { state: row.state }, after: { state: decision, reason },
    });
    return leaveOf({ ...row, state: decision, decided_at: at, reason, version: row.version + 1 });
  });
}
