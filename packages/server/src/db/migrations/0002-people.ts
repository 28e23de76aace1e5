import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.ts';
import { addAutoIdColumn } from '../dialect.ts';

// Schema of the people capability (docs/organisations.md): registration details on `persons`, the
// reason note on audit events, the Art. 13 serial counters, registration history, transfers and
// notifications. Dialect-neutral; SQLite adds one column per ALTER TABLE.
export function people(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // Nullable: rows from before this migration have no such details; new registrations always do.
      for (const column of ['email', 'education', 'major', 'title_series', 'title_level', 'department', 'submitted_at', 'decided_at', 'decision_reason']) {
        await db.schema.alterTable('persons').addColumn(column, 'text').execute();
      }
      // Existing rows: the registration was submitted when the person was created, decided when last changed.
      await sql`UPDATE persons SET submitted_at = created_at`.execute(db);
      await sql`UPDATE persons SET decided_at = updated_at WHERE status IN ('approved', 'rejected')`.execute(db);
      await db.schema.createIndex('persons_unit_status').on('persons').columns(['unit_id', 'status', 'submitted_at']).execute();

      await db.schema.alterTable('audit_events').addColumn('note', 'text').execute();

      await db.schema
        .createTable('certificate_serials')
        .addColumn('prefix', 'text', (c) => c.primaryKey())
        .addColumn('last_serial', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await continueExistingSerials(db);

      await addAutoIdColumn(engine, db.schema.createTable('registration_history'), 'id')
        .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull().references('orgs.id'))
        .addColumn('reason', 'text')
        .addColumn('actor_account_id', 'text')
        .execute();
      await db.schema.createIndex('registration_history_person').on('registration_history').columns(['person_id', 'id']).execute();

      await db.schema
        .createTable('transfers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
        .addColumn('from_unit_id', 'text', (c) => c.notNull().references('orgs.id'))
        .addColumn('to_unit_id', 'text', (c) => c.notNull().references('orgs.id'))
        .addColumn('department', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('reason', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('transfers_person').on('transfers').columns(['person_id', 'id']).execute();
      await db.schema.createIndex('transfers_to_unit').on('transfers').columns(['to_unit_id', 'status', 'id']).execute();
      await db.schema.createIndex('transfers_from_unit').on('transfers').columns(['from_unit_id', 'status', 'id']).execute();
      // At most one open transfer per person, also under concurrent requests.
      await db.schema.createIndex('transfers_one_pending').on('transfers').column('person_id').unique()
        .where(sql.ref('status'), '=', 'pending').execute();

      await addAutoIdColumn(engine, db.schema.createTable('notifications'), 'seq')
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('recipient_kind', 'text', (c) => c.notNull())
        .addColumn('recipient_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('dedupe_key', 'text', (c) => c.unique())
        .execute();
      await db.schema.createIndex('notifications_recipient').on('notifications').columns(['recipient_kind', 'recipient_id', 'seq']).execute();

      await db.schema
        .createTable('notification_reads')
        .addColumn('notification_id', 'text', (c) => c.notNull().references('notifications.id'))
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('read_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('notification_reads_pk', ['notification_id', 'account_id'])
        .execute();
    },
  };
}

/** Art. 13: numbers already issued keep their serials; the counters continue after the highest. */
async function continueExistingSerials(db: Kysely<unknown>): Promise<void> {
  const issued = await sql<{ certificate_number: string }>`SELECT certificate_number FROM persons WHERE certificate_number IS NOT NULL`.execute(db);
  const highest = new Map<string, number>();
  for (const { certificate_number: n } of issued.rows) {
    const prefix = n.slice(2, 6);
    highest.set(prefix, Math.max(highest.get(prefix) ?? 0, Number(n.slice(6, 15))));
  }
  const at = new Date().toISOString();
  for (const [prefix, last] of highest) {
    await sql`INSERT INTO certificate_serials (prefix, last_serial, updated_at) VALUES (${prefix}, ${last}, ${at})`.execute(db);
  }
}
