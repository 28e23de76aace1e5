import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { RegistrationAction } from '../../db/schema-people.ts';
import type { Scope } from '../../platform/actor.ts';
import { whereScopeCoversPerson } from '../../platform/scope-sql.ts';
import { overdueCutoff } from './overdue.ts';

type Executor = Transaction<Database> | Db;

const registrationColumns = [
  'p.id', 'p.name', 'p.id_number_masked', 'p.sex', 'p.birth_date', 'p.education', 'p.major', 'p.title_series',
  'p.title_level', 'p.unit_id', 'u.name as unit_name', 'p.department', 'p.status', 'p.submitted_at', 'p.decided_at',
  'p.decision_reason', 'p.certificate_number', 'p.version',
] as const;

const isBureauScope = (scope: Scope) => scope.kind === 'bureau' || scope.kind === 'province';

export type RegistrationFilter = {
  scope: Scope;
  now: Date;
  status?: string | undefined;
  overdue?: boolean | undefined;
  query?: string | undefined;
};

/**
 * Registrations the scope may work on: a unit its own people's; a bureau only the overdue pending
 * ones of units it supervises (SPEC "Registration": visible to the bureau once escalated).
 */
function scopedRegistrations(db: Executor, filter: RegistrationFilter) {
  let q = db.selectFrom('persons as p').innerJoin('orgs as u', 'u.id', 'p.unit_id').select(registrationColumns);
  if (filter.overdue || isBureauScope(filter.scope)) {
    q = q.where('p.status', '=', 'pending').where('p.submitted_at', '<', overdueCutoff(filter.now));
  }
  if (filter.status) q = q.where('p.status', '=', filter.status as 'pending');
  const text = filter.query?.normalize('NFKC').trim().replace(/[%_\\]/g, '');
  if (text) q = q.where('p.name', 'like', `%${text}%`);
  return whereScopeCoversPerson(q, filter.scope);
}

/** Keyset-paginated by person id (UUIDv7: registration order). */
export function listRegistrations(db: Db, filter: RegistrationFilter & { after?: string | undefined; limit: number }) {
  let q = scopedRegistrations(db, filter);
  if (filter.after) q = q.where('p.id', '>', filter.after);
  return q.orderBy('p.id').limit(filter.limit + 1).execute();
}

/** How many registrations in the scope are overdue (the flag the unit and the bureau see). */
export async function countOverdue(db: Db, scope: Scope, now: Date): Promise<number> {
  const q = whereScopeCoversPerson(
    db.selectFrom('persons as p')
      .where('p.status', '=', 'pending')
      .where('p.submitted_at', '<', overdueCutoff(now))
      .select((eb) => eb.fn.countAll<number | string>().as('n')),
    scope,
  );
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One registration within what the scope may see as people (decisions check the overdue rule themselves). */
export function findRegistration(db: Executor, options: { scope: Scope; id: string }) {
  const q = db.selectFrom('persons as p').innerJoin('orgs as u', 'u.id', 'p.unit_id').select(registrationColumns).where('p.id', '=', options.id);
  return whereScopeCoversPerson(q, options.scope).executeTakeFirst();
}

export type RegistrationRow = NonNullable<Awaited<ReturnType<typeof findRegistration>>>;

export function historyOf(db: Executor, personId: string) {
  return db
    .selectFrom('registration_history as h')
    .innerJoin('orgs as u', 'u.id', 'h.unit_id')
    .select(['h.at', 'h.action', 'u.name as unit_name', 'h.reason'])
    .where('h.person_id', '=', personId)
    .orderBy('h.id')
    .execute();
}

export async function addHistory(
  trx: Executor,
  step: { personId: string; at: string; action: RegistrationAction; unitId: string; reason?: string | null; actorAccountId: string | null },
): Promise<void> {
  await trx.insertInto('registration_history').values({
    person_id: step.personId, at: step.at, action: step.action, unit_id: step.unitId, reason: step.reason ?? null,
    actor_account_id: step.actorAccountId,
  }).execute();
}

/** A unit people may register with or transfer to: an existing unit whose own registration is approved. */
export function findActiveUnit(db: Executor, unitId: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('id', '=', unitId)
    .where('kind', '=', 'unit')
    .where('status', '=', 'active')
    .executeTakeFirst();
}
