import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchingStep, otpauthUri, stepAt, totp } from '../src/modules/totp/totp.ts';
import { as, createTestApp, login, type Session, type TestApp } from './helpers.ts';

// Second factor (docs/organisations.md "Second factor"; RFC 6238 over RFC 4226, SHA-1, 6 digits, 30 s).

describe('RFC test vectors', () => {
  const rfcSecret = Buffer.from('12345678901234567890', 'ascii');

  it('computes the RFC 6238 Appendix B values (SHA-1, 8 digits)', () => {
    const vectors: [number, string][] = [
      [59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'],
      [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) expect(totp(rfcSecret, seconds * 1000, 8), String(seconds)).toBe(code);
    // The 6-digit codes apps show are the same truncation modulo 10^6.
    expect(totp(rfcSecret, 59_000)).toBe('287082');
  });

  it('computes the RFC 4226 Appendix D HOTP values', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expected.forEach((code, counter) => expect(hotp(rfcSecret, counter)).toBe(code));
  });

  it('encodes and decodes base32 as RFC 4648 §10 (without padding)', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded);
      expect(base32Decode(`${encoded.toLowerCase()}==`).toString()).toBe(plain);
    }
    expect(() => base32Decode('MZ1W')).toThrow();
  });

  it('accepts one step either side, and never a step at or before the last used one', () => {
    const now = 1_700_000_000_000;
    const step = stepAt(now);
    const at = (s: number) => hotp(rfcSecret, s);
    expect(matchingStep({ secret: rfcSecret, code: at(step), unixMs: now, lastStep: null })).toBe(step);
    expect(matchingStep({ secret: rfcSecret, code: at(step - 1), unixMs: now, lastStep: null })).toBe(step - 1);
    expect(matchingStep({ secret: rfcSecret, code: at(step + 1), unixMs: now, lastStep: null })).toBe(step + 1);
    expect(matchingStep({ secret: rfcSecret, code: at(step - 2), unixMs: now, lastStep: null })).toBeNull();
    expect(matchingStep({ secret: rfcSecret, code: at(step), unixMs: now, lastStep: step })).toBeNull();
    expect(matchingStep({ secret: rfcSecret, code: at(step + 1), unixMs: now, lastStep: step })).toBe(step + 1);
    expect(matchingStep({ secret: rfcSecret, code: 'abcdef', unixMs: now, lastStep: null })).toBeNull();
  });

  it('writes the Key Uri Format authenticator apps read', () => {
    const uri = otpauthUri({ secret: 'JBSWY3DPEHPK3PXP', accountName: 'henan', issuer: 'Jixu' });
    expect(uri).toBe('otpauth://totp/Jixu%3Ahenan?secret=JBSWY3DPEHPK3PXP&issuer=Jixu&algorithm=SHA1&digits=6&period=30');
  });
});

