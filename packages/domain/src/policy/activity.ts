// Validation of domain activities (hours already in tenths). `evaluate` runs it on every activity, so
// an activity from storage or from code is held to the same rules as one from the API.

import { normalizeCertificateNumber, normalizeIsbn, normalizeIssn, normalizePatentNumber } from './achievement-ids.ts';
import {
  ACTIVITY_KIND_LABELS,
  AWARD_LEVEL_LABELS,
  CATEGORY_LABELS,
  CONFERENCE_LEVEL_LABELS,
  EXAM_LEVEL_LABELS,
  PAPER_TIER_LABELS,
  PATENT_TYPE_LABELS,
  PROJECT_LEVEL_LABELS,
  PROJECT_ROLE_LABELS,
  type Activity,
  type ActivityKind,
} from './activity-types.ts';
import { type FieldReader, checked, readerFor } from './check.ts';
import { inclusiveDays, yearOf } from './dates.ts';
import type { Checked, FieldIssue } from './types.ts';

/** Upper bounds that only keep absurd input out (and arithmetic exact); the measures set none. */
export const ACTIVITY_LIMITS = {
  /** 10,000 hours, in tenths. */
  hours: 100_000,
  coursesPassed: 100,
  months: 120,
  /** A record belongs to one year: at most 366 days. */
  days: 366,
  rank: 99,
  characters: 100_000_000,
  firstYear: 1949,
  lastYear: 2999,
} as const;

const PERIOD_KEYS = ['from', 'to'] as const;
const DATED_KEYS = ['datedOn'] as const;

/** The fields each kind accepts: API.md's contract fields, then the optional identifying fields. */
export const ACTIVITY_FIELDS: Readonly<Record<ActivityKind, readonly string[]>> = {
  base_training: ['hours', 'category', 'programmeCode', ...PERIOD_KEYS],
  seminar: ['hours', 'category', 'programmeCode', ...PERIOD_KEYS],
  degree_course: ['coursesPassed', ...DATED_KEYS],
  course_study: ['months', ...PERIOD_KEYS],
  conference: ['level', 'days', 'presented', ...PERIOD_KEYS],
  project: ['level', 'role', 'rank', 'hours', 'projectCode', 'plannedStartYear', 'plannedEndYear', ...DATED_KEYS],
  book: ['characters', 'rank', 'isbn', ...DATED_KEYS],
  paper: ['tier', 'rank', 'issn', 'articleTitle', ...DATED_KEYS],
  patent: ['type', 'rank', 'patentNumber', ...DATED_KEYS],
  award: ['level', 'listed', ...DATED_KEYS],
  exam: ['level', 'certificateNumber', ...DATED_KEYS],
  report_adopted: [...DATED_KEYS],
  aid_service: [...PERIOD_KEYS],
  grassroots_service: ['days', ...PERIOD_KEYS],
  guide_course: ['courseCode', ...PERIOD_KEYS],
  other: ['ruleCode', 'hours', 'category', ...PERIOD_KEYS],
};

/** The fields whose value is hours (tenths in the domain, decimal hours in the API). */
export const HOURS_FIELDS = ['hours'] as const;

/** Validates a domain activity (hours in tenths). Issues name the field under `path` (`activity.rank`). */
export function parseActivity(input: unknown, path = 'activity'): Checked<Activity> {
  const issues: FieldIssue[] = [];
  const reader = readerFor({ value: input, path, label: '活动', issues });
  if (!reader) return { ok: false, errors: issues };

  const kind = reader.choice('kind', { label: '活动类型', choices: ACTIVITY_KIND_LABELS });
  if (!kind) return { ok: false, errors: issues };

  reader.onlyKeys(['kind', ...ACTIVITY_FIELDS[kind]]);
  const activity = readKind(kind, reader);
  return checked({ kind, ...activity } as Activity, issues);
}

type Fields = Record<string, unknown>;

