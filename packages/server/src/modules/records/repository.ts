import type { Db } from '../../db/database.ts';
import type { RecordState, RecordTable } from '../../db/schema-policy.ts';
import type { Scope } from '../../platform/actor.ts';
import { orgInScope } from '../../platform/scope-orgs.ts';
import { whereScopeCoversPerson } from '../../platform/scope-sql.ts';

// Art. 10–11: storage of records. Every read takes the actor's scope and filters in SQL (outside → none).

const columns = [
  'r.id', 'r.person_id', 'r.unit_id', 'r.year', 'r.kind', 'r.activity', 'r.category', 'r.hours', 'r.clause', 'r.rule_code',
  'r.policy_version', 'r.explanation', 'r.full_year', 'r.started_on', 'r.ended_on', 'r.content', 'r.result', 'r.channel',
  'r.declared_by', 'r.state', 'r.duplicate_key', 'r.version', 'r.created_at', 'r.updated_at',
  'p.name as person_name', 'a.id as person_account_id',
  'u.issuing_bureau_id as issuing_bureau_id', 'u.authority_id as authority_id',
] as const;

function base(db: Db) {
  return db.selectFrom('records as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .innerJoin('orgs as u', 'u.id', 'p.unit_id')
    .leftJoin('accounts as a', (j) => j.onRef('a.person_id', '=', 'p.id').on('a.role', '=', 'person'))
    .select(columns);
}

export type RecordRow = Awaited<ReturnType<typeof findRecord>> & object;

/** The ids of the people the scope sees (scope-sql.ts), as a subquery. */
const peopleInScope = (db: Db, scope: Scope) => whereScopeCoversPerson(db.selectFrom('persons as p').select('p.id'), scope);

export function findRecord(db: Db, options: { scope: Scope; id: string }) {
  return base(db).where('r.id', '=', options.id).where('r.person_id', 'in', peopleInScope(db, options.scope)).executeTakeFirst();
}

export async function insertRecord(db: Db, row: RecordTable): Promise<void> {
  await db.insertInto('records').values(row).execute();
}

/**
 * Live claims of the person, oldest first, for the duplicate check (SPEC "Further rules"): submitted or
 * further, not rejected. Drafts (never submitted, or withdrawn) claim nothing yet, so two drafts of one
 * achievement do not block each other; the second to be submitted is refused.
 */
export function liveClaimsOf(db: Db, personId: string) {
  return db.selectFrom('records').select(['id', 'person_id', 'year', 'activity'])
    .where('person_id', '=', personId).where('state', 'not in', ['rejected', 'draft']).orderBy('id').execute();
}

/** Optimistic concurrency: 0 rows means someone else changed the record first. */
export async function moveRecord(db: Db, options: { id: string; version: number; state: RecordState; at: string }): Promise<boolean> {
  const result = await db.updateTable('records')
    .set({ state: options.state, version: options.version + 1, updated_at: options.at })
    .where('id', '=', options.id).where('version', '=', options.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Org ids the scope reaches (the reviewer's `scopeOrgIds` for review.decide). */
export async function orgIdsInScope(db: Db, scope: Scope): Promise<string[]> {
  if (scope.kind === 'person') return [];
  if (scope.kind === 'unit' || scope.kind === 'provider') return [scope.orgId];
  const rows = await db.selectFrom('orgs as o').select('o.id').where(orgInScope(db, scope, 'o')).execute();
  return rows.map((r) => r.id);
}

export type QueueOptions = {
  scope: Scope; role: string; state?: RecordState | undefined; year?: number | undefined;
  personId?: string | undefined; after?: string | undefined; limit: number; verifierOrgIds: readonly string[];
};

/**
 * The caller's queue: a person their own, a unit its people's; a bureau the public (and 7(11) `both`)
 * records awaiting verification whose issuing bureau it reaches, an authority the professional ones.
 */
export function listRecords(db: Db, o: QueueOptions) {
  let q = base(db).where('r.person_id', 'in', peopleInScope(db, o.scope));
  if (o.role === 'bureau' || o.role === 'authority') {
    if (o.verifierOrgIds.length === 0) return Promise.resolve([]);
    q = o.role === 'bureau'
      ? q.where('r.category', 'in', ['public', 'both']).where('u.issuing_bureau_id', 'in', o.verifierOrgIds)
      : q.where('r.category', '=', 'professional').where('u.authority_id', 'in', o.verifierOrgIds);
    q = q.where('r.state', '=', o.state ?? 'unit_approved');
  } else if (o.state) {
    q = q.where('r.state', '=', o.state);
  }
  if (o.year !== undefined) q = q.where('r.year', '=', o.year);
  if (o.personId) q = q.where('r.person_id', '=', o.personId);
  if (o.after) q = q.where('r.id', '>', o.after);
  return q.orderBy('r.id').limit(o.limit + 1).execute();
}
