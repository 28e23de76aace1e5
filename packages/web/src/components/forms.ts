import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';

/**
 * Puts the server's validation errors on the form items they name
 * (`body.newPassword` → item `newPassword`). Returns whether any was placed.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, fieldNames: readonly string[]): boolean {
  if (!(error instanceof ApiError)) return false;

  const byField = new Map<string, string[]>();
  for (const { field, message } of error.fieldErrors) {
    const name = field.replace(/^(body|query|params)[./]/, '').replace(/^\//, '');
    if (!fieldNames.includes(name)) continue;
    byField.set(name, [...(byField.get(name) ?? []), message]);
  }

  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}
