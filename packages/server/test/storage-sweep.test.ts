import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFsBlobStore, receiveEvidence, sweepOrphans, type BlobStore } from '../src/platform/storage/index.ts';
import { filesUnder, JPEG, OFD, PDF, PNG, tempRoot } from '../src/platform/storage/test-samples.ts';

// The orphan sweep and the crash-safety argument of docs/evidence.md: file first, row second, sweep
// what no row references once it is older than the grace period.

const HOUR = 3600_000;
const roots: string[] = [];
function newStore(): { store: BlobStore; root: string } {
  const root = tempRoot();
  roots.push(root);
  return { store: createFsBlobStore({ root }), root };
}
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

function age(root: string, key: string, ms: number): void {
  const when = new Date(Date.now() - ms);
  fs.utimesSync(path.join(root, key.slice(0, 2), key.slice(2, 4), key), when, when);
}

describe('sweepOrphans', () => {
  it('deletes only blobs that are both unreferenced and older than the grace period', async () => {
    const { store, root } = newStore();
    const [oldReferenced, oldOrphan, youngOrphan, youngReferenced] = await Promise.all([PDF, PNG, JPEG, OFD].map(async (b) => (await store.put(b)).key));
    age(root, oldReferenced!, 3 * HOUR);
    age(root, oldOrphan!, 3 * HOUR);
    age(root, youngOrphan!, 10 * 60_000);
    const referenced = new Set([oldReferenced, youngReferenced]);
    const asked: string[] = [];

    const result = await sweepOrphans({
      store,
      isReferenced: async (key) => {
        asked.push(key);
        return referenced.has(key);
      },
      olderThanMs: HOUR,
    });

    expect(result).toMatchObject({ examined: 4, deleted: [oldOrphan], keptYoung: 2, keptReferenced: 1, abandonedUploads: 0 });
    expect(await store.exists(oldOrphan!)).toBe(false);
    for (const key of [oldReferenced, youngOrphan, youngReferenced]) expect(await store.exists(key!)).toBe(true);
    // Young blobs are not even looked up.
    expect(asked.sort()).toEqual([oldOrphan, oldReferenced].sort());
  });

  it('an upload of the same content landing while the sweep looks is not swept (its row is about to commit)', async () => {
    const { store, root } = newStore();
    const { key } = await store.put(PDF);
    age(root, key, 3 * HOUR);
    const result = await sweepOrphans({
      store,
      // Between "is it referenced?" and the delete, someone uploads the same file again.
      isReferenced: async () => {
        await store.put(PDF);
        return false;
      },
      olderThanMs: HOUR,
    });
    expect(result.deleted).toEqual([]);
    expect(await store.exists(key)).toBe(true);
  });

  it('delete(ifOlderThan) keeps a blob that is not old enough', async () => {
    const { store, root } = newStore();
    const { key } = await store.put(PNG);
    expect(await store.delete(key, { ifOlderThan: new Date(Date.now() - HOUR) })).toBe(false);
    age(root, key, 2 * HOUR);
    expect(await store.delete(key, { ifOlderThan: new Date(Date.now() - HOUR) })).toBe(true);
    expect(filesUnder(root)).toEqual([]);
  });

  it('removes temporary files of uploads that died, after the grace period', async () => {
    const { store, root } = newStore();
    await store.put(PDF);
    const dead = path.join(root, '.tmp', 'dead.part');
    fs.writeFileSync(dead, 'half');
    fs.utimesSync(dead, new Date(Date.now() - 2 * HOUR), new Date(Date.now() - 2 * HOUR));
    const result = await sweepOrphans({ store, isReferenced: async () => true, olderThanMs: HOUR });
    expect(result.abandonedUploads).toBe(1);
    expect(fs.existsSync(dead)).toBe(false);
  });

  it('puts back a blob a crashed sweep left parked (the next sweep judges it again)', async () => {
    const { store, root } = newStore();
    const { key } = await store.put(PNG);
    const blobPath = path.join(root, key.slice(0, 2), key.slice(2, 4), key);
    fs.mkdirSync(path.join(root, '.trash'), { recursive: true });
    fs.renameSync(blobPath, path.join(root, '.trash', `${key}.0192f0c4-0000-7000-8000-000000000000`));
    expect(await store.exists(key)).toBe(false);

    await store.removeAbandonedUploads(new Date(Date.now() + 60_000));
    expect(await store.exists(key)).toBe(true);
    expect(filesUnder(root)).toEqual([path.relative(root, blobPath)]);
  });

  it('two sweeps at once (two processes) delete each orphan once, without errors', async () => {
    const { store, root } = newStore();
    const keys = await Promise.all([PDF, PNG, JPEG, OFD].map(async (b) => (await store.put(b)).key));
    for (const key of keys) age(root, key, 2 * HOUR);
    const sweep = () => sweepOrphans({ store, isReferenced: async () => false, olderThanMs: HOUR });
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect([...a.deleted, ...b.deleted].sort()).toEqual([...keys].sort());
    expect(filesUnder(root)).toEqual([]);
  });
});

describe('crash safety: file first, row second', () => {
  // A stand-in for the evidence table: the record service commits the row only after the upload resolved.
  async function attach(store: BlobStore, rows: Set<string>, bytes: Buffer, commit: () => void) {
    const received = await receiveEvidence({ store, source: bytes, fileName: 'a.pdf' });
    commit(); // the transaction that inserts the row (and its audit event)
    rows.add(received.key);
    return received.key;
  }

  it('a transaction that fails after the upload leaves an orphan blob (never a row without its file); the sweep removes it', async () => {
    const { store, root } = newStore();
    const rows = new Set<string>();
    const kept = await attach(store, rows, PDF, () => undefined);
    await expect(attach(store, rows, PNG, () => { throw new Error('crash before commit'); })).rejects.toThrow('crash before commit');

    // Every row points at a file that exists.
    for (const key of rows) expect(await store.exists(key)).toBe(true);
    expect(filesUnder(root).filter((f) => !f.startsWith('.'))).toHaveLength(2);

    for await (const blob of store.list()) age(root, blob.key, 2 * HOUR);
    const result = await sweepOrphans({ store, isReferenced: async (key) => rows.has(key), olderThanMs: HOUR });
    expect(result.deleted).toHaveLength(1);
    expect(result.deleted[0]).not.toBe(kept);
    expect(await store.exists(kept)).toBe(true);
  });
});
