export * from './canonical-json.ts';
export * from './identifiers/index.ts';
// The Merkle tree code is pure; its node:crypto hash functions are imported from
// '@jixu/domain/merkle-hashes' so a browser bundle of the domain never pulls node:crypto in.
export * from './merkle/index.ts';
export * as policy from './policy/index.ts';
export * as review from './review/index.ts';
