// Shapes of the server's JSON, as fixed by the API contract.

export type Role = 'person' | 'unit' | 'provider' | 'authority' | 'bureau' | 'admin';

export type ScopeLevel = 'platform' | 'province' | 'city' | 'county' | 'authority' | 'unit' | 'provider' | 'person';

export type Scope = {
  level: ScopeLevel;
  orgId?: string;
  orgName?: string;
  regionCode?: string;
};

export type User = {
  id: string;
  username: string;
  role: Role;
  name: string;
  scope: Scope;
  personId?: string;
  certificateNumber?: string;
};

/** Returned by login and by GET /me: the user plus the CSRF pair for writes. */
export type Session = {
  user: User;
  csrfHeader: string;
  csrfToken: string;
  mustChangePassword: boolean;
};

export type Page<T> = {
  items: T[];
  nextCursor: string | null;
};

export type PersonStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export type PersonSummary = {
  id: string;
  name: string;
  maskedIdNumber: string;
  unitId: string;
  unitName: string;
  status: PersonStatus;
  certificateNumber: string | null;
};

export type PersonDetail = PersonSummary & {
  sex: 'male' | 'female';
  birthDate: string;
};

export type Account = {
  id: string;
  username: string;
  role: Role;
  name: string;
  orgName: string | null;
  disabled: boolean;
  lastLoginAt: string | null;
};

export type AuditEvent = {
  id: string;
  at: string;
  actorName: string | null;
  role: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  requestId: string | null;
};

/** RFC 9457 problem details, as the server sends them. */
export type Problem = {
  type?: string;
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors?: { field: string; message: string }[];
};
