import { policy } from '@jixu/domain';
import type { DemoRecord, Step } from './demo-records-story.ts';

// This year's records in review (docs/records.md), for the queues, the history and the notices to show
// something: every kind the calculator knows that the three years of verified records do not already
// hold (course study, patent, award, report adopted, guide course, local rule), and every state —
// drafts (a person's, a unit's, a provider's, one withdrawn), submissions waiting for the unit,
// records awaiting the bureau (public, 7(11)) or the authority (professional), returns to a person and
// to a unit, rejections at each stage and a spot-check overturn. Some have waited more than 7 days
// (the queue-age notices and `olderThanDays`). Each queue stays short of a page (20): tests add theirs.
// Dates are relative to the seeding date; `ageDays` is how long the record has been in its state.

/** `lastYear`: decided in January, inside last year's declaration window (`ageDays` is then ignored). */
export type WorkflowRecord = { person: string; demo: DemoRecord; steps: Step[]; ageDays: number; lastYear?: boolean };

const DAY_MS = 86_400_000;
const h = (hours: number) => hours * 10;

const declare: Step = { action: 'declare' };
const submit: Step = { action: 'submit' };
const approve: Step = { action: 'approve' };
const verify: Step = { action: 'verify' };
const returned = (reason: string): Step => ({ action: 'return', reason });
const rejected = (reason: string): Step => ({ action: 'reject', reason });

/** This year's public-subject guide as the demo assumes it (guides are not stored yet: PolicyStore.guideFor). */
export function demoGuide(year: number): policy.PublicSubjectGuide {
  return {
    year,
    courses: [
      { code: `GX${year}-01`, title: '习近平新时代中国特色社会主义思想概论', hours: h(6) },
      { code: `GX${year}-03`, title: '数字经济与人工智能应用', hours: h(8) },
    ],
  };
}

/** A local rule of the Zhengzhou bureau (Art. 7(13)) that the published policy does not carry: declared, then refused. */
function withLocalRule(): policy.PolicyDocument {
  const rule: policy.LocalRule = {
    code: 'ZZ-JC-01', clause: '7(13)', title: '郑州市“专家服务基层”活动', category: 'professional',
    issuer: { kind: 'bureau', code: '4101', name: '郑州市人力资源和社会保障局' },
    method: { kind: 'fixed', hours: { value: h(10), provisional: true } },
  };
  return { ...policy.HN_2017, extensions: [rule] };
}

