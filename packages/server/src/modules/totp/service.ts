import QRCode from 'qrcode';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import type { RateLimiter } from '../../platform/rate-limiter.ts';
import { base32Decode, matchingStep, newSecret, otpauthUri } from './totp.ts';

// The second factor of bureau and authority accounts (docs/security.md "Second factor"): the secret
// is encrypted at rest like personal data; a code is accepted once (the last used step is stored).
export const TOTP_ISSUER = '河南继续教育证书平台';

type TotpAccount = { id: string; totp_secret_enc: string | null; totp_enabled: number; totp_last_step: number | null; version: number };

const findTotpAccount = (db: Kysely<Database>, id: string) =>
  db.selectFrom('accounts').select(['id', 'totp_secret_enc', 'totp_enabled', 'totp_last_step', 'version']).where('id', '=', id).executeTakeFirstOrThrow();

/**
 * Checks a code against the account's secret and records its step in the same statement, so two
 * concurrent requests cannot both use one code. True when the code was good and is now spent.
 */
export async function consumeCode(deps: Deps, trx: Kysely<Database>, account: TotpAccount, code: string): Promise<boolean> {
  if (!account.totp_secret_enc) return false;
  const secret = base32Decode(deps.pii.decrypt(account.totp_secret_enc));
  const step = matchingStep({ secret, code, unixMs: deps.now().getTime(), lastStep: account.totp_last_step });
  if (step === null) return false;
  const result = await trx
    .updateTable('accounts')
    .set({ totp_last_step: step })
    .where('id', '=', account.id)
    .where((w) => w.or([w('totp_last_step', 'is', null), w('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Starts (or restarts) enrolment: a fresh secret, not yet in force until a code proves it. */
export async function setupTotp(deps: Deps, input: { actor: Actor; requestId: string }) {
  const { db } = deps.handle;
  const account = await findTotpAccount(db, input.actor.accountId);
  if (account.totp_enabled) throw conflict('已启用动态验证码；如需更换，请先停用后重新绑定');
  const secret = newSecret();
  const now = deps.now();
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('accounts')
      .set({ totp_secret_enc: deps.pii.encrypt(secret), totp_last_step: null, version: account.version + 1, updated_at: now.toISOString() })
      .where('id', '=', account.id)
      .where('version', '=', account.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw conflict();
    await recordEvent(trx, { actor: input.actor, requestId: input.requestId, now }, {
      action: 'account.totp_setup', objectType: 'account', objectId: account.id,
    });
  });
  const uri = otpauthUri({ secret, accountName: input.actor.username, issuer: TOTP_ISSUER });
  return { secret, otpauthUri: uri, qrSvg: await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) };
}

/** Wrong codes at enable/disable are limited per account, like login failures are per name. */
function checkGuessBudget(limiter: RateLimiter, accountId: string, now: number): void {
  const retry = limiter.retryAfter(accountId, now);
  if (retry !== undefined) throw new AppError({ code: 'rate_limited', retryAfterSeconds: retry });
}

const wrongCode = () => new AppError({ code: 'validation_failed', errors: [{ field: 'body.code', message: '动态验证码不正确或已使用，请输入验证器中当前显示的 6 位数字' }] });

export async function enableTotp(deps: Deps, input: { actor: Actor; code: string; requestId: string; limiter: RateLimiter }) {
  const { db } = deps.handle;
  const now = deps.now();
  checkGuessBudget(input.limiter, input.actor.accountId, now.getTime());
  const account = await findTotpAccount(db, input.actor.accountId);
  if (account.totp_enabled) throw conflict('动态验证码已启用');
  if (!account.totp_secret_enc) throw conflict('请先获取密钥并扫描二维码');
  await db.transaction().execute(async (trx) => {
    if (!(await consumeCode(deps, trx, account, input.code))) {
      input.limiter.hit(account.id, now.getTime());
      throw wrongCode();
    }
    const updated = await trx
      .updateTable('accounts')
      .set({ totp_enabled: 1, version: account.version + 1, updated_at: now.toISOString() })
      .where('id', '=', account.id)
      .where('version', '=', account.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw conflict();
    await recordEvent(trx, { actor: input.actor, requestId: input.requestId, now }, {
      action: 'account.totp_enabled', objectType: 'account', objectId: account.id,
      before: { totpEnabled: false }, after: { totpEnabled: true },
    });
  });
  // Sessions carry the second-factor state (JIXU_REQUIRE_2FA restrictions): re-read them.
  deps.sessions.forgetAccount(account.id);
}

export async function disableTotp(deps: Deps, input: { actor: Actor; code: string; requestId: string; limiter: RateLimiter }) {
  const { db } = deps.handle;
  const now = deps.now();
  checkGuessBudget(input.limiter, input.actor.accountId, now.getTime());
  const account = await findTotpAccount(db, input.actor.accountId);
  if (!account.totp_enabled) throw conflict('尚未启用动态验证码');
  await db.transaction().execute(async (trx) => {
    if (!(await consumeCode(deps, trx, account, input.code))) {
      input.limiter.hit(account.id, now.getTime());
      throw wrongCode();
    }
    await clearTotp(trx, { accountId: account.id, version: account.version, now });
    await recordEvent(trx, { actor: input.actor, requestId: input.requestId, now }, {
      action: 'account.totp_disabled', objectType: 'account', objectId: account.id,
      before: { totpEnabled: true }, after: { totpEnabled: false },
    });
  });
  deps.sessions.forgetAccount(account.id);
}

/** Removes the second factor (the holder's own disable, or an administrator's reset). */
export async function clearTotp(trx: Kysely<Database>, input: { accountId: string; version: number; now: Date }): Promise<void> {
  const updated = await trx
    .updateTable('accounts')
    .set({ totp_secret_enc: null, totp_enabled: 0, totp_last_step: null, version: input.version + 1, updated_at: input.now.toISOString() })
    .where('id', '=', input.accountId)
    .where('version', '=', input.version)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) throw conflict();
}
