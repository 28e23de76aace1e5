import { parseCertificateNumber, policy } from '@jixu/domain';
import type { CompiledQuery } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor, Scope } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { inclusionProof, PROVINCIAL_BUREAU, sealOf, signTreeHead } from '../ledger/service.ts';
import * as ledgerRepo from '../ledger/repository.ts';
import { findPerson } from '../persons/repository.ts';
import { personYearStatus } from '../policy/yearly-status.ts';
import { policyStoreOf } from '../policy/index.ts';
import { canonical, compactOf, maskName, type CertificatePayload, type YearEntry } from './payload.ts';

// Issuing and verifying certificates (Art. 12, 13, 15). Issuing signs the person's yearly statuses
// with the seal of the unit's issuing bureau (Art. 12) and records the issue as an audit event, i.e.
// a ledger leaf; verification returns the signed payload, its status and the leaf's inclusion proof.

/** Reading for issuing: the platform itself sees every person (it signs on a bureau's behalf). */
const platformScope: Scope = { kind: 'province', orgId: PROVINCIAL_BUREAU };
const MAX_YEARS = 10;

export function parseNumberOrThrow(input: string): string {
  const parsed = parseCertificateNumber(input);
  if (!parsed.ok) throw new AppError({ code: 'validation_failed', errors: [{ field: 'params.number', message: parsed.message }] });
  return parsed.value.number;
}

async function personOfNumber(db: Db, number: string) {
  return db
    .selectFrom('persons as p')
    .innerJoin('orgs as u', 'u.id', 'p.unit_id')
    .innerJoin('orgs as b', 'b.id', 'u.issuing_bureau_id')
    .select(['p.id', 'p.name', 'p.id_number_enc', 'p.created_at', 'u.name as unit_name', 'b.id as issuer_id', 'b.name as issuer_name'])
    .where('p.certificate_number', '=', number)
    .executeTakeFirst();
}

/** The years a certificate covers: from the first verified record (or the registration) to this year. */
async function yearsOf(deps: Deps, person: { id: string; created_at: string }, now: Date): Promise<YearEntry[]> {
  const current = policy.businessYear(now);
  const first = await deps.handle.db.selectFrom('records').select(deps.handle.db.fn.min('year').as('y'))
    .where('person_id', '=', person.id).where('state', '=', 'verified').executeTakeFirst();
  const registered = policy.businessYear(new Date(person.created_at));
  const from = Math.max(current - MAX_YEARS + 1, Math.min(Number(first?.y ?? registered), registered));
  const store = policyStoreOf(deps);
  const years: YearEntry[] = [];
  for (let year = from; year <= current; year += 1) {
    const s = await personYearStatus(deps, store, { scope: platformScope, personId: person.id, year }).catch(() => undefined);
    if (!s) continue;
    years.push({
      year, complete: s.complete, total: s.earned.total, public: s.earned.public, professional: s.earned.professional,
      required: s.required, fullYear: s.fullYear, policyVersion: s.policyVersion,
    });
  }
  return years;
}

/** Signs and stores a new issue of a person's certificate; the previous one is superseded. */
export async function issueCertificate(deps: Deps, options: { actor: Actor | null; number: string; requestId: string | null }) {
  const number = parseNumberOrThrow(options.number);
  const { db } = deps.handle;
  const person = await personOfNumber(db, number);
  if (!person) throw notFound('未找到该证书');
  if (options.actor && !(await findPerson(db, { scope: options.actor.scope, id: person.id }))) throw notFound('未找到该证书');

  const now = deps.now();
  const seal = await sealOf(deps, person.issuer_id);
  const idNumber = deps.pii.decrypt(person.id_number_enc);
  const payload: CertificatePayload = {
    number,
    issuer: person.issuer_name,
    issuerId: person.issuer_id,
    unit: person.unit_name,
    holder: { maskedName: maskName(person.name), idHash: deps.pii.index(`certificate-holder:${idNumber}`) },
    issuedAt: now.toISOString(),
    years: await yearsOf(deps, person, now),
  };
  const payloadText = canonical(payload);
  const compactText = canonical(compactOf(payload, seal.keyId));
  const id = newId(now.getTime());
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('certificate_issues').set({ status: 'superseded' }).where('number', '=', number).where('status', '=', 'valid').execute();
    const event = await recordEvent(trx, { actor: options.actor, requestId: options.requestId, now }, {
      action: 'certificate.issued', objectType: 'certificate', objectId: number, after: payload,
    });
    await trx.insertInto('certificate_issues').values({
      id, number, person_id: person.id, issuer_org_id: person.issuer_id, payload: payloadText, signature: seal.sign(payloadText),
      compact: compactText, compact_signature: seal.sign(compactText), key_id: seal.keyId, issued_at: now.toISOString(),
      issued_by: options.actor?.accountId ?? null, event_id: event.eventId, status: 'valid', revoked_at: null, revoke_reason: null, version: 1,
    }).execute();
  });
  forgetVerification(db, number);
  // Publish a head now, so the new issue's inclusion proof is available at once.
  await signTreeHead(deps);
  return verifyCertificate(deps, number);
}

