import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { policyStoreOf } from '../policy/index.ts';
import { recordRoutesWith } from './routes.ts';

// Records (Art. 9–11): see docs/records.md. Matrix entries: platform/authz-records.ts.
export const recordRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(recordRoutesWith(policyStoreOf(app.deps)));
};
