import type { Problem } from './types.ts';

/** An error answer from the API (or a failure to reach it), carrying the problem details. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fieldErrors: { field: string; message: string }[];
  /** Seconds from a Retry-After header, when the server sent one. */
  readonly retryAfter: number | undefined;

  constructor(problem: Problem, retryAfter?: number) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.fieldErrors = problem.errors ?? [];
    this.retryAfter = retryAfter;
  }
}

const fallbackTitles: Record<number, string> = {
  400: '请求参数有误',
  401: '尚未登录或登录已失效',
  403: '无权执行此操作',
  404: '请求的资源不存在',
  409: '操作与当前状态冲突',
  429: '请求过于频繁，请稍后再试',
  500: '服务器内部错误，请稍后再试',
  502: '服务暂时不可用，请稍后再试',
  503: '服务暂时不可用，请稍后再试',
};

// The CSRF pair lives in memory only (never in storage): the session provider
// sets it from the login and /me answers.
let csrf: { header: string; token: string } | null = null;

export function setCsrf(value: { header: string; token: string } | null): void {
  csrf = value;
}

/**
 * The CSRF header of the session (empty before sign-in), for writes that do not go through
 * `apiRequest` (the raw evidence upload over XHR).
 */
export function csrfHeaders(): Record<string, string> {
  return csrf ? { [csrf.header]: csrf.token } : {};
}

type Query = Record<string, string | number | null | undefined>;

export type RequestOptions = {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
};

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'title' in value && 'code' in value;
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const body: unknown = await response.json().catch(() => null);
  if (isProblem(body)) return new ApiError({ ...body, status: body.status || response.status }, retryAfter);

  const title = fallbackTitles[response.status] ?? `请求失败（${response.status}）`;
  return new ApiError({ status: response.status, code: `http_${response.status}`, title }, retryAfter);
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  const hasBody = options.body !== undefined;
  if (hasBody) headers['content-type'] = 'application/json';
  if (writeMethods.has(method) && csrf) headers[csrf.header] = csrf.token;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'network_error', title: '无法连接服务器，请检查网络后重试' });
  }

  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;

  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A message a user can act on, for any error a request may throw. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    return error.detail && error.detail !== error.title ? `${error.title}：${error.detail}` : error.title;
  }
  return '操作失败，请稍后再试';
}

/** "N 分钟" or "N 秒" for a wait in seconds. */
export function formatWait(seconds: number): string {
  return seconds >= 60 ? `${Math.ceil(seconds / 60)} 分钟` : `${Math.max(1, seconds)} 秒`;
}
