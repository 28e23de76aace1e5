import type { policy } from '@jixu/domain';
import type { Db } from '../../db/database.ts';

// What the yearly status reads: a person's verified records and approved leave periods. The person
// is found through the actor's scope first (persons/repository.ts), so these take person ids only.

/** Records that can count in `year`: verified, of that year or later (a project recorded later may earn in it). */
export function verifiedRecordsFrom(db: Db, options: { personIds: readonly string[]; year: number }) {
  if (options.personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('records')
    .select(['id', 'person_id', 'year', 'kind', 'activity', 'content', 'started_on', 'ended_on'])
    .where('person_id', 'in', options.personIds)
    .where('state', '=', 'verified')
    .where('year', '>=', options.year)
    .execute();
}

/** Approved leave periods that touch `year`. */
export function approvedLeaveIn(db: Db, options: { personIds: readonly string[]; year: number }) {
  if (options.personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('leave_periods')
    .select(['id', 'person_id', 'kind', 'starts_on', 'ends_on'])
    .where('person_id', 'in', options.personIds)
    .where('state', '=', 'approved')
    .where('starts_on', '<=', `${options.year}-12-31`)
    .where('ends_on', '>=', `${options.year}-01-01`)
    .execute();
}

type StoredRecord = Awaited<ReturnType<typeof verifiedRecordsFrom>>[number];
type StoredLeave = Awaited<ReturnType<typeof approvedLeaveIn>>[number];

export function yearRecordOf(row: Pick<StoredRecord, 'id' | 'year' | 'activity'>): policy.YearRecord {
  // Invalid stored JSON is left to the engine, which reports the record as `invalid` instead of failing.
  let activity: unknown;
  try {
    activity = JSON.parse(row.activity);
  } catch {
    activity = null;
  }
  return { id: row.id, year: row.year, activity: activity as policy.Activity, verified: true };
}

export function leavePeriodOf(row: Pick<StoredLeave, 'id' | 'kind' | 'starts_on' | 'ends_on'>): policy.LeavePeriod {
  return { id: row.id, kind: row.kind, from: row.starts_on, to: row.ends_on, verified: true };
}

/**
 * Art. 7(13): the issuers whose local rules apply to a unit's people: the bureaus above the unit
 * (their region codes) and its industry authority with the authorities above it (their ids).
 * Read from the explicit supervision columns, never from region prefixes (省直管县).
 */
export async function issuerCodesOfUnit(db: Db, unitId: string): Promise<string[]> {
  const unit = await db.selectFrom('orgs').select(['bureau_id', 'issuing_bureau_id', 'authority_id']).where('id', '=', unitId).executeTakeFirst();
  if (!unit) return [];
  const codes = new Set<string>();
  let frontier = [unit.bureau_id, unit.issuing_bureau_id, unit.authority_id].filter((id): id is string => id !== null);
  const seen = new Set<string>();
  // Bureaus and authorities form trees of at most three levels.
  for (let depth = 0; depth < 4 && frontier.length > 0; depth += 1) {
    frontier.forEach((id) => seen.add(id));
    const orgs = await db.selectFrom('orgs').select(['id', 'kind', 'region_code', 'parent_id']).where('id', 'in', frontier).execute();
    for (const org of orgs) codes.add(org.kind === 'bureau' && org.region_code ? org.region_code : org.id);
    frontier = orgs.map((org) => org.parent_id).filter((id): id is string => id !== null && !seen.has(id));
  }
  return [...codes].sort();
}
