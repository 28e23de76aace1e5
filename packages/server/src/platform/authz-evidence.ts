import { reviewersOfPeople, type Access } from './authz-types.ts';

// Authorization matrix entries of record evidence (Art. 10; merged into platform/authz.ts). Uploading
// and deleting is the declarer's (a person or a unit) while the record is a draft or returned; reading
// follows the record (GET /records/:id). The service checks the record and the scope (outside → 404).
const declarers = ['person', 'unit'] as const;

export const evidenceAccess: Record<string, Access> = {
  'POST /api/v1/records/:id/evidence': declarers,
  'GET /api/v1/records/:id/evidence': ['person', ...reviewersOfPeople],
  'GET /api/v1/evidence/:id': ['person', ...reviewersOfPeople],
  'DELETE /api/v1/evidence/:id': declarers,
};
