// The default policy against the measures: reads the Art. 7 table (and the numbers of Art. 5, Art. 8
// and the declaration deadline) from docs/measures.md and compares every value cell with the values
// and provisional flags of the HN-2017 object. A change to either side fails this test.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HN_2017 } from './hn-2017.ts';
import { parsePolicyDocument } from './policy-document.ts';
import { ruleFor } from './policy-select.ts';
import type { PolicyDocument, PolicyValue, Rule, RuleKind } from './types.ts';

const MEASURES = readFileSync(new URL('../../../../docs/measures.md', import.meta.url), 'utf8');

type TableRow = { clause: string; activity: string; rule: string; value: string };

/** The rows of the Art. 7 table (`| 7(n) | activity | rule | value |`). */
function readArt7Table(markdown: string): TableRow[] {
  const start = markdown.indexOf('**Art. 7');
  const end = markdown.indexOf('Further rules of the engine', start);
  return markdown
    .slice(start, end)
    .split('\n')
    .filter((line) => /^\|\s*7\(\d+\)/.test(line))
    .map((line) => {
      const [clause = '', activity = '', rule = '', value = ''] = line.split('|').slice(1, -1).map((cell) => cell.trim());
      return { clause, activity, rule, value };
    });
}

type CellGroup = { numbers: number[]; provisional: boolean };

/**
 * A value cell as groups separated by `;`, each with its numbers and flag: a group's own
 * `(provisional)` / `(confirmed)`, otherwise the flag written at the end of the cell.
 */
function readValueCell(cell: string): CellGroup[] {
  const flagOf = (text: string) => /\((provisional|confirmed)\)\s*$/.exec(text)?.[1];
  const parts = cell.split(';').map((part) => part.trim());
  const cellFlag = flagOf(parts.at(-1) ?? '');
  return parts.map((part) => {
    const flag = flagOf(part) ?? cellFlag ?? 'confirmed';
    const text = part.replace(/\((provisional|confirmed)\)\s*$/, '');
    return { numbers: (text.match(/\d+/g) ?? []).map(Number), provisional: flag === 'provisional' };
  });
}

type Ref = { value: PolicyValue; unit: 'hours' | 'months' };
/** Per cell group, per number, the policy values that number stands for. */
type Expectation = { kind: RuleKind[]; groups?: Ref[][][]; check?: (rules: Rule[]) => boolean };

const h = (value: PolicyValue): Ref => ({ value, unit: 'hours' });

function rule<K extends RuleKind>(policy: PolicyDocument, kind: K): Extract<Rule, { kind: K }> {
  const found = ruleFor(policy, kind);
  if (!found) throw new Error(`no rule for ${kind}`);
  return found;
}

