import { policy } from '@jixu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeopleListing } from '../src/db/seed/demo.ts';
import { ensureDefaultPolicy } from '../src/modules/policy/index.ts';
import { as, createTestApp, login, type Session, type TestApp } from './helpers.ts';

// Art. 9–11: declaring a record, the review chain, scope, duplicates and concurrency (docs/records.md).
let t: TestApp;
const Y = policy.businessYear(new Date());
const listing = demoPeopleListing();
const idNumberOf = (name: string) => listing.find((p) => p.name === name)!.idNumber;
const CONFERENCE_EVIDENCE = ['conference_notice', 'unit_proof', 'conference_paper'];

beforeAll(async () => {
  t = await createTestApp();
  await ensureDefaultPolicy(t.handle.db, new Date());
});
afterAll(async () => { await t?.close(); });

async function personId(name: string): Promise<string> {
  return (await t.handle.db.selectFrom('persons').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}
const conference = { kind: 'conference', level: 'national', days: 2, presented: true };
const declare = (session: Session, body: Record<string, unknown>) =>
  as(t.app, session)('POST', '/api/v1/records', { endedOn: `${Y}-03-02`, content: '全国学术会议交流', ...body });
const act = (session: Session, id: string, action: string, body: object = {}) => as(t.app, session)('POST', `/api/v1/records/${id}/${action}`, body);
const events = (id: string) => t.handle.db.selectFrom('audit_events').select('action').where('object_type', '=', 'record').where('object_id', '=', id).orderBy('id').execute();

describe('the review chain', () => {
  it('a person declares a conference with a paper; the unit approves; the authority verifies; earned hours rise', async () => {
    const me = await login(t.app, idNumberOf('孙悦'));
    const id = await personId('孙悦');
    const before = (await as(t.app, me)('GET', `/api/v1/persons/${id}/years/${Y}`)).json();

    const created = await declare(me, { activity: conference });
    expect(created.statusCode).toBe(201);
    const record = created.json();
    expect(record).toMatchObject({ state: 'draft', channel: 'person', personId: id, category: 'professional', year: Y });
    expect(record.hours).toBeGreaterThan(0);
    expect(record.allowedActions).toEqual(['submit']);

    const noEvidence = await act(me, record.id, 'submit', { evidenceTypes: ['conference_notice'] });
    expect(noEvidence.statusCode).toBe(400);
    expect(JSON.stringify(noEvidence.json())).toContain('body.evidenceTypes');
    expect((await act(me, record.id, 'submit', { evidenceTypes: CONFERENCE_EVIDENCE })).json()).toMatchObject({ state: 'submitted' });

    const unit = await login(t.app, 'unit-zzu');
    const queue = (await as(t.app, unit)('GET', '/api/v1/records?state=submitted')).json();
    expect(queue.items.map((r: { id: string }) => r.id)).toContain(record.id);
    expect((await act(unit, record.id, 'approve')).json()).toMatchObject({ state: 'unit_approved' });

    const authority = await login(t.app, 'weijian');
    const awaiting = (await as(t.app, authority)('GET', '/api/v1/records')).json();
    expect(awaiting.items.map((r: { id: string }) => r.id)).toContain(record.id);
    const verified = await act(authority, record.id, 'verify');
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ state: 'verified', version: 4 });

    const after = (await as(t.app, me)('GET', `/api/v1/persons/${id}/years/${Y}`)).json();
    expect(after.earned.total).toBeGreaterThan(before.earned.total);
    expect((await events(record.id)).map((e) => e.action)).toEqual(['record.declared', 'record.submitted', 'record.unit_approved', 'record.verified']);
  });

  it('twenty parallel approvals of one submitted record: one 200, nineteen 409', async () => {
    const me = await login(t.app, idNumberOf('孙悦'));
    const record = (await declare(me, { activity: { ...conference, days: 1 }, endedOn: `${Y}-04-01` })).json();
    expect((await act(me, record.id, 'submit', { evidenceTypes: CONFERENCE_EVIDENCE })).statusCode).toBe(200);
    const unit = await login(t.app, 'unit-zzu');
    const results = await Promise.all(Array.from({ length: 20 }, () => act(unit, record.id, 'approve')));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    expect((await events(record.id)).filter((e) => e.action === 'record.unit_approved')).toHaveLength(1);
  });

  it('a returned record is resubmitted by its declarer only', async () => {
    const me = await login(t.app, idNumberOf('孙悦'));
    const record = (await declare(me, { activity: { ...conference, presented: false }, endedOn: `${Y}-05-01` })).json();
    await act(me, record.id, 'submit', { evidenceTypes: CONFERENCE_EVIDENCE });
    const unit = await login(t.app, 'unit-zzu');
    expect((await act(unit, record.id, 'return')).statusCode).toBe(400);
    expect((await act(unit, record.id, 'return', { reason: '会议通知不清晰' })).json()).toMatchObject({ state: 'returned' });
    expect((await act(unit, record.id, 'resubmit')).statusCode).toBe(403);
    const resubmitted = await act(me, record.id, 'resubmit', { evidenceTypes: CONFERENCE_EVIDENCE });
    expect(resubmitted.statusCode).toBe(200);
    expect(resubmitted.json()).toMatchObject({ state: 'submitted' });
  });
});

describe('scope and duplicates', () => {
  it('a unit admin cannot read another unit’s record', async () => {
    const me = await login(t.app, idNumberOf('孙悦'));
    const record = (await declare(me, { activity: conference, endedOn: `${Y}-06-01` })).json();
    expect((await as(t.app, await login(t.app, 'unit-zzu'))('GET', `/api/v1/records/${record.id}`)).statusCode).toBe(200);
    expect((await as(t.app, await login(t.app, 'unit-lyu'))('GET', `/api/v1/records/${record.id}`)).statusCode).toBe(404);
  });

  it('a duplicate patent number is refused naming the first record', async () => {
    const unit = await login(t.app, 'unit-zzu');
    const pid = await personId('黄丽');
    const patent = { kind: 'patent', type: 'invention', rank: 1, patentNumber: 'ZL202310001234.5' };
    const first = (await declare(unit, { personId: pid, activity: patent, content: '发明专利' })).json();
    expect(first.channel).toBe('unit');
    expect((await act(unit, first.id, 'submit', { evidenceTypes: ['patent_certificate'] })).json()).toMatchObject({ state: 'unit_approved' });
    const second = (await declare(unit, { personId: pid, activity: patent, content: '发明专利' })).json();
    const refused = await act(unit, second.id, 'submit', { evidenceTypes: ['patent_certificate'] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'duplicate_claim' });
    expect(refused.json().detail).toContain(first.id);
  });

  it('a closed declaration window refuses submission with 409', async () => {
    const me = await login(t.app, idNumberOf('孙悦'));
    const created = await declare(me, { activity: conference, endedOn: '2018-05-01' });
    expect(created.statusCode).toBe(201);
    expect(created.json().year).toBe(2018);
    const refused = await act(me, created.json().id, 'submit', { evidenceTypes: CONFERENCE_EVIDENCE });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'conflict' });
    expect(refused.json().detail).toContain('2018');
  });
});