export function latestIssue(db: Db, number: string) {
  return db.selectFrom('certificate_issues').selectAll().where('number', '=', number)
    .where('status', '!=', 'superseded').orderBy('issued_at', 'desc').limit(1).executeTakeFirst();
}

/**
 * What a verification answer depends on, in one query: the current issue (id; version, bumped by
 * revocation), its leaf, the latest signed head, and the year revocations (rows are only inserted
 * or reinstated, so the two counts change on every change). Compiled once per database: building
 * a Kysely query costs more than running this one (docs/performance.md).
 */
const NUMBER = '\u0000number';
function stampQuery(db: Db) {
  return db.selectFrom('certificate_issues as c')
    .innerJoin('ledger_leaves as l', 'l.event_id', 'c.event_id')
    .select((eb) => [
      'c.id', 'c.version', 'l.leaf_index',
      eb.selectFrom('ledger_heads').select((e) => e.fn.max('tree_size').as('m')).as('head_size'),
      eb.selectFrom('certificate_year_revocations as r').where('r.number', '=', NUMBER).select((e) => e.fn.countAll().as('n')).as('revocations'),
      eb.selectFrom('certificate_year_revocations as r').where('r.number', '=', NUMBER).select((e) => e.fn.count('r.reinstated_at').as('n')).as('reinstated'),
    ])
    .where('c.number', '=', NUMBER).where('c.status', '!=', 'superseded').orderBy('c.issued_at', 'desc').limit(1);
}
type StampRow = { id: string; version: number; leaf_index: number; head_size: number | null; revocations: number; reinstated: number };
const stampQueries = new WeakMap<Db, CompiledQuery<StampRow>>();
type Verification = Awaited<ReturnType<typeof computeVerification>>;
const VERIFICATION_CACHE_MAX = 5000;
type CachedVerification = { stamp: string; value: Verification; json?: string; checkedAt?: number };
const verificationCaches = new WeakMap<Db, Map<string, CachedVerification>>();

/**
 * The public answer for a certificate number (API.md "Certificate verification"). The busiest
 * public route: the answer is rebuilt only when its stamp changed, so a revocation (from any
 * process) shows at once, and otherwise a verification costs one query.
 */
export async function verifyCertificate(deps: Deps, input: string): Promise<Verification> {
  return { ...(await verification(deps, input)).value };
}

/** The same answer as JSON text, serialised once per stamp (the public route sends it as it is). */
export async function verifyCertificateJson(deps: Deps, input: string): Promise<string> {
  const entry = await verification(deps, input);
  return (entry.json ??= JSON.stringify(entry.value));
}

/** Forgets this process's cached answer for a number (after a change it made itself). */
function forgetVerification(db: Db, number: string): void {
  verificationCaches.get(db)?.delete(number);
}

