// The activities a record can hold: a discriminated union on `kind` with exactly the field names of
// API.md ("Hours calculator"). In the domain every `hours` field is in TENTHS (integer); the API's
// decimal hours are converted by `activityFromApi`.
//
// Besides the contract fields, activities may carry optional identifying fields used to refuse a second
// claim of the same achievement (SPEC "Further rules") and dates that give the record's year.

import type { Category, DateString } from './types.ts';

/** A period activity: first and last day (inclusive). The record's year is the year of `to`. */
type Period = { readonly from?: DateString; readonly to?: DateString };

/** An achievement: the date of publication, grant, award, pass or conclusion gives the record's year. */
type Dated = { readonly datedOn?: DateString };

/** A training: the programme's code identifies "the same training" for duplicate claims. */
type Training = Period & { readonly programmeCode?: string };

export type BaseTrainingActivity = Training & {
  readonly kind: 'base_training';
  readonly hours: number;
  readonly category: Category;
};

export type SeminarActivity = Training & {
  readonly kind: 'seminar';
  readonly hours: number;
  readonly category: Category;
};

export type DegreeCourseActivity = Dated & { readonly kind: 'degree_course'; readonly coursesPassed: number };

export type CourseStudyActivity = Period & { readonly kind: 'course_study'; readonly months: number };

export type ConferenceLevel = 'national' | 'provincial';

export type ConferenceActivity = Period & {
  readonly kind: 'conference';
  readonly level: ConferenceLevel;
  readonly days: number;
  readonly presented: boolean;
};

export type ProjectLevel = 'national' | 'provincial' | 'city';
export type ProjectRole = 'main' | 'sub';

type ProjectCommon = Dated & {
  readonly kind: 'project';
  /** Identifies the project across yearly claims. */
  readonly projectCode?: string;
  /** The planned period: hours count per year while the project runs within it. */
  readonly plannedStartYear?: number;
  readonly plannedEndYear?: number;
};

export type RankedProjectActivity = ProjectCommon & {
  readonly level: 'national' | 'provincial';
  readonly role: ProjectRole;
  readonly rank: number;
};

/** 7(5): city-level projects: hours set by the unit's authority (`hours`, tenths). */
export type CityProjectActivity = ProjectCommon & {
  readonly level: 'city';
  readonly hours: number;
  readonly role?: ProjectRole;
  readonly rank?: number;
};

export type ProjectActivity = RankedProjectActivity | CityProjectActivity;

export type BookActivity = Dated & {
  readonly kind: 'book';
  readonly characters: number;
  /** 1 editor-in-chief or first author, 2 deputy editor or second author, 3 contributor or third author. */
  readonly rank: number;
  readonly isbn?: string;
};

export type PaperTier = 'national' | 'provincial_core' | 'issn_cn';

export type PaperActivity = Dated & {
  readonly kind: 'paper';
  readonly tier: PaperTier;
  readonly rank: number;
  readonly issn?: string;
  readonly articleTitle?: string;
};

export type PatentType = 'invention' | 'utility' | 'design';

export type PatentActivity = Dated & {
  readonly kind: 'patent';
  readonly type: PatentType;
  readonly rank: number;
  readonly patentNumber?: string;
};

export type AwardLevel = 'national' | 'provincial';

export type AwardActivity = Dated & { readonly kind: 'award'; readonly level: AwardLevel; readonly listed: boolean };

export type ExamLevel = 'senior' | 'intermediate' | 'junior' | 'practising';

export type ExamActivity = Dated & {
  readonly kind: 'exam';
  readonly level: ExamLevel;
  readonly certificateNumber?: string;
};

export type ReportAdoptedActivity = Dated & { readonly kind: 'report_adopted' };

export type AidServiceActivity = Period & { readonly kind: 'aid_service' };

export type GrassrootsServiceActivity = Period & { readonly kind: 'grassroots_service'; readonly days: number };

export type GuideCourseActivity = Period & { readonly kind: 'guide_course'; readonly courseCode: string };

/**
 * Art. 7(13): a local rule. `hours` (tenths) and `category` are needed when the rule counts hours as
 * declared / takes the declared category; a fixed rule ignores `hours`.
 */
export type OtherActivity = Period & {
  readonly kind: 'other';
  readonly ruleCode: string;
  readonly hours?: number;
  readonly category?: Category;
};

export type Activity =
  | BaseTrainingActivity
  | SeminarActivity
  | DegreeCourseActivity
  | CourseStudyActivity
  | ConferenceActivity
  | ProjectActivity
  | BookActivity
  | PaperActivity
  | PatentActivity
  | AwardActivity
  | ExamActivity
  | ReportAdoptedActivity
  | AidServiceActivity
  | GrassrootsServiceActivity
  | GuideCourseActivity
  | OtherActivity;

export type ActivityKind = Activity['kind'];

export const ACTIVITY_KINDS = [
  'base_training',
  'seminar',
  'degree_course',
  'course_study',
  'conference',
  'project',
  'book',
  'paper',
  'patent',
  'award',
  'exam',
  'report_adopted',
  'aid_service',
  'grassroots_service',
  'guide_course',
  'other',
] as const satisfies readonly ActivityKind[];

/** Chinese names of the enumerations, for messages and explanations. */
export const CATEGORY_LABELS: Readonly<Record<Category, string>> = { public: '公需科目', professional: '专业科目' };

export const ACTIVITY_KIND_LABELS: Readonly<Record<ActivityKind, string>> = {
  base_training: '继续教育基地培训班',
  seminar: '培训班、研修班',
  degree_course: '学历（学位）教育',
  course_study: '课程进修',
  conference: '学术会议',
  project: '课题研究',
  book: '著作、译作',
  paper: '论文',
  patent: '专利',
  award: '奖励',
  exam: '资格考试',
  report_adopted: '研究报告获领导批示',
  aid_service: '援派、基层服务',
  grassroots_service: '基层服务活动',
  guide_course: '公需科目指南课程',
  other: '地方规定的其他形式',
};

export const CONFERENCE_LEVEL_LABELS: Readonly<Record<ConferenceLevel, string>> = {
  national: '国家级（部级）',
  provincial: '省级',
};

export const PROJECT_LEVEL_LABELS: Readonly<Record<ProjectLevel, string>> = {
  national: '国家级',
  provincial: '省级',
  city: '市级',
};

export const PROJECT_ROLE_LABELS: Readonly<Record<ProjectRole, string>> = { main: '主课题', sub: '子课题' };

export const BOOK_RANK_LABELS: readonly string[] = ['主编或第一作者', '副主编或第二作者', '参编或第三作者'];

export const PAPER_TIER_LABELS: Readonly<Record<PaperTier, string>> = {
  national: '国外期刊或国家一级学会会刊',
  provincial_core: '省级（核心）期刊',
  issn_cn: '具有ISSN和CN刊号的期刊',
};

export const PATENT_TYPE_LABELS: Readonly<Record<PatentType, string>> = {
  invention: '发明专利',
  utility: '实用新型专利',
  design: '外观设计专利',
};

export const AWARD_LEVEL_LABELS: Readonly<Record<AwardLevel, string>> = {
  national: '国家级奖励',
  provincial: '省（部）级奖励',
};

export const EXAM_LEVEL_LABELS: Readonly<Record<ExamLevel, string>> = {
  senior: '国家高级专业技术资格考试',
  intermediate: '国家中级专业技术资格考试',
  junior: '国家初级专业技术资格考试',
  practising: '国家执业资格或水平考试',
};
