import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeopleListing } from '../src/db/seed/demo.ts';
import { as, createTestApp, demoUsernames, login, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

describe('login', () => {
  it('logs in every demo account and answers /me with its role and scope', async () => {
    const expected: Record<string, [string, string]> = {
      admin: ['admin', 'platform'], henan: ['bureau', 'province'], zhengzhou: ['bureau', 'city'], jinshui: ['bureau', 'county'],
      luoyang: ['bureau', 'city'], weijian: ['authority', 'authority'], 'unit-zzu': ['unit', 'unit'], 'unit-lyu': ['unit', 'unit'],
      'provider-hn': ['provider', 'provider'],
    };
    for (const [username, [role, level]] of Object.entries(expected)) {
      const s = await login(t.app, username);
      const me = await as(t.app, s)('GET', '/api/v1/me');
      expect(me.statusCode).toBe(200);
      expect(me.json().user).toMatchObject({ role, scope: { level } });
    }
  });

  it('logs a person in with the resident ID number, also typed with full-width digits and a lower-case x', async () => {
    const person = demoPeopleListing().find((p) => p.idNumber.endsWith('X') && p.status === 'approved')!;
    const typed = person.idNumber.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace('X', 'x');
    const s = await login(t.app, typed);
    const me = (await as(t.app, s)('GET', '/api/v1/me')).json();
    expect(me.user.role).toBe('person');
    expect(me.user.username).not.toContain(person.idNumber.slice(6, 14));
    expect(me.user.certificateNumber).toMatch(/^41\d{14}$/);
  });

  it('answers an unknown username exactly like a wrong password', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'henan', password: 'Wrong@2024' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody-here', password: 'Wrong@2024' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: { requestId?: string }) => ({ ...b, requestId: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json()).toMatchObject({ status: 401, code: 'invalid_credentials', title: '用户名或密码错误' });
  });

  it('locks an account for 15 minutes after 5 failures, existing or not, with Retry-After', async () => {
    for (const username of ['luoyang', 'ghost-user']) {
      for (let i = 0; i < 5; i += 1) {
        const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Nope@12345' } });
        expect(r.statusCode).toBe(401);
      }
      const locked = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Demo@2024' } });
      expect(locked.statusCode).toBe(429);
      expect(locked.json().code).toBe('account_locked');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    }
    // After 15 minutes the right password works again.
    t.clock.now = new Date(t.clock.now.getTime() + 15 * 60_000 + 1000);
    await expect(login(t.app, 'luoyang')).resolves.toBeTruthy();
    t.clock.now = new Date();
  });

  it('rejects a body of the wrong shape naming the field', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'henan' } });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body.password' }] });
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation_failed');
  });
});

