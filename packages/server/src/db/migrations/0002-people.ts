import type { Kysely } from 'kysely';
import type { Engine } from '../database.ts';

// Schema of the people capability (docs/organisations.md).
export function people(_engine: Engine) {
  return {
    async up(_db: Kysely<unknown>): Promise<void> {},
  };
}
