import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { actorOf } from '../../platform/authentication.ts';
import { IdParams, PageQuery, pageOf, problemResponses } from '../../platform/schemas.ts';
import { createAccount, listAccounts, resetPassword, resetTotp, setAccountDisabled } from './service.ts';

const NullableString = Type.Union([Type.String(), Type.Null()]);

const AccountSummary = Type.Object({
  id: Type.String(),
  username: Type.String(),
  role: Type.String(),
  name: Type.String(),
  orgId: NullableString,
  orgName: NullableString,
  disabled: Type.Boolean(),
  totpEnabled: Type.Boolean({ description: '是否已启用动态验证码' }),
  mustChangePassword: Type.Boolean({ description: '下次登录须修改密码' }),
  lastLoginAt: NullableString,
});

// Accounts in scope (docs/organisations.md "Accounts"); the service decides which accounts.
export const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.get('/api/v1/accounts', {
    schema: {
      tags: ['账户'],
      summary: '账户列表（系统管理员：全部；人社部门：本部门及管辖范围内组织；其他：本组织）',
      querystring: Type.Object({
        ...PageQuery,
        orgId: Type.Optional(Type.String({ maxLength: 64, description: '只看某一组织的账户' })),
        q: Type.Optional(Type.String({ maxLength: 50, description: '用户名或姓名关键字' })),
      }),
      response: { 200: pageOf(AccountSummary), ...problemResponses },
    },
  }, async (request) => listAccounts(deps, {
    actor: actorOf(request), after: request.query.cursor, limit: request.query.limit ?? 20, orgId: request.query.orgId, query: request.query.q,
  }));

  app.post('/api/v1/accounts', {
    schema: {
      tags: ['账户'],
      summary: '新建账户（管辖范围内组织的工作人员；返回临时密码，首次登录须修改）',
      body: Type.Object({
        username: Type.String({ minLength: 3, maxLength: 32, description: '用户名（英文字母开头）' }),
        name: Type.String({ minLength: 2, maxLength: 50, description: '姓名' }),
        orgId: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()], { description: '所属组织；系统管理员账户为 null' }),
      }),
      response: { 201: Type.Object({ id: Type.String(), temporaryPassword: Type.String() }), ...problemResponses },
    },
  }, async (request, reply) => {
    const created = await createAccount(deps, { actor: actorOf(request), ...request.body, requestId: request.id });
    return reply.status(201).send(created);
  });

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

  app.post('/api/v1/accounts/:id/reset-password', {
    schema: {
      tags: ['账户'],
      summary: '重置密码（返回临时密码；其会话立即失效，下次登录须修改密码）',
      params: IdParams,
      response: { 200: Type.Object({ temporaryPassword: Type.String() }), ...problemResponses },
    },
  }, async (request) => resetPassword(deps, { actor: actorOf(request), id: request.params.id, requestId: request.id }));

  app.post('/api/v1/accounts/:id/reset-totp', {
    schema: {
      tags: ['账户'],
      summary: '解除动态验证码（验证器丢失时；其会话立即失效，须重新绑定）',
      params: IdParams,
      response: { 200: Type.Object({ id: Type.String(), totpEnabled: Type.Boolean() }), ...problemResponses },
    },
  }, async (request) => resetTotp(deps, { actor: actorOf(request), id: request.params.id, requestId: request.id }));
};
