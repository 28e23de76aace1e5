import Type from 'typebox';

// Schemas shared by the routes of units and providers. Phones leave the server masked only.

const Nullable = (schema: Type.TSchema) => Type.Union([schema, Type.Null()]);
const NullableString = Nullable(Type.String());

export const OrgStatus = Type.Union(['pending', 'active', 'rejected', 'disabled'].map((s) => Type.Literal(s)));
export const ReviewStatusQuery = Type.Union(['pending', 'active', 'rejected'].map((s) => Type.Literal(s)));

export const Unit = Type.Object({
  id: Type.String(),
  name: Type.String(),
  uscc: NullableString,
  regionCode: NullableString,
  regionName: NullableString,
  authorityName: NullableString,
  issuingBureauName: Type.Union([Type.String({ description: '发证机关（第十二条）' }), Type.Null()]),
  bureauName: NullableString,
  status: OrgStatus,
  createdAt: Type.String(),
  personCount: Type.Integer({ description: '已通过注册的人员数' }),
  address: NullableString,
  contactName: NullableString,
  contactPhoneMasked: NullableString,
  reason: Type.Union([Type.String({ description: '不予通过的原因' }), Type.Null()]),
  decidedAt: NullableString,
});

export const Provider = Type.Object({
  id: Type.String(),
  name: Type.String(),
  uscc: NullableString,
  regionCode: NullableString,
  regionName: NullableString,
  bureauName: NullableString,
  status: OrgStatus,
  createdAt: Type.String(),
  contactName: NullableString,
  contactPhoneMasked: NullableString,
  reason: NullableString,
  decidedAt: NullableString,
});

export const OrgDetail = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String({ description: 'bureau / authority / unit / provider' }),
  level: NullableString,
  regionCode: NullableString,
  regionName: NullableString,
  uscc: NullableString,
  status: OrgStatus,
  parentName: NullableString,
  bureauName: NullableString,
  authorityName: NullableString,
  issuingBureauName: NullableString,
  issuingCode: Type.Union([Type.String({ description: '证书管理号码第3–4位（第十三条）' }), Type.Null()]),
  industry: NullableString,
  address: NullableString,
  contactName: NullableString,
  contactPhoneMasked: NullableString,
  reason: NullableString,
  decidedAt: NullableString,
  createdAt: Type.String(),
});

/** Org ids are strings (`bureau-4101`, `unit-zzu`) or UUIDs (registered units and providers). */
export const OrgIdParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$', description: '组织标识' }) });

export const ReasonBody = Type.Object({ reason: Type.String({ minLength: 2, maxLength: 500, description: '不予通过的原因' }) });

export const RegistrationFields = {
  name: Type.String({ minLength: 2, maxLength: 100, description: '名称' }),
  uscc: Type.String({ minLength: 1, maxLength: 40, description: '统一社会信用代码（GB 32100）' }),
  regionCode: Type.String({ pattern: '^[0-9]{2,6}$', description: '所在地区（现行行政区划代码）' }),
  contactName: Type.String({ minLength: 2, maxLength: 50, description: '联系人' }),
  contactPhone: Type.String({ minLength: 1, maxLength: 20, description: '联系人手机号' }),
  adminUsername: Type.String({ minLength: 3, maxLength: 32, description: '管理员用户名' }),
  adminName: Type.String({ minLength: 2, maxLength: 50, description: '管理员姓名' }),
  adminPassword: Type.String({ minLength: 1, maxLength: 128, description: '管理员密码' }),
};

export const RegistrationAnswer = Type.Object({ id: Type.String(), status: Type.Literal('pending') });
