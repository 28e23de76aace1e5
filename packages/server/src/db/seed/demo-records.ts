import { policy } from '@jixu/domain';
import type { Transaction } from 'kysely';
import { recordEvent, type AuditContext } from '../../platform/audit.ts';
import { newId } from '../../platform/ids.ts';
import type { Database } from '../schema.ts';
import type { LeavePeriodTable } from '../schema-policy.ts';
import type { DemoEvidenceFiles } from './demo-records-evidence.ts';
import { StoryWriter, verifiedPath, type DemoRecord } from './demo-records-story.ts';
import { workflowRecords } from './demo-records-workflow.ts';

// Demo records of the policy capability: verified records over the last three years for every
// approved demo person, so that the yearly status page and the simulation of a new policy version
// show real numbers — complete years and incomplete ones, a year that only just reaches the
// requirement with provisional values, a full-year aid record (Art. 7(11)), a project earning per year
// (Art. 7(5)), an approved maternity leave that reduces a year (Art. 8(3)) — and this year's records
// in every review state (demo-records-workflow.ts). Every record carries its transitions from its
// declaration (demo-records-story.ts) and, once submitted, its evidence files (demo-records-evidence.ts).
// Years are relative to the seeding date.

type Demo = DemoRecord;

type Leave = { kind: LeavePeriodTable['kind']; from: string; to: string; proofNote: string; state: LeavePeriodTable['state'] };

const pad = (n: number) => String(n).padStart(2, '0');
const date = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** A period of `days` days starting on the date (within one month, as the demo needs). */
const span = (year: number, month: number, day: number, days: number) => ({ from: date(year, month, day), to: date(year, month, day + days - 1) });

const h = (hours: number) => hours * 10;

// Building blocks, hours in tenths as the domain stores them.
const publicTraining = (year: number, hours: number, month = 3): Demo => ({
  activity: { kind: 'base_training', hours: h(hours), category: 'public', programmeCode: `GX-${year}-${pad(month)}`, ...span(year, month, 6, 3) },
  content: `${year}年度公需科目培训班（法律法规、职业道德、信息技术）`,
  result: '合格',
  channel: 'provider',
});

const professionalSeminar = (year: number, hours: number, month = 6): Demo => ({
  activity: { kind: 'seminar', hours: h(hours), category: 'professional', ...span(year, month, 12, 2) },
  content: `${year}年度专业科目研修班`,
  result: '合格',
  channel: 'unit',
});

const conference = (year: number, level: 'national' | 'provincial', days: number, presented: boolean): Demo => ({
  activity: { kind: 'conference', level, days, presented, ...span(year, 5, 10, days) },
  content: `${level === 'national' ? '全国' : '河南省'}学术年会${presented ? '（宣读论文）' : ''}`,
});

const paper = (year: number, tier: 'national' | 'provincial_core' | 'issn_cn', rank: number): Demo => ({
  activity: { kind: 'paper', tier, rank, datedOn: date(year, 9, 15) },
  content: '在期刊发表专业论文',
});

type Profile = (year: number, offset: number) => Demo[];

// offset: 0 = this year, 1 = last year, 2 = the year before.
const profiles: Profile[] = [
  // Complete every year, with a margin.
  (y) => [publicTraining(y, 30), professionalSeminar(y, 40), conference(y, 'national', 2, true), paper(y, 'provincial_core', 1)],
  // Reaches 90 exactly; this year's professional hours rest on provisional conference and paper values.
  (y, offset) => offset === 0
    ? [publicTraining(y, 30), conference(y, 'national', 4, false), paper(y, 'issn_cn', 1)]
    : [publicTraining(y, 24), professionalSeminar(y, 70)],
  // Incomplete this year; complete last year; the year before: aid service in Xinjiang (Art. 7(11)).
  (y, offset) => offset === 0
    ? [publicTraining(y, 12), { activity: { kind: 'degree_course', coursesPassed: 2, datedOn: date(y, 7, 1) }, content: '在职研究生课程（2门）', result: '通过' }]
    : offset === 1
      ? [publicTraining(y, 24), professionalSeminar(y, 36), { activity: { kind: 'exam', level: 'intermediate', datedOn: date(y, 11, 20) }, content: '通过中级专业技术资格考试', result: '通过' }]
      : [{ activity: { kind: 'aid_service', from: date(y, 1, 1), to: date(y, 12, 31) }, content: '援疆医疗队（全年）', result: '考核合格', channel: 'unit' }],
  // Complete only thanks to this year's maternity leave (Art. 8(3), see leaveOf below).
  (y, offset) => offset === 0
    ? [publicTraining(y, 18, 9), conference(y, 'provincial', 3, true), professionalSeminar(y, 28, 10)]
    : [publicTraining(y, 24), professionalSeminar(y, 66)],
  // A national project (main, rank 2) planned over the three years, declared last year: it earns in
  // the year before and last year (Art. 7(5)); this year only public hours so far.
  (y, offset) => offset === 0
    ? [publicTraining(y, 24)]
    : offset === 1
      ? [publicTraining(y, 24), professionalSeminar(y, 8), {
        activity: { kind: 'project', level: 'national', role: 'main', rank: 2, projectCode: `GJ-${y - 1}-017`, plannedStartYear: y - 1, plannedEndYear: y + 1, datedOn: date(y, 12, 20) },
        content: '国家级课题（主课题，第2名）年度进展', result: '通过',
      }]
      : [publicTraining(y, 24), professionalSeminar(y, 8)],
  // A book this year; an exam last year.
  (y, offset) => offset === 0
    ? [publicTraining(y, 24), { activity: { kind: 'book', characters: 80_000, rank: 2, datedOn: date(y, 4, 30) }, content: '出版专著（副主编，8万字）' }]
    : [publicTraining(y, 24), { activity: { kind: 'exam', level: 'intermediate', datedOn: date(y, 10, 15) }, content: '通过中级专业技术资格考试', result: '通过' }, professionalSeminar(y, 10)],
  // Short every year, most of all on public subjects.
  (y) => [publicTraining(y, 8), professionalSeminar(y, 30), { activity: { kind: 'grassroots_service', days: 5, ...span(y, 8, 1, 5) }, content: '基层义诊服务（5天）', channel: 'unit' }],
  // Public and professional training only: complete.
  (y) => [publicTraining(y, 24), professionalSeminar(y, 66, 4)],
];

