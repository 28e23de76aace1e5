import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeopleListing } from '../src/db/seed/demo.ts';
import { as, createTestApp, login, type TestApp } from './helpers.ts';

// The person's profile (name, ID number and unit fixed; the rest theirs to keep) and the person
// detail reviewers see: masked identifiers only.
let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

const zhang = demoPeopleListing().find((p) => p.name === '张伟')!;

describe('my profile', () => {
  it('shows the profile with masked ID number and phone', async () => {
    const me = as(t.app, await login(t.app, zhang.idNumber));
    const res = await me('GET', '/api/v1/me/profile');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      name: '张伟', maskedIdNumber: '4101**********1007', sex: 'female', birthDate: '1970-01-01', phoneMasked: '138****1000',
      email: 'demo01@example.com', education: '大学本科', major: '临床医学', titleSeries: '卫生系列', titleLevel: '中级',
      unit: { id: 'unit-zzu', name: '郑州市金水区人民医院' }, department: '内科', certificateNumber: '4101050000000010',
    });
    expect(res.body).not.toContain(zhang.phone);
  });

  it('updates what the person may change, with one audit event, and ignores name, ID number and unit', async () => {
    const me = as(t.app, await login(t.app, zhang.idNumber));
    const res = await me('PATCH', '/api/v1/me/profile', {
      phone: '139 0371 8888', email: null, education: '硕士研究生', major: '急诊医学', titleLevel: '副高级', department: '急诊科',
      name: '张伟伟', unitId: 'unit-lyu', idNumber: '410105197001011015',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: '张伟', phoneMasked: '139****8888', email: null, education: '硕士研究生', major: '急诊医学', titleLevel: '副高级',
      department: '急诊科', unit: { id: 'unit-zzu' }, maskedIdNumber: '4101**********1007',
    });
    const row = await t.handle.db.selectFrom('persons').selectAll().where('name', '=', '张伟').executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain('8888');
    expect(t.app.deps.pii.decrypt(row.phone_enc!)).toBe('13903718888');
    const events = await t.handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'person.profile_updated').execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ object_id: row.id, actor_role: 'person' });

    // Nothing to change: no event.
    expect((await me('PATCH', '/api/v1/me/profile', {})).statusCode).toBe(200);
    expect(await t.handle.db.selectFrom('audit_events').select('id').where('action', '=', 'person.profile_updated').execute()).toHaveLength(1);
  });

  it('refuses a bad phone or email and blank required text, naming the fields', async () => {
    const me = as(t.app, await login(t.app, zhang.idNumber));
    const res = await me('PATCH', '/api/v1/me/profile', { phone: '1234', email: 'x@', major: '  ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.email', 'body.major', 'body.phone']);
    expect((await me('PATCH', '/api/v1/me/profile', { titleLevel: '特级' })).statusCode).toBe(400);
    expect((await as(t.app, await login(t.app, 'unit-zzu'))('GET', '/api/v1/me/profile')).statusCode).toBe(403);
  });
});

describe('person detail', () => {
  it('keeps the summary fields and adds the registration details, masked', async () => {
    const unit = as(t.app, await login(t.app, 'unit-lyu'));
    const list = (await unit('GET', '/api/v1/persons?limit=1')).json();
    expect(Object.keys(list.items[0]).sort()).toEqual(['certificateNumber', 'id', 'maskedIdNumber', 'name', 'status', 'unitId', 'unitName']);
    const detail = (await unit('GET', `/api/v1/persons/${list.items[0].id}`)).json();
    const ma = demoPeopleListing().find((p) => p.name === '马超')!;
    expect(detail).toMatchObject({
      id: list.items[0].id, name: '马超', maskedIdNumber: '4103**********1244', unitName: '洛阳市第一高级中学',
      sex: 'female', birthDate: '1994-01-21', phoneMasked: '138****1012', email: 'demo13@example.com', education: ma.education,
      major: ma.major, titleSeries: '中小学教师系列', titleLevel: ma.titleLevel, department: ma.department, registeredAt: expect.any(String),
    });
    expect(detail.education).toBe('中专及以下');
    expect(JSON.stringify(detail)).not.toContain(ma.idNumber);
    expect(JSON.stringify(detail)).not.toContain(ma.phone);
  });
});
