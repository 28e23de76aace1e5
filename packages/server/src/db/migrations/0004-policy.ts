import type { Kysely } from 'kysely';
import type { Engine } from '../database.ts';

// Schema of the policy capability (docs/policy.md "Storage"): policy versions (Art. 16–18), records
// (Art. 10; the records issue builds its workflow on this table) and leave periods (Art. 8).
export function policy(_engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('policy_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('effective_from', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('copied_from', 'text')
        .addColumn('created_by', 'text', (c) => c.references('accounts.id'))
        .addColumn('published_by', 'text', (c) => c.references('accounts.id'))
        .addColumn('published_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('policy_versions_status').on('policy_versions').columns(['status', 'effective_from']).execute();

      await db.schema
        .createTable('records')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
        .addColumn('unit_id', 'text', (c) => c.notNull().references('orgs.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('activity', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('hours', 'integer', (c) => c.notNull())
        .addColumn('clause', 'text', (c) => c.notNull())
        .addColumn('rule_code', 'text', (c) => c.notNull())
        .addColumn('policy_version', 'text', (c) => c.notNull())
        .addColumn('explanation', 'text', (c) => c.notNull())
        .addColumn('full_year', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('started_on', 'text')
        .addColumn('ended_on', 'text')
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('result', 'text')
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('declared_by', 'text', (c) => c.references('accounts.id'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('duplicate_key', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('records_person_year').on('records').columns(['person_id', 'year']).execute();
      await db.schema.createIndex('records_state').on('records').columns(['state', 'year']).execute();
      await db.schema.createIndex('records_duplicate_key').on('records').column('duplicate_key').execute();
      await db.schema.createIndex('records_unit').on('records').columns(['unit_id', 'state']).execute();

      await db.schema
        .createTable('leave_periods')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('starts_on', 'text', (c) => c.notNull())
        .addColumn('ends_on', 'text', (c) => c.notNull())
        .addColumn('proof_note', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('declared_by', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('decided_by', 'text', (c) => c.references('accounts.id'))
        .addColumn('decided_at', 'text')
        .addColumn('reason', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('leave_periods_person').on('leave_periods').columns(['person_id', 'starts_on']).execute();
      await db.schema.createIndex('leave_periods_state').on('leave_periods').columns(['state', 'id']).execute();
    },
  };
}
