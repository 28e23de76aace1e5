import { checkCharOfResidentId, parseCertificateNumber } from '@jixu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type TestApp } from './helpers.ts';

// Art. 13 under concurrency: the serial is taken inside the approving transaction with one atomic
// upsert, so parallel approvals serialise on the counter row (PostgreSQL) instead of failing or
// colliding. Runs on both engines (JIXU_TEST_PG_URL selects PostgreSQL).
let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

async function registerMany(count: number, offset: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = offset; n < offset + count; n += 1) {
    const id17 = `41010519900${1 + (n % 9)}1${n % 10}${String(600 + n).padStart(3, '0')}`;
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/registrations', remoteAddress: `10.2.0.${n}`,
      payload: {
        idNumber: id17 + checkCharOfResidentId(id17), name: '并发测试', sex: Number(id17[16]) % 2 === 1 ? 'male' : 'female',
        birthDate: `1990-0${1 + (n % 9)}-1${n % 10}`, phone: `1370371${String(3000 + n)}`, education: '大学本科', major: '护理学',
        titleSeries: '卫生系列', titleLevel: '助理级', unitId: 'unit-zzu', password: 'Parallel#2025',
      },
    });
    if (res.statusCode !== 201) throw new Error(`registration ${n}: ${res.statusCode} ${res.body}`);
    ids.push(res.json().personId as string);
  }
  return ids;
}

describe('certificate numbers under concurrency', () => {
  it('gives twenty parallel approvals of twenty registrations twenty distinct valid numbers', async () => {
    const ids = await registerMany(20, 0);
    const unit = as(t.app, await login(t.app, 'unit-zzu'));
    const answers = await Promise.all(ids.map((id) => unit('POST', `/api/v1/registrations/${id}/approve`)));
    expect(answers.map((a) => a.statusCode)).toEqual(ids.map(() => 200));

    const numbers = answers.map((a) => a.json().certificateNumber as string);
    expect(new Set(numbers).size).toBe(20);
    for (const n of numbers) {
      expect(parseCertificateNumber(n).ok).toBe(true);
      expect(n.slice(0, 6)).toBe('410105');
    }
    // The seed issued serials 1..8 of this counter: the new ones continue after them.
    const serials = numbers.map((n) => Number(n.slice(6, 15))).sort((a, b) => a - b);
    expect(serials[0]).toBeGreaterThan(8);
    const counter = await t.handle.db.selectFrom('certificate_serials').selectAll().where('prefix', '=', '0105').executeTakeFirstOrThrow();
    expect(Number(counter.last_serial)).toBe(serials.at(-1));

    const stored = await t.handle.db.selectFrom('persons').select(['id', 'certificate_number', 'status']).where('id', 'in', ids).execute();
    expect(stored.every((p) => p.status === 'approved' && numbers.includes(p.certificate_number!))).toBe(true);
  });

  it('lets exactly one of parallel approvals of the same registration win, and uses one serial for it', async () => {
    const [id] = await registerMany(1, 40);
    const before = await t.handle.db.selectFrom('certificate_serials').select('last_serial').where('prefix', '=', '0105').executeTakeFirstOrThrow();
    const sessions = await Promise.all([login(t.app, 'unit-zzu'), login(t.app, 'unit-zzu'), login(t.app, 'unit-zzu')]);
    const answers = await Promise.all(sessions.flatMap((s) => [as(t.app, s)('POST', `/api/v1/registrations/${id}/approve`), as(t.app, s)('POST', `/api/v1/registrations/${id}/approve`)]));
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409, 409]);
    const after = await t.handle.db.selectFrom('certificate_serials').select('last_serial').where('prefix', '=', '0105').executeTakeFirstOrThrow();
    expect(Number(after.last_serial)).toBe(Number(before.last_serial) + 1);
    const events = await t.handle.db.selectFrom('audit_events').select('id').where('action', '=', 'registration.approved').where('object_id', '=', id!).execute();
    expect(events).toHaveLength(1);
  });

  it('keeps separate counters per issuing code and county (Luoyang 0302 continues after its seeded serials)', async () => {
    const id17 = '41030219920303777';
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/registrations', remoteAddress: '10.2.1.1',
      payload: {
        idNumber: id17 + checkCharOfResidentId(id17), name: '洛阳测试', sex: 'male', birthDate: '1992-03-03', phone: '13703710001',
        education: '硕士研究生', major: '物理学', titleSeries: '中小学教师系列', titleLevel: '中级', unitId: 'unit-lyu', password: 'Parallel#2025',
      },
    });
    const approved = await as(t.app, await login(t.app, 'unit-lyu'))('POST', `/api/v1/registrations/${res.json().personId}/approve`);
    // Seeded Luoyang numbers use serials 1..8 of counter 0302.
    expect(approved.json().certificateNumber.slice(0, 15)).toBe('410302000000009');
  });
});
