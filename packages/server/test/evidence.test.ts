import fs from 'node:fs';
import path from 'node:path';
import { policy } from '@jixu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeopleListing } from '../src/db/seed/demo.ts';
import { sweepEvidence } from '../src/modules/evidence/index.ts';
import { ensureDefaultPolicy } from '../src/modules/policy/index.ts';
import { MAX_EVIDENCE_BYTES } from '../src/platform/storage/index.ts';
import { HTML, PDF, PNG } from '../src/platform/storage/test-samples.ts';
import { as, createTestApp, login, type Session, type TestApp } from './helpers.ts';

// Art. 10: evidence files of a record through the API (docs/evidence.md): upload, list, download,
// refusals (size, type, count, state, scope), names, and submit using the stored evidence types.
let t: TestApp;
const Y = policy.businessYear(new Date());
const idNumberOf = (name: string) => demoPeopleListing().find((p) => p.name === name)!.idNumber;
const conference = { kind: 'conference', level: 'national', days: 1, presented: true };
let day = 0;

beforeAll(async () => {
  t = await createTestApp();
  await ensureDefaultPolicy(t.handle.db, new Date());
});
afterAll(async () => { await t?.close(); });

async function draft(session: Session): Promise<string> {
  day += 1;
  const res = await as(t.app, session)('POST', '/api/v1/records', {
    endedOn: `${Y}-06-${String(day).padStart(2, '0')}`, content: `学术会议 ${day}`, activity: { ...conference, days: 1 + (day % 3) },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

const upload = (session: Session, recordId: string, bytes: Buffer, name: string, evidenceType = 'conference_notice') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/records/${recordId}/evidence?evidenceType=${evidenceType}&name=${encodeURIComponent(name)}`,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
const rowsOf = (recordId: string) => t.handle.db.selectFrom('record_evidence').selectAll().where('record_id', '=', recordId).execute();
const evidenceDir = () => path.join(t.config.dataDir, 'evidence');
function blobFiles(): string[] {
  const dir = evidenceDir();
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

describe('uploading, listing and downloading', () => {
  it('a PDF and a PNG go onto a draft; listed; downloaded as attachments with the exact bytes', async () => {
    const me = await login(t.app, idNumberOf('孙悦'));
    const id = await draft(me);
    const pdf = await upload(me, id, PDF, '会议通知.pdf');
    expect(pdf.statusCode).toBe(201);
    expect(pdf.json()).toMatchObject({ type: 'pdf', evidenceType: 'conference_notice', fileName: '会议通知.pdf', size: PDF.length });
    const png = await upload(me, id, PNG, '单位证明.png', 'unit_proof');
    expect(png.json()).toMatchObject({ type: 'png', evidenceType: 'unit_proof', size: PNG.length });

    const list = await as(t.app, me)('GET', `/api/v1/records/${id}/evidence`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((e: { id: string }) => e.id).sort()).toEqual([pdf.json().id, png.json().id].sort());

    const unit = await login(t.app, 'unit-zzu');
    const download = await as(t.app, unit)('GET', `/api/v1/evidence/${png.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(String(download.headers['content-disposition'])).toMatch(/^attachment; /);

    const events = await t.handle.db.selectFrom('audit_events').select('action').where('object_id', '=', id).where('action', '=', 'evidence.added').execute();
    expect(events).toHaveLength(2);
  });

  it('a PNG named .pdf is stored as PNG; "../" and CRLF names are sanitised', async () => {
    const me = await login(t.app, idNumberOf('孙悦'));
    const id = await draft(me);
    expect((await upload(me, id, PNG, '证书.pdf')).json()).toMatchObject({ type: 'png', fileName: '证书.png' });
    const traversal = (await upload(me, id, PDF, '../../etc/passwd.pdf')).json();
    expect(traversal.fileName).toBe('passwd.pdf');
    const crlf = await upload(me, id, PDF, 'a\r\nSet-Cookie: x=1.pdf');
    expect(crlf.json().fileName).not.toMatch(/[\r\n]/);
    const download = await as(t.app, me)('GET', `/api/v1/evidence/${crlf.json().id}`);
    expect(download.headers['set-cookie']).toBeUndefined();
    expect(String(download.headers['content-disposition'])).not.toMatch(/[\r\n]/);
  });
});

