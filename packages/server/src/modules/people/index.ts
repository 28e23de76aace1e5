import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notificationRoutes } from '../notifications/routes.ts';
import { profileRoutes } from '../persons/profile.ts';
import { revealRoutes } from '../persons/reveal.ts';
import { registrationRoutes } from '../registrations/routes.ts';
import { transferRoutes } from '../transfers/routes.ts';

export { notifyOverdueRegistrations } from '../registrations/overdue.ts';

// Registers the routes of the people capability: registrations, transfers, notifications, profile,
// reveal (docs/organisations.md). Their matrix entries are in platform/authz-people.ts.
export const peopleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(registrationRoutes);
  await app.register(transferRoutes);
  await app.register(notificationRoutes);
  await app.register(profileRoutes);
  await app.register(revealRoutes);
};
