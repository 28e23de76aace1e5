import { describe, expect, it } from 'vitest';
import { HN_2017 } from './hn-2017.ts';
import { parsePolicyDocument } from './policy-document.ts';
import { LOCAL_RULES, withExtensions } from './test-fixtures.ts';
import type { LocalRule, PolicyDocument } from './types.ts';

type Json = Record<string, unknown> & { rules: Record<string, unknown>[] };

function mutated(change: (json: Json) => void): unknown {
  const json = JSON.parse(JSON.stringify(HN_2017)) as Json;
  change(json);
  return json;
}

function ruleOf(json: Json, kind: string): Record<string, unknown> {
  const found = json.rules.find((rule) => rule.kind === kind);
  if (!found) throw new Error(kind);
  return found;
}

function fieldsOf(input: unknown): string[] {
  const result = parsePolicyDocument(input);
  return result.ok ? [] : result.errors.map((issue) => issue.field);
}

function rulesIndex(kind: string): number {
  return HN_2017.rules.findIndex((rule) => rule.kind === kind);
}

describe('parsePolicyDocument: accepts', () => {
  it('the default policy, as an object or as JSON text', () => {
    expect(parsePolicyDocument(HN_2017)).toEqual({ ok: true, value: HN_2017 });
    expect(parsePolicyDocument(JSON.stringify(HN_2017, null, 2))).toEqual({ ok: true, value: HN_2017 });
  });

  it('a policy with local rules of Art. 7(13), round trip unchanged', () => {
    const policy = withExtensions(LOCAL_RULES);
    const reloaded = parsePolicyDocument(JSON.parse(JSON.stringify(policy)));
    expect(reloaded).toEqual({ ok: true, value: policy });
  });

  it('a reduction case without a threshold (absent or null)', () => {
    const result = parsePolicyDocument(mutated((json) => delete (json.reductions as Record<string, unknown>[])[2]?.minMonths));
    expect(result.ok && result.value.reductions[2]?.minMonths).toBeNull();
  });

  it('renumbered clauses and other categories (a later version may restructure)', () => {
    const input = mutated((json) => {
      ruleOf(json, 'seminar').clause = '9(2)';
      ruleOf(json, 'seminar').category = 'professional';
      ruleOf(json, 'aid_service').category = 'professional';
    });
    expect(fieldsOf(input)).toEqual([]);
  });

  it('a deadline in the same year (yearOffset 0) on the last day of a month', () => {
    expect(fieldsOf(mutated((json) => (json.declarationDeadline = { yearOffset: 0, month: 12, day: 31, provisional: false })))).toEqual([]);
  });
});

