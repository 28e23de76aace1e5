import { policy } from '@jixu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVALUATE_LIMIT } from '../src/modules/policy/calculator.ts';
import { ensureDefaultPolicy } from '../src/modules/policy/index.ts';
import { as, createTestApp, login, type TestApp } from './helpers.ts';

// API.md "Hours calculator": POST /api/v1/policy/evaluate, public, rate-limited per address.
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await ensureDefaultPolicy(t.handle.db, new Date());
});
afterAll(async () => { await t?.close(); });

const evaluate = (body: unknown, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/policy/evaluate', payload: body as object, remoteAddress });

describe('POST /api/v1/policy/evaluate', () => {
  it('evaluates a conference with a paper presented, without a login, with the fields of API.md', async () => {
    const res = await evaluate({ year: 2024, activity: { kind: 'conference', level: 'national', days: 2, presented: true } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['category', 'clause', 'explanation', 'fullYear', 'hours', 'policyVersion', 'provisional']);
    expect(body).toMatchObject({ hours: 20, category: 'professional', clause: '7(4)', policyVersion: 'HN-2017', provisional: true, fullYear: false });
    expect(body.explanation).toContain(policy.PROVISIONAL_MARK);
  });

  it('answers with decimal hours and confirmed values without the provisional mark', async () => {
    const declared = await evaluate({ year: 2025, activity: { kind: 'base_training', hours: 12.5, category: 'public' } });
    expect(declared.json()).toMatchObject({ hours: 12.5, category: 'public', clause: '7(1)', provisional: false });
    expect(declared.json().explanation).not.toContain(policy.PROVISIONAL_MARK);
    const study = await evaluate({ year: 2025, activity: { kind: 'course_study', months: 3 } });
    expect(study.json()).toMatchObject({ hours: 30, provisional: false, fullYear: false });
  });

  it('gives 0 hours with the reason for an activity the policy gives none, and the full year for aid service', async () => {
    const patent = await evaluate({ year: 2024, activity: { kind: 'patent', type: 'invention', rank: 2 } });
    expect(patent.statusCode).toBe(200);
    expect(patent.json()).toMatchObject({ hours: 0, clause: '7(7)', provisional: false });
    expect(patent.json().explanation).toContain('不计学时');
    const aid = await evaluate({ year: 2024, activity: { kind: 'aid_service' } });
    expect(aid.json()).toMatchObject({ hours: 0, fullYear: true, category: 'both', clause: '7(11)' });
  });

  it('names the field of a malformed activity', async () => {
    const cases: [unknown, string][] = [
      [{ kind: 'conference', level: 'national', days: 0, presented: true }, 'body.activity.days'],
      [{ kind: 'no_such_kind' }, 'body.activity.kind'],
      [{ kind: 'seminar', hours: 1.25, category: 'public' }, 'body.activity.hours'],
      [{ kind: 'paper', tier: 'national' }, 'body.activity.rank'],
      [{ kind: 'exam', level: 'senior', colour: 'red' }, 'body.activity.colour'],
      [{ kind: 'guide_course', courseCode: 'GX-01' }, 'body.activity.courseCode'],
      [{ kind: 'other', ruleCode: 'zz.none', hours: 3, category: 'public' }, 'body.activity.ruleCode'],
    ];
    for (const [activity, field] of cases) {
      const res = await evaluate({ year: 2024, activity });
      expect(res.statusCode, JSON.stringify(activity)).toBe(400);
      expect(res.json().code).toBe('validation_failed');
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const notObject = await evaluate({ year: 2024, activity: 'conference' });
    expect(notObject.json().errors[0].field).toBe('body.activity');
  });

  it('refuses a year no version governs, and a year out of range', async () => {
    const before = await evaluate({ year: 2010, activity: { kind: 'report_adopted' } });
    expect(before.statusCode).toBe(400);
    expect(before.json().errors).toEqual([{ field: 'body.year', message: '2010年度没有适用的学时政策' }]);
    const absurd = await evaluate({ year: 1800, activity: { kind: 'report_adopted' } });
    expect(absurd.statusCode).toBe(400);
    expect(absurd.json().errors[0].field).toBe('body.year');
  });

  it('works for a logged-in user too (the CSRF header is needed as for every cookie write)', async () => {
    const s = await login(t.app, 'henan');
    const res = await as(t.app, s)('POST', '/api/v1/policy/evaluate', { year: 2024, activity: { kind: 'exam', level: 'senior' } });
    expect(res.json()).toMatchObject({ hours: 72, clause: '7(9)' });
  });

  it('limits each address to its window and then answers 429 rate_limited with Retry-After', async () => {
    const address = '203.0.113.7';
    const body = { year: 2024, activity: { kind: 'report_adopted' } };
    for (let i = 0; i < EVALUATE_LIMIT.limit; i += 1) {
      const res = await evaluate(body, address);
      if (res.statusCode !== 200) throw new Error(`request ${i} → ${res.statusCode}`);
    }
    const limited = await evaluate(body, address);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected; the window passes.
    expect((await evaluate(body, '203.0.113.8')).statusCode).toBe(200);
    t.clock.now = new Date(t.clock.now.getTime() + EVALUATE_LIMIT.windowMs + 1000);
    expect((await evaluate(body, address)).statusCode).toBe(200);
  });
});
