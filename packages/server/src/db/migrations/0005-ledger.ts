import type { Kysely } from 'kysely';
import type { Engine } from '../database.ts';
import { makeAppendOnly } from '../dialect.ts';

// The transparency ledger (Art. 15): one leaf per audit event, stored perfect-subtree hashes,
// signed tree heads; and the public halves of the seal keys. Leaves, nodes and heads are
// append-only on both engines. Leaf indexes are 0-based and gap-free: the counter row in
// ledger_state is incremented in the transaction that writes the event, which also holds its lock.
export function ledger(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // Leaf indexes and counts are bigint on PostgreSQL: a province's history outgrows 2^31 events.
      const big = engine === 'postgres' ? 'bigint' : 'integer';
      await db.schema.createTable('ledger_state')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('size', big, (c) => c.notNull())
        .execute();
      await db.insertInto('ledger_state' as never).values({ id: 1, size: 0 } as never).execute();

      await db.schema.createTable('ledger_leaves')
        .addColumn('leaf_index', big, (c) => c.primaryKey())
        .addColumn('event_id', big, (c) => c.notNull().unique().references('audit_events.id'))
        .addColumn('leaf_hash', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();

      await db.schema.createTable('ledger_nodes')
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('idx', big, (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ledger_nodes_pk', ['level', 'idx'])
        .execute();

      await db.schema.createTable('ledger_signer_state')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('processed_size', big, (c) => c.notNull())
        .addColumn('border', 'text', (c) => c.notNull())
        .execute();
      await db.insertInto('ledger_signer_state' as never).values({ id: 1, processed_size: 0, border: '[]' } as never).execute();

      await db.schema.createTable('ledger_heads')
        .addColumn('tree_size', big, (c) => c.primaryKey())
        .addColumn('root_hash', 'text', (c) => c.notNull())
        .addColumn('timestamp', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .execute();

      await db.schema.createTable('seal_keys')
        .addColumn('key_id', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
        .addColumn('alg', 'text', (c) => c.notNull())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_to', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      for (const table of ['ledger_leaves', 'ledger_nodes', 'ledger_heads']) await makeAppendOnly(engine, db, table);
    },
  };
}
