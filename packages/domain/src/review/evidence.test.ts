// SPEC "Evidence each kind needs": the documents each kind of activity requires, as data.

import { describe, expect, it } from 'vitest';
import { ACTIVITY_KINDS, type ActivityKind } from '../policy/activity-types.ts';
import {
  EVIDENCE_TYPES,
  EVIDENCE_TYPE_LABELS,
  isEvidenceType,
  missingEvidence,
  missingEvidenceMessage,
  requiredEvidence,
  type EvidenceType,
} from './evidence.ts';
import { RECORD_CHANNELS } from './types.ts';

const TRAINING = ['training_notice', 'completion_certificate', 'unit_proof'];

// The SPEC sentence, kind by kind (clause of Art. 7 in brackets).
const EXPECTED: Record<ActivityKind, string[]> = {
  base_training: TRAINING, // 7(1)
  seminar: TRAINING, // 7(2)
  degree_course: ['transcript'], // 7(3)
  course_study: ['transcript', 'dispatch_proof', 'assessment_proof'], // 7(3)
  conference: ['conference_notice', 'unit_proof'], // 7(4)
  project: ['project_proof'], // 7(5)
  book: ['book_cover', 'book_title_page', 'book_contents'], // 7(6)
  paper: ['journal_cover', 'journal_contents', 'paper_article'], // 7(6)
  patent: ['patent_certificate'], // 7(7)
  award: ['award_certificate'], // 7(8)
  exam: ['qualification_certificate'], // 7(9)
  report_adopted: ['leader_instruction'], // 7(10)
  aid_service: ['service_documents', 'yearly_appraisal'], // 7(11)
  grassroots_service: TRAINING, // 7(12)
  guide_course: ['completion_certificate'],
  other: TRAINING, // 7(13)
};

describe('requiredEvidence', () => {
  it.each(ACTIVITY_KINDS)('%s needs what SPEC lists', (kind) => {
    expect(requiredEvidence(kind).map((r) => r.type)).toEqual(EXPECTED[kind]);
  });

  it('every requirement carries its Chinese label; "other" is never required', () => {
    for (const kind of ACTIVITY_KINDS) {
      for (const requirement of requiredEvidence(kind)) {
        expect(requirement.label).toBe(EVIDENCE_TYPE_LABELS[requirement.type]);
        expect(requirement.label).toMatch(/\p{Script=Han}/u);
        expect(requirement.type).not.toBe('other');
      }
    }
  });

  it('a conference needs the paper only when one was presented (7(4))', () => {
    expect(requiredEvidence({ kind: 'conference', presented: true }).map((r) => r.type)).toEqual([
      'conference_notice',
      'unit_proof',
      'conference_paper',
    ]);
    expect(requiredEvidence({ kind: 'conference', presented: false }).map((r) => r.type)).toEqual(['conference_notice', 'unit_proof']);
    expect(requiredEvidence({ kind: 'seminar', presented: true }).map((r) => r.type)).toEqual(TRAINING);
  });

  it('the types are a closed list', () => {
    expect(EVIDENCE_TYPES).toContain('patent_certificate');
    expect(isEvidenceType('patent_certificate')).toBe(true);
    expect(isEvidenceType('toString')).toBe(false);
    expect(isEvidenceType('exe')).toBe(false);
    expect(new Set(Object.values(EVIDENCE_TYPE_LABELS)).size).toBe(EVIDENCE_TYPES.length);
  });
});

describe('missingEvidence', () => {
  it('names what a person or unit declaration still lacks, in order', () => {
    expect(missingEvidence('paper', 'person', []).map((m) => m.type)).toEqual(['journal_cover', 'journal_contents', 'paper_article']);
    expect(missingEvidence('paper', 'unit', ['journal_contents', 'other']).map((m) => m.type)).toEqual(['journal_cover', 'paper_article']);
    expect(missingEvidence('paper', 'person', ['journal_cover', 'journal_contents', 'paper_article'])).toEqual([]);
    expect(missingEvidence({ kind: 'conference', presented: true }, 'person', ['conference_notice', 'unit_proof']).map((m) => m.type)).toEqual([
      'conference_paper',
    ]);
  });

  it('records a filed provider reports itself need none (provider and platform channels)', () => {
    for (const kind of ACTIVITY_KINDS) {
      for (const channel of RECORD_CHANNELS) {
        const missing = missingEvidence(kind, channel, []);
        if (channel === 'provider' || channel === 'platform') expect(missing).toEqual([]);
        else expect(missing.length).toBeGreaterThan(0);
      }
    }
  });

  it('the message lists the missing documents in Chinese', () => {
    const missing = missingEvidence('book', 'person', ['book_cover' satisfies EvidenceType]);
    expect(missingEvidenceMessage(missing)).toBe('请上传以下证明材料：著作扉页、著作目录');
    expect(missingEvidenceMessage([])).toBeUndefined();
  });
});
