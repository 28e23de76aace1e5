import type { Access } from './authz-types.ts';

// The ledger and the seal keys are public: anyone may verify (Art. 15).
export const ledgerAccess: Record<string, Access> = {
  'GET /api/v1/keys': 'public',
  // Key management: the platform operator and the provincial bureau (which supervises every seal).
  'POST /api/v1/keys/rotate': ['admin', 'bureau-province'],
  'GET /api/v1/ledger/head': 'public',
  'GET /api/v1/ledger/entries': 'public',
  'GET /api/v1/ledger/proofs/inclusion': 'public',
  'GET /api/v1/ledger/proofs/consistency': 'public',
};
