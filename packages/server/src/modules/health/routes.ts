import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { problemResponses } from '../../platform/schemas.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** False once shutdown began: load balancers stop sending before in-flight requests finish. */
    readiness: { ready: boolean };
  }
}

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/v1/health', {
    schema: {
      tags: ['运维'],
      summary: '健康检查（数据库已迁移且可服务时为 ok；停机过程中为 503）',
      response: { 200: Type.Object({ status: Type.Literal('ok') }), ...problemResponses, 503: Type.Ref('Problem') },
    },
  }, async () => {
    if (!app.readiness.ready) throw new AppError({ code: 'service_unavailable', detail: '服务正在停止' });
    return { status: 'ok' as const };
  });
};
