import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { createNotification } from '../notifications/repository.ts';

// SPEC "Registration": a registration waiting more than 7 days escalates: it is flagged to the unit
// (a notice, once per submission) and becomes visible to the unit's supervising bureaus.
export const OVERDUE_DAYS = 7;
const DAY_MS = 86_400_000;

/** Registrations submitted before this instant and still pending are overdue. */
export const overdueCutoff = (now: Date): string => new Date(now.getTime() - OVERDUE_DAYS * DAY_MS).toISOString();

export const isOverdue = (row: { status: string; submitted_at: string | null }, now: Date): boolean =>
  row.status === 'pending' && row.submitted_at !== null && row.submitted_at < overdueCutoff(now);

/** Whole days a pending registration has waited (null once decided or withdrawn). */
export const waitingDaysOf = (row: { status: string; submitted_at: string | null }, now: Date): number | null =>
  row.status === 'pending' && row.submitted_at ? Math.max(0, Math.floor((now.getTime() - Date.parse(row.submitted_at)) / DAY_MS)) : null;

const overdueKey = (personId: string, submittedAt: string) => `registration.overdue:${personId}:${submittedAt}`;

/**
 * Creates the overdue notice of every registration (of one unit, or all) that is overdue and has none
 * yet; returns how many were created. Idempotent: the notice's dedupe key is the registration's id
 * and submission time, so running it again (daily job, a unit opening its queue) creates nothing,
 * while a resubmission that becomes overdue again gets its own notice.
 */
export async function flagOverdueRegistrations(db: Db | Transaction<Database>, now: Date, options: { unitId?: string } = {}): Promise<number> {
  let q = db
    .selectFrom('persons as p')
    .select(['p.id', 'p.name', 'p.id_number_masked', 'p.unit_id', 'p.submitted_at'])
    .where('p.status', '=', 'pending')
    .where('p.submitted_at', '<', overdueCutoff(now))
    .where((eb) => eb.not(eb.exists(eb
      .selectFrom('notifications as n')
      .select('n.id')
      .where('n.dedupe_key', '=', sql<string>`${sql.lit('registration.overdue:')} || p.id || ${sql.lit(':')} || p.submitted_at`))));
  if (options.unitId) q = q.where('p.unit_id', '=', options.unitId);
  const rows = await q.orderBy('p.id').execute();
  let created = 0;
  for (const r of rows) {
    const submitted = r.submitted_at!;
    const ok = await createNotification(db, {
      recipient: { kind: 'org', id: r.unit_id },
      kind: 'registration.overdue',
      title: '注册审核已超期',
      body: `${r.name}（${r.id_number_masked}）于 ${submitted.slice(0, 10)} 提交的注册已等待超过 ${OVERDUE_DAYS} 天，请尽快审核；超期的注册对主管人社部门可见。`,
      at: now,
      dedupeKey: overdueKey(r.id, submitted),
    });
    if (ok) created += 1;
  }
  return created;
}

/** The daily job (scheduled by the caller): flags every overdue registration of the province once. */
export function notifyOverdueRegistrations(deps: Pick<Deps, 'handle'>, now: Date, options: { unitId?: string } = {}): Promise<number> {
  return flagOverdueRegistrations(deps.handle.db, now, options);
}
