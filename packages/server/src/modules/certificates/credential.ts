import { canonicalJson } from '@jixu/domain';
import type { Deps } from '../../platform/deps.ts';
import { conflict } from '../../platform/errors.ts';
import { verifySm2 } from '../../platform/seal.ts';
import { sealOf } from '../ledger/service.ts';
import type { CertificatePayload } from './payload.ts';

// The certificate as a W3C Verifiable Credential 2.0 in the Open Badges 3.0 shape (issue
// "Certificates": the holder's certificate travels to other systems), signed with the seal of the
// issuing bureau (Art. 12, 13). docs/certificates.md "Verifiable Credential" defines the cryptosuite.

/**
 * Cryptosuite `jixu-sm2-jcs-2024`: the signed bytes are the RFC 8785 canonical JSON (UTF-8) of the
 * whole credential with `proof` present but without `proof.proofValue` (so the proof options,
 * `created` and `verificationMethod` included, are signed too); the signature is SM2 with SM3 and the
 * standard signer ID 1234567812345678 (platform/seal.ts), DER-encoded; `proofValue` is its multibase
 * base64url form ("u" + base64url of the DER bytes).
 */
export const CREDENTIAL_CRYPTOSUITE = 'jixu-sm2-jcs-2024';
export const CREDENTIAL_NAME = '河南省专业技术人员继续教育证书';

export type Credential = Record<string, unknown> & {
  proof: { type: 'DataIntegrityProof'; cryptosuite: string; created: string; verificationMethod: string; proofPurpose: 'assertionMethod'; proofValue: string };
};

/** The credential, unsigned: everything comes from the signed payload of the current issue. */
export function credentialBody(options: { payload: CertificatePayload; issueId: string; baseUrl: string }) {
  const { payload } = options;
  const resultId = (year: number) => `urn:jixu:result:${payload.number}:${year}`;
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:jixu:certificate:${payload.number}:${options.issueId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: CREDENTIAL_NAME,
    issuer: { id: `urn:jixu:org:${payload.issuerId}`, type: ['Profile'], name: payload.issuer },
    validFrom: payload.issuedAt,
    credentialSubject: {
      type: ['AchievementSubject'],
      // The resident ID number only as the bureau's keyed hash (the same as the payload's idHash).
      identifier: [{ type: 'IdentityObject', identityType: 'nationalIdentityNumber', hashed: true, identityHash: payload.holder.idHash }],
      achievement: {
        id: `urn:jixu:achievement:henan-continuing-education:${payload.issuerId}`,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: CREDENTIAL_NAME,
        description: `${payload.unit}专业技术人员的继续教育学时证明，证书管理号码 ${payload.number}，持证人 ${payload.holder.maskedName}。`,
        criteria: { narrative: '每个年度完成规定的继续教育学时（公需科目与专业科目），由签发机构按当年适用的学时政策核定；各年度的已修与应修学时见结果。' },
        resultDescription: payload.years.map((y) => ({
          id: resultId(y.year),
          type: ['ResultDescription'],
          name: `${y.year}年度继续教育学时（应修 ${y.required.total}，其中公需 ${y.required.public}、专业 ${y.required.professional}；政策 ${y.policyVersion}）`,
          resultType: 'RawScore',
        })),
      },
      result: payload.years.map((y) => ({
        type: ['Result'],
        resultDescription: resultId(y.year),
        value: String(y.total),
        status: y.complete ? 'Completed' : 'InProgress',
      })),
    },
    relatedLink: [`${options.baseUrl}/api/v1/certificates/${payload.number}`],
  };
}

/** The bytes a proof signs (see CREDENTIAL_CRYPTOSUITE). */
export function credentialSigningBytes(credential: Record<string, unknown> & { proof: Record<string, unknown> }): string {
  const { proofValue: _, ...options } = credential.proof;
  return canonicalJson({ ...credential, proof: options });
}

/** Signs the credential with the current seal of the issuing bureau. */
export async function signCredential(deps: Deps, options: { payload: CertificatePayload; issueId: string; baseUrl: string }): Promise<Credential> {
  const seal = await sealOf(deps, options.payload.issuerId);
  const unsigned = {
    ...credentialBody(options),
    proof: {
      type: 'DataIntegrityProof' as const,
      cryptosuite: CREDENTIAL_CRYPTOSUITE,
      created: deps.now().toISOString(),
      verificationMethod: `${options.baseUrl}/api/v1/keys#${seal.keyId}`,
      proofPurpose: 'assertionMethod' as const,
    },
  };
  const der = Buffer.from(seal.sign(credentialSigningBytes(unsigned)), 'base64');
  return { ...unsigned, proof: { ...unsigned.proof, proofValue: `u${der.toString('base64url')}` } };
}

/** Verifies a credential's proof with an SM2 public key (hex), as any holder of `/api/v1/keys` can. */
export function verifyCredential(credential: Record<string, unknown> & { proof: Record<string, unknown> }, publicKeyHex: string): boolean {
  const { proof } = credential;
  if (proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== CREDENTIAL_CRYPTOSUITE) return false;
  const value = proof.proofValue;
  if (typeof value !== 'string' || !value.startsWith('u')) return false;
  return verifySm2(publicKeyHex, credentialSigningBytes(credential), Buffer.from(value.slice(1), 'base64url').toString('base64'));
}

/**
 * The credential of a current issue: refused for a revoked certificate (a credential travels without
 * a status check), and a revoked year (Art. 15) is left out of the results.
 */
export async function exportCredential(deps: Deps, options: { issue: { id: string; number: string; status: string; payload: string }; baseUrl: string }): Promise<Credential> {
  if (options.issue.status === 'revoked') throw conflict('证书已撤销，不能导出可验证凭证');
  const revoked = await deps.handle.db.selectFrom('certificate_year_revocations').select('year')
    .where('number', '=', options.issue.number).where('reinstated_at', 'is', null).execute();
  const payload = JSON.parse(options.issue.payload) as CertificatePayload;
  const years = payload.years.filter((y) => !revoked.some((r) => r.year === y.year));
  return signCredential(deps, { payload: { ...payload, years }, issueId: options.issue.id, baseUrl: options.baseUrl });
}
