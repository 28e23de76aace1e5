import type { FastifyInstance } from 'fastify';

// Security headers, computed once at start-up (helmet rebuilt its middleware on every request: 4% of
// the CPU of a session request in a profile; docs/performance.md). API answers get the OWASP REST
// set; pages get the full browser set with a Content-Security-Policy for the React app.
const common = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

const api = {
  ...common,
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};

const pages = {
  ...common,
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    // Ant Design injects its CSS-in-JS styles at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'cross-origin-opener-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'x-dns-prefetch-control': 'off',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    // The API docs page sets its own CSP (hashes of its inline scripts); everything else gets ours.
    if (request.url.startsWith('/api/docs')) void reply.headers(common);
    else void reply.headers(request.url.startsWith('/api/') ? api : pages);
  });
}
