// Policy documents: the credit-hour standards of the measures as plain, JSON-serialisable data
// (DESIGN "Policy is data"). Every hour value is an integer number of TENTHS of an hour (学时 × 10).

/** A calendar date `YYYY-MM-DD` (no time zone: the business calendar is Asia/Shanghai). */
export type DateString = string;

/** Art. 4: the two kinds of content. */
export type Category = 'public' | 'professional';

/**
 * The category a rule gives its records. `declared`: the record's own category (7(1), 7(2): training
 * records take the category of their programme). `both`: the record completes both kinds (7(11)).
 */
export type RuleCategory = Category | 'declared' | 'both';

/** The category of one evaluated record. */
export type EvaluatedCategory = Category | 'both';

/** A clause of the measures, e.g. `5`, `7(5)`, `8(1)`. */
export type Clause = string;

/**
 * A number of the policy with its provenance: `provisional` marks a placeholder that could not be
 * confirmed against the published measures (SPEC: never present it as the official number).
 * Hours are in tenths; other quantities say their unit in the field name (`…Months`).
 */
export type PolicyValue = { readonly value: number; readonly provisional: boolean };

/** Art. 5: the yearly requirement, before the reductions of Art. 8. */
export type Requirement = {
  readonly clause: Clause;
  readonly total: PolicyValue;
  readonly public: PolicyValue;
  readonly professional: PolicyValue;
};

type RuleCommon = {
  /** Stable identifier of the rule, quoted in evaluations (`art7.5.project`). */
  readonly code: string;
  readonly clause: Clause;
  /** Chinese name of the rule, shown in the policy editor. */
  readonly title: string;
  readonly category: RuleCategory;
};

/** Hours by rank: index 0 is rank 1. Ranks beyond the list earn no hours. */
export type RankedValues = readonly PolicyValue[];

/** 7(1), 7(2): hours as declared and verified. */
export type DeclaredRule = RuleCommon & {
  readonly kind: 'base_training' | 'seminar';
  readonly method: 'declared';
};

/** 7(3): degree education, per course passed. */
export type DegreeCourseRule = RuleCommon & {
  readonly kind: 'degree_course';
  readonly perCourse: PolicyValue;
};

/** 7(3): course study: per month; over `fullYearAfterMonths` months the whole year is complete. */
export type CourseStudyRule = RuleCommon & {
  readonly kind: 'course_study';
  readonly perMonth: PolicyValue;
  readonly fullYearAfterMonths: PolicyValue;
};

export type ConferenceLevelValues = { readonly perDay: PolicyValue; readonly presentationBonus: PolicyValue };

/** 7(4): academic conferences, per day by level, plus a bonus for presenting a paper or report. */
export type ConferenceRule = RuleCommon & {
  readonly kind: 'conference';
  readonly levels: { readonly national: ConferenceLevelValues; readonly provincial: ConferenceLevelValues };
};

export type ProjectLevelValues = { readonly main: RankedValues; readonly sub: RankedValues };

/** 7(5): research projects by level, role and rank; city-level projects are set by the unit's authority. */
export type ProjectRule = RuleCommon & {
  readonly kind: 'project';
  readonly levels: {
    readonly national: ProjectLevelValues;
    readonly provincial: ProjectLevelValues;
    readonly city: 'declared';
  };
};

/** 7(6): books, per 10,000 characters by role / author rank. */
export type BookRule = RuleCommon & {
  readonly kind: 'book';
  readonly perTenThousandCharacters: RankedValues;
};

/** 7(6): papers by journal tier and author rank. */
export type PaperRule = RuleCommon & {
  readonly kind: 'paper';
  readonly tiers: {
    readonly national: RankedValues;
    readonly provincial_core: RankedValues;
    readonly issn_cn: RankedValues;
  };
};

/** 7(7): patents by type; only the ranks listed earn hours (the first inventor or designer). */
export type PatentRule = RuleCommon & {
  readonly kind: 'patent';
  readonly types: { readonly invention: RankedValues; readonly utility: RankedValues; readonly design: RankedValues };
};

/** 7(8): awards by level, for the winners listed on the award certificate. */
export type AwardRule = RuleCommon & {
  readonly kind: 'award';
  readonly levels: { readonly national: PolicyValue; readonly provincial: PolicyValue };
};

