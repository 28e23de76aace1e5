import { policy } from '@jixu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDefaultPolicy } from '../src/modules/policy/index.ts';
import { demoPeopleListing } from '../src/db/seed/demo.ts';
import { as, createTestApp, login, type Session, type TestApp } from './helpers.ts';

// API.md "Yearly status": GET /api/v1/persons/{id}/years/{year}, on the demo records
// (db/seed/demo-records.ts): only verified records count, reductions apply, scope decides who sees.
let t: TestApp;
let henan: Session;
const Y = policy.businessYear(new Date());
const people = demoPeopleListing();

beforeAll(async () => {
  t = await createTestApp();
  await ensureDefaultPolicy(t.handle.db, new Date());
  henan = await login(t.app, 'henan');
});
afterAll(async () => { await t?.close(); });

async function personId(name: string): Promise<string> {
  const row = await t.handle.db.selectFrom('persons').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return row.id;
}

const status = async (session: Session, name: string, year: number) =>
  as(t.app, session)('GET', `/api/v1/persons/${await personId(name)}/years/${year}`);

describe('yearly status', () => {
  it('answers with the fields of API.md, the counted records with hours, clause and explanation', async () => {
    const res = await status(henan, '张伟', Y);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    for (const key of ['year', 'policyVersion', 'required', 'earned', 'complete', 'fullYear', 'reductions', 'records']) expect(body).toHaveProperty(key);
    expect(body).toMatchObject({
      year: Y, policyVersion: 'HN-2017', complete: true, fullYear: false,
      required: { total: 90, public: 24, professional: 60 },
      earned: { total: 126, public: 30, professional: 96 },
      shortfall: { total: 0, public: 0, professional: 0 },
      reductions: [],
    });
    expect(body.records).toHaveLength(4);
    for (const r of body.records) {
      expect(typeof r.hours).toBe('number');
      expect(r.clause).toMatch(/^7\(\d+\)$/);
      expect(r.explanation.startsWith(r.clause)).toBe(true);
    }
    expect(body.records.map((r: { hours: number }) => r.hours).sort((a: number, b: number) => a - b)).toEqual([20, 30, 36, 40]);
  });

  it('counts only verified records', async () => {
    const id = await personId('张伟');
    const all = await t.handle.db.selectFrom('records').select(['id', 'state']).where('person_id', '=', id).where('year', '=', Y).execute();
    expect(all.some((r) => r.state !== 'verified')).toBe(true);
    const counted = (await status(henan, '张伟', Y)).json().records.map((r: { id: string }) => r.id).sort();
    expect(counted).toEqual(all.filter((r) => r.state === 'verified').map((r) => r.id).sort());
  });

  it('tells what is still missing in an incomplete year', async () => {
    const body = (await status(henan, '李娜', Y)).json();
    expect(body).toMatchObject({ complete: false, earned: { public: 12, professional: 30, total: 42 } });
    expect(body.shortfall).toEqual({ total: 48, public: 12, professional: 30 });
    expect(body.explanation).toContain('未完成');
  });

  it('completes the year of an aid record (Art. 7(11)) without hours', async () => {
    const body = (await status(henan, '李娜', Y - 2)).json();
    expect(body).toMatchObject({ complete: true, fullYear: true, earned: { total: 0 } });
    expect(body.records[0]).toMatchObject({ kind: 'aid_service', clause: '7(11)', fullYear: true, category: 'both' });
  });

  it('reduces the requirement for approved maternity leave (Art. 8(3))', async () => {
    const body = (await status(henan, '刘洋', Y)).json();
    expect(body.required).toEqual({ total: 66, public: 17.6, professional: 43.9 });
    expect(body.reductions).toEqual([expect.objectContaining({ kind: 'maternity_leave', clause: '8(3)', days: 98, applies: true })]);
    expect(body).toMatchObject({ complete: true, earned: { total: 66 } });
    // The year before, without leave, asks the full 90.
    expect((await status(henan, '刘洋', Y - 1)).json().required.total).toBe(90);
  });

  it('counts a project in every year of its plan up to its record year (Art. 7(5))', async () => {
    const before = (await status(henan, '杨帆', Y - 2)).json();
    const last = (await status(henan, '杨帆', Y - 1)).json();
    const now = (await status(henan, '杨帆', Y)).json();
    const project = (body: { records: { kind: string; id: string; hours: number; year: number }[] }) => body.records.find((r) => r.kind === 'project');
    expect(project(before)).toMatchObject({ hours: 60, year: Y - 1 });
    expect(project(last)?.id).toBe(project(before)?.id);
    expect(project(now)).toBeUndefined();
    expect(before.complete && last.complete && !now.complete).toBe(true);
  });

  it('marks a status that rests on provisional values', async () => {
    const body = (await status(henan, '王芳', Y)).json();
    expect(body).toMatchObject({ complete: true, provisional: true, earned: { total: 90, public: 30, professional: 60 } });
    expect(body.records.every((r: { provisional: boolean; category: string }) => r.category === 'public' || r.provisional)).toBe(true);
  });

  it('shows a person only to themself, their unit and the bureaus and authority over them', async () => {
    const zhang = people.find((p) => p.name === '张伟')!;
    const other = people.find((p) => p.name === '王芳')!;
    const allowed = ['henan', 'zhengzhou', 'jinshui', 'unit-zzu', 'weijian', zhang.idNumber];
    const hidden = ['luoyang', 'gongyi', 'unit-lyu', other.idNumber];
    for (const username of allowed) expect((await status(await login(t.app, username), '张伟', Y)).statusCode, username).toBe(200);
    for (const username of hidden) expect((await status(await login(t.app, username), '张伟', Y)).statusCode, username).toBe(404);
    for (const username of ['admin', 'provider-hn']) expect((await status(await login(t.app, username), '张伟', Y)).statusCode, username).toBe(403);
    expect((await status(undefined as unknown as Session, '张伟', Y)).statusCode).toBe(401);
  });

  it('answers 404 for a year no version governs and 400 for a year out of range', async () => {
    expect((await status(henan, '张伟', 2010)).statusCode).toBe(404);
    const res = await status(henan, '张伟', 1800);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('params.year');
  });
});
