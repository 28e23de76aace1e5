import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bytesToHex, canonicalJson, leafHash, rootFromLeafHashes } from '@jixu/domain';
import { sm3 } from '@jixu/domain/merkle-hashes';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../packages/server/src/config.ts';
import { renderCertificatePdf, type CertificatePdfInput } from '../packages/server/src/modules/certificates/pdf.ts';
import { consistencyProof, inclusionProof, signTreeHead } from '../packages/server/src/modules/ledger/service.ts';
import type { Deps } from '../packages/server/src/platform/deps.ts';
import { prepareDatabase } from '../packages/server/src/startup.ts';
import { startJixu, type LoadResult } from './harness.ts';

// Scenarios of the certificates capability (issue "Certificates"), called from bench/run.ts:
//   1. `GET /api/v1/certificates/{number}` (public verification, with its inclusion proof) under
//      load, as a ratio to the bare route (target ≥ 0.5);
//   2. certificate PDFs rendered per second, in process;
//   3. a ledger of BENCH_LEDGER_LEAVES (1,000,000) leaves on a temporary SQLite database: the first
//      signed head over all of them (its ratio: to computing the same root in memory, i.e. what
//      storing the perfect subtrees costs), and the average inclusion and consistency proof.
// Whatever is not a request rate says its unit in the scenario name; the number is in the req/s column.
export type CertificateScenario = { name: string; target: number | undefined; result: LoadResult; ratio: number };

const LEAVES = Number(process.env.BENCH_LEDGER_LEAVES ?? 1_000_000);
const PROOFS = Number(process.env.BENCH_LEDGER_PROOFS ?? 1000);
const PDFS = Number(process.env.BENCH_PDFS ?? 40);

export async function certificateScenarios(options: { seconds: number; connections: number; baseline: LoadResult }): Promise<CertificateScenario[]> {
  const http = await verificationUnderLoad(options);
  const pdf = await pdfsPerSecond();
  const ledger = await millionLeafLedger();
  return [http, pdf, ...ledger];
}

/**
 * Verification is limited per address (600 a minute): the load comes from 4,000 client addresses
 * behind a trusted proxy (as in bench/policy.ts), so a 429 counts as an error, never as speed.
 */
export async function verificationUnderLoad(options: { seconds: number; connections: number; baseline: LoadResult }): Promise<CertificateScenario> {
  const jixu = await startJixu({ JIXU_TRUST_PROXY: '1' });
  try {
    const number = demoCertificateNumber(jixu.dataDir);
    const run = (seconds: number) => loadVerification({ url: `${jixu.url}/api/v1/certificates/${number}`, seconds, connections: options.connections });
    await run(2);
    const result = await run(options.seconds);
    return { name: result.name, target: 0.5, result, ratio: result.requestsPerSecond / options.baseline.requestsPerSecond };
  } finally {
    await jixu.stop();
  }
}

/** A number the demo issued at start-up, read from the server's own database file (WAL: a reader is fine). */
function demoCertificateNumber(dataDir: string): string {
  const db = new SQLite(path.join(dataDir, 'jixu.sqlite'), { readonly: true });
  try {
    const row = db.prepare("SELECT number FROM certificate_issues WHERE status = 'valid' ORDER BY number LIMIT 1").get() as { number: string } | undefined;
    if (!row) throw new Error('bench: the demo server issued no certificate');
    return row.number;
  } finally {
    db.close();
  }
}