describe('parsePolicyDocument: refuses, naming the field', () => {
  it.each<[string, unknown, string]>([
    ['not an object', 42, '$'],
    ['an array', [], '$'],
    ['invalid JSON text', '{"id":', '$'],
    ['another format', mutated((j) => (j.format = 'jixu.policy/2')), 'format'],
    ['a missing id', mutated((j) => delete j.id), 'id'],
    ['an id with spaces', mutated((j) => (j.id = 'HN 2017')), 'id'],
    ['an empty title', mutated((j) => (j.title = ' ')), 'title'],
    ['an impossible effective date', mutated((j) => (j.effectiveFrom = '2017-02-30')), 'effectiveFrom'],
    ['an unknown field', mutated((j) => (j.note = 'x')), 'note'],
    ['a negative requirement', mutated((j) => ((j.requirement as { total: { value: number } }).total.value = -1)), 'requirement.total.value'],
    ['a fractional requirement', mutated((j) => ((j.requirement as { public: { value: number } }).public.value = 240.5)), 'requirement.public.value'],
    ['a zero total', mutated((j) => ((j.requirement as { total: { value: number } }).total.value = 0)), 'requirement.total.value'],
    ['a missing provisional flag', mutated((j) => delete (j.requirement as { professional: { provisional?: boolean } }).professional.provisional), 'requirement.professional.provisional'],
    ['a flag that is not boolean', mutated((j) => ((j.requirement as { total: { provisional: unknown } }).total.provisional = 'no')), 'requirement.total.provisional'],
    ['minimums above the total', mutated((j) => ((j.requirement as { public: { value: number } }).public.value = 400)), 'requirement.total'],
    ['a bad requirement clause', mutated((j) => ((j.requirement as { clause: string }).clause = 'Art. 5')), 'requirement.clause'],
    ['a rule that is not an object', mutated((j) => j.rules.push('x' as never)), `rules[${HN_2017.rules.length}]`],
    ['an unknown rule kind', mutated((j) => (ruleOf(j, 'exam').kind = 'quiz')), `rules[${rulesIndex('exam')}].kind`],
    ['a missing rule', mutated((j) => (j.rules = j.rules.filter((r) => r.kind !== 'exam'))), 'rules'],
    ['a second rule for a kind', mutated((j) => j.rules.push({ ...ruleOf(j, 'exam'), code: 'x' })), `rules[${HN_2017.rules.length}].kind`],
    ['an unknown rule field', mutated((j) => (ruleOf(j, 'exam').max = 1)), `rules[${rulesIndex('exam')}].max`],
    ['a field of another kind', mutated((j) => (ruleOf(j, 'exam').perDay = { value: 1, provisional: true })), `rules[${rulesIndex('exam')}].perDay`],
    ['a bad clause', mutated((j) => (ruleOf(j, 'project').clause = '7.5')), `rules[${rulesIndex('project')}].clause`],
    ['a bad rule code', mutated((j) => (ruleOf(j, 'project').code = 'art 7')), `rules[${rulesIndex('project')}].code`],
    ['a duplicate rule code (the second one is named)', mutated((j) => (ruleOf(j, 'award').code = 'ART7.9.EXAM')), `rules[${rulesIndex('exam')}].code`],
    ['"declared" for a kind without a category', mutated((j) => (ruleOf(j, 'patent').category = 'declared')), `rules[${rulesIndex('patent')}].category`],
    ['"both" for a rule that is not full-year', mutated((j) => (ruleOf(j, 'exam').category = 'both')), `rules[${rulesIndex('exam')}].category`],
    ['another method for training', mutated((j) => (ruleOf(j, 'base_training').method = 'fixed')), `rules[${rulesIndex('base_training')}].method`],
    ['another effect for aid service', mutated((j) => (ruleOf(j, 'aid_service').effect = 'hours')), `rules[${rulesIndex('aid_service')}].effect`],
    ['a threshold of 12 months', mutated((j) => (ruleOf(j, 'course_study').fullYearAfterMonths = { value: 12, provisional: true })), `rules[${rulesIndex('course_study')}].fullYearAfterMonths.value`],
    ['an empty rank list', mutated((j) => ((ruleOf(j, 'project').levels as { national: { main: unknown[] } }).national.main = [])), `rules[${rulesIndex('project')}].levels.national.main`],
    ['a bad ranked value', mutated((j) => ((ruleOf(j, 'project').levels as { national: { main: { value: number }[] } }).national.main[1] = { value: -5 } as never)), `rules[${rulesIndex('project')}].levels.national.main[1].value`],
    ['a ranked value that is not an object', mutated((j) => ((ruleOf(j, 'book').perTenThousandCharacters as unknown[])[0] = 15)), `rules[${rulesIndex('book')}].perTenThousandCharacters[0]`],
    ['city projects with values', mutated((j) => ((ruleOf(j, 'project').levels as { city: unknown }).city = [])), `rules[${rulesIndex('project')}].levels.city`],
    ['a missing journal tier', mutated((j) => delete (ruleOf(j, 'paper').tiers as { issn_cn?: unknown }).issn_cn), `rules[${rulesIndex('paper')}].tiers.issn_cn`],
    ['an extra conference level', mutated((j) => ((ruleOf(j, 'conference').levels as Record<string, unknown>).city = {})), `rules[${rulesIndex('conference')}].levels.city`],
    ['a missing presentation bonus', mutated((j) => delete (ruleOf(j, 'conference').levels as { national: { presentationBonus?: unknown } }).national.presentationBonus), `rules[${rulesIndex('conference')}].levels.national.presentationBonus`],
    ['a missing exam level', mutated((j) => delete (ruleOf(j, 'exam').levels as { junior?: unknown }).junior), `rules[${rulesIndex('exam')}].levels.junior`],
    ['a missing patent type', mutated((j) => delete (ruleOf(j, 'patent').types as { design?: unknown }).design), `rules[${rulesIndex('patent')}].types.design`],
    ['award level not a value', mutated((j) => ((ruleOf(j, 'award').levels as { national: unknown }).national = 72)), `rules[${rulesIndex('award')}].levels.national`],
    ['a value above 10,000 hours', mutated((j) => (ruleOf(j, 'report_adopted').fixed = { value: 100_001, provisional: true })), `rules[${rulesIndex('report_adopted')}].fixed.value`],
    ['a missing per-day value', mutated((j) => delete ruleOf(j, 'grassroots_service').perDay), `rules[${rulesIndex('grassroots_service')}].perDay`],
    ['reductions not a list', mutated((j) => (j.reductions = {})), 'reductions'],
    ['a missing reduction case', mutated((j) => (j.reductions = (j.reductions as unknown[]).slice(0, 3))), 'reductions'],
    ['a repeated reduction case', mutated((j) => (j.reductions = [...(j.reductions as unknown[]), (j.reductions as unknown[])[0]])), 'reductions[4].kind'],
    ['an unknown reduction case', mutated((j) => ((j.reductions as { kind: string }[])[3]!.kind = 'holiday')), 'reductions[3].kind'],
    ['a threshold of 0 months', mutated((j) => ((j.reductions as { minMonths: unknown }[])[0]!.minMonths = { value: 0, provisional: true })), 'reductions[0].minMonths.value'],
    ['29 February as deadline', mutated((j) => (j.declarationDeadline = { yearOffset: 1, month: 2, day: 29, provisional: true })), 'declarationDeadline.day'],
    ['31 April as deadline', mutated((j) => (j.declarationDeadline = { yearOffset: 1, month: 4, day: 31, provisional: true })), 'declarationDeadline.day'],
    ['month 13', mutated((j) => (j.declarationDeadline = { yearOffset: 1, month: 13, day: 1, provisional: true })), 'declarationDeadline.month'],
    ['a deadline three years later', mutated((j) => (j.declarationDeadline = { yearOffset: 3, month: 1, day: 31, provisional: true })), 'declarationDeadline.yearOffset'],
    ['a deadline without flag', mutated((j) => (j.declarationDeadline = { yearOffset: 1, month: 1, day: 31 })), 'declarationDeadline.provisional'],
    ['extensions not a list', mutated((j) => (j.extensions = null)), 'extensions'],
  ])('%s', (_name, input, field) => {
    const result = parsePolicyDocument(input);
    expect(result.ok).toBe(false);
    expect(fieldsOf(input)).toContain(field);
    if (!result.ok) for (const issue of result.errors) expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names every problem at once', () => {
    const input = mutated((j) => {
      j.id = '';
      ruleOf(j, 'exam').levels = {};
      j.declarationDeadline = {};
    });
    expect(fieldsOf(input)).toEqual(
      expect.arrayContaining(['id', `rules[${rulesIndex('exam')}].levels.senior`, 'declarationDeadline.month', 'declarationDeadline.day']),
    );
  });
});

