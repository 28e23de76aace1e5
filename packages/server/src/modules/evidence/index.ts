// Evidence of records (Art. 10): see docs/evidence.md. Matrix entries: platform/authz-evidence.ts.
export { evidenceRoutes } from './routes.ts';
export { sweepEvidence } from './service.ts';
export { evidenceTypesOf } from './repository.ts';
