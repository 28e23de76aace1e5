import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { RecordState, RecordTable, RecordTransitionTable } from '../../db/schema-policy.ts';
import type { Scope } from '../../platform/actor.ts';
import { orgInScope, subtreeOf } from '../../platform/scope-orgs.ts';

// Art. 10–11: storage of records. Every read takes the actor's scope and filters in SQL (outside → none).

const columns = [
  'r.id', 'r.person_id', 'r.unit_id', 'r.year', 'r.kind', 'r.activity', 'r.category', 'r.hours', 'r.clause', 'r.rule_code',
  'r.policy_version', 'r.explanation', 'r.full_year', 'r.started_on', 'r.ended_on', 'r.content', 'r.result', 'r.channel',
  'r.declared_by', 'r.state', 'r.duplicate_key', 'r.version', 'r.created_at', 'r.updated_at', 'r.state_since', 'r.last_reason',
  'r.provider_id', 'p.name as person_name', 'a.id as person_account_id', 'u.name as unit_name',
  'u.issuing_bureau_id as issuing_bureau_id', 'u.authority_id as authority_id',
  'ib.name as issuing_bureau_name', 'au.name as authority_name', 'pv.name as provider_name', 'pv.status as provider_status',
] as const;

type Joined = Database & {
  r: RecordTable; p: Database['persons']; u: Database['orgs'];
};

