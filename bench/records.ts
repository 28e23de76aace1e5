import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { policy } from '@jixu/domain';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../packages/server/src/config.ts';
import { newId } from '../packages/server/src/platform/ids.ts';
import { prepareDatabase } from '../packages/server/src/startup.ts';
import { loginCookie, startProcess, type LoadResult } from './harness.ts';

// Scenarios of the records capability (issue "Records": "`npm run bench` gains: submitting records and
// listing a reviewer queue under load, as ratios to the bare route, with a database of at least
// 1,000,000 records"), called from bench/run.ts; also runs alone (`node --import tsx bench/records.ts`).
//
// The database: the demo province, then BENCH_RECORDS (1,000,000) records written straight into its
// SQLite file (prepared statements, transactions of 50,000 rows, the records indexes rebuilt after the
// load): 100,000 people (each with an account) in 2,000 units under every county bureau of the reference tree (a third under
// Zhengzhou) plus 6,000 in the demo hospital (unit-zzu); three years of records each, most verified, and
// this year's in every state — tens of thousands waiting for a unit (`submitted`) or a verifier
// (`unit_approved`), their `state_since` spread over the last 60 days. 5,000 people have an account
// and a session (written as a login writes them) and 10 drafts each with their evidence rows.
//
// Measured against the server started on that file (as bench/certificates.ts does):
//   1. POST /api/v1/records/:id/submit as the people, every request a different draft of a different
//      person (window, evidence, duplicate checks, transition, audit event, notice: the real path);
//   2. GET /api/v1/records (view=queue) as the province, a city bureau (Zhengzhou) and the demo unit:
//      the first page, a deep page by cursor, and a filtered page (year, kind, olderThanDays).
export type RecordScenario = { name: string; target: number | undefined; result: LoadResult; ratio: number };

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const SUBMITTERS = 5_000;
const DRAFTS_PER_SUBMITTER = 10;
const UNITS = 2_000;
const RECORDS_PER_PERSON = 10;
const ZZU_PEOPLE = 6_000;
const DAY_MS = 86_400_000;
/** How deep the "deep page" is (items before it), capped by the queue's length. */
const DEEP = 5_000;

