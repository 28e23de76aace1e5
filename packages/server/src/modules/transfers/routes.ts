import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { actorOf } from '../../platform/authentication.ts';
import { IdParams, PageQuery, problemResponses } from '../../platform/schemas.ts';
import { acceptTransfer, cancelMyTransfer, listMyTransfers, listUnitTransfers, rejectTransfer, requestTransfer } from './service.ts';

const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const UnitRef = Type.Object({ id: Type.String(), name: Type.String() });
const TransferStatus = Type.Union(['pending', 'accepted', 'rejected', 'cancelled'].map((s) => Type.Literal(s)));

const Transfer = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  personName: Type.String(),
  maskedIdNumber: Type.String({ description: '脱敏身份证号' }),
  fromUnit: UnitRef,
  toUnit: UnitRef,
  department: Nullable(Type.String({ description: '调入后的科室/部门' })),
  status: TransferStatus,
  requestedAt: Type.String({ format: 'date-time' }),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
  reason: Nullable(Type.String()),
});

export const transferRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.post('/api/v1/me/transfers', {
    schema: {
      tags: ['调动'],
      summary: '申请调动到新单位（注册已通过的人员）',
      body: Type.Object({ toUnitId: Type.String({ minLength: 1, maxLength: 64 }), department: Type.Optional(Type.String({ maxLength: 50 })) }),
      response: { 201: Type.Object({ id: Type.String(), status: Type.Literal('pending') }), ...problemResponses },
    },
  }, async (request, reply) => {
    const result = await requestTransfer(deps, { actor: actorOf(request), ...request.body, requestId: request.id });
    return reply.status(201).send(result);
  });

  app.get('/api/v1/me/transfers', {
    schema: { tags: ['调动'], summary: '我的调动申请（新的在前）', response: { 200: Type.Object({ items: Type.Array(Transfer) }), ...problemResponses } },
  }, async (request) => listMyTransfers(deps, actorOf(request)));

  app.post('/api/v1/me/transfers/:id/cancel', {
    schema: { tags: ['调动'], summary: '撤销待处理的调动申请', params: IdParams, response: { 200: Transfer, ...problemResponses } },
  }, async (request) => cancelMyTransfer(deps, { actor: actorOf(request), id: request.params.id, requestId: request.id }));

  app.get('/api/v1/transfers', {
    schema: {
      tags: ['调动'],
      summary: '本单位的调动申请（incoming：申请调入；outgoing：申请调出）',
      querystring: Type.Object({
        ...PageQuery,
        direction: Type.Optional(Type.Union([Type.Literal('incoming'), Type.Literal('outgoing')])),
        status: Type.Optional(TransferStatus),
      }),
      response: { 200: Type.Object({ items: Type.Array(Transfer), nextCursor: Nullable(Type.String()) }), ...problemResponses },
    },
  }, async (request) => listUnitTransfers(deps, {
    actor: actorOf(request), direction: request.query.direction, status: request.query.status as 'pending' | undefined,
    cursor: request.query.cursor, limit: request.query.limit ?? 20,
  }));

  app.post('/api/v1/transfers/:id/accept', {
    schema: { tags: ['调动'], summary: '同意调入（新单位；原单位收到通知）', params: IdParams, response: { 200: Transfer, ...problemResponses } },
  }, async (request) => acceptTransfer(deps, { actor: actorOf(request), id: request.params.id, requestId: request.id }));

  app.post('/api/v1/transfers/:id/reject', {
    schema: {
      tags: ['调动'],
      summary: '不同意调入（须填写原因）',
      params: IdParams,
      body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 200 }) }),
      response: { 200: Transfer, ...problemResponses },
    },
  }, async (request) => rejectTransfer(deps, { actor: actorOf(request), id: request.params.id, reason: request.body.reason, requestId: request.id }));
};
