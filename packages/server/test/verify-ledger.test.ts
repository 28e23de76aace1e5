import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signTreeHead } from '../src/modules/ledger/service.ts';
import { exportLedger, exportSource, serverSource, verifyLedger } from '../src/verify/verify-ledger.ts';
import { createTestApp, login, type TestApp } from './helpers.ts';

// The verifier against a running server, then against the same server after someone with database
// access edited an entry, deleted one, and truncated the tail: each is reported.
let t: TestApp;
let url: string;
let dir: string;

beforeAll(async () => {
  t = await createTestApp();
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixu-verify-'));
  await signTreeHead(t.app.deps);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Lets a test bypass the append-only triggers, as an attacker with database access would. */
async function withoutTriggers(run: () => Promise<unknown>) {
  const db = t.handle.db;
  if (t.handle.engine === 'postgres') {
    const tables = ['ledger_leaves', 'ledger_heads', 'ledger_nodes'];
    for (const table of tables) await sql.raw(`ALTER TABLE ${table} DISABLE TRIGGER USER`).execute(db);
    try { await run(); } finally {
      for (const table of tables) await sql.raw(`ALTER TABLE ${table} ENABLE TRIGGER USER`).execute(db);
    }
    return;
  }
  const triggers = await sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('ledger_leaves', 'ledger_heads', 'ledger_nodes')`.execute(db);
  for (const tr of triggers.rows) await sql.raw(`DROP TRIGGER ${tr.name}`).execute(db);
  try { await run(); } finally {
    for (const tr of triggers.rows) await sql.raw(tr.sql).execute(db);
  }
}

describe('jixu-verify', () => {
  const state = () => path.join(dir, 'state.json');

  it('accepts an honest ledger, and a grown one consistent with the head it saw before', async () => {
    const first = await verifyLedger({ source: serverSource(url), stateFile: state(), full: true });
    expect(first.findings.filter((f) => !f.ok)).toEqual([]);
    for (let i = 0; i < 5; i += 1) await login(t.app, 'henan');
    await signTreeHead(t.app.deps);
    const second = await verifyLedger({ source: serverSource(url), stateFile: state(), full: true });
    expect(second.ok).toBe(true);
    expect(second.findings.some((f) => f.message.includes('一致'))).toBe(true);
  });

  it('runs as the jixu-verify command, and verifies an exported ledger offline', async () => {
    const bin = path.resolve(import.meta.dirname, '../bin/jixu-verify.mjs');
    const run = promisify(execFile);
    const out = await run(process.execPath, [bin, '--server', url, '--state', path.join(dir, 'cli-state.json'), '--full']);
    expect(out.stdout).toContain('结论：账本完整');
    const exported = await exportLedger(serverSource(url));
    expect((await verifyLedger({ source: exportSource(exported), full: true })).ok).toBe(true);
    const forged = { ...exported, entries: exported.entries.map((e, i) => (i === 2 ? { ...e, data: Buffer.from('{"index":2}').toString('base64') } : e)) };
    expect((await verifyLedger({ source: exportSource(forged), full: true })).ok).toBe(false);
  });

  it('reports an entry edited directly in the database', async () => {
    const original = await t.handle.db.selectFrom('ledger_leaves').select('data').where('leaf_index', '=', 3).executeTakeFirstOrThrow();
    await withoutTriggers(() => t.handle.db.updateTable('ledger_leaves').set({ data: original.data.replace('"action":"', '"action":"x') }).where('leaf_index', '=', 3).execute());
    const result = await verifyLedger({ source: serverSource(url), full: true });
    expect(result.ok).toBe(false);
    expect(result.findings.find((f) => !f.ok)?.message).toContain('条目与签名的根不一致');
    await withoutTriggers(() => t.handle.db.updateTable('ledger_leaves').set({ data: original.data }).where('leaf_index', '=', 3).execute());
    expect((await verifyLedger({ source: serverSource(url), full: true })).ok).toBe(true);
  });

  it('reports an entry deleted from the database', async () => {
    const row = await t.handle.db.selectFrom('ledger_leaves').selectAll().where('leaf_index', '=', 5).executeTakeFirstOrThrow();
    await withoutTriggers(() => t.handle.db.deleteFrom('ledger_leaves').where('leaf_index', '=', 5).execute());
    const result = await verifyLedger({ source: serverSource(url), full: true });
    expect(result.ok).toBe(false);
    expect(result.findings.map((f) => f.message).join('\n')).toContain('第 5 条缺失');
    await withoutTriggers(() => t.handle.db.insertInto('ledger_leaves').values(row).execute());
  });

  it('reports a truncated tail against the head it saw before', async () => {
    const seen = await verifyLedger({ source: serverSource(url), stateFile: state(), full: true });
    expect(seen.ok).toBe(true);
    const size = seen.head!.treeSize;
    const keep = size - 4;
    await withoutTriggers(async () => {
      await t.handle.db.deleteFrom('ledger_heads').where('tree_size', '>', keep).execute();
      await t.handle.db.deleteFrom('ledger_leaves').where('leaf_index', '>=', keep).execute();
    });
    // An attacker who also forges a head for the shorter log still cannot hide the truncation.
    await t.handle.db.updateTable('ledger_state').set({ size: keep }).where('id', '=', 1).execute();
    await t.handle.db.updateTable('ledger_signer_state').set({ processed_size: 0, border: '[]' }).where('id', '=', 1).execute();
    await withoutTriggers(async () => {
      await t.handle.db.deleteFrom('ledger_heads').execute();
      await t.handle.db.deleteFrom('ledger_nodes').execute();
    });
    await signTreeHead(t.app.deps);
    const result = await verifyLedger({ source: serverSource(url), stateFile: state(), full: true });
    expect(result.ok).toBe(false);
    expect(result.findings.find((f) => !f.ok)?.message).toContain('账本被截断');
  });
});
