import { checkCharOfResidentId, maskPhone, maskResidentId } from '@jixu/domain';
import type { Transaction } from 'kysely';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { newId } from '../../platform/ids.ts';
import type { PiiCipher } from '../../platform/pii.ts';
import { createNotification } from '../../modules/notifications/repository.ts';
import { flagOverdueRegistrations } from '../../modules/registrations/overdue.ts';
import { addHistory } from '../../modules/registrations/repository.ts';
import { allocateCertificateNumber, issuingOfUnit } from '../../modules/registrations/serials.ts';
import type { Database } from '../schema.ts';
import type { Education, TitleLevel } from '../schema-people.ts';

// The demo province's people (API.md "Demo province"): fictional names, resident ID numbers that pass
// GB 11643 (the check character is computed), spread over both demo units and the Gongyi unit, in
// every registration state. Listed in the README with their certificate numbers.
export type DemoPerson = {
  name: string;
  /** First 17 characters of the ID number; the check character is added at seeding. */
  id17: string;
  phone: string;
  unit: 'unit-zzu' | 'unit-lyu' | 'unit-gongyi';
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  email: string | null;
  education: Education;
  major: string;
  titleSeries: string;
  titleLevel: TitleLevel;
  department: string;
  /** Days before seeding the registration was submitted; three pending ones wait more than 7 days (overdue). */
  submittedDaysAgo: number;
  /** Days before seeding it was approved, rejected or withdrawn (null while pending). */
  decidedDaysAgo: number | null;
};

const names = [
  '张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆', '赵磊', '黄丽', '周杰', '吴敏', '徐强', '孙悦',
  '马超', '朱琳', '胡斌', '郭婷', '何军', '高雪', '林涛', '罗欣', '梁晨', '宋佳', '郑凯', '谢颖', '韩冰', '唐宁',
];

const statusCycle: DemoPerson['status'][] = ['approved', 'approved', 'approved', 'approved', 'pending', 'approved', 'rejected', 'approved', 'withdrawn', 'approved', 'pending', 'approved'];

const educations: Education[] = ['大学本科', '硕士研究生', '大学专科', '博士研究生', '大学本科', '中专及以下', '硕士研究生'];
const titleLevelCycle: TitleLevel[] = ['中级', '副高级', '助理级', '正高级', '中级', '员级', '未取得', '中级'];
const hospital = { series: '卫生系列', majors: ['临床医学', '护理学', '药学', '医学影像学', '预防医学'], departments: ['内科', '外科', '护理部', '药剂科', '放射科'] };
const school = { series: '中小学教师系列', majors: ['汉语言文学', '数学与应用数学', '英语', '物理学', '化学'], departments: ['语文教研组', '数学教研组', '英语教研组', '物理教研组', '化学教研组'] };
// Pending registrations by index: days waiting. 陈静, 何军 and 唐宁 are overdue (more than 7 days).
const pendingDays: Record<number, number> = { 4: 12, 10: 2, 16: 9, 22: 1, 25: 10 };

export const demoPeople: DemoPerson[] = names.map((name, i) => {
  const unit: DemoPerson['unit'] = i < 12 ? 'unit-zzu' : i < 24 ? 'unit-lyu' : 'unit-gongyi';
  const region = unit === 'unit-zzu' ? '410105' : unit === 'unit-lyu' ? '410302' : '410181';
  const year = 1970 + ((i * 7) % 30);
  const month = String(1 + ((i * 5) % 12)).padStart(2, '0');
  const day = String(1 + ((i * 11) % 28)).padStart(2, '0');
  // Sequence digit parity carries the sex (GB 11643: odd = male); alternate for variety.
  const sequence = String(100 + i * 2 + (i % 2)).padStart(3, '0');
  const status: DemoPerson['status'] = unit === 'unit-gongyi' ? (i === 24 ? 'approved' : 'pending') : (statusCycle[i % 12] ?? 'approved');
  const field = unit === 'unit-lyu' ? school : hospital;
  const submittedDaysAgo = status === 'pending' ? (pendingDays[i] ?? 3) : status === 'approved' ? 400 - i * 10 : 40 - i;
  return {
    name,
    id17: `${region}${year}${month}${day}${sequence}`,
    phone: `1380371${String(1000 + i).padStart(4, '0')}`,
    unit,
    status,
    email: i % 2 === 0 ? `demo${String(i + 1).padStart(2, '0')}@example.com` : null,
    education: educations[i % educations.length]!,
    major: field.majors[i % field.majors.length]!,
    titleSeries: field.series,
    titleLevel: titleLevelCycle[i % titleLevelCycle.length]!,
    department: field.departments[i % field.departments.length]!,
    submittedDaysAgo,
    decidedDaysAgo: status === 'pending' ? null : submittedDaysAgo - 2,
  };
});

const DAY_MS = 86_400_000;
const REJECTION_REASON = '所填科室与单位人事档案不符，请核对后重新提交';

/**
 * Seeds the demo people with their accounts, registration history and notices, inside the demo seed's
 * transaction. Certificate numbers come from the Art. 13 serial counters, in the listed order, so the
 * README's numbers hold and later approvals continue after them.
 */
