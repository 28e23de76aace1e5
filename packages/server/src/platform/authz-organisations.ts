import type { ActorKind } from './actor.ts';
import { bureaus, type Access } from './authz-types.ts';

// Authorization matrix entries of the organisations capability (merged into platform/authz.ts).
// Which org or account (in or out of scope) is decided in SQL by platform/scope-orgs.ts: 404 outside.
const staff: readonly ActorKind[] = ['admin', ...bureaus, 'authority', 'unit', 'provider'];
const reviewersOfOrgs: readonly ActorKind[] = bureaus;
const secondFactor: readonly ActorKind[] = [...bureaus, 'authority'];

export const organisationAccess: Record<string, Access> = {
  // Reference data and self-registration (public; registrations are rate-limited per address).
  'GET /api/v1/regions': 'public',
  'GET /api/v1/industries': 'public',
  'GET /api/v1/authorities': 'public',
  'GET /api/v1/units/search': 'public',
  'POST /api/v1/unit-registrations': 'public',
  'POST /api/v1/provider-registrations': 'public',

  // Units and providers: the bureau of their region or one above it reviews them.
  'GET /api/v1/orgs/units': ['admin', ...bureaus],
  'POST /api/v1/orgs/units/:id/approve': reviewersOfOrgs,
  'POST /api/v1/orgs/units/:id/reject': reviewersOfOrgs,
  'GET /api/v1/orgs/providers': ['admin', ...bureaus],
  'POST /api/v1/orgs/providers/:id/file': reviewersOfOrgs,
  'POST /api/v1/orgs/providers/:id/reject': reviewersOfOrgs,
  'GET /api/v1/orgs/tree': ['admin', ...bureaus, 'authority'],
  'GET /api/v1/orgs/:id': staff,

  // Accounts in scope (these entries replace the admin-only ones of the foundation in authz.ts).
  'GET /api/v1/accounts': staff,
  'POST /api/v1/accounts': staff,
  'POST /api/v1/accounts/:id/disable': staff,
  'POST /api/v1/accounts/:id/enable': staff,
  'POST /api/v1/accounts/:id/reset-password': staff,
  'POST /api/v1/accounts/:id/reset-totp': ['admin', ...bureaus, 'authority'],

  // Second factor of reviewers (RFC 6238).
  'POST /api/v1/me/totp/setup': secondFactor,
  'POST /api/v1/me/totp/enable': secondFactor,
  'POST /api/v1/me/totp/disable': secondFactor,
};
