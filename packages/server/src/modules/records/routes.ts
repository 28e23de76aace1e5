import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { review } from '@jixu/domain';
import Type from 'typebox';
import { actorOf } from '../../platform/authentication.ts';
import { IdParams, NoContent, PageQuery, pageOf, problemResponses } from '../../platform/schemas.ts';
import { Category, DateText, Year } from '../policy/schemas.ts';
import type { PolicyStore } from '../policy/store.ts';
import { actOnRecord, bulkAct, declareRecord, deleteRecord, editRecord, getRecord, pendingCount, recordHistory, recordQueue } from './service.ts';

const State = Type.Union([Type.Literal('draft'), Type.Literal('submitted'), Type.Literal('unit_approved'), Type.Literal('verified'), Type.Literal('returned'), Type.Literal('rejected')], {
  description: 'draft 草稿 / submitted 待单位初审 / unit_approved 待核定 / verified 已核定 / returned 已退回 / rejected 未通过',
});
const Action = Type.String({ description: 'submit/resubmit/withdraw/approve/verify/return/reject/overturn' });
const Nullable = (t: Type.TSchema) => Type.Union([t, Type.Null()]);

const Holder = Type.Object({
  role: Type.String({ description: 'person / unit / bureau / authority / provider' }), orgId: Nullable(Type.String()), name: Type.String(),
}, { description: '当前处理方' });

const RecordView = Type.Object({
  id: Type.String(), personId: Type.String(), personName: Type.String(), unitId: Type.String(), unitName: Type.String(),
  year: Type.Integer(), kind: Type.String(), activity: Type.Unknown(), category: Category, hours: Type.Number({ description: '学时' }),
  clause: Type.String(), policyVersion: Type.String(), explanation: Type.String(), startedOn: Nullable(Type.String()),
  endedOn: Nullable(Type.String()), content: Type.String(), result: Nullable(Type.String()),
  channel: Type.String({ description: 'person 个人申报 / unit 单位申报 / provider 施教机构登记 / platform 平台自动登记' }),
  state: State, version: Type.Integer(), createdAt: Type.String(), updatedAt: Type.String(),
  stateSince: Type.String({ description: '进入当前状态的时间' }), holder: Nullable(Holder),
  lastReason: Nullable(Type.String({ description: '最近一次退回、不予认定或抽查撤销的原因' })), providerId: Nullable(Type.String()),
  requiredEvidence: Type.Array(Type.Object({ type: Type.String(), label: Type.String() })), allowedActions: Type.Array(Action),
});

const Fields = {
  activity: Type.Object({}, { additionalProperties: true, description: '活动，字段见 API.md' }),
  startedOn: Type.Optional(DateText('开始日期')),
  endedOn: DateText('结束日期（决定年度）'),
  content: Type.String({ minLength: 1, maxLength: 500, description: '内容' }),
  result: Type.Optional(Type.String({ maxLength: 100, description: '考核结果' })),
};

const HistoryItem = Type.Object({
  at: Type.String(), action: Type.String({ description: 'declare/submit/resubmit/withdraw/approve/verify/return/reject/overturn' }),
  fromState: Nullable(Type.String()), toState: Type.String(), actorRole: Type.String(), actorName: Type.String(), reason: Nullable(Type.String()),
});

const BulkResult = Type.Object({
  results: Type.Array(Type.Object({
    id: Type.String(), ok: Type.Boolean(), status: Type.Integer(), code: Type.Optional(Type.String()), detail: Type.Optional(Type.String()),
  })),
  succeeded: Type.Integer(), failed: Type.Integer(),
});

const ReasonBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500, description: '原因（退回、不予认定时必填）' })) });
const SubmitBody = Type.Object({
  reason: Type.Optional(Type.String({ maxLength: 500 })),
  // Stand-in until evidence uploads land (docs/records.md).
  evidenceTypes: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20, description: '已提供的证明材料类型' })),
});

/** An action sent without any body (no reason to give) is an empty object, not a validation error. */
async function noBodyIsEmpty(request: { body: unknown }): Promise<void> {
  request.body ??= {};
}

const ACTIONS = ['approve', 'verify', 'return', 'reject', 'withdraw', 'overturn'] as const satisfies readonly review.ReviewAction[];