export async function seedDemoPeople(
  trx: Transaction<Database>,
  options: { pii: PiiCipher; now: Date; ctx: AuditContext; passwordHashes: string[] },
): Promise<void> {
  const { pii, now, ctx } = options;
  const at = now.toISOString();
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const personIds = new Map<string, string>();

  for (const [i, p] of demoPeople.entries()) {
    const idNumber = p.id17 + checkCharOfResidentId(p.id17);
    const submittedAt = ago(p.submittedDaysAgo);
    const decidedAt = p.decidedDaysAgo === null ? null : ago(p.decidedDaysAgo);
    let certificateNumber: string | null = null;
    if (p.status === 'approved') {
      const issuing = await issuingOfUnit(trx, p.unit);
      if (!issuing) throw new Error(`demo unit ${p.unit} has no issuing code`);
      certificateNumber = await allocateCertificateNumber(trx, { ...issuing, at });
    }
    const personId = newId(now.getTime() + i);
    personIds.set(p.name, personId);
    await trx.insertInto('persons').values({
      id: personId, name: p.name, id_number_enc: pii.encrypt(idNumber), id_number_index: pii.index(`id:${idNumber}`),
      id_number_masked: maskResidentId(idNumber), sex: Number(p.id17[16]) % 2 === 1 ? 'male' : 'female',
      birth_date: `${p.id17.slice(6, 10)}-${p.id17.slice(10, 12)}-${p.id17.slice(12, 14)}`,
      phone_enc: pii.encrypt(p.phone), phone_masked: maskPhone(p.phone), unit_id: p.unit, status: p.status,
      certificate_number: certificateNumber, version: 1, created_at: submittedAt, updated_at: decidedAt ?? submittedAt,
      email: p.email, education: p.education, major: p.major, title_series: p.titleSeries, title_level: p.titleLevel,
      department: p.department, submitted_at: submittedAt,
      decided_at: p.status === 'approved' || p.status === 'rejected' ? decidedAt : null,
      decision_reason: p.status === 'rejected' ? REJECTION_REASON : null,
    }).execute();
    const accountId = newId(now.getTime() + i);
    await trx.insertInto('accounts').values({
      id: accountId, username_key: pii.index(`user:${idNumber}`), username_display: maskResidentId(idNumber),
      password_hash: options.passwordHashes[i]!, role: 'person', name: p.name, org_id: null, person_id: personId, disabled: 0,
      must_change_password: 0, last_login_at: null, version: 1, created_at: at, updated_at: at,
    }).execute();
    await recordEvent(trx, ctx, { action: 'person.seeded', objectType: 'person', objectId: personId, after: { unit: p.unit, status: p.status } });

    await addHistory(trx, { personId, at: submittedAt, action: 'submitted', unitId: p.unit, actorAccountId: null });
    if (p.status !== 'pending' && decidedAt) {
      await addHistory(trx, { personId, at: decidedAt, action: p.status, unitId: p.unit, reason: p.status === 'rejected' ? REJECTION_REASON : null, actorAccountId: null });
    }
    if (p.status === 'approved') {
      await createNotification(trx, {
        recipient: { kind: 'person', id: personId }, kind: 'registration.approved', title: '注册审核已通过', at: new Date(decidedAt!),
        body: `您的注册已通过审核，证书管理号码：${certificateNumber}。`,
      });
    } else if (p.status === 'rejected') {
      await createNotification(trx, {
        recipient: { kind: 'person', id: personId }, kind: 'registration.rejected', title: '注册审核未通过', at: new Date(decidedAt!),
        body: `您的注册未通过审核，原因：${REJECTION_REASON}。您可以重新选择单位提交注册。`,
      });
    }
  }

  await seedDemoTransfer(trx, { now, ctx, personId: personIds.get('孙悦')! });
  // The overdue ones are flagged to their units, as the daily job would have done.
  await flagOverdueRegistrations(trx, now);
}

/** A pending transfer: 孙悦 of the Jinshui hospital asks to join the Luoyang school as its school doctor. */
async function seedDemoTransfer(trx: Transaction<Database>, options: { now: Date; ctx: AuditContext; personId: string }) {
  const requested = new Date(options.now.getTime() - 3 * DAY_MS);
  const id = newId(requested.getTime());
  await trx.insertInto('transfers').values({
    id, person_id: options.personId, from_unit_id: 'unit-zzu', to_unit_id: 'unit-lyu', department: '校医室', status: 'pending',
    requested_at: requested.toISOString(), decided_at: null, reason: null, version: 1, updated_at: requested.toISOString(),
  }).execute();
  const person = await trx.selectFrom('persons').select(['name', 'id_number_masked']).where('id', '=', options.personId).executeTakeFirstOrThrow();
  await createNotification(trx, {
    recipient: { kind: 'org', id: 'unit-lyu' }, kind: 'transfer.requested', title: '收到调入申请', at: requested,
    body: `${person.name}（${person.id_number_masked}）申请从郑州市金水区人民医院调入本单位，请审核。`,
  });
  await recordEvent(trx, options.ctx, { action: 'transfer.seeded', objectType: 'transfer', objectId: id, after: { status: 'pending' } });
}
