import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeopleListing } from '../src/db/seed/demo.ts';
import { scrubText } from '../src/platform/logging.ts';
import { as, createTestApp, login, type TestApp } from './helpers.ts';

// SPEC "Privacy": resident ID numbers and phones never appear in clear in the database, the logs,
// URLs or error messages. This file exercises the paths that touch them, then searches everything.
let t: TestApp;
const people = demoPeopleListing();
const secrets = people.flatMap((p) => [p.idNumber, p.phone]);

beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

describe('personal data at rest and in logs', () => {
  it('never writes an ID number or a phone in clear', async () => {
    for (const p of people.slice(0, 6)) {
      await login(t.app, p.idNumber);
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: p.idNumber, password: 'Wrong@2024' } });
      await t.app.inject({ method: 'GET', url: `/api/v1/persons?q=${p.idNumber}&phone=${p.phone}` });
    }
    const henan = await login(t.app, 'henan');
    const list = await as(t.app, henan)('GET', '/api/v1/persons?limit=100');
    for (const s of secrets) expect(list.body).not.toContain(s);
    // An error that echoes an ID number is scrubbed before it reaches the log.
    t.app.log.error(new Error(`lookup failed for ${people[0]!.idNumber} / ${people[0]!.phone}`));

    const logText = t.logs.join('');
    expect(logText.length).toBeGreaterThan(1000);
    for (const s of secrets) expect(logText).not.toContain(s);

    const tables = ['regions', 'orgs', 'accounts', 'persons', 'sessions', 'login_throttle', 'audit_events'];
    for (const table of tables) {
      const rows = await sql`SELECT * FROM ${sql.table(table)}`.execute(t.handle.db);
      const text = JSON.stringify(rows.rows);
      for (const s of secrets) expect(text, table).not.toContain(s);
    }
    if (t.handle.engine === 'sqlite') {
      const files = fs.readdirSync(t.config.dataDir).filter((f) => f.startsWith('jixu.sqlite'));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        const bytes = fs.readFileSync(path.join(t.config.dataDir, f)).toString('latin1');
        for (const s of secrets) expect(bytes.includes(s), f).toBe(false);
      }
    }
  });

  it('masks ID numbers and phones in log text, and leaves other numbers alone', () => {
    expect(scrubText('id 11010519491231002X phone 13800138000 at 2024')).toBe('id [身份证号] phone [手机号] at 2024');
    expect(scrubText('certificate 4101050000000010, request 12345')).toBe('certificate 4101050000000010, request 12345');
  });
});
