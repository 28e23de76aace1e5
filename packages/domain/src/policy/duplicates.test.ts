import { describe, expect, it } from 'vitest';
import { normalizeCertificateNumber, normalizeIsbn, normalizeIssn, normalizePatentNumber, normalizeTitle } from './achievement-ids.ts';
import type { Activity } from './activity-types.ts';
import { claimsConflict, duplicateKey, findDuplicate, type ClaimRecord } from './duplicates.ts';

function claim(id: string, activity: Activity, options: { personId?: string; year?: number } = {}): ClaimRecord {
  return { id, personId: options.personId ?? 'p1', year: options.year ?? 2024, activity };
}

const training = (code: string, from?: string, to?: string): Activity => ({
  kind: 'base_training',
  hours: 80,
  category: 'professional',
  programmeCode: code,
  ...(from ? { from } : {}),
  ...(to ? { to } : {}),
});

describe('achievement identifiers', () => {
  it('ISBN-10 and ISBN-13 with verified check digits, one normal form', () => {
    expect(normalizeIsbn('978-0-306-40615-7')).toBe('9780306406157');
    expect(normalizeIsbn('0-306-40615-2')).toBe('9780306406157');
    expect(normalizeIsbn('0 8044 2957 x')).toBe('9780804429573');
    expect(normalizeIsbn('978-0-306-40615-8')).toBeUndefined();
    expect(normalizeIsbn('0-306-40615-3')).toBeUndefined();
    expect(normalizeIsbn('977-0-306-40615-7')).toBeUndefined();
    expect(normalizeIsbn('12345')).toBeUndefined();
  });

  it('ISSN with verified check digit', () => {
    expect(normalizeIssn('0317-8471')).toBe('0317-8471');
    expect(normalizeIssn('20493630')).toBe('2049-3630');
    expect(normalizeIssn('0000-006x')).toBe('0000-006X');
    expect(normalizeIssn('0317-8472')).toBeUndefined();
    expect(normalizeIssn('317-8471')).toBeUndefined();
  });

  it('patent and certificate numbers as printed', () => {
    expect(normalizePatentNumber('ZL 2019 1 0123456.7')).toBe('2019101234567');
    expect(normalizePatentNumber('zl201910123456.7')).toBe('2019101234567');
    expect(normalizePatentNumber('CN110123456A')).toBe('CN110123456A');
    expect(normalizePatentNumber('12')).toBeUndefined();
    expect(normalizeCertificateNumber(' 0501-2023 1234 ')).toBe('050120231234');
    expect(normalizeCertificateNumber('证书')).toBeUndefined();
  });

  it('titles compare without case, spacing, punctuation or width', () => {
    expect(normalizeTitle('基于 BIM 的施工管理研究：以郑州为例')).toBe(normalizeTitle('基于BIM的施工管理研究——以郑州为例'));
    expect(normalizeTitle('Deep  Learning, Revisited')).toBe(normalizeTitle('deep learning revisited'));
    expect(normalizeTitle('ＡＢＣ')).toBe('abc');
  });
});

