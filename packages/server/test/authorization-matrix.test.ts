import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorKinds, type ActorKind } from '../src/platform/actor.ts';
import { registerAuthentication } from '../src/platform/authentication.ts';
import { routeAccess } from '../src/platform/authz.ts';
import { as, createTestApp, demoUsernames, login, type TestApp } from './helpers.ts';
import { apiRoutes, type ApiRoute } from './openapi-routes.ts';

// Walks every route of the OpenAPI document as every actor (and as nobody), and checks the answer
// against the authorization matrix: 401 without a login, 403 for a kind the matrix does not list,
// and neither for a kind it lists. Object scope (404 outside it) is proven in scope.test.ts.
let t: TestApp;
let routes: ApiRoute[];
let targetAccountId: string;
const usernames = demoUsernames();

beforeAll(async () => {
  t = await createTestApp();
  routes = await apiRoutes(t.app);
  const target = await t.handle.db.selectFrom('accounts').select('id').where('username_display', '=', 'unit-lyu').executeTakeFirstOrThrow();
  targetAccountId = target.id;
});
afterAll(async () => { await t?.close(); });

function urlOf(route: ApiRoute): string {
  return route.path.replace('{id}', targetAccountId);
}

function bodyOf(route: ApiRoute): unknown {
  if (route.key === 'POST /api/v1/auth/login') return { username: 'henan', password: 'Demo@2024' };
  if (route.key === 'POST /api/v1/me/password') return { currentPassword: 'Wrong@2024', newPassword: 'Another#2025' };
  return route.hasBody ? {} : undefined;
}

describe('authorization matrix', () => {
  it('lists exactly the routes of the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(5);
    expect(new Set(routes.map((r) => r.key))).toEqual(new Set(Object.keys(routeAccess)));
  });

  it('refuses to register an API route that is missing from the matrix', async () => {
    const app = Fastify();
    registerAuthentication(app);
    expect(() => app.get('/api/v1/not-in-the-matrix', async () => 'x')).toThrow(/missing from the authorization matrix/);
    await app.close();
  });

  it('answers every route as every actor as the matrix says', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const access = routeAccess[route.key]!;
      const anonymous = await as(t.app, undefined)(route.method as 'GET', urlOf(route), bodyOf(route));
      if (access !== 'public' && anonymous.statusCode !== 401) failures.push(`${route.key} anonymous → ${anonymous.statusCode}`);

      for (const kind of actorKinds) {
        // A fresh session per call: some routes (logout, disable) end sessions as their effect.
        const session = await login(t.app, usernames[kind]!);
        const res = await as(t.app, session)(route.method as 'GET', urlOf(route), bodyOf(route));
        const allowed = access === 'public' || access.includes(kind as ActorKind);
        const denied = res.statusCode === 403 && res.json().code === 'forbidden';
        if (allowed && (denied || res.statusCode === 401)) failures.push(`${route.key} as ${kind} → ${res.statusCode} (allowed)`);
        if (!allowed && !denied) failures.push(`${route.key} as ${kind} → ${res.statusCode} (should be 403)`);
        if (res.statusCode >= 500) failures.push(`${route.key} as ${kind} → ${res.statusCode}`);
      }
      // Put the target back for the next route.
      await t.handle.db.updateTable('accounts').set({ disabled: 0 }).where('id', '=', targetAccountId).execute();
    }
    expect(failures).toEqual([]);
  });
});

describe('matrix invariants', () => {
  // The only writes anyone may make without an account: logging in, registering (a person, a unit,
  // a provider) and asking the hours calculator.
  const publicWrites = new Set([
    'POST /api/v1/auth/login', 'POST /api/v1/registrations', 'POST /api/v1/unit-registrations',
    'POST /api/v1/provider-registrations', 'POST /api/v1/policy/evaluate',
  ]);

  it('opens no write route to the public but the listed ones, and no people route to operators or providers', () => {
    for (const [key, access] of Object.entries(routeAccess)) {
      if (!key.startsWith('GET ') && !publicWrites.has(key)) expect(access, key).not.toBe('public');
      if (key.includes('/persons')) {
        expect(access, key).not.toBe('public');
        expect(access, key).not.toContain('admin');
        expect(access, key).not.toContain('provider');
      }
    }
  });
});
