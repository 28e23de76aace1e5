import type { Generated, Insertable, Selectable } from 'kysely';
import type { AccountOrganisationColumns, OrganisationTables, OrgOrganisationColumns } from './schema-organisations.ts';
import type { AuditEventPeopleColumns, PeopleTables, PersonPeopleColumns } from './schema-people.ts';
import type { CertificateTables } from './schema-certificates.ts';
import type { LedgerTables } from './schema-ledger.ts';
import type { PolicyTables } from './schema-policy.ts';
import type { EvidenceTables } from './schema-evidence.ts';

// Storage conventions (docs/architecture.md "Storage"): instants are ISO-8601 UTC text, flags are
// integers 0/1 and JSON is text, so both engines return the same JavaScript values.

export type RegionTable = {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parent_code: string | null;
  /** NBS statistical codes (development zones) are not GB/T 2260 divisions: never offered as regions. */
  statistical: number;
  valid_from: string;
  valid_to: string | null;
};

export type OrgKind = 'platform' | 'bureau' | 'authority' | 'unit' | 'provider';
export type OrgLevel = 'province' | 'city' | 'county';

export type OrgTable = {
  id: string;
  kind: OrgKind;
  name: string;
  region_code: string | null;
  level: OrgLevel | null;
  /** The supervising org of a bureau or authority (explicit, never derived from a region prefix). */
  parent_id: string | null;
  /** For units and providers: the bureau that supervises them (approves registrations). */
  bureau_id: string | null;
  /** For units: the industry authority that verifies professional-subject hours. */
  authority_id: string | null;
  /** For units: the bureau that issues its people's certificates (Art. 12). */
  issuing_bureau_id: string | null;
  /** For bureaus: the 2-digit issuing code of Art. 13. */
  issuing_code: string | null;
  industry: string | null;
  uscc: string | null;
  status: 'active' | 'pending' | 'disabled' | 'rejected';
  version: number;
  created_at: string;
  updated_at: string;
};

export type Role = 'person' | 'unit' | 'provider' | 'authority' | 'bureau' | 'admin';

export type AccountTable = {
  id: string;
  /** HMAC of the normalised username: the lookup key (a person's username is their ID number). */
  username_key: string;
  /** What may be shown: the username, or the masked ID number for persons. */
  username_display: string;
  password_hash: string;
  role: Role;
  name: string;
  org_id: string | null;
  person_id: string | null;
  disabled: number;
  must_change_password: number;
  last_login_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

export type PersonTable = {
  id: string;
  name: string;
  id_number_enc: string;
  id_number_index: string;
  id_number_masked: string;
  sex: 'male' | 'female';
  birth_date: string;
  phone_enc: string | null;
  phone_masked: string | null;
  unit_id: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  certificate_number: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

export type SessionTable = {
  /** SHA-256 of the session id: a stolen database does not yield usable cookies. */
  id_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
};

export type LoginThrottleTable = {
  /** HMAC of the normalised username, whether or not such an account exists. */
  key: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
};

export type AuditEventTable = {
  id: Generated<number>;
  at: string;
  actor_account_id: string | null;
  actor_role: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  before_digest: string | null;
  after_digest: string | null;
  request_id: string | null;
};

export type Database = {
  regions: RegionTable;
  orgs: OrgTable & OrgOrganisationColumns;
  accounts: AccountTable & AccountOrganisationColumns;
  persons: PersonTable & PersonPeopleColumns;
  sessions: SessionTable;
  login_throttle: LoginThrottleTable;
  audit_events: AuditEventTable & AuditEventPeopleColumns;
} & PeopleTables & OrganisationTables & PolicyTables & LedgerTables & CertificateTables & EvidenceTables;

export type Org = Selectable<Database['orgs']>;
export type Account = Selectable<Database['accounts']>;
export type Person = Selectable<Database['persons']>;
export type NewAuditEvent = Insertable<Database['audit_events']>;
