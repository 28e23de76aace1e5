import type { FastifyError, FastifyInstance } from 'fastify';

// Domain and service errors carry a stable code; they are mapped to RFC 9457 problem+json in one
// place (the error handler below). Messages are Chinese and must never contain personal data.
export type ErrorCode =
  | 'validation_failed'
  | 'invalid_credentials'
  | 'totp_required'
  | 'totp_enrolment_required'
  | 'account_locked'
  | 'rate_limited'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'conflict'
  | 'duplicate_claim'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'password_policy'
  | 'service_unavailable'
  | 'internal_error';

const statusOf: Record<ErrorCode, number> = {
  validation_failed: 400,
  password_policy: 400,
  invalid_credentials: 401,
  totp_required: 401,
  totp_enrolment_required: 403,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  duplicate_claim: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  account_locked: 429,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
};

const titleOf: Record<ErrorCode, string> = {
  validation_failed: '提交的数据不符合要求',
  password_policy: '密码不符合安全要求',
  invalid_credentials: '用户名或密码错误',
  totp_required: '请输入动态验证码',
  totp_enrolment_required: '请先绑定动态验证码（双因素认证）',
  unauthenticated: '请先登录',
  forbidden: '没有权限执行此操作',
  csrf_failed: '请求校验失败，请刷新页面后重试',
  not_found: '未找到该资源',
  conflict: '数据已被他人修改，请刷新后重试',
  duplicate_claim: '该成果已登记过，不能重复计算学时',
  payload_too_large: '提交的内容过大',
  unsupported_media_type: '不支持的内容类型',
  account_locked: '登录失败次数过多，账户已暂时锁定',
  rate_limited: '请求过于频繁，请稍后再试',
  internal_error: '系统内部错误，请稍后再试',
  service_unavailable: '系统正在维护，请稍后再试',
};

export type FieldError = { field: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(options: { code: ErrorCode; detail?: string; errors?: FieldError[]; retryAfterSeconds?: number }) {
    super(options.detail ?? titleOf[options.code]);
    this.name = 'AppError';
    this.code = options.code;
    this.detail = options.detail;
    this.errors = options.errors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return statusOf[this.code];
  }
}

export const notFound = (detail?: string) => new AppError({ code: 'not_found', ...(detail ? { detail } : {}) });
export const conflict = (detail?: string) => new AppError({ code: 'conflict', ...(detail ? { detail } : {}) });
export const forbidden = (detail?: string) => new AppError({ code: 'forbidden', ...(detail ? { detail } : {}) });

export type Problem = {
  type: string;
  status: number;
  code: ErrorCode;
  title: string;
  detail?: string;
  errors?: FieldError[];
  requestId?: string;
};

export function problemOf(error: AppError, requestId?: string): Problem {
  return {
    type: `https://jixu.example/problems/${error.code}`,
    status: error.status,
    code: error.code,
    title: titleOf[error.code],
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

type AjvError = { keyword: string; instancePath: string; params: Record<string, unknown>; message?: string };

const typeNames: Record<string, string> = {
  string: '字符串', number: '数字', integer: '整数', boolean: '布尔值', object: '对象', array: '数组', null: '空值',
};

/** Chinese message for one JSON-schema violation. The value itself is never echoed (it may be personal data). */
function messageOf(e: AjvError): string {
  const p = e.params;
  switch (e.keyword) {
    case 'required': return '必填字段缺失';
    case 'type': return `类型应为${String(p.type).split(',').map((t) => typeNames[t] ?? t).join('或')}`;
    case 'minLength': return `长度不能少于 ${String(p.limit)} 个字符`;
    case 'maxLength': return `长度不能超过 ${String(p.limit)} 个字符`;
    case 'minimum': return `不能小于 ${String(p.limit)}`;
    case 'maximum': return `不能大于 ${String(p.limit)}`;
    case 'exclusiveMinimum': return `必须大于 ${String(p.limit)}`;
    case 'exclusiveMaximum': return `必须小于 ${String(p.limit)}`;
    case 'minItems': return `至少需要 ${String(p.limit)} 项`;
    case 'maxItems': return `最多 ${String(p.limit)} 项`;
    case 'pattern': return '格式不正确';
    case 'format': return `格式不正确（应为 ${String(p.format)}）`;
    case 'enum': case 'const': return '取值不在允许范围内';
    case 'additionalProperties': return '包含不允许的字段';
    case 'multipleOf': return '数值精度不符合要求';
    default: return '取值不符合要求';
  }
}

const contextNames: Record<string, string> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };

export function fieldErrorsOf(validation: AjvError[], context: string | undefined): FieldError[] {
  const prefix = contextNames[context ?? 'body'] ?? 'body';
  return validation.map((e) => {
    const segments = e.instancePath.split('/').filter(Boolean).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (e.keyword === 'required' && typeof e.params.missingProperty === 'string') segments.push(e.params.missingProperty);
    if (e.keyword === 'additionalProperties' && typeof e.params.additionalProperty === 'string') segments.push(e.params.additionalProperty);
    return { field: [prefix, ...segments].join('.'), message: messageOf(e) };
  });
}

/** Maps Fastify's own errors (bad JSON, wrong media type, too large) to our codes. */
function appErrorOfFastify(error: FastifyError): AppError | undefined {
  if (error.validation) {
    return new AppError({
      code: 'validation_failed',
      errors: fieldErrorsOf(error.validation as unknown as AjvError[], error.validationContext),
    });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError({ code: 'validation_failed', detail: '请求体不是有效的 JSON', errors: [{ field: 'body', message: '不是有效的 JSON' }] });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError({ code: 'payload_too_large' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError({ code: 'unsupported_media_type' });
    default:
      break;
  }
  if (error.statusCode === 400) return new AppError({ code: 'validation_failed', detail: '请求格式不正确' });
  if (error.statusCode === 404) return new AppError({ code: 'not_found' });
  if (error.statusCode === 413) return new AppError({ code: 'payload_too_large' });
  if (error.statusCode === 415) return new AppError({ code: 'unsupported_media_type' });
  if (error.statusCode === 503) return new AppError({ code: 'service_unavailable' });
  return undefined;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = error instanceof AppError ? error : appErrorOfFastify(error);
    // 5xx bodies reveal nothing: the details go to the log under the request id only.
    const known = appError ?? new AppError({ code: 'internal_error' });
    if (known.status >= 500) request.log.error({ err: error }, 'request failed');
    if (known.retryAfterSeconds !== undefined) void reply.header('retry-after', String(known.retryAfterSeconds));
    return reply
      .status(known.status)
      .type('application/problem+json; charset=utf-8')
      .send(problemOf(known, request.id));
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).type('application/problem+json; charset=utf-8').send(problemOf(notFound('接口不存在'), request.id)),
  );
}
