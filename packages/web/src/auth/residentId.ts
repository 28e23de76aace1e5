// Client-side reading of a resident ID number (GB 11643-1999) to prefill sex and birth date on the
// registration form and catch typos early: the domain's own parser (subpath export), so browser and
// server agree on every rule and message; the server validates again and decides.
import { parseResidentId as parseWithDomain } from '@jixu/domain/resident-id';

export type ParsedResidentId = { idNumber: string; birthDate: string; sex: 'male' | 'female' };

/** NFKC folds full-width digits and letters that IMEs and Word produce. */
export function normaliseResidentId(input: string): string {
  return input.normalize('NFKC').replace(/\s/g, '').toUpperCase();
}

/** The parsed number, or a Chinese message saying what is wrong (never repeating the number). */
export function parseResidentId(input: string): { ok: true; value: ParsedResidentId } | { ok: false; message: string } {
  const parsed = parseWithDomain(input);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const { idNumber, birthDate, sex } = parsed.value;
  return { ok: true, value: { idNumber, birthDate, sex } };
}

/** Mainland mobile number (11 digits, 1 then 3–9), as the server checks it. */
export const mobilePattern = /^1[3-9]\d{9}$/;
