// `parsePolicyDocument`: the hand-written validator that lets a policy version be stored as JSON and
// reloaded. It accepts exactly the shape of `PolicyDocument` (unknown fields are errors, so a typo in
// the policy editor cannot silently drop a rule) and checks the cross-field rules of the measures.

import { FieldReader, checked, isPlainObject, readerFor } from './check.ts';
import { daysInMonth } from './dates.ts';
import { CLAUSE_PATTERN, HOURS_BOUNDS, MAX_RULE_TENTHS, readValue } from './parse-values.ts';
import { parseRules } from './parse-rules.ts';
import {
  POLICY_FORMAT,
  type Checked,
  type DeclarationDeadline,
  type FieldIssue,
  type LocalRule,
  type LocalRuleMethod,
  type PolicyDocument,
  type ReductionCase,
  type ReductionKind,
  type Requirement,
} from './types.ts';

export const REDUCTION_KIND_LABELS: Readonly<Record<ReductionKind, string>> = {
  abroad: '出国（境）工作',
  sick_leave: '病休',
  maternity_leave: '产假',
  other_approved: '主管部门批准的其他情形',
};

const TOP_KEYS = [
  'format',
  'id',
  'title',
  'source',
  'effectiveFrom',
  'requirement',
  'rules',
  'reductions',
  'declarationDeadline',
  'extensions',
];
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const CODE_HINT = '字母、数字、点、下划线或连字符';

/**
 * Validates a policy document: a parsed JSON value, or JSON text. Issues name the field with a path
 * (`rules[4].levels.national.main[1].value`).
 */
export function parsePolicyDocument(json: unknown): Checked<PolicyDocument> {
  const issues: FieldIssue[] = [];
  const input = typeof json === 'string' ? parseJsonText(json, issues) : json;
  if (issues.length > 0) return { ok: false, errors: issues };

  const reader = readerFor({ value: input, path: '', label: '政策文件', issues });
  if (!reader) return { ok: false, errors: issues };

  reader.onlyKeys(TOP_KEYS);
  if (reader.required('format', '格式标识') && reader.raw('format') !== POLICY_FORMAT) {
    reader.fail('format', `格式标识须为 "${POLICY_FORMAT}"`);
  }
  const id = reader.text('id', { label: '政策版本号', maxLength: 32, pattern: CODE_PATTERN, patternHint: '如 HN-2017' });
  const title = reader.text('title', { label: '政策名称', maxLength: 200 });
  const source = reader.text('source', { label: '文件依据', maxLength: 200 });
  const effectiveFrom = reader.date('effectiveFrom', '生效日期');
  const requirement = readRequirement(reader);
  const rules = parseRules(reader.array('rules', '学时规则') ?? [], issues);
  const reductions = readReductions(reader);
  const declarationDeadline = readDeadline(reader);
  const extensions = readExtensions(reader, rules.map((rule) => rule.code));

  if (issues.length > 0) return { ok: false, errors: issues };
  const document = { id, title, source, effectiveFrom, requirement, rules, reductions, declarationDeadline, extensions };
  return checked({ format: POLICY_FORMAT, ...document } as PolicyDocument, issues);
}

function parseJsonText(text: string, issues: FieldIssue[]): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    issues.push({ field: '$', message: '政策文件不是有效的 JSON' });
    return undefined;
  }
}

function readClause(reader: FieldReader): string | undefined {
  return reader.text('clause', { label: '条款', maxLength: 8, pattern: CLAUSE_PATTERN, patternHint: '如 7(13)' });
}

// Art. 5: total, public and professional minimums; the two minimums cannot exceed the total.
function readRequirement(parent: FieldReader): Requirement | undefined {
  const reader = parent.object('requirement', '年度学时要求');
  if (!reader) return undefined;

  reader.onlyKeys(['clause', 'total', 'public', 'professional']);
  const clause = readClause(reader);
  const total = readValue(reader, 'total', { ...HOURS_BOUNDS('年度总学时'), min: 1 });
  const publicHours = readValue(reader, 'public', HOURS_BOUNDS('公需科目最低学时'));
  const professional = readValue(reader, 'professional', HOURS_BOUNDS('专业科目最低学时'));
  if (clause === undefined || !total || !publicHours || !professional) return undefined;

  if (publicHours.value + professional.value > total.value) {
    return reader.fail('total', '公需科目与专业科目最低学时之和不能超过年度总学时');
  }
  return { clause, total, public: publicHours, professional };
}

// Art. 8: exactly the four cases, each once.
function readReductions(parent: FieldReader): ReductionCase[] | undefined {
  const list = parent.array('reductions', '学时减免情形');
  if (!list) return undefined;

  const seen = new Set<string>();
  const cases = list.map((item, index) => {
    const path = parent.field(`reductions[${index}]`);
    if (!isPlainObject(item)) {
      parent.issues.push({ field: path, message: '减免情形须为对象' });
      return undefined;
    }

    const reader = new FieldReader({ object: item, path, issues: parent.issues });
    reader.onlyKeys(['kind', 'clause', 'title', 'minMonths']);
    const kind = reader.choice('kind', { label: '减免情形', choices: REDUCTION_KIND_LABELS });
    if (kind !== undefined && seen.has(kind)) reader.fail('kind', `减免情形 ${kind} 重复`);
    if (kind !== undefined) seen.add(kind);
    const clause = readClause(reader);
    const title = reader.text('title', { label: '名称', maxLength: 100 });
    const minMonths = reader.has('minMonths') ? readValue(reader, 'minMonths', { label: '最少月数', min: 1, max: 11 }) : null;
    if (kind === undefined || clause === undefined || title === undefined || minMonths === undefined) return undefined;
    return { kind, clause, title, minMonths };
  });

  const missing = Object.keys(REDUCTION_KIND_LABELS).filter((kind) => !seen.has(kind));
  if (missing.length > 0) parent.fail('reductions', `缺少以下减免情形：${missing.join('、')}`);
  return cases.every((item) => item !== undefined) ? cases : undefined;
}

