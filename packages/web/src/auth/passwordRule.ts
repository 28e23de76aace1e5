// Mirrors the server's rule so users learn of a weak password before submitting.
export const passwordRuleText = '密码长度至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少 3 类。';

const classes: RegExp[] = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];

/** Why the password breaks the rule, or null when it satisfies it. */
export function checkPassword(password: string): string | null {
  if (password.length < 8) return '密码长度至少 8 位';
  const present = classes.filter((pattern) => pattern.test(password)).length;
  if (present < 3) return '须包含大写字母、小写字母、数字、符号中的至少 3 类';
  return null;
}
