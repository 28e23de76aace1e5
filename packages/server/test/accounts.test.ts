import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Org } from '../src/db/schema.ts';
import { as, createTestApp, login, type Session, type TestApp } from './helpers.ts';

// Account management in scope (docs/organisations.md "Accounts"): who sees and manages which
// accounts, creation with a temporary password, disabling (sessions end), password reset (must
// change at next login). Outside the scope an account is not found (404).
let t: TestApp;
let orgs: Map<string, Org>;
beforeAll(async () => {
  t = await createTestApp();
  orgs = new Map((await t.handle.db.selectFrom('orgs').selectAll().execute()).map((o) => [o.id, o]));
});
afterAll(async () => { await t?.close(); });

const call = (s: Session) => as(t.app, s);
const idOf = async (username: string) =>
  (await t.handle.db.selectFrom('accounts').select('id').where('username_display', '=', username).executeTakeFirstOrThrow()).id;

function chainUp(orgId: string | null): string[] {
  const chain: string[] = [];
  for (let id = orgId; id; id = orgs.get(id)?.parent_id ?? null) chain.push(id);
  return chain;
}

/** An independent model of the contract: walks up the supervision columns where the SQL walks down. */
function manages(manager: { role: string; org_id: string | null }, account: { org_id: string | null }): boolean {
  if (manager.role === 'admin') return true;
  const org = account.org_id ? orgs.get(account.org_id) : undefined;
  if (!org) return false;
  if (manager.role !== 'bureau') return account.org_id === manager.org_id;
  if (org.kind === 'bureau') return chainUp(org.id).includes(manager.org_id!);
  if (org.kind === 'unit' || org.kind === 'provider') return chainUp(org.bureau_id).includes(manager.org_id!);
  return false;
}

async function listAll(s: Session): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = (await call(s)('GET', `/api/v1/accounts?limit=9${cursor ? `&cursor=${cursor}` : ''}`)).json() as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...page.items.map((a) => a.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids.sort();
}

describe('listing accounts in scope', () => {
  it.each(['admin', 'henan', 'zhengzhou', 'jinshui', 'gongyi', 'weijian', 'unit-zzu', 'provider-hn'])('%s sees exactly the accounts it manages', async (username) => {
    const s = await login(t.app, username);
    const manager = await t.handle.db.selectFrom('accounts').selectAll().where('id', '=', s.user.id).executeTakeFirstOrThrow();
    const accounts = await t.handle.db.selectFrom('accounts').select(['id', 'org_id']).execute();
    const expected = accounts.filter((a) => manages(manager, a)).map((a) => a.id).sort();
    expect(expected).toContain(manager.id);
    expect(await listAll(s)).toEqual(expected);
  });

  it('keeps Gongyi\'s and Luoyang\'s accounts away from Zhengzhou, and shows the contract\'s fields', async () => {
    const list = await listAll(await login(t.app, 'zhengzhou'));
    for (const other of ['gongyi', 'luoyang', 'unit-lyu', 'henan', 'admin', 'weijian']) expect(list).not.toContain(await idOf(other));
    for (const own of ['zhengzhou', 'jinshui', 'unit-zzu']) expect(list).toContain(await idOf(own));
    const item = (await call(await login(t.app, 'jinshui'))('GET', '/api/v1/accounts')).json().items.find((a: { username: string }) => a.username === 'unit-zzu');
    expect(item).toEqual({
      id: await idOf('unit-zzu'), username: 'unit-zzu', role: 'unit', name: '金水区人民医院管理员', orgId: 'unit-zzu', orgName: '郑州市金水区人民医院',
      disabled: false, totpEnabled: false, mustChangePassword: false, lastLoginAt: expect.any(String),
    });
  });
});

describe('creating accounts', () => {
  it('creates a staff account of an org in scope with a temporary password that must be changed', async () => {
    const zhengzhou = await login(t.app, 'zhengzhou');
    const res = await call(zhengzhou)('POST', '/api/v1/accounts', { username: 'Jinshui-2', name: '金水区第二审核员', orgId: 'bureau-410105' });
    expect(res.statusCode).toBe(201);
    const { id, temporaryPassword } = res.json();
    const s = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'jinshui-2', password: temporaryPassword } });
    expect(s.statusCode).toBe(200);
    expect(s.json()).toMatchObject({ mustChangePassword: true, user: { id, role: 'bureau', scope: { level: 'county', orgId: 'bureau-410105' } } });
    const session = await login(t.app, 'jinshui-2', temporaryPassword);
    expect((await call(session)('POST', '/api/v1/me/password', { currentPassword: temporaryPassword, newPassword: 'Chosen#2025' })).statusCode).toBe(204);
    expect((await call(session)('GET', '/api/v1/me')).json().mustChangePassword).toBe(false);
    const event = await t.handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'account.created').where('object_id', '=', id).executeTakeFirst();
    expect(event?.actor_account_id).toBe(zhengzhou.user.id);
  });

  it('refuses an org outside the scope (404), a missing org for non-operators, and a username taken or shaped like an ID number', async () => {
    const zhengzhou = await login(t.app, 'zhengzhou');
    expect((await call(zhengzhou)('POST', '/api/v1/accounts', { username: 'gongyi-2', name: '巩义第二审核员', orgId: 'bureau-410181' })).statusCode).toBe(404);
    const noOrg = await call(zhengzhou)('POST', '/api/v1/accounts', { username: 'zz-admin', name: '冒充管理员', orgId: null });
    expect(noOrg.statusCode).toBe(400);
    expect(noOrg.json().errors[0].field).toBe('body.orgId');
    const taken = await call(zhengzhou)('POST', '/api/v1/accounts', { username: 'JINSHUI', name: '重名', orgId: 'bureau-410105' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].field).toBe('body.username');
    const idLike = await call(zhengzhou)('POST', '/api/v1/accounts', { username: '410105197001011007', name: '身份证号', orgId: 'bureau-410105' });
    expect(idLike.statusCode).toBe(400);
    expect(idLike.json().errors[0].field).toBe('body.username');
    // The operator may create another operator.
    const admin = await login(t.app, 'admin');
    const op = await call(admin)('POST', '/api/v1/accounts', { username: 'admin-2', name: '第二管理员', orgId: null });
    expect(op.statusCode).toBe(201);
    expect((await login(t.app, 'admin-2', op.json().temporaryPassword)).user.role).toBe('admin');
  });
});

