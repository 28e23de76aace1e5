import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

// Shared by every benchmark scenario: start processes on free loopback ports, load them with
// autocannon, report requests/s and p99 as ratios against the bare route measured in the same run.
export const root = path.resolve(import.meta.dirname, '..');

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

export type Proc = { url: string; stop: () => Promise<void> };

export async function startProcess(script: string, env: Record<string, string>, healthPath: string): Promise<Proc> {
  const port = await freePort();
  // BENCH_PROFILE_DIR=dir writes a V8 CPU profile of each started process there (for finding hot spots).
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, '--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    if (i > 600) throw new Error(`${script} did not become healthy`);
    try {
      if ((await fetch(url + healthPath)).ok) break;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: async () => { child.kill('SIGTERM'); await new Promise((r) => child.once('exit', r)); } };
}

export async function startJixu(extraEnv: Record<string, string> = {}): Promise<Proc & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixu-bench-'));
  const proc = await startProcess('packages/server/src/main.ts', { JIXU_DATA_DIR: dataDir, JIXU_DEMO: '1', ...extraEnv }, '/api/v1/health');
  return { ...proc, dataDir, stop: async () => { await proc.stop(); fs.rmSync(dataDir, { recursive: true, force: true }); } };
}

export type LoadResult = { name: string; requestsPerSecond: number; p99Ms: number; errors: number; non2xx: number };

export async function load(options: { name: string; url: string; headers?: Record<string, string>; method?: 'GET' | 'POST'; body?: string; seconds: number; connections: number }): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: options.headers ?? {},
    ...(options.body ? { body: options.body } : {}),
    duration: options.seconds,
    connections: options.connections,
  });
  return {
    name: options.name,
    requestsPerSecond: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export async function loginCookie(baseUrl: string, username: string, password = 'Demo@2024'): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('jixu_sid='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

/** The baseline every ratio divides by: a bare Fastify route in its own process, after a warm-up. */
export async function bareBaseline(options: { seconds: number; connections: number }): Promise<LoadResult> {
  const bare = await startProcess('bench/bare-server.ts', {}, '/bare');
  try {
    await load({ name: 'warm-up', url: `${bare.url}/bare`, seconds: 2, connections: options.connections });
    return await load({ name: 'bare Fastify route', url: `${bare.url}/bare`, seconds: options.seconds, connections: options.connections });
  } finally {
    await bare.stop();
  }
}
