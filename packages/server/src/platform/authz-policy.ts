import { bureaus, reviewersOfPeople, type Access } from './authz-types.ts';

// Authorization matrix entries of the policy capability (merged into platform/authz.ts); see
// docs/policy.md "API". The calculator and the policy texts are public (the measures are public
// regulation; drafts are hidden from all but the provincial bureau by the service). Only the
// provincial bureau makes policy (Art. 17: the provincial bureau interprets the measures).
const province = ['bureau-province'] as const;

export const policyAccess: Record<string, Access> = {
  'POST /api/v1/policy/evaluate': 'public',
  'GET /api/v1/policies': 'public',
  'GET /api/v1/policies/:id': 'public',
  'POST /api/v1/policies': province,
  'PUT /api/v1/policies/:id': province,
  'POST /api/v1/policies/:id/simulate': province,
  'POST /api/v1/policies/:id/publish': province,
  // API.md "Yearly status": the person, their unit, the bureaus and authority over them (scope decides).
  'GET /api/v1/persons/:id/years/:year': ['person', ...reviewersOfPeople],
  // Art. 8: the person or their unit declares; the unit approves; reviewers above may look.
  'GET /api/v1/persons/:id/leave-periods': ['person', ...reviewersOfPeople],
  'POST /api/v1/persons/:id/leave-periods': ['person', 'unit'],
  'GET /api/v1/leave-periods': ['unit', 'authority', ...bureaus],
  'POST /api/v1/leave-periods/:id/approve': ['unit'],
  'POST /api/v1/leave-periods/:id/reject': ['unit'],
};
