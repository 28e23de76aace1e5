import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { issueDemoCertificates } from './modules/certificates/service.ts';
import { signTreeHead } from './modules/ledger/service.ts';
import { notifyOverdueRegistrations } from './modules/people/index.ts';
import { sweepEvidence } from './modules/evidence/index.ts';
import { startScheduler } from './platform/scheduler.ts';
import { remindPeopleBelowRequirement, remindReviewersOfOldItems } from './modules/records/reminders.ts';
import { prepareDatabase } from './startup.ts';

// Starts the platform: database ready first (health answers ok only once it is), then HTTP.
const config = loadConfig();
const handle = await prepareDatabase(config);
const app = await buildApp({ config, handle });

// The ledger's signed tree head: one now (so verifiers have a head from the start), then every
// minute when the tree grew (issue "Certificates": at least every minute).
if (config.demo) await issueDemoCertificates(app.deps);
await signTreeHead(app.deps);
startScheduler(app, [
  { name: 'ledger-sign-head', everyMs: 60_000, run: () => signTreeHead(app.deps) },
  // Registrations waiting more than 7 days: one notice each to the unit (idempotent; hourly so a
  // restart never skips a day).
  { name: 'overdue-registrations', everyMs: 3_600_000, firstAfterMs: 10_000, run: () => notifyOverdueRegistrations(app.deps, new Date()) },
  // Record reminders (docs/records.md "Reminders"): people below the year's requirement once a month in
  // Oct–Dec, reviewers with queue items older than 7 days once a day; idempotent, hourly so a restart never
  // skips a day. The queue notices (one SQL aggregate) also go out 10 s after start; the monthly one
  // (a status per person below the requirement) waits for its hour, never competing with start-up.
  { name: 'record-year-reminders', everyMs: 3_600_000, run: () => remindPeopleBelowRequirement(app.deps, new Date()) },
  { name: 'record-queue-reminders', everyMs: 3_600_000, firstAfterMs: 10_000, run: () => remindReviewersOfOldItems(app.deps, new Date()) },
  // Evidence files no row references any more (removed, or a crash between file and row), after a day.
  { name: 'evidence-sweep', everyMs: 3_600_000, run: () => sweepEvidence(app.deps) },
]);

// Graceful shutdown: readiness flips first (health answers 503, so a balancer stops sending), then
// the server stops accepting, lets in-flight requests finish, and the database closes last.
closeWithGrace({ delay: 15_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down');
  app.readiness.ready = false;
  await new Promise((resolve) => setTimeout(resolve, config.shutdownGraceMs));
  await app.close();
  await handle.destroy();
});

await app.listen({ port: config.port, host: config.host });
