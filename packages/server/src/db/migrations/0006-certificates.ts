import type { Kysely } from 'kysely';
import type { Engine } from '../database.ts';

// Issued certificates (Art. 13, 15): every issue keeps its exact signed bytes; a new issue supersedes
// the previous one; revocation (of the certificate or of one year) is recorded, never deleted.
export function certificates(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const big = engine === 'postgres' ? 'bigint' : 'integer';
      await db.schema.createTable('certificate_issues')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
        .addColumn('issuer_org_id', 'text', (c) => c.notNull().references('orgs.id'))
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .addColumn('compact', 'text', (c) => c.notNull())
        .addColumn('compact_signature', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'text')
        .addColumn('event_id', big, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('revoke_reason', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('certificate_issues_number').on('certificate_issues').columns(['number', 'issued_at']).execute();

      await db.schema.createTable('certificate_year_revocations')
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('revoked_at', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('reinstated_at', 'text')
        .addPrimaryKeyConstraint('certificate_year_revocations_pk', ['number', 'year', 'revoked_at'])
        .execute();
    },
  };
}
