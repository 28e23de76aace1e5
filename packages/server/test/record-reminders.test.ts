import { policy } from '@jixu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordChannel, RecordState, RecordTable } from '../src/db/schema-policy.ts';
import { demoPeopleListing } from '../src/db/seed/demo.ts';
import { ensureDefaultPolicy } from '../src/modules/policy/index.ts';
import { remindPeopleBelowRequirement, remindReviewersOfOldItems } from '../src/modules/records/reminders.ts';
import { newId } from '../src/platform/ids.ts';
import { as, createTestApp, login, type TestApp } from './helpers.ts';

// docs/records.md "Reminders": people below the year's requirement are reminded once a month in
// October–December; reviewers whose queue holds records older than 7 days once a day. Every record
// here is inserted with an explicit state and state_since, so nothing depends on the demo's counts.
let t: TestApp;
const DAY = 86_400_000;
const h = (hours: number) => hours * 10;
const approved = demoPeopleListing().filter((p) => p.status === 'approved');
let serial = 0;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  await ensureDefaultPolicy(t.handle.db, new Date());
});
afterAll(async () => { await t?.close(); });

async function person(name: string) {
  return t.handle.db.selectFrom('persons').select(['id', 'unit_id']).where('name', '=', name).executeTakeFirstOrThrow();
}

async function insertRecord(options: {
  personName: string; activity: policy.Activity; state: RecordState; stateSince: Date; channel?: RecordChannel;
}): Promise<string> {
  const p = await person(options.personName);
  const a = options.activity;
  const evaluation = policy.evaluate(policy.HN_2017, a);
  if (!evaluation.ok) throw new Error(JSON.stringify(evaluation.errors));
  const at = options.stateSince.toISOString();
  const row: RecordTable = {
    id: newId(options.stateSince.getTime() + serial++), person_id: p.id, unit_id: p.unit_id,
    year: policy.recordYearOf(a) ?? policy.businessYear(options.stateSince), kind: a.kind, activity: JSON.stringify(a),
    category: evaluation.value.category, hours: evaluation.value.hours, clause: evaluation.value.clause,
    rule_code: evaluation.value.ruleCode, policy_version: evaluation.value.policyVersion,
    explanation: evaluation.value.explanation, full_year: evaluation.value.fullYear ? 1 : 0,
    started_on: 'from' in a ? (a.from ?? null) : null,
    ended_on: 'to' in a ? (a.to ?? null) : 'datedOn' in a ? (a.datedOn ?? null) : null,
    content: '提醒测试记录', result: '合格', channel: options.channel ?? 'person', declared_by: null, state: options.state,
    duplicate_key: policy.duplicateKey(a)?.key ?? null, version: 1, created_at: at, updated_at: at,
    state_since: at, last_reason: null, provider_id: null,
  };
  await t.handle.db.insertInto('records').values(row).execute();
  return row.id;
}

const publicTraining = (year: number, hours: number): policy.Activity =>
  ({ kind: 'base_training', hours: h(hours), category: 'public', programmeCode: `GX-${year}-${serial}`, from: `${year}-03-06`, to: `${year}-03-08` });
const seminar = (year: number, hours: number): policy.Activity =>
  ({ kind: 'seminar', hours: h(hours), category: 'professional', from: `${year}-06-12`, to: `${year}-06-13` });
const aidService = (year: number): policy.Activity => ({ kind: 'aid_service', from: `${year}-01-01`, to: `${year}-12-31` });

const noticesOf = (kind: string, recipientId: string) => t.handle.db.selectFrom('notifications').selectAll()
  .where('kind', '=', kind).where('recipient_id', '=', recipientId).orderBy('seq').execute();

/** 00:00 Asia/Shanghai of a date, plus some minutes. */
const shanghai = (date: string, minutes = 0) => new Date(Date.parse(`${date}T00:00:00+08:00`) + minutes * 60_000);

