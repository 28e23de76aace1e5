import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { signTreeHead } from './modules/ledger/service.ts';
import { startScheduler } from './platform/scheduler.ts';
import { prepareDatabase } from './startup.ts';

// Starts the platform: database ready first (health answers ok only once it is), then HTTP.
const config = loadConfig();
const handle = await prepareDatabase(config);
const app = await buildApp({ config, handle });

// The ledger's signed tree head: one now (so verifiers have a head from the start), then every
// minute when the tree grew (issue "Certificates": at least every minute).
await signTreeHead(app.deps);
startScheduler(app, [{ name: 'ledger-sign-head', everyMs: 60_000, run: () => signTreeHead(app.deps) }]);

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
