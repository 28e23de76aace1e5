import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { LeavePeriodState, LeavePeriodTable } from '../../db/schema-policy.ts';
import type { Scope } from '../../platform/actor.ts';
import { conflict } from '../../platform/errors.ts';
import { whereScopeCoversPerson } from '../../platform/scope-sql.ts';

// Queries over leave_periods (Art. 8). Every read goes through the person's row filtered by the
// actor's scope (platform/scope-sql.ts): a period of someone outside the scope is simply not found.

const columns = [
  'l.id', 'l.person_id', 'p.name as person_name', 'p.unit_id', 'l.kind', 'l.starts_on', 'l.ends_on', 'l.proof_note',
  'l.state', 'l.decided_at', 'l.reason', 'l.version', 'l.created_at',
] as const;

function scopedPeriods(db: Db | Transaction<Database>, scope: Scope) {
  const base = db.selectFrom('persons as p').innerJoin('leave_periods as l', 'l.person_id', 'p.id').select(columns);
  // The scope filter only adds WHERE terms on `p`; the join's type is kept for the callers' filters.
  return whereScopeCoversPerson(base as never, scope) as unknown as typeof base;
}

export type LeaveRow = Awaited<ReturnType<typeof findLeavePeriod>> & object;

export function findLeavePeriod(db: Db | Transaction<Database>, options: { scope: Scope; id: string }) {
  return scopedPeriods(db, options.scope).where('l.id', '=', options.id).executeTakeFirst();
}

export function listLeaveOfPerson(db: Db, options: { scope: Scope; personId: string }) {
  return scopedPeriods(db, options.scope).where('p.id', '=', options.personId).orderBy('l.starts_on', 'desc').orderBy('l.id', 'desc').execute();
}

/** The review queue: periods in scope, keyset-paginated by id (UUIDv7: in declaration order). */
export function listLeaveInScope(db: Db, options: { scope: Scope; state: LeavePeriodState | undefined; after: string | undefined; limit: number }) {
  let q = scopedPeriods(db, options.scope);
  if (options.state) q = q.where('l.state', '=', options.state);
  if (options.after) q = q.where('l.id', '>', options.after);
  return q.orderBy('l.id').limit(options.limit + 1).execute();
}

/** Live (pending or approved) periods of the same case that overlap the dates. */
export function overlappingLeave(trx: Transaction<Database>, options: { personId: string; kind: LeavePeriodTable['kind']; from: string; to: string }) {
  return trx
    .selectFrom('leave_periods')
    .select(['id', 'starts_on', 'ends_on'])
    .where('person_id', '=', options.personId)
    .where('kind', '=', options.kind)
    .where('state', 'in', ['pending', 'approved'])
    .where('starts_on', '<=', options.to)
    .where('ends_on', '>=', options.from)
    .execute();
}

export async function insertLeavePeriod(trx: Transaction<Database>, row: LeavePeriodTable): Promise<void> {
  await trx.insertInto('leave_periods').values(row).execute();
}

/** Decides a pending period; a period decided meanwhile answers 409. */
export async function decideLeavePeriod(
  trx: Transaction<Database>,
  options: { id: string; version: number; state: 'approved' | 'rejected'; decidedBy: string; at: string; reason: string | null },
): Promise<void> {
  const result = await trx
    .updateTable('leave_periods')
    .set({ state: options.state, decided_by: options.decidedBy, decided_at: options.at, reason: options.reason, version: options.version + 1, updated_at: options.at })
    .where('id', '=', options.id)
    .where('version', '=', options.version)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw conflict('该减免申请已被处理，请刷新后查看');
}
