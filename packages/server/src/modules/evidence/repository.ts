import type { Db } from '../../db/database.ts';
import type { RecordEvidenceTable } from '../../db/schema-evidence.ts';

// Art. 10: rows of a record's evidence. Callers load the record through the actor's scope first
// (records/repository.ts findRecord), so these take a record id already known to be in scope.

export function evidenceOf(db: Db, recordId: string) {
  return db.selectFrom('record_evidence').selectAll().where('record_id', '=', recordId).orderBy('id').execute();
}

export function findEvidence(db: Db, id: string) {
  return db.selectFrom('record_evidence').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countEvidence(db: Db, recordId: string): Promise<number> {
  const row = await db.selectFrom('record_evidence').select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('record_id', '=', recordId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertEvidence(db: Db, row: RecordEvidenceTable): Promise<void> {
  await db.insertInto('record_evidence').values(row).execute();
}

export async function deleteEvidence(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('record_evidence').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** For the orphan sweep: does any row point at this blob? */
export async function isReferenced(db: Db, blobKey: string): Promise<boolean> {
  return (await db.selectFrom('record_evidence').select('id').where('blob_key', '=', blobKey).limit(1).executeTakeFirst()) !== undefined;
}

/** The distinct evidence types stored for a record (what submit checks when the body lists none). */
export async function evidenceTypesOf(db: Db, recordId: string): Promise<string[]> {
  const rows = await db.selectFrom('record_evidence').select('evidence_type').distinct().where('record_id', '=', recordId).execute();
  return rows.map((r) => r.evidence_type);
}
