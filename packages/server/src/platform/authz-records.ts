import { bureaus, reviewersOfPeople, type Access } from './authz-types.ts';

// Authorization matrix entries of records (Art. 9–11; merged into platform/authz.ts). The service
// decides the rest with review.decide and the scope (outside scope → 404).
const declarers = ['person', 'unit'] as const;
const registrars = ['person', 'unit', 'provider'] as const;
const reviewers = ['unit', 'authority', ...bureaus] as const;
const readers = ['person', 'provider', ...reviewersOfPeople] as const;

export const recordAccess: Record<string, Access> = {
  // Art. 9: people and units declare; a filed provider registers its trainees (verified on arrival).
  'POST /api/v1/records': registrars,
  'GET /api/v1/records': readers,
  'GET /api/v1/records/pending': readers,
  'GET /api/v1/records/:id': readers,
  'GET /api/v1/records/:id/history': readers,
  'PATCH /api/v1/records/:id': registrars,
  'DELETE /api/v1/records/:id': registrars,
  'POST /api/v1/records/:id/submit': registrars,
  'POST /api/v1/records/:id/resubmit': declarers,
  'POST /api/v1/records/:id/withdraw': declarers,
  'POST /api/v1/records/:id/approve': ['unit'],
  'POST /api/v1/records/:id/verify': ['authority', ...bureaus],
  'POST /api/v1/records/:id/return': reviewers,
  'POST /api/v1/records/:id/reject': reviewers,
  'POST /api/v1/records/bulk': reviewers,
  // Art. 11(4): spot checks are the bureaus'.
  'POST /api/v1/records/:id/overturn': bureaus,
};
