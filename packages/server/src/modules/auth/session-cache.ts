import type { SessionRow } from './repository.ts';

/**
 * Sessions read in the last moments, per process. Reading the session is most of the cost of an
 * authenticated request (docs/performance.md); every change that ends sessions calls `forget…` after
 * its transaction commits, so within one process logout, disabling and password changes take effect
 * at once. Other processes (PostgreSQL with several servers) see such a change within `ttlMs`.
 */
export class SessionCache {
  readonly #entries = new Map<string, { row: SessionRow; until: number }>();

  constructor(private readonly options: { ttlMs: number; max: number }) {}

  get(idHash: string, now: number): SessionRow | undefined {
    const entry = this.#entries.get(idHash);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.#entries.delete(idHash);
      return undefined;
    }
    return entry.row;
  }

  set(idHash: string, row: SessionRow, now: number): void {
    if (this.options.ttlMs <= 0) return;
    if (this.#entries.size >= this.options.max) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(idHash, { row, until: now + this.options.ttlMs });
  }

  forget(idHash: string): void {
    this.#entries.delete(idHash);
  }

  /** Every cached session of an account (disabled, password reset or changed, second factor reset). */
  forgetAccount(accountId: string): void {
    for (const [key, entry] of this.#entries) if (entry.row.account_id === accountId) this.#entries.delete(key);
  }
}