function readKind(kind: ActivityKind, r: FieldReader): Fields {
  switch (kind) {
    case 'base_training':
    case 'seminar':
      return { ...readHours(r, '学时'), ...readCategory(r), ...readCode(r, 'programmeCode', '培训项目代码'), ...readPeriod(r) };
    case 'degree_course':
      return {
        coursesPassed: r.integer('coursesPassed', { label: '通过课程门数', min: 1, max: ACTIVITY_LIMITS.coursesPassed }),
        ...readDated(r),
      };
    case 'course_study':
      return { months: r.integer('months', { label: '进修月数', min: 1, max: ACTIVITY_LIMITS.months }), ...readPeriod(r) };
    case 'conference':
      return readConference(r);
    case 'project':
      return readProject(r);
    case 'book':
      return {
        characters: r.integer('characters', { label: '字数', min: 1, max: ACTIVITY_LIMITS.characters }),
        rank: readRank(r, '作者排名（1 主编或第一作者，2，3）'),
        ...readIdentifier(r, { key: 'isbn', label: 'ISBN', normalize: normalizeIsbn, hint: 'ISBN-10 或 ISBN-13，校验位须正确' }),
        ...readDated(r),
      };
    case 'paper':
      return {
        tier: r.choice('tier', { label: '期刊类别', choices: PAPER_TIER_LABELS }),
        rank: readRank(r, '作者排名'),
        ...readIdentifier(r, { key: 'issn', label: 'ISSN', normalize: normalizeIssn, hint: '如 1000-0000，校验位须正确' }),
        ...optional('articleTitle', r.optionalText('articleTitle', { label: '论文题目', maxLength: 500 })),
        ...readDated(r),
      };
    case 'patent':
      return {
        type: r.choice('type', { label: '专利类型', choices: PATENT_TYPE_LABELS }),
        rank: readRank(r, '发明人（设计人）排名'),
        ...readIdentifier(r, { key: 'patentNumber', label: '专利号', normalize: normalizePatentNumber, hint: '如 ZL201910123456.7' }),
        ...readDated(r),
      };
    case 'award':
      return {
        level: r.choice('level', { label: '奖励级别', choices: AWARD_LEVEL_LABELS }),
        listed: r.boolean('listed', '是否获奖证书列名人员'),
        ...readDated(r),
      };
    case 'exam':
      return {
        level: r.choice('level', { label: '考试类别', choices: EXAM_LEVEL_LABELS }),
        ...readIdentifier(r, {
          key: 'certificateNumber',
          label: '证书编号',
          normalize: normalizeCertificateNumber,
          hint: '4–40位字母或数字',
        }),
        ...readDated(r),
      };
    case 'report_adopted':
      return readDated(r);
    case 'aid_service':
      return readPeriod(r);
    case 'grassroots_service':
      return readDays(r, '服务天数');
    case 'guide_course':
      return { courseCode: r.text('courseCode', { label: '公需科目课程代码', maxLength: 64 }), ...readPeriod(r) };
    case 'other':
      return {
        ruleCode: r.text('ruleCode', { label: '地方规则代码', maxLength: 64 }),
        ...(r.has('hours') ? readHours(r, '学时') : {}),
        ...(r.has('category') ? readCategory(r) : {}),
        ...readPeriod(r),
      };
  }
}

/** Keeps optional fields absent (not `undefined`) so activities stay plain JSON. */
function optional(key: string, value: unknown): Fields {
  return value === undefined ? {} : { [key]: value };
}

// Hours in tenths. The label stays plain: API clients see "请填写学时" for a missing value, while
// `activityFromApi` words the problems of a given value in decimal hours.
function readHours(r: FieldReader, label: string): Fields {
  return { hours: r.integer('hours', { label, min: 1, max: ACTIVITY_LIMITS.hours }) };
}

function readCategory(r: FieldReader): Fields {
  return { category: r.choice('category', { label: '科目类别', choices: CATEGORY_LABELS }) };
}

function readRank(r: FieldReader, label: string): number | undefined {
  return r.integer('rank', { label, min: 1, max: ACTIVITY_LIMITS.rank });
}

function readCode(r: FieldReader, key: string, label: string): Fields {
  return optional(key, r.optionalText(key, { label, maxLength: 64 }));
}

type IdentifierOptions = { key: string; label: string; hint: string; normalize: (value: string) => string | undefined };

function readIdentifier(r: FieldReader, options: IdentifierOptions): Fields {
  const value = r.optionalText(options.key, { label: options.label, maxLength: 64 });
  if (value === undefined) return {};
  if (options.normalize(value) === undefined) {
    r.fail(options.key, `${options.label}格式不正确（${options.hint}）`);
    return {};
  }
  return { [options.key]: value };
}

