// Art. 4: the public-subject guide (公需科目指南), published every year by the provincial bureau with
// the authorities. Its courses are public-subject content; each carries its hours (tenths).

import { FieldReader, checked, isPlainObject, readerFor } from './check.ts';
import { ACTIVITY_LIMITS } from './activity.ts';
import { normalizeCode } from './achievement-ids.ts';
import type { Checked, FieldIssue } from './types.ts';

export type PublicSubjectCourse = { readonly code: string; readonly title: string; readonly hours: number };

export type PublicSubjectGuide = { readonly year: number; readonly courses: readonly PublicSubjectCourse[] };

/** The course of the guide with this code (codes compare without case or surrounding spaces). */
export function findGuideCourse(guide: PublicSubjectGuide, courseCode: string): PublicSubjectCourse | undefined {
  const wanted = normalizeCode(courseCode);
  return guide.courses.find((course) => normalizeCode(course.code) === wanted);
}

/** Validates a stored guide (hours in tenths, course codes unique). */
export function parsePublicSubjectGuide(input: unknown): Checked<PublicSubjectGuide> {
  const issues: FieldIssue[] = [];
  const reader = readerFor({ value: input, path: '', label: '公需科目指南', issues });
  if (!reader) return { ok: false, errors: issues };

  reader.onlyKeys(['year', 'courses']);
  const year = reader.integer('year', { label: '年度', min: ACTIVITY_LIMITS.firstYear, max: ACTIVITY_LIMITS.lastYear });
  const list = reader.array('courses', '课程列表') ?? [];

  const seen = new Set<string>();
  const courses = list.flatMap((item, index): PublicSubjectCourse[] => {
    const path = `courses[${index}]`;
    if (!isPlainObject(item)) {
      issues.push({ field: path, message: '课程须为对象' });
      return [];
    }

    const course = new FieldReader({ object: item, path, issues });
    course.onlyKeys(['code', 'title', 'hours']);
    const code = course.text('code', { label: '课程代码', maxLength: 64 });
    const title = course.text('title', { label: '课程名称', maxLength: 200 });
    const hours = course.integer('hours', { label: '学时（以0.1学时为单位的整数）', min: 1, max: ACTIVITY_LIMITS.hours });

    if (code !== undefined && seen.has(normalizeCode(code))) course.fail('code', `课程代码 ${code} 重复`);
    if (code !== undefined) seen.add(normalizeCode(code));
    if (code === undefined || title === undefined || hours === undefined) return [];
    return [{ code, title, hours }];
  });

  return checked({ year: year ?? 0, courses }, issues);
}
