import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { actorOf } from '../../platform/authentication.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { RateLimiter } from '../../platform/rate-limiter.ts';
import { problemResponses } from '../../platform/schemas.ts';
import { findPerson } from '../persons/repository.ts';
import { exportCredential } from './credential.ts';
import { qrTextOf, type CertificatePayload } from './payload.ts';
import { renderCertificatePdf } from './pdf.ts';
import { issueCertificate, latestIssue, parseNumberOrThrow, setRevocation, verifyCertificateJson } from './service.ts';

const NumberParams = Type.Object({ number: Type.String({ maxLength: 40, description: '证书管理号码（16 位）' }) });
const Split = Type.Object({ total: Type.Number(), public: Type.Number(), professional: Type.Number() });

const Verification = Type.Object({
  payload: Type.Object({
    number: Type.String(),
    issuer: Type.String(),
    issuerId: Type.String(),
    unit: Type.String(),
    holder: Type.Object({ maskedName: Type.String(), idHash: Type.String() }),
    issuedAt: Type.String(),
    years: Type.Array(Type.Object({
      year: Type.Integer(), complete: Type.Boolean(), total: Type.Number(), public: Type.Number(), professional: Type.Number(),
      required: Split, fullYear: Type.Boolean(), policyVersion: Type.String(),
    })),
  }),
  signature: Type.Object({ keyId: Type.String(), value: Type.String() }),
  compact: Type.Object({ payload: Type.String(), signature: Type.String() }, { description: '二维码中的精简签名数据' }),
  status: Type.Union([Type.Literal('valid'), Type.Literal('revoked')]),
  revokedAt: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  revokedYears: Type.Array(Type.Object({ year: Type.Integer(), revokedAt: Type.String(), reason: Type.String() })),
  ledger: Type.Object({ leafIndex: Type.Integer(), treeSize: Type.Integer(), inclusionProof: Type.Array(Type.String()) }),
});

const RevocationBody = Type.Object({
  reason: Type.Optional(Type.String({ maxLength: 200 })),
  year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2999, description: '只撤销（或恢复）该年度' })),
});

export const certificateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;
  // Public verification is rate-limited per address (a title committee's batch goes through the API).
  const limiter = new RateLimiter({ limit: 600, windowMs: 60_000 });

  app.get('/api/v1/certificates/:number', {
    schema: {
      tags: ['验证'],
      summary: '证书核验（公开；号码格式或校验位错误 400，未知 404）',
      params: NumberParams,
      response: { 200: Verification, ...problemResponses },
    },
  }, async (request, reply) => {
    const retry = limiter.retryAfter(request.ip, Date.now());
    if (retry !== undefined) throw new AppError({ code: 'rate_limited', retryAfterSeconds: retry });
    limiter.hit(request.ip, Date.now());
    // Serialised once per state of the certificate (service.ts), sent as it is.
    return reply.type('application/json; charset=utf-8').send(await verifyCertificateJson(deps, request.params.number));
  });

  app.post('/api/v1/certificates/:number/issue', {
    schema: { tags: ['证书'], summary: '签发（或按最新学时重新签发）证书', params: NumberParams, response: { 200: Verification, ...problemResponses } },
  }, async (request) => issueCertificate(deps, { actor: actorOf(request), number: request.params.number, requestId: request.id }));

  for (const [action, revoke] of [['revoke', true], ['reinstate', false]] as const) {
    app.post(`/api/v1/certificates/:number/${action}`, {
      schema: {
        tags: ['证书'],
        summary: revoke ? '撤销证书或其中一个年度（须填写原因）' : '恢复被撤销的证书或年度',
        params: NumberParams,
        body: RevocationBody,
        response: { 200: Verification, ...problemResponses },
      },
    }, async (request) => setRevocation(deps, {
      actor: actorOf(request), number: request.params.number, revoke, year: request.body.year, reason: request.body.reason, requestId: request.id,
    }));
  }

  app.get('/api/v1/certificates/:number/pdf', {
    schema: {
      tags: ['证书'],
      summary: '证书 PDF（持证人本人及其管辖部门）',
      params: NumberParams,
      produces: ['application/pdf'],
      response: { 200: Type.Any({ description: 'PDF 文件' }), ...problemResponses },
    },
  }, async (request, reply) => {
    const number = parseNumberOrThrow(request.params.number);
    const issue = await latestIssue(deps.handle.db, number);
    const person = issue ? await findPerson(deps.handle.db, { scope: actorOf(request).scope, id: issue.person_id }) : undefined;
    if (!issue || !person) throw notFound('未找到该证书，或证书尚未签发');
    const payload = JSON.parse(issue.payload) as CertificatePayload;
    const pdf = await renderCertificatePdf({
      number, holderName: person.name, maskedIdNumber: person.id_number_masked, unitName: payload.unit, issuerName: payload.issuer,
      issuedAt: new Date(payload.issuedAt).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }),
      years: payload.years.map((y) => ({ year: y.year, required: y.required, earned: { total: y.total, public: y.public, professional: y.professional }, complete: y.complete, policyVersion: y.policyVersion })),
      qrText: qrTextOf(issue.compact, issue.compact_signature),
      attachment: JSON.stringify({ payload, signature: { keyId: issue.key_id, value: issue.signature } }, null, 2),
      keyId: issue.key_id,
      verifyUrl: `${request.protocol}://${request.host}/verify`,
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="certificate-${number}.pdf"`)
      .send(Buffer.from(pdf));
  });

  app.get('/api/v1/certificates/:number/credential', {
    schema: {
      tags: ['证书'],
      summary: '证书的 W3C 可验证凭证（VC 2.0，Open Badges 3.0 形式，签发机构签名；持证人本人及其管辖部门）',
      params: NumberParams,
      produces: ['application/vc+ld+json'],
      response: {
        200: Type.Object({
          '@context': Type.Array(Type.String()),
          id: Type.String(),
          type: Type.Array(Type.String()),
          proof: Type.Object({
            type: Type.Literal('DataIntegrityProof'), cryptosuite: Type.String(), created: Type.String(),
            verificationMethod: Type.String(), proofPurpose: Type.Literal('assertionMethod'), proofValue: Type.String(),
          }),
        }, { additionalProperties: true, description: '签名见 docs/certificates.md（jixu-sm2-jcs-2024）' }),
        ...problemResponses,
      },
    },
  }, async (request, reply) => {
    // Same access as the PDF: the holder, and the reviewers whose scope holds the person.
    const number = parseNumberOrThrow(request.params.number);
    const issue = await latestIssue(deps.handle.db, number);
    const person = issue ? await findPerson(deps.handle.db, { scope: actorOf(request).scope, id: issue.person_id }) : undefined;
    if (!issue || !person) throw notFound('未找到该证书，或证书尚未签发');
    const credential = await exportCredential(deps, { issue, baseUrl: `${request.protocol}://${request.host}` });
    return reply
      .type('application/vc+ld+json')
      .header('content-disposition', `attachment; filename="certificate-${number}.vc.json"`)
      .send(credential);
  });
};