/** Which rules and values of the policy each row of the table describes (values read from the policy). */
function expectationFor(row: TableRow, policy: PolicyDocument): Expectation | undefined {
  const activity = row.activity.toLowerCase();
  switch (row.clause) {
    case '7(1)':
      return { kind: ['base_training'], check: ([r]) => r?.kind === 'base_training' && r.method === 'declared' && /as declared/.test(row.value) };
    case '7(2)':
      return { kind: ['seminar'], check: ([r]) => r?.kind === 'seminar' && r.method === 'declared' && /as declared/.test(row.value) };
    case '7(3)': {
      if (activity.startsWith('degree')) return { kind: ['degree_course'], groups: [[[h(rule(policy, 'degree_course').perCourse)]]] };
      const study = rule(policy, 'course_study');
      return { kind: ['course_study'], groups: [[[h(study.perMonth)]], [[{ value: study.fullYearAfterMonths, unit: 'months' }]]] };
    }
    case '7(4)': {
      const { national, provincial } = rule(policy, 'conference').levels;
      return { kind: ['conference'], groups: [[[h(national.perDay)], [h(national.presentationBonus)], [h(provincial.perDay)], [h(provincial.presentationBonus)]]] };
    }
    case '7(5)': {
      const { levels } = rule(policy, 'project');
      const ranked = (values: readonly PolicyValue[]) => values.map((value) => [h(value)]);
      return {
        kind: ['project'],
        groups: [ranked(levels.national.main), ranked(levels.national.sub), ranked(levels.provincial.main), ranked(levels.provincial.sub)],
        // "city-level projects set by the unit's authority": hours as declared.
        check: () => levels.city === 'declared' && /city-level projects set by the unit's authority/.test(row.rule),
      };
    }
    case '7(6)': {
      if (activity.startsWith('books')) {
        return { kind: ['book'], groups: [rule(policy, 'book').perTenThousandCharacters.map((value) => [h(value)])] };
      }
      const { tiers } = rule(policy, 'paper');
      return { kind: ['paper'], groups: [tiers.national, tiers.provincial_core, tiers.issn_cn].map((values) => values.map((value) => [h(value)])) };
    }
    case '7(7)': {
      const { types } = rule(policy, 'patent');
      // "invention patent; utility model or design patent": one number for the last two.
      const only = (values: readonly PolicyValue[]) => values.map(h);
      return { kind: ['patent'], groups: [[only(types.invention)], [[...only(types.utility), ...only(types.design)]]] };
    }
    case '7(8)': {
      const { levels } = rule(policy, 'award');
      return { kind: ['award'], groups: [[[h(levels.national)]], [[h(levels.provincial)]]] };
    }
    case '7(9)': {
      const { levels } = rule(policy, 'exam');
      return { kind: ['exam'], groups: [[[h(levels.senior)], [h(levels.intermediate)], [h(levels.junior)]], [[h(levels.practising)]]] };
    }
    case '7(10)':
      return { kind: ['report_adopted'], groups: [[[h(rule(policy, 'report_adopted').fixed)]]] };
    case '7(11)':
      return { kind: ['aid_service'], check: ([r]) => r?.kind === 'aid_service' && r.effect === 'full_year' && row.value === 'full year' };
    case '7(12)':
      return { kind: ['grassroots_service'], groups: [[[h(rule(policy, 'grassroots_service').perDay)]]] };
    case '7(13)':
      return { kind: [], check: () => Array.isArray(policy.extensions) && /policy extension per issuing scope/.test(row.value) };
    default:
      return undefined;
  }
}

/** Every mismatch between the table and the policy (empty when they agree). */
function compareTableWithPolicy(markdown: string, policy: PolicyDocument): string[] {
  const problems: string[] = [];
  const referenced = new Set<PolicyValue>();
  const covered = new Set<RuleKind>();

  for (const row of readArt7Table(markdown)) {
    const where = `${row.clause} ${row.activity}`;
    const expectation = expectationFor(row, policy);
    if (!expectation) {
      problems.push(`${where}: row not mapped to the policy`);
      continue;
    }

    const rules = expectation.kind.map((kind) => rule(policy, kind));
    for (const r of rules) {
      covered.add(r.kind);
      if (r.clause !== row.clause) problems.push(`${where}: policy clause ${r.clause}`);
    }
    if (expectation.check && !expectation.check(rules)) problems.push(`${where}: ${row.value} does not match the policy`);

    const cell = readValueCell(row.value);
    const groups = expectation.groups ?? [];
    const tableNumbers = cell.flatMap((group) => group.numbers);
    if (groups.length === 0 && tableNumbers.length > 0) problems.push(`${where}: table has numbers ${tableNumbers.join('/')}, policy none`);
    if (groups.length > 0 && cell.length !== groups.length) problems.push(`${where}: ${cell.length} groups in the table, ${groups.length} in the policy`);

    groups.forEach((numbers, g) => {
      const tableGroup = cell[g];
      if (!tableGroup) return;
      if (tableGroup.numbers.length !== numbers.length) {
        problems.push(`${where}: group ${g + 1} has ${tableGroup.numbers.join('/')} in the table, ${numbers.length} values in the policy`);
      }
      numbers.forEach((refs, n) => {
        for (const ref of refs) {
          referenced.add(ref.value);
          const expected = tableGroup.numbers[n];
          const actual = ref.unit === 'hours' ? ref.value.value / 10 : ref.value.value;
          if (actual !== expected) problems.push(`${where}: group ${g + 1} #${n + 1}: table ${expected}, policy ${actual}`);
          if (ref.value.provisional !== tableGroup.provisional) {
            problems.push(`${where}: group ${g + 1} #${n + 1}: table ${tableGroup.provisional ? 'provisional' : 'confirmed'}, policy provisional=${ref.value.provisional}`);
          }
        }
      });
    });
  }

  // Every value of the policy's Art. 7 rules must appear in the table, and every Art. 7 rule must be there.
  for (const value of policyValues(policy.rules.filter((r) => r.clause.startsWith('7(')))) {
    if (!referenced.has(value)) problems.push(`policy value ${JSON.stringify(value)} is not in the table`);
  }
  for (const r of policy.rules) {
    if (r.clause.startsWith('7(') && !covered.has(r.kind)) problems.push(`rule ${r.code} has no row in the table`);
  }
  return problems;
}

