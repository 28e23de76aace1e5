import { checkCharOfResidentId, parseCertificateNumber, parseResidentId } from '@jixu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type TestApp } from './helpers.ts';

// SPEC "Registration", Art. 13: public registration checked against GB 11643, the unit's approval
// with the certificate number, withdrawal and resubmission, the queue of units and (once overdue) bureaus.
let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

const DAY = 86_400_000;
const PASSWORD = 'Regist@2025';

/** A fresh valid identity (sequence 500+n, not used by the demo) and a complete registration body. */
function registration(n: number, overrides: Record<string, unknown> = {}) {
  const birth = `19${String(80 + (n % 19)).padStart(2, '0')}0${1 + (n % 9)}1${n % 10}`;
  const id17 = `410105${birth}${String(500 + n).padStart(3, '0')}`;
  const idNumber = id17 + checkCharOfResidentId(id17);
  return {
    idNumber, name: `测试${'甲乙丙丁戊己庚辛壬癸'[n % 10]}`, sex: Number(id17[16]) % 2 === 1 ? 'male' : 'female',
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`, phone: `1390371${String(2000 + n)}`,
    email: `t${n}@example.com`, education: '大学本科', major: '临床医学', titleSeries: '卫生系列', titleLevel: '中级',
    unitId: 'unit-zzu', department: '内科', password: PASSWORD, ...overrides,
  };
}

/** Each registration from its own address: the public endpoint is rate-limited per address. */
const register = (body: unknown, address = `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) =>
  t.app.inject({ method: 'POST', url: '/api/v1/registrations', payload: body as object, remoteAddress: address });

describe('public registration', () => {
  it('registers a person pending at the unit, who logs in with the ID number at once', async () => {
    const body = registration(1);
    const res = await register(body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ personId: expect.any(String), status: 'pending' });
    const me = await as(t.app, await login(t.app, body.idNumber, PASSWORD))('GET', '/api/v1/me/registration');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      status: 'pending', unit: { id: 'unit-zzu', name: '郑州市金水区人民医院' }, department: '内科', overdue: false, decidedAt: null,
      history: [{ action: 'submitted', unitName: '郑州市金水区人民医院', reason: null }],
    });
    const person = await t.handle.db.selectFrom('persons').selectAll().where('id', '=', res.json().personId).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ status: 'pending', education: '大学本科', title_level: '中级', certificate_number: null });
    expect(JSON.stringify(person)).not.toContain(body.idNumber);
    expect(JSON.stringify(person)).not.toContain(body.phone);
  });

  it('refuses an ID number that fails GB 11643, and sex or birth date that disagree with it, naming the fields', async () => {
    const good = registration(2);
    const badCheck = good.idNumber.slice(0, 17) + (good.idNumber[17] === '0' ? '1' : '0');
    const a = await register({ ...good, idNumber: badCheck });
    expect(a.statusCode).toBe(400);
    expect(a.json().errors).toEqual([{ field: 'body.idNumber', message: expect.stringContaining('校验位') }]);
    expect(a.body).not.toContain(badCheck);

    const b = await register({ ...good, sex: good.sex === 'male' ? 'female' : 'male', birthDate: '2000-01-01', phone: '12345' });
    expect(b.statusCode).toBe(400);
    expect(b.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.birthDate', 'body.phone', 'body.sex']);
  });

  it('checks the password policy, the unit, the name and the email', async () => {
    const weak = await register(registration(3, { password: 'password' }));
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'password_policy', errors: [{ field: 'body.password' }] });
    const others = await register(registration(3, { unitId: 'bureau-4101', name: '张3', email: 'not-an-email' }));
    expect(others.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.email', 'body.name', 'body.unitId']);
    const unknown = await register(registration(3, { education: '小学', titleLevel: '特级' }));
    expect(unknown.statusCode).toBe(400);
  });

  it('answers 409 for an ID number already registered, also a demo one', async () => {
    const body = registration(4);
    expect((await register(body)).statusCode).toBe(201);
    const again = await register({ ...body, idNumber: body.idNumber.toLowerCase() });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('请直接登录');
    const zhang = parseResidentId('410105197001011007');
    if (!zhang.ok) throw new Error('demo number');
    const demo = await register({ ...registration(4), idNumber: zhang.value.idNumber, sex: zhang.value.sex, birthDate: zhang.value.birthDate });
    expect(demo.statusCode).toBe(409);
  });

  it('limits registrations per address: 429 rate_limited with Retry-After', async () => {
    const answers = [];
    for (let i = 0; i < 21; i += 1) answers.push((await register({ ...registration(5), password: 'x' }, '10.9.9.9')).statusCode);
    expect(answers.slice(0, 20).every((s) => s === 400)).toBe(true);
    const limited = await register(registration(5), '10.9.9.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await register(registration(5), '10.9.9.10')).statusCode).toBe(201);
  });
});

