// The default policy: 《河南省专业技术人员继续教育证书管理办法》(豫人社〔2017〕121号), with exactly the
// values and flags of SPEC.md (docs/measures.md). Values the spec marks provisional are placeholders
// the provincial bureau replaces through the policy editor. `hn-2017.test.ts` reads the Art. 7 table
// of docs/measures.md and compares it with this object, so the two cannot drift apart.

import type { PolicyDocument, PolicyValue } from './types.ts';
import { POLICY_FORMAT } from './types.ts';

/** Hours confirmed against the published measures (given in hours, stored in tenths). */
const confirmed = (hours: number): PolicyValue => ({ value: hours * 10, provisional: false });

/** Placeholder hours that could not be confirmed (given in hours, stored in tenths). */
const provisional = (hours: number): PolicyValue => ({ value: hours * 10, provisional: true });

/** A placeholder count that is not hours (months). */
const provisionalCount = (count: number): PolicyValue => ({ value: count, provisional: true });

const document: PolicyDocument = {
  format: POLICY_FORMAT,
  id: 'HN-2017',
  title: '河南省专业技术人员继续教育证书管理办法',
  source: '豫人社〔2017〕121号',
  // Issued 2017-08-17; in force from issue, replacing the earlier measures (Art. 18).
  effectiveFrom: '2017-08-17',

  // Art. 5: at least 90 hours a year, public at least 24, professional generally two thirds (60 of 90).
  requirement: { clause: '5', total: confirmed(90), public: confirmed(24), professional: confirmed(60) },

  rules: [
    // Art. 7(1): actual study hours, confirmed by the base's approving department.
    {
      kind: 'base_training',
      code: 'art7.1.base_training',
      clause: '7(1)',
      title: '继续教育基地举办的进修班、培训班、研修班',
      category: 'declared',
      method: 'declared',
    },
    // Art. 7(2): hours set by the organiser.
    {
      kind: 'seminar',
      code: 'art7.2.seminar',
      clause: '7(2)',
      title: '参加培训班、研修班（学时由主办单位确定）',
      category: 'declared',
      method: 'declared',
    },
    // Art. 7(3): degree education, per course passed.
    {
      kind: 'degree_course',
      code: 'art7.3.degree_course',
      clause: '7(3)',
      title: '学历（学位）教育',
      category: 'professional',
      perCourse: provisional(15),
    },
    // Art. 7(3): course study: 10 hours a month (confirmed); over 6 months the year is complete.
    {
      kind: 'course_study',
      code: 'art7.3.course_study',
      clause: '7(3)',
      title: '课程进修',
      category: 'professional',
      perMonth: confirmed(10),
      fullYearAfterMonths: provisionalCount(6),
    },
    // Art. 7(4): academic conferences per day, plus hours for presenting a paper or report.
    {
      kind: 'conference',
      code: 'art7.4.conference',
      clause: '7(4)',
      title: '参加学术会议',
      category: 'professional',
      levels: {
        national: { perDay: provisional(8), presentationBonus: provisional(4) },
        provincial: { perDay: provisional(6), presentationBonus: provisional(2) },
      },
    },
    // Art. 7(5): research projects by level, role and rank; city-level projects set by the unit's authority.
    {
      kind: 'project',
      code: 'art7.5.project',
      clause: '7(5)',
      title: '承担课题研究',
      category: 'professional',
      levels: {
        national: {
          main: [provisional(72), provisional(60), provisional(48), provisional(36)],
          sub: [provisional(48), provisional(36), provisional(24)],
        },
        provincial: {
          main: [provisional(60), provisional(48), provisional(36)],
          sub: [provisional(36), provisional(24), provisional(12)],
        },
        city: 'declared',
      },
    },
    // Art. 7(6): books per 10,000 characters: editor-in-chief / deputy / contributor (author rank 1–3).
    {
      kind: 'book',
      code: 'art7.6.book',
      clause: '7(6)',
      title: '出版著作、译作',
      category: 'professional',
      perTenThousandCharacters: [provisional(15), provisional(12), provisional(8)],
    },
    // Art. 7(6): papers by journal tier and author rank 1–3.
    {
      kind: 'paper',
      code: 'art7.6.paper',
      clause: '7(6)',
      title: '发表论文',
      category: 'professional',
      tiers: {
        national: [provisional(48), provisional(36), provisional(28)],
        provincial_core: [provisional(36), provisional(28), provisional(24)],
        issn_cn: [provisional(28), provisional(24), provisional(20)],
      },
    },
    // Art. 7(7): patents, first inventor or designer only.
    {
      kind: 'patent',
      code: 'art7.7.patent',
      clause: '7(7)',
      title: '获得专利（第一发明人或设计人）',
      category: 'professional',
      types: { invention: [provisional(72)], utility: [provisional(30)], design: [provisional(30)] },
    },
    // Art. 7(8): awards, winners listed on the certificate.
    {
      kind: 'award',
      code: 'art7.8.award',
      clause: '7(8)',
      title: '获得科技奖励（证书列名人员）',
      category: 'professional',
      levels: { national: provisional(72), provincial: provisional(60) },
    },
    // Art. 7(9): exams passed.
    {
      kind: 'exam',
      code: 'art7.9.exam',
      clause: '7(9)',
      title: '通过专业技术资格、执业资格或水平考试',
      category: 'professional',
      levels: { senior: provisional(72), intermediate: provisional(60), junior: provisional(48), practising: provisional(48) },
    },
    // Art. 7(10): a research report adopted by provincial or local leaders.
    {
      kind: 'report_adopted',
      code: 'art7.10.report_adopted',
      clause: '7(10)',
      title: '研究报告获省级或市级领导批示',
      category: 'professional',
      fixed: provisional(30),
    },
    // Art. 7(11): aid and grassroots service: the year counts as complete, for both kinds of content.
    {
      kind: 'aid_service',
      code: 'art7.11.aid_service',
      clause: '7(11)',
      title: '援藏、援疆、援外，基层服务、扶贫、挂职',
      category: 'both',
      effect: 'full_year',
    },
    // Art. 7(12): grassroots service activities per actual day (category not given by the measures: ours).
    {
      kind: 'grassroots_service',
      code: 'art7.12.grassroots_service',
      clause: '7(12)',
      title: '参加基层服务活动',
      category: 'professional',
      perDay: provisional(8),
    },
    // Art. 4: courses of the year's public-subject guide are public subjects, with the guide's hours.
    {
      kind: 'guide_course',
      code: 'art4.guide_course',
      clause: '4',
      title: '公需科目指南课程',
      category: 'public',
      method: 'guide',
    },
  ],

  // Art. 8: the requirement is reduced in proportion to the time on the job.
  reductions: [
    { kind: 'abroad', clause: '8(1)', title: '出国（境）工作', minMonths: provisionalCount(6) },
    { kind: 'sick_leave', clause: '8(2)', title: '病休', minMonths: provisionalCount(6) },
    { kind: 'maternity_leave', clause: '8(3)', title: '产假', minMonths: null },
    { kind: 'other_approved', clause: '8(4)', title: '主管部门批准的其他情形', minMonths: null },
  ],

  // SPEC "Further rules": records for year Y until 31 January of Y+1 (provisional).
  declarationDeadline: { yearOffset: 1, month: 1, day: 31, provisional: true },

  // Art. 7(13): local rules are added per issuing bureau or authority through the policy editor.
  extensions: [],
};

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The default policy version `HN-2017` (immutable). */
export const HN_2017: PolicyDocument = deepFreeze(document);
