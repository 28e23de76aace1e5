// Validation of the Art. 7 rules of a policy document: one rule per activity kind, each with the
// shape of its kind (values by level, tier, type or rank), its clause and its category.

import { ACTIVITY_KIND_LABELS } from './activity-types.ts';
import { FieldReader, isPlainObject } from './check.ts';
import { CLAUSE_PATTERN, HOURS_BOUNDS, readEach, readRanked, readValue } from './parse-values.ts';
import type {
  ConferenceLevelValues,
  FieldIssue,
  PolicyValue,
  ProjectLevelValues,
  RankedValues,
  Rule,
  RuleCategory,
  RuleKind,
} from './types.ts';

/** Every kind a policy must give a rule for (`other` is served by the local rules of Art. 7(13)). */
const { other: _other, ...ruleKindLabels } = ACTIVITY_KIND_LABELS;
export const RULE_KINDS: Readonly<Record<RuleKind, string>> = ruleKindLabels;

const RULE_CATEGORY_LABELS: Readonly<Record<RuleCategory, string>> = {
  public: '公需科目',
  professional: '专业科目',
  declared: '按申报的科目类别',
  both: '公需和专业科目均视为完成',
};

/** `declared` needs an activity that names its category; `both` only makes sense for a full-year rule. */
function allowedCategories(kind: RuleKind): readonly RuleCategory[] {
  if (kind === 'base_training' || kind === 'seminar') return ['public', 'professional', 'declared'];
  if (kind === 'aid_service') return ['public', 'professional', 'both'];
  return ['public', 'professional'];
}

const COMMON_KEYS = ['kind', 'code', 'clause', 'title', 'category'] as const;

const SHAPE_KEYS: Readonly<Record<RuleKind, readonly string[]>> = {
  base_training: ['method'],
  seminar: ['method'],
  degree_course: ['perCourse'],
  course_study: ['perMonth', 'fullYearAfterMonths'],
  conference: ['levels'],
  project: ['levels'],
  book: ['perTenThousandCharacters'],
  paper: ['tiers'],
  patent: ['types'],
  award: ['levels'],
  exam: ['levels'],
  report_adopted: ['fixed'],
  aid_service: ['effect'],
  grassroots_service: ['perDay'],
  guide_course: ['method'],
};

/** Validates the `rules` list: each rule's shape, exactly one rule per kind, unique codes. */
export function parseRules(list: readonly unknown[], issues: FieldIssue[]): Rule[] {
  const rules: Rule[] = [];
  const seenKinds = new Map<string, number>();
  const seenCodes = new Set<string>();

  list.forEach((item, index) => {
    const path = `rules[${index}]`;
    if (!isPlainObject(item)) {
      issues.push({ field: path, message: '规则须为对象' });
      return;
    }

    const reader = new FieldReader({ object: item, path, issues });
    const kind = reader.choice('kind', { label: '规则对应的活动类型', choices: RULE_KINDS });
    if (!kind) return;

    const previous = seenKinds.get(kind);
    if (previous !== undefined) {
      reader.fail('kind', `活动类型 ${kind} 已在 rules[${previous}] 规定，每类活动只能有一条规则`);
    }
    seenKinds.set(kind, index);

    const rule = parseRule(kind, reader);
    if (!rule) return;
    if (seenCodes.has(rule.code.toUpperCase())) reader.fail('code', `规则代码 ${rule.code} 重复`);
    seenCodes.add(rule.code.toUpperCase());
    rules.push(rule);
  });

  const missing = Object.keys(RULE_KINDS).filter((kind) => !seenKinds.has(kind));
  if (missing.length > 0) issues.push({ field: 'rules', message: `缺少以下活动类型的规则：${missing.join('、')}` });
  return rules;
}

function parseRule(kind: RuleKind, reader: FieldReader): Rule | undefined {
  reader.onlyKeys([...COMMON_KEYS, ...SHAPE_KEYS[kind]]);
  const code = reader.text('code', { label: '规则代码', maxLength: 64, pattern: CODE_PATTERN, patternHint: CODE_HINT });
  const clause = reader.text('clause', { label: '条款', maxLength: 8, pattern: CLAUSE_PATTERN, patternHint: '如 7(5)' });
  const title = reader.text('title', { label: '规则名称', maxLength: 200 });
  const category = readRuleCategory(kind, reader);
  const shape = parseShape(kind, reader);
  if (code === undefined || clause === undefined || title === undefined || category === undefined || shape === undefined) return undefined;
  return { kind, code, clause, title, category, ...shape } as Rule;
}

function readRuleCategory(kind: RuleKind, reader: FieldReader): RuleCategory | undefined {
  const allowed = allowedCategories(kind);
  const choices = Object.fromEntries(allowed.map((category) => [category, RULE_CATEGORY_LABELS[category]]));
  return reader.choice('category', { label: `${RULE_KINDS[kind]}规则的科目类别`, choices }) as RuleCategory | undefined;
}

type Shape = Record<string, unknown>;

