import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.ts';
import { makeAppendOnly } from '../dialect.ts';

// The review workflow of records (docs/records.md): since when a record is in its state (queue age,
// reminders), the latest reason given to the declarer, the provider that registered it (Art. 9(3)), and
// the transitions a person reads as the record's progress (append-only, one row per decision).
export function recordWorkflow(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('records').addColumn('state_since', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('records').addColumn('last_reason', 'text').execute();
      await db.schema.alterTable('records').addColumn('provider_id', 'text', (c) => c.references('orgs.id')).execute();
      await sql`UPDATE records SET state_since = updated_at`.execute(db);
      // Queues: what waits in a state, oldest first, keyset by (state_since, id).
      await db.schema.createIndex('records_queue').on('records').columns(['state', 'state_since', 'id']).execute();
      await db.schema.createIndex('records_provider').on('records').columns(['provider_id', 'id']).execute();

      await db.schema.createTable('record_transitions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
        // The record's version after the step: orders a record's steps (ids of one millisecond need not).
        .addColumn('record_version', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_state', 'text')
        .addColumn('to_state', 'text', (c) => c.notNull())
        .addColumn('actor_account_id', 'text')
        .addColumn('actor_role', 'text', (c) => c.notNull())
        .addColumn('actor_org_id', 'text')
        .addColumn('reason', 'text')
        .execute();
      await db.schema.createIndex('record_transitions_record').on('record_transitions').columns(['record_id', 'record_version']).execute();
      await makeAppendOnly(engine, db, 'record_transitions');
    },
  };
}
