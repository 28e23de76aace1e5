// The edge between the public API (API.md: hours as JSON numbers with at most one decimal) and the
// domain (hours as integer tenths). The server calls `activityFromApi` on `activity` of a request and
// `evaluationToApi` on the result; nothing else converts hours.

import { ACTIVITY_LIMITS, HOURS_FIELDS, parseActivity } from './activity.ts';
import type { Activity } from './activity-types.ts';
import { isPlainObject } from './check.ts';
import type { Evaluation } from './evaluate.ts';
import { formatHours, hoursToTenths, tenthsToHours } from './hours.ts';
import type { Checked, EvaluatedCategory, FieldIssue } from './types.ts';

/** The hours calculator's response (API.md "Hours calculator"): hours as decimal hours. */
export type ApiEvaluation = {
  readonly hours: number;
  readonly category: EvaluatedCategory;
  readonly clause: string;
  readonly policyVersion: string;
  readonly provisional: boolean;
  readonly explanation: string;
  readonly fullYear: boolean;
};

/**
 * Converts and validates an activity in the API's shape (decimal hours) into a domain activity (tenths).
 * Issues name the field under `path` (`activity.hours`), with Chinese messages.
 */
export function activityFromApi(json: unknown, path = 'activity'): Checked<Activity> {
  if (!isPlainObject(json)) return { ok: false, errors: [{ field: path, message: '活动须为对象' }] };

  const issues: FieldIssue[] = [];
  const converted: Record<string, unknown> = { ...json };
  for (const key of HOURS_FIELDS) {
    const value = json[key];
    if (value === undefined || value === null) continue;

    const tenths = readApiHours(value);
    if (typeof tenths === 'string') issues.push({ field: `${path}.${key}`, message: tenths });
    converted[key] = typeof tenths === 'string' ? 1 : tenths;
  }

  const parsed = parseActivity(converted, path);
  if (issues.length === 0) return parsed;

  // An hours field already reported in the API's terms is not reported again in the domain's.
  const reported = new Set(issues.map((issue) => issue.field));
  const others = parsed.ok ? [] : parsed.errors.filter((issue) => !reported.has(issue.field));
  return { ok: false, errors: [...issues, ...others] };
}

/** Decimal hours → tenths, or the Chinese message saying what is wrong. */
function readApiHours(value: unknown): number | string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '学时须为数字';
  const tenths = hoursToTenths(value);
  if (tenths === undefined) return '学时最多保留一位小数';
  if (tenths <= 0) return '学时须大于0';
  if (tenths > ACTIVITY_LIMITS.hours) return `学时不能超过${formatHours(ACTIVITY_LIMITS.hours)}`;
  return tenths;
}

/** A domain activity in the API's shape (tenths → decimal hours), e.g. to show a stored record. */
export function activityToApi(activity: Activity): Record<string, unknown> {
  if (!('hours' in activity) || activity.hours === undefined) return { ...activity };
  return { ...activity, hours: tenthsToHours(activity.hours) };
}

/** The hours calculator's response for an evaluation (hours in decimal hours). */
export function evaluationToApi(evaluation: Evaluation): ApiEvaluation {
  return {
    hours: tenthsToHours(evaluation.hours),
    category: evaluation.category,
    clause: evaluation.clause,
    policyVersion: evaluation.policyVersion,
    provisional: evaluation.provisional,
    explanation: evaluation.explanation,
    fullYear: evaluation.fullYear,
  };
}