describe('people below the year\'s requirement', () => {
  // A year without demo records: every registered person starts at zero hours.
  const Y = policy.businessYear(new Date()) + 5;
  const [short, done, onLeave] = [approved[0]!, approved[1]!, approved[2]!];

  beforeAll(async () => {
    await insertRecord({ personName: short.name, activity: publicTraining(Y, 12), state: 'verified', stateSince: shanghai(`${Y}-03-10`) });
    // Not verified yet: does not count.
    await insertRecord({ personName: short.name, activity: seminar(Y, 80), state: 'unit_approved', stateSince: shanghai(`${Y}-07-01`) });
    await insertRecord({ personName: done.name, activity: publicTraining(Y, 24), state: 'verified', stateSince: shanghai(`${Y}-03-10`) });
    await insertRecord({ personName: done.name, activity: seminar(Y, 66), state: 'verified', stateSince: shanghai(`${Y}-06-20`) });
    // Below the nominal 24/60/90 but complete after an approved maternity leave (Art. 8(3)).
    await insertRecord({ personName: onLeave.name, activity: publicTraining(Y, 20), state: 'verified', stateSince: shanghai(`${Y}-06-10`) });
    await insertRecord({ personName: onLeave.name, activity: seminar(Y, 50), state: 'verified', stateSince: shanghai(`${Y}-07-10`) });
    const p = await person(onLeave.name);
    const account = await t.handle.db.selectFrom('accounts').select('id').where('person_id', '=', p.id).executeTakeFirstOrThrow();
    const at = shanghai(`${Y}-05-01`).toISOString();
    await t.handle.db.insertInto('leave_periods').values({
      id: newId(Date.parse(at)), person_id: p.id, kind: 'maternity_leave', starts_on: `${Y}-01-10`, ends_on: `${Y}-04-17`,
      proof_note: '生育医学证明', state: 'approved', declared_by: account.id, decided_by: null, decided_at: at, reason: null,
      version: 2, created_at: at, updated_at: at,
    }).execute();
  });

  it('does nothing before October', async () => {
    const run = await remindPeopleBelowRequirement(t.app.deps, new Date(shanghai(`${Y}-10-01`).getTime() - 60_000));
    expect(run).toEqual({ month: null, scanned: 0, candidates: 0, notified: 0 });
    expect(await remindPeopleBelowRequirement(t.app.deps, shanghai(`${Y}-09-15`, 600))).toMatchObject({ notified: 0 });
    expect(await t.handle.db.selectFrom('notifications').select('id').where('kind', '=', 'record.year_reminder').execute()).toHaveLength(0);
  });

  it('reminds each registered person below the requirement once in October, however often it runs', async () => {
    const registered = await t.handle.db.selectFrom('persons').select('id').where('status', '=', 'approved').execute();
    const first = await remindPeopleBelowRequirement(t.app.deps, shanghai(`${Y}-10-01`));
    // Everyone but the two complete people; the one on leave needed the full status to be told apart.
    expect(first).toEqual({ month: `${Y}-10`, scanned: registered.length, candidates: registered.length - 1, notified: registered.length - 2 });
    expect(await remindPeopleBelowRequirement(t.app.deps, shanghai(`${Y}-10-01`, 30))).toEqual({ month: `${Y}-10`, scanned: 2, candidates: 1, notified: 0 });
    expect((await remindPeopleBelowRequirement(t.app.deps, shanghai(`${Y}-10-02`, 600))).notified).toBe(0);

    const shortId = (await person(short.name)).id;
    const notices = await noticesOf('record.year_reminder', shortId);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ recipient_kind: 'person', dedupe_key: `year-reminder:${Y}-10:${shortId}` });
    expect(await noticesOf('record.year_reminder', (await person(done.name)).id)).toHaveLength(0);
    expect(await noticesOf('record.year_reminder', (await person(onLeave.name)).id)).toHaveLength(0);
    // People not registered (pending, rejected) are not reminded.
    const unregistered = await t.handle.db.selectFrom('notifications as n').innerJoin('persons as p', 'p.id', 'n.recipient_id')
      .select('n.id').where('n.kind', '=', 'record.year_reminder').where('p.status', '<>', 'approved').execute();
    expect(unregistered).toHaveLength(0);

    // The notice states what the yearly status says is missing, and the declaration deadline.
    const status = (await as(t.app, await login(t.app, 'henan'))('GET', `/api/v1/persons/${shortId}/years/${Y}`)).json();
    expect(status.complete).toBe(false);
    const me = as(t.app, await login(t.app, short.idNumber));
    const mine = (await me('GET', '/api/v1/me/notifications?limit=100')).json();
    const reminders = mine.items.filter((n: { kind: string }) => n.kind === 'record.year_reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0].title).toBe(`${Y}年度继续教育学时尚未达标`);
    expect(reminders[0].body).toContain(`尚差 ${status.shortfall.total} 学时`);
    expect(reminders[0].body).toContain(`公需科目至少 ${status.shortfall.public} 学时`);
    expect(reminders[0].body).toContain(`专业科目至少 ${status.shortfall.professional} 学时`);
    expect(reminders[0].body).toContain(`${Y + 1}-01-31前`);
    expect(reminders[0].body).not.toContain(short.idNumber);
  });

  it('reminds again in November (catching up after the 1st), and stops once the year is complete', async () => {
    const shortId = (await person(short.name)).id;
    const registered = await t.handle.db.selectFrom('persons').select('id').where('status', '=', 'approved').execute();
    // In pages of 2 people: the same outcome as one page.
    const run = await remindPeopleBelowRequirement(t.app.deps, shanghai(`${Y}-11-03`, 480), { pageSize: 2 });
    expect(run).toEqual({ month: `${Y}-11`, scanned: registered.length, candidates: registered.length - 1, notified: registered.length - 2 });
    const notices = await noticesOf('record.year_reminder', shortId);
    expect(notices.map((n) => n.dedupe_key)).toEqual([`year-reminder:${Y}-10:${shortId}`, `year-reminder:${Y}-11:${shortId}`]);

    // Completes the year in November: no December notice.
    await insertRecord({ personName: short.name, activity: publicTraining(Y, 12), state: 'verified', stateSince: shanghai(`${Y}-11-20`) });
    await insertRecord({ personName: short.name, activity: seminar(Y, 66), state: 'verified', stateSince: shanghai(`${Y}-11-25`) });
    await remindPeopleBelowRequirement(t.app.deps, shanghai(`${Y}-12-01`, 5));
    expect(await noticesOf('record.year_reminder', shortId)).toHaveLength(2);
    expect((await remindPeopleBelowRequirement(t.app.deps, shanghai(`${Y + 1}-01-01`, 5))).month).toBeNull();
  });
});

