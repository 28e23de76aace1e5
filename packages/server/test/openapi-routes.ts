import type { FastifyInstance } from 'fastify';

export type ApiRoute = { method: string; path: string; key: string; bodyKeys: string[]; hasBody: boolean };

type OpenApi = {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>>;
};

/** Every operation of the served OpenAPI document, with its matrix key (`GET /api/v1/persons/:id`). */
export async function apiRoutes(app: FastifyInstance): Promise<ApiRoute[]> {
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApi;
  const routes: ApiRoute[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      routes.push({
        method: method.toUpperCase(),
        path,
        key: `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
        bodyKeys: Object.keys(schema?.properties ?? {}),
        hasBody: schema !== undefined,
      });
    }
  }
  return routes;
}
