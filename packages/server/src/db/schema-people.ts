// Tables and columns of the people capability (registration, transfers, notifications).
// Owned by modules/registrations, modules/transfers, modules/notifications; see docs/organisations.md.
export type PersonPeopleColumns = Record<never, never>;
export type AuditEventPeopleColumns = Record<never, never>;
export type PeopleTables = Record<never, never>;
