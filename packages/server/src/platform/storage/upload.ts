import { Readable } from 'node:stream';
import { AppError } from '../errors.ts';
import type { BlobSource, BlobStore } from './blob-store.ts';
import { sanitiseFileName } from './file-name.ts';
import { BlobTooLargeError } from './fs-blob-store.ts';
import { EVIDENCE_FILE_TYPES, OfdEntryScanner, sniffEvidenceType, startsAsZip, type EvidenceFileType } from './sniff.ts';

// Receiving one evidence file (issue 5 "Evidence"): the size limit is enforced while the bytes stream
// in, the type is decided from the content as the first bytes arrive (a refused file is never written),
// and the blob becomes visible only when complete. Whatever goes wrong, nothing is left on disk.

/** At most 20 MB per file. */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
/** At most 10 files per record (checked by the record service, which counts the record's files). */
export const MAX_EVIDENCE_FILES_PER_RECORD = 10;

/** Enough to tell PDF (5 bytes), JPEG (3), PNG (8) and ZIP (4) apart. */
const MAGIC_BYTES = 8;

export type ReceivedEvidence = {
  key: string;
  size: number;
  /** The type the content showed (whatever the name said). */
  type: EvidenceFileType;
  mediaType: string;
  /** The uploader's name, cleaned, with the extension of the detected type. */
  fileName: string;
  deduplicated: boolean;
};

const formatLimit = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${+(bytes / (1024 * 1024)).toFixed(1)}MB` : `${+(bytes / 1024).toFixed(1)}KB`;

const refusedType = () =>
  new AppError({ code: 'unsupported_media_type', detail: '只能上传 PDF、JPEG、PNG 或 OFD 格式的文件（按文件内容识别，与扩展名无关）' });

/** Decides the type as the bytes stream past; throws (aborting the store) as soon as it is refused. */
class TypeGate {
  private head: Buffer = Buffer.alloc(0);
  private ofd: OfdEntryScanner | undefined;
  type: EvidenceFileType | undefined;
  bytes = 0;

  inspect(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.ofd) {
      this.ofd.push(chunk);
      return;
    }
    if (this.type) return;
    // Everything seen so far (usually just the first chunk): an OFD scan must see these bytes too.
    this.head = this.head.length === 0 ? chunk : Buffer.concat([this.head, chunk]);
    if (this.head.length < MAGIC_BYTES) return;
    this.classify();
  }

  finish(): void {
    if (this.bytes === 0) throw new AppError({ code: 'validation_failed', detail: '上传的文件是空的', errors: [{ field: 'file', message: '文件为空' }] });
    if (!this.type && !this.ofd) this.classify();
    // An OFD package must name its entry file somewhere (GB/T 33190: OFD.xml at the package root).
    if (this.ofd) {
      if (!this.ofd.found) throw refusedType();
      this.type = 'ofd';
    }
  }

  private classify(): void {
    const head = this.head;
    this.head = Buffer.alloc(0);
    if (startsAsZip(head)) {
      // The OFD.xml entry may come later in the package: scan the whole stream from here on.
      this.ofd = new OfdEntryScanner();
      this.ofd.push(head);
      return;
    }
    this.type = sniffEvidenceType(head);
    if (!this.type) throw refusedType();
  }
}

/**
 * After a refusal part-way, the rest of a request body is read and thrown away, so the client gets the
 * 413 or 415 (an unread body would stall the connection); a client that keeps sending more than
 * another `limit` bytes has its connection dropped.
 */
function discardRest(source: BlobSource, limit: number): void {
  if (!(source instanceof Readable) || source.readableEnded || source.destroyed) return;
  let discarded = 0;
  source.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limit) source.destroy();
  });
  source.on('error', () => undefined);
  source.resume();
}

/**
 * Stores one uploaded file. Errors (problem+json through the error handler): `413 payload_too_large`
 * beyond `maxBytes`; `415 unsupported_media_type` for anything but PDF, JPEG, PNG and OFD by content
 * (HTML, SVG, a renamed executable, …); `400 validation_failed` for an empty file.
 */
export async function receiveEvidence(options: {
  store: BlobStore;
  source: BlobSource;
  fileName: unknown;
  maxBytes?: number;
}): Promise<ReceivedEvidence> {
  const maxBytes = options.maxBytes ?? MAX_EVIDENCE_BYTES;
  const gate = new TypeGate();
  try {
    const stored = await options.store.put(options.source, {
      maxBytes,
      inspect: (chunk) => gate.inspect(chunk),
      finish: () => gate.finish(),
    });
    const type = gate.type;
    if (!type) throw refusedType();
    return {
      key: stored.key,
      size: stored.size,
      type,
      mediaType: EVIDENCE_FILE_TYPES[type].mediaType,
      fileName: sanitiseFileName(options.fileName, type),
      deduplicated: stored.deduplicated,
    };
  } catch (error) {
    discardRest(options.source, maxBytes);
    if (error instanceof BlobTooLargeError) {
      throw new AppError({ code: 'payload_too_large', detail: `单个证明材料不能超过 ${formatLimit(maxBytes)}` });
    }
    throw error;
  }
}