/** 7(9): exams passed, by level. */
export type ExamRule = RuleCommon & {
  readonly kind: 'exam';
  readonly levels: {
    readonly senior: PolicyValue;
    readonly intermediate: PolicyValue;
    readonly junior: PolicyValue;
    readonly practising: PolicyValue;
  };
};

/** 7(10): a research report adopted by leaders: fixed hours. */
export type ReportAdoptedRule = RuleCommon & {
  readonly kind: 'report_adopted';
  readonly fixed: PolicyValue;
};

/** 7(11): aid and grassroots service: the year counts as complete. */
export type AidServiceRule = RuleCommon & {
  readonly kind: 'aid_service';
  readonly effect: 'full_year';
};

/** 7(12): grassroots service activities, per actual day. */
export type GrassrootsServiceRule = RuleCommon & {
  readonly kind: 'grassroots_service';
  readonly perDay: PolicyValue;
};

/** Art. 4: a course of the year's public-subject guide earns the hours the guide gives it. */
export type GuideCourseRule = RuleCommon & {
  readonly kind: 'guide_course';
  readonly method: 'guide';
};

export type Rule =
  | DeclaredRule
  | DegreeCourseRule
  | CourseStudyRule
  | ConferenceRule
  | ProjectRule
  | BookRule
  | PaperRule
  | PatentRule
  | AwardRule
  | ExamRule
  | ReportAdoptedRule
  | AidServiceRule
  | GrassrootsServiceRule
  | GuideCourseRule;

export type RuleKind = Rule['kind'];

/** Art. 7(13), Art. 16: who issued a local rule (filed with the province). */
export type LocalRuleIssuer = {
  readonly kind: 'bureau' | 'authority';
  /** The issuer's code (region code of a bureau, code of an authority). */
  readonly code: string;
  readonly name: string;
};

/** How a local rule counts hours: as declared (optionally capped per record) or a fixed number per record. */
export type LocalRuleMethod =
  | { readonly kind: 'declared'; readonly maxHours?: PolicyValue }
  | { readonly kind: 'fixed'; readonly hours: PolicyValue };

/** Art. 7(13): an extension rule of a city / province-administered county bureau or a provincial authority. */
export type LocalRule = {
  readonly code: string;
  readonly clause: Clause;
  readonly title: string;
  readonly issuer: LocalRuleIssuer;
  /** The date the rule was filed with the provincial bureau, when known. */
  readonly filedOn?: DateString;
  readonly category: Category | 'declared';
  readonly method: LocalRuleMethod;
};

/** Art. 8: the four cases that reduce a year's requirement. */
export type ReductionKind = 'abroad' | 'sick_leave' | 'maternity_leave' | 'other_approved';

export type ReductionCase = {
  readonly kind: ReductionKind;
  readonly clause: Clause;
  readonly title: string;
  /** Art. 8(1), 8(2): the case applies only when it lasts more than this many months of the year. */
  readonly minMonths: PolicyValue | null;
};

/** The last day records of year Y can be declared: `month`/`day` of year Y + `yearOffset` (inclusive). */
export type DeclarationDeadline = {
  readonly yearOffset: number;
  readonly month: number;
  readonly day: number;
  readonly provisional: boolean;
};

/** One version of the policy (Art. 16–18: versions with effective dates). */
export type PolicyDocument = {
  readonly format: typeof POLICY_FORMAT;
  /** Version id, e.g. `HN-2017`. */
  readonly id: string;
  readonly title: string;
  /** The document implemented, e.g. `豫人社〔2017〕121号`. */
  readonly source: string;
  /** The version governs every year whose last day is on or after this date (until a later version). */
  readonly effectiveFrom: DateString;
  readonly requirement: Requirement;
  readonly rules: readonly Rule[];
  readonly reductions: readonly ReductionCase[];
  readonly declarationDeadline: DeclarationDeadline;
  readonly extensions: readonly LocalRule[];
};

export const POLICY_FORMAT = 'jixu.policy/1';

/** A validation problem naming the field, as the API's `errors: [{ field, message }]`. */
export type FieldIssue = { readonly field: string; readonly message: string };

/** The outcome of validating input: a value, or the field issues (Chinese messages). */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly FieldIssue[] };

/** Hours split by category, in tenths. */
export type HoursSplit = { readonly total: number; readonly public: number; readonly professional: number };