function readDated(r: FieldReader): Fields {
  return optional('datedOn', readYearBoundedDate(r, 'datedOn', '日期（发表、授权、获奖、通过或结题日期）'));
}

function readPeriod(r: FieldReader): Fields {
  const from = readYearBoundedDate(r, 'from', '开始日期');
  const to = readYearBoundedDate(r, 'to', '结束日期');
  if (from !== undefined && to !== undefined && to < from) r.fail('to', '结束日期不能早于开始日期');
  return { ...optional('from', from), ...optional('to', to) };
}

function readYearBoundedDate(r: FieldReader, key: string, label: string): string | undefined {
  const date = r.optionalDate(key, label);
  if (date === undefined) return undefined;

  const year = yearOf(date);
  if (year < ACTIVITY_LIMITS.firstYear || year > ACTIVITY_LIMITS.lastYear) {
    return r.fail(key, `${label}须在${ACTIVITY_LIMITS.firstYear}年至${ACTIVITY_LIMITS.lastYear}年之间`);
  }
  return date;
}

/** Days within a period: when both dates are given, the days cannot exceed the days between them. */
function readDays(r: FieldReader, label: string): Fields {
  const days = r.integer('days', { label, min: 1, max: ACTIVITY_LIMITS.days });
  const period = readPeriod(r);
  const { from, to } = period as { from?: string; to?: string };
  if (days !== undefined && from !== undefined && to !== undefined && days > inclusiveDays(from, to)) {
    r.fail('days', `${label}不能超过起止日期之间的${inclusiveDays(from, to)}天`);
  }
  return { days, ...period };
}

function readConference(r: FieldReader): Fields {
  return {
    level: r.choice('level', { label: '会议级别', choices: CONFERENCE_LEVEL_LABELS }),
    ...readDays(r, '会议天数'),
    presented: r.boolean('presented', '是否交流论文或报告'),
  };
}

function readProject(r: FieldReader): Fields {
  const level = r.choice('level', { label: '课题级别', choices: PROJECT_LEVEL_LABELS });
  const common = { level, ...readCode(r, 'projectCode', '课题编号'), ...readPlannedPeriod(r), ...readDated(r) };

  // Art. 7(5): city-level projects are given hours by the unit's authority; the others go by role and rank.
  if (level === 'city') {
    return {
      ...common,
      ...readHours(r, '市级课题学时'),
      ...optional('role', r.optionalChoice('role', { label: '课题角色', choices: PROJECT_ROLE_LABELS })),
      ...optional('rank', r.optionalInteger('rank', { label: '课题排名', min: 1, max: ACTIVITY_LIMITS.rank })),
    };
  }
  if (r.has('hours')) r.fail('hours', '只有市级课题填写学时；国家级、省级课题按角色和排名计算');
  return { ...common, role: r.choice('role', { label: '课题角色', choices: PROJECT_ROLE_LABELS }), rank: readRank(r, '课题排名') };
}

function readPlannedPeriod(r: FieldReader): Fields {
  const bounds = { min: ACTIVITY_LIMITS.firstYear, max: ACTIVITY_LIMITS.lastYear };
  const start = r.optionalInteger('plannedStartYear', { label: '计划开始年度', ...bounds });
  const end = r.optionalInteger('plannedEndYear', { label: '计划结束年度', ...bounds });

  if (r.has('plannedStartYear') !== r.has('plannedEndYear')) {
    r.fail(r.has('plannedStartYear') ? 'plannedEndYear' : 'plannedStartYear', '计划开始年度和计划结束年度须同时填写');
  }
  if (start !== undefined && end !== undefined && end < start) r.fail('plannedEndYear', '计划结束年度不能早于计划开始年度');
  return { ...optional('plannedStartYear', start), ...optional('plannedEndYear', end) };
}

/**
 * The year a record belongs to, from its dates (SPEC: the year the activity ended or the achievement
 * was dated), or `undefined` when the activity carries no date.
 */
export function recordYearOf(activity: Activity): number | undefined {
  if ('to' in activity && activity.to !== undefined) return yearOf(activity.to);
  if ('datedOn' in activity && activity.datedOn !== undefined) return yearOf(activity.datedOn);
  return undefined;
}
