import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { actorOf } from '../../platform/authentication.ts';
import { AppError } from '../../platform/errors.ts';
import { PageQuery, pageOf, problemResponses } from '../../platform/schemas.ts';

const AuditEvent = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actorName: Type.Union([Type.String(), Type.Null()]),
  role: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  objectType: Type.String(),
  objectId: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
});

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.handle;

  app.get('/api/v1/audit/events', {
    schema: {
      tags: ['审计'],
      summary: '审计事件（新的在前）',
      querystring: Type.Object({ ...PageQuery, cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })) }),
      response: { 200: pageOf(AuditEvent), ...problemResponses },
    },
  }, async (request) => {
    const actor = actorOf(request);
    // The whole platform's trail: the operator and the provincial bureau only (matrix), checked again here.
    if (actor.scope.kind !== 'platform' && actor.scope.kind !== 'province') throw new AppError({ code: 'forbidden' });
    const limit = request.query.limit ?? 20;
    let q = db
      .selectFrom('audit_events as e')
      .leftJoin('accounts as a', 'a.id', 'e.actor_account_id')
      .select(['e.id', 'e.at', 'a.name as actor_name', 'e.actor_role', 'e.action', 'e.object_type', 'e.object_id', 'e.request_id'])
      .orderBy('e.id', 'desc')
      .limit(limit + 1);
    if (request.query.cursor) q = q.where('e.id', '<', Number(request.query.cursor));
    const rows = await q.execute();
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        id: String(r.id), at: r.at, actorName: r.actor_name, role: r.actor_role, action: r.action,
        objectType: r.object_type, objectId: r.object_id, requestId: r.request_id,
      })),
      nextCursor: rows.length > limit ? String(page.at(-1)?.id) : null,
    };
  });
};
