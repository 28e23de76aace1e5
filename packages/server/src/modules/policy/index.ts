import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { calculatorRoutes } from './calculator.ts';
import { reductionRoutes } from './reductions.ts';
import { simulationRoutes } from './simulation.ts';
import { policyStoreOf } from './store.ts';
import { versionRoutes } from './versions.ts';
import { yearlyStatusRoutes } from './yearly-status.ts';

export { ensureDefaultPolicy, policyStoreOf } from './store.ts';

// Registers the routes of the policy capability: hours calculator, policy versions, yearly status,
// reductions, simulation (docs/policy.md "API"). Matrix entries: platform/authz-policy.ts.
// One PolicyStore (the cache of published versions) per application serves all of them.
export const policyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const store = policyStoreOf(app.deps);
  await app.register(calculatorRoutes(store));
  await app.register(versionRoutes(store));
  await app.register(simulationRoutes(store));
  await app.register(yearlyStatusRoutes(store));
  await app.register(reductionRoutes(store));
};
