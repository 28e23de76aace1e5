import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Scope } from '../../platform/actor.ts';
import { orgOfManagedAccounts } from '../../platform/scope-orgs.ts';

// Accounts as their managers see them: every read takes the manager's Scope and filters in SQL
// (platform/scope-orgs.ts). The operator sees every account; others only staff accounts of orgs
// they manage (an account without an org, i.e. an operator or a person, is never in their scope).

function managedAccounts(db: Kysely<Database>, scope: Scope) {
  return db
    .selectFrom('accounts as a')
    .leftJoin('orgs as o', 'o.id', 'a.org_id')
    .select([
      'a.id', 'a.username_display', 'a.role', 'a.name', 'a.org_id', 'o.name as org_name', 'o.kind as org_kind', 'a.disabled',
      'a.totp_enabled', 'a.must_change_password', 'a.last_login_at', 'a.version',
    ])
    .where(orgOfManagedAccounts(db, scope, 'o'));
}

export function listManagedAccounts(db: Kysely<Database>, options: {
  scope: Scope; after?: string | undefined; limit: number; orgId?: string | undefined; query?: string | undefined;
}) {
  let q = managedAccounts(db, options.scope);
  if (options.after) q = q.where('a.id', '>', options.after);
  if (options.orgId) q = q.where('a.org_id', '=', options.orgId);
  const text = options.query?.normalize('NFKC').trim().replace(/[%_\\]/g, '');
  if (text) q = q.where((w) => w.or([w('a.username_display', 'like', `%${text.toLowerCase()}%`), w('a.name', 'like', `%${text}%`)]));
  return q.orderBy('a.id').limit(options.limit + 1).execute();
}

export function findManagedAccount(db: Kysely<Database>, options: { scope: Scope; id: string }) {
  return managedAccounts(db, options.scope).where('a.id', '=', options.id).executeTakeFirst();
}

export type ManagedAccount = Awaited<ReturnType<typeof findManagedAccount>> & object;

/** An org whose accounts the scope manages, or undefined (outside the scope: not found). */
export function findManagedOrg(db: Kysely<Database>, options: { scope: Scope; id: string }) {
  return db
    .selectFrom('orgs as o')
    .select(['o.id', 'o.kind', 'o.name'])
    .where('o.id', '=', options.id)
    .where(orgOfManagedAccounts(db, options.scope, 'o'))
    .executeTakeFirst();
}

export const accountOf = (row: ManagedAccount) => ({
  id: row.id,
  username: row.username_display,
  role: row.role,
  name: row.name,
  orgId: row.org_id,
  orgName: row.org_name,
  disabled: row.disabled === 1,
  totpEnabled: row.totp_enabled === 1,
  mustChangePassword: row.must_change_password === 1,
  lastLoginAt: row.last_login_at,
});
