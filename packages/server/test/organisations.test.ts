import { parseUscc } from '@jixu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type TestApp } from './helpers.ts';

// The organisation tree and one org's details (docs/organisations.md "Units and providers"):
// supervision follows the explicit columns, so the province-administered county Gongyi (410181)
// hangs under the province, not under Zhengzhou; outside the scope an org is not found.
let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

type Node = { id: string; name: string; kind: string; level: string | null; regionCode: string | null; unitCount: number; personCount: number; children: Node[] };

const treeOf = async (username: string): Promise<Node> => {
  const res = await as(t.app, await login(t.app, username))('GET', '/api/v1/orgs/tree');
  expect(res.statusCode).toBe(200);
  return res.json().root as Node;
};
const find = (node: Node, id: string): Node | undefined => (node.id === id ? node : node.children.map((c) => find(c, id)).find(Boolean));
const approvedOf = async (unitIds: string[]) =>
  (await t.handle.db.selectFrom('persons').select('id').where('unit_id', 'in', unitIds).where('status', '=', 'approved').execute()).length;

describe('GET /orgs/tree', () => {
  it('gives the province the whole bureau tree, province-administered counties directly under it', async () => {
    const root = await treeOf('henan');
    expect(root).toMatchObject({ id: 'bureau-41', kind: 'bureau', level: 'province', regionCode: '41' });
    const direct = root.children.map((c) => c.id);
    expect(direct).toHaveLength(28); // 17 cities, 济源, 10 province-administered counties
    expect(direct).toEqual(expect.arrayContaining(['bureau-4101', 'bureau-419001', 'bureau-410181', 'bureau-411729']));
    expect(find(find(root, 'bureau-4101')!, 'bureau-410181')).toBeUndefined();
    expect(find(root, 'bureau-410181')!.children.map((c) => c.id)).toEqual(['unit-gongyi']);
    expect(find(root, 'bureau-410105')!.children.map((c) => c.id)).toEqual(['unit-zzu']);
    // Counts: active units only (the demo's pending 金水区妇幼保健院 is not a leaf), approved people.
    expect(find(root, 'bureau-4101')).toMatchObject({ unitCount: 1, personCount: await approvedOf(['unit-zzu']) });
    const active = (await t.handle.db.selectFrom('orgs').select('id').where('kind', '=', 'unit').where('status', '=', 'active').execute()).map((u) => u.id);
    expect(root.unitCount).toBe(active.length);
    expect(root.personCount).toBe(await approvedOf(active));
    expect(find(root, 'unit-gongyi')).toMatchObject({ kind: 'unit', unitCount: 0, children: [] });
  });

  it('gives a city its own subtree without Gongyi, the operator the province\'s, and an authority its units', async () => {
    const zhengzhou = await treeOf('zhengzhou');
    expect(zhengzhou.id).toBe('bureau-4101');
    expect(find(zhengzhou, 'bureau-410181')).toBeUndefined();
    expect(find(zhengzhou, 'unit-gongyi')).toBeUndefined();
    expect(find(zhengzhou, 'unit-zzu')).toBeDefined();
    expect((await treeOf('admin')).id).toBe('bureau-41');

    const weijian = await treeOf('weijian');
    expect(weijian).toMatchObject({ id: 'authority-weijian', kind: 'authority', unitCount: 2 });
    expect(find(weijian, 'authority-zz-health')!.children.map((c) => c.id)).toEqual(['unit-zzu']);
    expect(weijian.children.map((c) => c.id)).toContain('unit-gongyi');
    expect(find(weijian, 'unit-lyu')).toBeUndefined();
    expect((await as(t.app, await login(t.app, 'unit-zzu'))('GET', '/api/v1/orgs/tree')).statusCode).toBe(403);
  });
});

describe('GET /orgs/:id', () => {
  it('answers in scope with supervision and Art. 12/13 issuing details, and 404 outside', async () => {
    const status = async (username: string, id: string) => (await as(t.app, await login(t.app, username))('GET', `/api/v1/orgs/${id}`)).statusCode;
    expect(await status('zhengzhou', 'unit-zzu')).toBe(200);
    expect(await status('zhengzhou', 'bureau-410105')).toBe(200);
    for (const id of ['unit-gongyi', 'bureau-410181', 'bureau-41', 'unit-lyu', 'authority-weijian', 'nothing-here']) {
      expect(await status('zhengzhou', id), id).toBe(404);
    }
    expect(await status('weijian', 'unit-gongyi')).toBe(200);
    expect(await status('weijian', 'unit-zzu')).toBe(200);
    expect(await status('weijian', 'unit-lyu')).toBe(404);
    expect(await status('unit-zzu', 'unit-zzu')).toBe(200);
    expect(await status('unit-zzu', 'unit-lyu')).toBe(404);
    expect(await status('provider-hn', 'provider-hn')).toBe(200);

    const henan = await login(t.app, 'henan');
    const gongyi = (await as(t.app, henan)('GET', '/api/v1/orgs/bureau-410181')).json();
    expect(gongyi).toMatchObject({ kind: 'bureau', level: 'county', parentName: '河南省人力资源和社会保障厅', issuingCode: '81', regionName: '巩义市' });
    const unit = (await as(t.app, henan)('GET', '/api/v1/orgs/unit-zzu')).json();
    expect(unit).toMatchObject({
      kind: 'unit', status: 'active', regionCode: '410105', regionName: '金水区', bureauName: '金水区人力资源和社会保障局',
      authorityName: '郑州市卫生健康委员会', issuingBureauName: '郑州市人力资源和社会保障局', issuingCode: '01',
    });
  });

  it('gives every demo unit and provider a USCC that passes GB 32100', async () => {
    const rows = await t.handle.db.selectFrom('orgs').select(['id', 'uscc']).where('kind', 'in', ['unit', 'provider']).execute();
    expect(rows.length).toBeGreaterThanOrEqual(7);
    for (const row of rows) expect(parseUscc(row.uscc ?? '').ok, row.id).toBe(true);
  });
});
