// Merkle log hashing (RFC 9162 §2.1) for the ledger of Art. 15. The node:crypto hash functions live
// in ./hashes.ts and are exported separately so the rest stays free of Node APIs.
export * from './tree.ts';
export * from './compact-range.ts';
export * from './verify.ts';
export * from './hex.ts';