describe('parsePolicyDocument: local rules of Art. 7(13)', () => {
  const extension = (change: (rule: Record<string, unknown>) => void): unknown => {
    const rule = JSON.parse(JSON.stringify(LOCAL_RULES[0])) as Record<string, unknown>;
    change(rule);
    return { ...withExtensions([]), extensions: [rule] };
  };

  it.each<[string, unknown, string]>([
    ['not an object', { ...withExtensions([]), extensions: ['ZZ-1'] }, 'extensions[0]'],
    ['a code of an Art. 7 rule', extension((r) => (r.code = 'ART7.9.EXAM')), 'extensions[0].code'],
    ['a missing issuer', extension((r) => delete r.issuer), 'extensions[0].issuer'],
    ['an unknown issuer kind', extension((r) => ((r.issuer as { kind: string }).kind = 'unit')), 'extensions[0].issuer.kind'],
    ['an issuer without name', extension((r) => delete (r.issuer as { name?: string }).name), 'extensions[0].issuer.name'],
    ['a bad filing date', extension((r) => (r.filedOn = '2020-13-01')), 'extensions[0].filedOn'],
    ['category "both"', extension((r) => (r.category = 'both')), 'extensions[0].category'],
    ['an unknown method', extension((r) => (r.method = { kind: 'per_day' })), 'extensions[0].method.kind'],
    ['fixed without hours', extension((r) => (r.method = { kind: 'fixed' })), 'extensions[0].method.hours'],
    ['fixed with zero hours', extension((r) => (r.method = { kind: 'fixed', hours: { value: 0, provisional: false } })), 'extensions[0].method.hours.value'],
    ['a cap on a fixed rule', extension((r) => (r.method = { kind: 'fixed', hours: { value: 10, provisional: false }, maxHours: { value: 10, provisional: false } })), 'extensions[0].method.maxHours'],
    ['a bad cap', extension((r) => (r.method = { kind: 'declared', maxHours: { value: 0, provisional: false } })), 'extensions[0].method.maxHours.value'],
  ])('%s', (_name, input, field) => {
    expect(fieldsOf(input)).toContain(field);
  });

  it('refuses two local rules with one code (case-insensitive)', () => {
    const [first] = LOCAL_RULES as [LocalRule, ...LocalRule[]];
    const policy: PolicyDocument = withExtensions([first, { ...first, code: first.code.toLowerCase() }]);
    expect(fieldsOf(JSON.parse(JSON.stringify(policy)))).toEqual(['extensions[1].code']);
  });
});
