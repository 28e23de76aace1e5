import { randomInt } from 'node:crypto';
import { checkCharOfUscc } from '@jixu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type TestApp } from './helpers.ts';

// Units (docs/organisations.md "Units and providers"): self-registration with a GB 32100-checked
// USCC, Art. 12 issuing bureau, review by the bureau of the unit's region or one above it, never
// by the geographic city of a province-administered county (省直管县).
let t: TestApp;
beforeAll(async () => { t = await createTestApp({ config: { registration: { ipLimit: 1000, ipWindowMs: 3_600_000 } } }); });
afterAll(async () => { await t?.close(); });

const usccOf = (first17: string) => first17 + checkCharOfUscc(first17);
const randomDigits = (n: number) => Array.from({ length: n }, () => String(randomInt(10))).join('');

function unitBody(over: Record<string, unknown> = {}) {
  const tag = randomDigits(6);
  return {
    name: `测试单位${tag}`, uscc: usccOf(`12410100${randomDigits(9)}`), regionCode: '410105', authorityId: 'authority-weijian',
    address: '郑州市测试路 1 号', contactName: '王测试', contactPhone: '13912345678',
    adminUsername: `unit${tag}`, adminName: '单位管理员', adminPassword: 'Unit#2025ok', ...over,
  };
}

