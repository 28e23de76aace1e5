import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../database.ts';
import type { OrgLevel } from '../schema.ts';

// Reference data (regions, the bureau tree) is loaded at every start and only adds what is missing:
// it is the same on every installation, demo or not. Source notes: data/README.md.
const dataDir = path.resolve(import.meta.dirname, '../../../../../data');

type Row = Record<string, string>;

function readTsv(file: string): Row[] {
  const [header, ...lines] = fs.readFileSync(path.join(dataDir, file), 'utf8').trim().split('\n');
  const columns = (header ?? '').split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

const bureauNameOf = (regionName: string, level: OrgLevel) =>
  level === 'province' ? '河南省人力资源和社会保障厅' : `${regionName}人力资源和社会保障局`;

/** 省直辖县级行政区划: an NBS grouping of the county-level cities under the province (济源 419001), not a division with a bureau. */
export const PROVINCE_ADMINISTERED_GROUPING = '4190';

/** The id of the bureau of a region: stable, so references survive a reload. */
export const bureauIdOf = (regionCode: string) => `bureau-${regionCode}`;

export async function loadReferenceData(db: Db, now: Date): Promise<void> {
  await loadDivisionsAndBureaus(db, now);
  await loadIndustriesAndAuthorities(db, now);
}

async function loadDivisionsAndBureaus(db: Db, now: Date): Promise<void> {
  const at = now.toISOString();
  const existing = await db.selectFrom('regions').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return;

  const current = readTsv('henan-divisions.tsv');
  const historical = readTsv('historical-divisions.tsv');
  await db.transaction().execute(async (trx) => {
    const regions = [
      ...current.map((r) => ({
        code: r.code!, name: r.name!, level: r.level as OrgLevel, parent_code: r.parent || null,
        statistical: (r.note ?? '').startsWith('statistical') ? 1 : 0, valid_from: '2023-01-01', valid_to: null,
      })),
      ...historical.map((r) => ({
        code: r.code!, name: r.name!, level: r.level as OrgLevel, parent_code: r.parent || null,
        statistical: 0, valid_from: '1983-01-01', valid_to: r.valid_to || null,
      })),
    ];
    for (let i = 0; i < regions.length; i += 100) await trx.insertInto('regions').values(regions.slice(i, i + 100)).onConflict((oc) => oc.column('code').doNothing()).execute();

    // One bureau per current, non-statistical division. Supervision (parent_id) comes from
    // issuing-codes.tsv where listed (province-administered counties → the province), else from the
    // division tree. 4190 is a statistical grouping, not a bureau: 济源 (419001) is city-level.
    const issuing = new Map(readTsv('issuing-codes.tsv').map((r) => [r.region!, r]));
    const bureaus = current
      .filter((r) => !(r.note ?? '').startsWith('statistical') && r.code !== PROVINCE_ADMINISTERED_GROUPING)
      .map((r) => {
        const listed = issuing.get(r.code!);
        const level: OrgLevel = r.code === '419001' ? 'city' : (r.level as OrgLevel);
        const supervisor = listed ? listed.supervisor : r.parent;
        return {
          id: bureauIdOf(r.code!),
          kind: 'bureau' as const,
          name: bureauNameOf(r.name!, level),
          region_code: r.code!,
          level,
          parent_id: supervisor ? bureauIdOf(supervisor) : null,
          bureau_id: null, authority_id: null, issuing_bureau_id: null,
          issuing_code: listed?.issuing_code ?? null,
          industry: null, uscc: null, status: 'active' as const, version: 1, created_at: at, updated_at: at,
        };
      });
    // Parents first (province, cities, counties) so the foreign keys hold at every insert.
    const order: Record<OrgLevel, number> = { province: 0, city: 1, county: 2 };
    bureaus.sort((a, b) => order[a.level] - order[b.level]);
    for (let i = 0; i < bureaus.length; i += 100) await trx.insertInto('orgs').values(bureaus.slice(i, i + 100)).onConflict((oc) => oc.column('id').doNothing()).execute();
  });
}

/**
 * Industries of the authorities (行业主管部门), with the provincial authority of each (Art. 4 and
 * 11(3): professional subjects are set and verified by the industry authority). City and county
 * authorities are added under them by the operator. `other` has no authority of its own.
 */
export const industries: { code: string; name: string; provincialAuthority: string | null }[] = [
  { code: 'health', name: '卫生健康', provincialAuthority: '河南省卫生健康委员会' },
  { code: 'education', name: '教育', provincialAuthority: '河南省教育厅' },
  { code: 'industry', name: '工业和信息化', provincialAuthority: '河南省工业和信息化厅' },
  { code: 'agriculture', name: '农业农村', provincialAuthority: '河南省农业农村厅' },
  { code: 'transport', name: '交通运输', provincialAuthority: '河南省交通运输厅' },
  { code: 'construction', name: '住房和城乡建设', provincialAuthority: '河南省住房和城乡建设厅' },
  { code: 'natural_resources', name: '自然资源', provincialAuthority: '河南省自然资源厅' },
  { code: 'water', name: '水利', provincialAuthority: '河南省水利厅' },
  { code: 'ecology', name: '生态环境', provincialAuthority: '河南省生态环境厅' },
  { code: 'culture', name: '文化和旅游', provincialAuthority: '河南省文化和旅游厅' },
  { code: 'science', name: '科学技术', provincialAuthority: '河南省科学技术厅' },
  { code: 'forestry', name: '林业', provincialAuthority: '河南省林业局' },
  { code: 'other', name: '其他', provincialAuthority: null },
];

/** The id of the provincial authority of an industry: stable, so references survive a reload. */
export const provincialAuthorityIdOf = (industry: string) => `authority-41-${industry}`;

/** Adds the industries and provincial authorities that are missing (at every start, like a migration of data). */
async function loadIndustriesAndAuthorities(db: Db, now: Date): Promise<void> {
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('industries')
      .values(industries.map((i, position) => ({ code: i.code, name: i.name, position })))
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    const authorities = industries.flatMap((i) => (i.provincialAuthority ? [{
      id: provincialAuthorityIdOf(i.code), kind: 'authority' as const, name: i.provincialAuthority, region_code: '41',
      level: 'province' as const, parent_id: null, bureau_id: null, authority_id: null, issuing_bureau_id: null,
      issuing_code: null, industry: i.code, uscc: null, status: 'active' as const, version: 1, created_at: at, updated_at: at,
    }] : []));
    await trx.insertInto('orgs').values(authorities).onConflict((oc) => oc.column('id').doNothing()).execute();
  });
}
