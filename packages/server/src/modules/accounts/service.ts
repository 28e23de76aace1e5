import type { Role } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { normaliseUsername } from '../auth/usernames.ts';
import { clearTotp } from '../totp/service.ts';
import { accountOf, findManagedAccount, findManagedOrg, listManagedAccounts, type ManagedAccount } from './repository.ts';
import { checkStaffUsername, temporaryPassword } from './usernames.ts';

// Account management in scope (docs/organisations.md "Accounts"): the operator manages every account;
// a bureau the staff accounts of its own org and of the orgs it supervises; an authority, a unit or a
// provider those of its own org. An account outside the scope is not found (404).

export async function listAccounts(deps: Deps, options: {
  actor: Actor; after?: string | undefined; limit: number; orgId?: string | undefined; query?: string | undefined;
}) {
  const rows = await listManagedAccounts(deps.handle.db, { ...options, scope: options.actor.scope });
  const page = rows.slice(0, options.limit);
  return { items: page.map(accountOf), nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null };
}

const roleOfOrgKind: Record<string, Role | undefined> = { bureau: 'bureau', authority: 'authority', unit: 'unit', provider: 'provider' };

/** A staff account of an org in scope (or, for the operator, another operator). It must change the password first. */
export async function createAccount(deps: Deps, input: { actor: Actor; username: string; name: string; orgId: string | null; requestId: string }) {
  const { db } = deps.handle;
  const username = normaliseUsername(input.username);
  const problem = checkStaffUsername(username);
  if (problem) throw new AppError({ code: 'validation_failed', errors: [{ field: 'body.username', message: problem }] });

  let role: Role;
  if (input.orgId === null) {
    if (input.actor.scope.kind !== 'platform') {
      throw new AppError({ code: 'validation_failed', errors: [{ field: 'body.orgId', message: '请选择账户所属的组织' }] });
    }
    role = 'admin';
  } else {
    const org = await findManagedOrg(db, { scope: input.actor.scope, id: input.orgId });
    const orgRole = org ? roleOfOrgKind[org.kind] : undefined;
    if (!orgRole) throw notFound('未找到该组织');
    role = orgRole;
  }

  const password = temporaryPassword(username);
  const passwordHash = await hashPassword(password, deps.config.scryptN);
  const now = deps.now();
  const at = now.toISOString();
  const id = newId(now.getTime());
  const usernameKey = deps.pii.index(`user:${username}`);
  const taken = () => new AppError({ code: 'conflict', detail: '该用户名已被使用', errors: [{ field: 'body.username', message: '该用户名已被使用，请换一个' }] });
  try {
    await db.transaction().execute(async (trx) => {
      if (await trx.selectFrom('accounts').select('id').where('username_key', '=', usernameKey).executeTakeFirst()) throw taken();
      await trx.insertInto('accounts').values({
        id, username_key: usernameKey, username_display: username, password_hash: passwordHash, role, name: input.name.normalize('NFKC').trim(),
        org_id: input.orgId, person_id: null, disabled: 0, must_change_password: 1, last_login_at: null, version: 1, created_at: at, updated_at: at,
      }).execute();
      await recordEvent(trx, { actor: input.actor, requestId: input.requestId, now }, {
        action: 'account.created', objectType: 'account', objectId: id, after: { role, orgId: input.orgId },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
  return { id, temporaryPassword: password };
}

/** The account to act on: in scope (else 404) and not the actor's own (use /me for that). */
async function targetOf(trx: Parameters<typeof findManagedAccount>[0], input: { actor: Actor; id: string; self: string }): Promise<ManagedAccount> {
  const account = await findManagedAccount(trx, { scope: input.actor.scope, id: input.id });
  if (!account) throw notFound('未找到该账户');
  if (account.id === input.actor.accountId) throw new AppError({ code: 'validation_failed', detail: input.self, errors: [{ field: 'params.id', message: input.self }] });
  return account;
}

/** Disabling ends every session of the account at once (in the same transaction). */
export async function setAccountDisabled(deps: Deps, options: { actor: Actor; id: string; disabled: boolean; requestId: string }) {
  const now = deps.now();
  const result = await deps.handle.db.transaction().execute(async (trx) => {
    const account = await targetOf(trx, { ...options, self: options.disabled ? '不能停用自己的账户' : '不能启用自己的账户' });
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
  // Sessions ended in the transaction; this process forgets its cached copies now that it committed.
  if (options.disabled) deps.sessions.forgetAccount(options.id);
  return result;
}

/**
 * A new temporary password: every session ends, and the holder must choose a password at the next
 * login. A lock from failed logins on a staff name is lifted, since a reset is how one gets back in.
 */
export async function resetPassword(deps: Deps, options: { actor: Actor; id: string; requestId: string }) {
  const { db } = deps.handle;
  const found = await findManagedAccount(db, { scope: options.actor.scope, id: options.id });
  if (!found) throw notFound('未找到该账户');
  const password = temporaryPassword(found.role === 'person' ? '' : found.username_display);
  const passwordHash = await hashPassword(password, deps.config.scryptN);
  const now = deps.now();
  await db.transaction().execute(async (trx) => {
    const account = await targetOf(trx, { ...options, self: '不能重置自己的密码，请使用“修改密码”' });
    const result = await trx
      .updateTable('accounts')
      .set({ password_hash: passwordHash, must_change_password: 1, version: account.version + 1, updated_at: now.toISOString() })
      .where('id', '=', account.id)
      .where('version', '=', account.version)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw conflict();
    await trx.deleteFrom('sessions').where('account_id', '=', account.id).execute();
    if (account.role !== 'person') {
      await trx.deleteFrom('login_throttle').where('key', '=', deps.pii.index(`login:${normaliseUsername(account.username_display)}`)).execute();
    }
    await recordEvent(trx, { actor: options.actor, requestId: options.requestId, now }, {
      action: 'account.password_reset', objectType: 'account', objectId: account.id,
    });
  });
  deps.sessions.forgetAccount(found.id);
  return { temporaryPassword: password };
}

/** Removes a lost second factor; the holder enrols again (and must, under JIXU_REQUIRE_2FA). Sessions end. */
export async function resetTotp(deps: Deps, options: { actor: Actor; id: string; requestId: string }) {
  const now = deps.now();
  const result = await deps.handle.db.transaction().execute(async (trx) => {
    const account = await targetOf(trx, { ...options, self: '不能重置自己的动态验证码，请在“账户安全”中停用后重新绑定' });
    if (account.totp_enabled === 1) {
      await clearTotp(trx, { accountId: account.id, version: account.version, now });
      await trx.deleteFrom('sessions').where('account_id', '=', account.id).execute();
      await recordEvent(trx, { actor: options.actor, requestId: options.requestId, now }, {
        action: 'account.totp_reset', objectType: 'account', objectId: account.id,
        before: { totpEnabled: true }, after: { totpEnabled: false },
      });
    }
    return { id: account.id, totpEnabled: false };
  });
  deps.sessions.forgetAccount(options.id);
  return result;
}
