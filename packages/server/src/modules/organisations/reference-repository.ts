import type { Kysely } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { PROVINCE_ADMINISTERED_GROUPING } from '../../db/seed/reference.ts';

// Reference data as the public pickers and the registration rules read it: regions (current,
// non-statistical GB/T 2260 divisions), industries, authorities, the bureau supervising a region.

export type RegionLevel = 'province' | 'city' | 'county';

/** Today in the business calendar (Asia/Shanghai, UTC+8 all year), `YYYY-MM-DD`. */
export const businessDateOf = (now: Date): string => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * A region a unit or provider may name: not abolished by `today` (valid_to is the last valid day),
 * not an NBS statistical code, not the 4190 grouping. valid_from is not a bound: for current
 * divisions it is the year of the data set (data/README.md), not the division's creation.
 */
export function findOfferedRegion(db: Kysely<Database>, code: string, today: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'parent_code'])
    .where('code', '=', code)
    .where('statistical', '=', 0)
    .where((w) => w.or([w('valid_to', 'is', null), w('valid_to', '>=', today)]))
    .where('code', '!=', PROVINCE_ADMINISTERED_GROUPING)
    .executeTakeFirst();
}

/**
 * The current, non-statistical divisions under `parent`. The members of 4190 (省直辖县级行政区划,
 * a statistical grouping: 济源 419001) are listed under the province, as city-level divisions.
 */
export async function listRegions(db: Db, parent: string, today: string) {
  const parents = parent === '41' ? ['41', PROVINCE_ADMINISTERED_GROUPING] : [parent];
  const rows = await db
    .selectFrom('regions as r')
    .select((eb) => [
      'r.code', 'r.name', 'r.level', 'r.parent_code',
      eb.exists(eb.selectFrom('regions as c').select('c.code')
        .whereRef('c.parent_code', '=', 'r.code').where('c.statistical', '=', 0)
        .where((w) => w.or([w('c.valid_to', 'is', null), w('c.valid_to', '>=', today)]))).as('has_children'),
    ])
    .where('r.parent_code', 'in', parents)
    .where('r.statistical', '=', 0)
    .where((w) => w.or([w('r.valid_to', 'is', null), w('r.valid_to', '>=', today)]))
    .where('r.code', '!=', PROVINCE_ADMINISTERED_GROUPING)
    .orderBy('r.code')
    .execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    level: (r.parent_code === PROVINCE_ADMINISTERED_GROUPING ? 'city' : r.level) as RegionLevel,
    // SQLite answers 0/1, PostgreSQL true/false.
    hasChildren: Boolean(Number(r.has_children)),
  }));
}

export function listIndustries(db: Db) {
  return db.selectFrom('industries').select(['code', 'name']).orderBy('position').execute();
}

type BureauLink = { id: string; name: string; region_code: string | null; level: string | null; parent_id: string | null; issuing_code: string | null };

/**
 * The bureau of a region and those above it, following the explicit parent_id (the supervision
 * chain): 金水区 → 郑州市 → 省; 巩义市 (省直管县) → 省; 济源 → 省. Empty for a region without a bureau.
 */
export async function bureauChainOf(db: Kysely<Database>, regionCode: string): Promise<BureauLink[]> {
  const columns = ['id', 'name', 'region_code', 'level', 'parent_id', 'issuing_code'] as const;
  const first = await db.selectFrom('orgs').select(columns)
    .where('kind', '=', 'bureau').where('region_code', '=', regionCode).where('status', '=', 'active')
    .executeTakeFirst();
  const chain: BureauLink[] = [];
  for (let link = first; link && chain.length < 4; ) {
    chain.push(link);
    if (!link.parent_id) break;
    link = await db.selectFrom('orgs').select(columns).where('id', '=', link.parent_id).executeTakeFirst();
  }
  return chain;
}

/**
 * Active authorities, of an industry if given; for a region, those a unit there may name: the
 * authorities whose region lies on the region's supervision chain (its own, its city's unless it
 * is province-administered, the province's).
 */
export async function listAuthorities(db: Db, options: { industry?: string | undefined; regionCodes?: string[] | undefined }) {
  let q = db
    .selectFrom('orgs')
    .select(['id', 'name', 'industry', 'level', 'region_code'])
    .where('kind', '=', 'authority')
    .where('status', '=', 'active');
  if (options.industry) q = q.where('industry', '=', options.industry);
  if (options.regionCodes) q = q.where('region_code', 'in', options.regionCodes.length > 0 ? options.regionCodes : ['-']);
  const rows = await q.orderBy('region_code').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, industry: r.industry ?? 'other', level: r.level ?? 'province', regionCode: r.region_code ?? '41' }));
}

/** Approved units in a region or below it in the division tree (the registration picker). */
export async function searchUnits(db: Db, options: { regionCode?: string | undefined; query?: string | undefined; limit: number }) {
  let q = db
    .selectFrom('orgs as o')
    .innerJoin('regions as r', 'r.code', 'o.region_code')
    .select(['o.id', 'o.name', 'o.region_code', 'r.name as region_name'])
    .where('o.kind', '=', 'unit')
    .where('o.status', '=', 'active');
  const code = options.regionCode;
  if (code && code !== '41') {
    // Three levels of the division tree: the region, its children, their children.
    q = q.where((w) => w.or([
      w('o.region_code', '=', code),
      w('r.parent_code', '=', code),
      w('r.parent_code', 'in', w.selectFrom('regions as p').select('p.code').where('p.parent_code', '=', code)),
    ]));
  }
  const text = options.query?.normalize('NFKC').trim().replace(/[%_\\]/g, '');
  if (text) q = q.where('o.name', 'like', `%${text}%`);
  const rows = await q.orderBy('o.name').orderBy('o.id').limit(options.limit).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, regionCode: r.region_code ?? '', regionName: r.region_name }));
}
