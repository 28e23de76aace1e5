import Type from 'typebox';

// Schemas shared by routes. Response schemas double as a filter: a field not declared here never
// leaves the server (fast-json-stringify drops it), which keeps personal data from leaking by accident.

export const Problem = Type.Object(
  {
    type: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    title: Type.String(),
    detail: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    requestId: Type.Optional(Type.String()),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

export const problemResponses = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
  429: Type.Ref('Problem'),
  500: Type.Ref('Problem'),
} as const;

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid', description: '对象标识' }) });

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
};

export const pageOf = <T extends Type.TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const NoContent = Type.Null({ description: '无内容' });
