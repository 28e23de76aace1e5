import fs from 'node:fs';
import path from 'node:path';
import { policy } from '@jixu/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeopleListing } from '../../server/src/db/seed/demo.ts';
import { PDF, PNG } from '../../server/src/platform/storage/test-samples.ts';
import { openBrowser, screenshotDir, startServer, type Server } from './harness.ts';

// Issue 5 (records review, Art. 11): people of 郑州市金水区人民医院 declare and submit records with
// evidence through the API; the unit's reviewer sees the menu count, filters 学时初审, opens a record
// with its evidence beside the list, returns one from the keyboard with a reason, meets a record
// someone else decided first (409, shown with the server's detail), bulk-approves two (one of which a
// colleague approved meanwhile: the per-record answer says so) and sees the count drop. A bureau overturns a verified record on 学时抽查.
let server: Server;
let browser: Awaited<ReturnType<typeof openBrowser>>;
const errors: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(screenshotDir, { recursive: true });
  server = await startServer();
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const DEMO_PASSWORD = 'Demo@2024';
const demo = demoPeopleListing();
const demoId = (name: string) => demo.find((p) => p.name === name)!.idNumber;
const Y = policy.businessYear(new Date());

type ApiSession = { cookie: string; csrfHeader: string; csrfToken: string };

async function apiLogin(username: string): Promise<ApiSession> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('jixu_sid='));
  const body = (await res.json()) as { csrfHeader: string; csrfToken: string };
  return { cookie: cookie!, csrfHeader: body.csrfHeader, csrfToken: body.csrfToken };
}

async function api<T>(session: ApiSession, method: string, url: string, body?: unknown): Promise<{ status: number; json: T }> {
  const isFile = Buffer.isBuffer(body);
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: {
      cookie: session.cookie,
      ...(method === 'GET' ? {} : { [session.csrfHeader]: session.csrfToken }),
      ...(body === undefined ? {} : { 'content-type': isFile ? 'application/octet-stream' : 'application/json' }),
    },
    body: body === undefined ? undefined : isFile ? new Uint8Array(body) : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
}

/** A person declares a conference (needs 会议通知 and 单位证明), uploads both and submits it. */
async function submittedRecord(name: string, day: number): Promise<{ id: string; content: string }> {
  const me = await apiLogin(demoId(name));
  const content = `E2E学术会议评审-${name}`;
  const declared = await api<{ id: string }>(me, 'POST', '/api/v1/records', {
    activity: { kind: 'conference', level: 'provincial', days: 1, presented: false },
    endedOn: `${Y}-03-${String(day).padStart(2, '0')}`,
    content,
  });
  expect(declared.status).toBe(201);
  const id = declared.json.id;
  for (const [type, file, bytes] of [['conference_notice', '会议通知.pdf', PDF], ['unit_proof', '单位证明.png', PNG]] as const) {
    const up = await api(me, 'POST', `/api/v1/records/${id}/evidence?evidenceType=${type}&name=${encodeURIComponent(file)}`, bytes);
    expect(up.status).toBe(201);
  }
  const submitted = await api<{ state: string }>(me, 'POST', `/api/v1/records/${id}/submit`, {});
  expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
  expect(submitted.json.state).toBe('submitted');
  return { id, content };
}

const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage, animations: 'disabled' });

async function loginAs(username: string): Promise<Page> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('header-user').waitFor();
  return page;
}

async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first().click();
  await expect.poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count(), { timeout: 5000 }).toBe(0);
}

/** The number beside 学时初审 in the side menu (0 when the badge is gone). */
async function menuCount(page: Page): Promise<number> {
  const badge = page.getByTestId('side-menu').getByTestId('menu-count');
  if ((await badge.count()) === 0) return 0;
  return Number(await badge.getAttribute('data-count'));
}

const row = (page: Page, text: string) => page.getByTestId('review-list').locator('tr[data-testid="review-row"]', { hasText: text });

