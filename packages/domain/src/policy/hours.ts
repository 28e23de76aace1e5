// Hours are integers in tenths (学时 × 10) in the domain (DESIGN); the API speaks decimal hours with
// at most one decimal. These are the only conversions between the two.

/** Decimal hours → tenths, or `undefined` when the number has more than one decimal or is not finite. */
export function hoursToTenths(hours: number): number | undefined {
  if (!Number.isFinite(hours)) return undefined;

  const tenths = Math.round(hours * 10);
  // Binary floating point: 2.3 × 10 is 23 within 1e-9; 2.35 × 10 is not an integer at all.
  if (Math.abs(hours * 10 - tenths) > 1e-9) return undefined;
  if (!Number.isSafeInteger(tenths)) return undefined;
  return tenths === 0 ? 0 : tenths;
}

/** Tenths → decimal hours for JSON (`375` → `37.5`). */
export function tenthsToHours(tenths: number): number {
  return tenths / 10;
}

/** Tenths → the number as written in Chinese text (`600` → `60`, `375` → `37.5`). */
export function formatHours(tenths: number): string {
  const sign = tenths < 0 ? '-' : '';
  const magnitude = Math.abs(tenths);
  const whole = Math.floor(magnitude / 10);
  const tenth = magnitude % 10;
  return tenth === 0 ? `${sign}${whole}` : `${sign}${whole}.${tenth}`;
}

/** Integer division rounding up, for non-negative integers. */
export function ceilDiv(numerator: number, denominator: number): number {
  return Math.floor((numerator + denominator - 1) / denominator);
}
