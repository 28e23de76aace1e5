import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { actorOf } from '../../platform/authentication.ts';
import { RateLimiter } from '../../platform/rate-limiter.ts';
import { PageQuery, pageOf, problemResponses } from '../../platform/schemas.ts';
import { checkRegistrationBudget, registerOrg } from './registration.ts';
import { unitOf } from './repository.ts';
import { decideRegistration, listForReview } from './review.ts';
import { OrgIdParams, ReasonBody, RegistrationAnswer, RegistrationFields, ReviewStatusQuery, Unit } from './schemas.ts';

// Units (用人单位): self-registration, and review by the bureau of their region or one above it.
export const unitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;
  const limiter = new RateLimiter({ limit: deps.config.registration.ipLimit, windowMs: deps.config.registration.ipWindowMs });

  app.post('/api/v1/unit-registrations', {
    schema: {
      tags: ['单位与施教机构'],
      summary: '单位注册（公开；由所在地人社部门审核，管理员账户随即可登录查看进度）',
      body: Type.Object({
        ...RegistrationFields,
        authorityId: Type.String({ minLength: 1, maxLength: 64, description: '行业主管部门' }),
        address: Type.Optional(Type.String({ maxLength: 200, description: '地址' })),
      }),
      response: { 201: RegistrationAnswer, ...problemResponses },
    },
  }, async (request, reply) => {
    checkRegistrationBudget(limiter, request.ip, deps.now());
    const result = await registerOrg(deps, { kind: 'unit', ...request.body, requestId: request.id });
    return reply.status(201).send(result);
  });

  app.get('/api/v1/orgs/units', {
    schema: {
      tags: ['单位与施教机构'],
      summary: '单位列表（人社部门：管辖范围内；系统管理员：全部）',
      querystring: Type.Object({
        ...PageQuery,
        status: Type.Optional(ReviewStatusQuery),
        q: Type.Optional(Type.String({ maxLength: 50, description: '名称关键字或统一社会信用代码（前缀）' })),
      }),
      response: { 200: pageOf(Unit), ...problemResponses },
    },
  }, async (request) => {
    const { rows, nextCursor } = await listForReview(deps, {
      actor: actorOf(request), kind: 'unit', status: request.query.status, query: request.query.q,
      after: request.query.cursor, limit: request.query.limit ?? 20,
    });
    return { items: rows.map(unitOf), nextCursor };
  });

  app.post('/api/v1/orgs/units/:id/approve', {
    schema: { tags: ['单位与施教机构'], summary: '通过单位注册', params: OrgIdParams, response: { 200: Unit, ...problemResponses } },
  }, async (request) =>
    unitOf(await decideRegistration(deps, { actor: actorOf(request), kind: 'unit', id: request.params.id, decision: 'approve', requestId: request.id })),
  );

  app.post('/api/v1/orgs/units/:id/reject', {
    schema: { tags: ['单位与施教机构'], summary: '不予通过单位注册', params: OrgIdParams, body: ReasonBody, response: { 200: Unit, ...problemResponses } },
  }, async (request) =>
    unitOf(await decideRegistration(deps, {
      actor: actorOf(request), kind: 'unit', id: request.params.id, decision: 'reject', reason: request.body.reason, requestId: request.id,
    })),
  );
};
