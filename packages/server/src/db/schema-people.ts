import type { Generated } from 'kysely';

// Tables and columns of the people capability (registration, transfers, notifications).
// Owned by modules/registrations, modules/transfers, modules/notifications; see docs/organisations.md.

export const educationLevels = ['博士研究生', '硕士研究生', '大学本科', '大学专科', '中专及以下'] as const;
export const titleLevels = ['正高级', '副高级', '中级', '助理级', '员级', '未取得'] as const;
export type Education = (typeof educationLevels)[number];
export type TitleLevel = (typeof titleLevels)[number];

/** Columns 0002-people adds to `persons`. Nullable: rows older than the migration may lack them. */
export type PersonPeopleColumns = {
  email: string | null;
  education: Education | null;
  major: string | null;
  title_series: string | null;
  title_level: TitleLevel | null;
  department: string | null;
  /** When the current registration was (re)submitted: the 7-day overdue clock starts here. */
  submitted_at: string | null;
  /** When the unit (or a bureau, once overdue) approved or rejected it. */
  decided_at: string | null;
  /** The reason given with a rejection (Chinese, shown to the person). */
  decision_reason: string | null;
};

/** Columns 0002-people adds to `audit_events`. */
export type AuditEventPeopleColumns = {
  /** Free text a workflow must record with the event, e.g. the reason given for revealing personal data. */
  note: string | null;
};

/**
 * Art. 13: one serial counter per issuing code + county code (the 4 digits after `41`), taken with an
 * atomic upsert inside the approving transaction, so concurrent approvals serialise on the row.
 */
export type CertificateSerialTable = {
  /** Issuing code (2 digits) + county code (2 digits). */
  prefix: string;
  last_serial: number;
  updated_at: string;
};

export type RegistrationAction = 'submitted' | 'approved' | 'rejected' | 'withdrawn' | 'resubmitted' | 'transferred';

/** Every step of a person's registration and unit membership, in order (SPEC "Registration": history is kept). */
export type RegistrationHistoryTable = {
  /** Auto-increment: the order of the steps, even when two fall within the same millisecond. */
  id: Generated<number>;
  person_id: string;
  at: string;
  action: RegistrationAction;
  /** The unit the step concerns (for a transfer: the new unit). */
  unit_id: string;
  reason: string | null;
  actor_account_id: string | null;
};

export type TransferStatus = 'pending' | 'accepted' | 'rejected' | 'cancelled';

/** A transfer (调动): requested by the person, accepted or rejected by the new unit. */
export type TransferTable = {
  id: string;
  person_id: string;
  from_unit_id: string;
  to_unit_id: string;
  department: string | null;
  status: TransferStatus;
  requested_at: string;
  decided_at: string | null;
  reason: string | null;
  version: number;
  updated_at: string;
};

/** A notice to an organisation (all its staff accounts) or to one person. */
export type NotificationTable = {
  /** Auto-increment: the order of notices (newest first) and the list cursor. */
  seq: Generated<number>;
  /** UUIDv7: the notice's id in URLs. */
  id: string;
  recipient_kind: 'org' | 'person';
  recipient_id: string;
  at: string;
  kind: string;
  title: string;
  body: string;
  /** Makes a notice idempotent (e.g. one overdue notice per submitted registration); null: none. */
  dedupe_key: string | null;
};

/** Read state per account: several admins of one unit each have their own. */
export type NotificationReadTable = {
  notification_id: string;
  account_id: string;
  read_at: string;
};

export type PeopleTables = {
  certificate_serials: CertificateSerialTable;
  registration_history: RegistrationHistoryTable;
  transfers: TransferTable;
  notifications: NotificationTable;
  notification_reads: NotificationReadTable;
};
