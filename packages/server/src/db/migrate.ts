import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { DbHandle } from './database.ts';
import { foundation } from './migrations/0001-foundation.ts';
import { people } from './migrations/0002-people.ts';
import { organisations } from './migrations/0003-organisations.ts';
import { policy } from './migrations/0004-policy.ts';
import { ledger } from './migrations/0005-ledger.ts';
import { certificates } from './migrations/0006-certificates.ts';
import { evidence } from './migrations/0007-evidence.ts';
import { recordWorkflow } from './migrations/0008-record-workflow.ts';
import { recordIndexes } from './migrations/0009-record-indexes.ts';

// Migrations are listed here in order; names sort by their number. One migration per change.
function migrationsFor(engine: DbHandle['engine']): Record<string, Migration> {
  return {
    '0001-foundation': foundation(engine),
    '0002-people': people(engine),
    '0003-organisations': organisations(engine),
    '0004-policy': policy(engine),
    '0005-ledger': ledger(engine),
    '0006-certificates': certificates(engine),
    '0007-evidence': evidence(engine),
    '0008-record-workflow': recordWorkflow(engine),
    '0009-record-indexes': recordIndexes(engine),
  };
}

/** Brings the schema up to date; runs at start-up (and in every test's fresh database). */
export async function migrateToLatest(handle: DbHandle): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(handle.engine) };
  const migrator = new Migrator({ db: handle.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration failed${failed ? ` at ${failed.migrationName}` : ''}`, { cause: error });
  }
}
