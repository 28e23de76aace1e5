import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// Registers the routes of the policy capability: hours calculator, policy versions, yearly status,
// reductions (docs/policy.md). Matrix entries: platform/authz-policy.ts.
export const policyRoutes: FastifyPluginAsyncTypebox = async () => {};
