import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { TransferStatus } from '../../db/schema-people.ts';

type Executor = Transaction<Database> | Db;

function transfersWithNames(db: Executor) {
  return db
    .selectFrom('transfers as t')
    .innerJoin('persons as p', 'p.id', 't.person_id')
    .innerJoin('orgs as f', 'f.id', 't.from_unit_id')
    .innerJoin('orgs as d', 'd.id', 't.to_unit_id')
    .select([
      't.id', 't.person_id', 'p.name as person_name', 'p.id_number_masked', 't.from_unit_id', 'f.name as from_unit_name',
      't.to_unit_id', 'd.name as to_unit_name', 't.department', 't.status', 't.requested_at', 't.decided_at', 't.reason', 't.version',
    ]);
}

export type TransferRow = Awaited<ReturnType<ReturnType<typeof transfersWithNames>['executeTakeFirstOrThrow']>>;

export const transferOf = (r: TransferRow) => ({
  id: r.id,
  personId: r.person_id,
  personName: r.person_name,
  maskedIdNumber: r.id_number_masked,
  fromUnit: { id: r.from_unit_id, name: r.from_unit_name },
  toUnit: { id: r.to_unit_id, name: r.to_unit_name },
  department: r.department,
  status: r.status,
  requestedAt: r.requested_at,
  decidedAt: r.decided_at,
  reason: r.reason,
});

/** A person's own transfers, newest first. */
export function listTransfersOfPerson(db: Db, personId: string) {
  return transfersWithNames(db).where('t.person_id', '=', personId).orderBy('t.requested_at', 'desc').orderBy('t.id', 'desc').execute();
}

/** A unit's transfers: incoming (people asking to join it), outgoing (its people leaving), or both. */
export function listTransfersOfUnit(
  db: Db,
  options: { unitId: string; direction?: 'incoming' | 'outgoing' | undefined; status?: TransferStatus | undefined; after?: string | undefined; limit: number },
) {
  let q = transfersWithNames(db);
  if (options.direction === 'incoming') q = q.where('t.to_unit_id', '=', options.unitId);
  else if (options.direction === 'outgoing') q = q.where('t.from_unit_id', '=', options.unitId);
  else q = q.where((eb) => eb.or([eb('t.to_unit_id', '=', options.unitId), eb('t.from_unit_id', '=', options.unitId)]));
  if (options.status) q = q.where('t.status', '=', options.status);
  if (options.after) q = q.where('t.id', '>', options.after);
  return q.orderBy('t.id').limit(options.limit + 1).execute();
}

/** One transfer, as the person (their own) or as the new unit (addressed to it) may see it. */
export function findTransfer(db: Executor, options: { id: string; personId?: string; toUnitId?: string }) {
  let q = transfersWithNames(db).where('t.id', '=', options.id);
  if (options.personId) q = q.where('t.person_id', '=', options.personId);
  if (options.toUnitId) q = q.where('t.to_unit_id', '=', options.toUnitId);
  return q.executeTakeFirst();
}

export async function setTransferStatus(
  trx: Executor,
  row: { id: string; version: number },
  change: { status: TransferStatus; at: string; decided: boolean; reason?: string | null },
): Promise<boolean> {
  const result = await trx
    .updateTable('transfers')
    .set({
      status: change.status, decided_at: change.decided ? change.at : null, reason: change.reason ?? null,
      version: row.version + 1, updated_at: change.at,
    })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
