import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { actorOf } from '../../platform/authentication.ts';
import { IdParams, PageQuery, pageOf, problemResponses } from '../../platform/schemas.ts';
import { listAccounts, setAccountDisabled } from './service.ts';

const AccountSummary = Type.Object({
  id: Type.String(),
  username: Type.String(),
  role: Type.String(),
  name: Type.String(),
  orgName: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
});

export const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.get('/api/v1/accounts', {
    schema: {
      tags: ['账户'],
      summary: '账户列表（系统管理员）',
      querystring: Type.Object(PageQuery),
      response: { 200: pageOf(AccountSummary), ...problemResponses },
    },
  }, async (request) => listAccounts(deps, { actor: actorOf(request), after: request.query.cursor, limit: request.query.limit ?? 20 }));

  for (const action of ['disable', 'enable'] as const) {
    app.post(`/api/v1/accounts/:id/${action}`, {
      schema: {
        tags: ['账户'],
        summary: action === 'disable' ? '停用账户（其会话立即失效）' : '启用账户',
        params: IdParams,
        response: { 200: Type.Object({ id: Type.String(), disabled: Type.Boolean() }), ...problemResponses },
      },
    }, async (request) =>
      setAccountDisabled(deps, { actor: actorOf(request), id: request.params.id, disabled: action === 'disable', requestId: request.id }),
    );
  }
};
