// Finding the version in force for a year, and a rule within a version.

import { normalizeCode } from './achievement-ids.ts';
import type { LocalRule, PolicyDocument, Rule, RuleKind } from './types.ts';

/**
 * Art. 16–18: the version in force for `year`: the one with the latest effective date on or before
 * 31 December of that year (a version that takes effect during a year governs that whole year, since a
 * record belongs to the year its activity ended). `undefined` when no version covers the year.
 * Two versions with the same effective date are ambiguous: the one with the greater id wins, so the
 * answer never depends on the order of `policies`.
 */
export function policyForYear<P extends Pick<PolicyDocument, 'id' | 'effectiveFrom'>>(policies: readonly P[], year: number): P | undefined {
  const yearEnd = `${String(year).padStart(4, '0')}-12-31`;
  let found: P | undefined;

  for (const policy of policies) {
    if (policy.effectiveFrom > yearEnd) continue;
    if (!found || policy.effectiveFrom > found.effectiveFrom) found = policy;
    else if (policy.effectiveFrom === found.effectiveFrom && policy.id > found.id) found = policy;
  }
  return found;
}

/** The rule of a version for an activity kind (a validated version has one for every kind). */
export function ruleFor<K extends RuleKind>(policy: PolicyDocument, kind: K): Extract<Rule, { kind: K }> | undefined {
  return policy.rules.find((rule): rule is Extract<Rule, { kind: K }> => rule.kind === kind);
}

/** The local rule of Art. 7(13) with this code (codes compare without case or surrounding spaces). */
export function findLocalRule(policy: PolicyDocument, ruleCode: string): LocalRule | undefined {
  const wanted = normalizeCode(ruleCode);
  return policy.extensions.find((rule) => normalizeCode(rule.code) === wanted);
}

/** Every local rule issued by one of `issuerCodes` (the person's city/county bureau and authority). */
export function localRulesFor(policy: PolicyDocument, issuerCodes: readonly string[]): readonly LocalRule[] {
  return policy.extensions.filter((rule) => issuerCodes.includes(rule.issuer.code));
}
