// Test-only fixtures of the policy tests (local rules, a public-subject guide, record builders).
// Not exported from the package.

import type { Activity } from './activity-types.ts';
import type { PublicSubjectGuide } from './guide.ts';
import { HN_2017 } from './hn-2017.ts';
import type { LeavePeriod } from './reductions.ts';
import type { LocalRule, PolicyDocument } from './types.ts';
import type { YearRecord } from './yearly-status.ts';

export const LOCAL_RULES: readonly LocalRule[] = [
  {
    code: 'ZZ-2019-01',
    clause: '7(13)',
    title: '参加市级职业技能竞赛获奖',
    issuer: { kind: 'bureau', code: '410100', name: '郑州市人力资源和社会保障局' },
    filedOn: '2019-05-10',
    category: 'professional',
    method: { kind: 'fixed', hours: { value: 120, provisional: false } },
  },
  {
    code: 'WJ-2020-02',
    clause: '7(13)',
    title: '参加医疗卫生志愿服务',
    issuer: { kind: 'authority', code: 'HN-WJW', name: '河南省卫生健康委员会' },
    category: 'declared',
    method: { kind: 'declared', maxHours: { value: 200, provisional: true } },
  },
  {
    code: 'LY-2021-01',
    clause: '7(13)',
    title: '参加市级公需科目专题讲座',
    issuer: { kind: 'bureau', code: '410300', name: '洛阳市人力资源和社会保障局' },
    filedOn: '2021-03-01',
    category: 'public',
    method: { kind: 'fixed', hours: { value: 80, provisional: true } },
  },
  {
    code: 'ZZ-2022-03',
    clause: '7(13)',
    title: '参加市级专业技术交流活动',
    issuer: { kind: 'bureau', code: '410100', name: '郑州市人力资源和社会保障局' },
    category: 'professional',
    method: { kind: 'declared' },
  },
];

/** HN-2017 with local rules attached. */
export function withExtensions(extensions: readonly LocalRule[]): PolicyDocument {
  return { ...HN_2017, extensions };
}

export const GUIDE_2024: PublicSubjectGuide = {
  year: 2024,
  courses: [
    { code: 'GX2024-01', title: '习近平新时代中国特色社会主义思想概论', hours: 120 },
    { code: 'GX2024-02', title: '专业技术人员职业道德与诚信建设', hours: 60 },
    { code: 'GX2024-03', title: '人工智能与数字经济', hours: 75 },
  ],
};

let sequence = 0;

/** A verified record of `year` (ids sort in creation order). */
export function record(activity: Activity, options: { year?: number; verified?: boolean; id?: string } = {}): YearRecord {
  sequence += 1;
  return {
    id: options.id ?? `r${String(sequence).padStart(4, '0')}`,
    year: options.year ?? 2024,
    activity,
    verified: options.verified ?? true,
  };
}

export function leave(kind: LeavePeriod['kind'], from: string, to: string, verified = true): LeavePeriod {
  return { kind, from, to, verified };
}
