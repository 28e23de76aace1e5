import type { Transaction } from 'kysely';
import type { AuditContext } from '../../platform/audit.ts';
import type { Database } from '../schema.ts';

/** Demo data of the policy capability (policy versions, records, leave periods), in the demo seed's transaction. */
export async function seedDemoRecords(_trx: Transaction<Database>, _ctx: AuditContext): Promise<void> {}
