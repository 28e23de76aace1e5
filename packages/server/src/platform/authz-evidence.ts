import { reviewersOfPeople, type Access } from './authz-types.ts';

// Authorization matrix entries of record evidence (Art. 10; merged into platform/authz.ts). Uploading
// and deleting is the declarer's (a person or a unit) while the record is a draft or returned; reading
// follows the record (GET /records/:id). The service checks the record and the scope (outside → 404).
const declarers = ['person', 'unit'] as const;

export const evidenceAccess: Record<string, Access> = {
  'POST /api/v1/records/:id/evidence': declarers,
  // A provider reads the evidence of the records it registered (scope: records.provider_id).
  'GET /api/v1/records/:id/evidence': ['person', 'provider', ...reviewersOfPeople],
  'GET /api/v1/evidence/:id': ['person', 'provider', ...reviewersOfPeople],
  'DELETE /api/v1/evidence/:id': declarers,
};
