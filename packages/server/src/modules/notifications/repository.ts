import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { newId } from '../../platform/ids.ts';

type Executor = Transaction<Database> | Db;

/** Who a notice is for: an organisation (every staff account of it) or one person. */
export type Recipient = { kind: 'org' | 'person'; id: string };

export type NewNotification = {
  recipient: Recipient;
  kind: string;
  title: string;
  body: string;
  at: Date;
  /** A notice with a key already used is not created again (idempotent jobs). */
  dedupeKey?: string;
};

/**
 * Creates a notice, in the caller's transaction when it comes with a change of state. Returns false
 * when a notice with the same dedupe key already exists. Notices carry masked identifiers only.
 */
export async function createNotification(trx: Executor, n: NewNotification): Promise<boolean> {
  let q = trx.insertInto('notifications').values({
    id: newId(n.at.getTime()), recipient_kind: n.recipient.kind, recipient_id: n.recipient.id, at: n.at.toISOString(),
    kind: n.kind, title: n.title, body: n.body, dedupe_key: n.dedupeKey ?? null,
  });
  if (n.dedupeKey) q = q.onConflict((oc) => oc.column('dedupe_key').doNothing());
  const result = await q.executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

function ofRecipient(db: Db, recipient: Recipient, accountId: string) {
  return db
    .selectFrom('notifications as n')
    .leftJoin('notification_reads as r', (j) => j.onRef('r.notification_id', '=', 'n.id').on('r.account_id', '=', accountId))
    .where('n.recipient_kind', '=', recipient.kind)
    .where('n.recipient_id', '=', recipient.id);
}

/** Newest first, keyset-paginated by the insertion sequence. */
export function listNotifications(db: Db, options: { recipient: Recipient; accountId: string; unread: boolean; before?: number | undefined; limit: number }) {
  let q = ofRecipient(db, options.recipient, options.accountId)
    .select(['n.seq', 'n.id', 'n.at', 'n.kind', 'n.title', 'n.body', 'r.read_at'])
    .orderBy('n.seq', 'desc')
    .limit(options.limit + 1);
  if (options.unread) q = q.where('r.read_at', 'is', null);
  if (options.before !== undefined) q = q.where('n.seq', '<', options.before);
  return q.execute();
}

export async function countUnread(db: Db, recipient: Recipient, accountId: string): Promise<number> {
  const row = await ofRecipient(db, recipient, accountId)
    .where('r.read_at', 'is', null)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findNotification(db: Db, recipient: Recipient, id: string) {
  return db
    .selectFrom('notifications')
    .select('id')
    .where('id', '=', id)
    .where('recipient_kind', '=', recipient.kind)
    .where('recipient_id', '=', recipient.id)
    .executeTakeFirst();
}

export async function markRead(db: Db, options: { notificationId: string; accountId: string; at: string }): Promise<void> {
  await db
    .insertInto('notification_reads')
    .values({ notification_id: options.notificationId, account_id: options.accountId, read_at: options.at })
    .onConflict((oc) => oc.columns(['notification_id', 'account_id']).doNothing())
    .execute();
}
