import type { FastifyInstance } from 'fastify';

// Periodic jobs inside the server process. Every job is idempotent and safe to run in several
// processes at once (each takes its own lock where it must run alone), so no coordinator is needed.
export type Job = {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
  /** Also run once this long after start (notices due now go out without waiting a whole period). */
  firstAfterMs?: number;
};

export function startScheduler(app: FastifyInstance, jobs: Job[]): void {
  const timers = jobs.map((job) => {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await job.run();
      } catch (err) {
        app.log.error({ err, job: job.name }, 'scheduled job failed');
      } finally {
        running = false;
      }
    };
    const timer = setInterval(() => void tick(), job.everyMs);
    timer.unref();
    const first = job.firstAfterMs === undefined ? undefined : setTimeout(() => void tick(), job.firstAfterMs);
    first?.unref();
    return { timer, first };
  });
  app.addHook('onClose', async () => {
    for (const t of timers) {
      clearInterval(t.timer);
      if (t.first) clearTimeout(t.first);
    }
  });
}
