import { policy } from '@jixu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDefaultPolicy } from '../src/modules/policy/index.ts';
import { as, createTestApp, login, type Session, type TestApp } from './helpers.ts';

// Policy versions (Art. 16–18): public reading, drafts for the provincial bureau, copy → edit →
// publish, published versions never change, every change an audit event, the calculator follows.
let t: TestApp;
let henan: Session;
const Y = policy.businessYear(new Date());
const nextId = `HN-${Y + 1}`;

beforeAll(async () => {
  t = await createTestApp();
  await ensureDefaultPolicy(t.handle.db, new Date());
  henan = await login(t.app, 'henan');
});
afterAll(async () => { await t?.close(); });

const anon = () => as(t.app, undefined);
const events = (id: string) =>
  t.handle.db.selectFrom('audit_events').select(['action', 'actor_account_id', 'after_digest']).where('object_type', '=', 'policy_version').where('object_id', '=', id).orderBy('id').execute();

type Doc = Record<string, unknown> & { rules: Record<string, unknown>[]; requirement: Record<string, { value: number; provisional: boolean }> };

describe('reference data', () => {
  it('loads HN-2017 once, as published, with an audit event', async () => {
    expect(await ensureDefaultPolicy(t.handle.db, new Date())).toBe(false);
    const rows = await t.handle.db.selectFrom('policy_versions').selectAll().execute();
    expect(rows.map((r) => [r.id, r.status])).toEqual([['HN-2017', 'published']]);
    expect((await events('HN-2017')).map((e) => e.action)).toEqual(['policy.seeded']);
  });
});

describe('reading (public)', () => {
  it('lists the published versions and marks the one in force', async () => {
    const res = await anon()('GET', '/api/v1/policies');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({
      id: 'HN-2017', status: 'published', effectiveFrom: '2017-08-17', current: true, source: '豫人社〔2017〕121号',
    })]);
  });

  it('returns the document, equal to HN_2017 with every clause and provisional flag', async () => {
    const res = await anon()('GET', '/api/v1/policies/HN-2017');
    expect(res.statusCode).toBe(200);
    expect(res.json().document).toEqual(JSON.parse(JSON.stringify(policy.HN_2017)));
    expect((await anon()('GET', '/api/v1/policies/HN-1999')).statusCode).toBe(404);
  });
});

