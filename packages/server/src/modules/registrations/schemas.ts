import Type from 'typebox';
import { educationLevels, titleLevels } from '../../db/schema-people.ts';

// Schemas of the registration API (docs/organisations.md "People: registration"). Response schemas
// carry masked identifiers only: a field not declared here never leaves the server.

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Sex = literals(['male', 'female'] as const);
export const Education = literals(educationLevels);
export const TitleLevel = literals(titleLevels);
export const RegistrationStatus = literals(['pending', 'approved', 'rejected', 'withdrawn'] as const);
export const UnitRef = Type.Object({ id: Type.String(), name: Type.String() });

export const RegistrationBody = Type.Object({
  idNumber: Type.String({ minLength: 1, maxLength: 32, description: '居民身份证号码（GB 11643，即登录用户名）' }),
  name: Type.String({ minLength: 1, maxLength: 50 }),
  sex: Sex,
  birthDate: Type.String({ format: 'date', description: '须与身份证号码中的出生日期一致' }),
  phone: Type.String({ minLength: 1, maxLength: 20, description: '中国大陆手机号码' }),
  email: Type.Optional(Type.String({ maxLength: 100 })),
  education: Education,
  major: Type.String({ minLength: 1, maxLength: 50 }),
  titleSeries: Type.String({ minLength: 1, maxLength: 50, description: '职称系列' }),
  titleLevel: TitleLevel,
  unitId: Type.String({ minLength: 1, maxLength: 64 }),
  department: Type.Optional(Type.String({ maxLength: 50 })),
  password: Type.String({ minLength: 1, maxLength: 128 }),
});

export const Submitted = Type.Object({ personId: Type.String(), status: Type.Literal('pending') });

export const MyRegistration = Type.Object({
  status: RegistrationStatus,
  unit: UnitRef,
  department: Nullable(Type.String()),
  submittedAt: Nullable(Type.String({ format: 'date-time' })),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
  reason: Nullable(Type.String()),
  overdue: Type.Boolean(),
  history: Type.Array(Type.Object({
    at: Type.String({ format: 'date-time' }),
    action: literals(['submitted', 'approved', 'rejected', 'withdrawn', 'resubmitted', 'transferred'] as const),
    unitName: Type.String(),
    reason: Nullable(Type.String()),
  })),
});

export const ResubmitBody = Type.Object({
  unitId: Type.String({ minLength: 1, maxLength: 64 }),
  department: Type.Optional(Type.String({ maxLength: 50 })),
});

export const QueueQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  status: Type.Optional(RegistrationStatus),
  overdue: Type.Optional(Type.Boolean({ description: 'true：只列等待超过 7 天的待审核注册' })),
  q: Type.Optional(Type.String({ maxLength: 50, description: '姓名关键字' })),
});

export const QueueItem = Type.Object({
  personId: Type.String(),
  name: Type.String(),
  maskedIdNumber: Type.String({ description: '脱敏身份证号' }),
  sex: Sex,
  birthDate: Type.String({ format: 'date' }),
  education: Nullable(Type.String()),
  titleSeries: Nullable(Type.String()),
  titleLevel: Nullable(Type.String()),
  unitId: Type.String(),
  unitName: Type.String(),
  department: Nullable(Type.String()),
  status: RegistrationStatus,
  submittedAt: Nullable(Type.String({ format: 'date-time' })),
  waitingDays: Nullable(Type.Integer({ description: '待审核的已等待天数' })),
  overdue: Type.Boolean(),
  reason: Nullable(Type.String()),
});

export const Queue = Type.Object({
  items: Type.Array(QueueItem),
  nextCursor: Nullable(Type.String()),
  overdueCount: Type.Integer({ description: '范围内等待超过 7 天的待审核注册数' }),
});

export const RejectBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 200 }) });

export const Decision = Type.Object({
  personId: Type.String(),
  status: literals(['approved', 'rejected'] as const),
  certificateNumber: Type.Optional(Type.String({ description: '证书管理号码（Art. 13）' })),
});

export const BulkBody = Type.Object({
  action: literals(['approve', 'reject'] as const),
  personIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 200 }),
  reason: Type.Optional(Type.String({ maxLength: 200 })),
});

export const BulkResult = Type.Object({
  results: Type.Array(Type.Object({
    personId: Type.String(),
    status: literals(['approved', 'rejected', 'error'] as const),
    certificateNumber: Type.Optional(Type.String()),
    error: Type.Optional(Type.String()),
  })),
});
