export * from './resident-id.ts';
export * from './phone.ts';
export * from './uscc.ts';
export * from './certificate-number.ts';