function leaveOf(profile: number, year: number): Leave[] {
  // 98 days of maternity leave (Art. 8(3)): 66 / 17.6 / 43.9 hours required instead of 90 / 24 / 60.
  if (profile === 3) return [{ kind: 'maternity_leave', from: date(year, 1, 10), to: date(year, 4, 17), proofNote: '生育医学证明、单位产假审批表', state: 'approved' }];
  // Waiting for the unit's approval.
  if (profile === 6) return [{ kind: 'sick_leave', from: date(year, 2, 1), to: date(year, 9, 30), proofNote: '三级医院诊断证明、病休审批单', state: 'pending' }];
  return [];
}

/**
 * Demo data of the policy capability (records with their transitions and evidence, leave periods), in
 * the demo seed's transaction. `evidence`: the files stored beforehand (demo-records-evidence.ts);
 * without them the records carry no evidence rows.
 */
export async function seedDemoRecords(trx: Transaction<Database>, ctx: AuditContext, options: { evidence?: DemoEvidenceFiles } = {}): Promise<void> {
  const at = ctx.now.toISOString();
  const thisYear = policy.businessYear(ctx.now);
  const people = await trx
    .selectFrom('persons as p')
    .innerJoin('accounts as a', 'a.person_id', 'p.id')
    .select(['p.id', 'p.name', 'p.unit_id', 'a.id as account_id'])
    .where('p.status', '=', 'approved')
    .orderBy('p.id')
    .execute();
  const staff = await trx.selectFrom('accounts').select(['id', 'org_id', 'role']).where('role', '=', 'unit').execute();
  const unitAdmin = new Map(staff.map((a) => [a.org_id, a.id]));
  const writer = await StoryWriter.create(trx, ctx, options.evidence);

  let serial = 0;
  for (const [index, person] of people.entries()) {
    const profile = index % profiles.length;
    for (const offset of [2, 1, 0]) {
      for (const demo of profiles[profile]!(thisYear - offset, offset)) {
        // Verified the ordinary way, declared a few days after the activity (or its achievement date).
        const a = demo.activity;
        const ended = ('to' in a ? a.to : undefined) ?? ('datedOn' in a ? a.datedOn : undefined) ?? date(thisYear - offset, 12, 1);
        const start = new Date(Date.parse(`${ended}T01:00:00Z`) + (3 + (serial++ % 9)) * 86_400_000);
        await writer.write(person, demo, verifiedPath(demo.channel ?? 'person'), { start });
      }
    }
    for (const leave of leaveOf(profile, thisYear)) {
      const decided = leave.state !== 'pending';
      const row: LeavePeriodTable = {
        id: newId(ctx.now.getTime() + serial++), person_id: person.id, kind: leave.kind, starts_on: leave.from, ends_on: leave.to,
        proof_note: leave.proofNote, state: leave.state, declared_by: person.account_id,
        decided_by: decided ? (unitAdmin.get(person.unit_id) ?? null) : null, decided_at: decided ? at : null, reason: null,
        version: decided ? 2 : 1, created_at: at, updated_at: at,
      };
      await trx.insertInto('leave_periods').values(row).execute();
      await recordEvent(trx, ctx, { action: 'leave_period.seeded', objectType: 'leave_period', objectId: row.id, after: { personId: person.id, kind: row.kind, state: row.state } });
    }
  }

  // This year's records in review, in every state (demo-records-workflow.ts).
  const byName = new Map(people.map((p) => [p.name, p]));
  for (const w of workflowRecords(ctx.now)) {
    const person = byName.get(w.person);
    if (!person) throw new Error(`demo record for ${w.person}, who is not an approved demo person`);
    const end = w.lastYear ? new Date(Date.UTC(thisYear, 0, 20, 2)) : new Date(ctx.now.getTime() - w.ageDays * 86_400_000 - (serial++ % 6) * 3_600_000);
    await writer.write(person, w.demo, w.steps, { end, notify: true });
  }
}
