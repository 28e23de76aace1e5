import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { actorOf } from '../../platform/authentication.ts';
import { RateLimiter } from '../../platform/rate-limiter.ts';
import { NoContent, problemResponses } from '../../platform/schemas.ts';
import { disableTotp, enableTotp, setupTotp } from './service.ts';

const TotpSetup = Type.Object({
  secret: Type.String({ description: 'base32 密钥（无法扫码时手动输入）' }),
  otpauthUri: Type.String({ description: 'otpauth://totp/… 链接' }),
  qrSvg: Type.String({ description: '二维码（SVG）' }),
});

const CodeBody = Type.Object({
  code: Type.String({ pattern: '^[0-9]{6}$', description: '验证器显示的 6 位动态验证码' }),
});

// Second factor (RFC 6238) of bureau and authority accounts: docs/organisations.md "Second factor".
export const totpRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;
  // 5 wrong codes per account in 5 minutes, then 429: 10^6 codes are too few to allow guessing.
  const limiter = new RateLimiter({ limit: 5, windowMs: 5 * 60_000 });

  app.post('/api/v1/me/totp/setup', {
    schema: {
      tags: ['认证'],
      summary: '获取动态验证码密钥与二维码（人社部门、行业主管部门账户）',
      response: { 200: TotpSetup, ...problemResponses },
    },
  }, async (request) => setupTotp(deps, { actor: actorOf(request), requestId: request.id }));

  app.post('/api/v1/me/totp/enable', {
    schema: {
      tags: ['认证'],
      summary: '以一个动态验证码确认并启用双因素认证',
      body: CodeBody,
      response: { 204: NoContent, ...problemResponses },
    },
  }, async (request, reply) => {
    await enableTotp(deps, { actor: actorOf(request), code: request.body.code, requestId: request.id, limiter });
    return reply.status(204).send(null);
  });

  app.post('/api/v1/me/totp/disable', {
    schema: {
      tags: ['认证'],
      summary: '以一个动态验证码停用双因素认证',
      body: CodeBody,
      response: { 204: NoContent, ...problemResponses },
    },
  }, async (request, reply) => {
    await disableTotp(deps, { actor: actorOf(request), code: request.body.code, requestId: request.id, limiter });
    return reply.status(204).send(null);
  });
};
