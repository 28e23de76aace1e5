import type { Kysely } from 'kysely';
import type { Engine } from '../database.ts';

// Indexes the records' reads need at a province's size (docs/performance.md "Records"). Every read of
// a record joins the person's account (`accounts.person_id`, role `person`: records/repository.ts); with
// no index on that column SQLite scans the accounts table, or builds a temporary index over it, for
// every request — 0.7 ms per record read at 16,000 accounts and growing with every registered person.
export function recordIndexes(_engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('accounts_person').on('accounts').columns(['person_id', 'role']).execute();
    },
  };
}
