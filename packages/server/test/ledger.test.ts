import { sql } from 'kysely';
import { hexToBytes, leafHash, rootFromLeafHashes, verifyConsistency, verifyInclusion, bytesToHex } from '@jixu/domain';
import { sm3 } from '@jixu/domain/merkle-hashes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedHeadBytes, signTreeHead } from '../src/modules/ledger/service.ts';
import { verifySm2 } from '../src/platform/seal.ts';
import { as, createTestApp, login, type TestApp } from './helpers.ts';

// The transparency ledger over the audit events (Art. 15; API.md "Ledger"), checked the way an
// outside auditor would: only through the public endpoints and the published key.
let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

const get = (url: string) => as(t.app, undefined)('GET', url);

async function allLeafHashes(size: number): Promise<Uint8Array[]> {
  const hashes: Uint8Array[] = [];
  for (let start = 0; start < size; start += 1000) {
    const { entries } = (await get(`/api/v1/ledger/entries?start=${start}&end=${Math.min(size, start + 1000)}`)).json() as { entries: { index: number; data: string }[] };
    for (const e of entries) {
      expect(e.index).toBe(hashes.length);
      hashes.push(leafHash(sm3, Buffer.from(e.data, 'base64')));
    }
  }
  return hashes;
}

describe('ledger', () => {
  it('signs a head over every audit event, with the provincial SM2 seal published at /keys', async () => {
    const head = await signTreeHead(t.app.deps);
    expect(head).toBeDefined();
    const events = await t.handle.db.selectFrom('audit_events').select(t.handle.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const published = (await get('/api/v1/ledger/head')).json();
    expect(published.treeSize).toBe(Number(events.n));
    const { keys } = (await get('/api/v1/keys')).json() as { keys: { keyId: string; publicKey: string; owner: string; publicKeyPem: string }[] };
    const key = keys.find((k) => k.keyId === published.keyId)!;
    expect(key.owner).toBe('河南省人力资源和社会保障厅');
    expect(key.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(verifySm2(key.publicKey, signedHeadBytes(published), published.signature)).toBe(true);
    expect(verifySm2(key.publicKey, signedHeadBytes({ ...published, treeSize: published.treeSize + 1 }), published.signature)).toBe(false);

    // The root is reproducible from the public entries alone.
    const leaves = await allLeafHashes(published.treeSize);
    expect(bytesToHex(rootFromLeafHashes(sm3, leaves))).toBe(published.rootHash);
  });

  it('proves inclusion of every leaf, and consistency between successive heads', async () => {
    const first = (await get('/api/v1/ledger/head')).json();
    for (let i = 0; i < 7; i += 1) await login(t.app, 'henan');
    await signTreeHead(t.app.deps);
    const second = (await get('/api/v1/ledger/head')).json();
    expect(second.treeSize).toBeGreaterThan(first.treeSize);

    const leaves = await allLeafHashes(second.treeSize);
    for (let i = 0; i < second.treeSize; i += 1) {
      const { proof } = (await get(`/api/v1/ledger/proofs/inclusion?leafIndex=${i}&treeSize=${second.treeSize}`)).json();
      const claim = { leafIndex: i, treeSize: second.treeSize, leafHash: leaves[i]!, proof: proof.map((p: string) => hexToBytes(p)!), root: hexToBytes(second.rootHash)! };
      expect(verifyInclusion(sm3, claim), `leaf ${i}`).toBe(true);
      expect(verifyInclusion(sm3, { ...claim, leafHash: leaves[(i + 1) % leaves.length]! })).toBe(false);
    }
    // Proofs against the older head use the same stored subtrees.
    const old = (await get(`/api/v1/ledger/proofs/inclusion?leafIndex=0&treeSize=${first.treeSize}`)).json();
    expect(verifyInclusion(sm3, { leafIndex: 0, treeSize: first.treeSize, leafHash: leaves[0]!, proof: old.proof.map((p: string) => hexToBytes(p)!), root: hexToBytes(first.rootHash)! })).toBe(true);

    const { proof } = (await get(`/api/v1/ledger/proofs/consistency?first=${first.treeSize}&second=${second.treeSize}`)).json();
    const claim = { size1: first.treeSize, size2: second.treeSize, root1: hexToBytes(first.rootHash)!, root2: hexToBytes(second.rootHash)!, proof: proof.map((p: string) => hexToBytes(p)!) };
    expect(verifyConsistency(sm3, claim)).toBe(true);
    expect(verifyConsistency(sm3, { ...claim, root1: hexToBytes(second.rootHash)! })).toBe(false);
  });

  it('assigns gap-free leaf indexes under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 20 }, () => login(t.app, 'jinshui')));
    const rows = await t.handle.db.selectFrom('ledger_leaves').select(['leaf_index', 'event_id']).orderBy('leaf_index').execute();
    expect(rows.map((r) => Number(r.leaf_index))).toEqual(rows.map((_, i) => i));
    const events = await t.handle.db.selectFrom('audit_events').select('id').execute();
    expect(new Set(rows.map((r) => Number(r.event_id)))).toEqual(new Set(events.map((e) => Number(e.id))));
  });

  it('answers bad ranges with a 400 naming the field, and refuses proofs beyond the signed head', async () => {
    const head = (await get('/api/v1/ledger/head')).json();
    expect((await get('/api/v1/ledger/entries?start=5&end=5')).json().errors[0].field).toBe('query.end');
    expect((await get('/api/v1/ledger/entries?start=0&end=1001')).statusCode).toBe(400);
    const beyond = await get(`/api/v1/ledger/proofs/inclusion?leafIndex=0&treeSize=${head.treeSize + 50}`);
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json().errors[0].field).toBe('query.treeSize');
  });

  it('refuses UPDATE and DELETE of leaves, nodes and heads on the database itself', async () => {
    for (const table of ['ledger_leaves', 'ledger_nodes', 'ledger_heads']) {
      await expect(sql`DELETE FROM ${sql.table(table)}`.execute(t.handle.db)).rejects.toThrow(/append-only/);
    }
    await expect(sql`UPDATE ledger_leaves SET data = 'x'`.execute(t.handle.db)).rejects.toThrow(/append-only/);
  });
});
