import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeopleListing } from '../src/db/seed/demo.ts';
import { as, createTestApp, login, type TestApp } from './helpers.ts';

// PIPL / SPEC "Privacy": the full ID number and phone only to the person, their unit's admins and
// the bureaus over them, each time with a reason kept in the audit trail; never in logs.
let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

const people = demoPeopleListing();
const li = people.find((p) => p.name === '李娜')!;
const gongyiPerson = people.find((p) => p.name === '韩冰')!;
const idOf = async (name: string) => (await t.handle.db.selectFrom('persons').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

describe('reveal', () => {
  it('shows the full values to the person, their unit and the bureaus over it, each with an audited reason', async () => {
    const personId = await idOf('李娜');
    for (const username of [li.idNumber, 'unit-zzu', 'jinshui', 'zhengzhou', 'henan']) {
      const res = await as(t.app, await login(t.app, username))('POST', `/api/v1/persons/${personId}/reveal`, { reason: '核对职称申报材料' });
      expect(res.statusCode, username).toBe(200);
      expect(res.json()).toEqual({ idNumber: li.idNumber, phone: li.phone });
      expect(res.headers['cache-control']).toContain('no-store');
    }
    const events = await t.handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'person.revealed').where('object_id', '=', personId).execute();
    expect(events).toHaveLength(5);
    expect(events.every((e) => e.note === '核对职称申报材料' && e.actor_account_id !== null)).toBe(true);
    expect(new Set(events.map((e) => e.actor_role))).toEqual(new Set(['person', 'unit', 'bureau-county', 'bureau-city', 'bureau-province']));
    const logText = t.logs.join('');
    expect(logText).not.toContain(li.idNumber);
    expect(logText).not.toContain(li.phone);
  });

  it('is not found outside the scope, forbidden to authorities, and needs a reason of 4 characters', async () => {
    const personId = await idOf('韩冰');
    const body = { reason: '核对职称申报材料' };
    // Zhengzhou does not supervise Gongyi (province-administered county); another person is not oneself.
    expect((await as(t.app, await login(t.app, 'zhengzhou'))('POST', `/api/v1/persons/${personId}/reveal`, body)).statusCode).toBe(404);
    expect((await as(t.app, await login(t.app, 'unit-zzu'))('POST', `/api/v1/persons/${personId}/reveal`, body)).statusCode).toBe(404);
    expect((await as(t.app, await login(t.app, li.idNumber))('POST', `/api/v1/persons/${personId}/reveal`, body)).statusCode).toBe(404);
    expect((await as(t.app, await login(t.app, 'weijian'))('POST', `/api/v1/persons/${personId}/reveal`, body)).statusCode).toBe(403);
    expect((await as(t.app, await login(t.app, 'admin'))('POST', `/api/v1/persons/${personId}/reveal`, body)).statusCode).toBe(403);

    const gongyi = as(t.app, await login(t.app, 'gongyi'));
    const short = await gongyi('POST', `/api/v1/persons/${personId}/reveal`, { reason: '查看' });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe('body.reason');
    expect((await gongyi('POST', `/api/v1/persons/${personId}/reveal`, { reason: '    　' })).statusCode).toBe(400);
    const ok = await gongyi('POST', `/api/v1/persons/${personId}/reveal`, { reason: `核对 ${gongyiPerson.phone} 号码` });
    expect(ok.json().idNumber).toBe(gongyiPerson.idNumber);
    // A number typed into the reason is masked before it is stored.
    const event = await t.handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'person.revealed').where('object_id', '=', personId).executeTakeFirstOrThrow();
    expect(event.note).toBe('核对 [手机号] 号码');
    expect(await t.handle.db.selectFrom('audit_events').select('id').where('action', '=', 'person.revealed').where('object_id', '=', personId).execute()).toHaveLength(1);
  });
});