const CODE_PATTERN = /^[a-z0-9][a-z0-9._-]*$/i;
const CODE_HINT = '字母、数字、点、下划线或连字符';
const TWO_LEVELS = ['national', 'provincial'] as const;
const PAPER_TIERS = ['national', 'provincial_core', 'issn_cn'] as const;
const PATENT_TYPES = ['invention', 'utility', 'design'] as const;
const EXAM_LEVELS = ['senior', 'intermediate', 'junior', 'practising'] as const;

function literal(reader: FieldReader, key: string, expected: string): Shape | undefined {
  if (!reader.required(key, key)) return undefined;
  if (reader.raw(key) !== expected) return reader.fail(key, `${key} 须为 "${expected}"`);
  return { [key]: expected };
}

function parseShape(kind: RuleKind, r: FieldReader): Shape | undefined {
  switch (kind) {
    case 'base_training':
    case 'seminar':
      return literal(r, 'method', 'declared');
    case 'guide_course':
      return literal(r, 'method', 'guide');
    case 'aid_service':
      return literal(r, 'effect', 'full_year');
    case 'degree_course':
      return wrap('perCourse', readValue(r, 'perCourse', HOURS_BOUNDS('每门课程学时')));
    case 'course_study': {
      const perMonth = readValue(r, 'perMonth', HOURS_BOUNDS('每月学时'));
      const months = { label: '视为完成全年学时的进修月数', min: 1, max: 11 };
      const fullYearAfterMonths = readValue(r, 'fullYearAfterMonths', months);
      return perMonth && fullYearAfterMonths && { perMonth, fullYearAfterMonths };
    }
    case 'conference':
      return wrap('levels', readEach(r, { key: 'levels', label: '会议级别', keys: TWO_LEVELS, read: readConferenceLevel }));
    case 'project':
      return wrap('levels', readProjectLevels(r));
    case 'book':
      return wrap('perTenThousandCharacters', readRanked(r, 'perTenThousandCharacters', '每万字学时'));
    case 'paper':
      return wrap('tiers', readEach(r, { key: 'tiers', label: '期刊类别', keys: PAPER_TIERS, read: rankedOf('论文') }));
    case 'patent':
      return wrap('types', readEach(r, { key: 'types', label: '专利类型', keys: PATENT_TYPES, read: rankedOf('专利') }));
    case 'award':
      return wrap('levels', readEach(r, { key: 'levels', label: '奖励级别', keys: TWO_LEVELS, read: valueOf('奖励学时') }));
    case 'exam':
      return wrap('levels', readEach(r, { key: 'levels', label: '考试类别', keys: EXAM_LEVELS, read: valueOf('考试学时') }));
    case 'report_adopted':
      return wrap('fixed', readValue(r, 'fixed', HOURS_BOUNDS('学时')));
    case 'grassroots_service':
      return wrap('perDay', readValue(r, 'perDay', HOURS_BOUNDS('每天学时')));
  }
}

function wrap(key: string, value: unknown): Shape | undefined {
  return value === undefined ? undefined : { [key]: value };
}

function rankedOf(label: string): (parent: FieldReader, key: string) => RankedValues | undefined {
  return (parent, key) => readRanked(parent, key, `${label}（${key}）按名次的学时`);
}

function valueOf(label: string): (parent: FieldReader, key: string) => PolicyValue | undefined {
  return (parent, key) => readValue(parent, key, HOURS_BOUNDS(`${label}（${key}）`));
}

function readConferenceLevel(parent: FieldReader, key: string): ConferenceLevelValues | undefined {
  const level = parent.object(key, `会议级别 ${key}`);
  if (!level) return undefined;

  level.onlyKeys(['perDay', 'presentationBonus']);
  const perDay = readValue(level, 'perDay', HOURS_BOUNDS('每天学时'));
  const presentationBonus = readValue(level, 'presentationBonus', HOURS_BOUNDS('交流论文或报告增加的学时'));
  return perDay && presentationBonus && { perDay, presentationBonus };
}

function readProjectLevels(r: FieldReader): Shape | undefined {
  const levels = r.object('levels', '课题级别');
  if (!levels) return undefined;

  levels.onlyKeys(['national', 'provincial', 'city']);
  const national = readProjectLevel(levels, 'national');
  const provincial = readProjectLevel(levels, 'provincial');
  // Art. 7(5): city-level projects are set by the unit's authority: hours as declared.
  const city = literal(levels, 'city', 'declared');
  return national && provincial && city && { national, provincial, city: 'declared' };
}

function readProjectLevel(parent: FieldReader, key: 'national' | 'provincial'): ProjectLevelValues | undefined {
  const level = parent.object(key, `课题级别 ${key}`);
  if (!level) return undefined;

  level.onlyKeys(['main', 'sub']);
  const main = readRanked(level, 'main', '主课题按名次的学时');
  const sub = readRanked(level, 'sub', '子课题按名次的学时');
  return main && sub && { main, sub };
}
