import Fastify from 'fastify';

// The baseline of every HTTP ratio: a bare Fastify route, same framework, same logger level, no
// database, no session. Started as its own process so it does not share an event loop.
const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
app.get('/bare', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