describe('enrolment and login with a second factor', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t?.close(); });

  const codeFor = (secret: string, offsetSteps = 0) => totp(base32Decode(secret), t.clock.now.getTime() + offsetSteps * 30_000);
  const tick = () => { t.clock.now = new Date(t.clock.now.getTime() + 30_000); };
  const loginWith = (username: string, totpCode?: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Demo@2024', ...(totpCode ? { totpCode } : {}) } });

  async function enrol(s: Session): Promise<string> {
    const setup = await as(t.app, s)('POST', '/api/v1/me/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret } = setup.json();
    expect((await as(t.app, s)('POST', '/api/v1/me/totp/enable', { code: codeFor(secret) })).statusCode).toBe(204);
    tick();
    return secret as string;
  }

  it('sets up a secret with an otpauth URI and an SVG QR code, encrypted at rest, for reviewers only', async () => {
    const s = await login(t.app, 'jinshui');
    const res = await as(t.app, s)('POST', '/api/v1/me/totp/setup');
    const body = res.json();
    expect(body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.otpauthUri).toContain(`secret=${body.secret}`);
    expect(body.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const row = await t.handle.db.selectFrom('accounts').select(['totp_secret_enc', 'totp_enabled']).where('id', '=', s.user.id).executeTakeFirstOrThrow();
    expect(row.totp_enabled).toBe(0);
    expect(row.totp_secret_enc).toMatch(/^v1\./);
    const all = JSON.stringify((await sql`SELECT * FROM accounts`.execute(t.handle.db)).rows);
    expect(all).not.toContain(body.secret);
    // Not yet enabled: login still needs no code.
    expect((await loginWith('jinshui')).statusCode).toBe(200);
    expect((await as(t.app, await login(t.app, 'unit-zzu'))('POST', '/api/v1/me/totp/setup')).statusCode).toBe(403);
  });

  it('refuses a wrong code at enrolment, naming body.code', async () => {
    const s = await login(t.app, 'luoyang');
    const { secret } = (await as(t.app, s)('POST', '/api/v1/me/totp/setup')).json();
    const wrong = String((Number(codeFor(secret)) + 1) % 1_000_000).padStart(6, '0');
    const res = await as(t.app, s)('POST', '/api/v1/me/totp/enable', { code: wrong });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('body.code');
    expect((await loginWith('luoyang')).statusCode).toBe(200);
  });

  it('asks for the code (401 totp_required, no session), accepts it once, and reports totpEnabled', async () => {
    const secret = await enrol(await login(t.app, 'zhengzhou'));
    const without = await loginWith('zhengzhou');
    expect(without.statusCode).toBe(401);
    expect(without.json()).toMatchObject({ code: 'totp_required', title: '请输入动态验证码' });
    expect(without.headers['content-type']).toContain('application/problem+json');
    expect(without.cookies.find((c) => c.name === 'jixu_sid')).toBeUndefined();

    const code = codeFor(secret);
    const ok = await loginWith('zhengzhou', code);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.totpEnabled).toBe(true);
    // The same code again, within its step: refused (RFC 6238 §5.2, one use only).
    const replay = await loginWith('zhengzhou', code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('totp_required');
    tick();
    expect((await loginWith('zhengzhou', codeFor(secret))).statusCode).toBe(200);
    // A wrong password with a right code reveals nothing about the second factor.
    tick();
    const wrongPassword = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'zhengzhou', password: 'Wrong#2025', totpCode: codeFor(secret) } });
    expect(wrongPassword.json().code).toBe('invalid_credentials');
  });

  it('counts wrong codes toward the account lock', async () => {
    const secret = await enrol(await login(t.app, 'gongyi'));
    const bad = String((Number(codeFor(secret)) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i += 1) expect((await loginWith('gongyi', bad)).statusCode).toBe(401);
    const locked = await loginWith('gongyi', codeFor(secret));
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('account_locked');
  });

  it('disables with a current code, after which no code is asked', async () => {
    const s = await login(t.app, 'weijian');
    const secret = await enrol(s);
    const again = await login(t.app, 'weijian').catch(() => undefined);
    expect(again).toBeUndefined();
    expect((await as(t.app, s)('POST', '/api/v1/me/totp/disable', { code: '000000' })).statusCode).toBe(400);
    expect((await as(t.app, s)('POST', '/api/v1/me/totp/disable', { code: codeFor(secret) })).statusCode).toBe(204);
    expect((await loginWith('weijian')).json().user.totpEnabled).toBe(false);
  });

  it('lets the operator remove a lost second factor, ending the sessions', async () => {
    const s = await login(t.app, 'henan');
    await enrol(s);
    const admin = await login(t.app, 'admin');
    const res = await as(t.app, admin)('POST', `/api/v1/accounts/${s.user.id}/reset-totp`);
    expect(res.json()).toEqual({ id: s.user.id, totpEnabled: false });
    expect((await as(t.app, s)('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await loginWith('henan')).statusCode).toBe(200);
  });
});

describe('JIXU_REQUIRE_2FA=1', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp({ config: { require2fa: true } }); });
  afterAll(async () => { await t?.close(); });

  it('restricts a reviewer without TOTP to /me, enrolment, password and logout until enrolled', async () => {
    const s = await login(t.app, 'jinshui');
    const me = (await as(t.app, s)('GET', '/api/v1/me')).json();
    expect(me.mustEnrolTotp).toBe(true);
    const blocked = await as(t.app, s)('GET', '/api/v1/persons');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('totp_enrolment_required');
    expect((await as(t.app, s)('GET', '/api/v1/accounts')).statusCode).toBe(403);
    // What needs no session stays open.
    expect((await as(t.app, s)('GET', '/api/v1/regions')).statusCode).toBe(200);

    const { secret } = (await as(t.app, s)('POST', '/api/v1/me/totp/setup')).json();
    expect((await as(t.app, s)('POST', '/api/v1/me/totp/enable', { code: totp(base32Decode(secret), t.clock.now.getTime()) })).statusCode).toBe(204);
    expect((await as(t.app, s)('GET', '/api/v1/me')).json().mustEnrolTotp).toBe(false);
    expect((await as(t.app, s)('GET', '/api/v1/persons')).statusCode).toBe(200);
  });

  it('asks nothing of units, providers, people or the operator, and says so at login', async () => {
    for (const username of ['unit-zzu', 'provider-hn', 'admin']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Demo@2024' } });
      expect(res.json().mustEnrolTotp, username).toBe(false);
    }
    const authority = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'weijian', password: 'Demo@2024' } });
    expect(authority.json().mustEnrolTotp).toBe(true);
    expect(authority.json().user.totpEnabled).toBe(false);
  });
});