describe('withdraw and resubmit', () => {
  it('lets the person withdraw a pending registration and resubmit it at another unit, keeping the history', async () => {
    const body = registration(6);
    const { personId } = (await register(body)).json();
    const me = as(t.app, await login(t.app, body.idNumber, PASSWORD));
    const withdrawn = await me('POST', '/api/v1/me/registration/withdraw');
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' });
    expect((await me('POST', '/api/v1/me/registration/withdraw')).statusCode).toBe(409);
    expect((await me('POST', '/api/v1/me/registration/resubmit', { unitId: 'no-such-unit' })).json().errors[0].field).toBe('body.unitId');

    const again = await me('POST', '/api/v1/me/registration/resubmit', { unitId: 'unit-lyu', department: '校医室' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'pending', unit: { id: 'unit-lyu' }, department: '校医室' });
    expect(again.json().history.map((h: { action: string; unitName: string }) => `${h.action}@${h.unitName}`)).toEqual([
      'submitted@郑州市金水区人民医院', 'withdrawn@郑州市金水区人民医院', 'resubmitted@洛阳市第一高级中学',
    ]);
    expect((await me('POST', '/api/v1/me/registration/resubmit', { unitId: 'unit-zzu' })).statusCode).toBe(409);
    // It left the Jinshui hospital's queue and joined the Luoyang school's.
    const zzu = (await as(t.app, await login(t.app, 'unit-zzu'))('GET', '/api/v1/registrations?status=pending&limit=200')).json();
    const lyu = (await as(t.app, await login(t.app, 'unit-lyu'))('GET', '/api/v1/registrations?status=pending&limit=200')).json();
    expect(zzu.items.map((i: { personId: string }) => i.personId)).not.toContain(personId);
    expect(lyu.items.find((i: { personId: string }) => i.personId === personId)).toMatchObject({ department: '校医室', unitName: '洛阳市第一高级中学' });
  });
});

describe('the unit decides', () => {
  it('lists its own queue with masked numbers; approval gives a valid Art. 13 number that continues after the seed', async () => {
    const body = registration(7);
    const { personId } = (await register(body)).json();
    const unit = as(t.app, await login(t.app, 'unit-zzu'));
    const queue = (await unit('GET', '/api/v1/registrations?status=pending&limit=200')).json();
    const item = queue.items.find((i: { personId: string }) => i.personId === personId);
    expect(item).toMatchObject({ maskedIdNumber: expect.stringMatching(/^4101\*+\d{3}[\dX]$/), unitId: 'unit-zzu', waitingDays: 0, overdue: false, titleSeries: '卫生系列' });
    expect(JSON.stringify(queue)).not.toContain(body.idNumber);
    expect(queue.items.every((i: { unitId: string }) => i.unitId === 'unit-zzu')).toBe(true);

    const approved = await unit('POST', `/api/v1/registrations/${personId}/approve`);
    expect(approved.statusCode).toBe(200);
    const number = approved.json().certificateNumber as string;
    expect(parseCertificateNumber(number).ok).toBe(true);
    // 41 + Zhengzhou's issuing code 01 + Jinshui 05; the seed used serials 1..8 of this counter.
    expect(number.slice(0, 6)).toBe('410105');
    expect(Number(number.slice(6, 15))).toBeGreaterThan(8);
    expect((await unit('POST', `/api/v1/registrations/${personId}/approve`)).statusCode).toBe(409);

    const mine = as(t.app, await login(t.app, body.idNumber, PASSWORD));
    expect((await mine('GET', '/api/v1/me')).json().user.certificateNumber).toBe(number);
    expect((await mine('GET', '/api/v1/me/registration')).json()).toMatchObject({ status: 'approved', decidedAt: expect.any(String) });
    const event = await t.handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'registration.approved').where('object_id', '=', personId).execute();
    expect(event).toHaveLength(1);
  });

  it('rejects with a reason the person sees; another unit cannot touch it (404)', async () => {
    const { personId } = (await register(registration(8))).json();
    const other = as(t.app, await login(t.app, 'unit-lyu'));
    expect((await other('POST', `/api/v1/registrations/${personId}/approve`)).statusCode).toBe(404);
    const unit = as(t.app, await login(t.app, 'unit-zzu'));
    expect((await unit('POST', `/api/v1/registrations/${personId}/reject`, { reason: '   ' })).json().errors[0].field).toBe('body.reason');
    const res = await unit('POST', `/api/v1/registrations/${personId}/reject`, { reason: '科室信息与人事档案不符' });
    expect(res.json()).toEqual({ personId, status: 'rejected' });
    const me = as(t.app, await login(t.app, registration(8).idNumber, PASSWORD));
    expect((await me('GET', '/api/v1/me/registration')).json()).toMatchObject({ status: 'rejected', reason: '科室信息与人事档案不符' });
  });

  it('approves and rejects in bulk, reporting each one', async () => {
    const ids = [];
    for (const n of [9, 10, 11]) ids.push((await register(registration(n))).json().personId as string);
    const unit = as(t.app, await login(t.app, 'unit-zzu'));
    expect((await unit('POST', '/api/v1/registrations/bulk', { action: 'reject', personIds: ids })).json().errors[0].field).toBe('body.reason');
    const lyuPending = (await t.handle.db.selectFrom('persons').select('id').where('unit_id', '=', 'unit-lyu').where('status', '=', 'pending').executeTakeFirstOrThrow()).id;
    const res = (await unit('POST', '/api/v1/registrations/bulk', { action: 'approve', personIds: [ids[0], ids[1], lyuPending] })).json();
    expect(res.results.map((r: { status: string }) => r.status)).toEqual(['approved', 'approved', 'error']);
    expect(res.results[2].error).toBe('未找到该注册');
    expect(new Set(res.results.slice(0, 2).map((r: { certificateNumber: string }) => r.certificateNumber)).size).toBe(2);
    const rejected = (await unit('POST', '/api/v1/registrations/bulk', { action: 'reject', personIds: [ids[1], ids[2]], reason: '材料不全' })).json();
    expect(rejected.results.map((r: { status: string }) => r.status)).toEqual(['error', 'rejected']);
  });
});