function policyValues(value: unknown): PolicyValue[] {
  if (Array.isArray(value)) return value.flatMap(policyValues);
  if (typeof value !== 'object' || value === null) return [];
  if ('value' in value && 'provisional' in value) return [value as PolicyValue];
  return Object.values(value).flatMap(policyValues);
}

/** Sets a value deep inside a JSON clone (test-only mutation). */
function setPath(target: unknown, path: readonly (string | number)[], value: unknown): void {
  const parents = path.slice(0, -1);
  const last = path.at(-1);
  let node = target as Record<string | number, unknown>;
  for (const key of parents) node = node[key] as Record<string | number, unknown>;
  if (last === undefined) throw new Error('empty path');
  node[last] = value;
}

function clone(policy: PolicyDocument): PolicyDocument {
  return JSON.parse(JSON.stringify(policy)) as PolicyDocument;
}

describe('HN-2017 against the Art. 7 table of docs/measures.md', () => {
  it('reads a table of 15 rows, 7(1) to 7(13)', () => {
    const rows = readArt7Table(MEASURES);
    expect(rows).toHaveLength(15);
    expect(new Set(rows.map((row) => row.clause))).toEqual(new Set(Array.from({ length: 13 }, (_, i) => `7(${i + 1})`)));
  });

  it('docs/measures.md is the copy of SPEC.md with a source line', () => {
    expect(MEASURES.split('\n')[0]).toMatch(/SPEC\.md/);
    expect(MEASURES).toContain('# Jixu — what the measures require');
  });

  it('every value cell equals the policy, with the same provisional flags', () => {
    expect(compareTableWithPolicy(MEASURES, HN_2017)).toEqual([]);
  });

  it('parses the cells as written', () => {
    expect(readValueCell('10 per month (confirmed); 6 months (provisional)')).toEqual([
      { numbers: [10], provisional: false },
      { numbers: [6], provisional: true },
    ]);
    expect(readValueCell('72/60/48; 48 (provisional)')).toEqual([
      { numbers: [72, 60, 48], provisional: true },
      { numbers: [48], provisional: true },
    ]);
    expect(readValueCell('national 8/day +4, provincial 6/day +2 (provisional)')).toEqual([{ numbers: [8, 4, 6, 2], provisional: true }]);
  });

  it.each<[string, RuleKind, (string | number)[], unknown]>([
    ['a project value', 'project', ['levels', 'national', 'main', 1], { value: 610, provisional: true }],
    ['a provisional flag', 'exam', ['levels', 'junior', 'provisional'], false],
    ['the confirmed flag', 'course_study', ['perMonth', 'provisional'], true],
    ['a months threshold', 'course_study', ['fullYearAfterMonths', 'value'], 5],
    ['a clause', 'award', ['clause'], '7(9)'],
    ['an extra rank', 'book', ['perTenThousandCharacters', 3], { value: 50, provisional: true }],
    ['the design patent value', 'patent', ['types', 'design', 0, 'value'], 360],
    ['a presentation bonus', 'conference', ['levels', 'provincial', 'presentationBonus', 'value'], 30],
    ['a full-year rule', 'aid_service', ['effect'], 'none'],
    ['declared city projects', 'project', ['levels', 'city'], 'fixed'],
  ])('catches a change of %s in the policy', (_name, kind, path, value) => {
    const policy = clone(HN_2017);
    setPath(policy.rules.find((r) => r.kind === kind), path, value);
    expect(compareTableWithPolicy(MEASURES, policy)).not.toEqual([]);
  });

  it.each([
    ['a number', '| 72/60/48/36; 48/36/24;', '| 72/61/48/36; 48/36/24;'],
    ['a flag', '| 15 per course (provisional) |', '| 15 per course (confirmed) |'],
    ['the confirmed value', '10 per month (confirmed)', '10 per month (provisional)'],
    ['a dropped rank', '| 15/12/8 (provisional) |', '| 15/12 (provisional) |'],
    ['full year', '| full year |', '| 90 per year |'],
    ['declared hours', '| as declared and verified |\n| 7(2)', '| 40 per class |\n| 7(2)'],
  ])('catches a change of %s in the table', (_name, from, to) => {
    expect(MEASURES).toContain(from);
    expect(compareTableWithPolicy(MEASURES.replace(from, to), HN_2017)).not.toEqual([]);
  });
});

