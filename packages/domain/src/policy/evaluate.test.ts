// Table tests: every clause of Art. 7 and every rank, with the numbers of SPEC.md written out here so
// that the arithmetic is checked independently of the policy object.

import { describe, expect, it } from 'vitest';
import type { Activity } from './activity-types.ts';
import { evaluate, type Evaluation } from './evaluate.ts';
import { HN_2017 } from './hn-2017.ts';
import { GUIDE_2024, LOCAL_RULES, withExtensions } from './test-fixtures.ts';
import type { PolicyDocument, Rule } from './types.ts';

function ok(activity: Activity, policy: PolicyDocument = HN_2017, context = {}): Evaluation {
  const result = evaluate(policy, activity, context);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

function errorFields(activity: unknown, policy: PolicyDocument = HN_2017, context = {}): string[] {
  const result = evaluate(policy, activity as Activity, context);
  return result.ok ? [] : result.errors.map((issue) => issue.field);
}

function withRule(change: (rule: Rule) => Rule): PolicyDocument {
  return { ...HN_2017, rules: HN_2017.rules.map(change) };
}

describe('7(5) research projects: every level, role and rank', () => {
  const table: [level: 'national' | 'provincial', role: 'main' | 'sub', hours: number[]][] = [
    ['national', 'main', [72, 60, 48, 36]],
    ['national', 'sub', [48, 36, 24]],
    ['provincial', 'main', [60, 48, 36]],
    ['provincial', 'sub', [36, 24, 12]],
  ];
  const levelName = { national: '国家级', provincial: '省级' };
  const roleName = { main: '主课题', sub: '子课题' };

  for (const [level, role, hours] of table) {
    it.each(hours.map((h, i) => [i + 1, h]))(`${level} ${role} rank %i → %i hours`, (rank, expected) => {
      const evaluation = ok({ kind: 'project', level, role, rank });
      expect(evaluation).toEqual({
        hours: expected * 10,
        category: 'professional',
        clause: '7(5)',
        ruleCode: 'art7.5.project',
        policyVersion: 'HN-2017',
        provisional: true,
        fullYear: false,
        explanation: `7(5) ${levelName[level]}${roleName[role]}第${rank}名：${expected}学时（暂定标准）`,
      });
    });

    it(`${level} ${role} rank ${hours.length + 1} → no hours, explained`, () => {
      const evaluation = ok({ kind: 'project', level, role, rank: hours.length + 1 });
      expect([evaluation.hours, evaluation.provisional, evaluation.fullYear]).toEqual([0, false, false]);
      expect(evaluation.explanation).toBe(`7(5) ${levelName[level]}${roleName[role]}第${hours.length + 1}名：不计学时（仅前${hours.length}名计学时）`);
    });
  }

  it('the example of SPEC.md', () => {
    expect(ok({ kind: 'project', level: 'national', role: 'main', rank: 2 }).explanation).toMatch(/^7\(5\) 国家级主课题第2名：60学时/);
  });

  it('city-level projects: hours set by the authority, as declared', () => {
    expect(ok({ kind: 'project', level: 'city', hours: 205 })).toMatchObject({ hours: 205, provisional: false, clause: '7(5)', explanation: '7(5) 市级课题（学时由主管部门确定）：20.5学时' });
    expect(ok({ kind: 'project', level: 'city', hours: 100, role: 'sub', rank: 7 }).hours).toBe(100);
  });
});

describe('7(6) papers: every tier and rank', () => {
  const table: [tier: 'national' | 'provincial_core' | 'issn_cn', name: string, hours: number[]][] = [
    ['national', '国外期刊或国家一级学会会刊', [48, 36, 28]],
    ['provincial_core', '省级（核心）期刊', [36, 28, 24]],
    ['issn_cn', '具有ISSN和CN刊号的期刊', [28, 24, 20]],
  ];
  for (const [tier, name, hours] of table) {
    it.each([...hours.map((h, i) => [i + 1, h]), [4, 0], [99, 0]])(`${tier} rank %i → %i hours`, (rank, expected) => {
      const evaluation = ok({ kind: 'paper', tier, rank });
      expect([evaluation.hours, evaluation.provisional, evaluation.clause, evaluation.category]).toEqual([expected * 10, expected > 0, '7(6)', 'professional']);
      expect(evaluation.explanation).toBe(
        expected > 0 ? `7(6) ${name}论文第${rank}作者：${expected}学时（暂定标准）` : `7(6) ${name}论文第${rank}作者：不计学时（仅前3名计学时）`,
      );
    });
  }
});

describe('7(6) books: per 10,000 characters by role', () => {
  it.each([
    [1, 10_000, 150, '7(6) 著作、译作（主编或第一作者）1万字，每万字15学时：15学时（暂定标准）'],
    [2, 10_000, 120, '7(6) 著作、译作（副主编或第二作者）1万字，每万字12学时：12学时（暂定标准）'],
    [3, 10_000, 80, '7(6) 著作、译作（参编或第三作者）1万字，每万字8学时：8学时（暂定标准）'],
    [1, 25_000, 375, '7(6) 著作、译作（主编或第一作者）2.5万字，每万字15学时：37.5学时（暂定标准）'],
    [3, 125_000, 1000, '7(6) 著作、译作（参编或第三作者）12.5万字，每万字8学时：100学时（暂定标准）'],
    // Part of 10,000 characters counts in proportion, rounded down to the tenth: 15 × 1.2345 = 18.5175.
    [1, 12_345, 185, '7(6) 著作、译作（主编或第一作者）1.2345万字，每万字15学时：18.5学时（暂定标准）'],
    [2, 5_000, 60, '7(6) 著作、译作（副主编或第二作者）5000字，每万字12学时：6学时（暂定标准）'],
    [1, 1, 0, '7(6) 著作、译作（主编或第一作者）1字，每万字15学时：0学时（暂定标准）'],
  ])('rank %i, %i characters → %i tenths', (rank, characters, tenths, explanation) => {
    expect(ok({ kind: 'book', characters, rank })).toMatchObject({ hours: tenths, explanation, clause: '7(6)', ruleCode: 'art7.6.book' });
  });

  it('rank 4 → no hours', () => {
    expect(ok({ kind: 'book', characters: 100_000, rank: 4 })).toMatchObject({ hours: 0, provisional: false, explanation: '7(6) 著作、译作（第4名）10万字：不计学时（仅前3名计学时）' });
  });
});

describe('7(7) patents: first inventor or designer only', () => {
  it.each([
    ['invention', 720, '7(7) 发明专利第1发明人：72学时（暂定标准）'],
    ['utility', 300, '7(7) 实用新型专利第1发明人：30学时（暂定标准）'],
    ['design', 300, '7(7) 外观设计专利第1设计人：30学时（暂定标准）'],
  ] as const)('%s rank 1', (type, hours, explanation) => {
    expect(ok({ kind: 'patent', type, rank: 1 })).toMatchObject({ hours, explanation, provisional: true });
  });

  it.each([
    ['invention', 2, '7(7) 发明专利第2发明人：不计学时（仅第一发明人计学时）'],
    ['utility', 3, '7(7) 实用新型专利第3发明人：不计学时（仅第一发明人计学时）'],
    ['design', 2, '7(7) 外观设计专利第2设计人：不计学时（仅第一设计人计学时）'],
  ] as const)('%s rank %i → hours 0 with an explanation (not an error)', (type, rank, explanation) => {
    expect(ok({ kind: 'patent', type, rank })).toMatchObject({ hours: 0, explanation, provisional: false, fullYear: false });
  });
});

describe('7(8) awards, 7(9) exams, 7(10) reports', () => {
  it.each([
    ['national', true, 720, '7(8) 国家级奖励获奖证书列名人员：72学时（暂定标准）'],
    ['provincial', true, 600, '7(8) 省（部）级奖励获奖证书列名人员：60学时（暂定标准）'],
    ['national', false, 0, '7(8) 国家级奖励（非获奖证书列名人员）：不计学时（仅获奖证书列名人员计学时）'],
    ['provincial', false, 0, '7(8) 省（部）级奖励（非获奖证书列名人员）：不计学时（仅获奖证书列名人员计学时）'],
  ] as const)('award %s listed=%s', (level, listed, hours, explanation) => {
    expect(ok({ kind: 'award', level, listed })).toMatchObject({ hours, explanation, clause: '7(8)' });
  });

  it.each([
    ['senior', 720, '国家高级专业技术资格考试'],
    ['intermediate', 600, '国家中级专业技术资格考试'],
    ['junior', 480, '国家初级专业技术资格考试'],
    ['practising', 480, '国家执业资格或水平考试'],
  ] as const)('exam %s', (level, hours, name) => {
    expect(ok({ kind: 'exam', level })).toMatchObject({ hours, clause: '7(9)', explanation: `7(9) 通过${name}：${hours / 10}学时（暂定标准）` });
  });

  it('report adopted by leaders: 30 hours', () => {
    expect(ok({ kind: 'report_adopted' })).toMatchObject({ hours: 300, clause: '7(10)', explanation: '7(10) 研究报告获省级或市级领导批示：30学时（暂定标准）' });
  });
});

describe('7(3) degree education and course study', () => {
  it.each([
    [1, 150],
    [3, 450],
    [100, 15_000],
  ])('%i courses passed → %i tenths', (coursesPassed, hours) => {
    expect(ok({ kind: 'degree_course', coursesPassed })).toMatchObject({ hours, clause: '7(3)', provisional: true, explanation: `7(3) 学历（学位）教育通过课程${coursesPassed}门×15学时：${hours / 10}学时（暂定标准）` });
  });

  it.each([1, 2, 3, 4, 5, 6])('course study %i months → 10 per month, confirmed', (months) => {
    expect(ok({ kind: 'course_study', months })).toMatchObject({
      hours: months * 100,
      provisional: false,
      fullYear: false,
      explanation: `7(3) 课程进修${months}个月×10学时：${months * 10}学时`,
    });
  });

  it.each([7, 12, 120])('course study %i months (over 6) → the whole year, on a provisional threshold', (months) => {
    expect(ok({ kind: 'course_study', months })).toMatchObject({
      hours: 0,
      provisional: true,
      fullYear: true,
      category: 'professional',
      explanation: `7(3) 课程进修${months}个月（超过6个月）：视为完成全年学时（暂定标准）`,
    });
  });
});

describe('7(4) conferences', () => {
  it.each([
    ['national', 1, false, 80, '7(4) 国家级（部级）学术会议1天×8学时：8学时（暂定标准）'],
    ['national', 2, true, 200, '7(4) 国家级（部级）学术会议2天×8学时＋交流论文或报告4学时：20学时（暂定标准）'],
    ['provincial', 1, false, 60, '7(4) 省级学术会议1天×6学时：6学时（暂定标准）'],
    ['provincial', 3, true, 200, '7(4) 省级学术会议3天×6学时＋交流论文或报告2学时：20学时（暂定标准）'],
  ] as const)('%s, %i days, presented=%s', (level, days, presented, hours, explanation) => {
    expect(ok({ kind: 'conference', level, days, presented })).toMatchObject({ hours, explanation, clause: '7(4)' });
  });

  it('provisional only when a provisional value is used', () => {
    const policy = withRule((rule) =>
      rule.kind === 'conference'
        ? { ...rule, levels: { ...rule.levels, national: { perDay: { value: 80, provisional: false }, presentationBonus: { value: 40, provisional: true } } } }
        : rule,
    );
    expect(ok({ kind: 'conference', level: 'national', days: 1, presented: false }, policy).provisional).toBe(false);
    expect(ok({ kind: 'conference', level: 'national', days: 1, presented: true }, policy).provisional).toBe(true);
  });
});

describe('7(1), 7(2) training; 7(11) aid; 7(12) grassroots service', () => {
  it.each([
    ['base_training', 'public', '7(1)', '继续教育基地举办的进修班、培训班、研修班'],
    ['seminar', 'professional', '7(2)', '参加培训班、研修班（学时由主办单位确定）'],
  ] as const)('%s: the declared hours and the programme category', (kind, category, clause, title) => {
    const label = category === 'public' ? '公需科目' : '专业科目';
    expect(ok({ kind, hours: 325, category })).toEqual({
      hours: 325,
      category,
      clause,
      ruleCode: `art${clause.replace('(', '.').replace(')', '')}.${kind}`,
      policyVersion: 'HN-2017',
      provisional: false,
      fullYear: false,
      explanation: `${clause} ${title}（${label}，按实际学时）：32.5学时`,
    });
  });

  it('a training rule with a fixed category refuses another declared category', () => {
    const policy = withRule((rule) => (rule.kind === 'seminar' ? { ...rule, category: 'professional' } : rule));
    expect(errorFields({ kind: 'seminar', hours: 10, category: 'public' }, policy)).toEqual(['activity.category']);
    expect(ok({ kind: 'seminar', hours: 10, category: 'professional' }, policy).category).toBe('professional');
  });

  it('aid service completes the year for both kinds, confirmed', () => {
    expect(ok({ kind: 'aid_service' })).toEqual({
      hours: 0,
      category: 'both',
      clause: '7(11)',
      ruleCode: 'art7.11.aid_service',
      policyVersion: 'HN-2017',
      provisional: false,
      fullYear: true,
      explanation: '7(11) 援藏、援疆、援外，基层服务、扶贫、挂职：视为完成全年学时',
    });
  });

  it.each([
    [1, 80],
    [5, 400],
    [366, 29_280],
  ])('grassroots service %i days → %i tenths', (days, hours) => {
    expect(ok({ kind: 'grassroots_service', days })).toMatchObject({ hours, clause: '7(12)', category: 'professional', explanation: `7(12) 基层服务活动${days}天×8学时：${hours / 10}学时（暂定标准）` });
  });
});

describe('Art. 4 guide courses', () => {
  it('takes the guide course hours, public', () => {
    expect(ok({ kind: 'guide_course', courseCode: 'GX2024-03' }, HN_2017, { guide: GUIDE_2024 })).toEqual({
      hours: 75,
      category: 'public',
      clause: '4',
      ruleCode: 'art4.guide_course',
      policyVersion: 'HN-2017',
      provisional: false,
      fullYear: false,
      explanation: '4 2024年度公需科目指南课程 GX2024-03《人工智能与数字经济》：7.5学时',
    });
  });

  it('matches the code without case', () => {
    expect(ok({ kind: 'guide_course', courseCode: 'gx2024-01' }, HN_2017, { guide: GUIDE_2024 }).hours).toBe(120);
  });

  it('refuses a course not in the guide, or without a guide', () => {
    const result = evaluate(HN_2017, { kind: 'guide_course', courseCode: 'GX2023-01' }, { guide: GUIDE_2024 });
    expect(result).toEqual({ ok: false, errors: [{ field: 'activity.courseCode', message: '课程 GX2023-01 不在2024年度公需科目指南中' }] });
    expect(errorFields({ kind: 'guide_course', courseCode: 'GX2024-01' })).toEqual(['activity.courseCode']);
  });
});

describe('Art. 7(13) local rules (kind "other")', () => {
  const policy = withExtensions(LOCAL_RULES);

  it('a fixed rule: its hours and category, its own clause and code', () => {
    expect(ok({ kind: 'other', ruleCode: 'ZZ-2019-01' }, policy)).toEqual({
      hours: 120,
      category: 'professional',
      clause: '7(13)',
      ruleCode: 'ZZ-2019-01',
      policyVersion: 'HN-2017',
      provisional: false,
      fullYear: false,
      explanation: '7(13) 郑州市人力资源和社会保障局地方规则 ZZ-2019-01《参加市级职业技能竞赛获奖》每项：12学时',
    });
    // The declared hours do not change a fixed rule; the matching category is accepted.
    expect(ok({ kind: 'other', ruleCode: 'zz-2019-01', hours: 500, category: 'professional' }, policy).hours).toBe(120);
  });

  it('a fixed provisional rule is provisional; a fixed category refuses another', () => {
    expect(ok({ kind: 'other', ruleCode: 'LY-2021-01' }, policy)).toMatchObject({ hours: 80, category: 'public', provisional: true });
    expect(errorFields({ kind: 'other', ruleCode: 'LY-2021-01', category: 'professional' }, policy)).toEqual(['activity.category']);
  });

  it('a declared rule with a cap', () => {
    expect(ok({ kind: 'other', ruleCode: 'WJ-2020-02', hours: 150, category: 'public' }, policy)).toMatchObject({ hours: 150, category: 'public', provisional: false });
    expect(ok({ kind: 'other', ruleCode: 'WJ-2020-02', hours: 250, category: 'professional' }, policy)).toMatchObject({
      hours: 200,
      provisional: true,
      explanation: '7(13) 河南省卫生健康委员会地方规则 WJ-2020-02《参加医疗卫生志愿服务》（每项最多20学时）：20学时（暂定标准）',
    });
    expect(errorFields({ kind: 'other', ruleCode: 'WJ-2020-02', hours: 150 }, policy)).toEqual(['activity.category']);
    expect(errorFields({ kind: 'other', ruleCode: 'WJ-2020-02', category: 'public' }, policy)).toEqual(['activity.hours']);
  });

  it('a declared rule without a cap', () => {
    expect(ok({ kind: 'other', ruleCode: 'ZZ-2022-03', hours: 1000 }, policy)).toMatchObject({ hours: 1000, category: 'professional', explanation: '7(13) 郑州市人力资源和社会保障局地方规则 ZZ-2022-03《参加市级专业技术交流活动》按申报学时：100学时' });
  });

  it('only the rules of the person\'s issuers, when they are given', () => {
    expect(ok({ kind: 'other', ruleCode: 'ZZ-2019-01' }, policy, { issuerCodes: ['410100', 'HN-WJW'] }).hours).toBe(120);
    const result = evaluate(policy, { kind: 'other', ruleCode: 'ZZ-2019-01' }, { issuerCodes: ['410300'] });
    expect(result).toEqual({ ok: false, errors: [{ field: 'activity.ruleCode', message: '地方规则 ZZ-2019-01 由郑州市人力资源和社会保障局制定，不适用于本人所在地区或行业' }] });
  });

  it('an unknown rule code', () => {
    expect(errorFields({ kind: 'other', ruleCode: 'XX-1', hours: 10, category: 'public' }, policy)).toEqual(['activity.ruleCode']);
    expect(errorFields({ kind: 'other', ruleCode: 'ZZ-2019-01' })).toEqual(['activity.ruleCode']);
  });
});

describe('invalid activities: a typed error naming the field', () => {
  it.each<[string, unknown, string[]]>([
    ['not an object', null, ['activity']],
    ['an unknown kind', { kind: 'lecture' }, ['activity.kind']],
    ['no kind', { rank: 1 }, ['activity.kind']],
    ['a missing rank', { kind: 'project', level: 'national', role: 'main' }, ['activity.rank']],
    ['rank 0', { kind: 'patent', type: 'invention', rank: 0 }, ['activity.rank']],
    ['a fractional rank', { kind: 'paper', tier: 'national', rank: 1.5 }, ['activity.rank']],
    ['a rank as text', { kind: 'paper', tier: 'national', rank: '1' }, ['activity.rank']],
    ['hours on a national project', { kind: 'project', level: 'national', role: 'main', rank: 1, hours: 100 }, ['activity.hours']],
    ['no hours on a city project', { kind: 'project', level: 'city' }, ['activity.hours']],
    ['a bad role', { kind: 'project', level: 'provincial', role: 'lead', rank: 1 }, ['activity.role']],
    ['a bad level', { kind: 'project', level: 'county', role: 'main', rank: 1 }, ['activity.level']],
    ['only a planned start', { kind: 'project', level: 'national', role: 'main', rank: 1, plannedStartYear: 2022 }, ['activity.plannedEndYear']],
    ['a planned end before the start', { kind: 'project', level: 'national', role: 'main', rank: 1, plannedStartYear: 2023, plannedEndYear: 2022 }, ['activity.plannedEndYear']],
    ['0 days', { kind: 'conference', level: 'national', days: 0, presented: false }, ['activity.days']],
    ['367 days', { kind: 'grassroots_service', days: 367 }, ['activity.days']],
    ['more days than the dates', { kind: 'conference', level: 'national', days: 5, presented: false, from: '2024-05-01', to: '2024-05-02' }, ['activity.days']],
    ['presented not boolean', { kind: 'conference', level: 'national', days: 1, presented: 'yes' }, ['activity.presented']],
    ['an end before the start', { kind: 'base_training', hours: 10, category: 'public', from: '2024-05-02', to: '2024-05-01' }, ['activity.to']],
    ['an impossible date', { kind: 'exam', level: 'senior', datedOn: '2024-02-30' }, ['activity.datedOn']],
    ['a date before 1949', { kind: 'aid_service', from: '1900-01-01' }, ['activity.from']],
    ['0 characters', { kind: 'book', characters: 0, rank: 1 }, ['activity.characters']],
    ['a bad ISBN check digit', { kind: 'book', characters: 10, rank: 1, isbn: '978-7-111-12345-1' }, ['activity.isbn']],
    ['a bad ISSN check digit', { kind: 'paper', tier: 'issn_cn', rank: 1, issn: '0317-8472' }, ['activity.issn']],
    ['a bad tier', { kind: 'paper', tier: 'sci', rank: 1 }, ['activity.tier']],
    ['a bad patent type', { kind: 'patent', type: 'software', rank: 1 }, ['activity.type']],
    ['a bad patent number', { kind: 'patent', type: 'invention', rank: 1, patentNumber: '12' }, ['activity.patentNumber']],
    ['listed not boolean', { kind: 'award', level: 'national', listed: 1 }, ['activity.listed']],
    ['a bad exam level', { kind: 'exam', level: 'expert' }, ['activity.level']],
    ['0 courses', { kind: 'degree_course', coursesPassed: 0 }, ['activity.coursesPassed']],
    ['121 months', { kind: 'course_study', months: 121 }, ['activity.months']],
    ['hours not in tenths', { kind: 'base_training', hours: 32.5, category: 'public' }, ['activity.hours']],
    ['0 hours', { kind: 'seminar', hours: 0, category: 'public' }, ['activity.hours']],
    ['over 10,000 hours', { kind: 'seminar', hours: 100_001, category: 'public' }, ['activity.hours']],
    ['no category', { kind: 'base_training', hours: 10 }, ['activity.category']],
    ['an empty course code', { kind: 'guide_course', courseCode: '' }, ['activity.courseCode']],
    ['an unknown field', { kind: 'report_adopted', hours: 30 }, ['activity.hours']],
    ['a field of another kind', { kind: 'exam', level: 'senior', rank: 1 }, ['activity.rank']],
    ['several problems', { kind: 'project', level: 'national', role: 'x', rank: -1 }, ['activity.role', 'activity.rank']],
  ])('%s', (_name, activity, fields) => {
    const result = evaluate(HN_2017, activity as Activity);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((issue) => issue.field)).toEqual(fields);
    for (const issue of result.errors) expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a kind the policy gives no rule (a document that skipped validation)', () => {
    const policy = { ...HN_2017, rules: HN_2017.rules.filter((rule) => rule.kind !== 'exam') };
    expect(errorFields({ kind: 'exam', level: 'senior' }, policy)).toEqual(['activity.kind']);
  });

  it('accepts null for optional fields', () => {
    expect(ok({ kind: 'exam', level: 'senior', certificateNumber: null, datedOn: null } as unknown as Activity).hours).toBe(720);
  });
});

describe('evaluation is pure', () => {
  it('does not change its input and gives the same result twice', () => {
    const activity = Object.freeze({ kind: 'conference', level: 'national', days: 2, presented: true } as const);
    expect(evaluate(HN_2017, activity)).toEqual(evaluate(HN_2017, activity));
  });

  it('reports the policy version it used', () => {
    const policy = { ...HN_2017, id: 'HN-2030' };
    expect(ok({ kind: 'exam', level: 'senior' }, policy).policyVersion).toBe('HN-2030');
  });
});
