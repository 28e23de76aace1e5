/**
 * One spelling per username: NFKC (full-width digits from Chinese input methods), trimmed; a
 * resident ID number (a person's username) with an upper-case X, any other username lower-case.
 */
export function normaliseUsername(input: string): string {
  const text = input.normalize('NFKC').trim();
  if (/^\d{17}[\dxX]$/.test(text)) return text.toUpperCase();
  return text.toLowerCase();
}
