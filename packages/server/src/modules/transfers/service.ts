import { isUniqueViolation } from '../../db/dialect.ts';
import type { TransferStatus } from '../../db/schema-people.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { createNotification } from '../notifications/repository.ts';
import { optionalText } from '../registrations/fields.ts';
import { addHistory, findActiveUnit } from '../registrations/repository.ts';
import { findTransfer, listTransfersOfPerson, listTransfersOfUnit, setTransferStatus, transferOf, type TransferRow } from './repository.ts';

// SPEC "Registration": changing employer is a transfer (调动), requested by the person and accepted by
// the new unit; the old unit is told; the history and the certificate number (Art. 13) stay, and so
// do the person's records, which belong to the person, not to the unit.

const ONE_PENDING = '已有待处理的调动申请，请等待新单位处理或先撤销';

function personOf(actor: Actor): string {
  if (!actor.personId) throw new AppError({ code: 'forbidden' });
  return actor.personId;
}

function unitOf(actor: Actor): string {
  if (actor.scope.kind !== 'unit') throw new AppError({ code: 'forbidden' });
  return actor.scope.orgId;
}

export async function requestTransfer(deps: Deps, options: { actor: Actor; toUnitId: string; department?: string | undefined; requestId: string }) {
  const personId = personOf(options.actor);
  const now = deps.now();
  const at = now.toISOString();
  const id = newId(now.getTime());
  try {
    await deps.handle.db.transaction().execute(async (trx) => {
      const person = await trx.selectFrom('persons as p').innerJoin('orgs as u', 'u.id', 'p.unit_id')
        .select(['p.name', 'p.id_number_masked', 'p.status', 'p.unit_id', 'u.name as unit_name'])
        .where('p.id', '=', personId).executeTakeFirstOrThrow();
      if (person.status !== 'approved') throw conflict('注册通过后才能申请调动；注册未通过前可撤回后重新选择单位');
      const toUnit = await findActiveUnit(trx, options.toUnitId);
      if (!toUnit) throw new AppError({ code: 'validation_failed', errors: [{ field: 'body.toUnitId', message: '所选单位不存在或尚未通过审核，请重新选择' }] });
      if (toUnit.id === person.unit_id) throw new AppError({ code: 'validation_failed', errors: [{ field: 'body.toUnitId', message: '您已在该单位，无需调动' }] });
      const open = await trx.selectFrom('transfers').select('id').where('person_id', '=', personId).where('status', '=', 'pending').executeTakeFirst();
      if (open) throw conflict(ONE_PENDING);

      await trx.insertInto('transfers').values({
        id, person_id: personId, from_unit_id: person.unit_id, to_unit_id: toUnit.id, department: optionalText(options.department),
        status: 'pending', requested_at: at, decided_at: null, reason: null, version: 1, updated_at: at,
      }).execute();
      await createNotification(trx, {
        recipient: { kind: 'org', id: toUnit.id }, kind: 'transfer.requested', title: '收到调入申请', at: now,
        body: `${person.name}（${person.id_number_masked}）申请从${person.unit_name}调入本单位，请审核。`,
      });
      await recordEvent(trx, { actor: options.actor, requestId: options.requestId, now }, {
        action: 'transfer.requested', objectType: 'transfer', objectId: id,
        after: { personId, fromUnitId: person.unit_id, toUnitId: toUnit.id, status: 'pending' },
      });
    });
  } catch (error) {
    // Two requests at once: the partial unique index admits one pending transfer per person.
    if (isUniqueViolation(error)) throw conflict(ONE_PENDING);
    throw error;
  }
  return { id, status: 'pending' as const };
}

export async function listMyTransfers(deps: Deps, actor: Actor) {
  const rows = await listTransfersOfPerson(deps.handle.db, personOf(actor));
  return { items: rows.map(transferOf) };
}

export async function listUnitTransfers(
  deps: Deps,
  options: { actor: Actor; direction?: 'incoming' | 'outgoing' | undefined; status?: TransferStatus | undefined; cursor?: string | undefined; limit: number },
) {
  const rows = await listTransfersOfUnit(deps.handle.db, {
    unitId: unitOf(options.actor), direction: options.direction, status: options.status, after: options.cursor, limit: options.limit,
  });
  const page = rows.slice(0, options.limit);
  return { items: page.map(transferOf), nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null };
}

const stillPending = (row: TransferRow) => {
  if (row.status !== 'pending') throw conflict('该调动申请已处理，不能再操作');
};

