import { policy } from '@jixu/domain';
import { sql } from 'kysely';
import type { Deps } from '../../platform/deps.ts';
import { createNotification } from '../notifications/repository.ts';
import { policyStoreOf } from '../policy/store.ts';
import { personYearStatus } from '../policy/yearly-status.ts';

// Record reminders (docs/records.md "Reminders"), run by the server's scheduler (main.ts). Both jobs
// are idempotent: every notice has a dedupe key, so running them again (hourly, after a restart, in
// several processes at once) creates nothing new.

const DAY_MS = 86_400_000;
/** Queue items waiting longer than this are reminded (SPEC: 7 days, as registrations). */
export const QUEUE_REMINDER_DAYS = 7;
/** Months (Asia/Shanghai) in which people below the year's requirement are reminded: 1 Oct, 1 Nov, 1 Dec. */
export const YEAR_REMINDER_MONTHS: readonly number[] = [10, 11, 12];
const PAGE_SIZE = 500;
/** Yearly statuses computed at once for the candidates of a page (each reads a few rows). */
const STATUS_CONCURRENCY = 8;

export type YearReminderRun = {
  /** `YYYY-MM` of the run, null outside the reminder months (nothing done). */
  month: string | null;
  /** Registered people not yet reminded this month that were looked at. */
  scanned: number;
  /** Of them, those whose verified hours (as stored) are below the nominal requirement. */
  candidates: number;
  /** Notices created (candidates whose yearly status is incomplete). */
  notified: number;
};

const yearReminderKey = (month: string, personId: string) => `year-reminder:${month}:${personId}`;

/**
 * In October, November and December (Asia/Shanghai; from the 1st on, so a server that was down on the
 * 1st catches up later in the month), one notice per month to every registered (approved) person whose
 * yearly status for the current year is incomplete, stating the hours still missing and the deadline.
 *
 * People are read in keyset pages; one grouped query per page sums their verified hours of the year as
 * stored, and only those below the nominal requirement (Art. 5, before Art. 8 reductions) get the full
 * `personYearStatus`, the same status their page shows. Stored hours that may not be what the year
 * earns (projects, which earn per planned year; records evaluated under another version) are left out
 * of the sum, so the pre-filter never passes over someone who is short.
 */
export async function remindPeopleBelowRequirement(deps: Deps, now: Date, options: { pageSize?: number } = {}): Promise<YearReminderRun> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const today = policy.shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const month = today.slice(0, 7);
  const run: YearReminderRun = { month: null, scanned: 0, candidates: 0, notified: 0 };
  if (!YEAR_REMINDER_MONTHS.includes(Number(today.slice(5, 7)))) return run;
  run.month = month;

  const store = policyStoreOf(deps);
  const version = await store.forYear(year);
  if (!version) return run;
  const required = {
    total: version.requirement.total.value,
    public: version.requirement.public.value,
    professional: version.requirement.professional.value,
  };
  const deadline = policy.declarationWindow(version, year).closesOn;
  const { db } = deps.handle;

  let after = '';
  for (;;) {
    const people = await db
      .selectFrom('persons as p')
      .select('p.id')
      .where('p.status', '=', 'approved')
      .where('p.id', '>', after)
      .where((eb) => eb.not(eb.exists(eb
        .selectFrom('notifications as n')
        .select('n.id')
        .where('n.dedupe_key', '=', sql<string>`${sql.lit(`year-reminder:${month}:`)} || p.id`))))
      .orderBy('p.id')
      .limit(pageSize)
      .execute();
    if (people.length === 0) break;
    after = people.at(-1)!.id;
    run.scanned += people.length;

    const ids = people.map((p) => p.id);
    const sums = await db
      .selectFrom('records as r')
      .select((eb) => [
        'r.person_id',
        eb.fn.sum<number | string>(sql`case when r.category = 'public' then r.hours else 0 end`).as('public_hours'),
        eb.fn.sum<number | string>(sql`case when r.category = 'professional' then r.hours else 0 end`).as('professional_hours'),
        eb.fn.max('r.full_year').as('full_year'),
      ])
      .where('r.person_id', 'in', ids)
      .where('r.year', '=', year)
      .where('r.state', '=', 'verified')
      .where('r.kind', '<>', 'project')
      .where('r.policy_version', '=', version.id)
      .groupBy('r.person_id')
      .execute();
    const done = new Set(sums.filter((s) => {
      if (Number(s.full_year) === 1) return true;
      const pub = Number(s.public_hours);
      const pro = Number(s.professional_hours);
      return pub >= required.public && pro >= required.professional && pub + pro >= required.total;
    }).map((s) => s.person_id));
    const candidates = ids.filter((id) => !done.has(id));
    run.candidates += candidates.length;

    for (let i = 0; i < candidates.length; i += STATUS_CONCURRENCY) {
      const created = await Promise.all(candidates.slice(i, i + STATUS_CONCURRENCY).map(async (personId) => {
        const status = await personYearStatus(deps, store, { scope: { kind: 'person', personId }, personId, year });
        if (status.complete) return false;
        const { shortfall, earned } = status;
        return createNotification(db, {
          recipient: { kind: 'person', id: personId },
          kind: 'record.year_reminder',
          title: `${year}年度继续教育学时尚未达标`,
          body: `截至${today}，您${year}年度已核定学时 ${earned.total} 学时（公需科目 ${earned.public}，专业科目 ${earned.professional}），`
            + `尚差 ${shortfall.total} 学时，其中公需科目至少 ${shortfall.public} 学时、专业科目至少 ${shortfall.professional} 学时。`
            + `请于${year}年12月31日前完成学习，并于${deadline}前完成继续教育登记申报。`,
          at: now,
          dedupeKey: yearReminderKey(month, personId),
        });
      }));
      run.notified += created.filter(Boolean).length;
      // A long run (1 October at a province's size) lets the requests waiting meanwhile go first.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (people.length < pageSize) break;
  }
  return run;
}

