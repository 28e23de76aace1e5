import { bureaus, reviewersOfPeople, type Access } from './authz-types.ts';

// Authorization matrix entries of records (Art. 9–11; merged into platform/authz.ts). The service
// decides the rest with review.decide and the scope (outside scope → 404).
const declarers = ['person', 'unit'] as const;
const reviewers = ['unit', 'authority', ...bureaus] as const;

export const recordAccess: Record<string, Access> = {
  'POST /api/v1/records': declarers,
  'GET /api/v1/records': ['person', ...reviewersOfPeople],
  'GET /api/v1/records/:id': ['person', ...reviewersOfPeople],
  'POST /api/v1/records/:id/submit': declarers,
  'POST /api/v1/records/:id/resubmit': declarers,
  'POST /api/v1/records/:id/withdraw': declarers,
  'POST /api/v1/records/:id/approve': ['unit'],
  'POST /api/v1/records/:id/verify': ['authority', ...bureaus],
  'POST /api/v1/records/:id/return': reviewers,
  'POST /api/v1/records/:id/reject': reviewers,
};
