import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvidenceStore, createFsBlobStore, BlobTooLargeError, type BlobStore } from '../src/platform/storage/index.ts';
import { filesUnder, PDF, PNG, streamOf, tempRoot } from '../src/platform/storage/test-samples.ts';

// The file-system blob store: content-addressed, fan-out folders, atomic writes, nothing left behind.

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const roots: string[] = [];
function newStore(): { store: BlobStore; root: string } {
  const root = tempRoot();
  roots.push(root);
  return { store: createFsBlobStore({ root }), root };
}
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

describe('put and read', () => {
  it('names a blob by the SHA-256 of its content, under two levels of fan-out', async () => {
    const { store, root } = newStore();
    const stored = await store.put(PDF);
    const key = sha256(PDF);
    expect(stored).toEqual({ key, size: PDF.length, deduplicated: false });
    expect(filesUnder(root)).toEqual([path.join(key.slice(0, 2), key.slice(2, 4), key)]);
    // Readable only by the server's user.
    expect(fs.statSync(path.join(root, key.slice(0, 2), key.slice(2, 4), key)).mode & 0o777).toBe(0o600);

    const stream = await store.open(key);
    expect(await buffer(stream!)).toEqual(PDF);
    expect(await store.exists(key)).toBe(true);
    expect(await store.stat(key)).toMatchObject({ key, size: PDF.length });
  });

  it('takes a stream as well as a buffer, with the same key', async () => {
    const { store } = newStore();
    const fromStream = await store.put(Readable.from([PNG.subarray(0, 10), PNG.subarray(10)]));
    expect(fromStream.key).toBe(sha256(PNG));
    expect(fromStream.size).toBe(PNG.length);
  });

  it('the same content twice is one file (dedupe), and the second put refreshes its time', async () => {
    const { store, root } = newStore();
    const first = await store.put(PNG);
    const file = path.join(root, first.key.slice(0, 2), first.key.slice(2, 4), first.key);
    const old = new Date(Date.now() - 10 * 24 * 3600_000);
    fs.utimesSync(file, old, old);

    const second = await store.put(Readable.from([PNG]));
    expect(second).toEqual({ key: first.key, size: PNG.length, deduplicated: true });
    expect(filesUnder(root)).toHaveLength(1);
    expect((await store.stat(first.key))!.modifiedAt.getTime()).toBeGreaterThan(old.getTime() + 24 * 3600_000);
  });

  it('two concurrent uploads of the same content leave one complete file', async () => {
    const { store, root } = newStore();
    const [a, b] = await Promise.all([store.put(streamOf({ size: 300_000, chunk: 7_000 })), store.put(streamOf({ size: 300_000, chunk: 11_000 }))]);
    expect(a.key).toBe(b.key);
    expect(filesUnder(root)).toHaveLength(1);
    expect((await store.stat(a.key))!.size).toBe(300_000);
  });

  it('unknown keys are absent; anything but 64 hex digits is refused, never used as a path', async () => {
    const { store } = newStore();
    const missing = 'a'.repeat(64);
    expect(await store.open(missing)).toBeUndefined();
    expect(await store.stat(missing)).toBeUndefined();
    expect(await store.exists(missing)).toBe(false);
    expect(await store.delete(missing)).toBe(false);
    for (const bad of ['../../etc/passwd', `${'a'.repeat(63)}/`, 'A'.repeat(64), `../${'a'.repeat(61)}`, '']) {
      await expect(store.open(bad)).rejects.toThrow('not a blob key');
      await expect(store.delete(bad)).rejects.toThrow('not a blob key');
    }
  });

  it('lists every blob, and only blobs', async () => {
    const { store, root } = newStore();
    const keys = [(await store.put(PDF)).key, (await store.put(PNG)).key].sort();
    fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
    fs.writeFileSync(path.join(root, '.tmp', 'x.part'), 'partial');
    fs.writeFileSync(path.join(root, keys[0]!.slice(0, 2), 'stray.txt'), 'not a blob');
    const listed: string[] = [];
    for await (const blob of store.list()) listed.push(blob.key);
    expect(listed).toEqual(keys);
  });

  it('delete removes the blob', async () => {
    const { store } = newStore();
    const { key } = await store.put(PDF);
    expect(await store.delete(key)).toBe(true);
    expect(await store.exists(key)).toBe(false);
  });

  it('the evidence store lives in JIXU_DATA_DIR/evidence/', async () => {
    const dataDir = tempRoot();
    roots.push(dataDir);
    const { key } = await createEvidenceStore({ dataDir }).put(PDF);
    expect(fs.existsSync(path.join(dataDir, 'evidence', key.slice(0, 2), key.slice(2, 4), key))).toBe(true);
  });
});

