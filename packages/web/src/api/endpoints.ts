import { apiRequest } from './client.ts';
import type { Account, AuditEvent, Page, PersonDetail, PersonSummary, Session } from './types.ts';

const base = '/api/v1';

export type PageQuery = { limit?: number; cursor?: string | null };

export const api = {
  login: (body: { username: string; password: string; totpCode?: string }) => apiRequest<Session>('POST', `${base}/auth/login`, { body }),

  logout: () => apiRequest<void>('POST', `${base}/auth/logout`),

  me: (signal?: AbortSignal) => apiRequest<Session>('GET', `${base}/me`, { signal }),

  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    apiRequest<void>('POST', `${base}/me/password`, { body }),

  listPersons: (query: PageQuery & { q?: string }, signal?: AbortSignal) =>
    apiRequest<Page<PersonSummary>>('GET', `${base}/persons`, { query, signal }),

  getPerson: (id: string, signal?: AbortSignal) =>
    apiRequest<PersonDetail>('GET', `${base}/persons/${encodeURIComponent(id)}`, { signal }),

  listAccounts: (query: PageQuery & { q?: string; orgId?: string }, signal?: AbortSignal) =>
    apiRequest<Page<Account>>('GET', `${base}/accounts`, { query, signal }),

  setAccountDisabled: (id: string, disabled: boolean) =>
    apiRequest<{ id: string; disabled: boolean }>(
      'POST',
      `${base}/accounts/${encodeURIComponent(id)}/${disabled ? 'disable' : 'enable'}`,
    ),

  createAccount: (body: { username: string; name: string; orgId: string | null }) =>
    apiRequest<{ id: string; temporaryPassword: string }>('POST', `${base}/accounts`, { body }),

  resetAccountTotp: (id: string) =>
    apiRequest<{ id: string; totpEnabled: boolean }>('POST', `${base}/accounts/${encodeURIComponent(id)}/reset-totp`),

  resetAccountPassword: (id: string) =>
    apiRequest<{ temporaryPassword: string }>('POST', `${base}/accounts/${encodeURIComponent(id)}/reset-password`),

  listAuditEvents: (query: PageQuery, signal?: AbortSignal) =>
    apiRequest<Page<AuditEvent>>('GET', `${base}/audit/events`, { query, signal }),

  health: () => apiRequest<{ status: 'ok' }>('GET', `${base}/health`),
};
