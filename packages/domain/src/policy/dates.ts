// Calendar arithmetic on `YYYY-MM-DD` dates, and the Asia/Shanghai business calendar (DESIGN "Time").

import type { DateString } from './types.ts';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export type CalendarDate = { readonly year: number; readonly month: number; readonly day: number };

/** Parses a valid calendar date `YYYY-MM-DD` (years 1000–9999); anything else gives `undefined`. */
export function parseDate(value: unknown): CalendarDate | undefined {
  if (typeof value !== 'string') return undefined;

  const match = DATE_PATTERN.exec(value);
  if (!match) return undefined;

  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1000 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isDateString(value: unknown): value is DateString {
  return parseDate(value) !== undefined;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 of a valid date (throws on an invalid one: callers validate first). */
export function dayNumber(date: DateString): number {
  const parsed = parseDate(date);
  if (!parsed) throw new RangeError(`invalid date: ${date}`);
  return Date.UTC(parsed.year, parsed.month - 1, parsed.day) / MS_PER_DAY;
}

export function dateFromDayNumber(days: number): DateString {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOf(date: DateString): number {
  return Number(date.slice(0, 4));
}

export function formatDate(date: CalendarDate): DateString {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Number of days from `from` to `to`, both inclusive (0 when `to` is before `from`). */
export function inclusiveDays(from: DateString, to: DateString): number {
  return Math.max(0, dayNumber(to) - dayNumber(from) + 1);
}

const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date of an instant in Asia/Shanghai (the business calendar). */
export function shanghaiDate(instant: Date): DateString {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid instant');

  const parts = SHANGHAI_DATE.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return formatDate({ year: part('year'), month: part('month'), day: part('day') });
}

/** The business year of an instant (its year in Asia/Shanghai). */
export function businessYear(instant: Date): number {
  return yearOf(shanghaiDate(instant));
}

// China Standard Time has been UTC+8 without daylight saving since 1991.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The instant a Shanghai calendar day begins (00:00 Asia/Shanghai). */
export function shanghaiStartOfDay(date: DateString): Date {
  return new Date(dayNumber(date) * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}
