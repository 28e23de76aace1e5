import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { isBlobKey, type BlobInfo, type BlobSource, type BlobStore, type PutOptions, type StoredBlob } from './blob-store.ts';

// Blobs on the local file system, under JIXU_DATA_DIR/evidence/ (outside anything the server serves):
//   <root>/ab/cd/abcd…(64 hex)   the blob, named by its SHA-256; two levels of fan-out (256 × 256
//                                folders) keep every directory small
//   <root>/.tmp/<uuid>.part      an upload being received (same file system: the rename is atomic)
//   <root>/.trash/<key>.<uuid>   a blob being swept, out of view while the sweep checks it once more
// Crash safety (docs/evidence.md): content is written to a temporary file, fsynced, then renamed to its
// key and the directory fsynced; only then does `put` resolve, and only then may the caller commit the
// row that points at it. A crash leaves at worst a temporary file or an unreferenced blob, both swept.

const TMP = '.tmp';
const TRASH = '.trash';
const HEX2 = /^[0-9a-f]{2}$/;

/** Thrown by `put` when the content exceeds `maxBytes` (nothing is left behind). */
export class BlobTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`blob larger than ${limit} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

async function* chunksOf(source: BlobSource): AsyncIterable<Buffer> {
  if (source instanceof Uint8Array) {
    yield Buffer.from(source.buffer, source.byteOffset, source.byteLength);
    return;
  }
  // An abort does not destroy a stream source: the caller owns it. An HTTP request left unread is
  // discarded by Node once the answer (413, 415) is sent, so the client gets that answer, not a reset.
  const chunks = source instanceof Readable ? source.iterator({ destroyOnReturn: false }) : source;
  for await (const chunk of chunks as AsyncIterable<Uint8Array | string>) {
    yield typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

/** Makes a rename or a new entry durable: fsync the directory that holds it (POSIX). */
async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Some platforms cannot fsync a directory (EISDIR, EINVAL, EPERM); the rename itself stays atomic.
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EBADF'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

async function unlinkQuietly(file: string): Promise<void> {
  await fs.unlink(file).catch((error: unknown) => {
    if (!isMissing(error)) throw error;
  });
}

export function createFsBlobStore(options: { root: string }): BlobStore {
  const root = path.resolve(options.root);
  const tmpDir = path.join(root, TMP);
  const trashDir = path.join(root, TRASH);

  const pathOf = (key: string): string => {
    // The key is the only thing that becomes a path, and it can only be 64 hex digits.
    if (!isBlobKey(key)) throw new Error('storage: not a blob key');
    return path.join(root, key.slice(0, 2), key.slice(2, 4), key);
  };

  const ensureDir = async (dir: string): Promise<void> => {
    const created = await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    if (created === undefined) return;
    // New directories must be durable too, from the first one created up to the root's parent entry.
    for (let d = dir; d.length >= created.length && d !== path.dirname(d); d = path.dirname(d)) {
      await syncDir(path.dirname(d));
    }
  };

  const stat = async (key: string): Promise<BlobInfo | undefined> => {
    try {
      const s = await fs.lstat(pathOf(key));
      return s.isFile() ? { key, size: s.size, modifiedAt: s.mtime } : undefined;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  };

  async function put(source: BlobSource, options: PutOptions = {}): Promise<StoredBlob> {
    await ensureDir(tmpDir);
    const tmp = path.join(tmpDir, `${randomUUID()}.part`);
    const handle = await fs.open(tmp, 'wx', 0o600);
    let closed = false;
    try {
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of chunksOf(source)) {
        size += chunk.length;
        if (options.maxBytes !== undefined && size > options.maxBytes) throw new BlobTooLargeError(options.maxBytes);
        options.inspect?.(chunk);
        hash.update(chunk);
        for (let offset = 0; offset < chunk.length;) {
          const { bytesWritten } = await handle.write(chunk, offset);
          offset += bytesWritten;
        }
      }
      options.finish?.();
      await handle.sync();
      await handle.close();
      closed = true;

      const key = hash.digest('hex');
      const target = pathOf(key);
      await ensureDir(path.dirname(target));
      const deduplicated = (await stat(key)) !== undefined;
      // Always rename, even over the same content: the blob gets a fresh time, so a sweep that saw the
      // old one as an aged orphan does not remove it once a new row is about to point at it.
      await fs.rename(tmp, target);
      await syncDir(path.dirname(target));
      return { key, size, deduplicated };
    } catch (error) {
      if (!closed) await handle.close().catch(() => undefined);
      await unlinkQuietly(tmp);
      throw error;
    }
  }

  async function open(key: string): Promise<Readable | undefined> {
    try {
      // Holding the descriptor: a sweep after this point cannot cut a download short.
      const handle = await fs.open(pathOf(key), 'r');
      return handle.createReadStream();
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async function remove(key: string, options: { ifOlderThan?: Date } = {}): Promise<boolean> {
    const target = pathOf(key);
    const { ifOlderThan } = options;
    if (!ifOlderThan) {
      try {
        await fs.unlink(target);
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    }
    const before = await stat(key);
    if (!before || before.modifiedAt >= ifOlderThan) return false;

    // Take it out of view first, then look again: a `put` of the same content that landed between our
    // look and the move refreshed the time, and then the blob goes back.
    await ensureDir(trashDir);
    const parked = path.join(trashDir, `${key}.${randomUUID()}`);
    try {
      await fs.rename(target, parked);
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
    try {
      const after = await fs.lstat(parked);
      if (after.mtime >= ifOlderThan) {
        await restore(parked, target);
        return false;
      }
      await fs.unlink(parked);
    } catch (error) {
      // Another process put it back meanwhile (removeAbandonedUploads): it stays.
      if (isMissing(error)) return false;
      throw error;
    }
    await syncDir(path.dirname(target));
    return true;
  }

  /** Puts a parked blob back unless the same content was stored again meanwhile. */
  async function restore(parked: string, target: string): Promise<void> {
    await ensureDir(path.dirname(target));
    try {
      await fs.link(parked, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    await fs.unlink(parked);
    await syncDir(path.dirname(target));
  }

  async function* list(): AsyncIterable<BlobInfo> {
    const dirsOf = async (dir: string): Promise<string[]> => {
      try {
        return (await fs.readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory() && HEX2.test(e.name)).map((e) => e.name).sort();
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
    };
    for (const first of await dirsOf(root)) {
      for (const second of await dirsOf(path.join(root, first))) {
        const names = await fs.readdir(path.join(root, first, second)).catch((error: unknown) => {
          if (isMissing(error)) return [];
          throw error;
        });
        for (const name of names.sort()) {
          if (!isBlobKey(name) || name.slice(0, 2) !== first || name.slice(2, 4) !== second) continue;
          const info = await stat(name);
          if (info) yield info;
        }
      }
    }
  }

  async function removeAbandonedUploads(olderThan: Date): Promise<number> {
    let removed = 0;
    for (const name of await fs.readdir(tmpDir).catch(() => [] as string[])) {
      const file = path.join(tmpDir, name);
      const s = await fs.lstat(file).catch(() => undefined);
      // A live upload writes continuously: its time is recent. Only a stalled or crashed one is old.
      if (s?.isFile() && s.mtime < olderThan) {
        await unlinkQuietly(file);
        removed += 1;
      }
    }
    // A sweep that crashed mid-way left a blob parked: put it back (the next sweep judges it again).
    for (const name of await fs.readdir(trashDir).catch(() => [] as string[])) {
      const key = name.split('.')[0] ?? '';
      const parked = path.join(trashDir, name);
      // ctime is the time it was parked (a rename changes it); a sweep in progress parked it just now.
      const s = await fs.lstat(parked).catch(() => undefined);
      if (isBlobKey(key) && s?.isFile() && s.ctime < olderThan) await restore(parked, pathOf(key)).catch((error: unknown) => {
        if (!isMissing(error)) throw error;
      });
    }
    return removed;
  }

  return {
    put,
    open,
    stat,
    exists: async (key) => (await stat(key)) !== undefined,
    delete: remove,
    list,
    removeAbandonedUploads,
  };
}