describe('overdue registrations', () => {
  it('flags registrations waiting more than 7 days and shows only those to the bureaus over the unit', async () => {
    const { personId } = (await register(registration(12))).json();
    let jinshui = as(t.app, await login(t.app, 'jinshui'));
    const before = (await jinshui('GET', '/api/v1/registrations?limit=200')).json();
    expect(before.items.map((i: { personId: string }) => i.personId)).not.toContain(personId);
    // The seeded overdue one of this unit is visible; bureaus see nothing but overdue pending ones.
    expect(before.items.length).toBeGreaterThan(0);
    expect(before.items.every((i: { overdue: boolean; status: string }) => i.overdue && i.status === 'pending')).toBe(true);
    expect((await jinshui('POST', `/api/v1/registrations/${personId}/approve`)).statusCode).toBe(403);

    t.clock.now = new Date(t.clock.now.getTime() + 8 * DAY);
    try {
      // Sessions idle for 8 days have ended: log in again in the future.
      jinshui = as(t.app, await login(t.app, 'jinshui'));
      const after = (await jinshui('GET', '/api/v1/registrations?limit=200')).json();
      const item = after.items.find((i: { personId: string }) => i.personId === personId);
      expect(item).toMatchObject({ overdue: true, waitingDays: 8 });
      expect(after.overdueCount).toBe(after.items.length);
      // Luoyang's bureau does not supervise the Jinshui hospital; Zhengzhou does (one level up).
      const luoyang = (await as(t.app, await login(t.app, 'luoyang'))('GET', '/api/v1/registrations?limit=200')).json();
      expect(luoyang.items.map((i: { personId: string }) => i.personId)).not.toContain(personId);
      const zhengzhou = as(t.app, await login(t.app, 'zhengzhou'));
      const unitView = (await as(t.app, await login(t.app, 'unit-zzu'))('GET', '/api/v1/registrations?overdue=true&limit=200')).json();
      expect(unitView.items.map((i: { personId: string }) => i.personId)).toContain(personId);
      const res = await zhengzhou('POST', `/api/v1/registrations/${personId}/approve`);
      expect(res.statusCode).toBe(200);
      expect(res.json().certificateNumber.slice(0, 6)).toBe('410105');
    } finally {
      t.clock.now = new Date(t.clock.now.getTime() - 8 * DAY);
    }
  });
});
