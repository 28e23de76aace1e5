import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { notFound, AppError } from '../../platform/errors.ts';
import { RateLimiter } from '../../platform/rate-limiter.ts';
import { problemResponses } from '../../platform/schemas.ts';
import { sm2PublicKeyPem } from '../../platform/seal.ts';
import * as repo from './repository.ts';
import { actorOf } from '../../platform/authentication.ts';
import { consistencyProof, inclusionProof, rotateSeal } from './service.ts';

// Public ledger and keys (API.md "Signatures", "Ledger"): anyone may audit, no login.
const Hex = Type.String({ pattern: '^[0-9a-f]*$' });
const Size = Type.Integer({ minimum: 0, maximum: 2 ** 52 });

export const ledgerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.handle;
  // Proofs cost a few queries each: a generous per-address limit keeps one client from hogging them.
  const limiter = new RateLimiter({ limit: 600, windowMs: 60_000 });
  app.addHook('onRequest', async (request) => {
    const retry = limiter.retryAfter(request.ip, Date.now());
    if (retry !== undefined) throw new AppError({ code: 'rate_limited', retryAfterSeconds: retry });
    limiter.hit(request.ip, Date.now());
  });

  app.get('/api/v1/keys', {
    schema: {
      tags: ['验证'],
      summary: '各签发机构的电子印章公钥（SM2）',
      response: {
        200: Type.Object({
          keys: Type.Array(Type.Object({
            keyId: Type.String(), alg: Type.Literal('SM2-SM3'), owner: Type.String(), publicKey: Hex,
            publicKeyPem: Type.String(), validFrom: Type.String(), validTo: Type.String(),
          })),
        }),
        ...problemResponses,
      },
    },
  }, async () => {
    const rows = await db.selectFrom('seal_keys as k').innerJoin('orgs as o', 'o.id', 'k.org_id')
      .select(['k.key_id', 'o.name', 'k.public_key', 'k.valid_from', 'k.valid_to']).orderBy('k.created_at').execute();
    return {
      keys: rows.map((k) => ({
        keyId: k.key_id, alg: 'SM2-SM3' as const, owner: k.name, publicKey: k.public_key,
        publicKeyPem: sm2PublicKeyPem(k.public_key), validFrom: k.valid_from, validTo: k.valid_to,
      })),
    };
  });

  app.post('/api/v1/keys/rotate', {
    schema: {
      tags: ['验证'],
      summary: '轮换人社部门的电子印章密钥（旧密钥继续公布，已签数据仍可核验）',
      body: Type.Object({ orgId: Type.String({ minLength: 1, maxLength: 64, description: '人社部门标识，如 bureau-4101' }) }),
      response: { 200: Type.Object({ keyId: Type.String(), publicKey: Hex, validFrom: Type.String(), validTo: Type.String() }), ...problemResponses },
    },
  }, async (request) => {
    const signer = await rotateSeal(app.deps, { actor: actorOf(request), orgId: request.body.orgId, requestId: request.id });
    return { keyId: signer.keyId, publicKey: signer.publicKey, validFrom: signer.validFrom, validTo: signer.validTo };
  });

  app.get('/api/v1/ledger/head', {
    schema: {
      tags: ['验证'],
      summary: '最新的签名树头',
      response: {
        200: Type.Object({ treeSize: Size, rootHash: Hex, timestamp: Type.String(), keyId: Type.String(), signature: Type.String() }),
        ...problemResponses,
      },
    },
  }, async () => {
    const head = await repo.latestHead(db);
    if (!head) throw notFound('账本尚无签名树头');
    return { treeSize: Number(head.tree_size), rootHash: head.root_hash, timestamp: head.timestamp, keyId: head.key_id, signature: head.signature };
  });

  app.get('/api/v1/ledger/entries', {
    schema: {
      tags: ['验证'],
      summary: '账本条目（end 不含，最多 1000 条）',
      querystring: Type.Object({ start: Size, end: Size }),
      response: { 200: Type.Object({ entries: Type.Array(Type.Object({ index: Size, data: Type.String() })) }), ...problemResponses },
    },
  }, async (request) => {
    const { start, end } = request.query;
    if (end <= start) throw new AppError({ code: 'validation_failed', errors: [{ field: 'query.end', message: '必须大于 start' }] });
    if (end - start > 1000) throw new AppError({ code: 'validation_failed', errors: [{ field: 'query.end', message: '一次最多 1000 条' }] });
    const leaves = await repo.leavesBetween(db, start, end);
    return { entries: leaves.map((l) => ({ index: Number(l.leaf_index), data: Buffer.from(l.data, 'utf8').toString('base64') })) };
  });

  app.get('/api/v1/ledger/proofs/inclusion', {
    schema: {
      tags: ['验证'],
      summary: '包含性证明',
      querystring: Type.Object({ leafIndex: Size, treeSize: Type.Integer({ minimum: 1, maximum: 2 ** 52 }) }),
      response: { 200: Type.Object({ leafIndex: Size, treeSize: Size, proof: Type.Array(Hex) }), ...problemResponses },
    },
  }, async (request) => ({ ...request.query, proof: await inclusionProof(db, request.query) }));

  app.get('/api/v1/ledger/proofs/consistency', {
    schema: {
      tags: ['验证'],
      summary: '一致性证明',
      querystring: Type.Object({ first: Size, second: Size }),
      response: { 200: Type.Object({ first: Size, second: Size, proof: Type.Array(Hex) }), ...problemResponses },
    },
  }, async (request) => ({ ...request.query, proof: await consistencyProof(db, request.query) }));
};
