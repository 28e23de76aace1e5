import type { Config } from './config.ts';
import { openDatabase, type DbHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedDemo } from './db/seed/demo.ts';
import { loadReferenceData } from './db/seed/reference.ts';
import { ensureDefaultPolicy } from './modules/policy/index.ts';
import { loadPiiKeys, PiiCipher } from './platform/pii.ts';
import { createEvidenceStore } from './platform/storage/index.ts';

/** Opens the database and brings it to a servable state: schema, reference data, demo data. */
export async function prepareDatabase(config: Config, options: { sqliteFile?: string } = {}): Promise<DbHandle> {
  const handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, ...options });
  await migrateToLatest(handle);
  const now = new Date();
  await loadReferenceData(handle.db, now);
  // The default policy (HN-2017) is reference data too: every installation evaluates hours with it.
  await ensureDefaultPolicy(handle.db, now);
  if (config.demo) {
    const pii = new PiiCipher(loadPiiKeys({ dataDir: config.dataDir, encKey: config.piiEncKey, indexKey: config.piiIndexKey }));
    await seedDemo({ db: handle.db, pii, scryptN: config.scryptN, now, evidence: createEvidenceStore(config) });
  }
  return handle;
}
