import type { Actor } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';

// Account administration. In this first version the platform operator (admin) manages all
// accounts; scoped management by bureaus and units comes with the organisations issue.

export async function listAccounts(deps: Deps, options: { actor: Actor; after?: string | undefined; limit: number }) {
  if (options.actor.scope.kind !== 'platform') throw new AppError({ code: 'forbidden' });
  let q = deps.handle.db
    .selectFrom('accounts as a')
    .leftJoin('orgs as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.username_display', 'a.role', 'a.name', 'o.name as org_name', 'a.disabled', 'a.last_login_at'])
    .orderBy('a.id')
    .limit(options.limit + 1);
  if (options.after) q = q.where('a.id', '>', options.after);
  const rows = await q.execute();
  const page = rows.slice(0, options.limit);
  return {
    items: page.map((r) => ({
      id: r.id, username: r.username_display, role: r.role, name: r.name, orgName: r.org_name,
      disabled: r.disabled === 1, lastLoginAt: r.last_login_at,
    })),
    nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Disabling ends every session of the account at once (in the same transaction). */
export async function setAccountDisabled(deps: Deps, options: { actor: Actor; id: string; disabled: boolean; requestId: string }) {
  if (options.actor.scope.kind !== 'platform') throw new AppError({ code: 'forbidden' });
  if (options.id === options.actor.accountId) throw new AppError({ code: 'validation_failed', detail: '不能停用自己的账户' });
  const now = deps.now();
  return deps.handle.db.transaction().execute(async (trx) => {
    const account = await trx.selectFrom('accounts').select(['id', 'disabled', 'version']).where('id', '=', options.id).executeTakeFirst();
    if (!account) throw notFound('未找到该账户');
    const disabled = options.disabled ? 1 : 0;
    if (account.disabled !== disabled) {
      const result = await trx
        .updateTable('accounts')
        .set({ disabled, version: account.version + 1, updated_at: now.toISOString() })
        .where('id', '=', account.id)
        .where('version', '=', account.version)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw conflict();
      if (options.disabled) await trx.deleteFrom('sessions').where('account_id', '=', account.id).execute();
      await recordEvent(trx, { actor: options.actor, requestId: options.requestId, now }, {
        action: options.disabled ? 'account.disabled' : 'account.enabled',
        objectType: 'account',
        objectId: account.id,
        before: { disabled: account.disabled === 1 },
        after: { disabled: options.disabled },
      });
    }
    return { id: account.id, disabled: options.disabled };
  });
}
