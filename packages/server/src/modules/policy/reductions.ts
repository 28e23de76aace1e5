import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { actorOf } from '../../platform/authentication.ts';
import { IdParams, PageQuery, pageOf, problemResponses } from '../../platform/schemas.ts';
import { declareLeavePeriod, decideLeave, leaveOfPerson, leaveQueue } from './reductions-service.ts';
import { DateText } from './schemas.ts';
import type { PolicyStore } from './store.ts';

const LeaveKind = Type.Union([Type.Literal('abroad'), Type.Literal('sick_leave'), Type.Literal('maternity_leave'), Type.Literal('other_approved')], {
  description: 'abroad 出国（境）工作 8(1) / sick_leave 病休 8(2) / maternity_leave 产假 8(3) / other_approved 主管部门批准的其他情形 8(4)',
});
const LeaveState = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')], { description: 'pending 待审批 / approved 已批准 / rejected 未批准' });

const LeavePeriod = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  personName: Type.String(),
  kind: LeaveKind,
  clause: Type.String({ description: '第 8 条的款项' }),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  proofNote: Type.String({ description: '证明材料说明' }),
  state: LeaveState,
  declaredAt: Type.String(),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
});

/** Art. 8 reductions: leave periods declared with proof and approved by the person's unit. */
export function reductionRoutes(store: PolicyStore): FastifyPluginAsyncTypebox {
  return async (app) => {
    const deps = app.deps;

    app.post('/api/v1/persons/:id/leave-periods', {
      schema: {
        tags: ['学时减免'],
        summary: '申报学时减免期间（本人或所在单位；待单位审批）',
        params: IdParams,
        body: Type.Object({
          kind: LeaveKind,
          from: DateText('开始日期'),
          to: DateText('结束日期（含）'),
          proofNote: Type.String({ minLength: 1, maxLength: 500, description: '证明材料说明' }),
        }),
        response: { 201: LeavePeriod, ...problemResponses },
      },
    }, async (request, reply) => {
      const created = await declareLeavePeriod(deps, store, { actor: actorOf(request), personId: request.params.id, ...request.body, requestId: request.id });
      return reply.status(201).send(created);
    });

    app.get('/api/v1/persons/:id/leave-periods', {
      schema: {
        tags: ['学时减免'],
        summary: '某人的学时减免期间（范围外 404）',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(LeavePeriod) }), ...problemResponses },
      },
    }, async (request) => leaveOfPerson(deps, { actor: actorOf(request), personId: request.params.id }));

    app.get('/api/v1/leave-periods', {
      schema: {
        tags: ['学时减免'],
        summary: '管辖范围内的学时减免申请（单位据此审批）',
        querystring: Type.Object({ ...PageQuery, state: Type.Optional(LeaveState) }),
        response: { 200: pageOf(LeavePeriod), ...problemResponses },
      },
    }, async (request) =>
      leaveQueue(deps, { actor: actorOf(request), state: request.query.state, after: request.query.cursor, limit: request.query.limit ?? 20 }),
    );

    app.post('/api/v1/leave-periods/:id/approve', {
      schema: {
        tags: ['学时减免'],
        summary: '批准学时减免（所在单位）',
        params: IdParams,
        response: { 200: LeavePeriod, ...problemResponses },
      },
    }, async (request) => decideLeave(deps, { actor: actorOf(request), id: request.params.id, decision: 'approved', reason: null, requestId: request.id }));

    app.post('/api/v1/leave-periods/:id/reject', {
      schema: {
        tags: ['学时减免'],
        summary: '不予批准学时减免（所在单位，须说明理由）',
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }),
        response: { 200: LeavePeriod, ...problemResponses },
      },
    }, async (request) =>
      decideLeave(deps, { actor: actorOf(request), id: request.params.id, decision: 'rejected', reason: request.body.reason, requestId: request.id }),
    );
  };
}