export async function recordScenarios(options: { seconds: number; connections: number; baseline: LoadResult }): Promise<RecordScenario[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixu-bench-records-'));
  try {
    const config = loadConfig({ JIXU_DATA_DIR: dataDir, JIXU_DEMO: '1', LOG_LEVEL: 'warn' });
    const handle = await prepareDatabase(config);
    await handle.destroy();
    const t = performance.now();
    const fixture = bulkLoad(path.join(dataDir, 'jixu.sqlite'), RECORDS);
    console.log(`records: ${fixture.records} records (${fixture.drafts} drafts to submit, ${fixture.submitted} submitted, ${fixture.unitApproved} awaiting verification), ` +
      `${fixture.people} people in ${UNITS + 1} units, loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const jixu = await startProcess('packages/server/src/main.ts', { JIXU_DATA_DIR: dataDir, JIXU_DEMO: '1' }, '/api/v1/health');
    try {
      const ratio = (r: LoadResult) => r.requestsPerSecond / options.baseline.requestsPerSecond;
      const scenarios: RecordScenario[] = [];
      const submit = await submitUnderLoad({ url: jixu.url, drafts: fixture.draftRequests, seconds: options.seconds, connections: options.connections });
      scenarios.push({ name: submit.name, target: undefined, result: submit, ratio: ratio(submit) });

      const year = policy.businessYear(new Date());
      const queues: { user: string; label: string; filter: string }[] = [
        { user: 'henan', label: 'province', filter: `year=${year}&kind=seminar&olderThanDays=7` },
        { user: 'zhengzhou', label: 'city bureau', filter: `year=${year}&kind=base_training&olderThanDays=7` },
        { user: 'unit-zzu', label: 'unit', filter: `year=${year}&kind=conference&olderThanDays=7` },
      ];
      for (const q of queues) {
        const cookie = await loginCookie(jixu.url, q.user);
        const base = `${jixu.url}/api/v1/records?view=queue`;
        const deep = await cursorAt({ url: base, cookie, depth: DEEP });
        const pages = [
          { name: `queue ${q.label}, first page`, url: base },
          { name: `queue ${q.label}, page at ${deep.depth}`, url: `${base}&cursor=${encodeURIComponent(deep.cursor ?? '')}` },
          { name: `queue ${q.label}, filtered`, url: `${base}&${q.filter}` },
        ];
        console.log(`records: ${q.user} queue holds ${deep.total}${deep.total >= DEEP ? '+' : ''} items`);
        for (const page of pages) {
          if (page.url.endsWith('cursor=')) continue;
          await checkPage(page.url, cookie);
          const run = (seconds: number) => loadGet({ name: page.name, url: page.url, cookie, seconds, connections: options.connections });
          await run(2);
          const result = await run(options.seconds);
          scenarios.push({ name: result.name, target: undefined, result, ratio: ratio(result) });
        }
      }
      return scenarios;
    } finally {
      await jixu.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A deterministic generator (the same database on every run). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

type Template = { activity: (year: number, i: number) => policy.Activity; content: string; weight: number };

// The kinds people declare most (as bench/policy.ts), with their evaluation done once per template.
const templates: Template[] = [
  { weight: 30, content: '公需科目培训班', activity: (y) => ({ kind: 'base_training', hours: 120, category: 'public', from: `${y}-03-06`, to: `${y}-03-08` }) },
  { weight: 12, content: '专业科目培训班', activity: (y) => ({ kind: 'base_training', hours: 240, category: 'professional', from: `${y}-04-10`, to: `${y}-04-13` }) },
  { weight: 15, content: '专业科目研修班', activity: (y) => ({ kind: 'seminar', hours: 160, category: 'professional', from: `${y}-06-12`, to: `${y}-06-13` }) },
  { weight: 6, content: '公需科目研修班', activity: (y) => ({ kind: 'seminar', hours: 80, category: 'public', from: `${y}-09-02`, to: `${y}-09-02` }) },
  { weight: 12, content: '学术会议', activity: (y) => ({ kind: 'conference', level: 'provincial', days: 2, presented: false, from: `${y}-05-10`, to: `${y}-05-11` }) },
  { weight: 8, content: '发表论文', activity: (y) => ({ kind: 'paper', tier: 'issn_cn', rank: 2, datedOn: `${y}-09-15` }) },
  { weight: 5, content: '学历教育课程', activity: (y) => ({ kind: 'degree_course', coursesPassed: 1, datedOn: `${y}-07-01` }) },
  { weight: 5, content: '基层服务活动', activity: (y) => ({ kind: 'grassroots_service', days: 3, from: `${y}-08-01`, to: `${y}-08-03` }) },
  { weight: 3, content: '资格考试', activity: (y) => ({ kind: 'exam', level: 'intermediate', datedOn: `${y}-10-15` }) },
  { weight: 2, content: '出版著作', activity: (y) => ({ kind: 'book', characters: 80_000, rank: 2, datedOn: `${y}-04-30` }) },
  { weight: 1, content: '援派服务', activity: (y) => ({ kind: 'aid_service', from: `${y}-01-01`, to: `${y}-06-30` }) },
  { weight: 1, content: '课题研究', activity: (y) => ({ kind: 'project', level: 'provincial', role: 'sub', rank: 1, datedOn: `${y}-12-01` }) },
];

type Evaluated = { activity: string; kind: string; category: string; hours: number; clause: string; rule: string; explanation: string; fullYear: number; from: string | null; to: string | null; content: string };

function evaluatedTemplates(year: number): Evaluated[] {
  return templates.map((t) => {
    const a = t.activity(year, 0);
    const e = policy.evaluate(policy.HN_2017, a);
    if (!e.ok) throw new Error(`bench template does not evaluate: ${JSON.stringify(e.errors)}`);
    return {
      activity: JSON.stringify(a), kind: a.kind, category: e.value.category, hours: e.value.hours, clause: e.value.clause,
      rule: e.value.ruleCode, explanation: e.value.explanation, fullYear: e.value.fullYear ? 1 : 0,
      from: 'from' in a ? (a.from ?? null) : null, to: 'to' in a ? (a.to ?? null) : 'datedOn' in a ? (a.datedOn ?? null) : null, content: t.content,
    };
  });
}

type DraftRequest = { path: string; cookie: string; csrf: string };
type Fixture = { records: number; people: number; drafts: number; submitted: number; unitApproved: number; draftRequests: DraftRequest[] };

/** Writes the fixture straight into the demo database file (no server running). */
export function bulkLoad(file: string, total: number): Fixture {
  const db = new SQLite(file);
  // A fixture, not production data: no fsync while loading, no foreign-key checks (the loader keeps them).
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  const random = lcg(1017);
  const now = Date.now();
  const nowIso = new Date(now).toISOString();
  const year = policy.businessYear(new Date(now));
  const years = [year - 2, year - 1, year];
  const byYear = new Map(years.map((y) => [y, evaluatedTemplates(y)]));
  const weights = templates.map((t) => t.weight);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const pickTemplate = () => {
    let r = random() * weightSum;
    for (const [i, w] of weights.entries()) if ((r -= w) < 0) return i;
    return weights.length - 1;
  };

  // Units under every county bureau (a third under Zhengzhou's), issued by their city (or, for a
  // province-administered county, by itself), supervised by one of the authorities.
  const counties = db.prepare("SELECT b.id, b.parent_id, b.region_code FROM orgs b WHERE b.kind = 'bureau' AND b.level = 'county' ORDER BY b.id").all() as { id: string; parent_id: string; region_code: string }[];
  const zhengzhou = counties.filter((c) => c.parent_id === 'bureau-4101');
  const authorities = (db.prepare("SELECT id FROM orgs WHERE kind = 'authority' AND status = 'active' ORDER BY id").all() as { id: string }[]).map((a) => a.id);
  const insertOrg = db.prepare(`INSERT INTO orgs (id, kind, name, region_code, bureau_id, authority_id, issuing_bureau_id, status, version, created_at, updated_at)
    VALUES (?, 'unit', ?, ?, ?, ?, ?, 'active', 1, ?, ?)`);
  const units: string[] = [];
  db.transaction(() => {
    for (let u = 0; u < UNITS; u += 1) {
      const county = u % 3 === 0 ? zhengzhou[u % zhengzhou.length]! : counties[u % counties.length]!;
      const issuing = county.parent_id === 'bureau-41' ? county.id : county.parent_id;
      const id = `bench-unit-${u}`;
      insertOrg.run(id, `压测单位${u}`, county.region_code, county.id, authorities[u % authorities.length]!, issuing, nowIso, nowIso);
      units.push(id);
    }
  })();

  // People: 6,000 in the demo hospital, the rest spread over the bench units; the submitters have an account and a session.
  const people = Math.ceil((total - SUBMITTERS * DRAFTS_PER_SUBMITTER) / RECORDS_PER_PERSON);
  if (people < ZZU_PEOPLE + SUBMITTERS) throw new Error(`BENCH_RECORDS must be at least ${(ZZU_PEOPLE + SUBMITTERS) * RECORDS_PER_PERSON + SUBMITTERS * DRAFTS_PER_SUBMITTER}`);
  const insertPerson = db.prepare(`INSERT INTO persons (id, name, id_number_enc, id_number_index, id_number_masked, sex, birth_date, unit_id, status, version, created_at, updated_at)
    VALUES (?, ?, 'bench', ?, '410***********0000', ?, '1985-06-01', ?, 'approved', 1, ?, ?)`);
  const insertAccount = db.prepare(`INSERT INTO accounts (id, username_key, username_display, password_hash, role, name, person_id, disabled, must_change_password, version, created_at, updated_at)
    VALUES (?, ?, ?, ?, 'person', ?, ?, 0, 0, 1, ?, ?)`);
  const insertSession = db.prepare('INSERT INTO sessions (id_hash, account_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)');
  const hash = (db.prepare("SELECT password_hash FROM accounts WHERE username_display = 'henan'").get() as { password_hash: string }).password_hash;
  const personIds: string[] = [];
  const personUnits: string[] = [];
  const sessions: { cookie: string; csrf: string }[] = [];
  db.transaction(() => {
    for (let i = 0; i < people; i += 1) {
      const id = newId(now - 1000 * DAY_MS + i);
      const unit = i < ZZU_PEOPLE ? 'unit-zzu' : units[i % UNITS]!;
      insertPerson.run(id, `压测人员${i}`, `bench:${i}`, i % 2 === 0 ? 'male' : 'female', unit, nowIso, nowIso);
      personIds.push(id);
      personUnits.push(unit);
      // Every registered person has an account (the queries join them); the submitters are logged in.
      const accountId = newId(now - 1000 * DAY_MS + i);
      insertAccount.run(accountId, `bench-user:${i}`, `bench${i}`, hash, `压测人员${i}`, id, nowIso, nowIso);
      if (i >= ZZU_PEOPLE && i < ZZU_PEOPLE + SUBMITTERS) {
        const sessionId = randomBytes(32).toString('base64url');
        const csrf = randomBytes(32).toString('base64url');
        insertSession.run(createHash('sha256').update(sessionId).digest('base64url'), accountId, csrf, nowIso, nowIso);
        sessions.push({ cookie: `jixu_sid=${sessionId}`, csrf });
      }
    }
  })();

  // The records indexes are rebuilt after the load (one sorted build each, not a million random inserts).
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);

  const insertRecord = db.prepare(`INSERT INTO records (id, person_id, unit_id, year, kind, activity, category, hours, clause, rule_code, policy_version, explanation,
    full_year, started_on, ended_on, content, result, channel, declared_by, state, duplicate_key, version, created_at, updated_at, state_since, last_reason, provider_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'HN-2017', ?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertEvidence = db.prepare(`INSERT INTO record_evidence (id, record_id, blob_key, type, evidence_type, file_name, size, uploaded_by, created_at)
    VALUES (?, ?, ?, 'pdf', ?, ?, 1636, ?, ?)`);
  const benchAccounts = db.prepare("SELECT a.id, a.person_id FROM accounts a WHERE a.username_key LIKE 'bench-user:%'").all() as { id: string; person_id: string }[];
  const accountOfPerson = new Map(benchAccounts.map((a) => [a.person_id, a.id]));
  const blobKey = 'e'.repeat(64);

  let written = 0; // records other than the submitters' drafts
  let submitted = 0;
  let unitApproved = 0;
  const at = (ms: number) => new Date(ms).toISOString();
  /** One record of a year, its state drawn as this year's or a past year's records are. */
  const writeRecord = (p: number, y: number) => {
    const e = byYear.get(y)![pickTemplate()]!;
    const roll = random();
    let state: string;
    if (y < year) state = roll < 0.96 ? 'verified' : 'rejected';
    else if (roll < 0.7) state = 'verified';
    else if (roll < 0.79) state = 'submitted';
    else if (roll < 0.9) state = 'unit_approved';
    else if (roll < 0.95) state = 'draft';
    else if (roll < 0.975) state = 'returned';
    else state = 'rejected';
    const channelRoll = random();
    let channel = channelRoll < 0.5 ? 'person' : channelRoll < 0.75 ? 'unit' : 'provider';
    if (state === 'submitted') channel = 'person';
    else if (state === 'unit_approved' && channel === 'provider') channel = 'unit';
    else if (channel === 'provider' && state !== 'verified') channel = 'person';
    const ended = Date.parse(`${e.to ?? `${y}-06-30`}T02:00:00Z`);
    const waiting = state === 'submitted' || state === 'unit_approved' || state === 'draft' || state === 'returned';
    const since = waiting ? now - Math.floor(random() * 60 * DAY_MS) : Math.min(now - DAY_MS, ended + Math.floor((3 + random() * 20) * DAY_MS));
    const declared = since - Math.floor(random() * 5 * DAY_MS);
    insertRecord.run(newId(declared), personIds[p]!, personUnits[p]!, y, e.kind, e.activity, e.category, e.hours, e.clause, e.rule, e.explanation, e.fullYear,
      e.from, e.to, e.content, channel, state, null, state === 'verified' ? 3 : 2, at(declared), at(since), at(since),
      state === 'returned' || state === 'rejected' ? '材料不全' : null, channel === 'provider' ? 'provider-hn' : null);
    if (state === 'submitted') submitted += 1;
    if (state === 'unit_approved') unitApproved += 1;
    written += 1;
  };

  // The submitters' drafts: this year's seminars with a programme code (a duplicate key to check)
  // and the three documents a seminar needs, stored as uploads store them.
  const drafts: { id: string; person: number }[] = [];
  const draft = evaluatedTemplates(year)[2]!;
  const writeDraft = (p: number, k: number) => {
    const activity = JSON.parse(draft.activity) as Record<string, unknown>;
    activity.programmeCode = `BENCH-${p}-${k}`;
    const ms = now - (k + 1) * 3_600_000;
    const id = newId(ms);
    const account = accountOfPerson.get(personIds[p]!)!;
    insertRecord.run(id, personIds[p]!, personUnits[p]!, year, draft.kind, JSON.stringify(activity), draft.category, draft.hours, draft.clause, draft.rule,
      draft.explanation, 0, draft.from, draft.to, draft.content, 'person', 'draft', `training:BENCH-${p}-${k}`, 1, at(ms), at(ms), at(ms), null, null);
    for (const type of ['training_notice', 'completion_certificate', 'unit_proof']) insertEvidence.run(newId(ms + 1000), id, blobKey, type, `${type}.pdf`, account, at(ms + 1000));
    drafts.push({ id, person: p });
  };

  const plain = total - SUBMITTERS * DRAFTS_PER_SUBMITTER;
  const chunk = db.transaction((from: number, to: number) => {
    for (let p = from; p < to; p += 1) {
      // Three years: 3 + 3 + 4 records (the last person takes what is left of the total).
      for (let r = 0; r < RECORDS_PER_PERSON && written < plain; r += 1) writeRecord(p, r < 3 ? years[0]! : r < 6 ? years[1]! : years[2]!);
      if (p >= ZZU_PEOPLE && p < ZZU_PEOPLE + SUBMITTERS) for (let k = 0; k < DRAFTS_PER_SUBMITTER; k += 1) writeDraft(p, k);
    }
  });
  for (let from = 0; from < people; from += 5_000) chunk(from, Math.min(people, from + 5_000));
  for (const index of indexes) db.exec(index.sql);
  // For experiments: SQL run on the fixture before the server starts (an index under test, say).
  if (process.env.BENCH_RECORDS_SQL) db.exec(process.env.BENCH_RECORDS_SQL);
  // No ANALYZE: an installation's database has no planner statistics either (nothing runs it).
  db.close();

  // Request i submits the (i / SUBMITTERS)th draft of person i % SUBMITTERS: consecutive requests
  // come from different people (drafts were written person by person).
  const draftRequests = drafts.map((_, i) => {
    const d = drafts[(i % SUBMITTERS) * DRAFTS_PER_SUBMITTER + Math.floor(i / SUBMITTERS)]!;
    const s = sessions[d.person - ZZU_PEOPLE]!;
    return { path: `/api/v1/records/${d.id}/submit`, cookie: s.cookie, csrf: s.csrf };
  });
  return { records: written + drafts.length, people, drafts: drafts.length, submitted, unitApproved, draftRequests };
}

/** Each request submits the next draft, whichever connection sends it (a shared counter). */
async function submitUnderLoad(options: { url: string; drafts: DraftRequest[]; seconds: number; connections: number }): Promise<LoadResult> {
  let next = 0;
  const run = async (seconds: number) => {
    const result = await autocannon({
      url: options.url,
      duration: seconds,
      connections: options.connections,
      requests: [{
        method: 'POST',
        setupRequest: (request) => {
          const d = options.drafts[next % options.drafts.length]!;
          next += 1;
          return { ...request, method: 'POST', path: d.path, body: '{}', headers: { 'content-type': 'application/json', cookie: d.cookie, 'x-csrf-token': d.csrf } };
        },
      }],
    });
    return {
      name: 'POST /api/v1/records/:id/submit',
      requestsPerSecond: Math.round(result.requests.average),
      p99Ms: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
    };
  };
  await run(2);
  const result = await run(options.seconds);
  if (next > options.drafts.length) console.log(`records: ${next} submissions for ${options.drafts.length} drafts: the rest answered 409 (raise DRAFTS_PER_SUBMITTER)`);
  else console.log(`records: ${next} drafts submitted of ${options.drafts.length}`);
  return result;
}

/** Walks the queue by cursor, 100 a page, to `depth` items (or its end); answers the cursor there. */
async function cursorAt(options: { url: string; cookie: string; depth: number }): Promise<{ cursor: string | null; depth: number; total: number }> {
  let cursor: string | null = null;
  let seen = 0;
  let last: { cursor: string | null; depth: number } = { cursor: null, depth: 0 };
  for (;;) {
    const res = await fetch(`${options.url}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { cookie: options.cookie } });
    if (!res.ok) throw new Error(`bench: queue page answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    seen += body.items.length;
    if (!body.nextCursor) break;
    // Keep the cursor of the middle of a short queue, or of `depth` in a long one.
    cursor = body.nextCursor;
    last = { cursor, depth: seen };
    if (seen >= options.depth) break;
  }
  const total = seen;
  if (total < options.depth && last.cursor) {
    // A short queue: go again to its middle.
    const half = Math.floor(total / 200) * 100;
    let c: string | null = null;
    let s = 0;
    while (s < half) {
      const res = await fetch(`${options.url}&limit=100${c ? `&cursor=${encodeURIComponent(c)}` : ''}`, { headers: { cookie: options.cookie } });
      const body = (await res.json()) as { items: unknown[]; nextCursor: string | null };
      s += body.items.length;
      c = body.nextCursor;
      if (!c) break;
    }
    return { cursor: c, depth: s, total };
  }
  return { cursor: last.cursor, depth: last.depth, total };
}

async function checkPage(url: string, cookie: string): Promise<void> {
  const res = await fetch(url, { headers: { cookie } });
  if (!res.ok) throw new Error(`bench: ${url} answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { items: unknown[] };
  if (body.items.length === 0) throw new Error(`bench: ${url} answered an empty page`);
}

async function loadGet(options: { name: string; url: string; cookie: string; seconds: number; connections: number }): Promise<LoadResult> {
  const result = await autocannon({ url: options.url, headers: { cookie: options.cookie }, duration: options.seconds, connections: options.connections });
  return {
    name: options.name,
    requestsPerSecond: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

// Run alone: `node --import tsx bench/records.ts` (measures its own bare baseline first).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { bareBaseline } = await import('./harness.ts');
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
  const baseline = await bareBaseline({ seconds, connections });
  console.log(`baseline: ${baseline.requestsPerSecond} req/s`);
  for (const s of await recordScenarios({ seconds, connections, baseline })) {
    console.log(`${s.name}: ${s.result.requestsPerSecond} req/s, p99 ${s.result.p99Ms} ms, ratio ${s.ratio.toFixed(3)}, errors ${s.result.errors + s.result.non2xx}`);
  }
}
