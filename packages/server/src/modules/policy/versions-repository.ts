import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { PolicyVersionTable } from '../../db/schema-policy.ts';
import { conflict } from '../../platform/errors.ts';

// Queries over policy_versions. Policy documents are public regulation, so reads take no scope; who
// may see drafts and change them is decided in the service.

const summaryColumns = [
  'id', 'effective_from', 'status', 'copied_from', 'published_at', 'version', 'created_at', 'updated_at',
] as const;

export function listVersions(db: Db, options: { includeDrafts: boolean }) {
  let q = db.selectFrom('policy_versions').select([...summaryColumns, 'document']).orderBy('effective_from', 'desc').orderBy('id', 'desc');
  if (!options.includeDrafts) q = q.where('status', '=', 'published');
  return q.execute();
}

export function findVersion(db: Db | Transaction<Database>, id: string) {
  return db.selectFrom('policy_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDraft(trx: Transaction<Database>, row: PolicyVersionTable): Promise<void> {
  await trx.insertInto('policy_versions').values(row).execute();
}

/** Optimistic concurrency: a version changed (or published) meanwhile answers 409. */
export async function updateVersion(
  trx: Transaction<Database>,
  options: { id: string; version: number; changes: Partial<Omit<PolicyVersionTable, 'id' | 'version'>> },
): Promise<void> {
  const result = await trx
    .updateTable('policy_versions')
    .set({ ...options.changes, version: options.version + 1 })
    .where('id', '=', options.id)
    .where('version', '=', options.version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw conflict();
}