describe('refusals', () => {
  it('over 20 MB → 413, nothing left on disk and no row', async () => {
    const me = await login(t.app, idNumberOf('孙悦'));
    const id = await draft(me);
    const before = blobFiles();
    const res = await upload(me, id, Buffer.concat([PDF, Buffer.alloc(MAX_EVIDENCE_BYTES + 1 - PDF.length, 0x20)]), 'big.pdf');
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
    expect(blobFiles()).toEqual(before);
    expect(await rowsOf(id)).toHaveLength(0);
  });

  it('an HTML file → 415 and no row; a JSON body → 415', async () => {
    const me = await login(t.app, idNumberOf('孙悦'));
    const id = await draft(me);
    const before = blobFiles();
    expect((await upload(me, id, HTML, 'x.pdf')).statusCode).toBe(415);
    expect(blobFiles()).toEqual(before);
    const json = await as(t.app, me)('POST', `/api/v1/records/${id}/evidence?evidenceType=other`, { file: 'x' });
    expect(json.statusCode).toBe(415);
    expect(await rowsOf(id)).toHaveLength(0);
  });

  it('another unit\'s admin gets 404 on list, download and upload', async () => {
    const me = await login(t.app, idNumberOf('孙悦'));
    const id = await draft(me);
    const evidenceId = (await upload(me, id, PDF, 'a.pdf')).json().id as string;
    const other = await login(t.app, 'unit-lyu');
    expect((await as(t.app, other)('GET', `/api/v1/records/${id}/evidence`)).statusCode).toBe(404);
    expect((await as(t.app, other)('GET', `/api/v1/evidence/${evidenceId}`)).statusCode).toBe(404);
    expect((await upload(other, id, PDF, 'b.pdf')).statusCode).toBe(404);
    expect((await as(t.app, other)('DELETE', `/api/v1/evidence/${evidenceId}`)).statusCode).toBe(404);
  });

  it('the 11th file → 409 with a Chinese detail; deleting one makes room again', async () => {
    const me = await login(t.app, idNumberOf('孙悦'));
    const id = await draft(me);
    for (let i = 0; i < 10; i += 1) expect((await upload(me, id, PDF, `${i}.pdf`, 'other')).statusCode).toBe(201);
    const eleventh = await upload(me, id, PDF, '10.pdf', 'other');
    expect(eleventh.statusCode).toBe(409);
    expect(eleventh.json().detail).toMatch(/最多上传 10 个/);
    const first = (await rowsOf(id))[0]!;
    expect((await as(t.app, me)('DELETE', `/api/v1/evidence/${first.id}`)).statusCode).toBe(204);
    expect((await upload(me, id, PDF, '10.pdf', 'other')).statusCode).toBe(201);
  });

  it('an evidence type the record does not use → 400; the unit (not the declarer) → 403', async () => {
    const me = await login(t.app, idNumberOf('孙悦'));
    const id = await draft(me);
    const wrong = await upload(me, id, PDF, 'a.pdf', 'patent_certificate');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('query.evidenceType');
    expect((await upload(await login(t.app, 'unit-zzu'), id, PDF, 'a.pdf')).statusCode).toBe(403);
  });
});

describe('submit with the stored evidence', () => {
  it('without body evidenceTypes, submit uses the stored types; afterwards uploads and deletes are refused', async () => {
    const me = await login(t.app, idNumberOf('孙悦'));
    const id = await draft(me);
    await upload(me, id, PDF, '通知.pdf', 'conference_notice');
    await upload(me, id, PNG, '证明.png', 'unit_proof');
    const missing = await as(t.app, me)('POST', `/api/v1/records/${id}/submit`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().detail).toContain('会议交流论文');
    const paper = (await upload(me, id, PDF, '论文.pdf', 'conference_paper')).json().id as string;
    const submitted = await as(t.app, me)('POST', `/api/v1/records/${id}/submit`, {});
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().state).toBe('submitted');
    expect((await upload(me, id, PDF, 'x.pdf', 'other')).statusCode).toBe(409);
    expect((await as(t.app, me)('DELETE', `/api/v1/evidence/${paper}`)).statusCode).toBe(409);
  });
});

describe('the orphan sweep', () => {
  it('keeps referenced blobs and removes aged unreferenced ones', async () => {
    const me = await login(t.app, idNumberOf('孙悦'));
    const id = await draft(me);
    const only = Buffer.concat([PDF, Buffer.from('% orphan test\n')]);
    const added = (await upload(me, id, only, 'o.pdf', 'other')).json().id as string;
    const key = (await rowsOf(id))[0]!.blob_key;
    const deps = t.app.deps;
    expect((await sweepEvidence(deps, { olderThanMs: -60_000 })).deleted).not.toContain(key);
    expect((await as(t.app, me)('DELETE', `/api/v1/evidence/${added}`)).statusCode).toBe(204);
    expect(await deps.evidence.exists(key)).toBe(true);
    expect((await sweepEvidence(deps, { olderThanMs: -60_000 })).deleted).toContain(key);
    expect(await deps.evidence.exists(key)).toBe(false);
  });
});
