import type { ActorKind } from './actor.ts';
import { organisationAccess } from './authz-organisations.ts';
import { peopleAccess } from './authz-people.ts';
import { certificateAccess } from './authz-certificates.ts';
import { ledgerAccess } from './authz-ledger.ts';
import { policyAccess } from './authz-policy.ts';
import { recordAccess } from './authz-records.ts';
import { evidenceAccess } from './authz-evidence.ts';
import { everyone, reviewersOfPeople, type Access } from './authz-types.ts';

// The authorization matrix: every API route, and which actors may call it. It is data, checked at
// start-up (a route missing here refuses to register) and walked by test/authorization-matrix.test.ts,
// which calls every route as every actor on objects inside and outside their scope.
// 'public' routes need no login. Object-level scope (which person, which record) is decided by the
// scoped repositories; an object outside the caller's scope answers 404.
export type { Access } from './authz-types.ts';

export const routeAccess: Record<string, Access> = {
  'GET /api/v1/health': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': everyone,
  'GET /api/v1/me': everyone,
  'POST /api/v1/me/password': everyone,
  'GET /api/v1/persons': reviewersOfPeople,
  'GET /api/v1/persons/:id': ['person', ...reviewersOfPeople],
  'GET /api/v1/audit/events': ['admin', 'bureau-province'],
  ...peopleAccess,
  ...organisationAccess,
  ...policyAccess,
  ...recordAccess,
  ...evidenceAccess,
  ...ledgerAccess,
  ...certificateAccess,
};

export const routeKey = (method: string, url: string): string => `${method.toUpperCase()} ${url}`;

export function accessOf(method: string, url: string): Access | undefined {
  return routeAccess[routeKey(method, url)];
}

export function mayCall(access: Access, kind: ActorKind | undefined): boolean {
  if (access === 'public') return true;
  return kind !== undefined && access.includes(kind);
}
