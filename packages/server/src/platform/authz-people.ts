import type { Access } from './authz-types.ts';

// Authorization matrix entries of the people capability (merged into platform/authz.ts).
export const peopleAccess: Record<string, Access> = {};
