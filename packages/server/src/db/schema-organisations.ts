// Tables and columns of the organisations capability (units, providers, accounts in scope, TOTP).
// Owned by modules/organisations, modules/accounts, modules/totp; see docs/organisations.md.
import type { Generated } from 'kysely';

/** Columns 0003-organisations adds to `accounts`: the second factor (RFC 6238). */
export type AccountOrganisationColumns = {
  /** The base32 TOTP secret, encrypted like personal data (deps.pii.encrypt); null: none set up. */
  totp_secret_enc: string | null;
  /** 1 once the holder proved the secret with a code; login then asks for a code. */
  totp_enabled: Generated<number>;
  /** The last accepted 30-second step: a code is never accepted twice (RFC 6238 §5.2). */
  totp_last_step: number | null;
};

/** Columns 0003-organisations adds to `orgs`: registration details of units and providers. */
export type OrgOrganisationColumns = {
  address: string | null;
  contact_name: string | null;
  /** The contact's mobile number: encrypted, with a masked copy for display (SPEC "Privacy"). */
  contact_phone_enc: string | null;
  contact_phone_masked: string | null;
  /** The reason given with a rejected registration or filing. */
  decision_reason: string | null;
  /** When a bureau approved (filed) or rejected the registration. */
  decided_at: string | null;
};

/** Industries of the authorities (行业主管部门): reference data, loaded at start-up. */
export type IndustryTable = {
  code: string;
  name: string;
  /** Display order. */
  position: number;
};

export type OrganisationTables = {
  industries: IndustryTable;
};

/** Review states of a registered unit or provider (stored in `orgs.status`). */
export type OrgReviewStatus = 'pending' | 'active' | 'rejected';
