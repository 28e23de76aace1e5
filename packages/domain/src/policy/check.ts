// Hand-written validation helpers (no schema library: policy documents must validate the same way
// wherever they are stored and reloaded). Every problem names its field, with a Chinese message.

import { isDateString } from './dates.ts';
import type { Checked, FieldIssue } from './types.ts';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Formats a list of allowed codes with their Chinese names: `national（国家级）、provincial（省级）`. */
export function describeChoices(choices: Readonly<Record<string, string>> | readonly string[]): string {
  if (Array.isArray(choices)) return choices.join('、');
  return Object.entries(choices)
    .map(([code, label]) => `${code}（${label}）`)
    .join('、');
}

export function checked<T>(value: T, issues: readonly FieldIssue[]): Checked<T> {
  return issues.length === 0 ? { ok: true, value } : { ok: false, errors: issues };
}

type NumberOptions = { readonly label: string; readonly min?: number; readonly max?: number };
type TextOptions = { readonly label: string; readonly maxLength?: number; readonly pattern?: RegExp; readonly patternHint?: string };

/**
 * Reads the fields of one JSON object at `path`, collecting issues. `null` counts as absent, so
 * clients may send `null` for optional fields.
 */
export class FieldReader {
  readonly path: string;
  readonly issues: FieldIssue[];
  private readonly source: Readonly<Record<string, unknown>>;

  constructor(options: { object: Readonly<Record<string, unknown>>; path: string; issues: FieldIssue[] }) {
    this.source = options.object;
    this.path = options.path;
    this.issues = options.issues;
  }

  field(key: string): string {
    return this.path === '' ? key : `${this.path}.${key}`;
  }

  has(key: string): boolean {
    const value = this.source[key];
    return value !== undefined && value !== null;
  }

  raw(key: string): unknown {
    return this.source[key];
  }

  fail(key: string, message: string): undefined {
    this.issues.push({ field: this.field(key), message });
    return undefined;
  }

  /** Flags every key not in `allowed` (a typo must not be silently ignored). */
  onlyKeys(allowed: readonly string[]): void {
    for (const key of Object.keys(this.source)) {
      if (!allowed.includes(key)) this.fail(key, `不允许的字段（可用字段：${allowed.join('、')}）`);
    }
  }

  required(key: string, label: string): boolean {
    if (this.has(key)) return true;
    this.fail(key, `请填写${label}`);
    return false;
  }

  integer(key: string, options: NumberOptions): number | undefined {
    if (!this.required(key, options.label)) return undefined;
    return this.optionalInteger(key, options);
  }

  optionalInteger(key: string, options: NumberOptions): number | undefined {
    if (!this.has(key)) return undefined;

    const value = this.source[key];
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) return this.fail(key, `${options.label}须为整数`);
    if (options.min !== undefined && value < options.min) return this.fail(key, `${options.label}不能小于${options.min}`);
    if (options.max !== undefined && value > options.max) return this.fail(key, `${options.label}不能大于${options.max}`);
    return value;
  }

  boolean(key: string, label: string): boolean | undefined {
    if (!this.required(key, label)) return undefined;

    const value = this.source[key];
    if (typeof value !== 'boolean') return this.fail(key, `${label}须为 true 或 false`);
    return value;
  }

  text(key: string, options: TextOptions): string | undefined {
    if (!this.required(key, options.label)) return undefined;
    return this.optionalText(key, options);
  }

  optionalText(key: string, options: TextOptions): string | undefined {
    if (!this.has(key)) return undefined;

    const value = this.source[key];
    if (typeof value !== 'string') return this.fail(key, `${options.label}须为文本`);
    if (value.trim() === '') return this.fail(key, `${options.label}不能为空`);
    if (value !== value.trim()) return this.fail(key, `${options.label}首尾不能有空格`);
    const maxLength = options.maxLength ?? 200;
    if (value.length > maxLength) return this.fail(key, `${options.label}不能超过${maxLength}个字符`);
    if (options.pattern && !options.pattern.test(value)) {
      return this.fail(key, `${options.label}格式不正确${options.patternHint ? `（${options.patternHint}）` : ''}`);
    }
    return value;
  }

  choice<T extends string>(key: string, options: { label: string; choices: Readonly<Record<T, string>> }): T | undefined {
    if (!this.required(key, options.label)) return undefined;
    return this.optionalChoice(key, options);
  }

  optionalChoice<T extends string>(key: string, options: { label: string; choices: Readonly<Record<T, string>> }): T | undefined {
    if (!this.has(key)) return undefined;

    const value = this.source[key];
    if (typeof value !== 'string' || !Object.hasOwn(options.choices, value)) {
      return this.fail(key, `${options.label}须为以下之一：${describeChoices(options.choices)}`);
    }
    return value as T;
  }

  date(key: string, label: string): string | undefined {
    if (!this.required(key, label)) return undefined;
    return this.optionalDate(key, label);
  }

  optionalDate(key: string, label: string): string | undefined {
    if (!this.has(key)) return undefined;

    const value = this.source[key];
    if (!isDateString(value)) return this.fail(key, `${label}须为有效日期（YYYY-MM-DD）`);
    return value;
  }

  /** A nested object, read with its own reader; `undefined` (and an issue) when it is not an object. */
  object(key: string, label: string): FieldReader | undefined {
    if (!this.required(key, label)) return undefined;

    const value = this.source[key];
    if (!isPlainObject(value)) return this.fail(key, `${label}须为对象`);
    return new FieldReader({ object: value, path: this.field(key), issues: this.issues });
  }

  array(key: string, label: string): readonly unknown[] | undefined {
    if (!this.required(key, label)) return undefined;

    const value = this.source[key];
    if (!Array.isArray(value)) return this.fail(key, `${label}须为数组`);
    return value;
  }
}

/** A reader for a root value, or an issue at `path` when the value is not an object. */
export function readerFor(options: { value: unknown; path: string; label: string; issues: FieldIssue[] }): FieldReader | undefined {
  if (!isPlainObject(options.value)) {
    options.issues.push({ field: options.path === '' ? '$' : options.path, message: `${options.label}须为对象` });
    return undefined;
  }
  return new FieldReader({ object: options.value, path: options.path, issues: options.issues });
}
