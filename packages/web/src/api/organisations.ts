import { apiRequest } from './client.ts';
import type { PageQuery } from './endpoints.ts';
import type { Page } from './types.ts';

// Organisations (docs/organisations.md): reference data, unit and provider registration and review,
// the organisation tree, and the second factor (TOTP).
const base = '/api/v1';
const enc = encodeURIComponent;

export type RegionLevel = 'province' | 'city' | 'county';

export type Region = { code: string; name: string; level: RegionLevel; hasChildren: boolean };

export type Industry = { code: string; name: string };

export type AuthorityOption = { id: string; name: string; industry: string; level: string; regionCode: string };

export type UnitOption = { id: string; name: string; regionCode: string; regionName: string };

/** Review status of a registered unit or provider; a filed provider is `active` (备案). */
export type OrgStatus = 'pending' | 'active' | 'rejected' | 'disabled';

/** What a bureau reviews of a self-registered organisation (contact phone masked). */
type Application = {
  bureauName: string | null;
  contactName: string | null;
  contactPhoneMasked: string | null;
  reason: string | null;
  decidedAt: string | null;
};

export type UnitRow = {
  id: string;
  name: string;
  uscc: string | null;
  regionCode: string | null;
  regionName: string | null;
  authorityName: string | null;
  issuingBureauName: string | null;
  status: OrgStatus;
  createdAt: string;
  personCount: number;
  address: string | null;
} & Application;

export type ProviderRow = {
  id: string;
  name: string;
  uscc: string | null;
  regionCode: string | null;
  regionName: string | null;
  status: OrgStatus;
  createdAt: string;
} & Application;

export type OrgKind = 'bureau' | 'authority' | 'unit' | 'provider';

export type OrgNode = {
  id: string;
  name: string;
  kind: OrgKind;
  level: string | null;
  regionCode: string | null;
  unitCount: number;
  personCount: number;
  children: OrgNode[];
};

export type OrgDetail = {
  id: string;
  name: string;
  kind: OrgKind;
  level: string | null;
  regionCode: string | null;
  regionName: string | null;
  uscc: string | null;
  status: OrgStatus;
  parentName: string | null;
  bureauName: string | null;
  authorityName: string | null;
  issuingBureauName: string | null;
  issuingCode: string | null;
  industry?: string | null;
  address?: string | null;
  contactName?: string | null;
  contactPhoneMasked?: string | null;
  reason?: string | null;
  decidedAt?: string | null;
  createdAt?: string;
};

export type UnitRegistration = {
  name: string;
  uscc: string;
  regionCode: string;
  authorityId: string;
  address?: string;
  contactName: string;
  contactPhone: string;
  adminUsername: string;
  adminName: string;
  adminPassword: string;
};

export type ProviderRegistration = Omit<UnitRegistration, 'authorityId' | 'address'>;

export type TotpSetup = { secret: string; otpauthUri: string; qrSvg: string };

export type OrgListQuery = PageQuery & { status?: Exclude<OrgStatus, 'disabled'>; q?: string };

export const orgApi = {
  regions: (parent: string | undefined, signal?: AbortSignal) =>
    apiRequest<{ items: Region[] }>('GET', `${base}/regions`, { query: { parent }, signal }),

  industries: (signal?: AbortSignal) => apiRequest<{ items: Industry[] }>('GET', `${base}/industries`, { signal }),

  authorities: (query: { industry?: string; regionCode?: string }, signal?: AbortSignal) =>
    apiRequest<{ items: AuthorityOption[] }>('GET', `${base}/authorities`, { query, signal }),

  searchUnits: (query: { regionCode?: string; q?: string; limit?: number }, signal?: AbortSignal) =>
    apiRequest<{ items: UnitOption[] }>('GET', `${base}/units/search`, { query, signal }),

  registerUnit: (body: UnitRegistration) =>
    apiRequest<{ id: string; status: 'pending' }>('POST', `${base}/unit-registrations`, { body }),

  registerProvider: (body: ProviderRegistration) =>
    apiRequest<{ id: string; status: 'pending' }>('POST', `${base}/provider-registrations`, { body }),

  listUnits: (query: OrgListQuery, signal?: AbortSignal) =>
    apiRequest<Page<UnitRow>>('GET', `${base}/orgs/units`, { query, signal }),

  approveUnit: (id: string) => apiRequest<UnitRow>('POST', `${base}/orgs/units/${enc(id)}/approve`),

  rejectUnit: (id: string, reason: string) =>
    apiRequest<UnitRow>('POST', `${base}/orgs/units/${enc(id)}/reject`, { body: { reason } }),

  listProviders: (query: OrgListQuery, signal?: AbortSignal) =>
    apiRequest<Page<ProviderRow>>('GET', `${base}/orgs/providers`, { query, signal }),

  fileProvider: (id: string) => apiRequest<ProviderRow>('POST', `${base}/orgs/providers/${enc(id)}/file`),

  rejectProvider: (id: string, reason: string) =>
    apiRequest<ProviderRow>('POST', `${base}/orgs/providers/${enc(id)}/reject`, { body: { reason } }),

  tree: (signal?: AbortSignal) => apiRequest<{ root: OrgNode }>('GET', `${base}/orgs/tree`, { signal }),

  org: (id: string, signal?: AbortSignal) => apiRequest<OrgDetail>('GET', `${base}/orgs/${enc(id)}`, { signal }),

  totpSetup: () => apiRequest<TotpSetup>('POST', `${base}/me/totp/setup`),

  totpEnable: (code: string) => apiRequest<void>('POST', `${base}/me/totp/enable`, { body: { code } }),

  totpDisable: (code: string) => apiRequest<void>('POST', `${base}/me/totp/disable`, { body: { code } }),
};
