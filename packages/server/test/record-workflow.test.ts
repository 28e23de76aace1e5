import { policy } from '@jixu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeopleListing } from '../src/db/seed/demo.ts';
import { ensureDefaultPolicy } from '../src/modules/policy/index.ts';
import { as, createTestApp, login, type Session, type TestApp } from './helpers.ts';

// The workflow around the review chain (docs/records.md "Workflow API"): progress and holder, history
// with reasons, notices, editing and deleting drafts, queue filters and cursors, menu counts, bulk
// decisions, the spot check of Art. 11(4) and a filed provider's registrations (Art. 9(3)).
let t: TestApp;
const Y = policy.businessYear(new Date());
const listing = demoPeopleListing();
const idNumberOf = (name: string) => listing.find((p) => p.name === name)!.idNumber;
const CONFERENCE_EVIDENCE = ['conference_notice', 'unit_proof', 'conference_paper'];
const conference = { kind: 'conference', level: 'national', days: 2, presented: true };
let day = 0;

beforeAll(async () => {
  t = await createTestApp();
  await ensureDefaultPolicy(t.handle.db, new Date());
});
afterAll(async () => { await t?.close(); });

async function personId(name: string): Promise<string> {
  return (await t.handle.db.selectFrom('persons').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}
/** A distinct achievement each time (the duplicate check would refuse a second one of the same day). */
const declare = (session: Session, body: Record<string, unknown> = {}) => {
  day += 1;
  const endedOn = `${Y}-0${1 + (day % 9)}-${String(1 + (day % 27)).padStart(2, '0')}`;
  return as(t.app, session)('POST', '/api/v1/records', { endedOn, content: `学术会议交流 ${day}`, activity: { ...conference, days: 1 + (day % 3) }, ...body });
};
const act = (session: Session, id: string, action: string, body: object = {}) => as(t.app, session)('POST', `/api/v1/records/${id}/${action}`, body);
const me = () => login(t.app, idNumberOf('孙悦'));

async function submitted(session: Session): Promise<{ id: string; version: number }> {
  // The test clock stands still; each submission a second later keeps queue order deterministic.
  t.clock.now = new Date(t.clock.now.getTime() + 1000);
  const record = (await declare(session)).json();
  const res = await act(session, record.id, 'submit', { evidenceTypes: CONFERENCE_EVIDENCE });
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('progress for people', () => {
  it('shows who has the record, since when, the evidence it needs, every reason, and notifies the person', async () => {
    const person = await me();
    const draft = (await declare(person)).json();
    expect(draft.holder).toMatchObject({ role: 'person', name: '孙悦' });
    expect(draft.requiredEvidence.map((e: { type: string }) => e.type)).toEqual(CONFERENCE_EVIDENCE);
    const sub = (await act(person, draft.id, 'submit', { evidenceTypes: CONFERENCE_EVIDENCE })).json();
    expect(sub.holder).toMatchObject({ role: 'unit', name: '郑州市金水区人民医院' });
    expect(sub.stateSince >= draft.stateSince).toBe(true);

    const unit = await login(t.app, 'unit-zzu');
    const returned = (await act(unit, draft.id, 'return', { reason: '会议通知不清晰，请重新上传' })).json();
    expect(returned).toMatchObject({ state: 'returned', lastReason: '会议通知不清晰，请重新上传', holder: { role: 'person' } });
    await act(person, draft.id, 'resubmit', { evidenceTypes: CONFERENCE_EVIDENCE });
    const approved = (await act(unit, draft.id, 'approve')).json();
    expect(approved.holder, JSON.stringify(approved.holder)).toMatchObject({ role: 'authority', name: '郑州市卫生健康委员会' });

    const history = (await as(t.app, person)('GET', `/api/v1/records/${draft.id}/history`)).json();
    expect(history.items.map((s: { action: string }) => s.action)).toEqual(['declare', 'submit', 'return', 'resubmit', 'approve']);
    expect(history.items[2]).toMatchObject({ actorName: '郑州市金水区人民医院', reason: '会议通知不清晰，请重新上传', fromState: 'submitted', toState: 'returned' });
    expect(history.items[1]).toMatchObject({ actorName: '本人' });

    const notices = (await as(t.app, person)('GET', '/api/v1/me/notifications?limit=100')).json();
    const titles = notices.items.map((n: { title: string }) => n.title);
    expect(titles).toContain('学时登记被退回修改');
    expect(titles).toContain('学时登记已通过单位初审');
    expect(titles).not.toContain('学时登记已提交');
    const returnNotice = notices.items.find((n: { title: string }) => n.title === '学时登记被退回修改');
    expect(returnNotice.body).toContain('会议通知不清晰');
    // Notices never carry the ID number.
    expect(JSON.stringify(notices)).not.toContain(idNumberOf('孙悦'));
  });

  it('a unit hears when the authority returns what the unit declared', async () => {
    const unit = await login(t.app, 'unit-zzu');
    const pid = await personId('黄丽');
    const record = (await declare(unit, { personId: pid })).json();
    expect(record.holder).toMatchObject({ role: 'unit' });
    expect((await act(unit, record.id, 'submit', { evidenceTypes: CONFERENCE_EVIDENCE })).json().state).toBe('unit_approved');
    const authority = await login(t.app, 'weijian');
    expect((await act(authority, record.id, 'return', { reason: '缺少会议日程' })).statusCode).toBe(200);
    const notices = (await as(t.app, unit)('GET', '/api/v1/me/notifications?limit=100')).json();
    expect(notices.items.some((n: { title: string; body: string }) => n.title === '学时登记被退回修改' && n.body.includes('缺少会议日程'))).toBe(true);
  });
});

describe('actions without a body', () => {
  it('submit, approve and verify need no request body at all', async () => {
    const unit = await login(t.app, 'unit-zzu');
    const pid = await personId('黄丽');
    const record = (await declare(unit, { personId: pid, activity: { kind: 'exam', level: 'intermediate', datedOn: `${Y}-05-20` }, content: '中级资格考试' })).json();
    await t.handle.db.insertInto('record_evidence').values({
      id: '01900000-0000-7000-8000-0000000000e1', record_id: record.id, blob_key: 'x'.repeat(64), type: 'pdf',
      evidence_type: 'qualification_certificate', file_name: '资格证书.pdf', size: 1, uploaded_by: unit.user.id, created_at: new Date().toISOString(),
    }).execute();
    const submittedRes = await as(t.app, unit)('POST', `/api/v1/records/${record.id}/submit`);
    expect(submittedRes.statusCode, submittedRes.body).toBe(200);
    const verified = await as(t.app, await login(t.app, 'weijian'))('POST', `/api/v1/records/${record.id}/verify`);
    expect(verified.statusCode, verified.body).toBe(200);
  });
});

describe('editing and deleting drafts', () => {
  it('the declarer edits a draft: hours are evaluated again; a stale version is 409', async () => {
    const person = await me();
    const draft = (await declare(person, { activity: { ...conference, days: 1 } })).json();
    const edited = await as(t.app, person)('PATCH', `/api/v1/records/${draft.id}`, {
      version: draft.version, activity: { ...conference, days: 3 }, endedOn: draft.endedOn, content: '修改后的会议',
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ content: '修改后的会议', version: draft.version + 1 });
    expect(edited.json().hours).toBeGreaterThan(draft.hours);
    // The activity is answered in the API's units (hours, not the stored tenths).
    const seminar = (await declare(person, { activity: { kind: 'seminar', hours: 8, category: 'professional' } })).json();
    expect(seminar.activity).toMatchObject({ kind: 'seminar', hours: 8 });
    const stale = await as(t.app, person)('PATCH', `/api/v1/records/${draft.id}`, {
      version: draft.version, activity: conference, endedOn: draft.endedOn, content: '再次修改',
    });
    expect(stale.statusCode).toBe(409);
    // Only the declarer, only while it is theirs.
    const unit = await login(t.app, 'unit-zzu');
    const byUnit = await as(t.app, unit)('PATCH', `/api/v1/records/${draft.id}`, { version: draft.version + 1, activity: conference, endedOn: draft.endedOn, content: 'x' });
    expect(byUnit.statusCode).toBe(403);
    const sub = (await act(person, draft.id, 'submit', { evidenceTypes: CONFERENCE_EVIDENCE })).json();
    const afterSubmit = await as(t.app, person)('PATCH', `/api/v1/records/${draft.id}`, { version: sub.version, activity: conference, endedOn: draft.endedOn, content: 'x' });
    expect(afterSubmit.statusCode).toBe(409);
    expect(afterSubmit.json().detail).toContain('待单位初审');
  });

  it('a never-submitted draft can be deleted; a withdrawn one keeps its history', async () => {
    const person = await me();
    const draft = (await declare(person)).json();
    expect((await as(t.app, person)('DELETE', `/api/v1/records/${draft.id}`)).statusCode).toBe(204);
    expect((await as(t.app, person)('GET', `/api/v1/records/${draft.id}`)).statusCode).toBe(404);
    const sub = await submitted(person);
    expect((await act(person, sub.id, 'withdraw')).json().state).toBe('draft');
    const refused = await as(t.app, person)('DELETE', `/api/v1/records/${sub.id}`);
    expect(refused.statusCode).toBe(409);
  });
});

describe('queues', () => {
  it('filters by kind, category and age, sorts oldest first and pages by cursor without gaps or repeats', async () => {
    const person = await me();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await submitted(person)).id);
    // Make two of them wait for ten days.
    const old = new Date(Date.now() - 10 * 86_400_000).toISOString();
    await t.handle.db.updateTable('records').set({ state_since: old }).where('id', 'in', ids.slice(3)).execute();

    const unit = await login(t.app, 'unit-zzu');
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/records?kind=conference&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await as(t.app, unit)('GET', query)).json();
      for (const item of page.items) {
        expect(item).toMatchObject({ state: 'submitted', kind: 'conference', channel: 'person' });
        all.push(item.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(all).size).toBe(all.length);
    for (const id of ids) expect(all).toContain(id);
    // Oldest first: the two old ones lead.
    expect(all.slice(0, 2).sort()).toEqual(ids.slice(3).sort());

    const aged = (await as(t.app, unit)('GET', '/api/v1/records?olderThanDays=7')).json();
    expect(aged.items.map((r: { id: string }) => r.id).sort()).toEqual(expect.arrayContaining(ids.slice(3)));
    expect(aged.items.every((r: { stateSince: string }) => r.stateSince <= new Date(Date.now() - 7 * 86_400_000).toISOString())).toBe(true);
    const newest = (await as(t.app, unit)('GET', '/api/v1/records?sort=newest&limit=1')).json();
    expect(newest.items[0].id).toBe(ids[2]);
    expect((await as(t.app, unit)('GET', '/api/v1/records?category=public&kind=conference')).json().items).toEqual([]);
    expect((await as(t.app, unit)('GET', '/api/v1/records?cursor=not-a-cursor')).statusCode).toBe(400);

    const pending = (await as(t.app, unit)('GET', '/api/v1/records/pending')).json();
    expect(pending.count).toBeGreaterThanOrEqual(5);
    expect(pending.overdue).toBeGreaterThanOrEqual(2);
    // Another unit's admin sees none of them.
    const other = await login(t.app, 'unit-lyu');
    const theirs = (await as(t.app, other)('GET', '/api/v1/records?view=all&limit=100')).json();
    for (const id of ids) expect(theirs.items.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  it('a person’s badge counts what was returned to them', async () => {
    const person = await me();
    const before = (await as(t.app, person)('GET', '/api/v1/records/pending')).json().count;
    const sub = await submitted(person);
    await act(await login(t.app, 'unit-zzu'), sub.id, 'return', { reason: '请补充材料' });
    expect((await as(t.app, person)('GET', '/api/v1/records/pending')).json().count).toBe(before + 1);
  });

  it('bulk approval decides each record on its own and reports each result', async () => {
    const person = await me();
    const a = await submitted(person);
    const b = await submitted(person);
    const unit = await login(t.app, 'unit-zzu');
    expect((await act(unit, b.id, 'approve')).statusCode).toBe(200);
    const res = await as(t.app, unit)('POST', '/api/v1/records/bulk', { action: 'approve', ids: [a.id, b.id, '01900000-0000-7000-8000-000000000000'] });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ succeeded: 1, failed: 2 });
    expect(body.results).toEqual([
      { id: a.id, ok: true, status: 200 },
      expect.objectContaining({ id: b.id, ok: false, status: 409, code: 'conflict' }),
      expect.objectContaining({ ok: false, status: 404 }),
    ]);
    const c = await submitted(person);
    const noReason = (await as(t.app, unit)('POST', '/api/v1/records/bulk', { action: 'return', ids: [c.id] })).json();
    expect(noReason.results[0]).toMatchObject({ ok: false, status: 400 });
    const withReason = (await as(t.app, unit)('POST', '/api/v1/records/bulk', { action: 'return', ids: [c.id], reason: '材料不全' })).json();
    expect(withReason).toMatchObject({ succeeded: 1 });
    expect((await as(t.app, person)('GET', `/api/v1/records/${c.id}`)).json()).toMatchObject({ state: 'returned', lastReason: '材料不全' });
  });
});

describe('spot checks (Art. 11(4))', () => {
  it('a bureau over the unit overturns a verified record with a reason; its hours leave the year', async () => {
    const person = await me();
    const pid = await personId('孙悦');
    const sub = await submitted(person);
    await act(await login(t.app, 'unit-zzu'), sub.id, 'approve');
    await act(await login(t.app, 'weijian'), sub.id, 'verify');
    const before = (await as(t.app, person)('GET', `/api/v1/persons/${pid}/years/${Y}`)).json().earned.total;

    const province = await login(t.app, 'henan');
    const listed = (await as(t.app, province)('GET', `/api/v1/records?view=all&state=verified&personId=${pid}&limit=100`)).json();
    expect(listed.items.map((r: { id: string }) => r.id)).toContain(sub.id);
    expect((await act(province, sub.id, 'overturn')).statusCode).toBe(400);
    expect((await act(await login(t.app, 'unit-zzu'), sub.id, 'overturn', { reason: 'x' })).statusCode).toBe(403);
    const overturned = await act(province, sub.id, 'overturn', { reason: '抽查发现会议证明不实' });
    expect(overturned.statusCode).toBe(200);
    expect(overturned.json()).toMatchObject({ state: 'rejected', lastReason: '抽查发现会议证明不实', holder: null });
    const after = (await as(t.app, person)('GET', `/api/v1/persons/${pid}/years/${Y}`)).json().earned.total;
    expect(after).toBeLessThan(before);
    // The issuing bureau hears of it (the province overturned; the unit's issuing bureau is below it).
    const issuing = (await t.handle.db.selectFrom('orgs').select('issuing_bureau_id').where('name', '=', '郑州市金水区人民医院').executeTakeFirstOrThrow()).issuing_bureau_id!;
    const bureauNotices = await t.handle.db.selectFrom('notifications').select(['title', 'body']).where('recipient_id', '=', issuing).where('kind', '=', 'record.overturn').execute();
    expect(bureauNotices.some((n) => n.body.includes('抽查发现会议证明不实'))).toBe(true);
    // The city bureau over the unit lists it; another city's bureau neither lists nor opens it.
    const zhengzhou = (await as(t.app, await login(t.app, 'zhengzhou'))('GET', `/api/v1/records?view=all&state=rejected&personId=${pid}&limit=100`)).json();
    expect(zhengzhou.items.map((r: { id: string }) => r.id)).toContain(sub.id);
    const luoyangAll = (await as(t.app, await login(t.app, 'luoyang'))('GET', '/api/v1/records?view=all&state=rejected&limit=100')).json();
    expect(luoyangAll.items.map((r: { id: string }) => r.id)).not.toContain(sub.id);
    // A bureau outside the unit's line cannot.
    const luoyang = await login(t.app, 'luoyang');
    expect((await act(luoyang, sub.id, 'overturn', { reason: 'x' })).statusCode).toBe(404);
  });
});

describe('a filed provider registers its trainees (Art. 9(3))', () => {
  const training = { kind: 'base_training', hours: 80, category: 'public', programmeCode: 'GX-DEMO-01', from: `${Y}-03-01`, to: `${Y}-03-03` };

  it('registers by ID number and name, verified on arrival without evidence; wrong names are not found', async () => {
    const provider = await login(t.app, 'provider-hn');
    const trainee = { idNumber: idNumberOf('孙悦'), name: '孙悦' };
    const created = await as(t.app, provider)('POST', '/api/v1/records', { trainee, activity: training, startedOn: `${Y}-03-01`, endedOn: `${Y}-03-03`, content: '公需科目培训班', result: '合格' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ channel: 'provider', state: 'draft', requiredEvidence: [], holder: { role: 'provider' } });
    expect(JSON.stringify(created.json())).not.toContain(trainee.idNumber);
    const verified = await act(provider, created.json().id, 'submit');
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ state: 'verified' });
    const listed = (await as(t.app, provider)('GET', '/api/v1/records?sort=newest&limit=5')).json();
    expect(listed.items.map((r: { id: string }) => r.id)).toContain(created.json().id);
    // The person sees it too, and was told.
    const notices = (await as(t.app, await me())('GET', '/api/v1/me/notifications?limit=100')).json();
    expect(notices.items.some((n: { title: string }) => n.title === '学时登记已提交')).toBe(true);

    const wrongName = await as(t.app, provider)('POST', '/api/v1/records', { trainee: { ...trainee, name: '张三' }, activity: training, endedOn: `${Y}-03-03`, content: 'x' });
    expect(wrongName.statusCode).toBe(404);
    expect(JSON.stringify(wrongName.json())).not.toContain(trainee.idNumber);
    const badNumber = await as(t.app, provider)('POST', '/api/v1/records', { trainee: { idNumber: '410105199001011234', name: '孙悦' }, activity: training, endedOn: `${Y}-03-03`, content: 'x' });
    expect(badNumber.statusCode).toBe(400);
    expect(JSON.stringify(badNumber.json())).not.toContain('410105199001011234');
    // A unit admin elsewhere does not see it; the provider that registered it does.
    expect((await as(t.app, provider)('GET', `/api/v1/records/${created.json().id}`)).statusCode).toBe(200);
    expect((await as(t.app, await login(t.app, 'unit-lyu'))('GET', `/api/v1/records/${created.json().id}`)).statusCode).toBe(404);
  });

  it('a provider the bureau has not filed cannot register hours', async () => {
    // The admin of a provider awaiting filing signs in (to follow the filing) but registers nothing.
    const pending = await login(t.app, 'provider-zz');
    const res = await as(t.app, pending)('POST', '/api/v1/records', { trainee: { idNumber: idNumberOf('孙悦'), name: '孙悦' }, activity: training, endedOn: `${Y}-03-03`, content: 'x' });
    expect(res.statusCode).toBe(403);
  });
});
