import type { FieldError } from '../../platform/errors.ts';

// Checks of free-text registration fields shared by registration, resubmission and the profile.

/** Empty or blank optional text is absent. */
export const optionalText = (value: string | null | undefined): string | null => {
  const text = value?.normalize('NFKC').trim();
  return text ? text : null;
};

// A practical address check (RFC 5321 lengths, one @, a dot in the domain); delivery proves the rest.
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

export function checkEmail(value: string | null, field: string, errors: FieldError[]): void {
  if (value !== null && !EMAIL.test(value)) errors.push({ field, message: '电子邮箱格式不正确' });
}

/**
 * Names and other free text must not carry digits that could be an ID number or a phone: they are
 * stored and shown in clear (SPEC "Privacy").
 */
export function checkName(value: string, field: string, errors: FieldError[]): string {
  const text = value.normalize('NFKC').trim();
  if (!text) errors.push({ field, message: '不能为空' });
  else if (/\d/.test(text)) errors.push({ field, message: '姓名不能包含数字' });
  return text;
}

export function requiredText(value: string, field: string, errors: FieldError[]): string {
  const text = value.normalize('NFKC').trim();
  if (!text) errors.push({ field, message: '不能为空' });
  return text;
}
