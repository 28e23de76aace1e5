import { policy } from '@jixu/domain';
import type { Selectable } from 'kysely';
import type { PolicyVersionTable } from '../../db/schema-policy.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, notFound, type FieldError } from '../../platform/errors.ts';
import { fieldError, validationError } from './schemas.ts';
import type { PolicyStore } from './store.ts';
import { findVersion, insertDraft, listVersions, updateVersion } from './versions-repository.ts';

// Art. 16–18: policy versions with effective dates. The provincial bureau copies a version into a
// draft, edits its values and effective date, and publishes it; published versions never change, and
// every change is an audit event in the transaction of the change (Art. 15).

type Row = Selectable<PolicyVersionTable>;

/** Only the provincial bureau sees and edits drafts (the matrix lets it alone write; reads are public). */
const seesDrafts = (actor: Actor | null): boolean => actor?.kind === 'bureau-province';

export function summaryOf(row: Omit<Row, 'created_by' | 'published_by'>, options: { current: string | undefined }) {
  const document = JSON.parse(row.document) as { title?: unknown; source?: unknown };
  return {
    id: row.id,
    title: typeof document.title === 'string' ? document.title : '',
    source: typeof document.source === 'string' ? document.source : '',
    effectiveFrom: row.effective_from,
    status: row.status,
    current: row.id === options.current,
    copiedFrom: row.copied_from,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

async function currentId(deps: Deps, store: PolicyStore): Promise<string | undefined> {
  return (await store.forYear(policy.businessYear(deps.now())))?.id;
}

export async function listPolicyVersions(deps: Deps, store: PolicyStore, options: { actor: Actor | null }) {
  const rows = await listVersions(deps.handle.db, { includeDrafts: seesDrafts(options.actor) });
  const current = await currentId(deps, store);
  return { items: rows.map((row) => summaryOf(row, { current })) };
}

export async function getPolicyVersion(deps: Deps, store: PolicyStore, options: { actor: Actor | null; id: string }) {
  const row = await findVersion(deps.handle.db, options.id);
  if (!row || (row.status === 'draft' && !seesDrafts(options.actor))) throw notFound('未找到该政策版本');
  return detailOf(row, await currentId(deps, store));
}

function detailOf(row: Row, current: string | undefined) {
  return { ...summaryOf(row, { current }), document: JSON.parse(row.document) as unknown };
}

/**
 * The first year a new version may govern: a closed year's status is final (SPEC "Further rules"),
 * so a version may take effect only in a year whose declaration window has not closed.
 */
export function firstOpenYear(published: readonly policy.PolicyDocument[], now: Date): number {
  const year = policy.businessYear(now);
  const previous = policy.policyForYear(published, year - 1);
  return previous && policy.isDeclarationOpen(previous, year - 1, now) ? year - 1 : year;
}

/** Why `effectiveFrom` cannot be published now, or undefined. */
export function effectiveDateProblem(options: {
  published: readonly policy.PolicyDocument[];
  candidate: Pick<policy.PolicyDocument, 'id' | 'effectiveFrom'>;
  now: Date;
}): string | undefined {
  const { published, candidate, now } = options;
  const open = firstOpenYear(published, now);
  if (Number(candidate.effectiveFrom.slice(0, 4)) < open) {
    return `生效日期不能早于${open}年：${open - 1}年度及以前的学时已截止申报，结果不再变动`;
  }
  const same = published.find((p) => p.id !== candidate.id && p.effectiveFrom === candidate.effectiveFrom);
  if (same) return `已发布的政策版本 ${same.id} 使用同一生效日期，请另选日期`;
  return undefined;
}

function parseCandidate(document: unknown, prefix: string): policy.PolicyDocument {
  const parsed = policy.parsePolicyDocument(document);
  if (!parsed.ok) throw validationError(parsed.errors, prefix);
  return parsed.value;
}

export async function createDraft(
  deps: Deps,
  store: PolicyStore,
  options: { actor: Actor; copyFrom: string; id: string; effectiveFrom: string; requestId: string },
) {
  const { actor } = options;
  if (!seesDrafts(actor)) throw new AppError({ code: 'forbidden' });
  const now = deps.now();
  const source = await findVersion(deps.handle.db, options.copyFrom);
  if (!source) throw fieldError('body.copyFrom', '未找到要复制的政策版本');

  // The copy keeps every rule and value; the id and effective date are the new version's own.
  const copied = { ...(JSON.parse(source.document) as Record<string, unknown>), id: options.id, effectiveFrom: options.effectiveFrom };
  const document = parseCandidate(copied, 'body');
  const problem = effectiveDateProblem({ published: await store.published(), candidate: document, now });
  if (problem) throw fieldError('body.effectiveFrom', problem);

  const at = now.toISOString();
  const row: Row = {
    id: document.id, effective_from: document.effectiveFrom, status: 'draft', document: JSON.stringify(document),
    copied_from: source.id, created_by: actor.accountId, published_by: null, published_at: null, version: 1,
    created_at: at, updated_at: at,
  };
  await deps.handle.db.transaction().execute(async (trx) => {
    if (await findVersion(trx, document.id)) throw fieldError('body.id', `政策版本号 ${document.id} 已存在`);
    await insertDraft(trx, row);
    await recordEvent(trx, { actor, requestId: options.requestId, now }, {
      action: 'policy.draft_created', objectType: 'policy_version', objectId: row.id, after: { copiedFrom: source.id, document },
    });
  });
  return detailOf(row, await currentId(deps, store));
}

export async function updateDraft(
  deps: Deps,
  store: PolicyStore,
  options: { actor: Actor; id: string; document: unknown; version: number; requestId: string },
) {
  const { actor } = options;
  if (!seesDrafts(actor)) throw new AppError({ code: 'forbidden' });
  const now = deps.now();
  const existing = await findVersion(deps.handle.db, options.id);
  if (!existing) throw notFound('未找到该政策版本');
  if (existing.status !== 'draft') throw conflict('已发布的政策版本不能修改，请复制为新版本后编辑');

  const document = parseCandidate(options.document, 'body.document');
  const errors: FieldError[] = [];
  if (document.id !== options.id) errors.push({ field: 'body.document.id', message: '政策版本号不能修改（如需新版本号请另行复制）' });
  const problem = effectiveDateProblem({ published: await store.published(), candidate: document, now });
  if (problem) errors.push({ field: 'body.document.effectiveFrom', message: problem });
  if (errors.length > 0) throw new AppError({ code: 'validation_failed', errors });

  const updated = await deps.handle.db.transaction().execute(async (trx) => {
    const row = await findVersion(trx, options.id);
    // Published or edited meanwhile: the editor reloads.
    if (!row || row.status !== 'draft' || row.version !== options.version) throw conflict();
    const text = JSON.stringify(document);
    await updateVersion(trx, { id: row.id, version: row.version, changes: { document: text, effective_from: document.effectiveFrom, updated_at: now.toISOString() } });
    await recordEvent(trx, { actor, requestId: options.requestId, now }, {
      action: 'policy.draft_updated', objectType: 'policy_version', objectId: row.id,
      before: JSON.parse(row.document) as unknown, after: document,
    });
    return { ...row, document: text, effective_from: document.effectiveFrom, updated_at: now.toISOString(), version: row.version + 1 };
  });
  return detailOf(updated, await currentId(deps, store));
}

/** Publishing: the draft becomes a version in force from its date; never changed afterwards. */
export async function publishDraft(deps: Deps, store: PolicyStore, options: { actor: Actor; id: string; requestId: string }) {
  const { actor } = options;
  if (!seesDrafts(actor)) throw new AppError({ code: 'forbidden' });
  const now = deps.now();
  const at = now.toISOString();
  const published = await store.published();

  const row = await deps.handle.db.transaction().execute(async (trx) => {
    const draft = await findVersion(trx, options.id);
    if (!draft) throw notFound('未找到该政策版本');
    if (draft.status !== 'draft') throw conflict('该政策版本已发布');
    const document = parseCandidate(draft.document, 'document');
    const problem = effectiveDateProblem({ published, candidate: document, now });
    if (problem) throw fieldError('document.effectiveFrom', problem);

    await updateVersion(trx, { id: draft.id, version: draft.version, changes: { status: 'published', published_at: at, published_by: actor.accountId, updated_at: at } });
    await recordEvent(trx, { actor, requestId: options.requestId, now }, {
      action: 'policy.published', objectType: 'policy_version', objectId: draft.id,
      before: { status: 'draft', document }, after: { status: 'published', publishedAt: at, document },
    });
    return { ...draft, status: 'published' as const, published_at: at, published_by: actor.accountId, updated_at: at, version: draft.version + 1 };
  });
  // After the commit: the calculator and yearly status use the new version from the next request on.
  store.invalidate();
  return detailOf(row, await currentId(deps, store));
}