// SPEC "Further rules": the declaration deadline, a calendar day that exists in every year.
function readDeadline(parent: FieldReader): DeclarationDeadline | undefined {
  const reader = parent.object('declarationDeadline', '申报截止日期');
  if (!reader) return undefined;

  reader.onlyKeys(['yearOffset', 'month', 'day', 'provisional']);
  const yearOffset = reader.integer('yearOffset', { label: '截止年份相对年度的偏移', min: 0, max: 2 });
  const month = reader.integer('month', { label: '截止月份', min: 1, max: 12 });
  const day = reader.integer('day', { label: '截止日', min: 1, max: 31 });
  const provisional = reader.boolean('provisional', '是否暂定（provisional）');
  if (yearOffset === undefined || month === undefined || day === undefined || provisional === undefined) return undefined;

  // A common year (2001) gives the days every year has: no 29 February.
  if (day > daysInMonth(2001, month)) return reader.fail('day', `${month}月没有${day}日（须为每年都有的日期）`);
  return { yearOffset, month, day, provisional };
}

// Art. 7(13): local rules of a bureau or authority, with codes unique across the whole policy.
function readExtensions(parent: FieldReader, ruleCodes: readonly string[]): LocalRule[] | undefined {
  const list = parent.array('extensions', '地方规则');
  if (!list) return undefined;

  const codes = new Set(ruleCodes.map((code) => code.toUpperCase()));
  const rules = list.map((item, index) => {
    const path = parent.field(`extensions[${index}]`);
    if (!isPlainObject(item)) {
      parent.issues.push({ field: path, message: '地方规则须为对象' });
      return undefined;
    }

    const reader = new FieldReader({ object: item, path, issues: parent.issues });
    const rule = readLocalRule(reader);
    if (rule && codes.has(rule.code.toUpperCase())) return reader.fail('code', `规则代码 ${rule.code} 已被使用`);
    if (rule) codes.add(rule.code.toUpperCase());
    return rule;
  });
  return rules.every((rule) => rule !== undefined) ? rules : undefined;
}

const LOCAL_CATEGORY_LABELS = { public: '公需科目', professional: '专业科目', declared: '按申报的科目类别' } as const;
const ISSUER_KIND_LABELS = { bureau: '市、省直管县（市）人社部门', authority: '省级行业主管部门' } as const;
const METHOD_KIND_LABELS = { declared: '按申报学时（可设每项上限）', fixed: '每项固定学时' } as const;

function readLocalRule(reader: FieldReader): LocalRule | undefined {
  reader.onlyKeys(['code', 'clause', 'title', 'issuer', 'filedOn', 'category', 'method']);
  const code = reader.text('code', { label: '地方规则代码', maxLength: 64, pattern: CODE_PATTERN, patternHint: CODE_HINT });
  const clause = readClause(reader);
  const title = reader.text('title', { label: '地方规则名称', maxLength: 200 });
  const issuer = readIssuer(reader);
  const filedOn = reader.optionalDate('filedOn', '报省备案日期');
  const category = reader.choice('category', { label: '科目类别', choices: LOCAL_CATEGORY_LABELS });
  const method = readMethod(reader);
  if (code === undefined || clause === undefined || title === undefined || !issuer || category === undefined || !method) return undefined;
  return { code, clause, title, issuer, ...(filedOn === undefined ? {} : { filedOn }), category, method };
}

function readIssuer(parent: FieldReader): LocalRule['issuer'] | undefined {
  const reader = parent.object('issuer', '发布机关');
  if (!reader) return undefined;

  reader.onlyKeys(['kind', 'code', 'name']);
  const kind = reader.choice('kind', { label: '发布机关类型', choices: ISSUER_KIND_LABELS });
  const code = reader.text('code', { label: '发布机关代码', maxLength: 64 });
  const name = reader.text('name', { label: '发布机关名称', maxLength: 100 });
  if (kind === undefined || code === undefined || name === undefined) return undefined;
  return { kind, code, name };
}

function readMethod(parent: FieldReader): LocalRuleMethod | undefined {
  const reader = parent.object('method', '计算方式');
  if (!reader) return undefined;

  const kind = reader.choice('kind', { label: '计算方式', choices: METHOD_KIND_LABELS });
  if (kind === 'fixed') {
    reader.onlyKeys(['kind', 'hours']);
    const hours = readValue(reader, 'hours', { ...HOURS_BOUNDS('每项学时'), min: 1 });
    return hours && { kind, hours };
  }
  if (kind === 'declared') {
    reader.onlyKeys(['kind', 'maxHours']);
    if (!reader.has('maxHours')) return { kind };
    const maxHours = readValue(reader, 'maxHours', { ...HOURS_BOUNDS('每项学时上限'), min: 1, max: MAX_RULE_TENTHS });
    return maxHours && { kind, maxHours };
  }
  return undefined;
}
