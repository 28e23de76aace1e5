import type { Access } from './authz-types.ts';

// Authorization matrix entries of the policy capability (merged into platform/authz.ts).
export const policyAccess: Record<string, Access> = {};
