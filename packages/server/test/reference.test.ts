import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers.ts';

// Reference data for the public pickers (docs/organisations.md "Reference data"): current GB/T 2260
// divisions only (never the NBS statistical codes of development zones, never abolished codes),
// industries, the authorities a unit of a region may name, and the approved units of a region.
let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

type Region = { code: string; name: string; level: string; hasChildren: boolean };
const regions = async (parent?: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/regions${parent ? `?parent=${parent}` : ''}` });
  return { status: res.statusCode, items: (res.statusCode === 200 ? res.json().items : []) as Region[] };
};

describe('GET /regions', () => {
  it('lists the 17 cities and 济源 under the province, without the 4190 grouping, with no login', async () => {
    const { status, items } = await regions();
    expect(status).toBe(200);
    expect(items).toHaveLength(18);
    expect(items.map((r) => r.code)).not.toContain('4190');
    expect(items.find((r) => r.code === '419001')).toEqual({ code: '419001', name: '济源市', level: 'city', hasChildren: false });
    expect(items.find((r) => r.code === '4101')).toEqual({ code: '4101', name: '郑州市', level: 'city', hasChildren: true });
    expect(items.filter((r) => r.level === 'city')).toHaveLength(18);
  });

  it('never offers a statistical code (development zones), at any level', async () => {
    const zhengzhou = await regions('4101');
    expect(zhengzhou.items.map((r) => r.code)).toEqual(expect.arrayContaining(['410102', '410105', '410181']));
    const rows = await t.handle.db.selectFrom('regions').select('code').where('statistical', '=', 1).execute();
    expect(rows.length).toBeGreaterThan(10);
    const offered = new Set<string>();
    for (const city of (await regions()).items) for (const r of (await regions(city.code)).items) offered.add(r.code);
    for (const { code } of rows) {
      expect(offered.has(code), code).toBe(false);
      expect((await regions(code)).status, code).toBe(404);
    }
    expect(zhengzhou.items.every((r) => r.level === 'county' && !r.hasChildren)).toBe(true);
  });

  it('offers current divisions only: 偃师区 (410307), not the abolished 偃师市 (410381)', async () => {
    const luoyang = (await regions('4103')).items.map((r) => r.code);
    expect(luoyang).toContain('410307');
    expect(luoyang).not.toContain('410381');
    expect((await regions('410381')).status).toBe(404);
    // valid_to is its last day: before it, the old code was still a division.
    const saved = t.clock.now;
    try {
      t.clock.now = new Date('2021-03-31T12:00:00+08:00');
      expect((await regions('4103')).items.map((r) => r.code)).toContain('410381');
      t.clock.now = new Date('2021-04-01T00:30:00+08:00');
      expect((await regions('4103')).items.map((r) => r.code)).not.toContain('410381');
    } finally {
      t.clock.now = saved;
    }
  });

  it('names a malformed parent code', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/regions?parent=41ab' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('query.parent');
  });
});

describe('GET /industries and /authorities', () => {
  it('lists the industries of the authorities, each with a provincial authority but 其他', async () => {
    const items = (await t.app.inject({ method: 'GET', url: '/api/v1/industries' })).json().items as { code: string; name: string }[];
    expect(items.map((i) => i.code)).toEqual(expect.arrayContaining(['health', 'education', 'industry', 'agriculture', 'transport', 'construction', 'other']));
    expect(items.find((i) => i.code === 'construction')?.name).toBe('住房和城乡建设');
    for (const industry of items.filter((i) => i.code !== 'other')) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/authorities?industry=${industry.code}&regionCode=41` });
      const provincial = (res.json().items as { level: string; regionCode: string }[]).filter((a) => a.level === 'province');
      expect(provincial, industry.code).toHaveLength(1);
      expect(provincial[0]!.regionCode).toBe('41');
    }
  });

  it('offers a unit the authorities on its supervision chain: Zhengzhou\'s for 金水, not for 巩义 (省直管县)', async () => {
    const ids = async (regionCode: string) => ((await t.app.inject({ method: 'GET', url: `/api/v1/authorities?industry=health&regionCode=${regionCode}` })).json().items as { id: string }[]).map((a) => a.id);
    expect(await ids('410105')).toEqual(['authority-weijian', 'authority-zz-health']);
    expect(await ids('410181')).toEqual(['authority-weijian']);
    expect(await ids('41')).toEqual(['authority-weijian']);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/authorities?regionCode=410171' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('query.regionCode');
  });
});

describe('GET /units/search', () => {
  it('finds approved units in a region or below, by name, with no login', async () => {
    const search = async (query: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/units/search?${query}` })).json().items as { id: string; regionName: string }[];
    expect((await search('regionCode=4101')).map((u) => u.id).sort()).toEqual(['unit-gongyi', 'unit-zzu']);
    expect((await search('regionCode=410105')).map((u) => u.id)).toEqual(['unit-zzu']);
    expect((await search('regionCode=41&q=洛阳')).map((u) => u.id)).toEqual(['unit-lyu']);
    expect((await search('regionCode=4103&q=医院'))).toEqual([]);
    // A pending unit (the demo's 金水区妇幼保健院) is not offered to people registering.
    expect((await search('q=妇幼')).map((u) => u.id)).toEqual([]);
    expect((await search('regionCode=410105'))[0]!.regionName).toBe('金水区');
  });
});
