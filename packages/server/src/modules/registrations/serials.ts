import { buildCertificateNumber } from '@jixu/domain';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';

// Art. 13: the certificate number is `41` + issuing code + county code + a 9-digit serial + a MOD 11-10
// check digit, given when the registration is approved and never changed afterwards (not even by a
// transfer). One counter per issuing code + county code.

type Executor = Transaction<Database> | Db;

/**
 * Takes the next serial of a counter with one atomic upsert. Called inside the approving transaction:
 * on PostgreSQL concurrent approvals wait on the counter row (ON CONFLICT DO UPDATE re-reads the
 * committed value) instead of failing, and a rolled-back approval gives its serial back; SQLite runs
 * one transaction at a time. Serials are unique; gaps are tolerated.
 */
export async function takeCertificateSerial(trx: Executor, prefix: string, at: string): Promise<number> {
  const row = await trx
    .insertInto('certificate_serials')
    .values({ prefix, last_serial: 1, updated_at: at })
    .onConflict((oc) => oc.column('prefix').doUpdateSet((eb) => ({ last_serial: eb('certificate_serials.last_serial', '+', 1), updated_at: at })))
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  return Number(row.last_serial);
}

/** Positions 5–6: the county of the unit's region; `00` for province- and city-level units. */
export const countyCodeOf = (regionCode: string): string => (regionCode.length >= 6 ? regionCode.slice(4, 6) : '00');

/** Allocates the certificate number of a person of a unit with this region and issuing code. */
export async function allocateCertificateNumber(trx: Executor, options: { issuingCode: string; regionCode: string; at: string }): Promise<string> {
  const countyCode = countyCodeOf(options.regionCode);
  const serial = await takeCertificateSerial(trx, `${options.issuingCode}${countyCode}`, options.at);
  return buildCertificateNumber({ issuingCode: options.issuingCode, countyCode, serial });
}

/** The issuing code (Art. 12: the unit's issuing bureau) and region of a unit, if both are known. */
export async function issuingOfUnit(trx: Executor, unitId: string): Promise<{ issuingCode: string; regionCode: string } | undefined> {
  const row = await trx
    .selectFrom('orgs as u')
    .innerJoin('orgs as b', 'b.id', 'u.issuing_bureau_id')
    .select(['b.issuing_code', 'u.region_code'])
    .where('u.id', '=', unitId)
    .executeTakeFirst();
  if (!row?.issuing_code || !row.region_code) return undefined;
  return { issuingCode: row.issuing_code, regionCode: row.region_code };
}
