import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCertificateNumber } from '@jixu/domain';
import { Migrator, type Migration } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../src/db/database.ts';
import { foundation } from '../src/db/migrations/0001-foundation.ts';
import { people } from '../src/db/migrations/0002-people.ts';
import { allocateCertificateNumber } from '../src/modules/registrations/serials.ts';

// Upgrading a database that already holds people: 0002-people keeps their rows valid (submission
// time from creation) and starts the Art. 13 counters after the numbers already issued.
let handle: DbHandle;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const adminUrl = process.env.JIXU_TEST_PG_URL;
  if (adminUrl) {
    const name = `jixu_up_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    handle = openDatabase({ databaseUrl: url.toString(), dataDir: os.tmpdir() });
    cleanup = async () => {
      await handle.destroy();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixu-upgrade-'));
    handle = openDatabase({ dataDir: dir });
    cleanup = async () => { await handle.destroy(); fs.rmSync(dir, { recursive: true, force: true }); };
  }
});
afterAll(async () => { await cleanup?.(); });

const migrateThrough = async (migrations: Record<string, Migration>) => {
  const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
};

describe('0002-people on a database with people', () => {
  it('backfills submission times and continues each counter after the highest issued serial', async () => {
    await migrateThrough({ '0001-foundation': foundation(handle.engine) });
    const at = '2024-03-01T08:00:00.000Z';
    const db = handle.db;
    await db.insertInto('regions').values({ code: '41', name: '河南省', level: 'province', parent_code: null, statistical: 0, valid_from: '2023-01-01', valid_to: null }).execute();
    await db.insertInto('orgs').values({
      id: 'unit-x', kind: 'unit', name: '某单位', region_code: '41', level: null, parent_id: null, bureau_id: null, authority_id: null,
      issuing_bureau_id: null, issuing_code: null, industry: null, uscc: null, status: 'active', version: 1, created_at: at, updated_at: at,
    }).execute();
    const person = (i: number, status: 'approved' | 'pending', number: string | null) => ({
      id: `00000000-0000-7000-8000-00000000000${i}`, name: `旧${i}`, id_number_enc: 'x', id_number_index: `idx${i}`, id_number_masked: 'm',
      sex: 'male' as const, birth_date: '1980-01-01', phone_enc: null, phone_masked: null, unit_id: 'unit-x', status,
      certificate_number: number, version: 1, created_at: at, updated_at: '2024-03-05T08:00:00.000Z',
    });
    // Inserted through raw values: the people columns do not exist yet.
    for (const p of [person(1, 'approved', '4101050000000044'), person(2, 'approved', buildCertificateNumber({ issuingCode: '01', countyCode: '05', serial: 1234 })), person(3, 'pending', null)]) {
      await db.insertInto('persons').values(p).execute();
    }

    await migrateThrough({ '0001-foundation': foundation(handle.engine), '0002-people': people(handle.engine) });
    const rows = await db.selectFrom('persons').select(['name', 'submitted_at', 'decided_at', 'education']).orderBy('id').execute();
    expect(rows).toEqual([
      { name: '旧1', submitted_at: at, decided_at: '2024-03-05T08:00:00.000Z', education: null },
      { name: '旧2', submitted_at: at, decided_at: '2024-03-05T08:00:00.000Z', education: null },
      { name: '旧3', submitted_at: at, decided_at: null, education: null },
    ]);
    const next = await db.transaction().execute((trx) => allocateCertificateNumber(trx, { issuingCode: '01', regionCode: '410105', at }));
    expect(next.slice(0, 15)).toBe('410105000001235');
    const fresh = await allocateCertificateNumber(db, { issuingCode: '03', regionCode: '4103', at });
    expect(fresh.slice(0, 15)).toBe('410300000000001');
  });
});
