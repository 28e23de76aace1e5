// A fixed-window counter per key, in process memory. Used for per-IP limits (failed logins, public
// endpoints); per-account lockout is persistent and lives in the database instead.
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly options: { limit: number; windowMs: number }) {}

  /** The seconds to wait when the key has used up its window, else undefined. */
  retryAfter(key: string, now: number): number | undefined {
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.options.windowMs || window.count < this.options.limit) return undefined;
    return Math.max(1, Math.ceil((window.start + this.options.windowMs - now) / 1000));
  }

  /** Counts one hit against the key's window. */
  hit(key: string, now: number): void {
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.options.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
      if (this.windows.size > 100_000) this.sweep(now);
    }
    window.count += 1;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.options.windowMs) this.windows.delete(key);
  }
}
