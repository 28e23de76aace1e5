import { policy } from '@jixu/domain';
import type { Db } from '../../db/database.ts';
import type { PolicyVersionTable } from '../../db/schema-policy.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';

// The published policy versions, parsed once and kept in memory: the public calculator evaluates
// without touching the database. Publishing invalidates the cache at once in this process; other
// processes (several behind a balancer on PostgreSQL) reload within `ttlMs`.
type Cache = {
  loadedAt: number;
  published: readonly policy.PolicyDocument[];
  byYear: Map<number, policy.PolicyDocument | undefined>;
};

export class PolicyStore {
  private cache: Cache | undefined;
  private loading: Promise<Cache> | undefined;
  private generation = 0;

  constructor(private readonly db: Db, private readonly ttlMs = 30_000) {}

  /** Every published version, parsed (Art. 16–18: old years keep the version then in force). */
  async published(): Promise<readonly policy.PolicyDocument[]> {
    return (await this.current()).published;
  }

  /** The version in force for `year` (`policyForYear`), or undefined when none covers it. */
  async forYear(year: number): Promise<policy.PolicyDocument | undefined> {
    const cache = await this.current();
    if (cache.byYear.has(year)) return cache.byYear.get(year);
    const found = policy.policyForYear(cache.published, year);
    cache.byYear.set(year, found);
    return found;
  }

  /** The public-subject guide of a year (Art. 4). Guides are not stored yet: guide courses cannot be evaluated. */
  guideFor(_year: number): policy.PublicSubjectGuide | undefined {
    return undefined;
  }

  /** Drops the cache (after a publication); the next call reloads. */
  invalidate(): void {
    this.cache = undefined;
    this.loading = undefined;
    this.generation += 1;
  }

  private async current(): Promise<Cache> {
    const cache = this.cache;
    if (cache && performance.now() - cache.loadedAt < this.ttlMs) return cache;
    if (!this.loading) {
      const generation = this.generation;
      const loading = this.load().then(
        (loaded) => {
          // A publication during the load must not be overwritten by the older answer.
          if (generation === this.generation) this.cache = loaded;
          if (this.loading === loading) this.loading = undefined;
          return loaded;
        },
        (error: unknown) => {
          if (this.loading === loading) this.loading = undefined;
          throw error;
        },
      );
      this.loading = loading;
    }
    return this.loading;
  }

  private async load(): Promise<Cache> {
    const rows = await this.db.selectFrom('policy_versions').select(['id', 'document']).where('status', '=', 'published').execute();
    return { loadedAt: performance.now(), published: rows.map(parseStored), byYear: new Map() };
  }
}

/** A stored document, validated again: the database is not trusted to hold what the editor checked. */
export function parseStored(row: Pick<PolicyVersionTable, 'id' | 'document'>): policy.PolicyDocument {
  const parsed = policy.parsePolicyDocument(row.document);
  if (!parsed.ok) throw new Error(`stored policy version ${row.id} is invalid: ${parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  return parsed.value;
}

// One store per application (tests build several apps in one process, each with its own database).
const stores = new WeakMap<Deps['handle'], PolicyStore>();

/** The policy store of an application; other capabilities (records, certificates) evaluate through it. */
export function policyStoreOf(deps: Pick<Deps, 'handle'>): PolicyStore {
  let store = stores.get(deps.handle);
  if (!store) {
    store = new PolicyStore(deps.handle.db);
    stores.set(deps.handle, store);
  }
  return store;
}

/**
 * Reference data: the default version HN-2017 (豫人社〔2017〕121号) as published, when missing. Runs at
 * every start (startup.ts), on demo and production databases alike; idempotent and safe when several
 * processes start at once. The insertion is an audit event (Art. 15).
 */
export async function ensureDefaultPolicy(db: Db, now: Date): Promise<boolean> {
  const existing = await db.selectFrom('policy_versions').select('id').where('id', '=', policy.HN_2017.id).executeTakeFirst();
  if (existing) return false;

  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .insertInto('policy_versions')
      .values({
        id: policy.HN_2017.id, effective_from: policy.HN_2017.effectiveFrom, status: 'published',
        document: JSON.stringify(policy.HN_2017), copied_from: null, created_by: null, published_by: null,
        published_at: at, version: 1, created_at: at, updated_at: at,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await recordEvent(trx, { actor: null, requestId: null, now }, {
      action: 'policy.seeded', objectType: 'policy_version', objectId: policy.HN_2017.id, after: policy.HN_2017,
    });
    return true;
  });
}
