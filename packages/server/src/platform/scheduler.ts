import type { FastifyInstance } from 'fastify';

// Periodic jobs inside the server process. Every job is idempotent and safe to run in several
// processes at once (each takes its own lock where it must run alone), so no coordinator is needed.
export type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

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
    return timer;
  });
  app.addHook('onClose', async () => { for (const t of timers) clearInterval(t); });
}
