// SPEC "Further rules": the same achievement cannot earn hours twice (same patent number, same
// ISBN/ISSN article, same exam certificate, overlapping days of the same training for the same person).
// The second claim is refused with a message naming the first.

import {
  normalizeCertificateNumber,
  normalizeCode,
  normalizeIsbn,
  normalizeIssn,
  normalizePatentNumber,
  normalizeTitle,
} from './achievement-ids.ts';
import type { Activity } from './activity-types.ts';
import type { DateString } from './types.ts';

/**
 * Who cannot claim the same key twice: `global`: nobody again (a patent has one first inventor, an exam
 * certificate one holder); `person`: not the same person again (co-authors each earn their rank);
 * `person_year`: not the same person in the same record year (a guide course code is per year's guide).
 */
export type DuplicateScope = 'global' | 'person' | 'person_year';

export type DuplicateKey = {
  /** Stable text key (store it with the record to look claims up by it), e.g. `patent:201910123456.7`. */
  readonly key: string;
  readonly scope: DuplicateScope;
  /** Trainings: two claims of the same programme are duplicates only when their days overlap. */
  readonly period?: { readonly from: DateString; readonly to: DateString };
  /** What the achievement is, in Chinese, for the refusal message. */
  readonly description: string;
};

/** A claim as far as duplicates are concerned. */
export type ClaimRecord = {
  readonly id: string;
  readonly personId: string;
  readonly year: number;
  readonly activity: Activity;
};

export type DuplicateFinding<R extends ClaimRecord> = {
  readonly existing: R;
  readonly key: string;
  /** The refusal, naming the first claim. */
  readonly message: string;
};

/** The duplicate key of an activity, or `undefined` when it carries nothing that identifies it. */
export function duplicateKey(activity: Activity): DuplicateKey | undefined {
  switch (activity.kind) {
    case 'base_training':
    case 'seminar': {
      // Overlapping days of the same training: 7(1) and 7(2) records of one programme are one training.
      if (activity.programmeCode === undefined) return undefined;
      const code = normalizeCode(activity.programmeCode);
      const period = activity.from !== undefined && activity.to !== undefined ? { from: activity.from, to: activity.to } : undefined;
      const dates = period ? `，${period.from}至${period.to}` : '';
      return { key: `training:${code}`, scope: 'person', ...(period ? { period } : {}), description: `培训项目 ${code}${dates}` };
    }
    case 'guide_course': {
      const code = normalizeCode(activity.courseCode);
      return { key: `guide_course:${code}`, scope: 'person_year', description: `公需科目指南课程 ${code}` };
    }
    case 'project': {
      if (activity.projectCode === undefined) return undefined;
      const code = normalizeCode(activity.projectCode);
      return { key: `project:${code}`, scope: 'person', description: `课题 ${code}` };
    }
    case 'book': {
      const isbn = activity.isbn === undefined ? undefined : normalizeIsbn(activity.isbn);
      if (isbn === undefined) return undefined;
      return { key: `book:${isbn}`, scope: 'person', description: `ISBN ${isbn} 的著作` };
    }
    case 'paper': {
      // The same article: same journal (ISSN) and same title.
      const issn = activity.issn === undefined ? undefined : normalizeIssn(activity.issn);
      if (issn === undefined || activity.articleTitle === undefined) return undefined;
      return {
        key: `paper:${issn}:${normalizeTitle(activity.articleTitle)}`,
        scope: 'person',
        description: `ISSN ${issn} 期刊论文《${activity.articleTitle}》`,
      };
    }
    case 'patent': {
      const number = activity.patentNumber === undefined ? undefined : normalizePatentNumber(activity.patentNumber);
      if (number === undefined) return undefined;
      return { key: `patent:${number}`, scope: 'global', description: `专利号 ${number}` };
    }
    case 'exam': {
      const number = activity.certificateNumber === undefined ? undefined : normalizeCertificateNumber(activity.certificateNumber);
      if (number === undefined) return undefined;
      return { key: `exam:${number}`, scope: 'global', description: `证书编号 ${number} 的资格考试` };
    }
    case 'degree_course':
    case 'course_study':
    case 'conference':
    case 'award':
    case 'report_adopted':
    case 'aid_service':
    case 'grassroots_service':
    case 'other':
      return undefined;
  }
}

function periodsOverlap(a: DuplicateKey['period'], b: DuplicateKey['period']): boolean {
  // A claim without dates cannot be told apart from any claim of the same programme.
  if (!a || !b) return true;
  return a.from <= b.to && b.from <= a.to;
}

/** Whether two claims are the same achievement (by key, scope and, for trainings, overlapping days). */
export function claimsConflict(a: ClaimRecord, b: ClaimRecord): boolean {
  const keyA = duplicateKey(a.activity);
  const keyB = duplicateKey(b.activity);
  if (!keyA || !keyB || keyA.key !== keyB.key) return false;
  return scopeConflicts(keyA.scope, { a, b }) && periodsOverlap(keyA.period, keyB.period);
}

function scopeConflicts(scope: DuplicateScope, claims: { a: ClaimRecord; b: ClaimRecord }): boolean {
  const { a, b } = claims;
  switch (scope) {
    case 'global':
      return true;
    case 'person':
      return a.personId === b.personId;
    case 'person_year':
      return a.personId === b.personId && a.year === b.year;
  }
}

/**
 * The first of `existingRecords` (in their order: pass them oldest first) that `newRecord` would claim
 * again, with a refusal message naming it; `undefined` when there is none. Pass only live claims (not
 * rejected, withdrawn or overturned ones). A record never conflicts with itself (same id: an amendment).
 */
export function findDuplicate<R extends ClaimRecord>(
  newRecord: Omit<ClaimRecord, 'id'> & { readonly id?: string },
  existingRecords: readonly R[],
): DuplicateFinding<R> | undefined {
  const key = duplicateKey(newRecord.activity);
  if (!key) return undefined;

  const candidate: ClaimRecord = { ...newRecord, id: newRecord.id ?? '' };
  const existing = existingRecords.find((record) => record.id !== newRecord.id && claimsConflict(candidate, record));
  if (!existing) return undefined;

  const owner = existing.personId === newRecord.personId ? '' : '他人的';
  const first = `${owner}记录 ${existing.id}（${existing.year}年度）`;
  const message = key.period
    ? `${key.description}与${first}为同一培训且日期重叠，不能重复计算学时`
    : `${key.description}已由${first}申报，同一成果不能重复计算学时`;
  return { existing, key: key.key, message };
}
