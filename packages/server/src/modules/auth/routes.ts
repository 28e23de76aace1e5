import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { actorOf } from '../../platform/authentication.ts';
import { publicScopeOf, type Actor } from '../../platform/actor.ts';
import { RateLimiter } from '../../platform/rate-limiter.ts';
import { NoContent, problemResponses } from '../../platform/schemas.ts';
import { changePassword, CSRF_HEADER, login, logout, SESSION_COOKIE, type SessionTotp } from './service.ts';

const Scope = Type.Object({
  level: Type.String({ description: 'platform / province / city / county / authority / unit / provider / person' }),
  orgId: Type.Optional(Type.String()),
  orgName: Type.Optional(Type.String()),
  regionCode: Type.Optional(Type.String()),
});

const User = Type.Object({
  id: Type.String(),
  username: Type.String({ description: '用户名；个人用户为脱敏后的身份证号' }),
  role: Type.Union(['person', 'unit', 'provider', 'authority', 'bureau', 'admin'].map((r) => Type.Literal(r))),
  name: Type.String(),
  scope: Scope,
  personId: Type.Optional(Type.String()),
  certificateNumber: Type.Optional(Type.String()),
  totpEnabled: Type.Boolean({ description: '是否已启用动态验证码（双因素认证）' }),
});

const SessionInfo = Type.Object({
  user: User,
  csrfHeader: Type.String({ description: '写操作须携带的 CSRF 请求头名称' }),
  csrfToken: Type.String(),
  mustChangePassword: Type.Boolean(),
  mustEnrolTotp: Type.Boolean({ description: 'JIXU_REQUIRE_2FA：须先绑定动态验证码，此前只能访问本人信息、密码与动态验证码接口' }),
});

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;
  const ipLimiter = new RateLimiter({ limit: deps.config.login.ipLimit, windowMs: deps.config.login.ipWindowMs });

  const userOf = async (actor: Actor, totp: SessionTotp) => {
    let certificateNumber: string | null = null;
    if (actor.personId) {
      const person = await deps.handle.db.selectFrom('persons').select('certificate_number').where('id', '=', actor.personId).executeTakeFirst();
      certificateNumber = person?.certificate_number ?? null;
    }
    return {
      id: actor.accountId,
      username: actor.username,
      role: actor.role,
      name: actor.name,
      scope: publicScopeOf(actor),
      ...(actor.personId ? { personId: actor.personId } : {}),
      ...(certificateNumber ? { certificateNumber } : {}),
      totpEnabled: totp.enabled,
    };
  };

  app.post('/api/v1/auth/login', {
    schema: {
      tags: ['认证'],
      summary: '登录（个人用户以身份证号为用户名）',
      body: Type.Object({
        username: Type.String({ minLength: 1, maxLength: 64 }),
        password: Type.String({ minLength: 1, maxLength: 128 }),
        totpCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: '动态验证码（已启用双因素认证的账户）' })),
      }),
      response: { 200: SessionInfo, ...problemResponses },
    },
  }, async (request, reply) => {
    const result = await login(deps, { ...request.body, ip: request.ip, requestId: request.id, ipLimiter });
    void reply.setCookie(SESSION_COOKIE, result.sessionId, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.session.cookieSecure,
    });
    return {
      user: await userOf(result.actor, result.totp),
      csrfHeader: CSRF_HEADER,
      csrfToken: result.csrfToken,
      mustChangePassword: result.actor.mustChangePassword,
      mustEnrolTotp: result.totp.mustEnrol,
    };
  });

  app.post('/api/v1/auth/logout', {
    schema: { tags: ['认证'], summary: '退出登录', response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await logout(deps, { sessionId: request.sessionId ?? '', actor: actorOf(request), requestId: request.id });
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/api/v1/me', {
    schema: { tags: ['认证'], summary: '当前用户', response: { 200: SessionInfo, ...problemResponses } },
  }, async (request) => {
    const actor = actorOf(request);
    const totp = request.totp ?? { enabled: false, mustEnrol: false };
    return {
      user: await userOf(actor, totp), csrfHeader: CSRF_HEADER, csrfToken: request.csrfToken ?? '',
      mustChangePassword: actor.mustChangePassword, mustEnrolTotp: totp.mustEnrol,
    };
  });

  app.post('/api/v1/me/password', {
    schema: {
      tags: ['认证'],
      summary: '修改本人密码（其他会话随之失效）',
      body: Type.Object({
        currentPassword: Type.String({ minLength: 1, maxLength: 128 }),
        newPassword: Type.String({ minLength: 1, maxLength: 128 }),
      }),
      response: { 204: NoContent, ...problemResponses },
    },
  }, async (request, reply) => {
    await changePassword(deps, { actor: actorOf(request), sessionId: request.sessionId ?? '', ...request.body, requestId: request.id });
    return reply.status(204).send(null);
  });
};