/** Art. 9–11: declaring records and the review chain. Matrix entries: platform/authz-records.ts. */
export function recordRoutesWith(store: PolicyStore): FastifyPluginAsyncTypebox {
  return async (app) => {
    const deps = app.deps;
    const ctx = (request: { id: string }) => ({ deps, store, actor: actorOf(request as never), requestId: request.id });

    app.post('/api/v1/records', {
      schema: {
        tags: ['继续教育登记'],
        summary: '申报继续教育登记（本人、所在单位或备案施教机构；草稿）',
        body: Type.Object({
          personId: Type.Optional(Type.String({ format: 'uuid', description: '申报人员（单位申报时必填）' })),
          trainee: Type.Optional(Type.Object({
            idNumber: Type.String({ minLength: 15, maxLength: 18, description: '学员身份证号（施教机构登记时必填）' }),
            name: Type.String({ minLength: 1, maxLength: 50, description: '学员姓名' }),
          })),
          ...Fields,
        }),
        response: { 201: RecordView, ...problemResponses },
      },
    }, async (request, reply) => reply.status(201).send(await declareRecord(ctx(request), request.body)));

    app.get('/api/v1/records', {
      schema: {
        tags: ['继续教育登记'],
        summary: '我的登记或待办（本人、单位、核定部门）',
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          cursor: PageQuery.cursor,
          view: Type.Optional(Type.Union([Type.Literal('queue'), Type.Literal('all')], { description: 'queue 待我处理（默认）/ all 范围内全部' })),
          state: Type.Optional(State), year: Type.Optional(Year),
          kind: Type.Optional(Type.String({ maxLength: 40, pattern: '^[a-z_]+$', description: '活动类型' })),
          category: Type.Optional(Category),
          unitId: Type.Optional(Type.String({ format: 'uuid', description: '单位' })),
          personId: Type.Optional(Type.String({ format: 'uuid' })),
          olderThanDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, description: '处于当前状态至少 N 天' })),
          sort: Type.Optional(Type.Union([Type.Literal('oldest'), Type.Literal('newest')], { description: 'oldest 最早优先（默认）/ newest 最新优先' })),
        }),
        response: { 200: pageOf(RecordView), ...problemResponses },
      },
    }, async (request) => {
      const { limit, ...q } = request.query;
      return recordQueue(ctx(request), { ...q, limit: limit ?? 20 });
    });

    app.get('/api/v1/records/pending', {
      schema: {
        tags: ['继续教育登记'],
        summary: '待办数量（菜单角标）',
        response: { 200: Type.Object({ count: Type.Integer({ description: '待办数（最多计到1000）' }), overdue: Type.Integer({ description: '超过7天未处理（最多计到1000）' }) }), ...problemResponses },
      },
    }, async (request) => pendingCount(ctx(request)));

    app.post('/api/v1/records/bulk', {
      schema: {
        tags: ['继续教育登记'],
        summary: '批量审核（每条单独处理，结果逐条返回）',
        body: Type.Object({
          action: Type.Union([Type.Literal('approve'), Type.Literal('verify'), Type.Literal('return'), Type.Literal('reject')]),
          ids: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 100 }),
          reason: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        response: { 200: BulkResult, ...problemResponses },
      },
    }, async (request) => bulkAct(ctx(request), request.body));

    app.patch('/api/v1/records/:id', {
      schema: {
        tags: ['继续教育登记'],
        summary: '修改草稿或被退回的登记（申报人）',
        params: IdParams,
        body: Type.Object({ ...Fields, version: Type.Integer({ minimum: 1, description: '读取时的版本' }) }),
        response: { 200: RecordView, ...problemResponses },
      },
    }, async (request) => editRecord(ctx(request), request.params.id, request.body));

    app.delete('/api/v1/records/:id', {
      schema: { tags: ['继续教育登记'], summary: '删除从未提交的草稿（申报人）', params: IdParams, response: { 204: NoContent, ...problemResponses } },
    }, async (request, reply) => {
      await deleteRecord(ctx(request), request.params.id);
      return reply.status(204).send(null);
    });

    app.get('/api/v1/records/:id/history', {
      schema: {
        tags: ['继续教育登记'], summary: '办理进度（申报、每次审核及原因）', params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(HistoryItem) }), ...problemResponses },
      },
    }, async (request) => recordHistory(ctx(request), request.params.id));

    app.get('/api/v1/records/:id', {
      schema: { tags: ['继续教育登记'], summary: '登记详情（范围外 404）', params: IdParams, response: { 200: RecordView, ...problemResponses } },
    }, async (request) => getRecord(ctx(request), request.params.id));

    // Submitting and resubmitting (after a return) check the window, evidence and duplicates again.
    for (const action of ['submit', 'resubmit'] as const) {
      app.post(`/api/v1/records/:id/${action}`, {
        schema: { tags: ['继续教育登记'], summary: `${action === 'submit' ? '提交' : '重新提交'}登记（申报人）`, params: IdParams, body: Type.Optional(SubmitBody), response: { 200: RecordView, ...problemResponses } },
        preValidation: noBodyIsEmpty,
      }, async (request) => actOnRecord(ctx(request), { id: request.params.id, action, evidenceTypes: request.body?.evidenceTypes }));
    }

    for (const action of ACTIONS) {
      app.post(`/api/v1/records/:id/${action}`, {
        schema: { tags: ['继续教育登记'], summary: `登记：${review.REVIEW_ACTION_LABELS[action]}`, params: IdParams, body: Type.Optional(ReasonBody), response: { 200: RecordView, ...problemResponses } },
        preValidation: noBodyIsEmpty,
      }, async (request) => actOnRecord(ctx(request), { id: request.params.id, action, reason: request.body?.reason }));
    }
  };
}
