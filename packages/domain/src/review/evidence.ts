// Art. 10: a record holds the uploaded evidence (证明材料). Which documents each kind of activity needs
// is data (SPEC "Evidence each kind needs", as the real platform asks for them); the declaration is
// refused while one is missing, except for records a filed provider reports itself.

import type { ActivityKind } from '../policy/activity-types.ts';
import { PROVIDER_CHANNELS, type RecordChannel } from './types.ts';

/** The role a file plays for its record (not its format: the server sniffs PDF/JPEG/PNG/OFD). */
export type EvidenceType =
  | 'training_notice'
  | 'completion_certificate'
  | 'unit_proof'
  | 'transcript'
  | 'dispatch_proof'
  | 'assessment_proof'
  | 'conference_notice'
  | 'conference_paper'
  | 'project_proof'
  | 'book_cover'
  | 'book_title_page'
  | 'book_contents'
  | 'journal_cover'
  | 'journal_contents'
  | 'paper_article'
  | 'patent_certificate'
  | 'award_certificate'
  | 'qualification_certificate'
  | 'leader_instruction'
  | 'service_documents'
  | 'yearly_appraisal'
  | 'other';

export const EVIDENCE_TYPE_LABELS: Readonly<Record<EvidenceType, string>> = {
  training_notice: '培训通知',
  completion_certificate: '结业（培训）证书',
  unit_proof: '单位证明',
  transcript: '成绩单',
  dispatch_proof: '单位派出证明',
  assessment_proof: '考核证明',
  conference_notice: '会议通知',
  conference_paper: '会议交流论文（报告）',
  project_proof: '课题（项目）证明',
  book_cover: '著作封面',
  book_title_page: '著作扉页',
  book_contents: '著作目录',
  journal_cover: '期刊封面',
  journal_contents: '期刊目录',
  paper_article: '论文正文',
  patent_certificate: '专利证书',
  award_certificate: '获奖证书',
  qualification_certificate: '资格（合格）证书',
  leader_instruction: '领导批示件',
  service_documents: '单位或主管部门派出文件',
  yearly_appraisal: '年度考核（鉴定）材料',
  other: '其他材料',
};

export const EVIDENCE_TYPES = Object.keys(EVIDENCE_TYPE_LABELS) as readonly EvidenceType[];

export function isEvidenceType(value: string): value is EvidenceType {
  return Object.hasOwn(EVIDENCE_TYPE_LABELS, value);
}

export type EvidenceRequirement = { readonly type: EvidenceType; readonly label: string };

const TRAINING: readonly EvidenceType[] = ['training_notice', 'completion_certificate', 'unit_proof'];

/** SPEC "Evidence each kind needs", by the clause of Art. 7 each kind falls under. */
const REQUIRED: Readonly<Record<ActivityKind, readonly EvidenceType[]>> = {
  base_training: TRAINING, // 7(1)
  seminar: TRAINING, // 7(2)
  degree_course: ['transcript'], // 7(3)
  course_study: ['transcript', 'dispatch_proof', 'assessment_proof'], // 7(3)
  conference: ['conference_notice', 'unit_proof'], // 7(4); the paper too when one was presented
  project: ['project_proof'], // 7(5)
  book: ['book_cover', 'book_title_page', 'book_contents'], // 7(6)
  paper: ['journal_cover', 'journal_contents', 'paper_article'], // 7(6)
  patent: ['patent_certificate'], // 7(7)
  award: ['award_certificate'], // 7(8)
  exam: ['qualification_certificate'], // 7(9)
  report_adopted: ['leader_instruction'], // 7(10)
  aid_service: ['service_documents', 'yearly_appraisal'], // 7(11)
  grassroots_service: TRAINING, // 7(12)
  // A course of the year's public-subject guide (Art. 4): the provider's completion certificate. Such
  // courses are mostly reported by the provider itself, and then need nothing.
  guide_course: ['completion_certificate'],
  other: TRAINING, // 7(13)
};

/** An activity kind, or the activity itself (a conference needs the paper only when one was presented). */
export type EvidenceSubject = ActivityKind | { readonly kind: ActivityKind; readonly presented?: boolean };

/** The documents a record of this kind needs, in the order the form asks for them. */
export function requiredEvidence(subject: EvidenceSubject): EvidenceRequirement[] {
  const kind = typeof subject === 'string' ? subject : subject.kind;
  const types = [...REQUIRED[kind]];
  if (typeof subject !== 'string' && subject.kind === 'conference' && subject.presented === true) {
    types.push('conference_paper');
  }
  return types.map((type) => ({ type, label: EVIDENCE_TYPE_LABELS[type] }));
}

/**
 * The required documents not among `providedTypes`. Records a filed provider reports (the provider and
 * platform channels; only filed providers can use them, see `entryState`) need none.
 */
export function missingEvidence(
  subject: EvidenceSubject,
  channel: RecordChannel,
  providedTypes: Iterable<string>,
): EvidenceRequirement[] {
  if (PROVIDER_CHANNELS.has(channel)) return [];
  const provided = new Set(providedTypes);
  return requiredEvidence(subject).filter((requirement) => !provided.has(requirement.type));
}

/** The Chinese sentence naming what is missing (for the `detail` of a refused submission). */
export function missingEvidenceMessage(missing: readonly EvidenceRequirement[]): string | undefined {
  if (missing.length === 0) return undefined;
  return `请上传以下证明材料：${missing.map((m) => m.label).join('、')}`;
}
