import type { Kysely } from 'kysely';
import type { Engine } from '../database.ts';

// Art. 10: the uploaded evidence of a record. A row points at a content-addressed blob (BlobStore);
// the blob is written first and the row second (docs/evidence.md "Crash safety"), so a row never lacks
// its file. Deleting a row leaves the blob to the orphan sweep, which looks rows up by `blob_key`.
export function evidence(_engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createTable('record_evidence')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('evidence_type', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('record_evidence_record').on('record_evidence').column('record_id').execute();
      await db.schema.createIndex('record_evidence_blob').on('record_evidence').column('blob_key').execute();
    },
  };
}