describe('duplicateKey: one key per kind', () => {
  it.each<[string, Activity, ReturnType<typeof duplicateKey>]>([
    ['patent (global)', { kind: 'patent', type: 'invention', rank: 1, patentNumber: 'ZL 2019 1 0123456.7' }, { key: 'patent:2019101234567', scope: 'global', description: '专利号 2019101234567' }],
    ['exam certificate (global)', { kind: 'exam', level: 'senior', certificateNumber: 'hn-2023-0001' }, { key: 'exam:HN20230001', scope: 'global', description: '证书编号 HN20230001 的资格考试' }],
    ['book by ISBN (person)', { kind: 'book', characters: 10_000, rank: 2, isbn: '0-306-40615-2' }, { key: 'book:9780306406157', scope: 'person', description: 'ISBN 9780306406157 的著作' }],
    ['paper by ISSN and title (person)', { kind: 'paper', tier: 'issn_cn', rank: 1, issn: '0317-8471', articleTitle: 'A Study' }, { key: 'paper:0317-8471:astudy', scope: 'person', description: 'ISSN 0317-8471 期刊论文《A Study》' }],
    ['dated training (person, with period)', training('px-01', '2024-03-01', '2024-03-05'), { key: 'training:PX-01', scope: 'person', period: { from: '2024-03-01', to: '2024-03-05' }, description: '培训项目 PX-01，2024-03-01至2024-03-05' }],
    ['undated training', training('PX-01'), { key: 'training:PX-01', scope: 'person', description: '培训项目 PX-01' }],
    ['seminar: the same key space as base training', { kind: 'seminar', hours: 10, category: 'public', programmeCode: 'PX-01' }, { key: 'training:PX-01', scope: 'person', description: '培训项目 PX-01' }],
    ['guide course (person and year)', { kind: 'guide_course', courseCode: 'gx2024-01' }, { key: 'guide_course:GX2024-01', scope: 'person_year', description: '公需科目指南课程 GX2024-01' }],
    ['project by code (person)', { kind: 'project', level: 'national', role: 'main', rank: 1, projectCode: '2022-NSFC-17' }, { key: 'project:2022-NSFC-17', scope: 'person', description: '课题 2022-NSFC-17' }],
  ])('%s', (_name, activity, key) => {
    expect(duplicateKey(activity)).toEqual(key);
  });

  it.each<[string, Activity]>([
    ['a patent without number', { kind: 'patent', type: 'invention', rank: 1 }],
    ['a paper without title', { kind: 'paper', tier: 'issn_cn', rank: 1, issn: '0317-8471' }],
    ['a paper without ISSN', { kind: 'paper', tier: 'issn_cn', rank: 1, articleTitle: 'A' }],
    ['a book without ISBN', { kind: 'book', characters: 1, rank: 1 }],
    ['an exam without certificate', { kind: 'exam', level: 'senior' }],
    ['a training without programme', { kind: 'seminar', hours: 10, category: 'public', from: '2024-01-01', to: '2024-01-02' }],
    ['a project without code', { kind: 'project', level: 'city', hours: 10 }],
    ['a conference', { kind: 'conference', level: 'national', days: 1, presented: false }],
    ['aid service', { kind: 'aid_service' }],
    ['a local rule', { kind: 'other', ruleCode: 'X' }],
  ])('%s: no key', (_name, activity) => {
    expect(duplicateKey(activity)).toBeUndefined();
  });
});

