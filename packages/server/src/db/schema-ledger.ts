// Tables of the transparency ledger and the seals (docs/ledger.md "Server").
export type LedgerStateTable = { id: number; size: number };
export type LedgerLeafTable = { leaf_index: number; event_id: number; leaf_hash: string; data: string };
export type LedgerNodeTable = { level: number; idx: number; hash: string };
export type LedgerSignerStateTable = { id: number; processed_size: number; border: string };
export type LedgerHeadTable = { tree_size: number; root_hash: string; timestamp: string; key_id: string; signature: string };
export type SealKeyTable = {
  key_id: string;
  org_id: string;
  alg: string;
  public_key: string;
  valid_from: string;
  valid_to: string;
  created_at: string;
};

export type LedgerTables = {
  ledger_state: LedgerStateTable;
  ledger_leaves: LedgerLeafTable;
  ledger_nodes: LedgerNodeTable;
  ledger_signer_state: LedgerSignerStateTable;
  ledger_heads: LedgerHeadTable;
  seal_keys: SealKeyTable;
};
