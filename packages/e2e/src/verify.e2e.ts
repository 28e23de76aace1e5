import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshotDir, startServer, type Server } from './harness.ts';

// Issue "Certificates that cannot be forged", done-when: the public /verify page checks a
// certificate in the browser: a demo certificate number shows 有效; a QR text with one digit
// changed shows 伪造 (the unmodified one 有效); after the bureau revokes it, 已撤销 with the reason.
// Screenshots in packages/e2e/screenshots/.
let server: Server;
let browser: Awaited<ReturnType<typeof openBrowser>>;

// README.md's demo table: 张伟, 郑州市金水区人民医院, approved, so issued at start-up.
const NUMBER = '4101050000000010';

beforeAll(async () => {
  fs.mkdirSync(screenshotDir, { recursive: true });
  server = await startServer();
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Certificate = { compact: { payload: string; signature: string }; payload: { holder: { maskedName: string } } };

const qrTextOf = (compact: string, signatureBase64: string) =>
  `JX1.${Buffer.from(compact, 'utf8').toString('base64url')}.${Buffer.from(signatureBase64, 'base64').toString('base64url')}`;

async function verdictOf(page: Page): Promise<string> {
  const verdict = page.getByTestId('verify-verdict');
  await verdict.waitFor({ timeout: 30_000 });
  return verdict.innerText();
}

async function openVerify(page: Page, errors: string[]): Promise<void> {
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/verify`);
  await page.getByTestId('verify-number').waitFor();
  // Public: no redirect to the login page.
  expect(new URL(page.url()).pathname).toBe('/verify');
}

describe('certificate verification page', () => {
  it('shows 有效 for a demo certificate number, with the yearly table and the masked name only', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    await openVerify(page, errors);
    // Headless chromium has no camera: the scan button is hidden.
    expect(await page.getByTestId('verify-scan').count()).toBe(0);

    await page.getByTestId('verify-number').fill(NUMBER);
    await page.getByTestId('verify-submit').click();
    const text = await verdictOf(page);
    expect(text).toContain('有效');
    expect(text).not.toContain('伪造');
    expect(text).toMatch(/由 \S+ 签发/);
    const years = page.getByTestId('verify-years');
    await years.waitFor();
    expect(await years.locator('tbody tr').count()).toBeGreaterThan(0);
    const details = await page.getByTestId('verify-details').innerText();
    expect(details).toContain('张*');
    expect(await page.content()).not.toContain('张伟');
    // The keys are cached with the time they were fetched.
    expect(await page.getByTestId('verify-keys').innerText()).toMatch(/获取于 \d{4}-\d{2}-\d{2}/);
    await page.screenshot({ path: path.join(screenshotDir, 'verify-valid.png'), fullPage: true });

    // A wrong check digit is caught in the browser.
    await page.getByTestId('verify-number').fill('4101050000000011');
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('verify-verdict').getByText('号码有误').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows 伪造 for a QR text with one digit changed, and 有效 for the unmodified one', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    await openVerify(page, errors);
    const cert = await page.evaluate(async (n) => (await fetch(`/api/v1/certificates/${n}`)).json(), NUMBER) as Certificate;
    const genuine = qrTextOf(cert.compact.payload, cert.compact.signature);

    // Change the earned total of the first year (in tenths) by one digit: the signature no longer holds.
    const compact = cert.compact.payload;
    const match = /\[(\d{4}),([01]),(\d+)\]/.exec(compact);
    expect(match).not.toBeNull();
    const [whole, year, done, tenths] = match!;
    const last = tenths!.at(-1)!;
    const changed = `${tenths!.slice(0, -1)}${last === '9' ? '8' : String(Number(last) + 1)}`;
    const forgedCompact = compact.replace(whole, `[${year},${done},${changed}]`);
    expect(forgedCompact).not.toBe(compact);
    const forged = qrTextOf(forgedCompact, cert.compact.signature);

    await page.getByTestId('verify-qr').fill(forged);
    await page.getByTestId('verify-submit').click();
    const forgedText = await verdictOf(page);
    expect(forgedText).toContain('伪造');
    expect(forgedText).not.toContain('有效');
    await page.screenshot({ path: path.join(screenshotDir, 'verify-forged.png'), fullPage: true });

    await page.getByTestId('verify-qr').fill(genuine);
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('verify-verdict').getByText('有效').waitFor();
    const years = await page.getByTestId('verify-years').innerText();
    expect(years).toContain(year!);
    // Online: the ledger leaf of the issue is shown.
    expect(await page.getByTestId('verify-details').innerText()).toMatch(/第 \d+ 条/);
    await page.screenshot({ path: path.join(screenshotDir, 'verify-qr-valid.png'), fullPage: true });

    // Offline, with the keys cached: the QR code still verifies, the status is marked unknown.
    await page.context().setOffline(true);
    try {
      await page.getByTestId('verify-qr').fill(`${genuine} `);
      await page.getByTestId('verify-submit').click();
      await page.getByTestId('verify-verdict').getByText('有效').waitFor();
      await page.getByTestId('verify-result').getByText('离线核验：').waitFor();
      await page.screenshot({ path: path.join(screenshotDir, 'verify-qr-offline.png'), fullPage: true });
    } finally {
      await page.context().setOffline(false);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows 伪造 when the server answer for a number is altered: the seal is checked in the browser', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    await openVerify(page, errors);
    await page.route(`**/api/v1/certificates/${NUMBER}`, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { payload: { years: { total: number }[] } };
      body.payload.years[0]!.total += 10;
      await route.fulfill({ response, json: body });
    });
    await page.getByTestId('verify-number').fill(NUMBER);
    await page.getByTestId('verify-submit').click();
    const text = await verdictOf(page);
    expect(text).toContain('伪造');
    expect(await page.getByTestId('verify-years').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows 已撤销 with the reason after the Zhengzhou bureau revokes the certificate', async () => {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'zhengzhou', password: 'Demo@2024' }),
    });
    expect(login.status).toBe(200);
    const session = (await login.json()) as { csrfHeader: string; csrfToken: string };
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const post = (action: string, body: object) => fetch(`${server.url}/api/v1/certificates/${NUMBER}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, [session.csrfHeader]: session.csrfToken },
      body: JSON.stringify(body),
    });
    // One year first (marked in the table), then the whole certificate.
    const cert = (await (await fetch(`${server.url}/api/v1/certificates/${NUMBER}`)).json()) as { payload: { years: { year: number }[] } };
    const year = cert.payload.years[0]!.year;
    expect((await post('revoke', { year, reason: '该年度学时证明材料造假' })).status).toBe(200);
    expect((await post('revoke', { reason: '核查发现学时不实' })).status).toBe(200);

    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/verify?n=${NUMBER}`);
    await page.reload();
    const text = await verdictOf(page);
    expect(text).toContain('已撤销');
    expect(text).toContain('核查发现学时不实');
    expect(text).not.toContain('有效');
    const revokedRow = page.getByTestId('verify-years').locator('tbody tr', { hasText: String(year) });
    expect(await revokedRow.innerText()).toContain('已撤销');
    expect(await page.getByTestId('verify-revoked-years').innerText()).toContain('该年度学时证明材料造假');
    await page.screenshot({ path: path.join(screenshotDir, 'verify-revoked.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
