import type { Readable } from 'node:stream';

// Evidence files (Art. 10: "the uploaded evidence") are stored as content-addressed blobs behind one
// interface: a file system now (fs-blob-store.ts), an S3-compatible bucket later. Keys are made by the
// server from the content (SHA-256), never from anything the uploader sent. See docs/evidence.md.

/** What `put` accepts: bytes in memory, or a stream of them (an upload being received). */
export type BlobSource = Buffer | Uint8Array | Readable | AsyncIterable<Uint8Array>;

export type StoredBlob = {
  /** SHA-256 of the content, lowercase hex: the blob's only name. */
  key: string;
  size: number;
  /** True when a blob with this content was already stored (the same content twice is one blob). */
  deduplicated: boolean;
};

export type BlobInfo = { key: string; size: number; modifiedAt: Date };

export type PutOptions = {
  /** Refuse (and leave nothing behind) once more than this many bytes arrive. */
  maxBytes?: number;
  /** Sees each chunk before it is written; may throw to abort (the content checks of upload.ts). */
  inspect?: (chunk: Buffer) => void;
  /** Called after the last chunk, before the blob becomes visible; may throw to abort. */
  finish?: () => void;
};

export type BlobStore = {
  /**
   * Stores the content atomically: either the whole blob is visible under its key, or nothing is (no
   * partial file, no temporary left behind), whatever fails or throws on the way. Storing content that
   * is already there refreshes its time, so a sweep in progress does not take it (see sweep.ts).
   */
  put(source: BlobSource, options?: PutOptions): Promise<StoredBlob>;
  /** A stream of the blob's bytes; `undefined` when there is no such blob. */
  open(key: string): Promise<Readable | undefined>;
  stat(key: string): Promise<BlobInfo | undefined>;
  exists(key: string): Promise<boolean>;
  /**
   * Removes the blob. With `ifOlderThan`, only if it was last stored before that instant, checked
   * again after it is taken out of view (a concurrent `put` of the same content wins). True if removed.
   */
  delete(key: string, options?: { ifOlderThan?: Date }): Promise<boolean>;
  /** Every stored blob (for the orphan sweep). */
  list(): AsyncIterable<BlobInfo>;
  /** Removes temporary files of uploads that died (process crash) before the given instant. */
  removeAbandonedUploads(olderThan: Date): Promise<number>;
};

/** SHA-256 in lowercase hex: the only shape a key can have (anything else is refused, never a path). */
export const BLOB_KEY = /^[0-9a-f]{64}$/;

export function isBlobKey(key: string): boolean {
  return BLOB_KEY.test(key);
}
