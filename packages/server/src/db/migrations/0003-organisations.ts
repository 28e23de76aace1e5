import type { Kysely } from 'kysely';
import type { Engine } from '../database.ts';

// Schema of the organisations capability (docs/organisations.md): the second factor on accounts,
// registration details of units and providers on orgs, and the industries of the authorities.
// Dialect-neutral; SQLite adds one column per ALTER TABLE.
export function organisations(_engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('accounts').addColumn('totp_secret_enc', 'text').execute();
      await db.schema.alterTable('accounts').addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('accounts').addColumn('totp_last_step', 'integer').execute();
      await db.schema.createIndex('accounts_org').on('accounts').columns(['org_id', 'id']).execute();

      for (const column of ['address', 'contact_name', 'contact_phone_enc', 'contact_phone_masked', 'decision_reason', 'decided_at']) {
        await db.schema.alterTable('orgs').addColumn(column, 'text').execute();
      }
      // The bureaus' review queues list units and providers by kind and status, in creation order.
      await db.schema.createIndex('orgs_kind_status').on('orgs').columns(['kind', 'status', 'id']).execute();
      await db.schema.createIndex('orgs_region').on('orgs').column('region_code').execute();

      await db.schema
        .createTable('industries')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .execute();
    },
  };
}
