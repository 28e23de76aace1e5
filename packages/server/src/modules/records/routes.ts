import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { review } from '@jixu/domain';
import Type from 'typebox';
import { actorOf } from '../../platform/authentication.ts';
import { IdParams, PageQuery, pageOf, problemResponses } from '../../platform/schemas.ts';
import { Category, DateText, Year } from '../policy/schemas.ts';
import type { PolicyStore } from '../policy/store.ts';
import { actOnRecord, declareRecord, getRecord, recordQueue } from './service.ts';

const State = Type.Union([Type.Literal('draft'), Type.Literal('submitted'), Type.Literal('unit_approved'), Type.Literal('verified'), Type.Literal('returned'), Type.Literal('rejected')], {
  description: 'draft 草稿 / submitted 待单位初审 / unit_approved 待核定 / verified 已核定 / returned 已退回 / rejected 未通过',
});
const Action = Type.String({ description: 'submit/resubmit/withdraw/approve/verify/return/reject/overturn' });
const Nullable = (t: Type.TSchema) => Type.Union([t, Type.Null()]);

const RecordView = Type.Object({
  id: Type.String(), personId: Type.String(), personName: Type.String(), unitId: Type.String(), year: Type.Integer(),
  activity: Type.Unknown(), category: Category, hours: Type.Number({ description: '学时' }), clause: Type.String(),
  policyVersion: Type.String(), explanation: Type.String(), startedOn: Nullable(Type.String()), endedOn: Nullable(Type.String()),
  content: Type.String(), result: Nullable(Type.String()), channel: Type.String({ description: 'person 个人申报 / unit 单位申报' }),
  state: State, version: Type.Integer(), createdAt: Type.String(), updatedAt: Type.String(), allowedActions: Type.Array(Action),
});

const ReasonBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500, description: '原因（退回、不予认定时必填）' })) });
const SubmitBody = Type.Object({
  reason: Type.Optional(Type.String({ maxLength: 500 })),
  // Stand-in until evidence uploads land (docs/records.md).
  evidenceTypes: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20, description: '已提供的证明材料类型' })),
});

const ACTIONS = ['approve', 'verify', 'return', 'reject', 'withdraw'] as const satisfies readonly review.ReviewAction[];

/** Art. 9–11: declaring records and the review chain. Matrix entries: platform/authz-records.ts. */
export function recordRoutesWith(store: PolicyStore): FastifyPluginAsyncTypebox {
  return async (app) => {
    const deps = app.deps;
    const ctx = (request: { id: string }) => ({ deps, store, actor: actorOf(request as never), requestId: request.id });

    app.post('/api/v1/records', {
      schema: {
        tags: ['继续教育登记'],
        summary: '申报继续教育登记（本人或所在单位；草稿）',
        body: Type.Object({
          personId: Type.Optional(Type.String({ format: 'uuid', description: '申报人员（单位申报时必填）' })),
          activity: Type.Object({}, { additionalProperties: true, description: '活动，字段见 API.md' }),
          startedOn: Type.Optional(DateText('开始日期')),
          endedOn: DateText('结束日期（决定年度）'),
          content: Type.String({ minLength: 1, maxLength: 500, description: '内容' }),
          result: Type.Optional(Type.String({ maxLength: 100, description: '考核结果' })),
        }),
        response: { 201: RecordView, ...problemResponses },
      },
    }, async (request, reply) => reply.status(201).send(await declareRecord(ctx(request), request.body)));

    app.get('/api/v1/records', {
      schema: {
        tags: ['继续教育登记'],
        summary: '我的登记或待办（本人、单位、核定部门）',
        querystring: Type.Object({
          ...PageQuery, state: Type.Optional(State), year: Type.Optional(Year),
          personId: Type.Optional(Type.String({ format: 'uuid' })),
        }),
        response: { 200: pageOf(RecordView), ...problemResponses },
      },
    }, async (request) => {
      const q = request.query;
      return recordQueue(ctx(request), { state: q.state, year: q.year, personId: q.personId, cursor: q.cursor, limit: q.limit ?? 20 });
    });

    app.get('/api/v1/records/:id', {
      schema: { tags: ['继续教育登记'], summary: '登记详情（范围外 404）', params: IdParams, response: { 200: RecordView, ...problemResponses } },
    }, async (request) => getRecord(ctx(request), request.params.id));

    // Submitting and resubmitting (after a return) check the window, evidence and duplicates again.
    for (const action of ['submit', 'resubmit'] as const) {
      app.post(`/api/v1/records/:id/${action}`, {
        schema: { tags: ['继续教育登记'], summary: `${action === 'submit' ? '提交' : '重新提交'}登记（申报人）`, params: IdParams, body: Type.Optional(SubmitBody), response: { 200: RecordView, ...problemResponses } },
      }, async (request) => actOnRecord(ctx(request), { id: request.params.id, action, evidenceTypes: request.body?.evidenceTypes }));
    }

    for (const action of ACTIONS) {
      app.post(`/api/v1/records/:id/${action}`, {
        schema: { tags: ['继续教育登记'], summary: `登记：${action}`, params: IdParams, body: Type.Optional(ReasonBody), response: { 200: RecordView, ...problemResponses } },
      }, async (request) => actOnRecord(ctx(request), { id: request.params.id, action, reason: request.body?.reason }));
    }
  };
}
