import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { actorOf } from '../../platform/authentication.ts';
import { RateLimiter } from '../../platform/rate-limiter.ts';
import { PageQuery, pageOf, problemResponses } from '../../platform/schemas.ts';
import { checkRegistrationBudget, registerOrg } from './registration.ts';
import { providerOf } from './repository.ts';
import { decideRegistration, listForReview } from './review.ts';
import { OrgIdParams, Provider, ReasonBody, RegistrationAnswer, RegistrationFields, ReviewStatusQuery } from './schemas.ts';

// Providers (继续教育基地 / 施教机构): self-registration, filed (备案) by the bureau of their region or
// one above it (Art. 9(3): bases filed by a bureau register their trainees' hours).
export const providerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;
  const limiter = new RateLimiter({ limit: deps.config.registration.ipLimit, windowMs: deps.config.registration.ipWindowMs });

  app.post('/api/v1/provider-registrations', {
    schema: {
      tags: ['单位与施教机构'],
      summary: '施教机构注册（公开；由所在地人社部门备案）',
      body: Type.Object(RegistrationFields),
      response: { 201: RegistrationAnswer, ...problemResponses },
    },
  }, async (request, reply) => {
    checkRegistrationBudget(limiter, request.ip, deps.now());
    const result = await registerOrg(deps, { kind: 'provider', ...request.body, requestId: request.id });
    return reply.status(201).send(result);
  });

  app.get('/api/v1/orgs/providers', {
    schema: {
      tags: ['单位与施教机构'],
      summary: '施教机构列表（人社部门：管辖范围内；系统管理员：全部）',
      querystring: Type.Object({
        ...PageQuery,
        status: Type.Optional(ReviewStatusQuery),
        q: Type.Optional(Type.String({ maxLength: 50, description: '名称关键字或统一社会信用代码（前缀）' })),
      }),
      response: { 200: pageOf(Provider), ...problemResponses },
    },
  }, async (request) => {
    const { rows, nextCursor } = await listForReview(deps, {
      actor: actorOf(request), kind: 'provider', status: request.query.status, query: request.query.q,
      after: request.query.cursor, limit: request.query.limit ?? 20,
    });
    return { items: rows.map(providerOf), nextCursor };
  });

  app.post('/api/v1/orgs/providers/:id/file', {
    schema: { tags: ['单位与施教机构'], summary: '施教机构备案', params: OrgIdParams, response: { 200: Provider, ...problemResponses } },
  }, async (request) =>
    providerOf(await decideRegistration(deps, { actor: actorOf(request), kind: 'provider', id: request.params.id, decision: 'approve', requestId: request.id })),
  );

  app.post('/api/v1/orgs/providers/:id/reject', {
    schema: { tags: ['单位与施教机构'], summary: '施教机构不予备案', params: OrgIdParams, body: ReasonBody, response: { 200: Provider, ...problemResponses } },
  }, async (request) =>
    providerOf(await decideRegistration(deps, {
      actor: actorOf(request), kind: 'provider', id: request.params.id, decision: 'reject', reason: request.body.reason, requestId: request.id,
    })),
  );
};
