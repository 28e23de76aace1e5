import { randomInt } from 'node:crypto';
import { checkCharOfUscc } from '@jixu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type TestApp } from './helpers.ts';

// Providers (继续教育基地 / 施教机构, docs/organisations.md "Units and providers"): they register
// themselves, are filed (备案) by the bureau of their region or one above it, and manage their admins.
let t: TestApp;
beforeAll(async () => { t = await createTestApp({ config: { registration: { ipLimit: 1000, ipWindowMs: 3_600_000 } } }); });
afterAll(async () => { await t?.close(); });

const digits = (n: number) => Array.from({ length: n }, () => String(randomInt(10))).join('');
const providerBody = (over: Record<string, unknown> = {}) => {
  const tag = digits(6);
  const first17 = `52410100${digits(9)}`;
  return {
    name: `测试培训中心${tag}`, uscc: first17 + checkCharOfUscc(first17), regionCode: '4103', contactName: '张联系',
    contactPhone: '+86 139-0000-1234', adminUsername: `prov${tag}`, adminName: '机构管理员', adminPassword: 'Prov#2025ok', ...over,
  };
};

async function registered(over: Record<string, unknown> = {}) {
  const body = providerBody(over);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/provider-registrations', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id as string, body };
}

describe('provider registration and filing', () => {
  it('registers a pending provider under the bureau of its region, with a working admin account', async () => {
    const { id, body } = await registered();
    const row = await t.handle.db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'provider', status: 'pending', bureau_id: 'bureau-4103', issuing_bureau_id: null, contact_phone_masked: '139****1234' });
    const admin = await login(t.app, body.adminUsername, body.adminPassword);
    expect((await as(t.app, admin)('GET', `/api/v1/orgs/${id}`)).json()).toMatchObject({ kind: 'provider', status: 'pending' });
  });

  it('checks the USCC and the region like a unit\'s', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/provider-registrations', payload: providerBody({ uscc: '52410100123456789Z', regionCode: '410381' }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.regionCode', 'body.uscc']);
  });

  it('is filed by a bureau in scope only, once', async () => {
    const { id } = await registered();
    const zhengzhou = await login(t.app, 'zhengzhou');
    expect((await as(t.app, zhengzhou)('GET', '/api/v1/orgs/providers?status=pending')).json().items.map((p: { id: string }) => p.id)).not.toContain(id);
    expect((await as(t.app, zhengzhou)('POST', `/api/v1/orgs/providers/${id}/file`)).statusCode).toBe(404);

    const luoyang = await login(t.app, 'luoyang');
    const queue = (await as(t.app, luoyang)('GET', '/api/v1/orgs/providers?status=pending')).json();
    expect(queue.items.find((p: { id: string }) => p.id === id)).toMatchObject({ regionName: '洛阳市', bureauName: '洛阳市人力资源和社会保障局', contactPhoneMasked: '139****1234' });
    const filed = await as(t.app, luoyang)('POST', `/api/v1/orgs/providers/${id}/file`);
    expect(filed.statusCode).toBe(200);
    expect(filed.json()).toMatchObject({ id, status: 'active' });
    expect((await as(t.app, luoyang)('POST', `/api/v1/orgs/providers/${id}/reject`, { reason: '重复操作' })).statusCode).toBe(409);
    const event = await t.handle.db.selectFrom('audit_events').select('action').where('object_id', '=', id).where('action', '=', 'provider.filed').executeTakeFirst();
    expect(event).toBeDefined();
  });

  it('can be refused with a reason, which its admin then sees', async () => {
    const { id, body } = await registered({ regionCode: '4101' });
    // The demo's pending provider is in Zhengzhou's queue as well.
    const zhengzhou = await login(t.app, 'zhengzhou');
    const queue = (await as(t.app, zhengzhou)('GET', '/api/v1/orgs/providers?status=pending')).json().items.map((p: { id: string }) => p.id);
    expect(queue).toEqual(expect.arrayContaining([id, 'provider-zz']));
    const res = await as(t.app, zhengzhou)('POST', `/api/v1/orgs/providers/${id}/reject`, { reason: '办学资质材料不全' });
    expect(res.json()).toMatchObject({ status: 'rejected', reason: '办学资质材料不全' });
    const admin = await login(t.app, body.adminUsername, body.adminPassword);
    expect((await as(t.app, admin)('GET', `/api/v1/orgs/${id}`)).json()).toMatchObject({ status: 'rejected', reason: '办学资质材料不全' });
  });

  it('lets a provider admin manage only its own admins', async () => {
    const { id, body } = await registered();
    const admin = await login(t.app, body.adminUsername, body.adminPassword);
    const created = await as(t.app, admin)('POST', '/api/v1/accounts', { username: `${body.adminUsername}-b`, name: '第二管理员', orgId: id });
    expect(created.statusCode).toBe(201);
    const list = (await as(t.app, admin)('GET', '/api/v1/accounts')).json().items as { orgId: string; role: string }[];
    expect(list).toHaveLength(2);
    expect(list.every((a) => a.orgId === id && a.role === 'provider')).toBe(true);
    expect((await as(t.app, admin)('POST', '/api/v1/accounts', { username: 'someone-else', name: '外部', orgId: 'provider-hn' })).statusCode).toBe(404);
  });
});
