import { describe, expect, it } from 'vitest';
import { createTestApp } from './helpers.ts';

describe('graceful shutdown', () => {
  it('lets a request in flight finish while the server closes, and refuses new connections after', async () => {
    // Production-cost scrypt makes a failed login take long enough to still be running at close().
    let arrived: () => void = () => {};
    const inHandler = new Promise<void>((resolve) => { arrived = resolve; });
    const t = await createTestApp({
      demo: false,
      config: { scryptN: 2 ** 15 },
      // Close only once the login is really being handled (its scrypt then takes a while).
      beforeReady: (app) => app.addHook('preHandler', async (request) => { if (request.url === '/api/v1/auth/login') arrived(); }),
    });
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const inFlight = fetch(`${address}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'x', password: 'y' }),
      });
      await inHandler;
      t.app.readiness.ready = false;
      const closing = t.app.close();
      const res = await inFlight;
      expect(res.status).toBe(401);
      expect(((await res.json()) as { code: string }).code).toBe('invalid_credentials');
      await closing;
      await expect(fetch(`${address}/api/v1/health`)).rejects.toThrow();
    } finally {
      await t.close();
    }
  });
});
