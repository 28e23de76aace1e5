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
  /** Whether the account has a second factor (TOTP); sent by servers that know it. */
  totpEnabled?: boolean;
};

/** Returned by login and by GET /me: the user plus the CSRF pair for writes. */
export type Session = {
  user: User;
  csrfHeader: string;
  csrfToken: string;
  mustChangePassword: boolean;
  /** JIXU_REQUIRE_2FA: a bureau or authority account must enrol TOTP before anything else. */
  mustEnrolTotp?: boolean;
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
  phoneMasked?: string | null;
  email?: string | null;
  education?: string | null;
  major?: string | null;
  titleSeries?: string | null;
  titleLevel?: string | null;
  department?: string | null;
  registeredAt?: string | null;
};

export type Account = {
  id: string;
  username: string;
  role: Role;
  name: string;
  orgId?: string | null;
  orgName: string | null;
  disabled: boolean;
  totpEnabled?: boolean;
  mustChangePassword?: boolean;
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
