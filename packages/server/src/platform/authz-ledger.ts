import type { Access } from './authz-types.ts';

// The ledger and the seal keys are public: anyone may verify (Art. 15).
export const ledgerAccess: Record<string, Access> = {
  'GET /api/v1/keys': 'public',
  'GET /api/v1/ledger/head': 'public',
  'GET /api/v1/ledger/entries': 'public',
  'GET /api/v1/ledger/proofs/inclusion': 'public',
  'GET /api/v1/ledger/proofs/consistency': 'public',
};
