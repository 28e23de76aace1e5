import { canonicalJson, hexToBytes, leafHash, verifyInclusion } from '@jixu/domain';
import { sm3 } from '@jixu/domain/merkle-hashes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeopleListing } from '../src/db/seed/demo.ts';
import { issueDemoCertificates } from '../src/modules/certificates/service.ts';
import { verifySm2 } from '../src/platform/seal.ts';
import { as, createTestApp, login, type TestApp } from './helpers.ts';

// Certificates as a title committee would check them: public endpoints and published keys only.
let t: TestApp;
let zzu: string; // a Zhengzhou unit person's certificate number
let gongyi: string;

beforeAll(async () => {
  t = await createTestApp();
  await issueDemoCertificates(t.app.deps);
  const rows = await t.handle.db.selectFrom('persons').select(['certificate_number', 'unit_id']).where('certificate_number', 'is not', null).execute();
  zzu = rows.find((r) => r.unit_id === 'unit-zzu')!.certificate_number!;
  gongyi = rows.find((r) => r.unit_id === 'unit-gongyi')!.certificate_number!;
});
afterAll(async () => { await t?.close(); });

const get = (url: string) => as(t.app, undefined)('GET', url);

async function keyOf(keyId: string) {
  const { keys } = (await get('/api/v1/keys')).json() as { keys: { keyId: string; publicKey: string; owner: string }[] };
  return keys.find((k) => k.keyId === keyId)!;
}

describe('certificate verification', () => {
  it('returns a payload signed by the issuing bureau of Art. 12, with nothing personal beyond the masked name', async () => {
    const res = await get(`/api/v1/certificates/${zzu}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('valid');
    expect(body.payload).toMatchObject({ number: zzu, issuer: '郑州市人力资源和社会保障局', holder: { maskedName: '张*' } });
    expect(body.payload.years.length).toBeGreaterThan(0);
    const key = await keyOf(body.signature.keyId);
    expect(key.owner).toBe('郑州市人力资源和社会保障局');
    expect(verifySm2(key.publicKey, canonicalJson(body.payload), body.signature.value)).toBe(true);
    const forged = { ...body.payload, years: body.payload.years.map((y: { total: number }) => ({ ...y, total: y.total + 1 })) };
    expect(verifySm2(key.publicKey, canonicalJson(forged), body.signature.value)).toBe(false);
    for (const p of demoPeopleListing()) expect(res.body).not.toContain(p.idNumber);

    const g = (await get(`/api/v1/certificates/${gongyi}`)).json();
    expect((await keyOf(g.signature.keyId)).owner).toBe('巩义市人力资源和社会保障局');
  });

  it('proves the issue is in the ledger, and the QR payload verifies on its own', async () => {
    const body = (await get(`/api/v1/certificates/${zzu}`)).json();
    const head = (await get('/api/v1/ledger/head')).json();
    expect(body.ledger.treeSize).toBeLessThanOrEqual(head.treeSize);
    const headAtSize = body.ledger.treeSize === head.treeSize ? head : undefined;
    const entry = (await get(`/api/v1/ledger/entries?start=${body.ledger.leafIndex}&end=${body.ledger.leafIndex + 1}`)).json().entries[0];
    const data = JSON.parse(Buffer.from(entry.data, 'base64').toString('utf8'));
    expect(data.event).toMatchObject({ action: 'certificate.issued', objectId: zzu });
    if (headAtSize) {
      expect(verifyInclusion(sm3, {
        leafIndex: body.ledger.leafIndex, treeSize: body.ledger.treeSize, leafHash: leafHash(sm3, Buffer.from(entry.data, 'base64')),
        proof: body.ledger.inclusionProof.map((p: string) => hexToBytes(p)!), root: hexToBytes(headAtSize.rootHash)!,
      })).toBe(true);
    }
    const key = await keyOf(body.signature.keyId);
    expect(verifySm2(key.publicKey, body.compact.payload, body.compact.signature)).toBe(true);
    expect(JSON.parse(body.compact.payload)).toMatchObject({ v: 1, n: zzu, m: '张*' });
  });

  it('answers a malformed number with 400 and an unknown one with 404', async () => {
    const wrongCheck = zzu.slice(0, 15) + String((Number(zzu[15]) + 1) % 10);
    const bad = await get(`/api/v1/certificates/${wrongCheck}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('params.number');
    expect((await get('/api/v1/certificates/12345')).statusCode).toBe(400);
    const unknown = (await import('@jixu/domain')).buildCertificateNumber({ issuingCode: '01', countyCode: '05', serial: 999_999_999 });
    expect((await get(`/api/v1/certificates/${unknown}`)).statusCode).toBe(404);
  });
});

describe('revocation', () => {
  it('shows a revocation at once, with date and reason, and a reinstatement too; only in scope', async () => {
    const zz = await login(t.app, 'zhengzhou');
    const luoyang = await login(t.app, 'luoyang');
    expect((await as(t.app, luoyang)('POST', `/api/v1/certificates/${zzu}/revoke`, { reason: '学时造假，经核查撤销' })).statusCode).toBe(404);
    expect((await as(t.app, zz)('POST', `/api/v1/certificates/${zzu}/revoke`, { reason: '' })).json().errors[0].field).toBe('body.reason');
    expect((await as(t.app, zz)('POST', `/api/v1/certificates/${zzu}/revoke`, { reason: '学时造假，经核查撤销' })).statusCode).toBe(200);
    const revoked = (await get(`/api/v1/certificates/${zzu}`)).json();
    expect(revoked).toMatchObject({ status: 'revoked', reason: '学时造假，经核查撤销' });
    expect(revoked.revokedAt).toMatch(/^\d{4}-/);
    expect((await as(t.app, zz)('POST', `/api/v1/certificates/${zzu}/reinstate`, {})).statusCode).toBe(200);
    expect((await get(`/api/v1/certificates/${zzu}`)).json().status).toBe('valid');

    const year = revoked.payload.years[0].year;
    await as(t.app, zz)('POST', `/api/v1/certificates/${zzu}/revoke`, { reason: '该年度学时抽查不合格', year });
    expect((await get(`/api/v1/certificates/${zzu}`)).json().revokedYears).toMatchObject([{ year, reason: '该年度学时抽查不合格' }]);
    await as(t.app, zz)('POST', `/api/v1/certificates/${zzu}/reinstate`, { year });
    expect((await get(`/api/v1/certificates/${zzu}`)).json().revokedYears).toEqual([]);
  });
});

describe('revocation by another process', () => {
  it('shows within JIXU_CERTIFICATE_CACHE_MS when the change was made elsewhere', async () => {
    expect((await get(`/api/v1/certificates/${gongyi}`)).json().status).toBe('valid');
    // What another server process's revocation leaves in the shared database.
    await t.handle.db.updateTable('certificate_issues')
      .set((eb) => ({ status: 'revoked', revoked_at: new Date().toISOString(), revoke_reason: '另一进程撤销', version: eb('version', '+', 1) }))
      .where('number', '=', gongyi).where('status', '=', 'valid').execute();
    await new Promise((r) => setTimeout(r, t.config.certificateCacheMs + 50));
    expect((await get(`/api/v1/certificates/${gongyi}`)).json()).toMatchObject({ status: 'revoked', reason: '另一进程撤销' });
  });
});

describe('certificate PDF', () => {
  it('lets the holder download their own certificate and nobody outside scope', async () => {
    const person = demoPeopleListing().find((p) => p.unit === 'unit-zzu' && p.status === 'approved')!;
    const own = await as(t.app, await login(t.app, person.idNumber))('GET', `/api/v1/certificates/${zzu}/pdf`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.headers['content-disposition']).toContain('attachment');
    expect(own.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await as(t.app, await login(t.app, 'unit-lyu'))('GET', `/api/v1/certificates/${zzu}/pdf`)).statusCode).toBe(404);
    expect((await as(t.app, await login(t.app, 'zhengzhou'))('GET', `/api/v1/certificates/${zzu}/pdf`)).statusCode).toBe(200);
  });
});

