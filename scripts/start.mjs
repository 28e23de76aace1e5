// `npm start`: builds the web front end when it is missing or stale, then starts the server with the
// demo province on (JIXU_DEMO=1 unless set otherwise). See README "Configuration".
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildWebIfStale } from './build-web.mjs';

const root = path.resolve(import.meta.dirname, '..');
if (!buildWebIfStale()) process.exit(1);

const env = { ...process.env, JIXU_DEMO: process.env.JIXU_DEMO ?? '1' };
const server = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