describe('copy, edit, publish (provincial bureau)', () => {
  it('copies a version into a draft that only the provincial bureau sees', async () => {
    const res = await as(t.app, henan)('POST', '/api/v1/policies', { copyFrom: 'HN-2017', id: nextId, effectiveFrom: `${Y + 1}-01-01` });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: nextId, status: 'draft', copiedFrom: 'HN-2017', effectiveFrom: `${Y + 1}-01-01`, version: 1 });
    expect(res.json().document.rules).toEqual(JSON.parse(JSON.stringify(policy.HN_2017.rules)));
    expect((await anon()('GET', `/api/v1/policies/${nextId}`)).statusCode).toBe(404);
    expect((await as(t.app, await login(t.app, 'zhengzhou'))('GET', `/api/v1/policies/${nextId}`)).statusCode).toBe(404);
    expect((await anon()('GET', '/api/v1/policies')).json().items.map((i: { id: string }) => i.id)).toEqual(['HN-2017']);
    expect((await as(t.app, henan)('GET', '/api/v1/policies')).json().items.map((i: { id: string }) => i.id)).toEqual([nextId, 'HN-2017']);
    expect((await events(nextId)).map((e) => e.action)).toEqual(['policy.draft_created']);
  });

  it('refuses a taken id, an unknown source, a closed year and other bureaus', async () => {
    const post = (body: object) => as(t.app, henan)('POST', '/api/v1/policies', body);
    const taken = await post({ copyFrom: 'HN-2017', id: nextId, effectiveFrom: `${Y + 1}-06-01` });
    expect(taken.json().errors[0].field).toBe('body.id');
    const unknown = await post({ copyFrom: 'HN-1999', id: 'HN-X', effectiveFrom: `${Y + 1}-06-01` });
    expect(unknown.json().errors[0].field).toBe('body.copyFrom');
    const closed = await post({ copyFrom: 'HN-2017', id: 'HN-OLD', effectiveFrom: `${Y - 2}-01-01` });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().errors[0]).toMatchObject({ field: 'body.effectiveFrom' });
    const sameDate = await post({ copyFrom: 'HN-2017', id: 'HN-SAME', effectiveFrom: '2017-08-17' });
    expect(sameDate.statusCode).toBe(400);
    const badId = await post({ copyFrom: 'HN-2017', id: 'HN 2027!', effectiveFrom: `${Y + 1}-06-01` });
    expect(badId.json().errors[0].field).toBe('body.id');
    const city = await as(t.app, await login(t.app, 'zhengzhou'))('POST', '/api/v1/policies', { copyFrom: 'HN-2017', id: 'HN-Z', effectiveFrom: `${Y + 1}-06-01` });
    expect(city.statusCode).toBe(403);
  });

  it('edits a draft with optimistic concurrency and validates the whole document', async () => {
    const draft = (await as(t.app, henan)('GET', `/api/v1/policies/${nextId}`)).json();
    const document = draft.document as Doc;
    const conference = document.rules.find((r) => r.kind === 'conference') as { levels: { national: { perDay: { value: number; provisional: boolean } } } };
    conference.levels.national.perDay = { value: 100, provisional: false };

    const saved = await as(t.app, henan)('PUT', `/api/v1/policies/${nextId}`, { document, version: draft.version });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2 });
    const stale = await as(t.app, henan)('PUT', `/api/v1/policies/${nextId}`, { document, version: draft.version });
    expect(stale.statusCode).toBe(409);

    const broken = structuredClone(document);
    broken.requirement.total = { value: -5, provisional: false };
    const invalid = await as(t.app, henan)('PUT', `/api/v1/policies/${nextId}`, { document: broken, version: 2 });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors[0].field).toMatch(/^body\.document\.requirement\.total/);
    const renamed = await as(t.app, henan)('PUT', `/api/v1/policies/${nextId}`, { document: { ...document, id: 'HN-OTHER' }, version: 2 });
    expect(renamed.json().errors.map((e: { field: string }) => e.field)).toContain('body.document.id');

    const published = await as(t.app, henan)('PUT', '/api/v1/policies/HN-2017', { document: JSON.parse(JSON.stringify(policy.HN_2017)), version: 1 });
    expect(published.statusCode).toBe(409);
    expect((await events(nextId)).map((e) => e.action)).toEqual(['policy.draft_created', 'policy.draft_updated']);
  });

  it('publishes: the version never changes again, and the calculator uses it for its years at once', async () => {
    const activity = { kind: 'conference', level: 'national', days: 2, presented: false };
    const before = await anon()('POST', '/api/v1/policy/evaluate', { year: Y + 1, activity });
    expect(before.json()).toMatchObject({ hours: 16, policyVersion: 'HN-2017' });

    const res = await as(t.app, henan)('POST', `/api/v1/policies/${nextId}/publish`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'published', version: 3 });
    expect(res.json().publishedAt).toBeTruthy();

    const after = await anon()('POST', '/api/v1/policy/evaluate', { year: Y + 1, activity });
    // 10 hours a day (100 tenths), confirmed, instead of the provisional 8.
    expect(after.json()).toMatchObject({ hours: 20, policyVersion: nextId, provisional: false });
    // Earlier years keep the version then in force (Art. 16–18).
    expect((await anon()('POST', '/api/v1/policy/evaluate', { year: Y, activity })).json()).toMatchObject({ hours: 16, policyVersion: 'HN-2017' });

    expect((await as(t.app, henan)('POST', `/api/v1/policies/${nextId}/publish`)).statusCode).toBe(409);
    const doc = (await anon()('GET', `/api/v1/policies/${nextId}`)).json();
    expect((await as(t.app, henan)('PUT', `/api/v1/policies/${nextId}`, { document: doc.document, version: doc.version })).statusCode).toBe(409);
    const trail = await events(nextId);
    expect(trail.map((e) => e.action)).toEqual(['policy.draft_created', 'policy.draft_updated', 'policy.published']);
    expect(trail.every((e) => e.actor_account_id === henan.user.id && e.after_digest)).toBe(true);
  });

  it('refuses to publish a draft whose date is taken by a published version', async () => {
    const copy = await as(t.app, henan)('POST', '/api/v1/policies', { copyFrom: nextId, id: 'HN-DUP', effectiveFrom: `${Y + 1}-03-01` });
    expect(copy.statusCode).toBe(201);
    const document = { ...copy.json().document, effectiveFrom: `${Y + 1}-01-01` };
    const res = await as(t.app, henan)('PUT', '/api/v1/policies/HN-DUP', { document, version: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('body.document.effectiveFrom');
  });
});
