// A fixed-window counter per key, in process memory. Used for per-IP limits (login, public
// endpoints); per-account lockout is persistent and lives in the database instead.
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly options: { limit: number; windowMs: number }) {}

  /** Counts one hit; returns the seconds to wait when the limit is exceeded, else undefined. */
  hit(key: string, now: number): number | undefined {
    const { limit, windowMs } = this.options;
    let window = this.windows.get(key);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
      if (this.windows.size > 100_000) this.sweep(now);
    }
    window.count += 1;
    if (window.count <= limit) return undefined;
    return Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.options.windowMs) this.windows.delete(key);
  }
}
