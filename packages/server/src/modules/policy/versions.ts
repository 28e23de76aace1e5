import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { actorOf } from '../../platform/authentication.ts';
import { problemResponses } from '../../platform/schemas.ts';
import { DateText, PolicyIdParams } from './schemas.ts';
import type { PolicyStore } from './store.ts';
import { createDraft, getPolicyVersion, listPolicyVersions, publishDraft, updateDraft } from './versions-service.ts';

const VersionSummary = Type.Object({
  id: Type.String({ description: '政策版本号，如 HN-2017' }),
  title: Type.String(),
  source: Type.String({ description: '文件依据' }),
  effectiveFrom: Type.String({ format: 'date' }),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')], { description: 'draft 草稿 / published 已发布' }),
  current: Type.Boolean({ description: '是否为本年度适用的版本' }),
  copiedFrom: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer({ description: '修改草稿时须回传（乐观并发）' }),
});

const VersionDetail = Type.Object({
  ...VersionSummary.properties,
  document: Type.Unknown({ description: '政策文件（jixu.policy/1，学时以 0.1 学时为单位的整数），见 docs/policy.md' }),
});

/**
 * Policy versions (Art. 16–18). Reading is public (the measures are public regulation; drafts are
 * visible to the provincial bureau only); the provincial bureau copies, edits and publishes.
 */
export function versionRoutes(store: PolicyStore): FastifyPluginAsyncTypebox {
  return async (app) => {
    const deps = app.deps;

    app.get('/api/v1/policies', {
      schema: {
        tags: ['学时政策'],
        summary: '政策版本列表（公开；草稿仅省级人社部门可见）',
        response: { 200: Type.Object({ items: Type.Array(VersionSummary) }), ...problemResponses },
      },
    }, async (request) => listPolicyVersions(deps, store, { actor: request.actor }));

    app.get('/api/v1/policies/:id', {
      schema: {
        tags: ['学时政策'],
        summary: '政策版本详情：每条规则的条款、取值与暂定标记',
        params: PolicyIdParams,
        response: { 200: VersionDetail, ...problemResponses },
      },
    }, async (request) => getPolicyVersion(deps, store, { actor: request.actor, id: request.params.id }));

    app.post('/api/v1/policies', {
      schema: {
        tags: ['学时政策'],
        summary: '复制一个版本为新草稿（省级人社部门）',
        body: Type.Object({
          copyFrom: Type.String({ minLength: 1, maxLength: 40, description: '被复制的版本号' }),
          id: Type.String({ minLength: 1, maxLength: 32, description: '新版本号' }),
          effectiveFrom: DateText('生效日期'),
        }),
        response: { 201: VersionDetail, ...problemResponses },
      },
    }, async (request, reply) => {
      const created = await createDraft(deps, store, { actor: actorOf(request), ...request.body, requestId: request.id });
      return reply.status(201).send(created);
    });

    app.put('/api/v1/policies/:id', {
      schema: {
        tags: ['学时政策'],
        summary: '修改草稿（整份政策文件；已发布的版本不可修改）',
        params: PolicyIdParams,
        body: Type.Object({
          document: Type.Unknown({ description: '完整的政策文件' }),
          version: Type.Integer({ minimum: 1, description: '读取时的 version（乐观并发）' }),
        }),
        response: { 200: VersionDetail, ...problemResponses },
      },
    }, async (request) =>
      updateDraft(deps, store, { actor: actorOf(request), id: request.params.id, ...request.body, requestId: request.id }),
    );

    app.post('/api/v1/policies/:id/publish', {
      schema: {
        tags: ['学时政策'],
        summary: '发布草稿（自生效日期所在年度起适用；发布后不可修改）',
        params: PolicyIdParams,
        response: { 200: VersionDetail, ...problemResponses },
      },
    }, async (request) => publishDraft(deps, store, { actor: actorOf(request), id: request.params.id, requestId: request.id }));
  };
}
