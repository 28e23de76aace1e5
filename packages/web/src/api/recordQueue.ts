import type { QueryClient } from '@tanstack/react-query';
import { apiRequest } from './client.ts';
import type { BulkAction, BulkResult, Pending, RecordListQuery, RecordView } from './records.ts';
import type { Page } from './types.ts';

// Typed client of the reviewers' side of the records workflow (docs/records.md "Workflow API"): the
// queue (what waits for the caller, or every record in scope for the spot checks of Art. 11(4)), the
// menu count, bulk decisions and single decisions with their reasons.

const base = '/api/v1';
const enc = encodeURIComponent;

/** Query of GET /records for the reviewers' pages: every filter of the contract. */
export type QueueQuery = RecordListQuery;

/** One answer of a bulk decision: `status` is the HTTP status the single route would have given. */
export type BulkItemResult = BulkResult['results'][number];

/** A decision a reviewer takes on one record. */
export type Decision = 'approve' | 'verify' | 'return' | 'reject' | 'overturn';

/** Decisions that need a written reason (shown to the declarer). */
export const decisionsNeedingReason: ReadonlySet<Decision> = new Set(['return', 'reject', 'overturn']);

export const decisionLabels: Record<Decision, string> = {
  approve: '初审通过',
  verify: '核定',
  return: '退回修改',
  reject: '不予认定',
  overturn: '抽查撤销',
};

/** Everything of the queue pages lives under this key (lists, the menu count). */
export const recordQueueKey = ['record-queue'] as const;
export const recordsPendingKey = [...recordQueueKey, 'pending'] as const;

export const recordQueueApi = {
  list: (query: QueueQuery, signal?: AbortSignal) =>
    apiRequest<Page<RecordView>>('GET', `${base}/records`, { query: { ...query }, signal }),

  pending: (signal?: AbortSignal) => apiRequest<Pending>('GET', `${base}/records/pending`, { signal }),

  bulk: (body: { action: BulkAction; ids: string[]; reason?: string }) =>
    apiRequest<BulkResult>('POST', `${base}/records/bulk`, { body }),

  /** One decision; `reason` is sent (and required by the server) for return, reject and overturn. */
  decide: (id: string, action: Decision, reason?: string) =>
    apiRequest<RecordView>('POST', `${base}/records/${enc(id)}/${action}`, {
      // Always a JSON object: the server refuses a missing body on these routes (400 `body`).
      body: decisionsNeedingReason.has(action) ? { reason: reason ?? '' } : {},
    }),
};

/**
 * After any decision: the queues, the menu count and the record's own queries (detail, history,
 * evidence, whatever key the record pages use) are stale.
 */
export async function invalidateAfterDecision(client: QueryClient): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: recordQueueKey }),
    client.invalidateQueries({ queryKey: ['records'] }),
    client.invalidateQueries({ queryKey: ['record'] }),
    client.invalidateQueries({ queryKey: ['record-history'] }),
  ]);
}

/**
 * After a declarer's own step (declare, edit, submit, resubmit, withdraw, delete): their lists, the
 * record's detail and history, and the menu count (GET /records/pending: a person's returned records,
 * a provider's unsent drafts) are stale. Pass no `recordId` for a deleted record (its detail is gone).
 */
export async function invalidateAfterDeclarerStep(client: QueryClient, recordId?: string | null): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: recordsPendingKey }),
    client.invalidateQueries({ queryKey: recordQueueKey }),
    client.invalidateQueries({ queryKey: ['records'] }),
    ...(recordId
      ? [
          client.invalidateQueries({ queryKey: ['record', recordId] }),
          client.invalidateQueries({ queryKey: ['record-history', recordId] }),
        ]
      : []),
  ]);
}

const dayMs = 24 * 60 * 60 * 1000;

/** Whole days the record has been in its state (its queue age); null when the server did not say. */
export function daysInState(record: Pick<RecordView, 'stateSince' | 'updatedAt'>, now = Date.now()): number | null {
  const since = record.stateSince ?? null;
  if (!since) return null;
  const at = Date.parse(since);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.floor((now - at) / dayMs));
}

/** Over this many days an item is overdue (the reminders of docs/records.md use the same 7). */
export const overdueDays = 7;
