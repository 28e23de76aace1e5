import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { AppError, notFound } from '../../platform/errors.ts';
import { problemResponses } from '../../platform/schemas.ts';
import { bureauChainOf, businessDateOf, findOfferedRegion, listAuthorities, listIndustries, listRegions, searchUnits } from './reference-repository.ts';

const RegionCode = Type.String({ pattern: '^[0-9]{2,6}$', description: 'GB/T 2260 行政区划代码' });
const IndustryCode = Type.String({ pattern: '^[a-z_]{2,32}$', description: '行业代码' });

const Region = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('county')]),
  hasChildren: Type.Boolean(),
});

const Authority = Type.Object({
  id: Type.String(), name: Type.String(), industry: Type.String(), level: Type.String(), regionCode: Type.String(),
});

const UnitOption = Type.Object({ id: Type.String(), name: Type.String(), regionCode: Type.String(), regionName: Type.String() });

const itemsOf = <T extends Type.TSchema>(item: T) => Type.Object({ items: Type.Array(item) });

// Reference data for the public pickers (docs/organisations.md "Reference data"): no login.
export const referenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.handle;
  const today = () => businessDateOf(app.deps.now());

  app.get('/api/v1/regions', {
    schema: {
      tags: ['参考数据'],
      summary: '行政区划（现行，不含统计用开发区代码）',
      querystring: Type.Object({ parent: Type.Optional(RegionCode) }),
      response: { 200: itemsOf(Region), ...problemResponses },
    },
  }, async (request) => {
    const parent = request.query.parent ?? '41';
    if (parent !== '41' && !(await findOfferedRegion(db, parent, today()))) throw notFound('未找到该行政区划');
    return { items: await listRegions(db, parent, today()) };
  });

  app.get('/api/v1/industries', {
    schema: { tags: ['参考数据'], summary: '行业', response: { 200: itemsOf(Type.Object({ code: Type.String(), name: Type.String() })), ...problemResponses } },
  }, async () => ({ items: await listIndustries(db) }));

  app.get('/api/v1/authorities', {
    schema: {
      tags: ['参考数据'],
      summary: '行业主管部门（给出地区时：该地区单位可选择的主管部门）',
      querystring: Type.Object({ industry: Type.Optional(IndustryCode), regionCode: Type.Optional(RegionCode) }),
      response: { 200: itemsOf(Authority), ...problemResponses },
    },
  }, async (request) => {
    const { industry, regionCode } = request.query;
    let regionCodes: string[] | undefined;
    if (regionCode) {
      const chain = await bureauChainOf(db, regionCode);
      if (chain.length === 0) {
        throw new AppError({ code: 'validation_failed', errors: [{ field: 'query.regionCode', message: '不是现行的行政区划' }] });
      }
      regionCodes = chain.map((b) => b.region_code ?? '');
    }
    return { items: await listAuthorities(db, { industry, regionCodes }) };
  });

  app.get('/api/v1/units/search', {
    schema: {
      tags: ['参考数据'],
      summary: '查找已通过审核的单位（注册时选择单位）',
      querystring: Type.Object({
        regionCode: Type.Optional(RegionCode),
        q: Type.Optional(Type.String({ maxLength: 50, description: '单位名称关键字' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
      }),
      response: { 200: itemsOf(UnitOption), ...problemResponses },
    },
  }, async (request) => ({
    items: await searchUnits(db, { regionCode: request.query.regionCode, query: request.query.q, limit: request.query.limit ?? 20 }),
  }));
};