export type QueueReminderRun = { date: string; units: number; bureaus: number; authorities: number };

type QueueGroup = { org_id: string | null; items: number | string; oldest: string };

/**
 * Daily (Asia/Shanghai date in the dedupe key `queue-age:<date>:<orgId>`): every reviewer whose queue
 * holds records in their state for more than 7 days gets one notice with the count and the oldest age:
 * a unit its people's `submitted` person-channel records (by the record's unit); a bureau the
 * `unit_approved` public and `both` records of the units it issues for (the person's unit's
 * `issuing_bureau_id`); an authority the `unit_approved` professional ones of the units under it
 * (`authority_id`). Three grouped queries, one notice per organisation.
 */
export async function remindReviewersOfOldItems(deps: Pick<Deps, 'handle'>, now: Date): Promise<QueueReminderRun> {
  const { db } = deps.handle;
  const date = policy.shanghaiDate(now);
  const cutoff = new Date(now.getTime() - QUEUE_REMINDER_DAYS * DAY_MS).toISOString();

  const units = await db
    .selectFrom('records as r')
    // The person's current unit holds the pre-review queue (as GET /records does), not the unit at declaration.
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .select((eb) => ['p.unit_id as org_id', eb.fn.countAll<number | string>().as('items'), eb.fn.min('r.state_since').as('oldest')])
    .where('r.state', '=', 'submitted')
    .where('r.channel', '=', 'person')
    .where('r.state_since', '<', cutoff)
    .groupBy('p.unit_id')
    .execute();

  const verifiers = (category: 'public' | 'professional') => {
    const column = category === 'public' ? 'u.issuing_bureau_id' : 'u.authority_id';
    return db
      .selectFrom('records as r')
      .innerJoin('persons as p', 'p.id', 'r.person_id')
      .innerJoin('orgs as u', 'u.id', 'p.unit_id')
      .select((eb) => [`${column} as org_id`, eb.fn.countAll<number | string>().as('items'), eb.fn.min('r.state_since').as('oldest')])
      .where('r.state', '=', 'unit_approved')
      .where('r.category', 'in', category === 'public' ? ['public', 'both'] : ['professional'])
      .where('r.state_since', '<', cutoff)
      .where(column, 'is not', null)
      .groupBy(column)
      .execute();
  };
  const [bureaus, authorities] = await Promise.all([verifiers('public'), verifiers('professional')]);

  const notify = async (groups: QueueGroup[], task: string): Promise<number> => {
    let created = 0;
    for (const g of groups) {
      if (!g.org_id) continue;
      const days = Math.floor((now.getTime() - Date.parse(g.oldest)) / DAY_MS);
      const ok = await createNotification(db, {
        recipient: { kind: 'org', id: g.org_id },
        kind: 'record.queue_overdue',
        title: `有继续教育登记记录等待${task}超过 ${QUEUE_REMINDER_DAYS} 天`,
        body: `共有 ${Number(g.items)} 条继续教育登记记录等待${task}已超过 ${QUEUE_REMINDER_DAYS} 天，最早的已等待 ${days} 天，请尽快处理。`,
        at: now,
        dedupeKey: `queue-age:${date}:${g.org_id}`,
      });
      if (ok) created += 1;
    }
    return created;
  };
  return {
    date,
    units: await notify(units, '审核'),
    bureaus: await notify(bureaus, '核定'),
    authorities: await notify(authorities, '核定'),
  };
}
