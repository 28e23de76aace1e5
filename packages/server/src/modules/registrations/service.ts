import { maskPhone, maskResidentId, parsePhone, parseResidentId } from '@jixu/domain';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { Education, TitleLevel } from '../../db/schema-people.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, notFound, type FieldError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { checkPasswordPolicy, hashPassword, passwordProblemText } from '../../platform/passwords.ts';
import { checkEmail, checkName, optionalText, requiredText } from './fields.ts';
import { isOverdue } from './overdue.ts';
import { addHistory, findActiveUnit, findRegistration, historyOf } from './repository.ts';

// SPEC "Registration" and Art. 13: a person registers with their resident ID number (the login, never
// changed), waits for their unit's approval, follows it, and may withdraw and choose another unit.

export type RegistrationInput = {
  idNumber: string; name: string; sex: 'male' | 'female'; birthDate: string; phone: string; email?: string | undefined;
  education: Education; major: string; titleSeries: string; titleLevel: TitleLevel; unitId: string;
  department?: string | undefined; password: string;
};

const ALREADY_REGISTERED = '该身份证号码已注册，请直接登录';
const UNIT_UNAVAILABLE = '所选单位不存在或尚未通过审核，请重新选择';

function failOn(errors: FieldError[]): void {
  if (errors.length === 0) return;
  // Only the password is wrong: the dedicated code lets the form show the password rules.
  const code = errors.every((e) => e.field === 'body.password') ? 'password_policy' : 'validation_failed';
  throw new AppError({ code, errors });
}

/** Public registration: checks every field, then creates the person (pending) and their account at once. */
export async function submitRegistration(deps: Deps, input: RegistrationInput, requestId: string) {
  const { db } = deps.handle;
  const now = deps.now();
  const errors: FieldError[] = [];

  const id = parseResidentId(input.idNumber, { today: now });
  if (!id.ok) errors.push({ field: 'body.idNumber', message: id.message });
  else {
    // GB 11643: sex and birth date are part of the number; a mismatch is a typo in one or the other.
    if (id.value.sex !== input.sex) errors.push({ field: 'body.sex', message: '性别与身份证号码不一致，请核对' });
    if (id.value.birthDate !== input.birthDate) errors.push({ field: 'body.birthDate', message: '出生日期与身份证号码不一致，请核对' });
  }
  const name = checkName(input.name, 'body.name', errors);
  const phone = parsePhone(input.phone);
  if (!phone.ok) errors.push({ field: 'body.phone', message: phone.message });
  const email = optionalText(input.email);
  checkEmail(email, 'body.email', errors);
  const major = requiredText(input.major, 'body.major', errors);
  const titleSeries = requiredText(input.titleSeries, 'body.titleSeries', errors);
  const unit = await findActiveUnit(db, input.unitId);
  if (!unit) errors.push({ field: 'body.unitId', message: UNIT_UNAVAILABLE });
  const passwordProblem = checkPasswordPolicy(input.password);
  if (passwordProblem) errors.push({ field: 'body.password', message: passwordProblemText[passwordProblem] });
  failOn(errors);
  if (!id.ok || !phone.ok || !unit) throw new Error('unreachable: checked above');

  const idNumber = id.value.idNumber;
  const idIndex = deps.pii.index(`id:${idNumber}`);
  const existing = await db.selectFrom('persons').select('id').where('id_number_index', '=', idIndex).executeTakeFirst();
  if (existing) throw conflict(ALREADY_REGISTERED);

  // Slow by design: hashed before the transaction so no lock is held meanwhile.
  const passwordHash = await hashPassword(input.password, deps.config.scryptN);
  const at = now.toISOString();
  const personId = newId(now.getTime());
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('persons').values({
        id: personId, name, id_number_enc: deps.pii.encrypt(idNumber), id_number_index: idIndex,
        id_number_masked: maskResidentId(idNumber), sex: id.value.sex, birth_date: id.value.birthDate,
        phone_enc: deps.pii.encrypt(phone.value.number), phone_masked: maskPhone(phone.value.number),
        unit_id: unit.id, status: 'pending', certificate_number: null, version: 1, created_at: at, updated_at: at,
        email, education: input.education, major, title_series: titleSeries, title_level: input.titleLevel,
        department: optionalText(input.department), submitted_at: at, decided_at: null, decision_reason: null,
      }).execute();
      // The person logs in with the ID number at once, to follow the registration.
      const accountId = newId(now.getTime());
      await trx.insertInto('accounts').values({
        id: accountId, username_key: deps.pii.index(`user:${idNumber}`), username_display: maskResidentId(idNumber),
        password_hash: passwordHash, role: 'person', name, org_id: null, person_id: personId, disabled: 0,
        must_change_password: 0, last_login_at: null, version: 1, created_at: at, updated_at: at,
      }).execute();
      await addHistory(trx, { personId, at, action: 'submitted', unitId: unit.id, actorAccountId: accountId });
      await recordEvent(trx, { actor: { accountId, kind: 'person' }, requestId, now }, {
        action: 'registration.submitted', objectType: 'person', objectId: personId, after: { unitId: unit.id, status: 'pending' },
      });
    });
  } catch (error) {
    // Two submissions of one number at once: the unique blind index lets exactly one through.
    if (isUniqueViolation(error)) throw conflict(ALREADY_REGISTERED);
    throw error;
  }
  return { personId, status: 'pending' as const };
}

