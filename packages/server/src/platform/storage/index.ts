import path from 'node:path';
import type { BlobStore } from './blob-store.ts';
import { createFsBlobStore } from './fs-blob-store.ts';

// Evidence storage (issue 5; docs/evidence.md): content-addressed blobs behind `BlobStore`, content
// sniffing, the streaming upload helper, download headers and the orphan sweep.

export { BLOB_KEY, isBlobKey, type BlobInfo, type BlobSource, type BlobStore, type PutOptions, type StoredBlob } from './blob-store.ts';
export { BlobTooLargeError, createFsBlobStore } from './fs-blob-store.ts';
export { EVIDENCE_FILE_TYPES, OfdEntryScanner, sniffEvidenceType, startsAsZip, type EvidenceFileType } from './sniff.ts';
export { attachmentDisposition, DEFAULT_FILE_NAME, MAX_FILE_NAME_LENGTH, sanitiseFileName } from './file-name.ts';
export { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES_PER_RECORD, receiveEvidence, type ReceivedEvidence } from './upload.ts';
export { evidenceDownloadHeaders } from './download.ts';
export { DEFAULT_ORPHAN_GRACE_MS, sweepOrphans, type SweepResult } from './sweep.ts';

/** The evidence store of this installation: `JIXU_DATA_DIR/evidence/`, outside anything served. */
export function createEvidenceStore(config: { dataDir: string }): BlobStore {
  return createFsBlobStore({ root: path.join(config.dataDir, 'evidence') });
}
