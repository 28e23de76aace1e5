import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeAccess } from '../src/platform/authz.ts';
import { createTestApp, demoUsernames, login, type TestApp } from './helpers.ts';
import { apiRoutes, type ApiRoute } from './openapi-routes.ts';

// Throws random JSON at every write route, as an actor allowed to call it: the answer is never a 5xx,
// and a 400 is a validation problem whose fields point into the body.
let t: TestApp;
let writeRoutes: ApiRoute[];
const usernames = demoUsernames();

beforeAll(async () => {
  t = await createTestApp();
  writeRoutes = (await apiRoutes(t.app)).filter((r) => r.method !== 'GET');
});
afterAll(async () => { await t?.close(); });

const randomBody = (route: ApiRoute) =>
  fc.oneof(
    fc.jsonValue(),
    // Objects with the route's own keys (and strangers) holding values of any type.
    fc.dictionary(fc.constantFrom(...route.bodyKeys, 'extra', '__proto__', 'constructor'), fc.jsonValue()),
  );

describe('random bodies on every write route', () => {
  it('never answers 5xx, and names the field of every validation error', async () => {
    expect(writeRoutes.length).toBeGreaterThan(3);
    const admin = await t.handle.db.selectFrom('accounts').select('id').where('username_display', '=', 'unit-lyu').executeTakeFirstOrThrow();
    const certificate = await t.handle.db.selectFrom('persons').select('certificate_number').where('certificate_number', 'is not', null).executeTakeFirstOrThrow();
    for (const route of writeRoutes) {
      const access = routeAccess[route.key]!;
      const kind = access === 'public' ? 'admin' : access[0]!;
      // One sign-in per route (scrypt is deliberately slow); a route that ends the session answers 401 after.
      const session = await login(t.app, usernames[kind]!);
      await fc.assert(
        fc.asyncProperty(randomBody(route), async (body) => {
          const res = await t.app.inject({
            method: route.method as 'POST',
            url: route.path.replace('{id}', admin.id).replace('{number}', certificate.certificate_number!),
            headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
            payload: JSON.stringify(body),
          });
          expect(res.statusCode, `${route.key} ${JSON.stringify(body)}`).toBeLessThan(500);
          if (res.statusCode === 400) {
            const problem = res.json();
            expect(problem.code).toBe('validation_failed');
            expect(problem.errors.length).toBeGreaterThan(0);
            for (const e of problem.errors) expect(e.field).toMatch(/^body(\.|$)/);
          }
        }),
        { numRuns: 60 },
      );
    }
  }, 300_000);

  it('answers a body that is not JSON with a 400 naming the body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{oops' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body' }] });
    const text = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expect(text.statusCode).toBe(400);
    expect(text.json().errors[0].field).toBe('body');
    const xml = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().code).toBe('unsupported_media_type');
  });
});
