import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { actorOf } from '../../platform/authentication.ts';
import { IdParams, NoContent, PageQuery, problemResponses } from '../../platform/schemas.ts';
import { listMyNotifications, markNotificationRead } from './service.ts';

const Notification = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  kind: Type.String({ description: 'registration.overdue / registration.approved / transfer.completed …' }),
  title: Type.String(),
  body: Type.String(),
  read: Type.Boolean(),
});

export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.get('/api/v1/me/notifications', {
    schema: {
      tags: ['通知'],
      summary: '我的通知（新的在前；单位账户为本单位的通知）',
      querystring: Type.Object({ ...PageQuery, unread: Type.Optional(Type.Boolean({ description: 'true：只列未读' })) }),
      response: {
        200: Type.Object({ items: Type.Array(Notification), nextCursor: Type.Union([Type.String(), Type.Null()]), unreadCount: Type.Integer() }),
        ...problemResponses,
      },
    },
  }, async (request) => listMyNotifications(deps, {
    actor: actorOf(request), unread: request.query.unread === true, cursor: request.query.cursor, limit: request.query.limit ?? 20,
  }));

  app.post('/api/v1/me/notifications/:id/read', {
    schema: { tags: ['通知'], summary: '标记通知为已读', params: IdParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await markNotificationRead(deps, { actor: actorOf(request), id: request.params.id });
    return reply.status(204).send(null);
  });
};
