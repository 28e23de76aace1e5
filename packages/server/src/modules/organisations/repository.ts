import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Scope } from '../../platform/actor.ts';
import { orgInScope } from '../../platform/scope-orgs.ts';

// Reads of organisations. Every function takes the actor's Scope and filters in SQL
// (platform/scope-orgs.ts): an org outside the scope is simply not found.

export type ReviewKind = 'unit' | 'provider';

function orgRows(db: Kysely<Database>, scope: Scope) {
  return db
    .selectFrom('orgs as o')
    .leftJoin('regions as r', 'r.code', 'o.region_code')
    .leftJoin('orgs as par', 'par.id', 'o.parent_id')
    .leftJoin('orgs as b', 'b.id', 'o.bureau_id')
    .leftJoin('orgs as a', 'a.id', 'o.authority_id')
    .leftJoin('orgs as ib', 'ib.id', 'o.issuing_bureau_id')
    .select((eb) => [
      'o.id', 'o.kind', 'o.name', 'o.level', 'o.region_code', 'r.name as region_name', 'o.uscc', 'o.status', 'o.industry',
      'o.issuing_code', 'o.address', 'o.contact_name', 'o.contact_phone_masked', 'o.decision_reason', 'o.decided_at',
      'o.created_at', 'o.version', 'par.name as parent_name', 'b.name as bureau_name', 'a.name as authority_name',
      'ib.name as issuing_bureau_name', 'ib.issuing_code as issuer_code',
      // Art. 13 people of the unit: those whose registration it approved.
      eb.selectFrom('persons as p').select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('p.unit_id', '=', 'o.id').where('p.status', '=', 'approved').as('person_count'),
    ])
    .where(orgInScope(db, scope, 'o'));
}

export type OrgRow = Awaited<ReturnType<typeof findOrg>> & object;

export function findOrg(db: Kysely<Database>, options: { scope: Scope; id: string; kind?: ReviewKind }) {
  let q = orgRows(db, options.scope).where('o.id', '=', options.id);
  if (options.kind) q = q.where('o.kind', '=', options.kind);
  return q.executeTakeFirst();
}

/** Units or providers in scope, keyset-paginated by id, optionally by status and by name or code. */
export function listOrgs(db: Kysely<Database>, options: {
  scope: Scope; kind: ReviewKind; status?: string | undefined; query?: string | undefined; after?: string | undefined; limit: number;
}) {
  let q = orgRows(db, options.scope).where('o.kind', '=', options.kind);
  if (options.status) q = q.where('o.status', '=', options.status as OrgRow['status']);
  if (options.after) q = q.where('o.id', '>', options.after);
  const text = options.query?.normalize('NFKC').trim().replace(/[%_\\]/g, '');
  if (text) q = q.where((w) => w.or([w('o.name', 'like', `%${text}%`), w('o.uscc', 'like', `${text.toUpperCase()}%`)]));
  return q.orderBy('o.id').limit(options.limit + 1).execute();
}

/** The unit object of the API (list items and the answers of approve / reject). */
export const unitOf = (row: OrgRow) => ({
  id: row.id,
  name: row.name,
  uscc: row.uscc,
  regionCode: row.region_code,
  regionName: row.region_name,
  authorityName: row.authority_name,
  issuingBureauName: row.issuing_bureau_name,
  bureauName: row.bureau_name,
  status: row.status as string,
  createdAt: row.created_at,
  personCount: Number(row.person_count ?? 0),
  address: row.address,
  contactName: row.contact_name,
  contactPhoneMasked: row.contact_phone_masked,
  reason: row.decision_reason,
  decidedAt: row.decided_at,
});

export const providerOf = (row: OrgRow) => ({
  id: row.id,
  name: row.name,
  uscc: row.uscc,
  regionCode: row.region_code,
  regionName: row.region_name,
  bureauName: row.bureau_name,
  status: row.status as string,
  createdAt: row.created_at,
  contactName: row.contact_name,
  contactPhoneMasked: row.contact_phone_masked,
  reason: row.decision_reason,
  decidedAt: row.decided_at,
});

/** GET /orgs/:id. The issuing code is the org's own (a bureau) or its issuing bureau's (a unit). */
export const detailOf = (row: OrgRow) => ({
  id: row.id,
  name: row.name,
  kind: row.kind as string,
  level: row.level,
  regionCode: row.region_code,
  regionName: row.region_name,
  uscc: row.uscc,
  status: row.status as string,
  parentName: row.parent_name,
  bureauName: row.bureau_name,
  authorityName: row.authority_name,
  issuingBureauName: row.issuing_bureau_name,
  issuingCode: row.kind === 'bureau' ? row.issuing_code : (row.issuer_code ?? null),
  industry: row.industry,
  address: row.address,
  contactName: row.contact_name,
  contactPhoneMasked: row.contact_phone_masked,
  reason: row.decision_reason,
  decidedAt: row.decided_at,
  createdAt: row.created_at,
});
