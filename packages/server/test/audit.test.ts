import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

describe('audit events', () => {
  it('records a change of state with actor, action, object, digests and request id, in the same transaction', async () => {
    const admin = await login(t.app, 'admin');
    const target = await t.handle.db.selectFrom('accounts').select('id').where('username_display', '=', 'provider-hn').executeTakeFirstOrThrow();
    const res = await as(t.app, admin)('POST', `/api/v1/accounts/${target.id}/disable`);
    const event = await t.handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'account.disabled').executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      actor_account_id: admin.user.id, actor_role: 'admin', object_type: 'account', object_id: target.id,
      request_id: res.headers['x-request-id'],
    });
    expect(event.before_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(event.after_digest).not.toBe(event.before_digest);
    await as(t.app, admin)('POST', `/api/v1/accounts/${target.id}/enable`);
  });

  it('refuses UPDATE and DELETE of an event on the database itself', async () => {
    await expect(sql`UPDATE audit_events SET action = 'forged'`.execute(t.handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events`.execute(t.handle.db)).rejects.toThrow(/append-only/);
    if (t.handle.engine === 'postgres') await expect(sql`TRUNCATE audit_events CASCADE`.execute(t.handle.db)).rejects.toThrow(/append-only/);
  });

  it('lists events newest first for the operator and the provincial bureau, not for a city bureau', async () => {
    const page = (await as(t.app, await login(t.app, 'henan'))('GET', '/api/v1/audit/events?limit=5')).json();
    expect(page.items).toHaveLength(5);
    expect(Number(page.items[0].id)).toBeGreaterThan(Number(page.items[4].id));
    const next = (await as(t.app, await login(t.app, 'admin'))('GET', `/api/v1/audit/events?limit=5&cursor=${page.nextCursor}`)).json();
    expect(Number(next.items[0].id)).toBeLessThan(Number(page.items[4].id));
    expect((await as(t.app, await login(t.app, 'zhengzhou'))('GET', '/api/v1/audit/events')).statusCode).toBe(403);
  });
});

describe('optimistic concurrency', () => {
  it('lets exactly one of concurrent conflicting updates win', async () => {
    const admin = await login(t.app, 'admin');
    const target = await t.handle.db.selectFrom('accounts').select('id').where('username_display', '=', 'luoyang').executeTakeFirstOrThrow();
    const results = await Promise.all(Array.from({ length: 10 }, () => as(t.app, admin)('POST', `/api/v1/accounts/${target.id}/disable`)));
    expect(results.every((r) => r.statusCode === 200 || r.statusCode === 409)).toBe(true);
    const events = await t.handle.db.selectFrom('audit_events').select('id').where('action', '=', 'account.disabled').where('object_id', '=', target.id).execute();
    expect(events).toHaveLength(1);
  });
});
