import type { OrgLevel, Role } from '../db/schema.ts';

/**
 * Who is asking, as the authorization matrix sees it: the role, and for bureaus their level
 * (Art. 1–2: tiered management; a county bureau is not a provincial one).
 */
export type ActorKind =
  | 'person'
  | 'unit'
  | 'provider'
  | 'authority'
  | 'bureau-province'
  | 'bureau-city'
  | 'bureau-county'
  | 'admin';

export const actorKinds: readonly ActorKind[] = [
  'person', 'unit', 'provider', 'authority', 'bureau-province', 'bureau-city', 'bureau-county', 'admin',
];

/**
 * The data an actor may reach. Every repository read of people or records takes a Scope and
 * filters in SQL (DESIGN "Scope is structural"): there is no unscoped way to list people.
 */
export type Scope =
  | { kind: 'platform' }
  | { kind: 'province'; orgId: string }
  | { kind: 'bureau'; orgId: string }
  | { kind: 'authority'; orgId: string }
  | { kind: 'unit'; orgId: string }
  | { kind: 'provider'; orgId: string }
  | { kind: 'person'; personId: string };

export type Actor = {
  accountId: string;
  username: string;
  role: Role;
  kind: ActorKind;
  name: string;
  org: { id: string; name: string; level: OrgLevel | null; regionCode: string | null } | null;
  personId: string | null;
  /** For a person: the unit they are registered with (shown, not a scope: a person sees only themself). */
  personUnit: { id: string; name: string } | null;
  scope: Scope;
  mustChangePassword: boolean;
};

export function actorKindOf(role: Role, orgLevel: OrgLevel | null): ActorKind {
  if (role !== 'bureau') return role;
  if (orgLevel === 'province') return 'bureau-province';
  if (orgLevel === 'city') return 'bureau-city';
  return 'bureau-county';
}

export function scopeOf(options: { role: Role; orgId: string | null; orgLevel: OrgLevel | null; personId: string | null }): Scope {
  const { role, orgId, orgLevel, personId } = options;
  switch (role) {
    case 'admin':
      return { kind: 'platform' };
    case 'person':
      if (!personId) throw new Error('a person account without a person');
      return { kind: 'person', personId };
    default:
      break;
  }
  if (!orgId) throw new Error(`a ${role} account without an organisation`);
  switch (role) {
    case 'bureau':
      return orgLevel === 'province' ? { kind: 'province', orgId } : { kind: 'bureau', orgId };
    case 'authority':
      return { kind: 'authority', orgId };
    case 'unit':
      return { kind: 'unit', orgId };
    case 'provider':
      return { kind: 'provider', orgId };
  }
}

/** The `scope` object of the public API (`/api/v1/me`). */
export function publicScopeOf(actor: Actor): { level: string; orgId?: string; orgName?: string; regionCode?: string } {
  const level = actor.role === 'admin' ? 'platform'
    : actor.role === 'person' ? 'person'
    : actor.role === 'bureau' ? (actor.org?.level ?? 'county')
    : actor.role;
  const org = actor.org ?? actor.personUnit;
  return {
    level,
    ...(org ? { orgId: org.id, orgName: org.name } : {}),
    ...(actor.org?.regionCode ? { regionCode: actor.org.regionCode } : {}),
  };
}
