import fs from 'node:fs';
import path from 'node:path';
import { parseCertificateNumber, parseResidentId } from '@jixu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type TestApp } from './helpers.ts';

// The README lists the demo people with their ID numbers and certificate numbers: every row must log
// in and show exactly that certificate number, so the README cannot drift from the seed.
let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');
const rows = [...readme.matchAll(/^\| (\S+) \| `(\d{17}[\dX])` \| (\S+) \| (\S+) \| (?:`(\d{16})`|—) \|$/gm)];

describe('README demo people', () => {
  it('lists at least 20 people, in every registration state', () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(new Set(rows.map((r) => r[4]))).toEqual(new Set(['已通过', '待审核', '未通过', '已撤回']));
  });

  it('gives each person a valid ID number that logs in, with the listed certificate number', async () => {
    for (const [, name, idNumber, , , certificate] of rows) {
      expect(parseResidentId(idNumber!).ok).toBe(true);
      if (certificate) expect(parseCertificateNumber(certificate).ok).toBe(true);
      const me = (await as(t.app, await login(t.app, idNumber!))('GET', '/api/v1/me')).json();
      expect(me.user.name).toBe(name);
      expect(me.user.certificateNumber).toBe(certificate);
    }
  });
});
