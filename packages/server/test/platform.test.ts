import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword, checkPasswordPolicy } from '../src/platform/passwords.ts';
import { loadConfig } from '../src/config.ts';
import { PiiCipher } from '../src/platform/pii.ts';
import { randomBytes } from 'node:crypto';
import { createTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ demo: false }); });
afterAll(async () => { await t?.close(); });

describe('HTTP platform', () => {
  it('answers health, the OpenAPI document and its UI', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/health' })).json()).toEqual({ status: 'ok' });
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/auth/login');
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('sends security headers and a request id, and no-store on API answers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers an unknown API path with a problem, not HTML', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'not_found', title: '未找到该资源' });
  });

  it('hides the cause of a 5xx from the client', async () => {
    const app = t.app;
    const res = await app.inject({ method: 'GET', url: '/api/v1/health', headers: { cookie: 'jixu_sid=' + 'x'.repeat(40) } });
    expect(res.statusCode).toBe(200);
    // Break the database under a running app: the client sees a generic problem and a request id only.
    const broken = await createTestApp({ demo: false });
    await broken.handle.db.schema.dropTable('login_throttle').execute();
    const fail = await broken.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a', password: 'b' } });
    expect(fail.statusCode).toBe(500);
    expect(fail.json()).toEqual({ type: expect.any(String), status: 500, code: 'internal_error', title: '系统内部错误，请稍后再试', requestId: expect.any(String) });
    expect(fail.body).not.toMatch(/login_throttle|SQL|stack/i);
    await broken.close();
  });

  it('flips readiness before closing, and lets an in-flight request finish', async () => {
    const app = t.app;
    app.readiness.ready = false;
    const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('service_unavailable');
    app.readiness.ready = true;
  });
});

describe('passwords', () => {
  it('hashes with scrypt N=2^15 by default, salted, verifiable', async () => {
    expect(loadConfig({}).scryptN).toBe(2 ** 15);
    const a = await hashPassword('Demo@2024', 2 ** 15);
    const b = await hashPassword('Demo@2024', 2 ** 15);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Demo@2024', a)).toBe(true);
    expect(await verifyPassword('demo@2024', a)).toBe(false);
  });

  it('requires 8 characters from 3 of 4 classes (MLPS level 3)', () => {
    expect(checkPasswordPolicy('Ab1!')).toBe('too_short');
    expect(checkPasswordPolicy('abcdefgh1')).toBe('too_few_classes');
    expect(checkPasswordPolicy('abcdEFGH1')).toBeUndefined();
    expect(checkPasswordPolicy('abcd#fgh1')).toBeUndefined();
    expect(checkPasswordPolicy('Henan@2024', 'henan')).toBe('contains_username');
  });
});

describe('personal-data cipher', () => {
  const cipher = new PiiCipher({ encKey: randomBytes(32), indexKey: randomBytes(32) });

  it('round-trips, and fails closed when any ciphertext byte is flipped', () => {
    const sealed = cipher.encrypt('11010519491231002X');
    expect(cipher.decrypt(sealed)).toBe('11010519491231002X');
    const [v, iv, body] = sealed.split('.');
    const bytes = Buffer.from(body!, 'base64url');
    for (let i = 0; i < bytes.length; i += 1) {
      const flipped = Buffer.from(bytes);
      flipped[i] = flipped[i]! ^ 0x01;
      expect(() => cipher.decrypt(`${v}.${iv}.${flipped.toString('base64url')}`)).toThrow();
    }
  });

  it('indexes deterministically without revealing the value', () => {
    expect(cipher.index('id:11010519491231002X')).toBe(cipher.index('id:11010519491231002X'));
    expect(cipher.index('id:11010519491231002X')).not.toContain('1101');
  });
});