const register = (body: unknown, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/unit-registrations', payload: body as object, remoteAddress });

async function registered(over: Record<string, unknown> = {}): Promise<string> {
  const res = await register(unitBody(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('unit registration', () => {
  it('creates a pending unit whose admin logs in at once to follow it', async () => {
    const body = unitBody();
    const res = await register(body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'pending' });
    const admin = await login(t.app, body.adminUsername, body.adminPassword);
    const me = (await as(t.app, admin)('GET', '/api/v1/me')).json();
    expect(me.user).toMatchObject({ role: 'unit', scope: { level: 'unit', orgId: res.json().id } });
    const own = await as(t.app, admin)('GET', `/api/v1/orgs/${res.json().id}`);
    expect(own.json()).toMatchObject({ status: 'pending', name: body.name, bureauName: '金水区人力资源和社会保障局' });
    // The contact's phone is stored encrypted, and shown masked only.
    const row = await t.handle.db.selectFrom('orgs').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(body.contactPhone);
    expect(row.contact_phone_masked).toBe('139****5678');
  });

  it('checks the USCC check character (GB 32100) and names body.uscc', async () => {
    const good = usccOf('12410100123456789');
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await register(unitBody({ uscc: wrong }));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
    expect(res.json().errors).toEqual([{ field: 'body.uscc', message: expect.stringContaining('校验码') }]);
  });

  it('refuses a statistical region, a foreign authority, a bad phone and a weak password, naming each field', async () => {
    const res = await register(unitBody({ regionCode: '410171', contactPhone: '12345', adminPassword: 'short' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.adminPassword', 'body.contactPhone', 'body.regionCode']);
    // A Gongyi unit cannot name Zhengzhou's health commission: Gongyi is supervised by the province.
    const foreign = await register(unitBody({ regionCode: '410181', authorityId: 'authority-zz-health' }));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors).toEqual([{ field: 'body.authorityId', message: expect.any(String) }]);
  });

  it('answers 409 for a USCC or an admin username already registered', async () => {
    const body = unitBody();
    expect((await register(body)).statusCode).toBe(201);
    const again = await register({ ...unitBody(), uscc: body.uscc.toLowerCase() });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].field).toBe('body.uscc');
    const sameName = await register({ ...unitBody(), adminUsername: body.adminUsername.toUpperCase() });
    expect(sameName.statusCode).toBe(409);
    expect(sameName.json().errors[0].field).toBe('body.adminUsername');
  });
});

describe('Art. 12: the issuing bureau of a unit', () => {
  it.each([
    ['a province-level unit', '41', 'bureau-41', '河南省人力资源和社会保障厅', '00'],
    ['a Zhengzhou district unit', '410105', 'bureau-4101', '郑州市人力资源和社会保障局', '01'],
    ['a Gongyi unit (province-administered county)', '410181', 'bureau-410181', '巩义市人力资源和社会保障局', '81'],
    ['a Jiyuan unit', '419001', 'bureau-419001', '济源市人力资源和社会保障局', '90'],
  ])('%s (%s) → %s', async (_label, regionCode, issuerId, issuerName, issuingCode) => {
    const id = await registered({ regionCode });
    const row = await t.handle.db.selectFrom('orgs').select(['issuing_bureau_id', 'bureau_id']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.issuing_bureau_id).toBe(issuerId);
    expect(row.bureau_id).toBe(`bureau-${regionCode}`);
    const detail = (await as(t.app, await login(t.app, 'henan'))('GET', `/api/v1/orgs/${id}`)).json();
    expect(detail).toMatchObject({ kind: 'unit', issuingBureauName: issuerName, issuingCode, status: 'pending' });
  });
});

describe('review of unit registrations', () => {
  it('keeps a Gongyi (410181) unit away from the Zhengzhou city reviewer: not listed, not found, not approvable', async () => {
    const id = await registered({ regionCode: '410181' });
    const zhengzhou = await login(t.app, 'zhengzhou');
    const pending = (await as(t.app, zhengzhou)('GET', '/api/v1/orgs/units?status=pending&limit=200')).json().items as { id: string }[];
    expect(pending.map((u) => u.id)).not.toContain(id);
    expect(pending.map((u) => u.id)).toContain('unit-jsfy');
    expect((await as(t.app, zhengzhou)('GET', `/api/v1/orgs/${id}`)).statusCode).toBe(404);
    expect((await as(t.app, zhengzhou)('POST', `/api/v1/orgs/units/${id}/approve`)).statusCode).toBe(404);
    expect((await as(t.app, zhengzhou)('POST', `/api/v1/orgs/units/${id}/reject`, { reason: '不在本市' })).statusCode).toBe(404);

    const gongyi = await login(t.app, 'gongyi');
    const listed = (await as(t.app, gongyi)('GET', '/api/v1/orgs/units?status=pending')).json().items as { id: string }[];
    expect(listed.map((u) => u.id)).toContain(id);
    const approved = await as(t.app, gongyi)('POST', `/api/v1/orgs/units/${id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ id, status: 'active', issuingBureauName: '巩义市人力资源和社会保障局', personCount: 0 });
    expect((await as(t.app, gongyi)('POST', `/api/v1/orgs/units/${id}/approve`)).statusCode).toBe(409);
  });

  it('lets the bureau of the region and those above it decide, and writes an audit event', async () => {
    const jinshui = await login(t.app, 'jinshui');
    const first = await registered({ regionCode: '410105' });
    const rejected = await as(t.app, jinshui)('POST', `/api/v1/orgs/units/${first}/reject`, { reason: '营业执照与名称不符' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', reason: '营业执照与名称不符', decidedAt: expect.any(String) });
    const event = await t.handle.db.selectFrom('audit_events').selectAll().where('object_id', '=', first).where('action', '=', 'unit.rejected').executeTakeFirst();
    expect(event?.actor_account_id).toBe(jinshui.user.id);

    const second = await registered({ regionCode: '410105' });
    expect((await as(t.app, await login(t.app, 'henan'))('POST', `/api/v1/orgs/units/${second}/approve`)).statusCode).toBe(200);
    // Luoyang is not above Jinshui; the unit is simply not found there.
    const third = await registered({ regionCode: '410105' });
    expect((await as(t.app, await login(t.app, 'luoyang'))('POST', `/api/v1/orgs/units/${third}/approve`)).statusCode).toBe(404);
    // A blank reason is no reason.
    const blank = await as(t.app, jinshui)('POST', `/api/v1/orgs/units/${third}/reject`, { reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].field).toBe('body.reason');
  });

  it('offers an approved unit to people registering, and lists it for the operator', async () => {
    const name = `审核通过单位${randomDigits(4)}`;
    const id = await registered({ regionCode: '410105', name });
    const search = () => t.app.inject({ method: 'GET', url: `/api/v1/units/search?regionCode=4101&q=${encodeURIComponent(name)}` });
    expect((await search()).json().items).toEqual([]);
    await as(t.app, await login(t.app, 'zhengzhou'))('POST', `/api/v1/orgs/units/${id}/approve`);
    expect((await search()).json().items).toEqual([{ id, name, regionCode: '410105', regionName: '金水区' }]);
    const all = (await as(t.app, await login(t.app, 'admin'))('GET', `/api/v1/orgs/units?q=${encodeURIComponent(name)}`)).json();
    expect(all.items).toHaveLength(1);
    expect(all.items[0]).toMatchObject({ id, status: 'active', authorityName: '河南省卫生健康委员会', regionName: '金水区' });
  });

  it('pages the list by cursor and counts approved people', async () => {
    const henan = await login(t.app, 'henan');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await as(t.app, henan)('GET', `/api/v1/orgs/units?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json() as { items: { id: string; personCount: number }[]; nextCursor: string | null };
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const total = await t.handle.db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'unit').executeTakeFirstOrThrow();
    expect(seen).toHaveLength(Number(total.n));
    const zzu = (await as(t.app, henan)('GET', '/api/v1/orgs/units?q=金水区人民医院')).json().items[0];
    const approvedPeople = await t.handle.db.selectFrom('persons').select('id').where('unit_id', '=', 'unit-zzu').where('status', '=', 'approved').execute();
    expect(zzu.personCount).toBe(approvedPeople.length);
  });
});

describe('rate limit of the public registration', () => {
  it('answers 429 rate_limited with Retry-After once an address has used its budget', async () => {
    const small = await createTestApp({ demo: false, config: { registration: { ipLimit: 2, ipWindowMs: 60_000 } } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const res = await small.app.inject({ method: 'POST', url: '/api/v1/unit-registrations', payload: unitBody({ authorityId: 'authority-41-health' }), remoteAddress: '10.0.0.7' });
        codes.push(res.statusCode);
        if (res.statusCode === 429) {
          expect(res.json().code).toBe('rate_limited');
          expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        }
      }
      expect(codes).toEqual([201, 201, 429]);
      const other = await small.app.inject({ method: 'POST', url: '/api/v1/unit-registrations', payload: unitBody({ authorityId: 'authority-41-health' }), remoteAddress: '10.0.0.8' });
      expect(other.statusCode).toBe(201);
    } finally {
      await small.close();
    }
  });
});
