import { checkCharOfResidentId } from '@jixu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeopleListing } from '../src/db/seed/demo.ts';
import { notifyOverdueRegistrations } from '../src/modules/people/index.ts';
import { as, createTestApp, login, type TestApp } from './helpers.ts';

// Notices: units are told when a registration becomes overdue (once per submission, by the daily job
// or when they look) and when a person transfers away; each account has its own read state.
let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

const DAY = 86_400_000;
const overdueNotices = () => t.handle.db.selectFrom('notifications').selectAll().where('kind', '=', 'registration.overdue').execute();

describe('overdue notices', () => {
  it('are seeded once for each registration waiting more than 7 days, and the job adds none again', async () => {
    const seeded = await overdueNotices();
    // 陈静 (Jinshui hospital), 何军 (Luoyang school), 唐宁 (Gongyi hospital) wait 12, 9 and 10 days.
    expect(seeded.map((n) => n.recipient_id).sort()).toEqual(['unit-gongyi', 'unit-lyu', 'unit-zzu']);
    expect(await notifyOverdueRegistrations(t.app.deps, t.clock.now)).toBe(0);
    expect(await overdueNotices()).toHaveLength(3);
  });

  it('flags the next ones when they pass 7 days: one notice each, however often the job runs', async () => {
    const later = new Date(t.clock.now.getTime() + 7 * DAY + 60_000);
    // 徐强 (2 days) and 郑凯 (1 day) become overdue; runs in parallel do not duplicate.
    const created = await Promise.all([1, 2, 3].map(() => notifyOverdueRegistrations(t.app.deps, later)));
    expect(created.reduce((a, b) => a + b, 0)).toBe(2);
    expect(await notifyOverdueRegistrations(t.app.deps, later)).toBe(0);
    const notices = await overdueNotices();
    expect(notices).toHaveLength(5);
    const xu = notices.find((n) => n.body.startsWith('徐强'))!;
    expect(xu).toMatchObject({ recipient_kind: 'org', recipient_id: 'unit-zzu', title: '注册审核已超期' });
    const xuNumber = demoPeopleListing().find((p) => p.name === '徐强')!.idNumber;
    expect(xu.body).not.toContain(xuNumber);
    expect(xu.body).toContain(xuNumber.slice(0, 4));
  });
});

describe('reading notices', () => {
  it('lists a unit its own notices newest first with an unread count; read state is per account', async () => {
    const unit = as(t.app, await login(t.app, 'unit-zzu'));
    const list = (await unit('GET', '/api/v1/me/notifications')).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.unreadCount).toBe(list.items.length);
    expect(list.items.every((n: { read: boolean }) => !n.read)).toBe(true);

    const first = list.items[0];
    expect((await unit('POST', `/api/v1/me/notifications/${first.id}/read`)).statusCode).toBe(204);
    expect((await unit('POST', `/api/v1/me/notifications/${first.id}/read`)).statusCode).toBe(204);
    const after = (await unit('GET', '/api/v1/me/notifications')).json();
    expect(after.unreadCount).toBe(list.unreadCount - 1);
    expect(after.items.find((n: { id: string }) => n.id === first.id).read).toBe(true);
    expect((await unit('GET', '/api/v1/me/notifications?unread=true')).json().items.map((n: { id: string }) => n.id)).not.toContain(first.id);

    // Another unit cannot see or mark it.
    const lyu = as(t.app, await login(t.app, 'unit-lyu'));
    expect((await lyu('POST', `/api/v1/me/notifications/${first.id}/read`)).statusCode).toBe(404);
    expect((await lyu('GET', '/api/v1/me/notifications?limit=200')).json().items.map((n: { id: string }) => n.id)).not.toContain(first.id);
  });

  it('pages with a cursor and gives a person their own notices only', async () => {
    const person = demoPeopleListing().find((p) => p.name === '张伟')!;
    const me = as(t.app, await login(t.app, person.idNumber));
    const mine = (await me('GET', '/api/v1/me/notifications')).json();
    expect(mine.items).toEqual([expect.objectContaining({ kind: 'registration.approved', body: expect.stringContaining('4101050000000010') })]);

    const lyu = as(t.app, await login(t.app, 'unit-lyu'));
    const page1 = (await lyu('GET', '/api/v1/me/notifications?limit=1')).json();
    expect(page1.items).toHaveLength(1);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = (await lyu('GET', `/api/v1/me/notifications?limit=1&cursor=${page1.nextCursor}`)).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.items[0].id).not.toBe(page1.items[0].id);
    // The operator has no organisation and no notices.
    expect((await as(t.app, await login(t.app, 'admin'))('GET', '/api/v1/me/notifications')).json()).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
  });

  it('flags a unit of overdue registrations when it looks, without waiting for the daily job', async () => {
    const id17 = '41010519930505555';
    const reg = await t.app.inject({
      method: 'POST', url: '/api/v1/registrations', remoteAddress: '10.3.0.1',
      payload: {
        idNumber: id17 + checkCharOfResidentId(id17), name: '等待者', sex: 'male', birthDate: '1993-05-05', phone: '13603710001',
        education: '大学专科', major: '护理学', titleSeries: '卫生系列', titleLevel: '员级', unitId: 'unit-zzu', password: 'Waiting#2025',
      },
    });
    expect(reg.statusCode).toBe(201);
    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + 8 * DAY);
    try {
      const unit = as(t.app, await login(t.app, 'unit-zzu'));
      const list = (await unit('GET', '/api/v1/me/notifications?unread=true')).json();
      const flagged = list.items.filter((n: { kind: string; body: string }) => n.kind === 'registration.overdue' && n.body.startsWith('等待者'));
      expect(flagged).toHaveLength(1);
      // Looking again, or opening the queue, adds nothing.
      await unit('GET', '/api/v1/registrations');
      await unit('GET', '/api/v1/me/notifications');
      expect((await overdueNotices()).filter((n) => n.body.startsWith('等待者'))).toHaveLength(1);
    } finally {
      t.clock.now = saved;
    }
  });
});