const personScope = (actor: Actor) => {
  if (!actor.personId) throw new AppError({ code: 'forbidden' });
  return { scope: { kind: 'person' as const, personId: actor.personId }, personId: actor.personId };
};

/** The person's own registration with its whole history (SPEC: the person follows its progress). */
export async function getMyRegistration(deps: Deps, actor: Actor) {
  const { scope, personId } = personScope(actor);
  const { db } = deps.handle;
  const row = await findRegistration(db, { scope, id: personId });
  if (!row) throw notFound('未找到注册信息');
  const history = await historyOf(db, personId);
  return {
    status: row.status,
    unit: { id: row.unit_id, name: row.unit_name },
    department: row.department,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    reason: row.decision_reason,
    overdue: isOverdue(row, deps.now()),
    history: history.map((h) => ({ at: h.at, action: h.action, unitName: h.unit_name, reason: h.reason })),
  };
}

/** Withdraws a pending registration (to choose another unit). */
export async function withdrawMyRegistration(deps: Deps, actor: Actor, requestId: string) {
  const { scope, personId } = personScope(actor);
  const now = deps.now();
  const at = now.toISOString();
  await deps.handle.db.transaction().execute(async (trx) => {
    const row = await findRegistration(trx, { scope, id: personId });
    if (!row) throw notFound('未找到注册信息');
    if (row.status !== 'pending') throw conflict('只有待审核的注册可以撤回');
    const updated = await trx.updateTable('persons')
      .set({ status: 'withdrawn', decided_at: null, decision_reason: null, version: row.version + 1, updated_at: at })
      .where('id', '=', personId).where('version', '=', row.version).executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw conflict();
    await addHistory(trx, { personId, at, action: 'withdrawn', unitId: row.unit_id, actorAccountId: actor.accountId });
    await recordEvent(trx, { actor, requestId, now }, {
      action: 'registration.withdrawn', objectType: 'person', objectId: personId,
      before: { unitId: row.unit_id, status: row.status }, after: { unitId: row.unit_id, status: 'withdrawn' },
    });
  });
  return getMyRegistration(deps, actor);
}

/** A withdrawn or rejected registration goes again, pending at the unit now chosen. */
export async function resubmitMyRegistration(deps: Deps, actor: Actor, input: { unitId: string; department?: string | undefined }, requestId: string) {
  const { scope, personId } = personScope(actor);
  const now = deps.now();
  const at = now.toISOString();
  await deps.handle.db.transaction().execute(async (trx) => {
    const row = await findRegistration(trx, { scope, id: personId });
    if (!row) throw notFound('未找到注册信息');
    if (row.status !== 'withdrawn' && row.status !== 'rejected') throw conflict('只有已撤回或未通过的注册可以重新提交');
    const unit = await findActiveUnit(trx, input.unitId);
    if (!unit) throw new AppError({ code: 'validation_failed', errors: [{ field: 'body.unitId', message: UNIT_UNAVAILABLE }] });
    const updated = await trx.updateTable('persons')
      .set({
        unit_id: unit.id, department: optionalText(input.department), status: 'pending', submitted_at: at, decided_at: null,
        decision_reason: null, version: row.version + 1, updated_at: at,
      })
      .where('id', '=', personId).where('version', '=', row.version).executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw conflict();
    await addHistory(trx, { personId, at, action: 'resubmitted', unitId: unit.id, actorAccountId: actor.accountId });
    await recordEvent(trx, { actor, requestId, now }, {
      action: 'registration.resubmitted', objectType: 'person', objectId: personId,
      before: { unitId: row.unit_id, status: row.status }, after: { unitId: unit.id, status: 'pending' },
    });
  });
  return getMyRegistration(deps, actor);
}
