import { policy } from '@jixu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDefaultPolicy } from '../src/modules/policy/index.ts';
import { demoPeopleListing } from '../src/db/seed/demo.ts';
import { as, createTestApp, login, type Session, type TestApp } from './helpers.ts';

// Art. 8 reductions: a person (or their unit) declares a leave period with dates and proof, the unit
// approves or rejects it, and approved periods reduce the year's requirement.
let t: TestApp;
const Y = policy.businessYear(new Date());
const listing = demoPeopleListing();
const idNumberOf = (name: string) => listing.find((p) => p.name === name)!.idNumber;

beforeAll(async () => {
  t = await createTestApp();
  await ensureDefaultPolicy(t.handle.db, new Date());
});
afterAll(async () => { await t?.close(); });

async function personId(name: string): Promise<string> {
  return (await t.handle.db.selectFrom('persons').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

const declare = async (session: Session, name: string, body: object) => as(t.app, session)('POST', `/api/v1/persons/${await personId(name)}/leave-periods`, body);
const yearOf = async (session: Session, name: string) => (await as(t.app, session)('GET', `/api/v1/persons/${await personId(name)}/years/${Y}`)).json();
const events = (id: string) => t.handle.db.selectFrom('audit_events').select('action').where('object_type', '=', 'leave_period').where('object_id', '=', id).orderBy('id').execute();

describe('declaring and approving leave', () => {
  it('a person declares; nothing changes until the unit approves; then the requirement falls', async () => {
    const me = await login(t.app, idNumberOf('孙悦'));
    const declared = await declare(me, '孙悦', { kind: 'abroad', from: `${Y}-01-01`, to: `${Y}-09-30`, proofNote: '因公出国任务批件' });
    expect(declared.statusCode).toBe(201);
    const period = declared.json();
    expect(period).toMatchObject({ kind: 'abroad', clause: '8(1)', state: 'pending', personName: '孙悦', decidedAt: null });
    expect((await yearOf(me, '孙悦')).required.total).toBe(90);

    const unit = await login(t.app, 'unit-zzu');
    const queue = (await as(t.app, unit)('GET', '/api/v1/leave-periods?state=pending')).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(period.id);
    const approved = await as(t.app, unit)('POST', `/api/v1/leave-periods/${period.id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'approved', version: 2 });

    const status = await yearOf(me, '孙悦');
    const days = policy.leaveDaysInYear({ from: `${Y}-01-01`, to: `${Y}-09-30` }, Y);
    const yearDays = policy.leaveDaysInYear({ from: `${Y}-01-01`, to: `${Y}-12-31` }, Y);
    expect(status.required.total).toBe(Math.ceil((90 * (yearDays - days)) / yearDays));
    // Art. 8(1) rests on the provisional 6-month threshold.
    expect(status.reductions).toEqual([expect.objectContaining({ kind: 'abroad', applies: true, provisional: true, days })]);
    expect(status.provisional).toBe(true);

    expect((await as(t.app, unit)('POST', `/api/v1/leave-periods/${period.id}/approve`)).statusCode).toBe(409);
    expect((await events(period.id)).map((e) => e.action)).toEqual(['leave_period.declared', 'leave_period.approved']);
  });

  it('a unit declares for its own people and rejects with a reason', async () => {
    const unit = await login(t.app, 'unit-zzu');
    const declared = await declare(unit, '黄丽', { kind: 'sick_leave', from: `${Y}-03-01`, to: `${Y}-05-31`, proofNote: '病休证明' });
    expect(declared.statusCode).toBe(201);
    const id = declared.json().id as string;
    const noReason = await as(t.app, unit)('POST', `/api/v1/leave-periods/${id}/reject`, { reason: ' ' });
    expect(noReason.json().errors[0].field).toBe('body.reason');
    const rejected = await as(t.app, unit)('POST', `/api/v1/leave-periods/${id}/reject`, { reason: '证明材料不全' });
    expect(rejected.json()).toMatchObject({ state: 'rejected', reason: '证明材料不全' });
    expect((await yearOf(unit, '黄丽')).reductions).toEqual([]);
    expect((await events(id)).map((e) => e.action)).toEqual(['leave_period.declared', 'leave_period.rejected']);
  });

  it('a sick leave of 6 months or less reduces nothing (Art. 8(2))', async () => {
    const unit = await login(t.app, 'unit-lyu');
    const declared = await declare(unit, '谢颖', { kind: 'sick_leave', from: `${Y}-02-01`, to: `${Y}-05-31`, proofNote: '病休证明' });
    await as(t.app, unit)('POST', `/api/v1/leave-periods/${declared.json().id}/approve`);
    const status = await yearOf(unit, '谢颖');
    expect(status.required.total).toBe(90);
    expect(status.reductions).toEqual([expect.objectContaining({ kind: 'sick_leave', applies: false })]);
  });

  it('keeps periods within scope: other units, other people, reviewers who may only look', async () => {
    const other = await login(t.app, 'unit-lyu');
    const body = { kind: 'maternity_leave', from: `${Y}-06-01`, to: `${Y}-08-31`, proofNote: '生育证明' };
    expect((await declare(other, '张伟', body)).statusCode).toBe(404);
    expect((await declare(await login(t.app, idNumberOf('王芳')), '张伟', body)).statusCode).toBe(404);
    expect((await declare(await login(t.app, 'jinshui'), '张伟', body)).statusCode).toBe(403);

    const pending = (await as(t.app, await login(t.app, 'unit-zzu'))('GET', '/api/v1/leave-periods?state=pending')).json().items[0];
    expect(pending).toBeDefined();
    expect((await as(t.app, other)('POST', `/api/v1/leave-periods/${pending.id}/approve`)).statusCode).toBe(404);
    expect((await as(t.app, await login(t.app, 'henan'))('POST', `/api/v1/leave-periods/${pending.id}/approve`)).statusCode).toBe(403);

    const lyuQueue = (await as(t.app, other)('GET', '/api/v1/leave-periods')).json().items as { personName: string }[];
    expect(lyuQueue.every((i) => listing.find((p) => p.name === i.personName)?.unit === 'unit-lyu')).toBe(true);
    const jinshui = (await as(t.app, await login(t.app, 'jinshui'))('GET', '/api/v1/leave-periods')).json().items as { id: string }[];
    expect(jinshui.map((i) => i.id)).toContain(pending.id);
    const luoyang = (await as(t.app, await login(t.app, 'luoyang'))('GET', '/api/v1/leave-periods')).json().items as { id: string }[];
    expect(luoyang.map((i) => i.id)).not.toContain(pending.id);

    const mine = await as(t.app, await login(t.app, idNumberOf('吴敏')))('GET', `/api/v1/persons/${await personId('吴敏')}/leave-periods`);
    expect(mine.json().items).toEqual([expect.objectContaining({ kind: 'sick_leave', state: 'pending' })]);
    expect((await as(t.app, other)('GET', `/api/v1/persons/${await personId('吴敏')}/leave-periods`)).statusCode).toBe(404);
  });

  it('refuses bad dates, overlaps, closed years and people not yet approved, naming the field', async () => {
    const unit = await login(t.app, 'unit-zzu');
    const cases: [object, string][] = [
      [{ kind: 'abroad', from: `${Y}-05-01`, to: `${Y}-04-01`, proofNote: '批件' }, 'body.to'],
      [{ kind: 'abroad', from: `${Y}-02-30`, to: `${Y}-04-01`, proofNote: '批件' }, 'body.from'],
      [{ kind: 'holiday', from: `${Y}-01-01`, to: `${Y}-04-01`, proofNote: '批件' }, 'body.kind'],
      [{ kind: 'abroad', from: `${Y}-01-01`, to: `${Y}-04-01`, proofNote: ' ' }, 'body.proofNote'],
      [{ kind: 'abroad', from: `${Y - 3}-01-01`, to: `${Y - 3}-04-01`, proofNote: '批件' }, 'body.to'],
      // 吴敏's demo sick leave is pending over February to September.
      [{ kind: 'sick_leave', from: `${Y}-09-01`, to: `${Y}-10-31`, proofNote: '病休证明' }, 'body.from'],
    ];
    for (const [body, field] of cases) {
      const res = await declare(unit, '吴敏', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field), JSON.stringify(body)).toContain(field);
    }
    const pendingPerson = listing.find((p) => p.unit === 'unit-zzu' && p.status === 'pending')!;
    const res = await declare(unit, pendingPerson.name, { kind: 'abroad', from: `${Y}-01-01`, to: `${Y}-09-01`, proofNote: '批件' });
    expect(res.statusCode).toBe(400);
  });
});
