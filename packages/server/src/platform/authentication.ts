import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, CSRF_HEADER, csrfMatches, SESSION_COOKIE, type SessionTotp } from '../modules/auth/service.ts';
import { allowedBeforeEnrolment } from '../modules/totp/enrolment.ts';
import type { Actor } from './actor.ts';
import { accessOf, mayCall, routeKey } from './authz.ts';
import type { Deps } from './deps.ts';
import { AppError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
    /** The session's second factor: enabled, and whether JIXU_REQUIRE_2FA still asks to enrol. */
    totp: SessionTotp | null;
  }
  interface FastifyInstance {
    deps: Deps;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The actor of a request whose route the matrix does not open to the public. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError({ code: 'unauthenticated' });
  return request.actor;
}

/**
 * Runs first on every request (onRequest, before the body is parsed or validated): resolves the
 * session, then applies the authorization matrix and the CSRF check. A route that is not in the
 * matrix cannot even be registered (see the onRoute hook), so no route is open by omission.
 */
export function registerAuthentication(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('totp', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      if (!accessOf(method, route.url)) throw new Error(`route ${routeKey(method, route.url)} is missing from the authorization matrix`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    if (!url?.startsWith('/api/v1/')) return;
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const access = accessOf(method, url);
    if (!access) throw new AppError({ code: 'not_found' });

    const sessionId = request.cookies[SESSION_COOKIE];
    let csrfToken: string | undefined;
    if (sessionId) {
      const found = await authenticate(app.deps, sessionId);
      if (found) {
        request.actor = found.actor;
        request.sessionId = sessionId;
        request.csrfToken = found.csrfToken;
        request.totp = found.totp;
        csrfToken = found.csrfToken;
      }
    }

    if (!mayCall(access, request.actor?.kind)) {
      throw new AppError({ code: request.actor ? 'forbidden' : 'unauthenticated' });
    }
    // Cookie-authenticated writes must carry the session's CSRF token (synchroniser token pattern).
    if (csrfToken && unsafeMethods.has(request.method) && !csrfMatches(csrfToken, request.headers[CSRF_HEADER] as string | undefined)) {
      throw new AppError({ code: 'csrf_failed' });
    }
    // JIXU_REQUIRE_2FA: until a reviewer enrols a second factor, the session reaches only its own
    // account, password, TOTP enrolment and logout (and what needs no session at all).
    if (request.totp?.mustEnrol && access !== 'public' && !allowedBeforeEnrolment(method, url)) {
      throw new AppError({ code: 'totp_enrolment_required' });
    }
    return undefined;
  });
}
