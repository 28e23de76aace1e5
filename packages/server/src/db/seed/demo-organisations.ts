import type { Transaction } from 'kysely';
import type { AuditContext } from '../../platform/audit.ts';
import type { Database } from '../schema.ts';

/** Demo data of the organisations capability, run inside the demo seed's transaction. */
export async function seedDemoOrganisations(_trx: Transaction<Database>, _ctx: AuditContext): Promise<void> {}
