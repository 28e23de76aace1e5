import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Readable } from 'node:stream';
import Type from 'typebox';
import { actorOf } from '../../platform/authentication.ts';
import { AppError } from '../../platform/errors.ts';
import { fieldError } from '../policy/schemas.ts';
import { IdParams, NoContent, problemResponses } from '../../platform/schemas.ts';
import { evidenceDownloadHeaders, MAX_EVIDENCE_BYTES } from '../../platform/storage/index.ts';
import { addEvidence, listEvidence, openEvidence, removeEvidence } from './service.ts';

// Art. 10: uploading, listing, downloading and removing the evidence of a record (docs/evidence.md).
// Matrix entries: platform/authz-evidence.ts.

const FileType = Type.Union([Type.Literal('pdf'), Type.Literal('jpeg'), Type.Literal('png'), Type.Literal('ofd')], { description: '按文件内容识别的格式' });
const Added = Type.Object({
  id: Type.String(), type: FileType, evidenceType: Type.String({ description: '证明材料类型' }),
  fileName: Type.String(), size: Type.Integer({ description: '字节数' }),
});
const EvidenceView = Type.Object({ ...Added.properties, createdAt: Type.String() });
const UploadQuery = Type.Object({
  // Optional in the schema so that a wrong body is answered first (415); required by the handler.
  evidenceType: Type.Optional(Type.String({ pattern: '^[a-z_]{1,50}$', description: '证明材料类型（必填，如 unit_proof、other）' })),
  name: Type.Optional(Type.String({ maxLength: 255, description: '原文件名（仅作显示）' })),
});

/** The request body is the file itself; a little room above 20 MB so the store's own count decides. */
const UPLOAD_BODY_LIMIT = MAX_EVIDENCE_BYTES + 64 * 1024;
const tooLarge = () => new AppError({ code: 'payload_too_large', detail: '单个证明材料不能超过 20MB' });

export const evidenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;
  const ctx = (request: { id: string }) => ({ deps, actor: actorOf(request as never), requestId: request.id });

  // Encapsulated in this plugin: the raw stream, handed to receiveEvidence, which counts and sniffs it.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));

  app.post('/api/v1/records/:id/evidence', {
    bodyLimit: UPLOAD_BODY_LIMIT,
    schema: {
      tags: ['继续教育登记'],
      summary: '上传证明材料（申报人；草稿或已退回；请求体为文件内容 application/octet-stream）',
      params: IdParams,
      querystring: UploadQuery,
      response: { 201: Added, ...problemResponses },
    },
    // Refused before a byte is read when the client announces more than the limit.
    preParsing: async (request) => {
      const length = Number(request.headers['content-length']);
      if (Number.isFinite(length) && length > MAX_EVIDENCE_BYTES) throw tooLarge();
    },
  }, async (request, reply) => {
    const source = request.body as unknown;
    if (!(source instanceof Readable)) {
      throw new AppError({ code: 'unsupported_media_type', detail: '请以 application/octet-stream 上传文件内容' });
    }
    const { evidenceType } = request.query;
    if (!evidenceType) throw fieldError('query.evidenceType', '请选择证明材料类型');
    const added = await addEvidence(ctx(request), {
      recordId: request.params.id, evidenceType, fileName: request.query.name, source,
    });
    return reply.status(201).send(added);
  });

  app.get('/api/v1/records/:id/evidence', {
    schema: {
      tags: ['继续教育登记'], summary: '登记的证明材料（范围外 404）', params: IdParams,
      response: { 200: Type.Object({ items: Type.Array(EvidenceView) }), ...problemResponses },
    },
  }, async (request) => listEvidence(ctx(request), request.params.id));

  app.get('/api/v1/evidence/:id', {
    schema: {
      tags: ['继续教育登记'], summary: '下载证明材料（附件；范围外 404）', params: IdParams,
      produces: ['application/pdf', 'image/jpeg', 'image/png', 'application/ofd'],
      response: { 200: Type.Any({ description: '文件内容' }), ...problemResponses },
    },
  }, async (request, reply) => {
    const { row, stream } = await openEvidence(ctx(request), request.params.id);
    return reply.headers(evidenceDownloadHeaders({ type: row.type, fileName: row.file_name, size: row.size })).send(stream);
  });

  app.delete('/api/v1/evidence/:id', {
    schema: { tags: ['继续教育登记'], summary: '删除证明材料（申报人；草稿或已退回）', params: IdParams, response: { 204: NoContent, ...problemResponses } },
  }, async (request, reply) => {
    await removeEvidence(ctx(request), request.params.id);
    return reply.status(204).send(null);
  });
};
