import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../platform/actor.ts';
import { actorOf } from '../../platform/authentication.ts';
import { notFound } from '../../platform/errors.ts';
import { problemResponses } from '../../platform/schemas.ts';
import { subtreeOf } from '../../platform/scope-orgs.ts';
import { detailOf, findOrg } from './repository.ts';
import { OrgDetail, OrgIdParams } from './schemas.ts';

// The organisation tree under the caller (bureaus, or an authority's tree), with active units as
// leaves of their supervising bureau (or authority), and one org's details, in scope.

type OrgNode = {
  id: string; name: string; kind: string; level: string | null; regionCode: string | null;
  unitCount: number; personCount: number; children: OrgNode[];
};

// Recursive, so a plain JSON schema with a self reference (TypeBox would inline it forever).
const OrgNodeSchema = {
  $id: 'OrgNode',
  type: 'object',
  required: ['id', 'name', 'kind', 'level', 'regionCode', 'unitCount', 'personCount', 'children'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    kind: { type: 'string', description: 'bureau / authority / unit' },
    level: { type: ['string', 'null'] },
    regionCode: { type: ['string', 'null'] },
    unitCount: { type: 'integer', description: '下辖（在册）单位数' },
    personCount: { type: 'integer', description: '下辖单位已通过注册的人员数' },
    children: { type: 'array', items: { $ref: 'OrgNode#' } },
  },
} as const;

async function treeOf(db: Db, actor: Actor): Promise<OrgNode> {
  // The operator sees the whole bureau tree from the provincial bureau down.
  let rootId = actor.org?.id;
  if (actor.scope.kind === 'platform') {
    const province = await db.selectFrom('orgs').select('id').where('kind', '=', 'bureau').where('region_code', '=', '41').executeTakeFirst();
    rootId = province?.id;
  }
  if (!rootId) throw notFound('未找到所属组织');
  const isAuthority = actor.role === 'authority';
  const link = isAuthority ? 'authority_id' : 'bureau_id';

  const tree = subtreeOf(db, rootId);
  const orgs = await db.selectFrom('orgs').select(['id', 'name', 'kind', 'level', 'region_code', 'parent_id'])
    .where('id', 'in', tree).orderBy('region_code').orderBy('id').execute();
  const units = await db.selectFrom('orgs').select(['id', 'name', 'region_code', 'bureau_id', 'authority_id'])
    .where('kind', '=', 'unit').where('status', '=', 'active').where(link, 'in', tree).orderBy('name').execute();
  const counts = await db.selectFrom('persons').select((eb) => ['unit_id', eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'approved')
    .where('unit_id', 'in', db.selectFrom('orgs').select('id').where('kind', '=', 'unit').where(link, 'in', tree))
    .groupBy('unit_id').execute();
  const personsOf = new Map(counts.map((c) => [c.unit_id, Number(c.n)]));

  const nodes = new Map<string, OrgNode>();
  for (const o of orgs) {
    nodes.set(o.id, { id: o.id, name: o.name, kind: o.kind, level: o.level, regionCode: o.region_code, unitCount: 0, personCount: 0, children: [] });
  }
  for (const o of orgs) if (o.id !== rootId && o.parent_id) nodes.get(o.parent_id)?.children.push(nodes.get(o.id)!);
  for (const u of units) {
    nodes.get((isAuthority ? u.authority_id : u.bureau_id) ?? '')?.children.push({
      id: u.id, name: u.name, kind: 'unit', level: null, regionCode: u.region_code, unitCount: 0, personCount: personsOf.get(u.id) ?? 0, children: [],
    });
  }
  const root = nodes.get(rootId);
  if (!root) throw notFound('未找到所属组织');
  const total = (node: OrgNode): void => {
    for (const child of node.children) {
      total(child);
      node.unitCount += child.kind === 'unit' ? 1 : child.unitCount;
      node.personCount += child.personCount;
    }
  };
  total(root);
  return root;
}

export const treeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.handle;
  app.addSchema(OrgNodeSchema);

  app.get('/api/v1/orgs/tree', {
    schema: {
      tags: ['单位与施教机构'],
      summary: '组织树（当前用户以下的人社部门或行业主管部门，单位为叶子）',
      response: { 200: Type.Object({ root: Type.Ref('OrgNode') }), ...problemResponses },
    },
  }, async (request) => ({ root: await treeOf(db, actorOf(request)) }));

  app.get('/api/v1/orgs/:id', {
    schema: {
      tags: ['单位与施教机构'],
      summary: '组织详情（管辖范围内）',
      params: OrgIdParams,
      response: { 200: OrgDetail, ...problemResponses },
    },
  }, async (request) => {
    const row = await findOrg(db, { scope: actorOf(request).scope, id: request.params.id });
    if (!row) throw notFound('未找到该组织');
    return detailOf(row);
  });
};
