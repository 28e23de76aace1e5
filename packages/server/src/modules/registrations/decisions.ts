import type { Actor } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { createNotification } from '../notifications/repository.ts';
import { flagOverdueRegistrations, isOverdue, OVERDUE_DAYS, waitingDaysOf } from './overdue.ts';
import { addHistory, countOverdue, findRegistration, listRegistrations, type RegistrationRow } from './repository.ts';
import { allocateCertificateNumber, issuingOfUnit } from './serials.ts';

// The unit approves or rejects its people's registrations (SPEC "Registration"); once a registration
// has waited more than 7 days, the unit's supervising bureaus may decide it too. Approval gives the
// certificate number of Art. 13.

const isBureau = (actor: Actor) => actor.scope.kind === 'bureau' || actor.scope.kind === 'province';

const itemOf = (row: RegistrationRow, now: Date) => ({
  personId: row.id,
  name: row.name,
  maskedIdNumber: row.id_number_masked,
  sex: row.sex,
  birthDate: row.birth_date,
  education: row.education,
  titleSeries: row.title_series,
  titleLevel: row.title_level,
  unitId: row.unit_id,
  unitName: row.unit_name,
  department: row.department,
  status: row.status,
  submittedAt: row.submitted_at,
  waitingDays: waitingDaysOf(row, now),
  overdue: isOverdue(row, now),
  reason: row.decision_reason,
});

export async function listRegistrationQueue(
  deps: Deps,
  options: { actor: Actor; status?: string | undefined; overdue?: boolean | undefined; q?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const { db } = deps.handle;
  const now = deps.now();
  const { actor } = options;
  if (actor.scope.kind !== 'unit' && !isBureau(actor)) throw new AppError({ code: 'forbidden' });
  // The unit is told of registrations that became overdue since the daily job last ran (idempotent).
  if (actor.scope.kind === 'unit') await flagOverdueRegistrations(db, now, { unitId: actor.scope.orgId });
  const rows = await listRegistrations(db, {
    scope: actor.scope, now, status: options.status, overdue: options.overdue, query: options.q, after: options.cursor, limit: options.limit,
  });
  const page = rows.slice(0, options.limit);
  return {
    items: page.map((r) => itemOf(r, now)),
    nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
    overdueCount: await countOverdue(db, actor.scope, now),
  };
}

export type DecisionResult = { personId: string; status: 'approved' | 'rejected'; certificateNumber?: string };

/** Approves or rejects one pending registration in one transaction (with its history, notice and audit event). */
export async function decideRegistration(
  deps: Deps,
  options: { actor: Actor; id: string; decision: 'approve' | 'reject'; reason?: string | undefined; requestId: string },
): Promise<DecisionResult> {
  const { actor, id } = options;
  const reason = options.reason?.normalize('NFKC').trim() ?? '';
  if (options.decision === 'reject' && !reason) {
    throw new AppError({ code: 'validation_failed', errors: [{ field: 'body.reason', message: '请填写未通过的原因' }] });
  }
  const now = deps.now();
  const at = now.toISOString();
  return deps.handle.db.transaction().execute(async (trx) => {
    const row = await findRegistration(trx, { scope: actor.scope, id });
    if (!row) throw notFound('未找到该注册');
    if (row.status !== 'pending') throw conflict('该注册已不是待审核状态，不能再审核');
    if (isBureau(actor) && !isOverdue(row, now)) throw forbidden(`该注册等待未超过 ${OVERDUE_DAYS} 天，应由所在单位审核`);

    const approve = options.decision === 'approve';
    const updated = await trx.updateTable('persons')
      .set({
        status: approve ? 'approved' : 'rejected', decided_at: at, decision_reason: approve ? null : reason,
        version: row.version + 1, updated_at: at,
      })
      .where('id', '=', id).where('version', '=', row.version).where('status', '=', 'pending')
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw conflict();

    let certificateNumber = row.certificate_number;
    if (approve && !certificateNumber) {
      // Art. 13: taken last, so the counter row is held for as short a time as possible.
      const issuing = await issuingOfUnit(trx, row.unit_id);
      if (!issuing) throw conflict('该单位尚未确定发证机关，暂不能通过注册，请联系主管人社部门');
      certificateNumber = await allocateCertificateNumber(trx, { ...issuing, at });
      await trx.updateTable('persons').set({ certificate_number: certificateNumber }).where('id', '=', id).execute();
    }

    await addHistory(trx, { personId: id, at, action: approve ? 'approved' : 'rejected', unitId: row.unit_id, reason: approve ? null : reason, actorAccountId: actor.accountId });
    await createNotification(trx, approve
      ? { recipient: { kind: 'person', id }, kind: 'registration.approved', title: '注册审核已通过', at: now,
          body: `您在${row.unit_name}的注册已通过审核，证书管理号码：${certificateNumber}。` }
      : { recipient: { kind: 'person', id }, kind: 'registration.rejected', title: '注册审核未通过', at: now,
          body: `您在${row.unit_name}的注册未通过审核，原因：${reason}。您可以重新选择单位提交注册。` });
    await recordEvent(trx, { actor, requestId: options.requestId, now }, {
      action: approve ? 'registration.approved' : 'registration.rejected', objectType: 'person', objectId: id,
      before: { unitId: row.unit_id, status: 'pending' },
      after: approve ? { unitId: row.unit_id, status: 'approved', certificateNumber } : { unitId: row.unit_id, status: 'rejected', reason },
    });
    return approve
      ? { personId: id, status: 'approved' as const, certificateNumber: certificateNumber! }
      : { personId: id, status: 'rejected' as const };
  });
}

/** Decides many registrations, each in its own transaction: one failure does not undo the others. */
export async function decideRegistrations(
  deps: Deps,
  options: { actor: Actor; decision: 'approve' | 'reject'; personIds: string[]; reason?: string | undefined; requestId: string },
) {
  if (options.decision === 'reject' && !options.reason?.trim()) {
    throw new AppError({ code: 'validation_failed', errors: [{ field: 'body.reason', message: '批量不通过须填写原因' }] });
  }
  const results: { personId: string; status: 'approved' | 'rejected' | 'error'; certificateNumber?: string; error?: string }[] = [];
  for (const personId of [...new Set(options.personIds)]) {
    try {
      results.push(await decideRegistration(deps, { ...options, id: personId }));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ personId, status: 'error', error: error.detail ?? error.message });
    }
  }
  return { results };
}