describe('findDuplicate: the second claim is refused, naming the first', () => {
  it('the same patent claimed by someone else', () => {
    const first = claim('r-001', { kind: 'patent', type: 'invention', rank: 1, patentNumber: 'ZL201910123456.7', datedOn: '2023-05-01' }, { personId: 'p1', year: 2023 });
    const second = { personId: 'p2', year: 2024, activity: { kind: 'patent', type: 'invention', rank: 1, patentNumber: 'ZL 2019 1 0123456.7' } as Activity };
    expect(findDuplicate(second, [first])).toEqual({
      existing: first,
      key: 'patent:2019101234567',
      message: '专利号 2019101234567已由他人的记录 r-001（2023年度）申报，同一成果不能重复计算学时',
    });
  });

  it('the same exam certificate', () => {
    const first = claim('r-1', { kind: 'exam', level: 'intermediate', certificateNumber: 'HN 2023 0001' });
    expect(findDuplicate({ personId: 'p1', year: 2025, activity: { kind: 'exam', level: 'intermediate', certificateNumber: 'hn20230001' } }, [first])?.message).toBe(
      '证书编号 HN20230001 的资格考试已由记录 r-1（2024年度）申报，同一成果不能重复计算学时',
    );
  });

  it('the same article by the same person; co-authors each claim theirs', () => {
    let n = 0;
    const article = (personId: string, rank: number, title: string) => claim(`a${(n += 1)}`, { kind: 'paper', tier: 'national', rank, issn: '2049-3630', articleTitle: title }, { personId });
    const first = article('p1', 1, '基于 BIM 的施工管理研究');
    expect(findDuplicate(article('p1', 1, '基于BIM的施工管理研究。'), [first])?.existing).toBe(first);
    expect(findDuplicate(article('p2', 2, '基于 BIM 的施工管理研究'), [first])).toBeUndefined();
    expect(findDuplicate(article('p1', 1, '另一篇论文'), [first])).toBeUndefined();
  });

  it('the same book by ISBN-10 and ISBN-13', () => {
    const first = claim('b1', { kind: 'book', characters: 100_000, rank: 1, isbn: '978-0-306-40615-7' });
    expect(findDuplicate({ personId: 'p1', year: 2024, activity: { kind: 'book', characters: 100_000, rank: 1, isbn: '0306406152' } }, [first])?.existing).toBe(first);
  });

  it('overlapping days of the same training for the same person', () => {
    const first = claim('t1', training('PX-01', '2024-03-01', '2024-03-05'));
    const at = (from: string, to: string, personId = 'p1') => ({ personId, year: 2024, activity: training('px-01', from, to) });
    expect(findDuplicate(at('2024-03-05', '2024-03-08'), [first])?.message).toBe('培训项目 PX-01，2024-03-05至2024-03-08与记录 t1（2024年度）为同一培训且日期重叠，不能重复计算学时');
    expect(findDuplicate(at('2024-03-06', '2024-03-08'), [first])).toBeUndefined();
    expect(findDuplicate(at('2024-03-01', '2024-03-05', 'p2'), [first])).toBeUndefined();
    expect(findDuplicate({ personId: 'p1', year: 2024, activity: training('PX-02', '2024-03-01', '2024-03-05') }, [first])).toBeUndefined();
  });

  it('a training claim without dates conflicts with every claim of its programme', () => {
    const first = claim('t1', training('PX-01', '2024-03-01', '2024-03-05'));
    expect(findDuplicate({ personId: 'p1', year: 2024, activity: training('PX-01') }, [first])?.existing).toBe(first);
    expect(findDuplicate({ personId: 'p1', year: 2024, activity: training('PX-01', '2024-09-01', '2024-09-02') }, [claim('t0', training('PX-01'))])?.existing.id).toBe('t0');
  });

  it('a guide course once per year', () => {
    const first = claim('g1', { kind: 'guide_course', courseCode: 'GX-01' }, { year: 2024 });
    expect(findDuplicate({ personId: 'p1', year: 2024, activity: { kind: 'guide_course', courseCode: 'gx-01' } }, [first])?.existing).toBe(first);
    expect(findDuplicate({ personId: 'p1', year: 2025, activity: { kind: 'guide_course', courseCode: 'GX-01' } }, [first])).toBeUndefined();
  });

  it('names the first of several earlier claims, in the order given', () => {
    const activity: Activity = { kind: 'patent', type: 'utility', rank: 1, patentNumber: 'ZL202020123456.1' };
    const claims = [claim('x', { kind: 'exam', level: 'senior' }), claim('b', activity), claim('a', activity)];
    expect(findDuplicate({ personId: 'p9', year: 2024, activity }, claims)?.existing.id).toBe('b');
  });

  it('an amended record is not a duplicate of itself', () => {
    const first = claim('r1', { kind: 'exam', level: 'senior', certificateNumber: 'C-0001' });
    expect(findDuplicate({ ...first }, [first])).toBeUndefined();
    expect(findDuplicate({ ...first, id: 'r2' }, [first])?.existing).toBe(first);
  });

  it('activities without a key never conflict', () => {
    const activity: Activity = { kind: 'conference', level: 'national', days: 1, presented: false };
    expect(findDuplicate({ personId: 'p1', year: 2024, activity }, [claim('c1', activity)])).toBeUndefined();
    expect(claimsConflict(claim('c1', activity), claim('c2', activity))).toBe(false);
  });
});
