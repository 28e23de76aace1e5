import type { EvidenceFileType } from '../platform/storage/index.ts';

// Tables of the evidence capability (docs/evidence.md).
export type RecordEvidenceTable = {
  id: string;
  record_id: string;
  /** SHA-256 of the content: the blob's key in the BlobStore (never a path from the uploader). */
  blob_key: string;
  /** The format detected from the content, not from the name. */
  type: EvidenceFileType;
  /** The review module's evidence type the declarer says the file is (review.EvidenceType). */
  evidence_type: string;
  file_name: string;
  size: number;
  uploaded_by: string;
  created_at: string;
};

export type EvidenceTables = {
  record_evidence: RecordEvidenceTable;
};
