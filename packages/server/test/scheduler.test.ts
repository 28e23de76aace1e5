import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startScheduler } from '../src/platform/scheduler.ts';

// The scheduler inside the server (platform/scheduler.ts): periodic, never overlapping, an optional
// first run soon after start, and nothing left running once the server closes. Fake timers: the
// test moves the clock, it never waits for it.
beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

describe('scheduler', () => {
  it('runs a job once shortly after start when asked, then every period; stops on close', async () => {
    const app = Fastify();
    let early = 0;
    let periodic = 0;
    startScheduler(app, [
      { name: 'early', everyMs: 60_000, firstAfterMs: 10_000, run: async () => { early += 1; } },
      { name: 'periodic', everyMs: 60_000, run: async () => { periodic += 1; } },
    ]);
    await vi.advanceTimersByTimeAsync(9_999);
    expect([early, periodic]).toEqual([0, 0]);
    await vi.advanceTimersByTimeAsync(1);
    expect([early, periodic]).toEqual([1, 0]);
    await vi.advanceTimersByTimeAsync(50_000);
    expect([early, periodic]).toEqual([2, 1]);
    await app.close();
    await vi.advanceTimersByTimeAsync(600_000);
    expect([early, periodic]).toEqual([2, 1]);
  });

  it('never runs a job twice at once, and a failing run is logged, not fatal', async () => {
    const app = Fastify();
    let running = 0;
    let most = 0;
    let calls = 0;
    startScheduler(app, [{
      name: 'slow', everyMs: 1_000, run: async () => {
        calls += 1;
        running += 1;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 2_500));
        running -= 1;
        if (calls === 1) throw new Error('first run fails');
      },
    }]);
    // Ticks at 1, 2, 3 s: the first run lasts until 3.5 s, so the ticks at 2 and 3 s are skipped.
    await vi.advanceTimersByTimeAsync(3_600);
    expect([calls, most]).toEqual([1, 1]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect([calls, most]).toEqual([2, 1]);
    await app.close();
  });
});
