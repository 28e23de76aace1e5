import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { totpRoutes } from '../totp/routes.ts';
import { providerRoutes } from './providers.ts';
import { referenceRoutes } from './reference-routes.ts';
import { treeRoutes } from './tree.ts';
import { unitRoutes } from './units.ts';

// Registers the routes of the organisations capability: reference data, units, providers, org tree,
// TOTP (docs/organisations.md). Accounts in scope are modules/accounts (registered by app.ts).
// Matrix entries: platform/authz-organisations.ts.
export const organisationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(referenceRoutes);
  await app.register(unitRoutes);
  await app.register(providerRoutes);
  await app.register(treeRoutes);
  await app.register(totpRoutes);
};
