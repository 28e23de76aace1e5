import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { prepareDatabase } from './startup.ts';

// Starts the platform: database ready first (health answers ok only once it is), then HTTP.
const config = loadConfig();
const handle = await prepareDatabase(config);
const app = await buildApp({ config, handle });

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