async function verification(deps: Deps, input: string): Promise<CachedVerification> {
  const number = parseNumberOrThrow(input);
  const { db } = deps.handle;
  // Within JIXU_CERTIFICATE_CACHE_MS of its last check an answer is served without the stamp query:
  // this process's own changes forget it at once; another process's show within that window.
  const now = Date.now();
  const recent = verificationCaches.get(db)?.get(number);
  if (recent?.checkedAt !== undefined && now - recent.checkedAt < deps.config.certificateCacheMs) return recent;

  let compiled = stampQueries.get(db);
  if (!compiled) stampQueries.set(db, (compiled = stampQuery(db).compile() as CompiledQuery<StampRow>));
  const row = (await db.executeQuery<StampRow>({ ...compiled, parameters: compiled.parameters.map((p) => (p === NUMBER ? number : p)) })).rows[0];
  if (!row) throw notFound('未找到该证书');
  if (row.head_size === null || Number(row.head_size) <= Number(row.leaf_index)) return { stamp: '', value: await computeVerification(deps, number) };

  const stamp = `${row.id}:${row.version}:${row.head_size}:${row.revocations}:${row.reinstated}`;
  let cache = verificationCaches.get(db);
  const hit = cache?.get(number);
  if (hit?.stamp === stamp) {
    hit.checkedAt = now;
    return hit;
  }
  // Read after the stamp: the answer is at least as new as the stamp it is filed under.
  const entry: CachedVerification = { stamp, value: await computeVerification(deps, number), checkedAt: now };
  if (!cache) verificationCaches.set(db, (cache = new Map()));
  cache.delete(number);
  if (cache.size >= VERIFICATION_CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(number, entry);
  return entry;
}

async function computeVerification(deps: Deps, number: string) {
  const { db } = deps.handle;
  // The issue and its ledger leaf in one query.
  const issue = await db.selectFrom('certificate_issues as c').innerJoin('ledger_leaves as l', 'l.event_id', 'c.event_id')
    .selectAll('c').select('l.leaf_index').where('c.number', '=', number)
    .where('c.status', '!=', 'superseded').orderBy('c.issued_at', 'desc').limit(1).executeTakeFirst();
  if (!issue) throw notFound('未找到该证书');

  const leaf = { leaf_index: issue.leaf_index };
  let head = await ledgerRepo.latestHead(db);
  if (!head || Number(head.tree_size) <= Number(leaf.leaf_index)) {
    await signTreeHead(deps);
    head = await ledgerRepo.latestHead(db);
  }
  const treeSize = Number(head?.tree_size ?? 0);
  const proof = treeSize > Number(leaf.leaf_index) ? await inclusionProof(db, { leafIndex: Number(leaf.leaf_index), treeSize }) : [];
  const revokedYears = await db.selectFrom('certificate_year_revocations').select(['year', 'revoked_at', 'reason'])
    .where('number', '=', number).where('reinstated_at', 'is', null).orderBy('year').execute();

  return {
    payload: JSON.parse(issue.payload) as CertificatePayload,
    signature: { keyId: issue.key_id, value: issue.signature },
    compact: { payload: issue.compact, signature: issue.compact_signature },
    status: issue.status === 'revoked' ? ('revoked' as const) : ('valid' as const),
    ...(issue.revoked_at ? { revokedAt: issue.revoked_at, reason: issue.revoke_reason ?? '' } : {}),
    revokedYears: revokedYears.map((r) => ({ year: r.year, revokedAt: r.revoked_at, reason: r.reason })),
    ledger: { leafIndex: Number(leaf.leaf_index), treeSize, inclusionProof: proof },
  };
}

/** Revokes (or reinstates) a certificate, or one year of it, with a reason; effective at once. */
export async function setRevocation(
  deps: Deps,
  options: { actor: Actor; number: string; revoke: boolean; year?: number | undefined; reason?: string | undefined; requestId: string },
) {
  const number = parseNumberOrThrow(options.number);
  const { db } = deps.handle;
  const issue = await latestIssue(db, number);
  if (!issue || !(await findPerson(db, { scope: options.actor.scope, id: issue.person_id }))) throw notFound('未找到该证书');
  const reason = options.reason?.trim() ?? '';
  if (options.revoke && reason.length < 4) throw new AppError({ code: 'validation_failed', errors: [{ field: 'body.reason', message: '请填写撤销原因（至少 4 个字）' }] });

  const now = deps.now().toISOString();
  await db.transaction().execute(async (trx) => {
    if (options.year !== undefined) {
      const open = await trx.selectFrom('certificate_year_revocations').select('revoked_at')
        .where('number', '=', number).where('year', '=', options.year).where('reinstated_at', 'is', null).executeTakeFirst();
      if (options.revoke) {
        if (open) throw conflict(`${options.year}年度已撤销`);
        await trx.insertInto('certificate_year_revocations').values({ number, year: options.year, revoked_at: now, reason, reinstated_at: null }).execute();
      } else {
        if (!open) throw conflict(`${options.year}年度未被撤销`);
        await trx.updateTable('certificate_year_revocations').set({ reinstated_at: now })
          .where('number', '=', number).where('year', '=', options.year).where('revoked_at', '=', open.revoked_at).execute();
      }
    } else {
      if (options.revoke === (issue.status === 'revoked')) throw conflict(options.revoke ? '证书已撤销' : '证书未被撤销');
      const updated = await trx.updateTable('certificate_issues')
        .set({ status: options.revoke ? 'revoked' : 'valid', revoked_at: options.revoke ? now : null, revoke_reason: options.revoke ? reason : null, version: issue.version + 1 })
        .where('id', '=', issue.id).where('version', '=', issue.version).executeTakeFirst();
      if (updated.numUpdatedRows === 0n) throw conflict();
    }
    await recordEvent(trx, { actor: options.actor, requestId: options.requestId, now: new Date(now) }, {
      action: options.revoke ? 'certificate.revoked' : 'certificate.reinstated', objectType: 'certificate', objectId: number,
      after: { year: options.year ?? null, reason: reason || null },
    });
  });
  forgetVerification(db, number);
  return verifyCertificate(deps, number);
}

/** Demo: every approved demo person's certificate issued once, so verification works from the start. */
export async function issueDemoCertificates(deps: Deps): Promise<number> {
  const { db } = deps.handle;
  const already = await db.selectFrom('certificate_issues').select('id').limit(1).executeTakeFirst();
  if (already) return 0;
  const numbers = await db.selectFrom('persons').select('certificate_number').where('certificate_number', 'is not', null).orderBy('id').execute();
  for (const n of numbers) await issueCertificate(deps, { actor: null, number: n.certificate_number!, requestId: null });
  return numbers.length;
}