export async function cancelMyTransfer(deps: Deps, options: { actor: Actor; id: string; requestId: string }) {
  const personId = personOf(options.actor);
  const now = deps.now();
  return deps.handle.db.transaction().execute(async (trx) => {
    const row = await findTransfer(trx, { id: options.id, personId });
    if (!row) throw notFound('未找到该调动申请');
    stillPending(row);
    if (!(await setTransferStatus(trx, row, { status: 'cancelled', at: now.toISOString(), decided: true }))) throw conflict();
    await recordEvent(trx, { actor: options.actor, requestId: options.requestId, now }, {
      action: 'transfer.cancelled', objectType: 'transfer', objectId: row.id, before: { status: 'pending' }, after: { status: 'cancelled' },
    });
    return transferOf((await findTransfer(trx, { id: row.id }))!);
  });
}

/** The new unit accepts: the person's unit changes; the certificate number and records stay; the old unit is told. */
export async function acceptTransfer(deps: Deps, options: { actor: Actor; id: string; requestId: string }) {
  const unitId = unitOf(options.actor);
  const now = deps.now();
  const at = now.toISOString();
  return deps.handle.db.transaction().execute(async (trx) => {
    const row = await findTransfer(trx, { id: options.id, toUnitId: unitId });
    if (!row) throw notFound('未找到该调动申请');
    stillPending(row);
    const person = await trx.selectFrom('persons').select(['status', 'unit_id', 'version', 'certificate_number']).where('id', '=', row.person_id).executeTakeFirstOrThrow();
    if (person.status !== 'approved' || person.unit_id !== row.from_unit_id) throw conflict('该人员的单位或注册状态已变化，此调动申请不再有效');

    if (!(await setTransferStatus(trx, row, { status: 'accepted', at, decided: true }))) throw conflict();
    // Only the unit and department change: the certificate number is never touched (Art. 13).
    const moved = await trx.updateTable('persons')
      .set({ unit_id: unitId, department: row.department, version: person.version + 1, updated_at: at })
      .where('id', '=', row.person_id).where('version', '=', person.version).executeTakeFirst();
    if (moved.numUpdatedRows === 0n) throw conflict();

    await addHistory(trx, { personId: row.person_id, at, action: 'transferred', unitId, actorAccountId: options.actor.accountId });
    await createNotification(trx, {
      recipient: { kind: 'org', id: row.from_unit_id }, kind: 'transfer.completed', title: '人员调出通知', at: now,
      body: `${row.person_name}（${row.id_number_masked}）已调入${row.to_unit_name}。其继续教育记录和证书管理号码随本人转移。`,
    });
    await createNotification(trx, {
      recipient: { kind: 'person', id: row.person_id }, kind: 'transfer.accepted', title: '调动申请已通过', at: now,
      body: `您已调入${row.to_unit_name}，证书管理号码${person.certificate_number ?? ''}和已核定的记录保持不变。`,
    });
    await recordEvent(trx, { actor: options.actor, requestId: options.requestId, now }, {
      action: 'transfer.accepted', objectType: 'transfer', objectId: row.id,
      before: { personId: row.person_id, unitId: row.from_unit_id, status: 'pending' },
      after: { personId: row.person_id, unitId, status: 'accepted', certificateNumber: person.certificate_number },
    });
    return transferOf((await findTransfer(trx, { id: row.id }))!);
  });
}

export async function rejectTransfer(deps: Deps, options: { actor: Actor; id: string; reason: string; requestId: string }) {
  const unitId = unitOf(options.actor);
  const reason = options.reason.normalize('NFKC').trim();
  if (!reason) throw new AppError({ code: 'validation_failed', errors: [{ field: 'body.reason', message: '请填写不同意调入的原因' }] });
  const now = deps.now();
  return deps.handle.db.transaction().execute(async (trx) => {
    const row = await findTransfer(trx, { id: options.id, toUnitId: unitId });
    if (!row) throw notFound('未找到该调动申请');
    stillPending(row);
    if (!(await setTransferStatus(trx, row, { status: 'rejected', at: now.toISOString(), decided: true, reason }))) throw conflict();
    await createNotification(trx, {
      recipient: { kind: 'person', id: row.person_id }, kind: 'transfer.rejected', title: '调动申请未通过', at: now,
      body: `${row.to_unit_name}未同意您的调入申请，原因：${reason}。`,
    });
    await recordEvent(trx, { actor: options.actor, requestId: options.requestId, now }, {
      action: 'transfer.rejected', objectType: 'transfer', objectId: row.id, before: { status: 'pending' }, after: { status: 'rejected', reason },
    });
    return transferOf((await findTransfer(trx, { id: row.id }))!);
  });
}