describe('sessions', () => {
  it('sets an HttpOnly SameSite cookie with a fresh 256-bit id at every login', async () => {
    const a = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'henan', password: 'Demo@2024' } });
    const b = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'henan', password: 'Demo@2024' } });
    const ca = a.cookies.find((c) => c.name === 'jixu_sid')!;
    const cb = b.cookies.find((c) => c.name === 'jixu_sid')!;
    expect(ca.httpOnly).toBe(true);
    expect(ca.sameSite).toBe('Lax');
    expect(ca.value).not.toBe(cb.value);
    expect(Buffer.from(ca.value, 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it('ends the session at logout', async () => {
    const s = await login(t.app, 'jinshui');
    expect((await as(t.app, s)('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await as(t.app, s)('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('expires after 30 idle minutes, and after 12 hours however active', async () => {
    const s = await login(t.app, 'zhengzhou');
    const start = t.clock.now.getTime();
    t.clock.now = new Date(start + 29 * 60_000);
    expect((await as(t.app, s)('GET', '/api/v1/me')).statusCode).toBe(200);
    t.clock.now = new Date(start + 58 * 60_000);
    expect((await as(t.app, s)('GET', '/api/v1/me')).statusCode).toBe(200);
    t.clock.now = new Date(start + 58 * 60_000 + 31 * 60_000);
    expect((await as(t.app, s)('GET', '/api/v1/me')).statusCode).toBe(401);

    const active = await login(t.app, 'zhengzhou');
    const begin = t.clock.now.getTime();
    for (let m = 20; m <= 12 * 60 + 20; m += 20) {
      t.clock.now = new Date(begin + m * 60_000);
      const status = (await as(t.app, active)('GET', '/api/v1/me')).statusCode;
      expect(status).toBe(m <= 12 * 60 ? 200 : 401);
    }
    t.clock.now = new Date();
  });

  it('ends every session of an account the moment it is disabled', async () => {
    const admin = await login(t.app, 'admin');
    const victim = await login(t.app, 'unit-lyu');
    const me = (await as(t.app, victim)('GET', '/api/v1/me')).json();
    const r = await as(t.app, admin)('POST', `/api/v1/accounts/${me.user.id}/disable`);
    expect(r.statusCode).toBe(200);
    expect((await as(t.app, victim)('GET', '/api/v1/me')).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'unit-lyu', password: 'Demo@2024' } });
    expect(again.statusCode).toBe(403);
    expect((await as(t.app, admin)('POST', `/api/v1/accounts/${me.user.id}/enable`)).statusCode).toBe(200);
    await expect(login(t.app, 'unit-lyu')).resolves.toBeTruthy();
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the token, and with a wrong one', async () => {
    const s = await login(t.app, 'unit-zzu');
    const without = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie } });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('csrf_failed');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': `${s.csrf}x` } });
    expect(wrong.statusCode).toBe(403);
    expect((await as(t.app, s)('GET', '/api/v1/me')).statusCode).toBe(200);
  });
});

describe('password change', () => {
  it('enforces the MLPS level-3 policy and ends the other sessions', async () => {
    const username = demoUsernames().person!;
    const s1 = await login(t.app, username);
    const s2 = await login(t.app, username);
    const weak = await as(t.app, s1)('POST', '/api/v1/me/password', { currentPassword: 'Demo@2024', newPassword: 'abcdefgh' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('body.newPassword');
    const wrongCurrent = await as(t.app, s1)('POST', '/api/v1/me/password', { currentPassword: 'Nope@2024', newPassword: 'Better#2025' });
    expect(wrongCurrent.json().errors[0].field).toBe('body.currentPassword');
    expect((await as(t.app, s1)('POST', '/api/v1/me/password', { currentPassword: 'Demo@2024', newPassword: 'Better#2025' })).statusCode).toBe(204);
    expect((await as(t.app, s1)('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await as(t.app, s2)('GET', '/api/v1/me')).statusCode).toBe(401);
    await expect(login(t.app, username, 'Better#2025')).resolves.toBeTruthy();
  });
});

describe('per-IP limit', () => {
  it('answers 429 with Retry-After once an address exceeds its login budget', async () => {
    const small = await createTestApp({ demo: false, config: { login: { maxFailures: 5, lockMs: 900_000, ipLimit: 3, ipWindowMs: 60_000 } } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const r = await small.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: `u${i}`, password: 'x' }, remoteAddress: '10.0.0.9' });
        codes.push(r.statusCode);
        if (r.statusCode === 429) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const other = await small.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'u', password: 'x' }, remoteAddress: '10.0.0.8' });
      expect(other.statusCode).toBe(401);
    } finally {
      await small.close();
    }
  });
});

describe('session cache', () => {
  it('sees a session ended by another process (directly in the database) within JIXU_SESSION_CACHE_MS', async () => {
    const s = await login(t.app, 'jinshui');
    expect((await as(t.app, s)('GET', '/api/v1/me')).statusCode).toBe(200);
    const me = (await as(t.app, s)('GET', '/api/v1/me')).json();
    await t.handle.db.deleteFrom('sessions').where('account_id', '=', me.user.id).execute();
    t.clock.now = new Date(t.clock.now.getTime() + t.config.session.cacheMs + 1);
    expect((await as(t.app, s)('GET', '/api/v1/me')).statusCode).toBe(401);
    t.clock.now = new Date();
  });
});
