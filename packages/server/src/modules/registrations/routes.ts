import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../platform/authentication.ts';
import { AppError } from '../../platform/errors.ts';
import { RateLimiter } from '../../platform/rate-limiter.ts';
import { IdParams, problemResponses } from '../../platform/schemas.ts';
import { decideRegistration, decideRegistrations, listRegistrationQueue } from './decisions.ts';
import {
  BulkBody, BulkResult, Decision, MyRegistration, Queue, QueueQuery, RegistrationBody, RejectBody, ResubmitBody, Submitted,
} from './schemas.ts';
import { getMyRegistration, resubmitMyRegistration, submitRegistration, withdrawMyRegistration } from './service.ts';

// Public registration creates accounts and costs a password hash: at most 20 per address per 10
// minutes (in process memory, like the login limit), answered with 429 and Retry-After.
const REGISTRATION_LIMIT = { limit: 20, windowMs: 10 * 60_000 };

export const registrationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;
  const limiter = new RateLimiter(REGISTRATION_LIMIT);

  app.post('/api/v1/registrations', {
    schema: {
      tags: ['注册'],
      summary: '个人注册（公开；待所在单位审核，注册后即可用身份证号登录查看进度）',
      body: RegistrationBody,
      response: { 201: Submitted, ...problemResponses },
    },
    preValidation: async (request) => {
      const now = deps.now().getTime();
      const retryAfterSeconds = limiter.retryAfter(request.ip, now);
      if (retryAfterSeconds !== undefined) throw new AppError({ code: 'rate_limited', retryAfterSeconds });
      limiter.hit(request.ip, now);
    },
  }, async (request, reply) => {
    const result = await submitRegistration(deps, request.body, request.id);
    return reply.status(201).send(result);
  });

  app.get('/api/v1/me/registration', {
    schema: { tags: ['注册'], summary: '我的注册进度与历史', response: { 200: MyRegistration, ...problemResponses } },
  }, async (request) => getMyRegistration(deps, actorOf(request)));

  app.post('/api/v1/me/registration/withdraw', {
    schema: { tags: ['注册'], summary: '撤回待审核的注册', response: { 200: MyRegistration, ...problemResponses } },
  }, async (request) => withdrawMyRegistration(deps, actorOf(request), request.id));

  app.post('/api/v1/me/registration/resubmit', {
    schema: { tags: ['注册'], summary: '重新选择单位提交注册（已撤回或未通过的）', body: ResubmitBody, response: { 200: MyRegistration, ...problemResponses } },
  }, async (request) => resubmitMyRegistration(deps, actorOf(request), request.body, request.id));

  app.get('/api/v1/registrations', {
    schema: {
      tags: ['注册'],
      summary: '注册审核队列（单位：本单位的；人社部门：范围内等待超过 7 天的）',
      querystring: QueueQuery,
      response: { 200: Queue, ...problemResponses },
    },
  }, async (request) => listRegistrationQueue(deps, { actor: actorOf(request), ...request.query, limit: request.query.limit ?? 20 }));

  app.post('/api/v1/registrations/:id/approve', {
    schema: { tags: ['注册'], summary: '通过注册（分配证书管理号码）', params: IdParams, response: { 200: Decision, ...problemResponses } },
  }, async (request) => decideRegistration(deps, { actor: actorOf(request), id: request.params.id, decision: 'approve', requestId: request.id }));

  app.post('/api/v1/registrations/:id/reject', {
    schema: { tags: ['注册'], summary: '不通过注册（须填写原因）', params: IdParams, body: RejectBody, response: { 200: Decision, ...problemResponses } },
  }, async (request) => decideRegistration(deps, {
    actor: actorOf(request), id: request.params.id, decision: 'reject', reason: request.body.reason, requestId: request.id,
  }));

  app.post('/api/v1/registrations/bulk', {
    schema: {
      tags: ['注册'],
      summary: '批量通过或不通过注册（每人单独成败）',
      body: BulkBody,
      response: { 200: BulkResult, ...problemResponses },
    },
  }, async (request) => decideRegistrations(deps, {
    actor: actorOf(request), decision: request.body.action, personIds: request.body.personIds, reason: request.body.reason, requestId: request.id,
  }));
};
