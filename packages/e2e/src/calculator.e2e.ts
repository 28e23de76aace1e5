import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshotDir, startServer, type Server } from './harness.ts';

// Issue "Policy", done-when: the public hours calculator (学时计算器) works in the browser, without a
// login: a conference with a paper presented gives its hours, clause 7(4) and the 暂定 mark; a
// screenshot is saved in packages/e2e/screenshots/.
let server: Server;
let browser: Awaited<ReturnType<typeof openBrowser>>;

beforeAll(async () => {
  fs.mkdirSync(screenshotDir, { recursive: true });
  server = await startServer();
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function chooseKind(page: Page, label: string): Promise<void> {
  // The list is virtual (only the first options are rendered): search for the kind, then pick it.
  await page.getByTestId('calc-kind').click();
  await page.keyboard.type(label);
  await page.locator('.ant-select-item-option', { hasText: label }).first().click();
}

describe('hours calculator', () => {
  it('evaluates a national conference with a paper presented, with clause and provisional mark', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/calculator`);
    await page.getByTestId('calc-form').waitFor();
    // Public: no redirect to the login page.
    expect(new URL(page.url()).pathname).toBe('/calculator');

    await chooseKind(page, '学术会议');
    await page.getByText('国家级（部级）').click();
    await page.getByTestId('calc-days').fill('2');
    await page.getByTestId('calc-presented').click();
    await page.getByTestId('calc-submit').click();

    const hours = page.getByTestId('calc-result-hours');
    await hours.waitFor();
    expect(await hours.innerText()).toContain('20');
    expect(await page.getByTestId('calc-clause').innerText()).toBe('第7(4)条');
    expect(await page.getByTestId('calc-provisional').innerText()).toBe('暂定');
    const explanation = await page.getByTestId('calc-explanation').innerText();
    expect(explanation).toContain('7(4)');
    expect(explanation).toContain('（暂定标准）');
    await page.screenshot({ path: path.join(screenshotDir, 'calculator-conference.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows confirmed hours without the mark, and names a wrong field', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/calculator`);
    await chooseKind(page, '课程进修');
    await page.getByTestId('calc-months').fill('3');
    await page.getByTestId('calc-submit').click();
    await page.getByTestId('calc-result-hours').waitFor();
    expect(await page.getByTestId('calc-result-hours').innerText()).toContain('30');
    expect(await page.getByTestId('calc-provisional').count()).toBe(0);

    // An unknown local rule (Art. 7(13)): the server's message lands on the field it names.
    await chooseKind(page, '地方规定的其他形式');
    await page.getByTestId('calc-ruleCode').fill('ZZ-NONE');
    await page.getByTestId('calc-hours').fill('3');
    await page.getByTestId('calc-submit').click();
    await page.getByText('没有代码为 ZZ-NONE 的地方规则').waitFor();
    await page.waitForTimeout(400); // the field's error message slides in
    await page.screenshot({ path: path.join(screenshotDir, 'calculator-field-error.png') });
    expect(await page.getByTestId('calc-result-hours').count()).toBe(0);
    await page.close();
  });
});
