import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeopleListing } from '../src/db/seed/demo.ts';
import { as, createTestApp, login, type TestApp } from './helpers.ts';

// SPEC "Registration": a transfer (调动) is asked by the person and accepted by the new unit; the old
// unit is told; history and the certificate number (Art. 13) stay with the person.
let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

const people = demoPeopleListing();
const byName = (name: string) => people.find((p) => p.name === name)!;
const personRow = (name: string) => t.handle.db.selectFrom('persons').selectAll().where('name', '=', name).executeTakeFirstOrThrow();

type Transfer = { id: string; personId: string; status: string; fromUnit: { id: string }; toUnit: { id: string }; maskedIdNumber: string };

describe('the seeded transfer', () => {
  it('is incoming for the new unit, outgoing for the old one; accepting moves the person and keeps the number', async () => {
    const before = await personRow('孙悦');
    const lyu = as(t.app, await login(t.app, 'unit-lyu'));
    const zzu = as(t.app, await login(t.app, 'unit-zzu'));
    const incoming = (await lyu('GET', '/api/v1/transfers?direction=incoming&status=pending')).json();
    expect(incoming.items).toHaveLength(1);
    const transfer = incoming.items[0] as Transfer;
    expect(transfer).toMatchObject({ personId: before.id, personName: '孙悦', fromUnit: { id: 'unit-zzu', name: '郑州市金水区人民医院' }, toUnit: { id: 'unit-lyu' }, status: 'pending' });
    expect(transfer.maskedIdNumber).not.toContain(byName('孙悦').idNumber.slice(6, 14));
    expect((await zzu('GET', '/api/v1/transfers?direction=outgoing')).json().items.map((i: Transfer) => i.id)).toEqual([transfer.id]);
    expect((await zzu('GET', '/api/v1/transfers?direction=incoming')).json().items).toEqual([]);
    // Only the new unit decides.
    expect((await zzu('POST', `/api/v1/transfers/${transfer.id}/accept`)).statusCode).toBe(404);
    expect((await as(t.app, await login(t.app, 'zhengzhou'))('POST', `/api/v1/transfers/${transfer.id}/accept`)).statusCode).toBe(403);

    const accepted = await lyu('POST', `/api/v1/transfers/${transfer.id}/accept`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', decidedAt: expect.any(String) });
    expect((await lyu('POST', `/api/v1/transfers/${transfer.id}/accept`)).statusCode).toBe(409);

    const after = await personRow('孙悦');
    expect(after).toMatchObject({ unit_id: 'unit-lyu', department: '校医室', status: 'approved', certificate_number: before.certificate_number });
    expect(after.certificate_number).toBe('4101050000000085');
    // Scope follows the unit: the old unit no longer sees the person, the new one does.
    expect((await zzu('GET', `/api/v1/persons/${after.id}`)).statusCode).toBe(404);
    expect((await lyu('GET', `/api/v1/persons/${after.id}`)).json()).toMatchObject({ unitId: 'unit-lyu', certificateNumber: '4101050000000085' });

    // The old unit is told; the person sees it in their history and notices.
    const notices = (await zzu('GET', '/api/v1/me/notifications')).json();
    expect(notices.items.find((n: { kind: string }) => n.kind === 'transfer.completed')).toMatchObject({ title: '人员调出通知', read: false });
    const me = as(t.app, await login(t.app, byName('孙悦').idNumber));
    const history = (await me('GET', '/api/v1/me/registration')).json().history;
    expect(history.at(-1)).toMatchObject({ action: 'transferred', unitName: '洛阳市第一高级中学' });
    expect((await me('GET', '/api/v1/me')).json().user.certificateNumber).toBe('4101050000000085');
    expect((await me('GET', '/api/v1/me/notifications')).json().items[0]).toMatchObject({ kind: 'transfer.accepted' });
    expect((await me('GET', '/api/v1/me/transfers')).json().items[0]).toMatchObject({ id: transfer.id, status: 'accepted' });
  });
});

describe('asking for a transfer', () => {
  it('needs an approved registration, another active unit, and one open request at a time', async () => {
    const pending = as(t.app, await login(t.app, byName('陈静').idNumber));
    expect((await pending('POST', '/api/v1/me/transfers', { toUnitId: 'unit-lyu' })).statusCode).toBe(409);

    const me = as(t.app, await login(t.app, byName('王芳').idNumber));
    expect((await me('POST', '/api/v1/me/transfers', { toUnitId: 'unit-zzu' })).json().errors[0]).toMatchObject({ field: 'body.toUnitId', message: '您已在该单位，无需调动' });
    expect((await me('POST', '/api/v1/me/transfers', { toUnitId: 'bureau-4103' })).statusCode).toBe(400);
    const created = await me('POST', '/api/v1/me/transfers', { toUnitId: 'unit-gongyi', department: '急诊科' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ id: expect.any(String), status: 'pending' });
    expect((await me('POST', '/api/v1/me/transfers', { toUnitId: 'unit-lyu' })).statusCode).toBe(409);

    const cancelled = await me('POST', `/api/v1/me/transfers/${created.json().id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', toUnit: { id: 'unit-gongyi', name: '巩义市人民医院' }, department: '急诊科' });
    expect((await me('POST', `/api/v1/me/transfers/${created.json().id}/cancel`)).statusCode).toBe(409);
    // Someone else's transfer is not found.
    const other = as(t.app, await login(t.app, byName('李娜').idNumber));
    expect((await other('POST', `/api/v1/me/transfers/${created.json().id}/cancel`)).statusCode).toBe(404);
  });

  it('admits one of concurrent requests by the same person', async () => {
    const session = await login(t.app, byName('刘洋').idNumber);
    const answers = await Promise.all(['unit-lyu', 'unit-gongyi', 'unit-lyu', 'unit-gongyi'].map((u) => as(t.app, session)('POST', '/api/v1/me/transfers', { toUnitId: u })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409]);
    const row = await personRow('刘洋');
    const open = await t.handle.db.selectFrom('transfers').select('id').where('person_id', '=', row.id).where('status', '=', 'pending').execute();
    expect(open).toHaveLength(1);
  });

  it('lets the new unit refuse with a reason the person is told; the person stays where they were', async () => {
    const me = as(t.app, await login(t.app, byName('杨帆').idNumber));
    const { id } = (await me('POST', '/api/v1/me/transfers', { toUnitId: 'unit-lyu' })).json();
    const lyu = as(t.app, await login(t.app, 'unit-lyu'));
    expect((await lyu('POST', `/api/v1/transfers/${id}/reject`, { reason: ' ' })).statusCode).toBe(400);
    const rejected = await lyu('POST', `/api/v1/transfers/${id}/reject`, { reason: '暂无岗位编制' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', reason: '暂无岗位编制' });
    expect((await personRow('杨帆')).unit_id).toBe('unit-zzu');
    const notice = (await me('GET', '/api/v1/me/notifications?unread=true')).json().items[0];
    expect(notice).toMatchObject({ kind: 'transfer.rejected', body: expect.stringContaining('暂无岗位编制') });
    const events = await t.handle.db.selectFrom('audit_events').select('action').where('object_id', '=', id).execute();
    expect(events.map((e) => e.action).sort()).toEqual(['transfer.rejected', 'transfer.requested']);
  });
});