describe('HN-2017 against the rest of the measures', () => {
  it('Art. 5: 90 hours, public 24, professional 60 — confirmed', () => {
    const match = /At least \*\*(\d+) hours\*\* a year; public subjects at least \*\*(\d+) hours\*\*;[^(]*\((\d+) of (\d+)\)/.exec(MEASURES);
    expect(match).not.toBeNull();
    const [, total, publicHours, professional, of] = (match ?? []).map(Number);
    expect(of).toBe(total);
    expect(HN_2017.requirement).toEqual({
      clause: '5',
      total: { value: (total ?? 0) * 10, provisional: false },
      public: { value: (publicHours ?? 0) * 10, provisional: false },
      professional: { value: (professional ?? 0) * 10, provisional: false },
    });
  });

  it('Art. 8: four cases; (1) and (2) only over 6 months, provisional', () => {
    const abroad = /\(1\) working abroad more than (\d+) months/.exec(MEASURES)?.[1];
    const sick = /\(2\) sick leave more than (\d+)\s+months/.exec(MEASURES)?.[1];
    expect(MEASURES).toMatch(/The 6-month thresholds are provisional/);
    expect(HN_2017.reductions.map((c) => [c.clause, c.kind, c.minMonths])).toEqual([
      ['8(1)', 'abroad', { value: Number(abroad), provisional: true }],
      ['8(2)', 'sick_leave', { value: Number(sick), provisional: true }],
      ['8(3)', 'maternity_leave', null],
      ['8(4)', 'other_approved', null],
    ]);
  });

  it('declaration deadline: 31 January of Y+1, provisional', () => {
    const match = /default (\d+) January of Y\+1, provisional/.exec(MEASURES);
    expect(HN_2017.declarationDeadline).toEqual({ yearOffset: 1, month: 1, day: Number(match?.[1]), provisional: true });
  });

  it('categories: guide courses public, 7(3)–7(10) professional, training declared, 7(11) both', () => {
    expect(MEASURES).toContain("courses of the year's public-subject guide are public");
    expect(MEASURES).toContain('everything in 7(3)–7(10) is professional');
    expect(MEASURES).toContain('training records take the category of their programme');
    expect(MEASURES).toContain('7(11) completes both');

    const byClause = (n: number) => HN_2017.rules.filter((r) => r.clause === `7(${n})`);
    for (let n = 3; n <= 10; n += 1) for (const r of byClause(n)) expect([r.code, r.category]).toEqual([r.code, 'professional']);
    expect(byClause(1).concat(byClause(2)).map((r) => r.category)).toEqual(['declared', 'declared']);
    expect(byClause(11).map((r) => r.category)).toEqual(['both']);
    expect(rule(HN_2017, 'guide_course').category).toBe('public');
  });

  it('identity: HN-2017, effective from the issue date 2017-08-17, no local rules', () => {
    expect(MEASURES).toContain('豫人社〔2017〕121号, issued 2017-08-17');
    expect([HN_2017.id, HN_2017.source, HN_2017.effectiveFrom, HN_2017.extensions]).toEqual(['HN-2017', '豫人社〔2017〕121号', '2017-08-17', []]);
  });
});

describe('HN-2017 as data', () => {
  it('passes its own validator and survives a JSON round trip unchanged', () => {
    const reloaded = parsePolicyDocument(JSON.parse(JSON.stringify(HN_2017)));
    expect(reloaded).toEqual({ ok: true, value: HN_2017 });
    expect(parsePolicyDocument(JSON.stringify(HN_2017))).toEqual({ ok: true, value: HN_2017 });
  });

  it('is immutable', () => {
    expect(Object.isFrozen(HN_2017)).toBe(true);
    expect(Object.isFrozen(HN_2017.rules[4])).toBe(true);
    expect(() => {
      (HN_2017.requirement.total as { value: number }).value = 1;
    }).toThrow(TypeError);
  });

  it('every rule code is art<clause>.<kind> and unique', () => {
    for (const r of HN_2017.rules) expect(r.code).toBe(`art${r.clause.replace('(', '.').replace(')', '')}.${r.kind}`);
    expect(new Set(HN_2017.rules.map((r) => r.code)).size).toBe(HN_2017.rules.length);
  });
});
