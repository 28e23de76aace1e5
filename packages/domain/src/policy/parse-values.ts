// Readers for the values of a policy document (shared by the rule and document parsers).

import { FieldReader, isPlainObject } from './check.ts';
import type { PolicyValue, RankedValues } from './types.ts';

/** Hours in one rule value: up to 10,000 hours, in tenths. */
export const MAX_RULE_TENTHS = 100_000;

export const CLAUSE_PATTERN = /^\d{1,2}(\(\d{1,2}\))?$/;

export type ValueBounds = { readonly label: string; readonly min: number; readonly max: number };

export function HOURS_BOUNDS(label: string): ValueBounds {
  return { label: `${label}（以0.1学时为单位的整数）`, min: 0, max: MAX_RULE_TENTHS };
}

/** A `{ value, provisional }` pair at `key`. */
export function readValue(reader: FieldReader, key: string, bounds: ValueBounds): PolicyValue | undefined {
  const value = reader.object(key, bounds.label);
  return value && readValueFields(value, bounds);
}

function readValueFields(reader: FieldReader, bounds: ValueBounds): PolicyValue | undefined {
  reader.onlyKeys(['value', 'provisional']);
  const value = reader.integer('value', bounds);
  const provisional = reader.boolean('provisional', '是否暂定（provisional）');
  if (value === undefined || provisional === undefined) return undefined;
  return { value, provisional };
}

/** A non-empty list of values by rank (index 0 is rank 1). */
export function readRanked(reader: FieldReader, key: string, label: string): RankedValues | undefined {
  const list = reader.array(key, label);
  if (!list) return undefined;
  if (list.length === 0) return reader.fail(key, `${label}至少列出第1名的学时`);
  if (list.length > 99) return reader.fail(key, `${label}最多列出99个名次`);

  const values = list.map((item, index) => {
    const path = reader.field(`${key}[${index}]`);
    if (!isPlainObject(item)) {
      reader.issues.push({ field: path, message: `${label}第${index + 1}名须为对象` });
      return undefined;
    }
    return readValueFields(new FieldReader({ object: item, path, issues: reader.issues }), HOURS_BOUNDS(`${label}第${index + 1}名`));
  });
  return values.every((value) => value !== undefined) ? (values as PolicyValue[]) : undefined;
}

/** An object whose keys are exactly `keys`, each read by `read`; `undefined` when any part is invalid. */
export function readEach<K extends string, V>(
  reader: FieldReader,
  options: { key: string; label: string; keys: readonly K[]; read: (parent: FieldReader, key: K) => V | undefined },
): Record<K, V> | undefined {
  const nested = reader.object(options.key, options.label);
  if (!nested) return undefined;

  nested.onlyKeys(options.keys);
  const entries = options.keys.map((key) => [key, options.read(nested, key)] as const);
  if (entries.some(([, value]) => value === undefined)) return undefined;
  return Object.fromEntries(entries) as Record<K, V>;
}
