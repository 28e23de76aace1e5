import { createHash } from 'node:crypto';
import { canonicalJson } from '@jixu/domain';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

// Art. 15: every change of state is an event (who, what, when, digest of before and after), written
// in the same transaction as the change. The table refuses UPDATE and DELETE by trigger.
/** The actor as the audit trail names it (an Actor fits; so does an account that is just logging in). */
export type AuditActor = { accountId: string; kind: string };
export type AuditContext = { actor: AuditActor | null; requestId: string | null; now: Date };

/** SHA-256 of the RFC 8785 canonical JSON: the event proves what the state was without copying it. */
export const digestOf = (state: unknown): string | null =>
  state === undefined || state === null ? null : createHash('sha256').update(canonicalJson(state)).digest('hex');

export async function recordEvent(
  trx: Transaction<Database> | Db,
  ctx: AuditContext,
  event: { action: string; objectType: string; objectId: string | null; before?: unknown; after?: unknown },
): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values({
      at: ctx.now.toISOString(),
      actor_account_id: ctx.actor?.accountId ?? null,
      actor_role: ctx.actor?.kind ?? null,
      action: event.action,
      object_type: event.objectType,
      object_id: event.objectId,
      before_digest: digestOf(event.before),
      after_digest: digestOf(event.after),
      request_id: ctx.requestId,
    })
    .execute();
}