describe('reviewers with old queue items', () => {
  const Y = policy.businessYear(new Date());
  const zzuPerson = approved.find((p) => p.unit === 'unit-zzu')!;
  const lyuPerson = approved.find((p) => p.unit === 'unit-lyu')!;
  let now: Date;
  let issuingBureau: string;
  let authority: string;
  const ago = (days: number) => new Date(now.getTime() - days * DAY);

  beforeAll(async () => {
    now = t.clock.now;
    // The demo's own queue items are made fresh, so only the records below are old.
    await t.handle.db.updateTable('records').set({ state_since: now.toISOString() }).where('state', 'in', ['submitted', 'unit_approved']).execute();
    const zzu = await t.handle.db.selectFrom('orgs').select(['issuing_bureau_id', 'authority_id']).where('id', '=', 'unit-zzu').executeTakeFirstOrThrow();
    issuingBureau = zzu.issuing_bureau_id!;
    authority = zzu.authority_id!;

    await insertRecord({ personName: zzuPerson.name, activity: seminar(Y, 8), state: 'submitted', stateSince: ago(8) });
    await insertRecord({ personName: zzuPerson.name, activity: seminar(Y, 9), state: 'submitted', stateSince: ago(3) });
    await insertRecord({ personName: lyuPerson.name, activity: seminar(Y, 6), state: 'submitted', stateSince: ago(6) });
    // Declared by the unit: not in the unit's pre-review queue.
    await insertRecord({ personName: lyuPerson.name, activity: seminar(Y, 7), state: 'submitted', stateSince: ago(20), channel: 'unit' });
    // Awaiting verification: public and `both` go to the issuing bureau, professional to the authority.
    await insertRecord({ personName: zzuPerson.name, activity: publicTraining(Y, 10), state: 'unit_approved', stateSince: ago(9) });
    await insertRecord({ personName: zzuPerson.name, activity: aidService(Y - 1), state: 'unit_approved', stateSince: ago(8) });
    await insertRecord({ personName: zzuPerson.name, activity: seminar(Y, 12), state: 'unit_approved', stateSince: ago(10) });
    await insertRecord({ personName: zzuPerson.name, activity: seminar(Y, 13), state: 'unit_approved', stateSince: ago(2) });
  });

  it('tells a unit, its issuing bureau and its authority once a day, with the count and the oldest age', async () => {
    const runs = await Promise.all([1, 2].map(() => remindReviewersOfOldItems(t.app.deps, now)));
    expect(runs.reduce((n, r) => n + r.units + r.bureaus + r.authorities, 0)).toBe(3);
    expect(await remindReviewersOfOldItems(t.app.deps, new Date(now.getTime() + 60_000))).toMatchObject({ units: 0, bureaus: 0, authorities: 0 });

    const date = policy.shanghaiDate(now);
    const [unitNotices, bureauNotices, authorityNotices] = await Promise.all([
      noticesOf('record.queue_overdue', 'unit-zzu'), noticesOf('record.queue_overdue', issuingBureau), noticesOf('record.queue_overdue', authority),
    ]);
    expect(unitNotices).toEqual([expect.objectContaining({ recipient_kind: 'org', dedupe_key: `queue-age:${date}:unit-zzu` })]);
    expect(unitNotices[0]!.body).toBe('共有 1 条继续教育登记记录等待审核已超过 7 天，最早的已等待 8 天，请尽快处理。');
    expect(bureauNotices).toHaveLength(1);
    expect(bureauNotices[0]!.body).toBe('共有 2 条继续教育登记记录等待核定已超过 7 天，最早的已等待 9 天，请尽快处理。');
    expect(authorityNotices).toHaveLength(1);
    expect(authorityNotices[0]!.body).toBe('共有 1 条继续教育登记记录等待核定已超过 7 天，最早的已等待 10 天，请尽快处理。');
    // 6 days (and a unit's own declaration) are not overdue.
    expect(await noticesOf('record.queue_overdue', 'unit-lyu')).toHaveLength(0);

    // Each reads its notice in the notification list (the demo's city health authority has no staff account).
    const usernameOf = async (orgId: string) => (await t.handle.db.selectFrom('accounts').select('username_display')
      .where('org_id', '=', orgId).where('disabled', '=', 0).orderBy('id').executeTakeFirst())?.username_display;
    let read = 0;
    for (const orgId of ['unit-zzu', issuingBureau, authority]) {
      const username = await usernameOf(orgId);
      if (!username) continue;
      const list = (await as(t.app, await login(t.app, username))('GET', '/api/v1/me/notifications?limit=100')).json();
      expect(list.items.filter((n: { kind: string }) => n.kind === 'record.queue_overdue')).toHaveLength(1);
      read += 1;
    }
    expect(read).toBeGreaterThanOrEqual(2);
  });

  it('tells them again the next day while the items still wait', async () => {
    const tomorrow = new Date(now.getTime() + DAY);
    expect(await remindReviewersOfOldItems(t.app.deps, tomorrow)).toEqual({ date: policy.shanghaiDate(tomorrow), units: 1, bureaus: 1, authorities: 1 });
    expect(await remindReviewersOfOldItems(t.app.deps, tomorrow)).toMatchObject({ units: 0, bureaus: 0, authorities: 0 });
    const unitNotices = await noticesOf('record.queue_overdue', 'unit-zzu');
    expect(unitNotices).toHaveLength(2);
    expect(unitNotices[1]!.body).toContain('最早的已等待 9 天');
    // The 6-day-old record is now exactly 7 days old: not yet older than 7 days.
    expect(await noticesOf('record.queue_overdue', 'unit-lyu')).toHaveLength(0);
  });
});
