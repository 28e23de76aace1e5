// `npm test`: every check and every suite, then one summary line `N passed, N failed`.
//   1. lint (ESLint) and typecheck (tsc), each counted as one check;
//   2. the domain and server suites on SQLite;
//   3. the same suites on PostgreSQL: JIXU_TEST_PG_URL if given, else a throwaway cluster started
//      here (scripts/pg-cluster.sh) when the PostgreSQL 15 binaries are installed;
//   4. the browser tests (Debian chromium + playwright-core) against the built web front end.
// A suite that cannot run (no PostgreSQL binaries, no chromium) fails, unless JIXU_TEST_SKIP names it
// (e.g. JIXU_TEST_SKIP=postgres,e2e on a machine without them): nothing is skipped silently.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildWebIfStale } from './build-web.mjs';

const root = path.resolve(import.meta.dirname, '..');
const skip = new Set((process.env.JIXU_TEST_SKIP ?? '').split(',').filter(Boolean));
const results = [];
const runStart = performance.now();
let phaseStart = performance.now();
/** Seconds since the previous call (each summary line says how long its phase took). */
const took = () => {
  const seconds = Math.round((performance.now() - phaseStart) / 1000);
  phaseStart = performance.now();
  return ` (${seconds} s)`;
};
let passed = 0;
let failed = 0;

function run(cmd, args, env = {}) {
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status === 0;
}

function check(name, ok) {
  results.push(`${ok ? 'ok  ' : 'FAIL'} ${name}${took()}`);
  if (ok) passed += 1; else failed += 1;
}

function vitest(name, args, env = {}) {
  const out = path.join(os.tmpdir(), `jixu-vitest-${process.pid}-${name}.json`);
  const ok = run('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  if (!fs.existsSync(out)) {
    check(`${name}: the test run did not complete`, false);
    return;
  }
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(out);
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (!ok && report.numFailedTests === 0) failed += 1; // a crash outside any test still fails the run
  results.push(`${report.numFailedTests === 0 && ok ? 'ok  ' : 'FAIL'} ${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed${took()}`);
}

console.log('\n== lint'); check('lint', run('npx', ['eslint', '.']));
console.log('\n== typecheck'); check('typecheck', run('npm', ['run', 'typecheck', '--silent']));

console.log('\n== suites on SQLite');
vitest('sqlite', [], { JIXU_TEST_PG_URL: '' });

if (skip.has('postgres')) {
  results.push('skip postgres (JIXU_TEST_SKIP)');
} else {
  console.log('\n== suites on PostgreSQL');
  let url = process.env.JIXU_TEST_PG_URL;
  let cluster;
  if (!url) {
    cluster = fs.mkdtempSync(path.join(os.tmpdir(), 'jixu-pg-'));
    const started = spawnSync('bash', ['scripts/pg-cluster.sh', 'start', cluster], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    url = started.status === 0 ? started.stdout.trim() : undefined;
  }
  try {
    if (url) vitest('postgres', [], { JIXU_TEST_PG_URL: url });
    else check('postgres: no PostgreSQL to test against (install postgresql, or set JIXU_TEST_PG_URL)', false);
  } finally {
    if (cluster) spawnSync('bash', ['scripts/pg-cluster.sh', 'stop', cluster], { cwd: root, stdio: 'inherit' });
  }
}

if (skip.has('e2e')) {
  results.push('skip e2e (JIXU_TEST_SKIP)');
} else {
  console.log('\n== browser tests');
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) check(`e2e: ${chromium} not found (apt-get install -y chromium)`, false);
  else if (!buildWebIfStale()) check('e2e: the web build failed', false);
  else vitest('e2e', ['--config', 'packages/e2e/vitest.config.ts']);
}

console.log('\n== summary');
for (const line of results) console.log(line);
console.log(`total ${Math.round((performance.now() - runStart) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
