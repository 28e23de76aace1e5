// Tables and columns of the organisations capability (units, providers, accounts in scope, TOTP).
// Owned by modules/organisations, modules/accounts, modules/totp; see docs/organisations.md.
export type AccountOrganisationColumns = Record<never, never>;
export type OrgOrganisationColumns = Record<never, never>;
export type OrganisationTables = Record<never, never>;