async function loadVerification(options: { url: string; seconds: number; connections: number }): Promise<LoadResult> {
  const addresses = Array.from({ length: 4000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.${1 + (i % 250)}`);
  const result = await autocannon({
    url: options.url,
    requests: addresses.map((address) => ({ method: 'GET', headers: { 'x-forwarded-for': address } })),
    duration: options.seconds,
    connections: options.connections,
  });
  return {
    name: 'GET /api/v1/certificates/{number}',
    requestsPerSecond: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** What the `/pdf` route passes for a holder with five recorded years (10 on the table is the maximum). */
export function samplePdfInput(): CertificatePdfInput {
  const years = Array.from({ length: 5 }, (_, i) => ({
    year: 2020 + i,
    required: { total: 90, public: 30, professional: 60 },
    earned: { total: 92 + i, public: 32, professional: 60 + i },
    complete: i !== 2,
    policyVersion: 'HN-2017',
  }));
  const payload = {
    number: '4101202400000017', issuer: '郑州市人力资源和社会保障局', issuerId: 'bureau-4101', unit: '郑州市第一人民医院',
    holder: { maskedName: '张**', idHash: 'a'.repeat(64) }, issuedAt: '2024-12-01T02:00:00.000Z', years,
  };
  return {
    number: payload.number,
    holderName: '张建国',
    maskedIdNumber: '410102********0017',
    unitName: payload.unit,
    issuerName: payload.issuer,
    issuedAt: '2024-12-01',
    years,
    qrText: `JX1.${Buffer.from(JSON.stringify({ v: 1, n: payload.number, m: '张**', d: '2024-12-01', y: years.map((y) => [y.year, 1, y.earned.total * 10]), k: 'bureau-4101-2024-12-01-abcdef' })).toString('base64url')}.${Buffer.alloc(71, 7).toString('base64url')}`,
    attachment: JSON.stringify({ payload, signature: { keyId: 'bureau-4101-2024-12-01-abcdef', value: Buffer.alloc(71, 7).toString('base64') } }, null, 2),
    keyId: 'bureau-4101-2024-12-01-abcdef',
    verifyUrl: 'https://jixu.example.gov.cn/verify',
  };
}

export async function pdfsPerSecond(): Promise<CertificateScenario> {
  const input = samplePdfInput();
  for (let i = 0; i < 3; i += 1) await renderCertificatePdf(input); // fonts parsed, code compiled
  const times: number[] = [];
  let bytes = 0;
  const start = performance.now();
  for (let i = 0; i < PDFS; i += 1) {
    const t = performance.now();
    bytes = (await renderCertificatePdf(input)).length;
    times.push(performance.now() - t);
  }
  const seconds = (performance.now() - start) / 1000;
  const perSecond = Math.round((PDFS / seconds) * 10) / 10;
  const p99 = percentile(times, 0.99);
  console.log(`certificate PDF: ${PDFS} renders in ${seconds.toFixed(2)} s (${perSecond} PDFs/s, p99 ${p99.toFixed(1)} ms, ${Math.round(bytes / 1024)} KiB each)`);
  return {
    name: 'certificate PDF (PDFs/s)',
    target: undefined,
    result: { name: 'renderCertificatePdf', requestsPerSecond: perSecond, p99Ms: Math.round(p99 * 10) / 10, errors: bytes > 0 ? 0 : 1, non2xx: 0 },
    ratio: 0,
  };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

/** Leaves as platform/audit.ts writes them (one audit event each), inserted in large transactions. */
function bulkAppend(file: string, count: number): Uint8Array[] {
  const sqlite = new SQLite(file);
  // A fixture, not production data: no fsync per transaction while loading.
  sqlite.pragma('synchronous = OFF');
  const insertEvent = sqlite.prepare('INSERT INTO audit_events (id, at, actor_account_id, actor_role, action, object_type, object_id, before_digest, after_digest, request_id) VALUES (?, ?, NULL, NULL, ?, ?, ?, NULL, ?, NULL)');
  const insertLeaf = sqlite.prepare('INSERT INTO ledger_leaves (leaf_index, event_id, leaf_hash, data) VALUES (?, ?, ?, ?)');
  const start = (sqlite.prepare('SELECT size FROM ledger_state WHERE id = 1').get() as { size: number }).size;
  const firstId = ((sqlite.prepare('SELECT MAX(id) AS m FROM audit_events').get() as { m: number | null }).m ?? 0) + 1;
  const existing = sqlite.prepare('SELECT leaf_hash FROM ledger_leaves ORDER BY leaf_index').all() as { leaf_hash: string }[];
  const hashes: Uint8Array[] = existing.map((r) => Uint8Array.from(Buffer.from(r.leaf_hash, 'hex')));
  const at = new Date('2024-06-01T00:00:00Z').getTime();
  const chunk = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      const index = start + i;
      const id = firstId + i;
      const event = { id, at: new Date(at + i * 1000).toISOString(), actor: null, actorRole: null, action: 'record.verified', objectType: 'record', objectId: `r${i}`, before: null, after: 'e'.repeat(64) };
      const data = canonicalJson({ index, event });
      const hash = leafHash(sm3, Buffer.from(data, 'utf8'));
      hashes.push(hash);
      insertEvent.run(id, event.at, event.action, event.objectType, event.objectId, event.after);
      insertLeaf.run(index, id, bytesToHex(hash), data);
    }
  });
  for (let from = 0; from < count; from += 100_000) chunk(from, Math.min(count, from + 100_000));
  sqlite.prepare('UPDATE ledger_state SET size = ? WHERE id = 1').run(start + count);
  sqlite.close();
  return hashes;
}

export async function millionLeafLedger(): Promise<CertificateScenario[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixu-bench-ledger-'));
  const config = loadConfig({ JIXU_DATA_DIR: dataDir, JIXU_DEMO: '0', LOG_LEVEL: 'warn' });
  const handle = await prepareDatabase(config);
  try {
    let t = performance.now();
    const hashes = bulkAppend(path.join(dataDir, 'jixu.sqlite'), LEAVES);
    const size = hashes.length;
    console.log(`ledger: ${LEAVES} leaves appended in ${((performance.now() - t) / 1000).toFixed(1)} s (tree size ${size})`);

    t = performance.now();
    const root = bytesToHex(rootFromLeafHashes(sm3, hashes));
    const inMemoryMs = performance.now() - t;

    // signTreeHead needs the database, the data dir (the seal's key file) and the clock only.
    const deps = { config, handle, now: () => new Date() } as unknown as Deps;
    t = performance.now();
    const head = await signTreeHead(deps);
    const headMs = performance.now() - t;
    if (!head || head.treeSize !== size || head.rootHash !== root) throw new Error('bench: the signed head does not match the in-memory root');
    console.log(`ledger: first signed head over ${size} leaves in ${Math.round(headMs)} ms (the same root in memory: ${Math.round(inMemoryMs)} ms)`);

    const random = lcg(6962);
    const timeProofs = async (prove: () => Promise<string[]>) => {
      const times: number[] = [];
      for (let i = 0; i < PROOFS; i += 1) {
        const s = performance.now();
        if ((await prove()).length === 0) throw new Error('bench: empty proof');
        times.push(performance.now() - s);
      }
      return { avg: times.reduce((a, b) => a + b, 0) / times.length, p99: percentile(times, 0.99) };
    };
    const inclusion = await timeProofs(() => inclusionProof(handle.db, { leafIndex: Math.floor(random() * size), treeSize: size }));
    const consistency = await timeProofs(() => consistencyProof(handle.db, { first: 1 + Math.floor(random() * (size - 1)), second: size }));
    console.log(`ledger: ${PROOFS} inclusion proofs avg ${inclusion.avg.toFixed(3)} ms (p99 ${inclusion.p99.toFixed(3)}), ` +
      `${PROOFS} consistency proofs avg ${consistency.avg.toFixed(3)} ms (p99 ${consistency.p99.toFixed(3)})`);

    const label = size >= 1_000_000 ? `${Math.round(size / 1e6)}M` : `${Math.round(size / 1e3)}k`;
    const ms = (x: number) => Math.round(x * 1000) / 1000;
    return [
      {
        name: `first head, ${label} leaves (leaves/s)`,
        target: undefined,
        result: { name: 'signTreeHead', requestsPerSecond: Math.round(size / (headMs / 1000)), p99Ms: Math.round(headMs), errors: 0, non2xx: 0 },
        ratio: inMemoryMs / headMs,
      },
      {
        name: `inclusion proof, ${label} (proofs/s)`,
        target: undefined,
        result: { name: 'inclusionProof', requestsPerSecond: Math.round(1000 / inclusion.avg), p99Ms: ms(inclusion.p99), errors: 0, non2xx: 0 },
        ratio: 0,
      },
      {
        name: `consistency proof, ${label} (proofs/s)`,
        target: undefined,
        result: { name: 'consistencyProof', requestsPerSecond: Math.round(1000 / consistency.avg), p99Ms: ms(consistency.p99), errors: 0, non2xx: 0 },
        ratio: 0,
      },
    ];
  } finally {
    await handle.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A deterministic generator (the same proofs on every run). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

// Run alone: `node --import tsx bench/certificates.ts` (measures its own bare baseline first).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { bareBaseline } = await import('./harness.ts');
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
  const baseline = await bareBaseline({ seconds, connections });
  console.log(`baseline: ${baseline.requestsPerSecond} req/s`);
  for (const s of await certificateScenarios({ seconds, connections, baseline })) {
    console.log(`${s.name}: ${s.result.requestsPerSecond} (p99/ms ${s.result.p99Ms}), ratio ${s.ratio.toFixed(2)}, errors ${s.result.errors + s.result.non2xx}`);
  }
}
