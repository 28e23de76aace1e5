import type { Actor } from '../../platform/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { notifyOverdueRegistrations } from '../registrations/overdue.ts';
import { countUnread, findNotification, listNotifications, markRead, type Recipient } from './repository.ts';

/** A person reads their own notices; staff read their organisation's; the operator has none. */
export function recipientOf(actor: Actor): Recipient | null {
  if (actor.personId) return { kind: 'person', id: actor.personId };
  if (actor.org) return { kind: 'org', id: actor.org.id };
  return null;
}

export async function listMyNotifications(deps: Deps, options: { actor: Actor; unread: boolean; cursor?: string | undefined; limit: number }) {
  const recipient = recipientOf(options.actor);
  if (!recipient) return { items: [], nextCursor: null, unreadCount: 0 };
  const { db } = deps.handle;
  // Registrations that became overdue since the last daily run are flagged as the unit looks (idempotent).
  if (options.actor.kind === 'unit') await notifyOverdueRegistrations(deps, deps.now(), { unitId: recipient.id });

  const before = options.cursor && /^\d{1,15}$/.test(options.cursor) ? Number(options.cursor) : undefined;
  const rows = await listNotifications(db, { recipient, accountId: options.actor.accountId, unread: options.unread, before, limit: options.limit });
  const page = rows.slice(0, options.limit);
  return {
    items: page.map((r) => ({ id: r.id, at: r.at, kind: r.kind, title: r.title, body: r.body, read: r.read_at !== null })),
    nextCursor: rows.length > options.limit ? String(page.at(-1)!.seq) : null,
    unreadCount: await countUnread(db, recipient, options.actor.accountId),
  };
}

/** Marks one notice read for this account (idempotent). Another recipient's notice is not found. */
export async function markNotificationRead(deps: Deps, options: { actor: Actor; id: string }): Promise<void> {
  const recipient = recipientOf(options.actor);
  const found = recipient ? await findNotification(deps.handle.db, recipient, options.id) : undefined;
  if (!found) throw notFound('未找到该通知');
  await markRead(deps.handle.db, { notificationId: found.id, accountId: options.actor.accountId, at: deps.now().toISOString() });
}
