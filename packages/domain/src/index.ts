export * from './canonical-json.ts';
export * from './identifiers/index.ts';
