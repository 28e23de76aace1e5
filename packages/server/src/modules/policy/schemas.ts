import Type from 'typebox';
import { AppError, type FieldError } from '../../platform/errors.ts';

// TypeBox schemas shared by the routes of the policy capability. Hours leave the server as decimal
// hours (API.md); the domain's tenths never do.

export const Hours = Type.Number({ description: '学时（最多一位小数）' });

export const Category = Type.Union([Type.Literal('public'), Type.Literal('professional'), Type.Literal('both')], {
  description: 'public 公需科目 / professional 专业科目 / both 视为两类均完成（7(11)）',
});

/** API.md "Hours calculator" response. */
export const Evaluation = Type.Object({
  hours: Hours,
  category: Category,
  clause: Type.String({ description: '产生学时的条款，如 7(4)' }),
  policyVersion: Type.String({ description: '政策版本，如 HN-2017' }),
  provisional: Type.Boolean({ description: '结果依据暂定标准（须标示“暂定”）' }),
  explanation: Type.String({ description: '一句话中文说明' }),
  fullYear: Type.Boolean({ description: '视为完成全年学时' }),
});

export const HoursSplit = Type.Object({ total: Hours, public: Hours, professional: Hours });

/** Policy version ids (`HN-2017`): the same pattern the document validator applies (a UUID also fits, then 404s). */
export const PolicyIdParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: '政策版本号' }),
});

export const DateText = (description: string) =>
  Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: `${description}（YYYY-MM-DD）` });

export const Year = Type.Integer({ minimum: 1949, maximum: 2999, description: '年度' });

/** A 400 naming the fields, from the domain's `{ field, message }` issues (paths put under `prefix`). */
export function validationError(issues: readonly FieldError[], prefix = 'body'): AppError {
  return new AppError({
    code: 'validation_failed',
    errors: issues.map((issue) => ({ field: qualify(prefix, issue.field), message: issue.message })),
  });
}

function qualify(prefix: string, field: string): string {
  if (field === '' || field === '$') return prefix;
  if (field.startsWith(`${prefix}.`) || field === prefix) return field;
  return field.startsWith('[') ? `${prefix}${field}` : `${prefix}.${field}`;
}

/** A 400 on one field with a Chinese message. */
export const fieldError = (field: string, message: string): AppError =>
  new AppError({ code: 'validation_failed', detail: message, errors: [{ field, message }] });
