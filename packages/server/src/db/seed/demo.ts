import { checkCharOfResidentId } from '@jixu/domain';
import { recordEvent } from '../../platform/audit.ts';
import { newId } from '../../platform/ids.ts';
import { hashPassword } from '../../platform/passwords.ts';
import type { PiiCipher } from '../../platform/pii.ts';
import type { BlobStore } from '../../platform/storage/index.ts';
import type { Db } from '../database.ts';
import type { OrgTable, Role } from '../schema.ts';
import { seedDemoOrganisations } from './demo-organisations.ts';
import { seedDemoRecords } from './demo-records.ts';
import { prepareDemoEvidence } from './demo-records-evidence.ts';
import { demoPeople, seedDemoPeople } from './demo-people.ts';
import { bureauIdOf } from './reference.ts';

export const DEMO_PASSWORD = 'Demo@2024';

type NewOrg = Omit<OrgTable, 'version' | 'created_at' | 'updated_at' | 'status'>;

const org = (o: Partial<NewOrg> & Pick<NewOrg, 'id' | 'kind' | 'name'>): NewOrg => ({
  region_code: null, level: null, parent_id: null, bureau_id: null, authority_id: null, issuing_bureau_id: null,
  issuing_code: null, industry: null, uscc: null, ...o,
});

// Organisations of the demo province beyond the reference bureau tree. USCCs are fictional but carry
// a valid GB 32100 check character (computed by the organisations issue's validator when it lands).
const demoOrgs: NewOrg[] = [
  org({ id: 'authority-weijian', kind: 'authority', name: '河南省卫生健康委员会', region_code: '41', level: 'province', industry: 'health' }),
  org({ id: 'authority-zz-health', kind: 'authority', name: '郑州市卫生健康委员会', region_code: '4101', level: 'city', industry: 'health', parent_id: 'authority-weijian' }),
  org({ id: 'authority-edu', kind: 'authority', name: '河南省教育厅', region_code: '41', level: 'province', industry: 'education' }),
  org({ id: 'authority-ly-edu', kind: 'authority', name: '洛阳市教育局', region_code: '4103', level: 'city', industry: 'education', parent_id: 'authority-edu' }),
  org({
    id: 'unit-zzu', kind: 'unit', name: '郑州市金水区人民医院', region_code: '410105',
    bureau_id: bureauIdOf('410105'), authority_id: 'authority-zz-health', issuing_bureau_id: bureauIdOf('4101'),
  }),
  org({
    id: 'unit-lyu', kind: 'unit', name: '洛阳市第一高级中学', region_code: '410302',
    bureau_id: bureauIdOf('410302'), authority_id: 'authority-ly-edu', issuing_bureau_id: bureauIdOf('4103'),
  }),
  // A unit of a province-administered county (省直管县): supervised and issued by Gongyi, not Zhengzhou.
  org({
    id: 'unit-gongyi', kind: 'unit', name: '巩义市人民医院', region_code: '410181',
    bureau_id: bureauIdOf('410181'), authority_id: 'authority-weijian', issuing_bureau_id: bureauIdOf('410181'),
  }),
  org({ id: 'provider-hn', kind: 'provider', name: '河南省专业技术人员继续教育基地', region_code: '41', bureau_id: bureauIdOf('41') }),
];

const demoAccounts: { username: string; role: Role; name: string; orgId: string | null }[] = [
  { username: 'admin', role: 'admin', name: '系统管理员', orgId: null },
  { username: 'henan', role: 'bureau', name: '河南省人社厅审核员', orgId: bureauIdOf('41') },
  { username: 'zhengzhou', role: 'bureau', name: '郑州市人社局审核员', orgId: bureauIdOf('4101') },
  { username: 'jinshui', role: 'bureau', name: '金水区人社局审核员', orgId: bureauIdOf('410105') },
  { username: 'luoyang', role: 'bureau', name: '洛阳市人社局审核员', orgId: bureauIdOf('4103') },
  { username: 'gongyi', role: 'bureau', name: '巩义市人社局审核员', orgId: bureauIdOf('410181') },
  { username: 'weijian', role: 'authority', name: '省卫健委审核员', orgId: 'authority-weijian' },
  { username: 'unit-zzu', role: 'unit', name: '金水区人民医院管理员', orgId: 'unit-zzu' },
  { username: 'unit-lyu', role: 'unit', name: '洛阳一高管理员', orgId: 'unit-lyu' },
  { username: 'provider-hn', role: 'provider', name: '省继续教育基地管理员', orgId: 'provider-hn' },
];

/**
 * The demo province, seeded once on an empty database when JIXU_DEMO=1. `evidence`: the evidence
 * store, for the demo records' files (without it the records carry no evidence rows).
 */
export async function seedDemo(options: { db: Db; pii: PiiCipher; scryptN: number; now: Date; evidence?: BlobStore }): Promise<boolean> {
  const { db, pii, now } = options;
  const any = await db.selectFrom('accounts').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const at = now.toISOString();
  const hash = () => hashPassword(DEMO_PASSWORD, options.scryptN);

  // Password hashing runs before the transaction: it is slow by design and must not hold a lock.
  const staffHashes = await Promise.all(demoAccounts.map(hash));
  const personHashes = await Promise.all(demoPeople.map(hash));
  // Evidence files first, rows second (docs/evidence.md): the blobs are durable before the transaction.
  const evidence = options.evidence ? await prepareDemoEvidence(options.evidence) : undefined;

  await db.transaction().execute(async (trx) => {
    const ctx = { actor: null, requestId: null, now };
    await trx.insertInto('orgs').values(demoOrgs.map((o) => ({ ...o, status: 'active' as const, version: 1, created_at: at, updated_at: at }))).execute();
    for (const o of demoOrgs) await recordEvent(trx, ctx, { action: 'org.seeded', objectType: 'org', objectId: o.id, after: o });

    for (const [i, a] of demoAccounts.entries()) {
      const id = newId(now.getTime());
      await trx.insertInto('accounts').values({
        id, username_key: pii.index(`user:${a.username}`), username_display: a.username, password_hash: staffHashes[i]!,
        role: a.role, name: a.name, org_id: a.orgId, person_id: null, disabled: 0, must_change_password: 0,
        last_login_at: null, version: 1, created_at: at, updated_at: at,
      }).execute();
      await recordEvent(trx, ctx, { action: 'account.seeded', objectType: 'account', objectId: id, after: { role: a.role, orgId: a.orgId } });
    }

    await seedDemoPeople(trx, { pii, now, ctx, passwordHashes: personHashes });
    await seedDemoOrganisations(trx, ctx, { pii });
    await seedDemoRecords(trx, ctx, evidence ? { evidence } : {});
  });
  return true;
}

/** The demo people as the README lists them (ID number in full: these are fictional test identities). */
export function demoPeopleListing() {
  return demoPeople.map((p) => ({ ...p, idNumber: p.id17 + checkCharOfResidentId(p.id17) }));
}
