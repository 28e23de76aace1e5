import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// Registers the routes of the organisations capability: reference data, units, providers, org tree,
// accounts in scope, TOTP (docs/organisations.md). Matrix entries: platform/authz-organisations.ts.
export const organisationRoutes: FastifyPluginAsyncTypebox = async () => {};
