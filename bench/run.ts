import fs from 'node:fs';
import path from 'node:path';
import { bareBaseline, load, loginCookie, root, startJixu, type LoadResult } from './harness.ts';
import { certificateScenarios } from './certificates.ts';
import { policyScenarios } from './policy.ts';
import { recordScenarios } from './records.ts';

// `npm run bench`: speed targets as ratios against a baseline measured in the same run (never as
// wall-clock assertions in tests). BENCH_SECONDS and BENCH_CONNECTIONS tune the load; the result is
// printed and written to bench/results/latest.json.
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

type Scenario = { name: string; target: number | undefined; result: LoadResult; ratio: number };
const scenarios: Scenario[] = [];

const baseline = await bareBaseline({ seconds, connections });

const jixu = await startJixu();
try {
  const cookie = await loginCookie(jixu.url, 'henan');
  const me = { name: 'GET /api/v1/me (session)', url: `${jixu.url}/api/v1/me`, headers: { cookie }, seconds, connections };
  await load({ ...me, seconds: 2 });
  const result = await load(me);
  scenarios.push({ name: me.name, target: 0.5, result, ratio: result.requestsPerSecond / baseline.requestsPerSecond });
} finally {
  await jixu.stop();
}

// Policy capability: the public calculator under load, and the 100,000 × 8 yearly-status batch.
scenarios.push(...(await policyScenarios({ seconds, connections, baseline })));

// Certificates and ledger: verification under load, PDFs per second, proofs at 1,000,000 leaves.
scenarios.push(...(await certificateScenarios({ seconds, connections, baseline })));

// Records: submitting and listing reviewer queues on a database of 1,000,000 records.
scenarios.push(...(await recordScenarios({ seconds, connections, baseline })));

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
console.log(`\nbaseline: ${baseline.name}: ${baseline.requestsPerSecond} req/s, p99 ${baseline.p99Ms} ms (${seconds}s, ${connections} connections)`);
console.log(`${pad('scenario', 34)}${pad('req/s', 10)}${pad('p99 ms', 9)}${pad('ratio', 8)}${pad('target', 8)}errors`);
for (const s of scenarios) {
  const verdict = s.target === undefined ? '' : s.ratio >= s.target ? ' ok' : ' BELOW';
  // Ratios far below 1 (the records scenarios) keep two significant digits.
  const ratio = s.ratio > 0 && s.ratio < 0.01 ? s.ratio.toPrecision(2) : s.ratio.toFixed(2);
  console.log(`${pad(s.name, 34)}${pad(String(s.result.requestsPerSecond), 10)}${pad(String(s.result.p99Ms), 9)}${pad(ratio, 8)}${pad(s.target === undefined ? '-' : `≥${s.target}`, 8)}${s.result.errors + s.result.non2xx}${verdict}`);
}

const out = path.join(root, 'bench/results');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'latest.json'), JSON.stringify({ at: new Date().toISOString(), seconds, connections, baseline, scenarios }, null, 2));