describe('a unit admin manages only its own unit\'s admins', () => {
  it('creates, lists, disables and resets its own, and finds no other unit\'s account', async () => {
    const unit = await login(t.app, 'unit-zzu');
    const created = await call(unit)('POST', '/api/v1/accounts', { username: 'unit-zzu-2', name: '第二管理员', orgId: 'unit-zzu' });
    expect(created.statusCode).toBe(201);
    const list = (await call(unit)('GET', '/api/v1/accounts')).json().items as { username: string; orgId: string }[];
    expect(list.map((a) => a.username).sort()).toEqual(['unit-zzu', 'unit-zzu-2']);

    const other = await idOf('unit-lyu');
    for (const action of ['disable', 'enable', 'reset-password']) {
      expect((await call(unit)('POST', `/api/v1/accounts/${other}/${action}`)).statusCode, action).toBe(404);
    }
    expect((await call(unit)('POST', '/api/v1/accounts', { username: 'lyu-intruder', name: '越权', orgId: 'unit-lyu' })).statusCode).toBe(404);
    expect((await call(unit)('POST', '/api/v1/accounts', { username: 'bureau-intruder', name: '越权', orgId: 'bureau-410105' })).statusCode).toBe(404);
    const gyyz = await call(unit)('POST', '/api/v1/accounts', { username: 'gyyz-intruder', name: '越权', orgId: 'unit-gyyz' });
    expect(gyyz.statusCode).toBe(404);

    const second = created.json().id as string;
    expect((await call(unit)('POST', `/api/v1/accounts/${second}/reset-password`)).statusCode).toBe(200);
    expect((await call(unit)('POST', `/api/v1/accounts/${second}/disable`)).json()).toEqual({ id: second, disabled: true });
    const self = await call(unit)('POST', `/api/v1/accounts/${unit.user.id}/disable`);
    expect(self.statusCode).toBe(400);
  });
});

describe('disabling and password reset', () => {
  it('ends every session of a disabled account at once, and refuses its logins until enabled', async () => {
    const jinshui = await login(t.app, 'jinshui');
    const victim = await login(t.app, 'unit-zzu');
    const other = await login(t.app, 'unit-zzu');
    const res = await call(jinshui)('POST', `/api/v1/accounts/${victim.user.id}/disable`);
    expect(res.json()).toEqual({ id: victim.user.id, disabled: true });
    expect((await call(victim)('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await call(other)('GET', '/api/v1/me')).statusCode).toBe(401);
    const sessions = await t.handle.db.selectFrom('sessions').select('id_hash').where('account_id', '=', victim.user.id).execute();
    expect(sessions).toEqual([]);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'unit-zzu', password: 'Demo@2024' } })).statusCode).toBe(403);
    expect((await call(jinshui)('POST', `/api/v1/accounts/${victim.user.id}/enable`)).json()).toEqual({ id: victim.user.id, disabled: false });
    await expect(login(t.app, 'unit-zzu')).resolves.toBeTruthy();
  });

  it('resets a password: sessions end, the old one fails, the temporary one forces a change at next login', async () => {
    const henan = await login(t.app, 'henan');
    const victim = await login(t.app, 'luoyang');
    // Locked out by failures first: the reset is how one gets back in.
    for (let i = 0; i < 5; i += 1) await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'luoyang', password: 'Guess#2025' } });
    const res = await call(henan)('POST', `/api/v1/accounts/${victim.user.id}/reset-password`);
    expect(res.statusCode).toBe(200);
    const { temporaryPassword } = res.json();
    expect(temporaryPassword).toMatch(/^.{12}$/);
    expect((await call(victim)('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'luoyang', password: 'Demo@2024' } })).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'luoyang', password: temporaryPassword } });
    expect(again.statusCode).toBe(200);
    expect(again.json().mustChangePassword).toBe(true);
    const listed = (await call(henan)('GET', '/api/v1/accounts?q=luoyang')).json().items[0];
    expect(listed).toMatchObject({ username: 'luoyang', mustChangePassword: true });
    const event = await t.handle.db.selectFrom('audit_events').select('actor_account_id').where('action', '=', 'account.password_reset').where('object_id', '=', victim.user.id).executeTakeFirst();
    expect(event?.actor_account_id).toBe(henan.user.id);
  });

  it('gives an authority its own org\'s accounts only', async () => {
    const weijian = await login(t.app, 'weijian');
    const list = (await call(weijian)('GET', '/api/v1/accounts')).json().items as { orgId: string }[];
    expect(list.every((a) => a.orgId === 'authority-weijian')).toBe(true);
    // Units it supervises are in its scope for people, not for their accounts.
    expect((await call(weijian)('POST', `/api/v1/accounts/${await idOf('unit-zzu')}/disable`)).statusCode).toBe(404);
    expect((await call(weijian)('POST', '/api/v1/accounts', { username: 'zz-health-2', name: '市卫健委', orgId: 'authority-zz-health' })).statusCode).toBe(404);
  });
});
