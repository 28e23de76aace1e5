import { policy } from '@jixu/domain';
import autocannon from 'autocannon';
import { completionBatch, type PersonYear } from '../packages/server/src/modules/policy/yearly-batch.ts';
import { startJixu, type LoadResult } from './harness.ts';

// Scenarios of the policy capability (issue 4), called from bench/run.ts:
//   1. `POST /api/v1/policy/evaluate` (public calculator) under load, as a ratio to the bare route;
//   2. the yearly status of 100,000 people × 8 records computed in one batch, in process (pure domain),
//      reported as records evaluated per second; its ratio is to evaluating the same records alone,
//      i.e. what the yearly status (duplicates, reductions, sums) costs on top of evaluation.
export type PolicyScenario = { name: string; target: number | undefined; result: LoadResult; ratio: number };

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const RECORDS_PER_PERSON = 8;

export async function policyScenarios(options: { seconds: number; connections: number; baseline: LoadResult }): Promise<PolicyScenario[]> {
  const http = await calculatorUnderLoad(options);
  const batch = yearlyStatusBatch();
  return [http, batch];
}

/**
 * The calculator is limited per address (600 a minute). Behind a proxy each client has its own
 * address: the load comes from 4,000 of them (X-Forwarded-For with JIXU_TRUST_PROXY=1), so every
 * address stays under its limit at any rate this machine reaches, and a 429 counts as an error.
 */
async function calculatorUnderLoad(options: { seconds: number; connections: number; baseline: LoadResult }): Promise<PolicyScenario> {
  const jixu = await startJixu({ JIXU_TRUST_PROXY: '1' });
  try {
    await loadEvaluate({ url: jixu.url, seconds: 2, connections: options.connections });
    const result = await loadEvaluate({ url: jixu.url, seconds: options.seconds, connections: options.connections });
    return { name: result.name, target: 0.5, result, ratio: result.requestsPerSecond / options.baseline.requestsPerSecond };
  } finally {
    await jixu.stop();
  }
}

/** harness.load with a list of requests, one per client address (built once, up front). */
export async function loadEvaluate(options: { url: string; seconds: number; connections: number }): Promise<LoadResult> {
  const year = policy.businessYear(new Date());
  const body = JSON.stringify({ year, activity: { kind: 'conference', level: 'national', days: 2, presented: true } });
  const headers = { 'content-type': 'application/json' };
  const addresses = Array.from({ length: 4000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.${1 + (i % 250)}`);
  const result = await autocannon({
    url: `${options.url}/api/v1/policy/evaluate`,
    method: 'POST',
    headers,
    body,
    requests: addresses.map((address) => ({ method: 'POST', body, headers: { ...headers, 'x-forwarded-for': address } })),
    duration: options.seconds,
    connections: options.connections,
  });
  return {
    name: 'POST /api/v1/policy/evaluate',
    requestsPerSecond: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** A deterministic generator (the same data on every run). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A province-sized year: 8 verified records a person of the kinds people declare most, a few leaves. */
export function generatePeople(options: { people: number; year: number; seed?: number }): PersonYear[] {
  const { year } = options;
  const random = lcg(options.seed ?? 2017);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const day = () => `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const activityOf = (j: number): policy.Activity => {
    const roll = random();
    if (j < 2 || roll < 0.3) return { kind: 'base_training', hours: 10 * (4 + Math.floor(random() * 16)), category: j % 2 === 0 ? 'public' : 'professional', to: day() };
    if (roll < 0.45) return { kind: 'seminar', hours: 10 * (4 + Math.floor(random() * 24)), category: 'professional', to: day() };
    if (roll < 0.6) return { kind: 'conference', level: pick(['national', 'provincial'] as const), days: 1 + Math.floor(random() * 3), presented: random() < 0.3 };
    if (roll < 0.72) return { kind: 'paper', tier: pick(['national', 'provincial_core', 'issn_cn'] as const), rank: 1 + Math.floor(random() * 4), datedOn: day() };
    if (roll < 0.8) return { kind: 'degree_course', coursesPassed: 1 + Math.floor(random() * 3) };
    if (roll < 0.86) return { kind: 'grassroots_service', days: 1 + Math.floor(random() * 10) };
    if (roll < 0.9) return { kind: 'exam', level: pick(['senior', 'intermediate', 'junior', 'practising'] as const) };
    if (roll < 0.94) return { kind: 'book', characters: 10_000 * (1 + Math.floor(random() * 30)), rank: 1 + Math.floor(random() * 3) };
    if (roll < 0.97) return { kind: 'project', level: 'provincial', role: pick(['main', 'sub'] as const), rank: 1 + Math.floor(random() * 3), projectCode: `P${Math.floor(random() * 1e6)}`, plannedStartYear: year - 1, plannedEndYear: year + 1 };
    if (roll < 0.995) return { kind: 'course_study', months: 1 + Math.floor(random() * 8) };
    return { kind: 'aid_service' };
  };

  const people: PersonYear[] = [];
  for (let i = 0; i < options.people; i += 1) {
    const records: policy.YearRecord[] = [];
    for (let j = 0; j < RECORDS_PER_PERSON; j += 1) records.push({ id: `p${i}-r${j}`, year, activity: activityOf(j), verified: true });
    const reductions: policy.LeavePeriod[] = i % 50 === 0 ? [{ kind: 'maternity_leave', from: `${year}-03-01`, to: `${year}-06-07`, verified: true }] : [];
    people.push({ personId: `p${i}`, records, reductions });
  }
  return people;
}

export function yearlyStatusBatch(): PolicyScenario {
  const year = policy.businessYear(new Date());
  const version = policy.HN_2017;
  const people = generatePeople({ people: PEOPLE, year });

  // Reference: evaluating the same records one by one, nothing else.
  const evalStart = performance.now();
  let evaluated = 0;
  for (const person of people) for (const record of person.records) if (policy.evaluate(version, record.activity).ok) evaluated += 1;
  const evaluateSeconds = (performance.now() - evalStart) / 1000;

  const start = performance.now();
  const result = completionBatch({ version, year, people });
  const seconds = (performance.now() - start) / 1000;

  const recordsPerSecond = Math.round(result.recordsEvaluated / seconds);
  const complete = result.complete.filter(Boolean).length;
  console.log(`yearly status batch: ${people.length} people, ${result.recordsEvaluated} records in ${seconds.toFixed(2)} s ` +
    `(${recordsPerSecond} records/s; ${complete} complete); evaluate alone: ${Math.round(evaluated / evaluateSeconds)} records/s`);
  return {
    name: `yearly status ${people.length / 1000}k×${RECORDS_PER_PERSON} (records/s)`,
    target: undefined,
    result: { name: 'yearly status batch', requestsPerSecond: recordsPerSecond, p99Ms: 0, errors: result.recordsEvaluated === people.length * RECORDS_PER_PERSON ? 0 : 1, non2xx: 0 },
    ratio: recordsPerSecond / (evaluated / evaluateSeconds),
  };
}
