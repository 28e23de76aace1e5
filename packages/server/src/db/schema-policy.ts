// Tables of the policy capability (policy versions, records as far as yearly status needs them,
// leave periods of Art. 8). Owned by modules/policy; see docs/policy.md.
export type PolicyTables = Record<never, never>;
