// The policy engine (Art. 5, 7, 8 of the measures; SPEC "Further rules"): policy documents as data,
// evaluation of activities, the yearly status, reductions, duplicate claims and the declaration deadline.
// See docs/policy.md.

export type {
  Category,
  Checked,
  Clause,
  DateString,
  DeclarationDeadline,
  EvaluatedCategory,
  FieldIssue,
  HoursSplit,
  LocalRule,
  LocalRuleIssuer,
  LocalRuleMethod,
  PolicyDocument,
  PolicyValue,
  RankedValues,
  ReductionCase,
  ReductionKind,
  Requirement,
  Rule,
  RuleCategory,
  RuleKind,
} from './types.ts';
export { POLICY_FORMAT } from './types.ts';

export type {
  Activity,
  ActivityKind,
  AidServiceActivity,
  AwardActivity,
  AwardLevel,
  BaseTrainingActivity,
  BookActivity,
  CityProjectActivity,
  ConferenceActivity,
  ConferenceLevel,
  CourseStudyActivity,
  DegreeCourseActivity,
  ExamActivity,
  ExamLevel,
  GrassrootsServiceActivity,
  GuideCourseActivity,
  OtherActivity,
  PaperActivity,
  PaperTier,
  PatentActivity,
  PatentType,
  ProjectActivity,
  ProjectLevel,
  ProjectRole,
  RankedProjectActivity,
  ReportAdoptedActivity,
  SeminarActivity,
} from './activity-types.ts';
export { ACTIVITY_KINDS, ACTIVITY_KIND_LABELS, CATEGORY_LABELS } from './activity-types.ts';

export { ACTIVITY_FIELDS, ACTIVITY_LIMITS, parseActivity, recordYearOf } from './activity.ts';
export { activityFromApi, activityToApi, evaluationToApi, type ApiEvaluation } from './activity-api.ts';
export { HN_2017 } from './hn-2017.ts';
export { parsePolicyDocument, REDUCTION_KIND_LABELS } from './policy-document.ts';
export { findLocalRule, localRulesFor, policyForYear, ruleFor } from './policy-select.ts';
export { findGuideCourse, parsePublicSubjectGuide, type PublicSubjectCourse, type PublicSubjectGuide } from './guide.ts';
export { evaluate, type Evaluation, type EvaluationContext } from './evaluate.ts';
export { PROVISIONAL_MARK } from './explain.ts';
export { formatHours, hoursToTenths, tenthsToHours } from './hours.ts';
export {
  computeReduction,
  leaveDaysInYear,
  parseLeavePeriod,
  requiredHours,
  type LeavePeriod,
  type ReductionCaseOutcome,
  type ReductionOutcome,
} from './reductions.ts';
export {
  claimsConflict,
  duplicateKey,
  findDuplicate,
  type ClaimRecord,
  type DuplicateFinding,
  type DuplicateKey,
  type DuplicateScope,
} from './duplicates.ts';
export { projectEarningYears, projectEarnsInYear, recordEarnsInYear } from './projects.ts';
export {
  yearlyStatus,
  type CountedRecord,
  type ExcludedRecord,
  type YearlyStatus,
  type YearlyStatusOptions,
  type YearRecord,
} from './yearly-status.ts';
export { declarationWindow, isDeclarationOpen, type DeclarationWindow } from './deadline.ts';
export { businessYear, shanghaiDate } from './dates.ts';
