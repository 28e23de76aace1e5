import { randomInt } from 'node:crypto';
import { checkPasswordPolicy } from '../../platform/passwords.ts';

/**
 * Staff usernames (already normalised: NFKC, trimmed, lower-case): a letter first, so a staff name
 * can never be mistaken for a resident ID number (a person's login), then letters, digits, . _ -.
 */
export function checkStaffUsername(username: string): string | undefined {
  if (!/^[a-z][a-z0-9._-]{2,31}$/.test(username)) return '用户名须以英文字母开头，3–32 位，只含字母、数字、点、下划线或连字符';
  return undefined;
}

// Without look-alike characters (0/O, 1/l/I), since temporary passwords are read aloud or retyped.
const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%+=!?'];

/** A temporary password of 12 characters from all four classes (it satisfies the MLPS policy). */
export function temporaryPassword(username: string): string {
  for (;;) {
    const chars = classes.map((set) => set[randomInt(set.length)]!);
    const all = classes.join('');
    while (chars.length < 12) chars.push(all[randomInt(all.length)]!);
    for (let i = chars.length - 1; i > 0; i -= 1) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const password = chars.join('');
    if (!checkPasswordPolicy(password, username)) return password;
  }
}
