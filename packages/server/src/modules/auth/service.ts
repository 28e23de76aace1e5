import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../platform/actor.ts';
import { actorKindOf, scopeOf } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { checkPasswordPolicy, hashPassword, passwordProblemText, verifyPassword } from '../../platform/passwords.ts';
import type { RateLimiter } from '../../platform/rate-limiter.ts';
import { consumeCode } from '../totp/service.ts';
import * as repo from './repository.ts';
import { normaliseUsername } from './usernames.ts';

export const SESSION_COOKIE = 'jixu_sid';
export const CSRF_HEADER = 'x-csrf-token';

const hashSessionId = (id: string): string => createHash('sha256').update(id).digest('base64url');

// Verified against when the username is unknown, so a miss costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;
const dummyHashFor = (n: number) => (dummyHash ??= hashPassword(randomBytes(16).toString('hex'), n));

/** The second factor as a session sees it (docs/organisations.md "Second factor"). */
export type SessionTotp = { enabled: boolean; mustEnrol: boolean };

export type LoginResult = { sessionId: string; csrfToken: string; actor: Actor; totp: SessionTotp };

export async function login(
  deps: Deps,
  input: { username: string; password: string; totpCode?: string | undefined; ip: string; requestId: string; ipLimiter: RateLimiter },
): Promise<LoginResult> {
  const now = deps.now();
  const { db } = deps.handle;
  // Only failures count against an address: an office behind one NAT address logs in many people.
  const retryIp = input.ipLimiter.retryAfter(input.ip, now.getTime());
  if (retryIp !== undefined) throw new AppError({ code: 'rate_limited', retryAfterSeconds: retryIp });

  // The throttle key exists for unknown usernames too: locking must not reveal who has an account.
  const username = normaliseUsername(input.username);
  const throttleKey = deps.pii.index(`login:${username}`);
  const throttle = await repo.findThrottle(db, throttleKey);
  if (throttle?.locked_until && throttle.locked_until > now.toISOString()) {
    const seconds = Math.ceil((Date.parse(throttle.locked_until) - now.getTime()) / 1000);
    throw new AppError({ code: 'account_locked', detail: `请 ${Math.ceil(seconds / 60)} 分钟后再试`, retryAfterSeconds: seconds });
  }

  const account = await repo.findAccountByUsernameKey(db, deps.pii.index(`user:${username}`));
  const passwordOk = await verifyPassword(input.password, account?.password_hash ?? (await dummyHashFor(deps.config.scryptN)));
  const countFailure = async (): Promise<void> => {
    input.ipLimiter.hit(input.ip, now.getTime());
    const failures = await repo.countFailure(db, throttleKey, now.toISOString());
    if (failures >= deps.config.login.maxFailures) {
      const until = new Date(now.getTime() + deps.config.login.lockMs).toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.lockLogin(trx, throttleKey, until, now.toISOString());
        await recordEvent(trx, { actor: null, requestId: input.requestId, now }, {
          action: 'auth.locked', objectType: 'login', objectId: account?.id ?? null,
        });
      });
    }
  };
  if (!account || !passwordOk) {
    await countFailure();
    throw new AppError({ code: 'invalid_credentials' });
  }
  if (account.disabled) throw new AppError({ code: 'forbidden', detail: '该账户已停用，请联系管理员' });
  // Second factor: without a code the client is asked for one (the password was right, nothing is
  // counted); a wrong or reused code counts as a failed login toward the lock.
  if (account.totp_enabled && !input.totpCode) throw new AppError({ code: 'totp_required' });

  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const codeAccepted = await db.transaction().execute(async (trx) => {
    if (account.totp_enabled && !(await consumeCode(deps, trx, account, input.totpCode ?? ''))) return false;
    await repo.clearThrottle(trx, throttleKey);
    await repo.createSession(trx, { idHash: hashSessionId(sessionId), accountId: account.id, csrfToken, at: now.toISOString() });
    await trx.updateTable('accounts').set({ last_login_at: now.toISOString() }).where('id', '=', account.id).execute();
    const self = { accountId: account.id, kind: account.role };
    await recordEvent(trx, { actor: self, requestId: input.requestId, now }, { action: 'auth.login', objectType: 'account', objectId: account.id });
    return true;
  });
  if (!codeAccepted) {
    await countFailure();
    throw new AppError({ code: 'totp_required', detail: '动态验证码不正确或已使用，请输入验证器中当前显示的 6 位数字' });
  }
  const found = await authenticate(deps, sessionId);
  if (!found) throw new Error('a session just created could not be read');
  return { sessionId, csrfToken, actor: found.actor, totp: found.totp };
}

