import type { BlobStore } from './blob-store.ts';

// The orphan sweep (docs/evidence.md "Crash safety"): an evidence row is committed only after its blob
// is stored, so a crash or a failed transaction can leave a blob no row points at, never a row without
// its blob. This job removes such blobs, but only once they are older than a grace period, so a blob
// whose row is being committed right now is left alone. Safe to run in several processes at once.

/** A day: far longer than any upload takes to be followed by its row. */
export const DEFAULT_ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;

export type SweepResult = {
  examined: number;
  deleted: string[];
  keptYoung: number;
  keptReferenced: number;
  /** Temporary files of uploads that died before completing. */
  abandonedUploads: number;
};

export async function sweepOrphans(options: {
  store: BlobStore;
  /** Whether any row (evidence of a record, leave period, …) points at the blob. */
  isReferenced: (key: string) => Promise<boolean>;
  olderThanMs: number;
  now?: () => Date;
}): Promise<SweepResult> {
  const { store, isReferenced } = options;
  const cutoff = new Date((options.now ?? (() => new Date()))().getTime() - options.olderThanMs);
  const result: SweepResult = { examined: 0, deleted: [], keptYoung: 0, keptReferenced: 0, abandonedUploads: 0 };

  for await (const blob of store.list()) {
    result.examined += 1;
    if (blob.modifiedAt >= cutoff) {
      result.keptYoung += 1;
      continue;
    }
    if (await isReferenced(blob.key)) {
      result.keptReferenced += 1;
      continue;
    }
    // The store checks the age again once the blob is out of view: a concurrent upload of the same
    // content refreshes it and wins (fs-blob-store.ts `delete`).
    if (await store.delete(blob.key, { ifOlderThan: cutoff })) result.deleted.push(blob.key);
    else result.keptYoung += 1;
  }
  result.abandonedUploads = await store.removeAbandonedUploads(cutoff);
  return result;
}
