// A small province for the review tests: one person in a Jinshui hospital (unit u-zzu, supervised by
// the Jinshui county bureau, certificates issued by the Zhengzhou city bureau, Art. 12; industry
// authority the Zhengzhou health commission under the provincial one), and everyone else who might try
// to act on their records.

import type { RecordChannel, RecordState, ReviewActor, ReviewCategory, ReviewRecord } from './types.ts';

const actor = (accountId: string, kind: ReviewActor['kind'], orgId: string | null, scopeOrgIds: string[] = []): ReviewActor => ({
  accountId,
  kind,
  orgId,
  scopeOrgIds,
});

/** Every actor, by a short name used in the tables. */
export const CAST = {
  person: { ...actor('acc-person', 'person', null), personId: 'person-1' },
  otherPerson: { ...actor('acc-person-2', 'person', null), personId: 'person-2' },
  unitAdmin: actor('acc-unit', 'unit', 'u-zzu'),
  unitAdmin2: actor('acc-unit-b', 'unit', 'u-zzu'),
  otherUnit: actor('acc-unit-lyu', 'unit', 'u-lyu'),
  province: actor('acc-henan', 'bureau', 'b-41', ['b-4101', 'b-410105', 'b-4103', 'b-4181', 'u-zzu', 'u-lyu']),
  city: actor('acc-zhengzhou', 'bureau', 'b-4101', ['b-410105', 'u-zzu']),
  county: actor('acc-jinshui', 'bureau', 'b-410105', ['u-zzu']),
  otherCity: actor('acc-luoyang', 'bureau', 'b-4103', ['u-lyu']),
  gongyi: actor('acc-gongyi', 'bureau', 'b-4181', []),
  authorityProvince: actor('acc-weijian', 'authority', 'a-41-health', ['a-4101-health', 'u-zzu']),
  authority: actor('acc-zz-health', 'authority', 'a-4101-health', ['u-zzu']),
  otherAuthority: actor('acc-edu', 'authority', 'a-41-edu', ['u-lyu']),
  provider: actor('acc-provider', 'provider', 'p-filed'),
  otherProvider: actor('acc-provider-2', 'provider', 'p-other'),
  admin: actor('acc-admin', 'admin', null),
  /** A city-bureau reviewer who is also the person of the record (registered as a professional). */
  cityStaffWhoIsThePerson: { ...actor('acc-zhengzhou-2', 'bureau', 'b-4101', ['b-410105', 'u-zzu']), personId: 'person-1' },
} satisfies Record<string, ReviewActor>;

export type CastName = keyof typeof CAST;
export const CAST_NAMES = Object.keys(CAST) as CastName[];

export function recordOf(options: {
  channel: RecordChannel;
  category?: ReviewCategory;
  state?: RecordState;
  providerFiled?: boolean;
  authorityId?: string | null;
  issuingBureauId?: string | null;
}): ReviewRecord {
  const { channel } = options;
  const declaredBy = channel === 'person' ? 'acc-person' : channel === 'unit' ? 'acc-unit' : 'acc-provider';
  const fromProvider = channel === 'provider' || channel === 'platform';
  return {
    state: options.state ?? 'draft',
    category: options.category ?? 'public',
    channel,
    declaredBy,
    personAccountId: 'acc-person',
    personId: 'person-1',
    unitId: 'u-zzu',
    issuingBureauId: options.issuingBureauId === undefined ? 'b-4101' : options.issuingBureauId,
    authorityId: options.authorityId === undefined ? 'a-4101-health' : options.authorityId,
    providerId: fromProvider ? 'p-filed' : null,
    providerFiled: fromProvider ? (options.providerFiled ?? true) : false,
  };
}