/** Resolves a session cookie to its actor, enforcing the idle and absolute timeouts. */
export async function authenticate(deps: Deps, sessionId: string): Promise<{ actor: Actor; csrfToken: string; totp: SessionTotp } | undefined> {
  if (sessionId.length < 20 || sessionId.length > 100) return undefined;
  const { db } = deps.handle;
  const idHash = hashSessionId(sessionId);
  const now = deps.now();
  let row = deps.sessions.get(idHash, now.getTime());
  if (!row) {
    row = await repo.findSession(db, idHash);
    if (!row) return undefined;
    deps.sessions.set(idHash, row, now.getTime());
  }

  const idle = now.getTime() - Date.parse(row.last_seen_at);
  const age = now.getTime() - Date.parse(row.created_at);
  if (row.disabled || idle > deps.config.session.idleMs || age > deps.config.session.absoluteMs) {
    deps.sessions.forget(idHash);
    await repo.deleteSession(db, idHash);
    return undefined;
  }
  // Touch at most once a minute: the idle timeout needs no finer clock, and reads stay reads.
  if (idle > 60_000) {
    await repo.touchSession(db, idHash, now.toISOString());
    row.last_seen_at = now.toISOString();
  }

  const actor: Actor = {
    accountId: row.account_id,
    username: row.username_display,
    role: row.role,
    kind: actorKindOf(row.role, row.org_level),
    name: row.name,
    org: row.org_id ? { id: row.org_id, name: row.org_name ?? '', level: row.org_level, regionCode: row.org_region } : null,
    personUnit: row.person_unit_id ? { id: row.person_unit_id, name: row.person_unit_name ?? '' } : null,
    personId: row.person_id,
    scope: scopeOf({ role: row.role, orgId: row.org_id, orgLevel: row.org_level, personId: row.person_id }),
    mustChangePassword: row.must_change_password === 1,
  };
  const totpEnabled = row.totp_enabled === 1;
  // JIXU_REQUIRE_2FA: reviewers (bureaus, authorities) without a second factor must enrol first.
  const mustEnrol = deps.config.require2fa && (row.role === 'bureau' || row.role === 'authority') && !totpEnabled;
  return { actor, csrfToken: row.csrf_token, totp: { enabled: totpEnabled, mustEnrol } };
}

export async function logout(deps: Deps, input: { sessionId: string; actor: Actor; requestId: string }): Promise<void> {
  const now = deps.now();
  await deps.handle.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, hashSessionId(input.sessionId));
    await recordEvent(trx, { actor: input.actor, requestId: input.requestId, now }, {
      action: 'auth.logout', objectType: 'account', objectId: input.actor.accountId,
    });
  });
  deps.sessions.forget(hashSessionId(input.sessionId));
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Changes the actor's own password; other sessions of the account end, this one stays. */
export async function changePassword(
  deps: Deps,
  input: { actor: Actor; sessionId: string; currentPassword: string; newPassword: string; requestId: string },
): Promise<void> {
  const { db } = deps.handle;
  const account = await db.selectFrom('accounts').selectAll().where('id', '=', input.actor.accountId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.currentPassword, account.password_hash))) {
    throw new AppError({ code: 'validation_failed', errors: [{ field: 'body.currentPassword', message: '当前密码不正确' }] });
  }
  const problem = checkPasswordPolicy(input.newPassword, input.actor.role === 'person' ? undefined : input.actor.username);
  if (problem) {
    throw new AppError({ code: 'password_policy', errors: [{ field: 'body.newPassword', message: passwordProblemText[problem] }] });
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError({ code: 'password_policy', errors: [{ field: 'body.newPassword', message: '新密码不能与当前密码相同' }] });
  }
  const passwordHash = await hashPassword(input.newPassword, deps.config.scryptN);
  const now = deps.now();
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('accounts')
      .set({ password_hash: passwordHash, must_change_password: 0, version: account.version + 1, updated_at: now.toISOString() })
      .where('id', '=', account.id)
      .where('version', '=', account.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new AppError({ code: 'conflict' });
    await trx.deleteFrom('sessions').where('account_id', '=', account.id).where('id_hash', '!=', hashSessionId(input.sessionId)).execute();
    await recordEvent(trx, { actor: input.actor, requestId: input.requestId, now }, {
      action: 'account.password_changed', objectType: 'account', objectId: account.id,
    });
  });
  // The account's other sessions ended in the transaction; this process forgets them now.
  deps.sessions.forgetAccount(account.id);
}