/** The joins every read shares: the person, their current unit and its verifiers, the provider. */
function joined(db: Db) {
  return db.selectFrom('records as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .innerJoin('orgs as u', 'u.id', 'p.unit_id');
}

function base(db: Db) {
  return joined(db)
    .leftJoin('accounts as a', (j) => j.onRef('a.person_id', '=', 'p.id').on('a.role', '=', 'person'))
    .leftJoin('orgs as ib', 'ib.id', 'u.issuing_bureau_id')
    .leftJoin('orgs as au', 'au.id', 'u.authority_id')
    .leftJoin('orgs as pv', 'pv.id', 'r.provider_id')
    .select(columns);
}

export type RecordRow = Awaited<ReturnType<typeof findRecord>> & object;

/**
 * The scope of a records query, on the already-joined person `p` and unit `u` (no list of people or
 * units is materialised: docs/performance.md "Records"). `supervisors`: for a bureau or an authority,
 * the ids of its own subtree of bureaus or authorities (at most a few hundred; `supervisorIdsOf`).
 */
export type RecordScope = { scope: Scope; supervisors: readonly string[] };

function scoped<Q>(q: Q, rs: RecordScope): Q {
  const w = q as unknown as { where: (c: string, op: string, v: unknown) => Q };
  const { scope } = rs;
  switch (scope.kind) {
    case 'province':
      return q;
    case 'person':
      return w.where('r.person_id', '=', scope.personId);
    case 'unit':
      return w.where('p.unit_id', '=', scope.orgId);
    case 'provider':
      return w.where('r.provider_id', '=', scope.orgId);
    case 'bureau':
      return rs.supervisors.length > 0 ? w.where('u.bureau_id', 'in', rs.supervisors) : w.where('r.id', '=', '');
    case 'authority':
      return rs.supervisors.length > 0 ? w.where('u.authority_id', 'in', rs.supervisors) : w.where('r.id', '=', '');
    case 'platform':
      return w.where('r.id', '=', '');
  }
}

/** A bureau's or authority's own subtree (itself and the orgs below it); nobody else supervises. */
export async function supervisorIdsOf(db: Db, scope: Scope): Promise<string[]> {
  if (scope.kind !== 'province' && scope.kind !== 'bureau' && scope.kind !== 'authority') return [];
  const rows = await subtreeOf(db, scope.orgId).execute();
  return rows.map((r) => r.id);
}

/** Of these unit ids, those the scope reaches (for review.decide's `scopeOrgIds`, per page). */
export async function unitsInScope(db: Db, scope: Scope, unitIds: readonly string[]): Promise<string[]> {
  if (unitIds.length === 0 || scope.kind === 'person' || scope.kind === 'provider') return [];
  // A unit reaches itself only: no query.
  if (scope.kind === 'unit') return unitIds.includes(scope.orgId) ? [scope.orgId] : [];
  const rows = await db.selectFrom('orgs as o').select('o.id').where('o.id', 'in', [...new Set(unitIds)]).where(orgInScope(db, scope, 'o')).execute();
  return rows.map((r) => r.id);
}

export function findRecord(db: Db, options: { scope: RecordScope; id: string }) {
  return scoped(base(db).where('r.id', '=', options.id), options.scope).executeTakeFirst();
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
export async function moveRecord(db: Db, options: { id: string; version: number; state: RecordState; at: string; reason: string | null }): Promise<boolean> {
  const result = await db.updateTable('records')
    .set({
      state: options.state, version: options.version + 1, updated_at: options.at, state_since: options.at,
      ...(options.reason !== null ? { last_reason: options.reason } : {}),
    })
    .where('id', '=', options.id).where('version', '=', options.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type RecordEdit = Pick<RecordTable,
  'year' | 'kind' | 'activity' | 'category' | 'hours' | 'clause' | 'rule_code' | 'policy_version' | 'explanation' | 'full_year'
  | 'started_on' | 'ended_on' | 'content' | 'result' | 'duplicate_key'>;

/** The declarer's edit of a draft or returned record, under the version they read. */
export async function updateRecord(db: Db, options: { id: string; version: number; at: string; edit: RecordEdit }): Promise<boolean> {
  const result = await db.updateTable('records')
    .set({ ...options.edit, version: options.version + 1, updated_at: options.at })
    .where('id', '=', options.id).where('version', '=', options.version).where('state', 'in', ['draft', 'returned'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes a never-submitted draft and its evidence rows (the blobs go with the orphan sweep). */
export async function deleteDraft(db: Db, options: { id: string; version: number }): Promise<boolean> {
  await db.deleteFrom('record_evidence').where('record_id', '=', options.id).execute();
  const result = await db.deleteFrom('records')
    .where('id', '=', options.id).where('version', '=', options.version).where('state', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function insertTransition(db: Db, row: RecordTransitionTable): Promise<void> {
  await db.insertInto('record_transitions').values(row).execute();
}

export async function hasTransitions(db: Db, recordId: string): Promise<boolean> {
  const row = await db.selectFrom('record_transitions').select('id').where('record_id', '=', recordId).limit(1).executeTakeFirst();
  return row !== undefined;
}

export function transitionsOf(db: Db, recordId: string) {
  return db.selectFrom('record_transitions as t')
    .leftJoin('orgs as o', 'o.id', 't.actor_org_id')
    .select(['t.id', 't.at', 't.action', 't.from_state', 't.to_state', 't.actor_role', 't.actor_org_id', 't.reason', 'o.name as org_name'])
    .where('t.record_id', '=', recordId).orderBy('t.record_version').execute();
}

export type QueueFilter = {
  scope: RecordScope; role: string; view: 'queue' | 'all';
  state?: RecordState | undefined; year?: number | undefined; kind?: string | undefined;
  category?: 'public' | 'professional' | 'both' | undefined; unitId?: string | undefined; personId?: string | undefined;
  /** ISO instant: only records in their state since this instant or earlier. */
  stateSinceBefore?: string | undefined;
};

export type QueueCursor = { since: string; id: string };

/**
 * What the caller lists (docs/records.md "Workflow API"). `queue`: what waits for them — a unit the
 * person-channel records its people submitted; a bureau the public (and 7(11) `both`) records awaiting
 * verification whose issuing bureau it reaches; an authority the professional ones; a person all their
 * own; a provider its registrations. `all`: every record in scope.
 */
function queueConditions(eb: ExpressionBuilder<Joined, 'r' | 'u'>, f: QueueFilter): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [];
  const reviewer = f.role === 'bureau' || f.role === 'authority';
  if (f.view === 'queue' && reviewer) {
    all.push(f.role === 'bureau'
      ? eb.and([eb('r.category', 'in', ['public', 'both']), eb('u.issuing_bureau_id', 'in', f.scope.supervisors)])
      : eb.and([eb('r.category', '=', 'professional'), eb('u.authority_id', 'in', f.scope.supervisors)]));
    all.push(eb('r.state', '=', f.state ?? 'unit_approved'));
  } else if (f.view === 'queue' && f.role === 'unit' && !f.state) {
    all.push(eb('r.state', '=', 'submitted'), eb('r.channel', '=', 'person'));
  } else if (f.state) {
    all.push(eb('r.state', '=', f.state));
  }
  if (f.year !== undefined) all.push(eb('r.year', '=', f.year));
  if (f.kind) all.push(eb('r.kind', '=', f.kind));
  if (f.category) all.push(eb('r.category', '=', f.category));
  if (f.unitId) all.push(eb('u.id', '=', f.unitId));
  if (f.personId) all.push(eb('r.person_id', '=', f.personId));
  if (f.stateSinceBefore) all.push(eb('r.state_since', '<=', f.stateSinceBefore));
  return eb.and(all);
}

/** A page of the caller's list, keyset by (state_since, id) in either direction. */
export function listRecords(db: Db, f: QueueFilter & { sort: 'oldest' | 'newest'; after?: QueueCursor | undefined; limit: number }) {
  if (f.view === 'queue' && (f.role === 'bureau' || f.role === 'authority') && f.scope.supervisors.length === 0) return Promise.resolve([]);
  const dir = f.sort === 'oldest' ? 'asc' : 'desc';
  const cmp = f.sort === 'oldest' ? '>' : '<';
  let q = scoped(base(db), f.scope).where((eb) => queueConditions(eb as never, f));
  const after = f.after;
  if (after) {
    // (state_since, id) after the cursor; the first term gives the index a range to start from.
    q = q.where((eb) => eb.and([
      eb('r.state_since', f.sort === 'oldest' ? '>=' : '<=', after.since),
      eb.or([eb('r.state_since', cmp, after.since), eb('r.id', cmp, after.id)]),
    ]));
  }
  return q.orderBy('r.state_since', dir).orderBy('r.id', dir).limit(f.limit + 1).execute();
}

/** Counts stop here: a badge shows "999+" and the count never reads a whole province's queue. */
export const COUNT_CAP = 1000;

/**
 * The menu badge: how many wait for the caller, and how many of them since before `overdueBefore`,
 * each capped at COUNT_CAP (two index walks that stop early, not a scan of the queue).
 */
export async function countQueue(db: Db, f: QueueFilter & { overdueBefore: string }): Promise<{ count: number; overdue: number }> {
  if (f.view === 'queue' && (f.role === 'bureau' || f.role === 'authority') && f.scope.supervisors.length === 0) return { count: 0, overdue: 0 };
  const capped = async (filter: QueueFilter) => {
    const inner = scoped(joined(db), filter.scope).where((eb) => queueConditions(eb as never, filter)).select('r.id').limit(COUNT_CAP);
    const row = await db.selectFrom(inner.as('q')).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  };
  const count = await capped(f);
  const overdue = count === 0 ? 0 : await capped({ ...f, stateSinceBefore: f.stateSinceBefore && f.stateSinceBefore < f.overdueBefore ? f.stateSinceBefore : f.overdueBefore });
  return { count, overdue };
}

/** A registered person found by the blind index of their ID number (a provider's trainee). */
export function findPersonByIdIndex(db: Db, idIndex: string) {
  return db.selectFrom('persons').select(['id', 'name', 'unit_id', 'status']).where('id_number_index', '=', idIndex).executeTakeFirst();
}
