import type { Kysely } from 'kysely';
import type { Engine } from '../database.ts';
import { addAutoIdColumn, makeAppendOnly } from '../dialect.ts';

// Foundation schema: reference regions, organisations, accounts, persons, sessions, login throttle
// and the append-only audit events. Dialect-neutral types only (text, integer); see docs/architecture.md.
export function foundation(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('regions')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('parent_code', 'text', (c) => c.references('regions.code'))
        .addColumn('statistical', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_to', 'text')
        .execute();

      await db.schema
        .createTable('orgs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('region_code', 'text', (c) => c.references('regions.code'))
        .addColumn('level', 'text')
        .addColumn('parent_id', 'text', (c) => c.references('orgs.id'))
        .addColumn('bureau_id', 'text', (c) => c.references('orgs.id'))
        .addColumn('authority_id', 'text', (c) => c.references('orgs.id'))
        .addColumn('issuing_bureau_id', 'text', (c) => c.references('orgs.id'))
        .addColumn('issuing_code', 'text')
        .addColumn('industry', 'text')
        .addColumn('uscc', 'text', (c) => c.unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('orgs_bureau').on('orgs').column('bureau_id').execute();
      await db.schema.createIndex('orgs_authority').on('orgs').column('authority_id').execute();
      await db.schema.createIndex('orgs_parent').on('orgs').column('parent_id').execute();

      await db.schema
        .createTable('persons')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('id_number_enc', 'text', (c) => c.notNull())
        .addColumn('id_number_index', 'text', (c) => c.notNull().unique())
        .addColumn('id_number_masked', 'text', (c) => c.notNull())
        .addColumn('sex', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'text', (c) => c.notNull())
        .addColumn('phone_enc', 'text')
        .addColumn('phone_masked', 'text')
        .addColumn('unit_id', 'text', (c) => c.notNull().references('orgs.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('certificate_number', 'text', (c) => c.unique())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('persons_unit').on('persons').columns(['unit_id', 'id']).execute();

      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username_key', 'text', (c) => c.notNull().unique())
        .addColumn('username_display', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.references('orgs.id'))
        .addColumn('person_id', 'text', (c) => c.references('persons.id'))
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_login_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

      await db.schema
        .createTable('login_throttle')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('locked_until', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      let audit = db.schema.createTable('audit_events');
      audit = addAutoIdColumn(engine, audit, 'id');
      await audit
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_account_id', 'text')
        .addColumn('actor_role', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text')
        .addColumn('before_digest', 'text')
        .addColumn('after_digest', 'text')
        .addColumn('request_id', 'text')
        .execute();
      await db.schema.createIndex('audit_events_object').on('audit_events').columns(['object_type', 'object_id']).execute();
      await makeAppendOnly(engine, db, 'audit_events');
    },
  };
}
