import type { Db } from '../../db/database.ts';
import type { Scope } from '../../platform/actor.ts';
import { whereScopeCoversPerson } from '../../platform/scope-sql.ts';

const personColumns = [
  'p.id', 'p.name', 'p.id_number_masked', 'p.sex', 'p.birth_date', 'p.unit_id', 'u.name as unit_name',
  'p.status', 'p.certificate_number',
] as const;

function scopedPersons(db: Db, scope: Scope) {
  const base = db.selectFrom('persons as p').innerJoin('orgs as u', 'u.id', 'p.unit_id').select(personColumns);
  return whereScopeCoversPerson(base, scope);
}

/** People in scope, keyset-paginated by id (UUIDv7, so in registration order). */
export function listPersons(db: Db, options: { scope: Scope; after?: string | undefined; limit: number; query?: string | undefined }) {
  let q = scopedPersons(db, options.scope);
  if (options.after) q = q.where('p.id', '>', options.after);
  const text = options.query?.normalize('NFKC').trim().replace(/[%_\\]/g, '');
  // Digits search the certificate number (a prefix); anything else searches names.
  if (text && /^\d+$/.test(text)) q = q.where('p.certificate_number', 'like', `${text}%`);
  else if (text) q = q.where('p.name', 'like', `%${text}%`);
  return q.orderBy('p.id').limit(options.limit + 1).execute();
}

const detailColumns = [
  ...personColumns, 'p.phone_masked', 'p.email', 'p.education', 'p.major', 'p.title_series', 'p.title_level', 'p.department',
  'p.created_at',
] as const;

export function findPerson(db: Db, options: { scope: Scope; id: string }) {
  const base = db.selectFrom('persons as p').innerJoin('orgs as u', 'u.id', 'p.unit_id').select(detailColumns).where('p.id', '=', options.id);
  return whereScopeCoversPerson(base, options.scope).executeTakeFirst();
}

/** The encrypted identifiers of one person in scope: only the audited reveal decrypts them. */
export function findSealedIdentifiers(db: Db, options: { scope: Scope; id: string }) {
  const base = db.selectFrom('persons as p').select(['p.id', 'p.id_number_enc', 'p.phone_enc']).where('p.id', '=', options.id);
  return whereScopeCoversPerson(base, options.scope).executeTakeFirst();
}
