import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError, registerErrorHandling } from '../src/platform/errors.ts';
import {
  createFsBlobStore,
  evidenceDownloadHeaders,
  MAX_EVIDENCE_BYTES,
  receiveEvidence,
  type BlobStore,
  type EvidenceFileType,
} from '../src/platform/storage/index.ts';
import {
  filesUnder,
  HTML,
  HTML_WITH_PDF_HEADER,
  JPEG,
  OFD,
  OFD_ENTRY_LATE,
  PDF,
  PNG,
  streamOf,
  SVG,
  SVG_WITH_XML_DECLARATION,
  tempRoot,
  ZIP_NOT_OFD,
} from '../src/platform/storage/test-samples.ts';

// The upload suite of issue 5 at the storage level: oversize, a PNG renamed .pdf, HTML, SVG, a ../ name,
// a CRLF name; plus every accepted type, OFD by its entry file, and the same through HTTP (problem+json
// status codes, download headers).

let root: string;
let store: BlobStore;
beforeAll(() => {
  root = tempRoot();
  store = createFsBlobStore({ root });
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  // Each test starts from an empty store, so "nothing left on disk" is exact.
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root);
});

async function refusal(promise: Promise<unknown>): Promise<{ code: string; status: number; detail: string | undefined }> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { code: error.code, status: error.status, detail: error.detail };
}

describe('accepted types, by content', () => {
  it.each<[string, Buffer, EvidenceFileType, string]>([
    ['PDF', PDF, 'pdf', 'application/pdf'],
    ['JPEG', JPEG, 'jpeg', 'image/jpeg'],
    ['PNG', PNG, 'png', 'image/png'],
    ['OFD', OFD, 'ofd', 'application/ofd'],
    ['OFD with OFD.xml after 200 KB', OFD_ENTRY_LATE, 'ofd', 'application/ofd'],
  ])('%s is stored with its type', async (_name, bytes, type, mediaType) => {
    const received = await receiveEvidence({ store, source: bytes, fileName: `材料.${type}` });
    expect(received).toMatchObject({ type, mediaType, size: bytes.length, deduplicated: false });
    expect(await store.exists(received.key)).toBe(true);
    expect(filesUnder(root).filter((f) => !f.startsWith('.'))).toHaveLength(1);
  });

  it('a PNG renamed .pdf is detected as PNG, stored as PNG, and its name follows the content', async () => {
    const received = await receiveEvidence({ store, source: PNG, fileName: '职称证书.pdf' });
    expect(received.type).toBe('png');
    expect(received.mediaType).toBe('image/png');
    expect(received.fileName).toBe('职称证书.png');
  });

  it('a PDF named .html keeps the name as a label with the true extension added', async () => {
    expect((await receiveEvidence({ store, source: PDF, fileName: 'page.html' })).fileName).toBe('page.html.pdf');
  });
});

describe('refused types leave nothing on disk', () => {
  it.each<[string, Buffer, string]>([
    ['HTML', HTML, 'x.pdf'],
    ['SVG', SVG, 'x.png'],
    ['SVG with an XML declaration', SVG_WITH_XML_DECLARATION, 'x.svg'],
    ['HTML with a PDF header further on', HTML_WITH_PDF_HEADER, 'x.pdf'],
    ['a ZIP without OFD.xml', ZIP_NOT_OFD, 'x.ofd'],
    ['a Windows executable', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'x.jpg'],
    ['plain text', Buffer.from('合格证明'), 'x.pdf'],
  ])('%s → 415 unsupported_media_type', async (_name, bytes, fileName) => {
    expect(await refusal(receiveEvidence({ store, source: bytes, fileName }))).toMatchObject({
      code: 'unsupported_media_type',
      status: 415,
      detail: expect.stringContaining('PDF、JPEG、PNG 或 OFD'),
    });
    expect(filesUnder(root)).toEqual([]);
  });

  it('HTML is refused from its first bytes: the rest of the stream is not even read', async () => {
    let pulled = 0;
    const source = (async function* () {
      for await (const chunk of streamOf({ size: 10_000_000, chunk: 65_536, head: HTML })) {
        pulled += chunk.length;
        yield chunk;
      }
    })();
    expect((await refusal(receiveEvidence({ store, source, fileName: 'a.pdf' }))).code).toBe('unsupported_media_type');
    expect(pulled).toBeLessThan(200_000);
    expect(filesUnder(root)).toEqual([]);
  });

  it('an empty file → 400 naming the file field', async () => {
    const error = await receiveEvidence({ store, source: Buffer.alloc(0), fileName: 'a.pdf' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'validation_failed', errors: [{ field: 'file', message: '文件为空' }] });
    expect(filesUnder(root)).toEqual([]);
  });
});

