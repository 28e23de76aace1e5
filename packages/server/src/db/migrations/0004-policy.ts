import type { Kysely } from 'kysely';
import type { Engine } from '../database.ts';

// Schema of the policy capability (docs/policy.md).
export function policy(_engine: Engine) {
  return {
    async up(_db: Kysely<unknown>): Promise<void> {},
  };
}
