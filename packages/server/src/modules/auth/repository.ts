import type { CompiledQuery } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { OrgLevel, Role } from '../../db/schema.ts';

export type SessionRow = {
  id_hash: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  account_id: string;
  username_display: string;
  role: Role;
  name: string;
  disabled: number;
  must_change_password: number;
  totp_enabled: number;
  person_id: string | null;
  org_id: string | null;
  org_name: string | null;
  org_level: OrgLevel | null;
  org_region: string | null;
  person_unit_id: string | null;
  person_unit_name: string | null;
};

function sessionQuery(db: Db, idHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .leftJoin('orgs as o', 'o.id', 'a.org_id')
    .leftJoin('persons as p', 'p.id', 'a.person_id')
    .leftJoin('orgs as pu', 'pu.id', 'p.unit_id')
    .select([
      's.id_hash', 's.csrf_token', 's.created_at', 's.last_seen_at', 'a.id as account_id', 'a.username_display',
      'a.role', 'a.name', 'a.disabled', 'a.must_change_password', 'a.totp_enabled', 'a.person_id', 'a.org_id',
      'o.name as org_name', 'o.level as org_level', 'o.region_code as org_region',
      'pu.id as person_unit_id', 'pu.name as person_unit_name',
    ])
    .where('s.id_hash', '=', idHash);
}

// Every authenticated request reads its session: the query is compiled once per database and then
// executed with the new parameter (building a Kysely query costs more than running this one).
const compiledSessionQueries = new WeakMap<Db, CompiledQuery<SessionRow>>();

export async function findSession(db: Db, idHash: string): Promise<SessionRow | undefined> {
  let compiled = compiledSessionQueries.get(db);
  if (!compiled) {
    compiled = sessionQuery(db, '?').compile() as CompiledQuery<SessionRow>;
    compiledSessionQueries.set(db, compiled);
  }
  const result = await db.executeQuery<SessionRow>({ ...compiled, parameters: [idHash] });
  return result.rows[0];
}

export async function touchSession(db: Db, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOfAccount(db: Db, accountId: string): Promise<void> {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
}

export async function createSession(db: Db, row: { idHash: string; accountId: string; csrfToken: string; at: string }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id_hash: row.idHash, account_id: row.accountId, csrf_token: row.csrfToken, created_at: row.at, last_seen_at: row.at })
    .execute();
}

export function findAccountByUsernameKey(db: Db, usernameKey: string) {
  return db.selectFrom('accounts').selectAll().where('username_key', '=', usernameKey).executeTakeFirst();
}

export function findThrottle(db: Db, key: string) {
  return db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
}

/** Counts one failed login atomically (concurrent attempts cannot lose a count); returns the count. */
export async function countFailure(db: Db, key: string, at: string): Promise<number> {
  const row = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, locked_until: null, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ failures: eb('login_throttle.failures', '+', 1), updated_at: at })))
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures;
}

export async function lockLogin(db: Db, key: string, until: string, at: string): Promise<void> {
  await db.updateTable('login_throttle').set({ failures: 0, locked_until: until, updated_at: at }).where('key', '=', key).execute();
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