describe('seal rotation', () => {
  it('signs with the new key from the rotation on, and keeps what the old key signed verifiable', async () => {
    const before = (await get(`/api/v1/certificates/${zzu}`)).json();
    const henan = await login(t.app, 'henan');
    expect((await as(t.app, await login(t.app, 'zhengzhou'))('POST', '/api/v1/keys/rotate', { orgId: 'bureau-4101' })).statusCode).toBe(403);
    expect((await as(t.app, henan)('POST', '/api/v1/keys/rotate', { orgId: 'unit-zzu' })).json().errors[0].field).toBe('body.orgId');
    const rotated = await as(t.app, henan)('POST', '/api/v1/keys/rotate', { orgId: 'bureau-4101' });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().keyId).not.toBe(before.signature.keyId);

    const reissued = await as(t.app, await login(t.app, 'zhengzhou'))('POST', `/api/v1/certificates/${zzu}/issue`);
    expect(reissued.json().signature.keyId).toBe(rotated.json().keyId);
    const oldKey = await keyOf(before.signature.keyId);
    const newKey = await keyOf(rotated.json().keyId);
    expect(oldKey.owner).toBe(newKey.owner);
    expect(verifySm2(oldKey.publicKey, canonicalJson(before.payload), before.signature.value)).toBe(true);
    expect(verifySm2(newKey.publicKey, canonicalJson(reissued.json().payload), reissued.json().signature.value)).toBe(true);
    expect(verifySm2(newKey.publicKey, canonicalJson(before.payload), before.signature.value)).toBe(false);
  });
});
