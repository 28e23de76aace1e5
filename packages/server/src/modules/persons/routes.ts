import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { actorOf } from '../../platform/authentication.ts';
import { notFound } from '../../platform/errors.ts';
import { IdParams, PageQuery, pageOf, problemResponses } from '../../platform/schemas.ts';
import { findPerson, listPersons } from './repository.ts';

const PersonStatus = Type.Union(['pending', 'approved', 'rejected', 'withdrawn'].map((s) => Type.Literal(s)));

// Only masked identifiers leave the server here; full values need a role and an audited reason.
const PersonSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  maskedIdNumber: Type.String({ description: '脱敏身份证号' }),
  unitId: Type.String(),
  unitName: Type.String(),
  status: PersonStatus,
  certificateNumber: Type.Union([Type.String(), Type.Null()]),
});

const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const PersonDetail = Type.Object({
  ...PersonSummary.properties,
  sex: Type.Union([Type.Literal('male'), Type.Literal('female')]),
  birthDate: Type.String({ format: 'date' }),
  phoneMasked: Nullable(Type.String({ description: '脱敏手机号' })),
  email: Nullable(Type.String()),
  education: Nullable(Type.String()),
  major: Nullable(Type.String()),
  titleSeries: Nullable(Type.String()),
  titleLevel: Nullable(Type.String()),
  department: Nullable(Type.String()),
  registeredAt: Type.String({ format: 'date-time', description: '注册（创建）时间' }),
});

type Row = Awaited<ReturnType<typeof listPersons>>[number];

const summaryOf = (row: Row) => ({
  id: row.id,
  name: row.name,
  maskedIdNumber: row.id_number_masked,
  unitId: row.unit_id,
  unitName: row.unit_name,
  status: row.status,
  certificateNumber: row.certificate_number,
});

export const personRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.handle;

  app.get('/api/v1/persons', {
    schema: {
      tags: ['人员'],
      summary: '人员名册（按当前用户的管辖范围）',
      querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 50, description: '姓名关键字或证书管理号码（前缀）' })) }),
      response: { 200: pageOf(PersonSummary), ...problemResponses },
    },
  }, async (request) => {
    const limit = request.query.limit ?? 20;
    const rows = await listPersons(db, { scope: actorOf(request).scope, after: request.query.cursor, limit, query: request.query.q });
    const page = rows.slice(0, limit);
    return { items: page.map(summaryOf), nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
  });

  app.get('/api/v1/persons/:id', {
    schema: {
      tags: ['人员'],
      summary: '人员详情（范围外的人员返回 404）',
      params: IdParams,
      response: { 200: PersonDetail, ...problemResponses },
    },
  }, async (request) => {
    const row = await findPerson(db, { scope: actorOf(request).scope, id: request.params.id });
    if (!row) throw notFound('未找到该人员');
    return {
      ...summaryOf(row), sex: row.sex, birthDate: row.birth_date, phoneMasked: row.phone_masked, email: row.email,
      education: row.education, major: row.major, titleSeries: row.title_series, titleLevel: row.title_level,
      department: row.department, registeredAt: row.created_at,
    };
  });
};
