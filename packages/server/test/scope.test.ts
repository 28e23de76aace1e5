import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Org, Person } from '../src/db/schema.ts';
import { as, createTestApp, demoUsernames, login, type Session, type TestApp } from './helpers.ts';

// Object scope: for every demo account, the people it can list and open are exactly those an
// independent model of supervision says (walking *up* the explicit supervision columns, where the
// SQL walks down). Outside-scope objects answer 404, never 403, so existence is not revealed.
let t: TestApp;
let orgs: Map<string, Org>;
let persons: Person[];

beforeAll(async () => {
  t = await createTestApp();
  orgs = new Map((await t.handle.db.selectFrom('orgs').selectAll().execute()).map((o) => [o.id, o]));
  persons = await t.handle.db.selectFrom('persons').selectAll().execute();
});
afterAll(async () => { await t?.close(); });

function chainUp(orgId: string | null): string[] {
  const chain: string[] = [];
  for (let id = orgId; id; id = orgs.get(id)?.parent_id ?? null) chain.push(id);
  return chain;
}

function visible(account: { role: string; org_id: string | null; person_id: string | null }, person: Person): boolean {
  const unit = orgs.get(person.unit_id)!;
  const org = account.org_id ? orgs.get(account.org_id) : undefined;
  switch (account.role) {
    case 'person': return account.person_id === person.id;
    case 'unit': return account.org_id === unit.id;
    case 'bureau': return org?.level === 'province' || chainUp(unit.bureau_id).includes(account.org_id!);
    case 'authority': return chainUp(unit.authority_id).includes(account.org_id!);
    default: return false;
  }
}

async function listAll(session: Session): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await as(t.app, session)('GET', `/api/v1/persons?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
    if (res.statusCode !== 200) return [`status ${res.statusCode}`];
    const page = res.json() as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids.sort();
}

describe('scope', () => {
  const usernames = ['henan', 'zhengzhou', 'jinshui', 'luoyang', 'gongyi', 'weijian', 'unit-zzu', 'unit-lyu', demoUsernames().person!];

  it.each(usernames)('%s sees exactly the people of its scope, and 404 for the others', async (username) => {
    const session = await login(t.app, username);
    const account = await t.handle.db.selectFrom('accounts').selectAll().where('id', '=', session.user.id).executeTakeFirstOrThrow();
    const expected = persons.filter((p) => visible(account, p)).map((p) => p.id).sort();
    expect(expected.length).toBeGreaterThan(0);
    if (account.role !== 'person') expect(await listAll(session)).toEqual(expected);
    for (const p of persons) {
      const res = await as(t.app, session)('GET', `/api/v1/persons/${p.id}`);
      expect(res.statusCode, `${username} → ${p.name}`).toBe(expected.includes(p.id) ? 200 : 404);
    }
  });

  it('keeps a province-administered county out of its geographic city: Zhengzhou cannot see Gongyi (410181) people', async () => {
    const gongyiPeople = persons.filter((p) => p.unit_id === 'unit-gongyi');
    expect(gongyiPeople.length).toBeGreaterThan(0);
    const zhengzhou = await login(t.app, 'zhengzhou');
    const gongyi = await login(t.app, 'gongyi');
    const henan = await login(t.app, 'henan');
    for (const p of gongyiPeople) {
      expect((await as(t.app, zhengzhou)('GET', `/api/v1/persons/${p.id}`)).statusCode).toBe(404);
      expect((await as(t.app, gongyi)('GET', `/api/v1/persons/${p.id}`)).statusCode).toBe(200);
      expect((await as(t.app, henan)('GET', `/api/v1/persons/${p.id}`)).statusCode).toBe(200);
    }
    expect(await listAll(zhengzhou)).not.toEqual(expect.arrayContaining([gongyiPeople[0]!.id]));
  });

  it('answers an unknown id and a malformed id without revealing anything', async () => {
    const s = await login(t.app, 'henan');
    expect((await as(t.app, s)('GET', '/api/v1/persons/01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    const bad = await as(t.app, s)('GET', '/api/v1/persons/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('params.id');
  });
});
