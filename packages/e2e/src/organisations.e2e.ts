import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { checkCharOfUscc } from '@jixu/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshotDir, startServer, type Server } from './harness.ts';

// Issue 3, item 12 (organisations): unit and provider self-registration with the bureau's approval
// and filing queues; organisation trees in scope (a Zhengzhou city bureau does not see the unit of
// the province-administered Gongyi); account pages (a unit admin creates an account and resets its
// password); TOTP enrolment with a QR code and the 动态验证码 step at login; forced enrolment under
// JIXU_REQUIRE_2FA=1.
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

const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage, animations: 'disabled' });

/** A GB 32100 code with a valid check character: registering region Jinshui (410105). */
const uscc = (body9: string) => {
  const first17 = `12410105${body9}`;
  return first17 + checkCharOfUscc(first17);
};

// RFC 6238 (SHA-1, 6 digits, 30 s) from a base32 secret, as an authenticator app computes it.
function totp(secret: string, unixMs: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixMs / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

async function newPage(): Promise<Page> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

async function fillLogin(page: Page, username: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

async function loginAs(username: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await newPage();
  await fillLogin(page, username, password);
  await page.getByTestId('header-user').waitFor();
  return page;
}

async function openMenu(page: Page, label: string) {
  await page.getByTestId('side-menu').getByText(label, { exact: true }).click();
}

async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first().click();
  // The next Select's options must not be looked for in this one's closing dropdown.
  await expect.poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
}

async function cascade(page: Page, testId: string, labels: string[]) {
  await page.getByTestId(testId).click();
  for (const label of labels) {
    await page.locator(`.ant-cascader-dropdown:not(.ant-select-dropdown-hidden) .ant-cascader-menu-item[title="${label}"]`).click();
  }
  await page.keyboard.press('Escape');
}

async function confirmPopover(page: Page, okText: string) {
  await page.locator('.ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons').getByRole('button', { name: okText }).click();
}

const row = (page: Page, tableTestId: string, text: string) => page.getByTestId(tableTestId).locator('tr', { hasText: text });

async function fillOrgForm(page: Page, org: { name: string; uscc: string; admin: string; password: string }) {
  await page.getByTestId('org-name').fill(org.name);
  await page.getByTestId('org-uscc').fill(org.uscc);
  await cascade(page, 'org-region', ['郑州市', '金水区']);
  await page.getByTestId('org-contactName').fill('刘联系');
  await page.getByTestId('org-contactPhone').fill('13700001111');
  await page.getByTestId('org-adminUsername').fill(org.admin);
  await page.getByTestId('org-adminName').fill(`${org.name}管理员`);
  await page.getByTestId('reg-adminPassword').fill(org.password);
  await page.getByTestId('reg-adminPassword-confirm').fill(org.password);
}

describe('units and providers register; bureaus approve and file them', () => {
  const unit = { name: '郑州市金水区社区卫生服务中心', uscc: uscc('MB1234567'), admin: 'jinshui-chc', password: 'Chc#2024unit' };
  const provider = { name: '郑州卫生职业培训学校', uscc: uscc('MB7654321'), admin: 'zz-health-school', password: 'Sch#2024prov' };

  it('a unit registers itself from the login page', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('link-register-unit').click();
    await page.getByTestId('register-unit').waitFor();
    await fillOrgForm(page, unit);
    await page.getByTestId('org-address').fill('郑州市金水区经三路 1 号');
    await pick(page, 'org-industry', '卫生健康');
    await pick(page, 'org-authority', '郑州市卫生健康委员会');
    await shot(page, 'register-unit');
    await page.getByTestId('register-submit').click();
    await page.getByTestId('register-success').waitFor();
    await page.close();
  });

  it('a provider registers itself', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/register/provider`);
    await fillOrgForm(page, provider);
    await shot(page, 'register-provider');
    await page.getByTestId('register-submit').click();
    await page.getByTestId('register-success').waitFor();
    await page.close();
  });

  it('the unit admin logs in at once and sees the unit is waiting', async () => {
    const page = await loginAs(unit.admin, unit.password);
    expect(await page.getByTestId('org-status').innerText()).toContain('审核中');
    await page.close();
  });

  it('the supervising bureau approves the unit in 单位审核, then people can pick it', async () => {
    const page = await loginAs('jinshui');
    await openMenu(page, '单位审核');
    const pending = row(page, 'units-table', unit.name);
    await pending.waitFor();
    expect(await pending.innerText()).toContain(unit.uscc);
    await shot(page, 'bureau-units');
    await pending.getByTestId('org-approve').click();
    await confirmPopover(page, '通过');
    await page.locator('.ant-message').getByText(`“${unit.name}”已通过`).waitFor();
    await page.close();

    const found = (await (await fetch(`${server.url}/api/v1/units/search?regionCode=410105&q=${encodeURIComponent('社区卫生')}`)).json()) as {
      items: { name: string }[];
    };
    expect(found.items.map((u) => u.name)).toContain(unit.name);
  });

  it('the bureau files the provider in 机构备案 (a rejection needs a reason)', async () => {
    const page = await loginAs('jinshui');
    await openMenu(page, '机构备案');
    const pending = row(page, 'providers-table', provider.name);
    await pending.waitFor();
    await pending.getByTestId('org-reject').click();
    await page.getByTestId('org-reject-reason-ok').click();
    await page.getByText('请填写退回原因').waitFor();
    await page.keyboard.press('Escape');
    await shot(page, 'bureau-providers');
    await pending.getByTestId('org-approve').click();
    await confirmPopover(page, '备案');
    await page.locator('.ant-message').getByText(`“${provider.name}”已备案`).waitFor();
    await pick(page, 'orgs-status', '已备案');
    await row(page, 'providers-table', provider.name).getByText('已备案').waitFor();
    await page.close();
  });
});

describe('organisation trees in scope', () => {
  it('a Zhengzhou city bureau does not see the Gongyi unit in its tree', async () => {
    const page = await loginAs('zhengzhou');
    await openMenu(page, '组织架构');
    const tree = page.getByTestId('org-tree');
    await tree.waitFor();
    await page.getByTestId('tree-expand-all').click();
    await tree.getByText('郑州市金水区人民医院').waitFor();
    const text = await tree.innerText();
    expect(text).not.toContain('巩义市人民医院');
    expect(text).not.toContain('洛阳市第一高级中学');
    await page.getByTestId('tree-search').locator('input').fill('人民医院');
    await page.getByTestId('tree-search').locator('input').press('Enter');
    await tree.getByText('郑州市金水区人民医院').click();
    await page.getByTestId('org-details').getByText('郑州市卫生健康委员会').waitFor();
    expect(await tree.innerText()).not.toContain('巩义市人民医院');
    await shot(page, 'bureau-tree');
    await page.close();
  });

  it('the provincial bureau does see it (the same search can fail)', async () => {
    const page = await loginAs('henan');
    await openMenu(page, '组织架构');
    await page.getByTestId('tree-search').locator('input').fill('人民医院');
    await page.getByTestId('tree-search').locator('input').press('Enter');
    await page.getByTestId('org-tree').getByText('巩义市人民医院').waitFor();
    await page.close();
  });

  it('an authority sees its tree', async () => {
    const page = await loginAs('weijian');
    await openMenu(page, '组织架构');
    await page.getByTestId('org-tree').waitFor();
    await shot(page, 'authority-tree');
    await page.close();
  });
});

describe('account pages', () => {
  it('a unit admin creates an account and resets its password', async () => {
    const page = await loginAs('unit-zzu');
    await openMenu(page, '账户管理');
    await page.getByTestId('account-create').click();
    await page.getByTestId('account-username').fill('zzu-clerk');
    await page.getByTestId('account-name').fill('金水医院经办人');
    await page.getByTestId('account-create-ok').click();
    const first = (await page.getByTestId('temporary-password').innerText()).trim();
    expect(first.length).toBeGreaterThanOrEqual(8);
    await shot(page, 'unit-account-created', false);
    await page.getByTestId('temporary-password-modal').getByRole('button', { name: '我已记下' }).click();

    const clerk = row(page, 'accounts-table', 'zzu-clerk');
    await clerk.getByText('待改密').waitFor();
    await clerk.getByTestId('account-reset').click();
    await page.getByTestId('account-reset-ok').click();
    const second = (await page.getByTestId('temporary-password').innerText()).trim();
    expect(second).not.toBe(first);
    await page.getByTestId('temporary-password-modal').getByRole('button', { name: '我已记下' }).click();
    // Shown once: gone from the page when the modal closes.
    await page.getByTestId('temporary-password').waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(second);
    await shot(page, 'unit-accounts');
    await page.close();

    // The old temporary password is dead; the new one must be changed at first login.
    const old = await newPage();
    await fillLogin(old, 'zzu-clerk', first);
    await old.getByTestId('login-error').waitFor();
    await old.close();
    const fresh = await newPage();
    await fillLogin(fresh, 'zzu-clerk', second);
    await fresh.getByTestId('must-change-password').waitFor();
    expect(new URL(fresh.url()).pathname).toBe('/unit/security');
    await fresh.close();
  });

  it('the admin and a bureau see their account pages', async () => {
    for (const [username, name] of [['admin', 'admin-accounts'], ['zhengzhou', 'bureau-accounts']] as const) {
      const page = await loginAs(username);
      await openMenu(page, '账户管理');
      await page.getByTestId('accounts-table').locator('.ant-table-row').first().waitFor();
      await shot(page, name);
      await page.close();
    }
  });
});

describe('second factor (TOTP)', () => {
  it('a bureau enrols with the QR code and then logs in with a 动态验证码', async () => {
    const page = await loginAs('luoyang');
    await openMenu(page, '账户安全');
    await page.getByTestId('totp-setup').click();
    await page.getByTestId('totp-qr').waitFor();
    const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    await shot(page, 'security-totp');
    await page.getByTestId('totp-enable-code').fill(totp(secret, Date.now()));
    await page.getByTestId('totp-enable').click();
    await page.locator('.ant-message').getByText('动态口令已启用').waitFor();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-submit').waitFor();

    await fillLogin(page, 'luoyang', DEMO_PASSWORD);
    await page.getByTestId('login-totp').waitFor();
    await shot(page, 'login-totp');
    await page.getByTestId('login-totp').fill('000000' === totp(secret, Date.now()) ? '111111' : '000000');
    await page.getByTestId('login-submit').click();
    await page.getByText('动态验证码不正确').waitFor();
    // The next step's code: the one used to enable may not be used twice (RFC 6238 §5.2).
    await page.getByTestId('login-totp').fill(totp(secret, Date.now() + 30_000));
    await page.getByTestId('login-submit').click();
    // Back in the bureau's area (on the page it left, 账户安全, which now shows TOTP as enabled).
    await page.getByTestId('header-user').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/bureau/);
    await page.goto(`${server.url}/bureau/security`);
    await page.getByTestId('totp-card').getByText('已启用').waitFor();
    await shot(page, 'security-totp-enabled');
    await page.close();
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});

/**
 * On a PostgreSQL run (DATABASE_URL set) a second server needs a database of its own: it has its own
 * data folder, so its keys could not read the personal data the first server encrypted.
 */
async function ownDatabase(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { env: {}, drop: async () => {} };
  const { default: pg } = await import('pg');
  const name = `jixu_e2e_2fa_${Date.now()}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await run(`CREATE DATABASE ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  return { env: { DATABASE_URL: own.toString() }, drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

describe('JIXU_REQUIRE_2FA=1: reviewers must enrol first', () => {
  let strict: Server;
  let database: Awaited<ReturnType<typeof ownDatabase>>;
  beforeAll(async () => {
    database = await ownDatabase();
    strict = await startServer({ JIXU_REQUIRE_2FA: '1', ...database.env });
  });
  afterAll(async () => {
    await strict?.stop();
    await database?.drop();
  });

  it('an authority account is kept on 账户安全 until it has enrolled', async () => {
    const page = await newPage();
    await page.goto(`${strict.url}/login`);
    await page.getByTestId('login-username').fill('weijian');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('must-enrol-totp').waitFor();
    expect(new URL(page.url()).pathname).toBe('/authority/security');
    await page.goto(`${strict.url}/authority/tree`);
    await page.getByTestId('must-enrol-totp').waitFor();
    expect(new URL(page.url()).pathname).toBe('/authority/security');
    await shot(page, 'security-must-enrol');

    await page.getByTestId('totp-setup').click();
    const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    await page.getByTestId('totp-enable-code').fill(totp(secret, Date.now()));
    await page.getByTestId('totp-enable').click();
    await page.getByTestId('home-welcome').waitFor();
    expect(new URL(page.url()).pathname).toBe('/authority');
    expect(errors).toEqual([]);
    await page.close();
  });
});
