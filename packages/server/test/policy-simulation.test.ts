import { policy } from '@jixu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDefaultPolicy } from '../src/modules/policy/index.ts';
import { as, createTestApp, login, type Session, type TestApp } from './helpers.ts';

// Issue 4, point 8: before publishing, the provincial bureau sees how many people's current year
// would change from complete to incomplete or back, computed on the real (demo) data. Proven against
// what actually happens: the yearly statuses before and after publishing the draft.
let t: TestApp;
let henan: Session;
const Y = policy.businessYear(new Date());

beforeAll(async () => {
  t = await createTestApp();
  await ensureDefaultPolicy(t.handle.db, new Date());
  henan = await login(t.app, 'henan');
});
afterAll(async () => { await t?.close(); });

type Doc = { rules: { kind: string; levels?: unknown }[]; requirement: Record<string, { value: number; provisional: boolean }> };

async function draft(id: string, effectiveFrom: string, edit: (document: Doc) => void): Promise<void> {
  const created = await as(t.app, henan)('POST', '/api/v1/policies', { copyFrom: 'HN-2017', id, effectiveFrom });
  expect(created.statusCode).toBe(201);
  const document = created.json().document as Doc;
  edit(document);
  const saved = await as(t.app, henan)('PUT', `/api/v1/policies/${id}`, { document, version: 1 });
  expect(saved.statusCode, saved.body).toBe(200);
}

async function completion(): Promise<Map<string, boolean>> {
  const people = await t.handle.db.selectFrom('persons').select('id').where('status', '=', 'approved').execute();
  const result = new Map<string, boolean>();
  for (const p of people) {
    const res = await as(t.app, henan)('GET', `/api/v1/persons/${p.id}/years/${Y}`);
    expect(res.statusCode).toBe(200);
    result.set(p.id, res.json().complete as boolean);
  }
  return result;
}

const simulate = (id: string, body: object = {}) => as(t.app, henan)('POST', `/api/v1/policies/${id}/simulate`, body);

describe('simulation of a draft', () => {
  it('predicts exactly the changes that publishing the draft makes', async () => {
    // National conferences fall from 8 to 6 hours a day: years that only just reached 60 professional hours fall short.
    await draft('HN-SIM-DOWN', `${Y}-01-01`, (document) => {
      const conference = document.rules.find((r) => r.kind === 'conference') as { levels: { national: { perDay: { value: number } } } };
      conference.levels.national.perDay.value = 60;
    });
    const res = await simulate('HN-SIM-DOWN');
    expect(res.statusCode).toBe(200);
    const simulated = res.json();
    expect(simulated).toMatchObject({ year: Y, currentVersion: 'HN-2017', candidateVersion: 'HN-SIM-DOWN' });
    expect(simulated.completeToIncomplete).toBeGreaterThan(0);
    expect(simulated.completeToIncomplete + simulated.incompleteToComplete + simulated.unchanged).toBe(simulated.people);
    expect(simulated.recordsEvaluated).toBeGreaterThan(simulated.people);

    const before = await completion();
    expect(simulated.people).toBe(before.size);
    expect((await as(t.app, henan)('POST', '/api/v1/policies/HN-SIM-DOWN/publish')).statusCode).toBe(200);
    const after = await completion();
    let down = 0;
    let up = 0;
    for (const [id, was] of before) {
      if (was && !after.get(id)) down += 1;
      if (!was && after.get(id)) up += 1;
    }
    expect({ completeToIncomplete: down, incompleteToComplete: up }).toEqual({
      completeToIncomplete: simulated.completeToIncomplete, incompleteToComplete: simulated.incompleteToComplete,
    });
  });

  it('counts people whose year becomes complete when the requirement falls', async () => {
    await draft('HN-SIM-UP', `${Y}-03-01`, (document) => {
      document.requirement.total = { value: 400, provisional: false };
      document.requirement.public = { value: 100, provisional: false };
      document.requirement.professional = { value: 200, provisional: false };
    });
    const simulated = (await simulate('HN-SIM-UP')).json();
    expect(simulated).toMatchObject({ year: Y, currentVersion: 'HN-SIM-DOWN', candidateVersion: 'HN-SIM-UP', completeToIncomplete: 0 });
    expect(simulated.incompleteToComplete).toBeGreaterThan(0);
  });

  it('changes nobody in a year the draft does not govern', async () => {
    await draft('HN-SIM-LATER', `${Y + 1}-01-01`, (document) => { document.requirement.total = { value: 2000, provisional: false }; });
    const sameYear = (await simulate('HN-SIM-LATER', { year: Y })).json();
    expect(sameYear).toMatchObject({ completeToIncomplete: 0, incompleteToComplete: 0, candidateVersion: sameYear.currentVersion });
    expect(sameYear.unchanged).toBe(sameYear.people);
    // By default the first year the draft governs.
    expect((await simulate('HN-SIM-LATER')).json().year).toBe(Y + 1);
  });

  it('simulates drafts only, for the provincial bureau only', async () => {
    expect((await simulate('HN-2017')).statusCode).toBe(409);
    expect((await simulate('HN-NONE')).statusCode).toBe(404);
    const city = await as(t.app, await login(t.app, 'zhengzhou'))('POST', '/api/v1/policies/HN-SIM-UP/simulate', {});
    expect(city.statusCode).toBe(403);
    expect((await simulate('HN-SIM-UP', { year: 2010 })).json().errors[0].field).toBe('body.year');
  });
});