export function workflowRecords(now: Date): WorkflowRecord[] {
  const year = policy.businessYear(now);
  // A Shanghai calendar date `daysAgo` days back, kept inside the year (records belong to it).
  const day = (daysAgo: number, y = year) => {
    const date = new Date(now.getTime() + 8 * 3_600_000 - daysAgo * DAY_MS).toISOString().slice(0, 10);
    return date < `${y}-01-02` ? `${y}-01-02` : date > `${y}-12-31` ? `${y}-12-31` : date;
  };
  const period = (daysAgo: number, length: number, y = year) => {
    const to = day(daysAgo, y);
    const from = new Date(Date.parse(to) - (length - 1) * DAY_MS).toISOString().slice(0, 10);
    return { from: from < `${y}-01-01` ? `${y}-01-01` : from, to };
  };

  return [
    // Waiting for the Jinshui hospital's pre-review (Art. 11(1)); 张伟's has waited 12 days.
    {
      person: '张伟', ageDays: 12, steps: [declare, submit],
      demo: { activity: { kind: 'course_study', months: 3, ...period(40, 90) }, content: '赴北京协和医院心内科进修（3个月）', result: '考核合格' },
    },
    {
      person: '李娜', ageDays: 2, steps: [declare, submit],
      demo: { activity: { kind: 'award', level: 'provincial', listed: true, datedOn: day(20) }, content: '河南省医学科技进步奖二等奖（列名）', result: '获奖' },
    },
    {
      person: '刘洋', ageDays: 8, steps: [declare, submit],
      demo: { activity: { kind: 'paper', tier: 'issn_cn', rank: 2, datedOn: day(30), issn: '1671-5500', articleTitle: '产后康复护理干预效果观察' }, content: '在《护理研究》发表论文（第二作者）' },
    },
    // Awaiting the authority (professional): 王芳's for 9 days.
    {
      person: '王芳', ageDays: 9, steps: [declare, submit, approve],
      demo: { activity: { kind: 'patent', type: 'utility', rank: 1, patentNumber: `ZL${year - 1}20567890.1`, datedOn: day(60) }, content: '实用新型专利：一种可调节输液架', result: '已授权' },
    },
    {
      person: '刘洋', ageDays: 3, steps: [declare, submit],
      demo: { activity: { kind: 'report_adopted', datedOn: day(25) }, content: '《基层妇幼健康服务能力调研报告》获市领导批示', channel: 'unit' },
    },
    {
      person: '韩冰', ageDays: 2, steps: [declare, submit, approve],
      demo: { activity: { kind: 'grassroots_service', days: 3, ...period(15, 3) }, content: '“三下乡”基层义诊（3天）' },
    },
    // Awaiting the Zhengzhou bureau (public; 7(11)): 李娜's for 10 days.
    {
      person: '李娜', ageDays: 10, steps: [declare, submit, approve],
      demo: { activity: { kind: 'seminar', hours: h(12), category: 'public', ...period(35, 2) }, content: '医疗卫生法律法规专题研修班', result: '合格' },
    },
    {
      person: '吴敏', ageDays: 4, steps: [declare, submit],
      demo: { activity: { kind: 'aid_service', ...period(10, 180) }, content: '对口支援新疆哈密市人民医院（半年）', result: '考核优秀', channel: 'unit' },
    },
    {
      person: '黄丽', ageDays: 1, steps: [declare, submit],
      demo: { activity: { kind: 'base_training', hours: h(16), category: 'public', programmeCode: `ZZ-GX-${year}-09`, ...period(12, 2) }, content: '专业技术人员职业道德与诚信建设培训班', result: '合格', channel: 'unit' },
    },
    // The Luoyang school: waiting for the unit, the bureau, the education authority.
    {
      person: '马超', ageDays: 15, steps: [declare, submit],
      demo: { activity: { kind: 'degree_course', coursesPassed: 2, datedOn: day(30) }, content: '教育硕士在职课程（2门）', result: '通过' },
    },
    {
      person: '朱琳', ageDays: 1, steps: [declare, submit],
      demo: { activity: { kind: 'conference', level: 'national', days: 2, presented: false, ...period(20, 2) }, content: '全国中小学语文教学研讨会' },
    },
    {
      person: '罗欣', ageDays: 1,
      steps: [declare, submit, returned('会议通知缺少主办单位公章，请补充盖章件后重新提交'), { action: 'edit' }, { action: 'resubmit' }],
      demo: { activity: { kind: 'conference', level: 'provincial', days: 2, presented: true, ...period(45, 2) }, content: '河南省中学化学教学年会（宣读论文）' },
    },
    {
      person: '高雪', ageDays: 20, steps: [declare, submit, approve],
      demo: { activity: { kind: 'base_training', hours: h(12), category: 'public', programmeCode: `LY-GX-${year}-05`, ...period(60, 2) }, content: '洛阳市专业技术人员公需科目培训班', result: '合格' },
    },
    {
      person: '谢颖', ageDays: 6, steps: [declare, submit, approve],
      demo: { activity: { kind: 'seminar', hours: h(8), category: 'public', ...period(30, 1) }, content: '中小学教师心理健康教育专题讲座', result: '合格' },
    },
    {
      person: '郭婷', ageDays: 8, steps: [declare, submit, approve],
      demo: { activity: { kind: 'book', characters: 120_000, rank: 1, datedOn: day(50), isbn: '9787534712340' }, content: '出版专著《高中数学思维训练》（主编，12万字）' },
    },
    // Gongyi (province-administered): waiting for its own bureau.
    {
      person: '韩冰', ageDays: 11, steps: [declare, submit, approve],
      demo: { activity: { kind: 'seminar', hours: h(10), category: 'public', ...period(40, 2) }, content: '巩义市专业技术人员公需科目研修班', result: '合格' },
    },
    // Drafts: a person's (one document uploaded), a unit's, a provider's, and one withdrawn.
    {
      person: '吴敏', ageDays: 1, steps: [declare],
      demo: { activity: { kind: 'seminar', hours: h(24), category: 'professional', ...period(10, 3) }, content: '全科医学规范化诊疗研修班' },
    },
    {
      person: '胡斌', ageDays: 2, steps: [declare],
      demo: { activity: { kind: 'project', level: 'city', hours: h(20), role: 'main', rank: 1, projectCode: `LYJK-${year}-031`, plannedStartYear: year, plannedEndYear: year, datedOn: day(5) }, content: '洛阳市教育科学规划课题（主持）结题', channel: 'unit' },
    },
    {
      person: '宋佳', ageDays: 3, steps: [declare],
      demo: { activity: { kind: 'base_training', hours: h(12), category: 'public', programmeCode: `HN-JD-${year}-11`, ...period(5, 2) }, content: '河南省继续教育基地公需科目网络培训', result: '合格', channel: 'provider' },
    },
    {
      person: '谢颖', ageDays: 3, steps: [declare, submit, { action: 'withdraw' }],
      demo: { activity: { kind: 'exam', level: 'junior', datedOn: day(40), certificateNumber: `JS${year}410300123` }, content: '通过初级专业技术资格考试', result: '合格' },
    },
    // Returned: by the unit to the person; by the bureau to the unit (the unit amends and resubmits).
    {
      person: '杨帆', ageDays: 5, steps: [declare, submit, returned(`${year}年度公需科目指南课程学时尚未公布，请待指南发布后重新提交`)],
      demo: {
        activity: { kind: 'guide_course', courseCode: `GX${year}-03`, ...period(30, 1) }, content: '公需科目指南课程：数字经济与人工智能应用', result: '合格',
        evaluateWith: { guide: demoGuide(year) },
      },
    },
    {
      person: '胡斌', ageDays: 6, steps: [declare, submit, returned('培训通知与结业证书上的培训日期不一致，请核对后重新提交')],
      demo: { activity: { kind: 'seminar', hours: h(12), category: 'public', ...period(50, 2) }, content: '教师信息技术应用能力提升研修班', result: '合格', channel: 'unit' },
    },
    // Rejected: by the unit, by the verifier, and a spot-check overturn of a verified record (Art. 11(4)).
    {
      person: '黄丽', ageDays: 7, steps: [declare, submit, rejected('该活动不属于已备案的地方规则，不予认定')],
      demo: {
        activity: { kind: 'other', ruleCode: 'ZZ-JC-01', ...period(40, 1) }, content: '郑州市“专家服务基层”活动（1天）',
        evaluateWith: { policy: withLocalRule() },
      },
    },
    {
      person: '宋佳', ageDays: 12, steps: [declare, submit, approve, rejected('获奖证书未加盖颁奖单位公章，且不在省级奖励目录内，不予认定')],
      demo: { activity: { kind: 'award', level: 'provincial', listed: false, datedOn: day(60) }, content: '洛阳市优秀教学成果奖', result: '获奖' },
    },
    {
      person: '杨帆', ageDays: 18, steps: [declare, submit, approve, verify, { action: 'overturn', reason: '抽查发现资格证书编号与发证机关记录不符，撤销已核定学时' }],
      demo: { activity: { kind: 'exam', level: 'practising', datedOn: day(200), certificateNumber: `ZY${year}4101050077` }, content: '通过执业资格考试', result: '合格' },
    },
    // Last year: a record turned down at pre-review (in January, inside last year's declaration window).
    {
      person: '朱琳', ageDays: 0, lastYear: true, steps: [declare, submit, rejected('同一培训已由施教机构登记，不能重复申报')],
      demo: { activity: { kind: 'seminar', hours: h(20), category: 'professional', from: `${year - 1}-11-10`, to: `${year - 1}-11-11` }, content: `${year - 1}年度语文学科骨干教师研修班` },
    },
  ];
}
