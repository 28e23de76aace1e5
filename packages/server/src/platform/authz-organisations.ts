import type { Access } from './authz-types.ts';

// Authorization matrix entries of the organisations capability (merged into platform/authz.ts).
export const organisationAccess: Record<string, Access> = {};
