import { bureaus, everyone, type Access } from './authz-types.ts';

// Authorization matrix entries of the people capability (merged into platform/authz.ts). Which
// object an allowed actor may touch is decided by the scoped repositories (outside scope → 404).
export const peopleAccess: Record<string, Access> = {
  // SPEC "Registration": anyone may register (rate-limited per address); the person follows it.
  'POST /api/v1/registrations': 'public',
  'GET /api/v1/me/registration': ['person'],
  'POST /api/v1/me/registration/withdraw': ['person'],
  'POST /api/v1/me/registration/resubmit': ['person'],
  // The unit decides; its bureaus see and may decide the overdue ones (waiting more than 7 days).
  'GET /api/v1/registrations': ['unit', ...bureaus],
  'POST /api/v1/registrations/:id/approve': ['unit', ...bureaus],
  'POST /api/v1/registrations/:id/reject': ['unit', ...bureaus],
  'POST /api/v1/registrations/bulk': ['unit', ...bureaus],
  'GET /api/v1/me/profile': ['person'],
  'PATCH /api/v1/me/profile': ['person'],
  // Transfers (调动): the person asks, the new unit decides, both units see them.
  'POST /api/v1/me/transfers': ['person'],
  'GET /api/v1/me/transfers': ['person'],
  'POST /api/v1/me/transfers/:id/cancel': ['person'],
  'GET /api/v1/transfers': ['unit'],
  'POST /api/v1/transfers/:id/accept': ['unit'],
  'POST /api/v1/transfers/:id/reject': ['unit'],
  'GET /api/v1/me/notifications': everyone,
  'POST /api/v1/me/notifications/:id/read': everyone,
  // Full ID number and phone: the person, their unit's admins, the bureaus over them; never authorities.
  'POST /api/v1/persons/:id/reveal': ['person', 'unit', ...bureaus],
};