describe('学时初审 (unit) and 学时抽查 (bureau)', () => {
  it('menu count, filters, the record beside the list, keyboard return, a conflict, bulk approval', async () => {
    // Five submitted records of the unit's people, with their evidence.
    const a = await submittedRecord('孙悦', 3);
    const b = await submittedRecord('吴敏', 4);
    const c = await submittedRecord('杨帆', 5);
    const d = await submittedRecord('王芳', 6);
    const e = await submittedRecord('黄丽', 7);

    const page = await loginAs('unit-zzu');
    // The menu shows the queue's size (at least the four just submitted).
    await expect.poll(() => menuCount(page)).toBeGreaterThanOrEqual(5);
    const before = await menuCount(page);

    await page.getByTestId('side-menu').getByText('学时初审', { exact: true }).click();
    await page.getByTestId('review-queue').waitFor();
    await expect.poll(() => page.getByTestId('review-pending').textContent()).toContain(`待初审 ${before} 条`);

    // Filters: conferences of this year, newest first.
    await pick(page, 'filter-kind', '学术会议');
    await pick(page, 'filter-year', `${Y}年度`);
    await page.getByTestId('filter-sort').getByText('最新优先').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('kind')).toBe('conference');
    for (const r of [a, b, c, d, e]) await row(page, r.content).waitFor();
    // Every row shown is a conference.
    const kinds = await page.getByTestId('review-list').locator('tr[data-testid="review-row"]').allTextContents();
    expect(kinds.every((t) => t.includes('学术会议'))).toBe(true);
    await expect.poll(() => row(page, a.content).getByTestId('record-age').textContent()).toBe('今天');
    await shot(page, 'review-queue');

    // Opening a record puts it, with its evidence, beside the list.
    await row(page, a.content).click();
    const pane = page.getByTestId('review-pane');
    await expect.poll(() => pane.getAttribute('data-record-id')).toBe(a.id);
    await pane.getByTestId('evidence-item').first().waitFor();
    expect(await pane.getByTestId('evidence-item').count()).toBe(2);
    expect(await pane.getByTestId('record-summary').textContent()).toContain(a.content);
    await pane.getByTestId('review-approve').waitFor();
    await shot(page, 'review-pane');

    // The reviewer previews the PDF from the pane. This sample has no pages pdf.js can draw: the viewer
    // says so in Chinese and offers the download instead.
    await pane.locator('[data-testid="evidence-item"][data-evidence-type="conference_notice"]').getByTestId('evidence-preview').click();
    const broken = page.getByTestId('evidence-pdf-error');
    await broken.waitFor({ timeout: 20_000 });
    expect(await broken.innerText()).toContain('无法预览');
    expect(await broken.getByTestId('evidence-pdf-download').getAttribute('href')).toMatch(/^\/api\/v1\/evidence\//);
    await shot(page, 'review-pdf-broken', false);
    await page.locator('.ant-modal-close').last().click();
    await expect.poll(() => page.locator('.ant-modal-wrap:not([style*="display: none"]) .ant-modal').count()).toBe(0);

    // The keyboard: Esc closes, j/k move the cursor, Enter opens, r returns with a reason.
    await page.keyboard.press('Escape');
    await page.getByTestId('review-pane-empty').waitFor();
    const focused = () => page.locator('tr[data-focused="true"]').getAttribute('data-record-id');
    await page.keyboard.press('k');
    for (let i = 0; i < 10 && (await focused()) !== a.id; i += 1) await page.keyboard.press('j');
    expect(await focused()).toBe(a.id);
    await page.keyboard.press('Enter');
    await expect.poll(() => pane.getAttribute('data-record-id')).toBe(a.id);
    await page.keyboard.press('r');
    const reason = page.getByTestId('review-reason-input');
    await reason.waitFor();
    // Shortcuts never fire while typing: these letters only go into the reason.
    await page.keyboard.type('jkax');
    expect(await reason.inputValue()).toBe('jkax');
    expect(await pane.getAttribute('data-record-id')).toBe(a.id);
    await reason.fill('会议通知与单位证明不一致，请核对后重新上传');
    await shot(page, 'review-return-reason');
    await page.keyboard.press('Control+Enter');
    await row(page, a.content).waitFor({ state: 'detached' });
    // The pane moved on to the next record.
    await expect.poll(async () => {
      const id = await pane.getAttribute('data-record-id').catch(() => null);
      return id !== null && id !== a.id;
    }).toBe(true);

    // Someone else decides D first: the reviewer's approval is refused with the server's detail.
    await row(page, d.content).click();
    await expect.poll(() => pane.getAttribute('data-record-id')).toBe(d.id);
    await pane.getByTestId('review-approve').waitFor();
    const colleague = await apiLogin('unit-zzu');
    expect((await api(colleague, 'POST', `/api/v1/records/${d.id}/approve`, {})).status).toBe(200);
    await page.keyboard.press('a');
    const refusal = page.getByTestId('review-refusal');
    await refusal.waitFor();
    expect((await refusal.textContent()) ?? '').toMatch(/冲突|已被|状态/);
    await row(page, d.content).waitFor({ state: 'detached' });
    await shot(page, 'review-conflict');

    // Bulk: B selected from the keyboard (x), C and E with their checkboxes; 批量通过.
    await row(page, b.content).click();
    await expect.poll(() => pane.getAttribute('data-record-id')).toBe(b.id);
    await page.keyboard.press('x');
    await row(page, c.content).locator('.ant-checkbox-input').check();
    await row(page, e.content).locator('.ant-checkbox-input').check();
    await expect.poll(() => page.getByTestId('review-selected').textContent()).toBe('已选 3 条');
    // Meanwhile a colleague approves C: the bulk answer says which one failed, and why.
    expect((await api(colleague, 'POST', `/api/v1/records/${c.id}/approve`, {})).status).toBe(200);
    await page.getByTestId('bulk-pass').click();
    await page.getByTestId('bulk-pass-ok').click();
    const outcome = page.getByTestId('bulk-outcome');
    await outcome.waitFor();
    await expect.poll(() => outcome.locator('[data-testid="bulk-result"][data-ok="true"]').count()).toBe(2);
    const failed = outcome.locator('[data-testid="bulk-result"][data-ok="false"]');
    expect(await failed.getAttribute('data-record-id')).toBe(c.id);
    expect(await failed.textContent()).toContain('杨帆');
    expect(await failed.textContent()).toContain('状态已变化');
    await row(page, b.content).waitFor({ state: 'detached' });
    await row(page, c.content).waitFor({ state: 'detached' });
    await row(page, e.content).waitFor({ state: 'detached' });
    // The count dropped by the five decided records (one returned, two approved by the colleague, two in bulk).
    await expect.poll(() => menuCount(page)).toBe(before - 5);
    await shot(page, 'review-bulk');

    // The server agrees.
    const unit = await apiLogin('unit-zzu');
    const stateOf = async (id: string) => (await api<{ state: string; lastReason?: string }>(unit, 'GET', `/api/v1/records/${id}`)).json;
    expect(await stateOf(a.id)).toMatchObject({ state: 'returned', lastReason: '会议通知与单位证明不一致，请核对后重新上传' });
    for (const r of [b, c, d, e]) expect((await stateOf(r.id)).state).toBe('unit_approved');
    await page.close();
  });

  it('a bureau overturns a verified record on 学时抽查, after a reason and a confirmation', async () => {
    const page = await loginAs('zhengzhou');
    await page.getByTestId('side-menu').getByText('学时抽查', { exact: true }).click();
    const first = page.getByTestId('spot-list').locator('tr[data-testid="review-row"]').first();
    await first.waitFor();
    const id = await first.getAttribute('data-record-id');
    await first.click();
    const pane = page.getByTestId('review-pane');
    await expect.poll(() => pane.getAttribute('data-record-id')).toBe(id);
    await pane.getByTestId('review-overturn').click();
    await page.getByTestId('overturn-reason-input').fill('抽查发现培训证明与主办单位记录不符');
    await page.getByTestId('overturn-reason-ok').click();
    const confirm = page.getByTestId('overturn-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('年度撤回');
    await shot(page, 'review-spot-check');
    await page.getByTestId('overturn-confirm-ok').click();
    await page.locator(`[data-testid="spot-list"] tr[data-record-id="${id}"]`).waitFor({ state: 'detached' });
    await expect.poll(() => pane.getByTestId('record-state').first().getAttribute('data-state')).toBe('rejected');
    await page.close();
    expect(errors).toEqual([]);
  });
});
