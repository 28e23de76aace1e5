import type { Kysely } from 'kysely';
import type { Engine } from '../database.ts';

// Schema of the organisations capability (docs/organisations.md).
export function organisations(_engine: Engine) {
  return {
    async up(_db: Kysely<unknown>): Promise<void> {},
  };
}
