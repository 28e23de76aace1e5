import { attachmentDisposition } from './file-name.ts';
import { EVIDENCE_FILE_TYPES, type EvidenceFileType } from './sniff.ts';

// Evidence is served only as a download (issue 5): the type the server detected, never sniffed by the
// browser (`nosniff`), as an attachment (never rendered in the platform's origin), in a sandbox even if
// it were opened, and not kept in shared caches (it is personal data).
export function evidenceDownloadHeaders(options: { type: EvidenceFileType; fileName: string; size: number }): Record<string, string> {
  return {
    'content-type': EVIDENCE_FILE_TYPES[options.type].mediaType,
    'content-length': String(options.size),
    'content-disposition': attachmentDisposition(options.fileName),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'private, no-store',
  };
}