describe('atomic writes: a failed upload leaves nothing', () => {
  it('a source that fails mid-stream (connection lost) leaves no file, not even a temporary one', async () => {
    const { store, root } = newStore();
    await expect(store.put(streamOf({ size: 5_000_000, chunk: 100_000, failAfter: 2_000_000 }))).rejects.toThrow('connection lost');
    expect(filesUnder(root)).toEqual([]);
  });

  it('a check that throws part-way (inspect) leaves nothing', async () => {
    const { store, root } = newStore();
    let seen = 0;
    const inspect = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > 250_000) throw new Error('refused');
    };
    await expect(store.put(streamOf({ size: 1_000_000, chunk: 50_000 }), { inspect })).rejects.toThrow('refused');
    expect(filesUnder(root)).toEqual([]);
  });

  it('a check that throws at the end (finish) leaves nothing', async () => {
    const { store, root } = newStore();
    await expect(store.put(PDF, { finish: () => { throw new Error('not an OFD'); } })).rejects.toThrow('not an OFD');
    expect(filesUnder(root)).toEqual([]);
  });

  it('maxBytes: one byte over is refused while streaming and leaves nothing; exactly the limit is stored', async () => {
    const { store, root } = newStore();
    let pulled = 0;
    const source = Readable.from((async function* () {
      for await (const chunk of streamOf({ size: 10_000_000, chunk: 64 * 1024 })) {
        pulled += chunk.length;
        yield chunk;
      }
    })());
    await expect(store.put(source, { maxBytes: 1_000_000 })).rejects.toBeInstanceOf(BlobTooLargeError);
    // It stopped reading soon after the limit, not at the end of the stream.
    expect(pulled).toBeLessThan(1_500_000);
    expect(filesUnder(root)).toEqual([]);

    expect((await store.put(streamOf({ size: 1_000_000, chunk: 64 * 1024 }), { maxBytes: 1_000_000 })).size).toBe(1_000_000);
    await expect(store.put(Buffer.alloc(1_000_001), { maxBytes: 1_000_000 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(filesUnder(root)).toHaveLength(1);
  });

  it('an aborted stream source is left to its owner (not destroyed), so a route can still answer', async () => {
    const { store } = newStore();
    const source = Readable.from(streamOf({ size: 3_000_000, chunk: 100_000 }));
    await expect(store.put(source, { maxBytes: 500_000 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(source.destroyed).toBe(false);
  });

  it('a crash before the rename leaves only a temporary file, which is removed once old', async () => {
    const { store, root } = newStore();
    await store.put(PDF); // creates .tmp
    const orphanPart = path.join(root, '.tmp', 'crashed.part');
    const livePart = path.join(root, '.tmp', 'live.part');
    fs.writeFileSync(orphanPart, 'half an upload');
    fs.writeFileSync(livePart, 'an upload in progress');
    const hourAgo = new Date(Date.now() - 3600_000);
    fs.utimesSync(orphanPart, hourAgo, hourAgo);

    expect(await store.removeAbandonedUploads(new Date(Date.now() - 60_000))).toBe(1);
    expect(fs.existsSync(orphanPart)).toBe(false);
    expect(fs.existsSync(livePart)).toBe(true);
  });
});
