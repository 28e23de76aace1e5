import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { DbHandle } from './db/database.ts';
import { accountRoutes } from './modules/accounts/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { certificateRoutes } from './modules/certificates/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { ledgerRoutes } from './modules/ledger/routes.ts';
import { organisationRoutes } from './modules/organisations/index.ts';
import { peopleRoutes } from './modules/people/index.ts';
import { policyRoutes } from './modules/policy/index.ts';
import { recordRoutes } from './modules/records/index.ts';
import { evidenceRoutes } from './modules/evidence/index.ts';
import { personRoutes } from './modules/persons/routes.ts';
import { SessionCache } from './modules/auth/session-cache.ts';
import { registerAuthentication } from './platform/authentication.ts';
import type { Deps } from './platform/deps.ts';
import { registerErrorHandling } from './platform/errors.ts';
import { registerSecurityHeaders } from './platform/security-headers.ts';
import { loggerOptions } from './platform/logging.ts';
import { loadPiiKeys, PiiCipher } from './platform/pii.ts';
import { Problem } from './platform/schemas.ts';
import { createEvidenceStore } from './platform/storage/index.ts';

export type BuildOptions = {
  config: Config;
  handle: DbHandle;
  now?: () => Date;
  /** Where logs go (tests capture them to prove no personal data is written). */
  logStream?: NodeJS.WritableStream;
};

/**
 * Builds the application: external plugins, then platform concerns (errors, authentication and
 * the authorization matrix), then feature modules, then the web front end. main.ts starts it.
 */
export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { config, handle } = options;
  const deps: Deps = {
    config,
    handle,
    pii: new PiiCipher(loadPiiKeys({ dataDir: config.dataDir, encKey: config.piiEncKey, indexKey: config.piiIndexKey })),
    now: options.now ?? (() => new Date()),
    sessions: new SessionCache({ ttlMs: config.session.cacheMs, max: 20_000 }),
    evidence: createEvidenceStore(config),
  };

  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    ajv: { customOptions: { allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', deps);
  app.decorate('readiness', { ready: true });
  // Once shutdown begins, every answer closes its keep-alive connection, so close() is not held
  // open by clients that would otherwise keep an idle socket until the keep-alive timeout.
  app.addHook('preClose', async () => { app.readiness.ready = false; });
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    if (!app.readiness.ready) void reply.header('connection', 'close');
  });

  await app.register(fastifyCookie);
  registerSecurityHeaders(app);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '继续教育证书管理平台 API (Jixu)',
        version: '1.0.0',
        description: '河南省专业技术人员继续教育证书管理平台的公开接口。错误为 RFC 9457 application/problem+json。',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jixu_sid' } } },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.addSchema(Problem);

  registerErrorHandling(app);
  registerAuthentication(app);

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(personRoutes);
  await app.register(accountRoutes);
  await app.register(auditRoutes);
  await app.register(peopleRoutes);
  await app.register(organisationRoutes);
  await app.register(policyRoutes);
  await app.register(recordRoutes);
  await app.register(evidenceRoutes);
  await app.register(ledgerRoutes);
  await app.register(certificateRoutes);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerWebFrontEnd(app, config.webDist);
  return app;
}

/** Serves the built React app, with the SPA fallback to index.html for its client-side routes. */
function registerWebFrontEnd(app: FastifyInstance, webDist: string | undefined): void {
  const index = webDist ? path.join(webDist, 'index.html') : undefined;
  if (!webDist || !index || !fs.existsSync(index)) return;
  void app.register(fastifyStatic, { root: webDist, serve: false });
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.type('text/html').sendFile('index.html'));
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const relative = decodeURIComponent(request.url.split('?')[0] ?? '/').replace(/^\/+/, '');
    if (relative.startsWith('api/')) return reply.callNotFound();
    const file = path.join(webDist, relative);
    // Existing assets are served as they are; every other path is a client route of the SPA.
    if (relative && file.startsWith(webDist + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(relative, { maxAge: relative.startsWith('assets/') ? 31536000000 : 0, immutable: relative.startsWith('assets/') });
    }
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
  });
}