describe('size limit: 20 MB, enforced while streaming', () => {
  it('20 MB + 1 byte → 413, nothing left on disk; exactly 20 MB is stored', async () => {
    const over = streamOf({ size: MAX_EVIDENCE_BYTES + 1, head: PDF });
    expect(await refusal(receiveEvidence({ store, source: over, fileName: 'big.pdf' }))).toMatchObject({
      code: 'payload_too_large',
      status: 413,
      detail: '单个证明材料不能超过 20MB',
    });
    expect(filesUnder(root)).toEqual([]);

    const exact = await receiveEvidence({ store, source: streamOf({ size: MAX_EVIDENCE_BYTES, head: PDF }), fileName: 'big.pdf' });
    expect(exact.size).toBe(MAX_EVIDENCE_BYTES);
    await store.delete(exact.key);
  });
});

describe('file names', () => {
  it.each<[string, unknown, string]>([
    ['../ path', '../../../etc/passwd', 'passwd.pdf'],
    ['Windows path', '..\\..\\Windows\\system.ini', 'system.ini.pdf'],
    ['CRLF (header injection)', '证书\r\nSet-Cookie: a=b\r\n\r\n<script>.pdf', '证书Set-Cookie_ a=b_script_.pdf'],
    ['CRLF and a path', 'a\r\nContent-Type: text/html.pdf', 'html.pdf'],
    ['bidirectional override (gpj.exe spoofing)', 'invoice\u202Egpj.exe', 'invoicegpj.exe.pdf'],
    ['only dots', '..', '证明材料.pdf'],
    ['no name', undefined, '证明材料.pdf'],
    ['Chinese kept', '2024年度 继续教育 结业证书.PDF', '2024年度 继续教育 结业证书.PDF'],
  ])('%s', async (_name, fileName, expected) => {
    const received = await receiveEvidence({ store, source: PDF, fileName });
    expect(received.fileName).toBe(expected);
    expect(received.fileName).not.toMatch(/[\r\n/\\]/);
  });
});

describe('through HTTP (how the record routes will use it)', () => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    // Close every socket at the end: a client may keep one open after an answered-early upload.
    app = Fastify({ forceCloseConnections: true });
    registerErrorHandling(app);
    // The raw body as a stream: the upload helper enforces the limit itself while reading.
    app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    app.post('/upload', async (request) => {
      const { name } = request.query as { name?: string };
      return receiveEvidence({ store, source: request.body as Readable, fileName: name, maxBytes: 1_000_000 });
    });
    app.get('/download/:key', async (request, reply) => {
      const { key } = request.params as { key: string };
      const { type, name } = request.query as { type: EvidenceFileType; name: string };
      const info = await store.stat(key);
      const stream = await store.open(key);
      if (!info || !stream) throw new AppError({ code: 'not_found' });
      return reply.headers(evidenceDownloadHeaders({ type, fileName: name, size: info.size })).send(stream);
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  const upload = (bytes: Buffer, name: string) =>
    fetch(`${base}/upload?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: bytes });

  it('oversize → 413 problem+json that the client receives (not a reset), nothing on disk', async () => {
    const res = await upload(Buffer.concat([PDF, Buffer.alloc(3_000_000, 0x20)]), 'big.pdf');
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'payload_too_large' });
    expect(filesUnder(root)).toEqual([]);
  });

  it('HTML → 415, SVG → 415', async () => {
    for (const bytes of [HTML, SVG]) {
      const res = await upload(bytes, 'x.pdf');
      expect(res.status).toBe(415);
      expect(await res.json()).toMatchObject({ code: 'unsupported_media_type' });
    }
    expect(filesUnder(root)).toEqual([]);
  });

  it('download: an attachment with the detected type, nosniff, sandboxed, the Chinese name intact', async () => {
    const res = await upload(PNG, '../职称证书.pdf');
    expect(res.status).toBe(200);
    const stored = (await res.json()) as { key: string; type: EvidenceFileType; fileName: string };
    expect(stored).toMatchObject({ type: 'png', fileName: '职称证书.png' });

    const url = `${base}/download/${stored.key}?type=${stored.type}&name=${encodeURIComponent(stored.fileName)}`;
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    const disposition = download.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('职称证书.png');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PNG);
  });
});
