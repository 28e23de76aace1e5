import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// Passwords: scrypt with a per-user salt, run on libuv's thread pool (never on the event loop).
// Stored as `scrypt$N$r$p$salt$hash` so the cost can be raised later without breaking old hashes.
const KEY_LENGTH = 32;
const R = 8;
const P = 1;

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  // N = 2^15 with r = 8 needs 32 MiB; Node's default maxmem (32 MiB) is just too small for it.
  const maxmem = 128 * n * r * 2;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: n, r, p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, n: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, n, R, P);
  return ['scrypt', n, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export type PasswordProblem = 'too_short' | 'too_long' | 'too_few_classes' | 'contains_username';

/**
 * MLPS level 3 (GB/T 22239-2019 8.1.4.1) asks for complex passwords: we require at least 8
 * characters drawn from at least 3 of the 4 classes (upper, lower, digit, symbol). docs/security.md.
 */
export function checkPasswordPolicy(password: string, username?: string): PasswordProblem | undefined {
  if (password.length < 8) return 'too_short';
  if (password.length > 128) return 'too_long';
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return 'too_few_classes';
  if (username && username.length >= 4 && password.toLowerCase().includes(username.toLowerCase())) return 'contains_username';
  return undefined;
}

export const passwordProblemText: Record<PasswordProblem, string> = {
  too_short: '密码至少 8 位',
  too_long: '密码不能超过 128 位',
  too_few_classes: '密码须包含大写字母、小写字母、数字、符号中的至少 3 类',
  contains_username: '密码不能包含用户名',
};
