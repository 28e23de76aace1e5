// Identifiers of achievements (ISBN, ISSN, patent and certificate numbers): validation and the
// normal form used to recognise a second claim of the same achievement (SPEC "Further rules").

/** ISBN-10 or ISBN-13 (hyphens and spaces allowed), check digit verified; normal form: 13 digits. */
export function normalizeIsbn(input: string): string | undefined {
  const compact = input.replace(/[\s-]/g, '').toUpperCase();

  if (/^\d{9}[\dX]$/.test(compact)) {
    if (!isbn10CheckOk(compact)) return undefined;
    return toIsbn13(compact.slice(0, 9));
  }
  if (/^97[89]\d{10}$/.test(compact)) {
    return ean13CheckDigit(compact.slice(0, 12)) === compact[12] ? compact : undefined;
  }
  return undefined;
}

function isbn10CheckOk(isbn: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i += 1) {
    const char = isbn[i] ?? '';
    sum += (char === 'X' ? 10 : Number(char)) * (10 - i);
  }
  return sum % 11 === 0;
}

function toIsbn13(firstNine: string): string {
  const body = `978${firstNine}`;
  return body + ean13CheckDigit(body);
}

function ean13CheckDigit(twelve: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

/** ISSN `NNNN-NNNC` (ISO 3297, check digit verified, hyphen optional); normal form `NNNN-NNNC`. */
export function normalizeIssn(input: string): string | undefined {
  const compact = input.replace(/[\s-]/g, '').toUpperCase();
  if (!/^\d{7}[\dX]$/.test(compact)) return undefined;

  let sum = 0;
  for (let i = 0; i < 7; i += 1) sum += Number(compact[i]) * (8 - i);
  const check = (11 - (sum % 11)) % 11;
  const expected = check === 10 ? 'X' : String(check);
  if (compact[7] !== expected) return undefined;
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}

/**
 * A patent number as printed (`ZL 2019 1 0123456.7`, `ZL201910123456.7`, `CN110123456A`): upper case,
 * without spaces, dots, hyphens or the `ZL` prefix of the patent certificate.
 */
export function normalizePatentNumber(input: string): string | undefined {
  const compact = input.replace(/[\s.\-·]/g, '').toUpperCase().replace(/^ZL/, '');
  return /^[A-Z0-9]{6,24}$/.test(compact) ? compact : undefined;
}

/** A certificate number: upper case without spaces or hyphens. */
export function normalizeCertificateNumber(input: string): string | undefined {
  const compact = input.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z0-9]{4,40}$/.test(compact) ? compact : undefined;
}

/** An identifier chosen by a provider or authority (programme, project, course): trimmed, upper case. */
export function normalizeCode(input: string): string {
  return input.trim().toUpperCase();
}

/** An article title compared without case, spacing, punctuation or full-width forms. */
export function normalizeTitle(input: string): string {
  return input.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}
