import { createHash } from 'node:crypto';
import { canonicalJson, leafHash, bytesToHex } from '@jixu/domain';
import { sm3 } from '@jixu/domain/merkle-hashes';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

// Art. 15: every change of state is an event (who, what, when, digest of before and after), written
// in the same transaction as the change, and appended as a leaf of the transparency ledger in that
// same transaction (docs/ledger.md "Server"). Both tables refuse UPDATE and DELETE by trigger.

/** The actor as the audit trail names it (an Actor fits; so does an account that is just logging in). */
export type AuditActor = { accountId: string; kind: string };
export type AuditContext = { actor: AuditActor | null; requestId: string | null; now: Date };

/** SHA-256 of the RFC 8785 canonical JSON: the event proves what the state was without copying it. */
export const digestOf = (state: unknown): string | null =>
  state === undefined || state === null ? null : createHash('sha256').update(canonicalJson(state)).digest('hex');

export type AuditEvent = {
  action: string;
  objectType: string;
  objectId: string | null;
  before?: unknown;
  after?: unknown;
};

/** Where an event landed: its id and its leaf in the transparency ledger. */
export type RecordedEvent = { eventId: number; leafIndex: number };

export async function recordEvent(trx: Transaction<Database> | Db, ctx: AuditContext, event: AuditEvent): Promise<RecordedEvent> {
  if (!trx.isTransaction) {
    // The event and its leaf must commit together, and with the change they describe.
    return trx.transaction().execute((inner) => recordEvent(inner, ctx, event));
  }
  const row = {
    at: ctx.now.toISOString(),
    actor_account_id: ctx.actor?.accountId ?? null,
    actor_role: ctx.actor?.kind ?? null,
    action: event.action,
    object_type: event.objectType,
    object_id: event.objectId,
    before_digest: digestOf(event.before),
    after_digest: digestOf(event.after),
    request_id: ctx.requestId,
  };
  const inserted = await trx.insertInto('audit_events').values(row).returning('id').executeTakeFirstOrThrow();
  const leafIndex = await appendLeaf(trx as Transaction<Database>, { eventId: Number(inserted.id), row });
  return { eventId: Number(inserted.id), leafIndex };
}

/**
 * The leaf is the canonical JSON of the public part of the event. The request id is left out (it
 * links to logs, which are not public); personal data is never in an event in the first place.
 * Updating the counter row takes its lock until commit, so indexes are assigned in commit order and
 * committed leaves always form the prefix [0, size).
 */
async function appendLeaf(trx: Transaction<Database>, options: { eventId: number; row: Record<string, unknown> }): Promise<number> {
  const counter = await trx
    .updateTable('ledger_state')
    .set((eb) => ({ size: eb('size', '+', 1) }))
    .where('id', '=', 1)
    .returning('size')
    .executeTakeFirstOrThrow();
  const index = Number(counter.size) - 1;
  const r = options.row;
  const data = canonicalJson({
    index,
    event: {
      id: options.eventId, at: r.at, actor: r.actor_account_id, actorRole: r.actor_role, action: r.action,
      objectType: r.object_type, objectId: r.object_id, before: r.before_digest, after: r.after_digest,
    },
  });
  const hash = bytesToHex(leafHash(sm3, Buffer.from(data, 'utf8')));
  await trx.insertInto('ledger_leaves').values({ leaf_index: index, event_id: options.eventId, leaf_hash: hash, data }).execute();
  return index;
}
