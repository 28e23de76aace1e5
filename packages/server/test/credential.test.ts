import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeopleListing } from '../src/db/seed/demo.ts';
import { CREDENTIAL_CRYPTOSUITE, verifyCredential } from '../src/modules/certificates/credential.ts';
import { issueDemoCertificates } from '../src/modules/certificates/service.ts';
import { as, createTestApp, login, type TestApp } from './helpers.ts';

// The certificate as a W3C Verifiable Credential (Open Badges 3.0 shape), checked as another system
// would: with the bureau's key as published at /api/v1/keys, nothing else.
let t: TestApp;
let zzu: string;

beforeAll(async () => {
  t = await createTestApp();
  await issueDemoCertificates(t.app.deps);
  const rows = await t.handle.db.selectFrom('persons').select(['certificate_number', 'unit_id']).where('certificate_number', 'is not', null).execute();
  zzu = rows.find((r) => r.unit_id === 'unit-zzu')!.certificate_number!;
});
afterAll(async () => { await t?.close(); });

type Subject = {
  type: string[];
  identifier: Record<string, unknown>[];
  achievement: { criteria: { narrative: string } } & Record<string, unknown>;
  result: { value: string }[];
};
type Vc = Record<string, unknown> & { proof: Record<string, unknown> & { verificationMethod: string; proofValue: string }; credentialSubject: Subject };

async function publishedKey(verificationMethod: string): Promise<string> {
  const keyId = verificationMethod.split('#')[1];
  const { keys } = (await as(t.app, undefined)('GET', '/api/v1/keys')).json() as { keys: { keyId: string; publicKey: string; owner: string }[] };
  return keys.find((k) => k.keyId === keyId)!.publicKey;
}

describe('verifiable credential export', () => {
  it('gives the holder a VC 2.0 / Open Badges 3.0 credential whose proof verifies with the published key', async () => {
    const person = demoPeopleListing().find((p) => p.unit === 'unit-zzu' && p.status === 'approved')!;
    const res = await as(t.app, await login(t.app, person.idNumber))('GET', `/api/v1/certificates/${zzu}/credential`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/vc+ld+json');
    const vc = res.json() as Vc;
    expect(vc['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.issuer).toMatchObject({ type: ['Profile'], name: '郑州市人力资源和社会保障局' });
    expect(vc.credentialSubject.type).toEqual(['AchievementSubject']);
    expect(vc.credentialSubject.achievement).toMatchObject({ type: ['Achievement'], name: '河南省专业技术人员继续教育证书' });
    expect(vc.credentialSubject.achievement.criteria.narrative.length).toBeGreaterThan(10);
    expect(vc.credentialSubject.result.length).toBeGreaterThan(0);
    expect(vc.credentialSubject.identifier[0]).toMatchObject({ type: 'IdentityObject', hashed: true });
    expect(res.body).not.toContain(person.idNumber);
    expect(vc.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: CREDENTIAL_CRYPTOSUITE, proofPurpose: 'assertionMethod' });
    expect(vc.proof.verificationMethod).toMatch(/\/api\/v1\/keys#bureau-/);

    const key = await publishedKey(vc.proof.verificationMethod);
    expect(verifyCredential(vc, key)).toBe(true);
    // Any change, to a result, to the subject or to the proof options, breaks the proof.
    const results = vc.credentialSubject.result;
    const forged = { ...vc, credentialSubject: { ...vc.credentialSubject, result: results.map((r) => ({ ...r, value: String(Number(r.value) + 10) })) } };
    expect(verifyCredential(forged, key)).toBe(false);
    expect(verifyCredential({ ...vc, validFrom: '2000-01-01T00:00:00.000Z' }, key)).toBe(false);
    expect(verifyCredential({ ...vc, proof: { ...vc.proof, created: '2000-01-01T00:00:00.000Z' } }, key)).toBe(false);
    const otherKey = await publishedKey(`#${((await as(t.app, undefined)('GET', '/api/v1/keys')).json() as { keys: { keyId: string; owner: string }[] }).keys.find((k) => k.owner !== '郑州市人力资源和社会保障局')!.keyId}`);
    expect(verifyCredential(vc, otherKey)).toBe(false);
  });

  it('is for the holder and the reviewers in scope only; refused once revoked', async () => {
    expect((await as(t.app, undefined)('GET', `/api/v1/certificates/${zzu}/credential`)).statusCode).toBe(401);
    expect((await as(t.app, await login(t.app, 'unit-lyu'))('GET', `/api/v1/certificates/${zzu}/credential`)).statusCode).toBe(404);
    const zz = await login(t.app, 'zhengzhou');
    expect((await as(t.app, zz)('GET', `/api/v1/certificates/${zzu}/credential`)).statusCode).toBe(200);
    expect((await as(t.app, zz)('POST', `/api/v1/certificates/${zzu}/revoke`, { reason: '学时造假，经核查撤销' })).statusCode).toBe(200);
    expect((await as(t.app, zz)('GET', `/api/v1/certificates/${zzu}/credential`)).statusCode).toBe(409);
    expect((await as(t.app, zz)('POST', `/api/v1/certificates/${zzu}/reinstate`, {})).statusCode).toBe(200);
    expect((await as(t.app, zz)('GET', `/api/v1/certificates/${zzu}/credential`)).statusCode).toBe(200);
  });
});
