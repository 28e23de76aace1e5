import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { policy } from '@jixu/domain';
import Type from 'typebox';
import { AppError } from '../../platform/errors.ts';
import { RateLimiter } from '../../platform/rate-limiter.ts';
import { problemResponses } from '../../platform/schemas.ts';
import { Evaluation, Year, fieldError, validationError } from './schemas.ts';
import type { PolicyStore } from './store.ts';

/** Public, so limited per address: generous for people, a brake on scripted floods. */
export const EVALUATE_LIMIT = { limit: 600, windowMs: 60_000 };

const EvaluateBody = Type.Object({
  year: Year,
  // Validated by the domain (`activityFromApi`), whose messages name each field in Chinese.
  activity: Type.Object({}, { additionalProperties: true, description: '活动，字段见 API.md“Hours calculator”（学时为小数，最多一位）' }),
});

/**
 * API.md "Hours calculator" (学时计算器): `POST /api/v1/policy/evaluate` `{year, activity}` → the hours
 * under the version in force for the year (Art. 16–18), with clause, version and explanation. No
 * login and no database access: the published versions are cached in memory (store.ts).
 */
export function calculatorRoutes(store: PolicyStore): FastifyPluginAsyncTypebox {
  return async (app) => {
    const deps = app.deps;
    const limiter = new RateLimiter(EVALUATE_LIMIT);

    app.post('/api/v1/policy/evaluate', {
      schema: {
        tags: ['学时政策'],
        summary: '学时计算器（公开，无需登录；按地址限流）',
        description: '按该年度适用的政策版本核算一项活动的学时；政策不计学时的活动返回 0 学时及说明，格式错误的活动返回 400 并指明字段。',
        body: EvaluateBody,
        response: { 200: Evaluation, ...problemResponses },
      },
    }, async (request) => {
      const now = deps.now().getTime();
      const wait = limiter.retryAfter(request.ip, now);
      if (wait !== undefined) throw new AppError({ code: 'rate_limited', retryAfterSeconds: wait, detail: `学时计算请求过于频繁，请${wait}秒后再试` });
      limiter.hit(request.ip, now);

      const { year } = request.body;
      const version = await store.forYear(year);
      if (!version) throw fieldError('body.year', `${year}年度没有适用的学时政策`);

      const activity = policy.activityFromApi(request.body.activity, 'body.activity');
      if (!activity.ok) throw validationError(activity.errors);

      const guide = store.guideFor(year);
      const result = policy.evaluate(version, activity.value, guide ? { guide } : {});
      if (!result.ok) throw validationError(result.errors);
      return policy.evaluationToApi(result.value);
    });
  };
}
