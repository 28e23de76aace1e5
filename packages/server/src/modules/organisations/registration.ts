import { maskPhone, parsePhone, parseUscc } from '@jixu/domain';
import { isUniqueViolation } from '../../db/dialect.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { checkPasswordPolicy, hashPassword, passwordProblemText } from '../../platform/passwords.ts';
import type { RateLimiter } from '../../platform/rate-limiter.ts';
import { normaliseUsername } from '../auth/usernames.ts';
import { checkStaffUsername } from '../accounts/usernames.ts';
import { bureauChainOf, businessDateOf, findOfferedRegion } from './reference-repository.ts';

// Self-registration of units and providers (docs/organisations.md "Units and providers"): the org
// is created pending, with its first admin account, who can log in at once to follow the review.

export type OrgRegistration = {
  kind: 'unit' | 'provider';
  name: string;
  uscc: string;
  regionCode: string;
  authorityId?: string | undefined;
  address?: string | undefined;
  contactName: string;
  contactPhone: string;
  adminUsername: string;
  adminName: string;
  adminPassword: string;
};

const clean = (text: string) => text.normalize('NFKC').trim();

/** Public endpoints: one budget per client address for every attempt that reaches the rules. */
export function checkRegistrationBudget(limiter: RateLimiter, ip: string, now: Date): void {
  const retry = limiter.retryAfter(ip, now.getTime());
  if (retry !== undefined) throw new AppError({ code: 'rate_limited', retryAfterSeconds: retry });
  limiter.hit(ip, now.getTime());
}

export async function registerOrg(deps: Deps, input: OrgRegistration & { requestId: string }): Promise<{ id: string; status: 'pending' }> {
  const { db } = deps.handle;
  const errors: FieldError[] = [];

  const uscc = parseUscc(input.uscc);
  if (!uscc.ok) errors.push({ field: 'body.uscc', message: uscc.message });
  const phone = parsePhone(input.contactPhone);
  if (!phone.ok) errors.push({ field: 'body.contactPhone', message: phone.message });
  const username = normaliseUsername(input.adminUsername);
  const usernameProblem = checkStaffUsername(username);
  if (usernameProblem) errors.push({ field: 'body.adminUsername', message: usernameProblem });
  const passwordProblem = checkPasswordPolicy(input.adminPassword, username);
  if (passwordProblem) errors.push({ field: 'body.adminPassword', message: passwordProblemText[passwordProblem] });

  const region = await findOfferedRegion(db, input.regionCode, businessDateOf(deps.now()));
  const chain = region ? await bureauChainOf(db, region.code) : [];
  if (!region || chain.length === 0) {
    errors.push({ field: 'body.regionCode', message: '请选择现行的行政区划（开发区等统计代码不能作为所在地区）' });
  }

  let authority: { id: string; industry: string | null } | undefined;
  if (input.kind === 'unit') {
    const found = await db.selectFrom('orgs').select(['id', 'industry', 'region_code'])
      .where('id', '=', input.authorityId ?? '').where('kind', '=', 'authority').where('status', '=', 'active')
      .executeTakeFirst();
    // A unit may name an authority of its own region or of a bureau above it (the supervision chain).
    if (!found || (chain.length > 0 && !chain.some((b) => b.region_code === found.region_code))) {
      errors.push({ field: 'body.authorityId', message: '请选择该地区单位可选的行业主管部门' });
    }
    authority = found;
  }

  if (errors.length > 0) {
    const onlyPassword = errors.every((e) => e.field === 'body.adminPassword');
    throw new AppError({ code: onlyPassword ? 'password_policy' : 'validation_failed', errors });
  }
  if (!uscc.ok || !phone.ok || !region) throw new Error('unreachable: validated above');

  // Supervision: the bureau of the unit's own region. Art. 12: certificates are issued by the bureau
  // of the unit's city or province-administered county (the first bureau up the chain holding an
  // issuing code of Art. 13), province-level units' by the provincial bureau.
  const bureau = chain[0]!;
  const issuer = chain.find((b) => b.issuing_code !== null);
  if (input.kind === 'unit' && !issuer) throw new Error(`no issuing bureau above ${region.code}`);

  const passwordHash = await hashPassword(input.adminPassword, deps.config.scryptN);
  const now = deps.now();
  const at = now.toISOString();
  const orgId = newId(now.getTime());
  const accountId = newId(now.getTime());
  const usernameKey = deps.pii.index(`user:${username}`);

  try {
    await db.transaction().execute(async (trx) => {
      const taken = await trx.selectFrom('orgs').select('id').where('uscc', '=', uscc.value.code).executeTakeFirst();
      if (taken) throw new AppError({ code: 'conflict', detail: '该统一社会信用代码已注册', errors: [{ field: 'body.uscc', message: '该统一社会信用代码已注册，请直接登录或联系所在地人社部门' }] });
      const named = await trx.selectFrom('accounts').select('id').where('username_key', '=', usernameKey).executeTakeFirst();
      if (named) throw new AppError({ code: 'conflict', detail: '该用户名已被使用', errors: [{ field: 'body.adminUsername', message: '该用户名已被使用，请换一个' }] });

      const org = {
        id: orgId, kind: input.kind, name: clean(input.name), region_code: region.code, level: null, parent_id: null,
        bureau_id: bureau.id, authority_id: authority?.id ?? null, issuing_bureau_id: input.kind === 'unit' ? issuer!.id : null,
        issuing_code: null, industry: authority?.industry ?? null, uscc: uscc.value.code, status: 'pending' as const,
        address: input.address ? clean(input.address) : null, contact_name: clean(input.contactName),
        contact_phone_enc: deps.pii.encrypt(phone.value.number), contact_phone_masked: maskPhone(phone.value.number),
        decision_reason: null, decided_at: null, version: 1, created_at: at, updated_at: at,
      };
      await trx.insertInto('orgs').values(org).execute();
      await trx.insertInto('accounts').values({
        id: accountId, username_key: usernameKey, username_display: username, password_hash: passwordHash,
        role: input.kind, name: clean(input.adminName), org_id: orgId, person_id: null, disabled: 0,
        must_change_password: 0, last_login_at: null, version: 1, created_at: at, updated_at: at,
      }).execute();

      const ctx = { actor: { accountId, kind: input.kind }, requestId: input.requestId, now };
      const { contact_phone_enc: _enc, contact_phone_masked: _masked, ...audited } = org;
      await recordEvent(trx, ctx, { action: `${input.kind}.registered`, objectType: 'org', objectId: orgId, after: audited });
      await recordEvent(trx, ctx, { action: 'account.created', objectType: 'account', objectId: accountId, after: { role: input.kind, orgId } });
    });
  } catch (error) {
    // Two registrations racing for one code or one username: the loser gets the same answer as above.
    if (isUniqueViolation(error)) throw new AppError({ code: 'conflict', detail: '统一社会信用代码或用户名已被使用' });
    throw error;
  }
  return { id: orgId, status: 'pending' };
}
