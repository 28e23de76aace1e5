import type { Actor } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { findOrg, listOrgs, type OrgRow, type ReviewKind } from './repository.ts';

// A bureau reviews the registrations of units (approve) and providers (备案, filing) in its scope:
// the org's supervising bureau or one above it. Outside the scope an org is not found (404).

const kindName: Record<ReviewKind, string> = { unit: '单位', provider: '施教机构' };

export async function listForReview(deps: Deps, options: {
  actor: Actor; kind: ReviewKind; status?: string | undefined; query?: string | undefined; after?: string | undefined; limit: number;
}): Promise<{ rows: OrgRow[]; nextCursor: string | null }> {
  const rows = await listOrgs(deps.handle.db, { ...options, scope: options.actor.scope });
  const page = rows.slice(0, options.limit);
  return { rows: page, nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null };
}

export async function decideRegistration(deps: Deps, input: {
  actor: Actor; kind: ReviewKind; id: string; decision: 'approve' | 'reject'; reason?: string | undefined; requestId: string;
}): Promise<OrgRow> {
  const reason = input.decision === 'reject' ? (input.reason ?? '').normalize('NFKC').trim() : null;
  if (reason !== null && reason.length < 2) {
    throw new AppError({ code: 'validation_failed', errors: [{ field: 'body.reason', message: '请填写不予通过的原因' }] });
  }
  const now = deps.now();
  const at = now.toISOString();
  return deps.handle.db.transaction().execute(async (trx) => {
    const org = await findOrg(trx, { scope: input.actor.scope, id: input.id, kind: input.kind });
    if (!org) throw notFound(`未找到该${kindName[input.kind]}`);
    if (org.status !== 'pending') throw conflict(`该${kindName[input.kind]}已审核，不是待审核状态`);

    const status = input.decision === 'approve' ? 'active' : 'rejected';
    const updated = await trx
      .updateTable('orgs')
      .set({ status, decision_reason: reason, decided_at: at, version: org.version + 1, updated_at: at })
      .where('id', '=', org.id)
      .where('version', '=', org.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw conflict();

    const action = input.decision === 'reject' ? 'rejected' : input.kind === 'provider' ? 'filed' : 'approved';
    await recordEvent(trx, { actor: input.actor, requestId: input.requestId, now }, {
      action: `${input.kind}.${action}`, objectType: 'org', objectId: org.id,
      before: { status: org.status }, after: { status, reason },
    });
    const after = await findOrg(trx, { scope: input.actor.scope, id: org.id });
    if (!after) throw new Error('a decided org left the scope');
    return after;
  });
}
