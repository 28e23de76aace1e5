import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import type { DbHandle } from '../src/db/database.ts';
import { DEMO_PASSWORD, demoPeopleListing } from '../src/db/seed/demo.ts';
import { prepareDatabase } from '../src/startup.ts';

// Test harness: a fresh database per test file (SQLite in a temporary folder, or a new PostgreSQL
// database when JIXU_TEST_PG_URL is set), the demo province seeded, the app built in-process.
export const engineUnderTest = process.env.JIXU_TEST_PG_URL ? 'postgres' : 'sqlite';

export type TestApp = {
  app: FastifyInstance;
  handle: DbHandle;
  config: Config;
  logs: string[];
  clock: { now: Date };
  close: () => Promise<void>;
};

async function createPgDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `jixu_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      // The pool's backends may still be exiting after pool.end(): wait for them rather than kill
      // them (a killed backend's FATAL would reach a client that is already closing).
      for (let attempt = 0; ; attempt += 1) {
        try {
          await c.query(`DROP DATABASE IF EXISTS ${name}${attempt >= 40 ? ' WITH (FORCE)' : ''}`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== '55006' || attempt >= 40) throw error;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      await c.end();
    },
  };
}

export async function createTestApp(options: { demo?: boolean; config?: Partial<Config>; beforeReady?: (app: FastifyInstance) => void } = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixu-test-'));
  const pgDb = process.env.JIXU_TEST_PG_URL ? await createPgDatabase(process.env.JIXU_TEST_PG_URL) : undefined;
  const config = loadConfig({}, {
    dataDir,
    databaseUrl: pgDb?.url,
    demo: options.demo ?? true,
    logLevel: 'info',
    scryptN: 2 ** 10, // fast hashes for tests; production's 2^15 is tested in passwords.test.ts
    webDist: undefined,
    ...options.config,
  });
  const handle = await prepareDatabase(config);
  const logs: string[] = [];
  const logStream = new Writable({ write(chunk, _enc, done) { logs.push(String(chunk)); done(); } });
  const clock = { now: new Date() };
  const app = await buildApp({ config, handle, logStream, now: () => clock.now });
  options.beforeReady?.(app);
  await app.ready();
  return {
    app, handle, config, logs, clock,
    close: async () => {
      await app.close();
      await handle.destroy();
      await pgDb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Session = { cookie: string; csrf: string; user: { id: string; role: string; personId?: string } };

export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'jixu_sid');
  if (!cookie) throw new Error('no session cookie');
  const body = res.json() as { csrfToken: string; user: Session['user'] };
  return { cookie: `jixu_sid=${cookie.value}`, csrf: body.csrfToken, user: body.user };
}

/** An injected request as a logged-in user (the CSRF header included on writes). */
export function as(app: FastifyInstance, session: Session | undefined) {
  return (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    app.inject({
      method,
      url,
      headers: session ? { cookie: session.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrf }) } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
}

/** Demo usernames by actor kind (a person logs in with a resident ID number). */
export function demoUsernames(): Record<string, string> {
  const person = demoPeopleListing().find((p) => p.unit === 'unit-zzu' && p.status === 'approved');
  return {
    person: person!.idNumber,
    unit: 'unit-zzu',
    provider: 'provider-hn',
    authority: 'weijian',
    'bureau-province': 'henan',
    'bureau-city': 'zhengzhou',
    'bureau-county': 'jinshui',
    admin: 'admin',
  };
}
