import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeopleListing } from '../../server/src/db/seed/demo.ts';
import { openBrowser, screenshotDir, startServer, type Server } from './harness.ts';

// Issue "Platform foundation", done-when: each demo account logs in through the login page and lands
// on its role's home page; a screenshot per role is saved in packages/e2e/screenshots/.
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

const person = demoPeopleListing().find((p) => p.status === 'approved')!;
const accounts: { username: string; home: string; name: string; label: string }[] = [
  { username: 'admin', home: '/admin', name: '系统管理员', label: 'admin' },
  { username: 'henan', home: '/bureau', name: '河南省人社厅审核员', label: 'bureau-province' },
  { username: 'zhengzhou', home: '/bureau', name: '郑州市人社局审核员', label: 'bureau-city' },
  { username: 'jinshui', home: '/bureau', name: '金水区人社局审核员', label: 'bureau-county' },
  { username: 'luoyang', home: '/bureau', name: '洛阳市人社局审核员', label: 'bureau-city-luoyang' },
  { username: 'weijian', home: '/authority', name: '省卫健委审核员', label: 'authority' },
  { username: 'unit-zzu', home: '/unit', name: '金水区人民医院管理员', label: 'unit-zzu' },
  { username: 'unit-lyu', home: '/unit', name: '洛阳一高管理员', label: 'unit-lyu' },
  { username: 'provider-hn', home: '/provider', name: '省继续教育基地管理员', label: 'provider' },
  { username: person.idNumber, home: '/person', name: person.name, label: 'person' },
];

describe('login page', () => {
  it.each(accounts)('$label logs in and lands on its home page', async ({ username, home, name, label }) => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('Demo@2024');
    await page.getByTestId('login-submit').click();
    const welcome = page.getByTestId('home-welcome');
    await welcome.waitFor({ timeout: 30_000 });
    expect(await welcome.innerText()).toContain(name);
    expect(new URL(page.url()).pathname).toBe(home);
    await page.screenshot({ path: path.join(screenshotDir, `home-${label}.png`), fullPage: true });
    // The full ID number is never on screen, not even for the person themself on the home page.
    if (label === 'person') expect(await page.content()).not.toContain(person.idNumber);
    await page.getByTestId('logout').click();
    await page.getByTestId('login-submit').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a Chinese message for a wrong password and stays on the login page', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').fill('henan');
    await page.getByTestId('login-password').fill('Wrong@2024');
    await page.getByTestId('login-submit').click();
    await page.getByText('用户名或密码错误').first().waitFor();
    await page.screenshot({ path: path.join(screenshotDir, 'login-error.png') });
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.close();
  });

  it('shows the people of a bureau in scope, with masked ID numbers', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').fill('zhengzhou');
    await page.getByTestId('login-password').fill('Demo@2024');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-welcome').waitFor();
    await page.goto(`${server.url}/bureau/persons`);
    const table = page.getByTestId('persons-table');
    await table.getByText('郑州市金水区人民医院').first().waitFor();
    const text = await table.innerText();
    expect(text).toMatch(/4101\*{10}\d{3}[\dX]/);
    expect(text).not.toContain('巩义市人民医院');
    expect(text).not.toContain('洛阳市第一高级中学');
    await page.screenshot({ path: path.join(screenshotDir, 'bureau-city-persons.png'), fullPage: true });
    await page.close();
  });
});
