import { review } from '@jixu/domain';
import type { Readable } from 'node:stream';
import type { RecordEvidenceTable } from '../../db/schema-evidence.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import {
  DEFAULT_ORPHAN_GRACE_MS, MAX_EVIDENCE_FILES_PER_RECORD, receiveEvidence, sweepOrphans, type SweepResult,
} from '../../platform/storage/index.ts';
import { fieldError } from '../policy/schemas.ts';
import { findRecord, type RecordRow } from '../records/repository.ts';
import { recordScopeOf, reviewRecordOf } from '../records/service.ts';
import { countEvidence, deleteEvidence, evidenceOf, findEvidence, insertEvidence, isReferenced } from './repository.ts';

// Art. 10: the uploaded evidence of a record (docs/evidence.md). File first, row second: the blob is
// durable before the row that points at it is committed; a deleted row leaves its blob to the sweep.

type Ctx = { deps: Deps; actor: Actor; requestId: string };

/** The states in which the declarer may still change what the record carries (Art. 10–11). */
const EDITABLE = new Set(['draft', 'returned']);

export function evidenceView(row: RecordEvidenceTable) {
  return { id: row.id, type: row.type, evidenceType: row.evidence_type, fileName: row.file_name, size: row.size, createdAt: row.created_at };
}

async function recordInScope(ctx: Ctx, recordId: string): Promise<RecordRow> {
  const row = await findRecord(ctx.deps.handle.db, { scope: await recordScopeOf(ctx.deps, ctx.actor), id: recordId });
  if (!row) throw notFound('未找到该登记');
  return row;
}

/** Only the declarer changes the evidence, and only before review or after a return. */
function assertMayChange(ctx: Ctx, row: RecordRow): void {
  const { actor } = ctx;
  // The declarer needs no reach over other orgs: the record's own facts decide (records/service.ts).
  const declarer = review.isDeclarer(
    reviewRecordOf(row),
    { accountId: actor.accountId, kind: actor.role, orgId: actor.org?.id ?? null, scopeOrgIds: [], personId: actor.personId },
  );
  if (!declarer) throw new AppError({ code: 'forbidden', detail: '只有申报人可以上传或删除证明材料' });
  if (!EDITABLE.has(row.state)) throw conflict('登记已提交审核，不能再更改证明材料');
}

/** The evidence types a record of this activity may carry: its required documents and 其他材料. */
function allowedEvidenceTypes(row: RecordRow): Set<string> {
  const activity = JSON.parse(row.activity) as review.EvidenceSubject & object;
  return new Set([...review.requiredEvidence(activity).map((r) => r.type), 'other']);
}

export async function addEvidence(ctx: Ctx, options: { recordId: string; evidenceType: string; fileName: string | undefined; source: Readable }) {
  const { deps, actor } = ctx;
  const { db } = deps.handle;
  const record = await recordInScope(ctx, options.recordId);
  assertMayChange(ctx, record);
  if (!allowedEvidenceTypes(record).has(options.evidenceType)) {
    throw fieldError('query.evidenceType', '该证明材料类型不适用于此登记');
  }
  const tooMany = () => conflict(`每条登记最多上传 ${MAX_EVIDENCE_FILES_PER_RECORD} 个证明材料，请先删除不需要的文件`);
  if ((await countEvidence(db, record.id)) >= MAX_EVIDENCE_FILES_PER_RECORD) throw tooMany();

  // 1. The blob, durable before anything points at it (413/415/400 leave nothing behind).
  const received = await receiveEvidence({ store: deps.evidence, source: options.source, fileName: options.fileName });
  // 2. The row and its audit event, in one transaction. A failure here leaves an orphan blob for the sweep.
  const now = deps.now();
  const row: RecordEvidenceTable = {
    id: newId(now.getTime()), record_id: record.id, blob_key: received.key, type: received.type, evidence_type: options.evidenceType,
    file_name: received.fileName, size: received.size, uploaded_by: actor.accountId, created_at: now.toISOString(),
  };
  await db.transaction().execute(async (trx) => {
    // Counted again inside: parallel uploads must not pass the limit together.
    if ((await countEvidence(trx, record.id)) >= MAX_EVIDENCE_FILES_PER_RECORD) throw tooMany();
    await insertEvidence(trx, row);
    await recordEvent(trx, { actor, requestId: ctx.requestId, now }, {
      action: 'evidence.added', objectType: 'record', objectId: record.id,
      after: { evidenceId: row.id, type: row.type, evidenceType: row.evidence_type, size: row.size, blobKey: row.blob_key },
    });
  });
  return { id: row.id, type: row.type, evidenceType: row.evidence_type, fileName: row.file_name, size: row.size };
}

export async function listEvidence(ctx: Ctx, recordId: string) {
  const record = await recordInScope(ctx, recordId);
  return { items: (await evidenceOf(ctx.deps.handle.db, record.id)).map(evidenceView) };
}

/** The row and its blob, once the record is known to be in the actor's scope (outside → 404). */
export async function openEvidence(ctx: Ctx, id: string) {
  const row = await findEvidence(ctx.deps.handle.db, id);
  if (!row) throw notFound('未找到该证明材料');
  await recordInScope(ctx, row.record_id);
  const stream = await ctx.deps.evidence.open(row.blob_key);
  if (!stream) throw notFound('证明材料文件不存在');
  return { row, stream };
}

export async function removeEvidence(ctx: Ctx, id: string): Promise<void> {
  const { deps, actor } = ctx;
  const { db } = deps.handle;
  const row = await findEvidence(db, id);
  if (!row) throw notFound('未找到该证明材料');
  const record = await recordInScope(ctx, row.record_id);
  assertMayChange(ctx, record);
  const now = deps.now();
  await db.transaction().execute(async (trx) => {
    if (!(await deleteEvidence(trx, row.id))) throw notFound('未找到该证明材料');
    await recordEvent(trx, { actor, requestId: ctx.requestId, now }, {
      action: 'evidence.removed', objectType: 'record', objectId: record.id,
      before: { evidenceId: row.id, type: row.type, evidenceType: row.evidence_type, size: row.size, blobKey: row.blob_key },
    });
  });
  // The blob stays until the orphan sweep: another row may share it, and a removal is never urgent.
}

/** The orphan sweep of evidence blobs (scheduler job; docs/evidence.md "Crash safety"). */
export function sweepEvidence(deps: Deps, options: { olderThanMs?: number } = {}): Promise<SweepResult> {
  return sweepOrphans({
    store: deps.evidence,
    isReferenced: (key) => isReferenced(deps.handle.db, key),
    olderThanMs: options.olderThanMs ?? DEFAULT_ORPHAN_GRACE_MS,
    now: deps.now,
  });
}
