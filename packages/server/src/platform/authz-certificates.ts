import type { Access } from './authz-types.ts';
import { bureaus, reviewersOfPeople } from './authz-types.ts';

// Certificates: anyone verifies (Art. 3: title committees, employers, the public); bureaus issue and
// revoke in their scope (Art. 12); the holder and the reviewers over them download the PDF.
export const certificateAccess: Record<string, Access> = {
  'GET /api/v1/certificates/:number': 'public',
  'POST /api/v1/certificates/:number/issue': bureaus,
  'POST /api/v1/certificates/:number/revoke': bureaus,
  'POST /api/v1/certificates/:number/reinstate': bureaus,
  'GET /api/v1/certificates/:number/pdf': ['person', ...reviewersOfPeople],
  'GET /api/v1/certificates/:number/credential': ['person', ...reviewersOfPeople],
};
