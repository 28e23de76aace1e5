import type { Config } from '../config.ts';
import type { DbHandle } from '../db/database.ts';
import type { SessionCache } from '../modules/auth/session-cache.ts';
import type { PiiCipher } from './pii.ts';
import type { BlobStore } from './storage/index.ts';

/** What services need from the outside world; built once in app.ts, replaced in tests. */
export type Deps = {
  config: Config;
  handle: DbHandle;
  pii: PiiCipher;
  /** Recently read sessions (modules/auth/session-cache.ts). */
  sessions: SessionCache;
  /** The clock: tests move it to prove timeouts without waiting. */
  now: () => Date;
  /** Evidence files (docs/evidence.md): content-addressed blobs under JIXU_DATA_DIR/evidence/. */
  evidence: BlobStore;
};
