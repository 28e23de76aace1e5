import { maskPhone, parsePhone } from '@jixu/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Education, TitleLevel } from '../../db/schema-people.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/audit.ts';
import { actorOf } from '../../platform/authentication.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, notFound, type FieldError } from '../../platform/errors.ts';
import { problemResponses } from '../../platform/schemas.ts';
import { checkEmail, optionalText, requiredText } from '../registrations/fields.ts';
import { Education as EducationSchema, Sex, TitleLevel as TitleLevelSchema, UnitRef } from '../registrations/schemas.ts';

// The person's own profile. SPEC "Registration": the ID number never changes, the name and the unit
// only through a transfer (the unit) or not at all; the rest the person keeps up to date.

const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const Profile = Type.Object({
  name: Type.String(),
  maskedIdNumber: Type.String({ description: '脱敏身份证号' }),
  sex: Sex,
  birthDate: Type.String({ format: 'date' }),
  phoneMasked: Nullable(Type.String({ description: '脱敏手机号' })),
  email: Nullable(Type.String()),
  education: Nullable(Type.String()),
  major: Nullable(Type.String()),
  titleSeries: Nullable(Type.String()),
  titleLevel: Nullable(Type.String()),
  unit: UnitRef,
  department: Nullable(Type.String()),
  certificateNumber: Nullable(Type.String({ description: '证书管理号码（注册通过后分配）' })),
});

const ProfilePatch = Type.Object({
  phone: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
  email: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  education: Type.Optional(EducationSchema),
  major: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  titleSeries: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  titleLevel: Type.Optional(TitleLevelSchema),
  department: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
});

type PatchInput = {
  phone?: string | undefined; email?: string | null | undefined; education?: Education | undefined; major?: string | undefined;
  titleSeries?: string | undefined; titleLevel?: TitleLevel | undefined; department?: string | null | undefined;
};

function personIdOf(actor: Actor): string {
  if (!actor.personId) throw new AppError({ code: 'forbidden' });
  return actor.personId;
}

async function readProfile(deps: Deps, personId: string) {
  const row = await deps.handle.db.selectFrom('persons as p').innerJoin('orgs as u', 'u.id', 'p.unit_id')
    .select([
      'p.name', 'p.id_number_masked', 'p.sex', 'p.birth_date', 'p.phone_masked', 'p.email', 'p.education', 'p.major',
      'p.title_series', 'p.title_level', 'p.unit_id', 'u.name as unit_name', 'p.department', 'p.certificate_number',
    ])
    .where('p.id', '=', personId).executeTakeFirst();
  if (!row) throw notFound('未找到个人信息');
  return {
    name: row.name, maskedIdNumber: row.id_number_masked, sex: row.sex, birthDate: row.birth_date, phoneMasked: row.phone_masked,
    email: row.email, education: row.education, major: row.major, titleSeries: row.title_series, titleLevel: row.title_level,
    unit: { id: row.unit_id, name: row.unit_name }, department: row.department, certificateNumber: row.certificate_number,
  };
}

/** Updates the fields given; one audit event with digests of the (masked) before and after. */
export async function updateProfile(deps: Deps, options: { actor: Actor; patch: PatchInput; requestId: string }) {
  const personId = personIdOf(options.actor);
  const { patch } = options;
  const errors: FieldError[] = [];
  const changes: Record<string, string | null> = {};
  if (patch.phone !== undefined) {
    const phone = parsePhone(patch.phone);
    if (!phone.ok) errors.push({ field: 'body.phone', message: phone.message });
    else Object.assign(changes, { phone_enc: deps.pii.encrypt(phone.value.number), phone_masked: maskPhone(phone.value.number) });
  }
  if (patch.email !== undefined) {
    const email = optionalText(patch.email);
    checkEmail(email, 'body.email', errors);
    changes.email = email;
  }
  if (patch.education !== undefined) changes.education = patch.education;
  if (patch.titleLevel !== undefined) changes.title_level = patch.titleLevel;
  if (patch.major !== undefined) changes.major = requiredText(patch.major, 'body.major', errors);
  if (patch.titleSeries !== undefined) changes.title_series = requiredText(patch.titleSeries, 'body.titleSeries', errors);
  if (patch.department !== undefined) changes.department = optionalText(patch.department);
  if (errors.length > 0) throw new AppError({ code: 'validation_failed', errors });
  if (Object.keys(changes).length === 0) return readProfile(deps, personId);

  const now = deps.now();
  const before = await readProfile(deps, personId);
  await deps.handle.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('persons').select('version').where('id', '=', personId).executeTakeFirstOrThrow();
    const updated = await trx.updateTable('persons')
      .set({ ...changes, version: current.version + 1, updated_at: now.toISOString() })
      .where('id', '=', personId).where('version', '=', current.version).executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw conflict();
    // Digests of the masked profile only: a digest of a full phone number could be reversed by trying them all.
    const { phone_enc: _sealed, ...visible } = changes;
    await recordEvent(trx, { actor: options.actor, requestId: options.requestId, now }, {
      action: 'person.profile_updated', objectType: 'person', objectId: personId, before, after: { ...before, ...visible },
    });
  });
  return readProfile(deps, personId);
}

export const profileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.get('/api/v1/me/profile', {
    schema: { tags: ['人员'], summary: '我的个人信息', response: { 200: Profile, ...problemResponses } },
  }, async (request) => readProfile(deps, personIdOf(actorOf(request))));

  app.patch('/api/v1/me/profile', {
    schema: {
      tags: ['人员'],
      summary: '修改我的个人信息（姓名、身份证号不可改；单位经调动变更）',
      body: ProfilePatch,
      response: { 200: Profile, ...problemResponses },
    },
  }, async (request) => updateProfile(deps, { actor: actorOf(request), patch: request.body, requestId: request.id }));
};
