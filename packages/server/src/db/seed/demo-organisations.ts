import { checkCharOfUscc, maskPhone } from '@jixu/domain';
import type { Transaction } from 'kysely';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { newId } from '../../platform/ids.ts';
import type { PiiCipher } from '../../platform/pii.ts';
import type { Database, Role } from '../schema.ts';
import { bureauIdOf, provincialAuthorityIdOf } from './reference.ts';

// Demo data of the organisations capability: registration details of the demo units and provider
// (fictional USCCs whose GB 32100 check character is computed), and something in every bureau's
// review queue: pending unit registrations in Jinshui and in Gongyi (a province-administered county),
// and a pending provider in Zhengzhou, each with its admin account (password Demo@2024).

/** 17 characters + the GB 32100 check character. */
const usccOf = (first17: string) => first17 + checkCharOfUscc(first17);

type Details = { uscc: string; address: string; contactName: string; contactPhone: string };

const detailsOfDemoOrgs: Record<string, Details> = {
  'unit-zzu': { uscc: usccOf('12410105MB0A12345'), address: '郑州市金水区经三路 26 号', contactName: '李建国', contactPhone: '13703710001' },
  'unit-lyu': { uscc: usccOf('12410302MB1C23456'), address: '洛阳市西工区凯旋东路 9 号', contactName: '赵红梅', contactPhone: '13703790002' },
  'unit-gongyi': { uscc: usccOf('12410181MB2D34567'), address: '巩义市杜甫路 60 号', contactName: '孙志强', contactPhone: '13703710003' },
  'provider-hn': { uscc: usccOf('12410000MB3E45678'), address: '郑州市郑东新区商务外环路 12 号', contactName: '周明', contactPhone: '13703710004' },
};

type PendingOrg = Details & {
  id: string; kind: 'unit' | 'provider'; name: string; regionCode: string; authorityId: string | null; issuingRegion: string | null;
  industry: string | null; admin: { username: string; name: string };
};

const pendingOrgs: PendingOrg[] = [
  {
    id: 'unit-jsfy', kind: 'unit', name: '郑州市金水区妇幼保健院', regionCode: '410105', authorityId: 'authority-zz-health', issuingRegion: '4101',
    industry: 'health', uscc: usccOf('12410105MB4F56789'), address: '郑州市金水区文化路 80 号', contactName: '吴晓燕', contactPhone: '13703710005',
    admin: { username: 'unit-jsfy', name: '金水区妇幼保健院管理员' },
  },
  // Gongyi (410181) is province-administered: its bureau reviews this one, Zhengzhou's never sees it.
  {
    id: 'unit-gyyz', kind: 'unit', name: '巩义市第一高级中学', regionCode: '410181', authorityId: 'authority-edu', issuingRegion: '410181',
    industry: 'education', uscc: usccOf('12410181MB5G67890'), address: '巩义市新兴路 15 号', contactName: '钱伟', contactPhone: '13703710006',
    admin: { username: 'unit-gyyz', name: '巩义一高管理员' },
  },
  {
    id: 'provider-zz', kind: 'provider', name: '郑州市专业技术人员继续教育培训中心', regionCode: '4101', authorityId: null, issuingRegion: null,
    industry: null, uscc: usccOf('52410100MJ6H7890X'), address: '郑州市中原区建设西路 101 号', contactName: '郑丽', contactPhone: '13703710007',
    admin: { username: 'provider-zz', name: '郑州继续教育培训中心管理员' },
  },
];

export const demoPendingOrgs = pendingOrgs.map(({ id, kind, name, regionCode, admin }) => ({ id, kind, name, regionCode, adminUsername: admin.username }));

/**
 * Demo data of the organisations capability, run inside the demo seed's transaction. Phones and
 * login keys need the personal-data cipher: without it (`options.pii`) the contacts' phones and the
 * pending orgs' admin accounts are left out.
 */
export async function seedDemoOrganisations(trx: Transaction<Database>, ctx: AuditContext, options: { pii?: PiiCipher } = {}): Promise<void> {
  const at = ctx.now.toISOString();
  const phoneOf = (phone: string) => (options.pii
    ? { contact_phone_enc: options.pii.encrypt(phone), contact_phone_masked: maskPhone(phone) }
    : { contact_phone_enc: null, contact_phone_masked: null });

  for (const [id, d] of Object.entries(detailsOfDemoOrgs)) {
    await trx.updateTable('orgs')
      .set({ uscc: d.uscc, address: d.address, contact_name: d.contactName, ...phoneOf(d.contactPhone), decided_at: at })
      .where('id', '=', id)
      .execute();
  }

  // The demo's own provincial health and education authorities (authority-weijian, authority-edu,
  // which the demo units and accounts name) stand for the reference ones of the same industries.
  await trx.updateTable('orgs').set({ status: 'disabled', updated_at: at })
    .where('id', 'in', [provincialAuthorityIdOf('health'), provincialAuthorityIdOf('education')])
    .execute();

  for (const o of pendingOrgs) {
    const row = {
      id: o.id, kind: o.kind, name: o.name, region_code: o.regionCode, level: null, parent_id: null, bureau_id: bureauIdOf(o.regionCode),
      authority_id: o.authorityId, issuing_bureau_id: o.issuingRegion ? bureauIdOf(o.issuingRegion) : null, issuing_code: null,
      industry: o.industry, uscc: o.uscc, status: 'pending' as const, address: o.address, contact_name: o.contactName,
      ...phoneOf(o.contactPhone), decision_reason: null, decided_at: null, version: 1, created_at: at, updated_at: at,
    };
    await trx.insertInto('orgs').values(row).execute();
    await recordSeeded(trx, ctx, 'org', o.id, { kind: o.kind, status: 'pending' });
  }

  // Every demo password is Demo@2024: the admins of the pending orgs reuse a demo hash, so no slow
  // hashing runs inside the seed's transaction. Their login key needs the cipher's index key.
  const pii = options.pii;
  if (!pii) return;
  const { password_hash: hash } = await trx.selectFrom('accounts').select('password_hash').where('username_display', '=', 'unit-zzu').executeTakeFirstOrThrow();
  for (const o of pendingOrgs) {
    const id = newId(ctx.now.getTime());
    const role: Role = o.kind;
    await trx.insertInto('accounts').values({
      id, username_key: pii.index(`user:${o.admin.username}`), username_display: o.admin.username, password_hash: hash,
      role, name: o.admin.name, org_id: o.id, person_id: null, disabled: 0, must_change_password: 0, last_login_at: null,
      version: 1, created_at: at, updated_at: at,
    }).execute();
    await recordSeeded(trx, ctx, 'account', id, { role, orgId: o.id });
  }
}

const recordSeeded = (trx: Transaction<Database>, ctx: AuditContext, objectType: string, objectId: string, after: unknown) =>
  recordEvent(trx, ctx, { action: `${objectType}.seeded`, objectType, objectId, after });
