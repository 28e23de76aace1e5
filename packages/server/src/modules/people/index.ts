import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// Registers the routes of the people capability: registrations, transfers, notifications, profile,
// reveal (docs/organisations.md). Their matrix entries are in platform/authz-people.ts.
export const peopleRoutes: FastifyPluginAsyncTypebox = async () => {};
