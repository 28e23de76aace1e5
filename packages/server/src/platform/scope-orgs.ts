import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Scope } from './actor.ts';

// The SQL form of "organisations in my scope". Like scope-sql.ts (people), supervision is read from
// the explicit columns (orgs.parent_id for the bureau and authority trees, orgs.bureau_id and
// orgs.authority_id for units and providers), never from region-code prefixes: a province-
// administered county (省直管县) hangs under the province, not under its geographic city.

/** `orgId` and the orgs below it in the parent_id tree (bureaus or authorities: at most three levels). */
export function subtreeOf(db: Kysely<Database>, orgId: string) {
  return db
    .selectFrom('orgs as t')
    .select('t.id')
    .where((w) => w.or([
      w('t.id', '=', orgId),
      w('t.parent_id', '=', orgId),
      w('t.parent_id', 'in', w.selectFrom('orgs as c').select('c.id').where('c.parent_id', '=', orgId)),
    ]));
}

/**
 * True for the orgs (row alias `alias`) the scope reaches:
 * - platform: every org;
 * - a bureau (province included): itself, the bureaus below it, and the units and providers those
 *   bureaus supervise (Art. 1–2: tiered management);
 * - an authority: itself, the authorities below it and the units they supervise (Art. 11(3));
 * - a unit or provider: itself; a person: none.
 */
export function orgInScope(db: Kysely<Database>, scope: Scope, alias: string): Expression<SqlBool> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  switch (scope.kind) {
    case 'platform':
      return sql<SqlBool>`1 = 1`;
    case 'province':
    case 'bureau': {
      const tree = subtreeOf(db, scope.orgId);
      return sql<SqlBool>`(${column('id')} in ${tree} or (${column('kind')} in (${'unit'}, ${'provider'}) and ${column('bureau_id')} in ${tree}))`;
    }
    case 'authority': {
      const tree = subtreeOf(db, scope.orgId);
      return sql<SqlBool>`(${column('id')} in ${tree} or (${column('kind')} = ${'unit'} and ${column('authority_id')} in ${tree}))`;
    }
    case 'unit':
    case 'provider':
      return sql<SqlBool>`${column('id')} = ${scope.orgId}`;
    case 'person':
      return sql<SqlBool>`1 = 0`;
  }
}

/**
 * The orgs whose staff accounts the scope manages (docs/organisations.md "Accounts"): a bureau those
 * of its scope; an authority, a unit or a provider only its own org's; the operator every org.
 */
export function orgOfManagedAccounts(db: Kysely<Database>, scope: Scope, alias: string): Expression<SqlBool> {
  if (scope.kind === 'authority') return sql<SqlBool>`${sql.ref(`${alias}.id`)} = ${scope.orgId}`;
  return orgInScope(db, scope, alias);
}
