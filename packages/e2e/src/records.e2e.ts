import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeopleListing } from '../../server/src/db/seed/demo.ts';
import { openBrowser, screenshotDir, startServer, type Server } from './harness.ts';

// Issue 5 (records), done-when: a demo person declares a conference with a paper presented, uploads
// its evidence (a real PDF and PNG made here) and submits; the unit approves it in 学时初审; the
// professional record is verified by the unit's industry authority (省卫健委) in 学时核定; the person
// sees 已核定 and the year's professional hours move. The server's logs hold no ID number.
//
// 杨帆 of 郑州市金水区人民医院 (authority: 河南省卫生健康委员会) has no professional hours in the demo's
// current year, so the verified record shows plainly on the yearly status. The declaration window of
// the current year is open until 31 January of the next (HN-2017 Art. 10, provisional).
let server: Server;
let browser: Awaited<ReturnType<typeof openBrowser>>;
const errors: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(screenshotDir, { recursive: true });
  // Info-level logs: the privacy check at the end searches everything the server wrote.
  server = await startServer({ LOG_LEVEL: 'info' });
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const DEMO_PASSWORD = 'Demo@2024';
const demo = demoPeopleListing();
const person = demo.find((p) => p.name === '杨帆')!;
const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const content = '河南省医学会心血管病学年会，交流论文《基层胸痛中心建设实践》';

// --- Real files, made here: a one-page PDF and a small PNG --------------------------------------------

function pdfFile(text: string): Buffer {
  const stream = `BT /F1 24 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    let c = (crc ^ byte) & 0xff;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function pngFile(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = y * (width * 3 + 1) + 1 + x * 3;
      raw[i] = 30 + Math.floor((x * 200) / width);
      raw[i + 1] = 80 + Math.floor((y * 150) / height);
      raw[i + 2] = 160;
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', zlib.deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

// --- Browser helpers -------------------------------------------------------------------------------

const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: path.join(screenshotDir, `records-${name}.png`), fullPage, animations: 'disabled' });

async function loginAs(username: string): Promise<Page> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  // A CSP violation (the PDF worker or its data from anywhere but our origin) is an error too.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('header-user').waitFor();
  return page;
}

/** An Ant Design DatePicker: type the date and confirm. */
async function fillDate(page: Page, testId: string, date: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** The yearly status' professional and total hours (the rings' big numbers). */
async function yearHours(page: Page): Promise<{ professional: number; total: number }> {
  await page.goto(`${server.url}/person/years`);
  await page.getByTestId('year-summary').waitFor();
  // The ring reads "<earned>\n应修 <required>\n<title>": the first number is what was earned.
  const read = async (testId: string) => Number(/[\d.]+/.exec(await page.getByTestId(testId).innerText())?.[0]);
  return { professional: await read('ring-professional'), total: await read('ring-total') };
}

let recordId = '';
let before = { professional: 0, total: 0 };

describe('records: declare, evidence, unit pre-review, authority verification', () => {
  it('the person declares a conference with a paper and sees the hours the policy gave', async () => {
    const page = await loginAs(person.idNumber);
    before = await yearHours(page);
    await shot(page, '01-year-before');

    await page.goto(`${server.url}/person/records`);
    await page.getByTestId('record-declare').click();
    await page.getByTestId('record-kind').waitFor();
    await page.getByTestId('record-kind').click();
    await page.keyboard.type('学术会议');
    await page.locator('.ant-select-item-option', { hasText: '学术会议' }).first().click();
    await page.getByTestId('calc-level').getByText('省级').click();
    await page.getByTestId('calc-days').fill('2');
    await page.getByTestId('calc-presented').click();
    await fillDate(page, 'record-startedOn', `${year}-11-20`);
    await fillDate(page, 'record-endedOn', `${year}-11-21`);
    await page.getByTestId('record-content').fill(content);
    // The public calculator previews the hours while the form is filled.
    await expect.poll(() => page.getByTestId('record-form-preview').innerText().catch(() => '')).toContain('14 学时');
    await shot(page, '02-declare-form', false);
    await page.getByTestId('record-form-submit').click();

    const drawer = page.getByTestId('record-drawer');
    await drawer.getByTestId('record-summary').waitFor();
    // Provincial conference, 2 days × 6 hours + 2 for the paper: 14 hours under 7(4) (provisional values).
    expect(await drawer.getByTestId('record-hours').innerText()).toBe('14学时');
    expect(await drawer.getByTestId('record-explanation').innerText()).toContain('7(4)');
    expect(await drawer.getByTestId('record-state').first().innerText()).toBe('草稿');
    recordId = (await page.getByTestId('record-row').filter({ hasText: content }).first().getAttribute('data-record-id')) ?? '';
    expect(recordId).not.toBe('');
    // The record's ID never travels in a URL with personal data; the person's ID number is nowhere on the page.
    expect(await page.content()).not.toContain(person.idNumber);
    await page.close();
  });

  it('uploads the evidence (PDF and PNG), is told what is missing, and submits', async () => {
    const page = await loginAs(person.idNumber);
    await page.goto(`${server.url}/person/records`);
    await page.locator(`[data-testid="record-row"][data-record-id="${recordId}"]`).click();
    const drawer = page.getByTestId('record-drawer');
    await drawer.getByTestId('evidence-panel').waitFor();

    // Submitting without the documents is refused with the server's list of what is missing.
    await drawer.getByTestId('record-submit').click();
    await expect.poll(() => drawer.getByTestId('record-problem').innerText().catch(() => '')).toContain('会议通知');
    expect(await drawer.getByTestId('evidence-missing').innerText()).toContain('会议交流论文（报告）');

    const input = drawer.getByTestId('evidence-upload').locator('input[type=file]');
    // A file that is not PDF/JPEG/PNG/OFD by its content: the server's 415 detail is shown.
    await input.setInputFiles({ name: '会议通知.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>not a pdf</html>') });
    await expect.poll(() => drawer.getByTestId('evidence-error').innerText().catch(() => '')).toContain('会议通知.pdf');

    // The type offered first is the first document still missing: notice, unit proof, then the paper.
    const uploads: { type: string; file: { name: string; mimeType: string; buffer: Buffer } }[] = [
      { type: 'conference_notice', file: { name: '会议通知.pdf', mimeType: 'application/pdf', buffer: pdfFile('Conference notice') } },
      { type: 'unit_proof', file: { name: '单位证明.pdf', mimeType: 'application/pdf', buffer: pdfFile('Unit proof') } },
      { type: 'conference_paper', file: { name: '交流论文首页.png', mimeType: 'image/png', buffer: pngFile(320, 200) } },
    ];
    for (const [index, upload] of uploads.entries()) {
      await input.setInputFiles(upload.file);
      await expect.poll(() => drawer.getByTestId('evidence-item').count()).toBe(index + 1);
      await drawer.locator(`[data-testid="evidence-item"][data-evidence-type="${upload.type}"]`).waitFor();
    }
    for (const type of ['conference_notice', 'unit_proof', 'conference_paper']) {
      await expect.poll(() => drawer.getByTestId(`evidence-required-${type}`).getAttribute('class')).toContain('success');
    }
    expect(await drawer.getByTestId('evidence-missing').count()).toBe(0);
    // The PNG shows as a thumbnail (an object URL of the fetched bytes).
    await expect.poll(() => drawer.getByTestId('evidence-thumbnail').locator('img').getAttribute('src')).toMatch(/^blob:/);
    await shot(page, '03-evidence', false);

    // The PDF opens in the inline viewer: pdf.js draws the page onto a canvas (no plugin, no frame, no
    // active content), its worker served from our own origin under the page's CSP.
    await drawer.getByTestId('evidence-preview').first().click();
    const viewer = page.getByTestId('evidence-pdf-viewer');
    await viewer.waitFor();
    const canvas = viewer.getByTestId('pdf-canvas');
    await expect.poll(() => canvas.getAttribute('data-rendered-page'), { timeout: 20_000 }).toBe('1');
    expect(await viewer.getByTestId('pdf-page').innerText()).toBe('第 1 / 1 页');
    expect(await page.locator('iframe, embed, object').count()).toBe(0);
    // The pixels, read in the page: an A4 page at the device's pixel ratio, white with dark text.
    // The e2e project has no DOM typings: the page's globals are described as far as the test reads them.
    type Canvas = {
      width: number; height: number; clientWidth: number;
      getContext: (kind: '2d') => { getImageData: (x: number, y: number, w: number, h: number) => { data: Uint8ClampedArray } } | null;
    };
    type PageGlobals = { document: { querySelector: (selector: string) => Canvas | null }; devicePixelRatio: number };
    const drawn = () =>
      page.evaluate(() => {
        const window = globalThis as unknown as PageGlobals;
        const element = window.document.querySelector('[data-testid="evidence-pdf-viewer"] [data-testid="pdf-canvas"]')!;
        const { data } = element.getContext('2d')!.getImageData(0, 0, element.width, element.height);
        let white = 0;
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) {
          const level = data[i]! + data[i + 1]! + data[i + 2]!;
          if (level >= 3 * 250) white += 1;
          else if (level < 3 * 100) dark += 1;
        }
        return { width: element.width, height: element.height, cssWidth: element.clientWidth, ratio: window.devicePixelRatio, white, dark };
      });
    const pixels = await drawn();
    expect(pixels.width).toBe(Math.floor(pixels.cssWidth * pixels.ratio));
    expect(pixels.height / pixels.width).toBeCloseTo(842 / 595, 1);
    expect(pixels.white).toBeGreaterThan(pixels.width * pixels.height * 0.9);
    expect(pixels.dark, 'the page text is drawn').toBeGreaterThan(200);
    await shot(page, '03b-pdf-preview', false);
    // Zoom redraws the page larger.
    await viewer.getByTestId('pdf-zoom-in').click();
    await expect.poll(() => viewer.getByTestId('pdf-zoom').innerText()).toBe('125%');
    await expect.poll(async () => (await drawn()).width).toBeGreaterThan(pixels.width);
    await page.locator('.ant-modal-close').last().click();

    // The refusal for missing documents went away once the files changed (no 30 s wait for a close icon).
    await expect.poll(() => drawer.getByTestId('record-problem').count()).toBe(0);
    await drawer.getByTestId('record-submit').click();
    await expect.poll(() => drawer.getByTestId('record-state').first().innerText()).toBe('待单位初审');
    expect(await drawer.getByTestId('record-holder').innerText()).toContain('郑州市金水区人民医院（初审）');
    // Submitted: the evidence is no longer editable and the person may still withdraw.
    expect(await drawer.getByTestId('evidence-upload').count()).toBe(0);
    expect(await drawer.getByTestId('record-withdraw').count()).toBe(1);
    await expect.poll(() => drawer.getByTestId('record-timeline-item').count()).toBe(2);
    await shot(page, '04-submitted', false);
    await page.close();
  });

  it('the unit approves it in 学时初审', async () => {
    const page = await loginAs('unit-zzu');
    await page.goto(`${server.url}/unit/review`);
    const row = page.locator(`[data-testid="review-row"][data-record-id="${recordId}"]`);
    await row.waitFor();
    await row.click();
    const pane = page.getByTestId('review-pane');
    await pane.getByTestId('review-approve').click();
    await expect.poll(() => page.locator(`[data-testid="review-row"][data-record-id="${recordId}"]`).count()).toBe(0);
    await shot(page, '05-unit-approved');
    await page.close();
  });

  it('the industry authority verifies the professional record in 学时核定', async () => {
    const page = await loginAs('weijian');
    await page.goto(`${server.url}/authority/review`);
    const row = page.locator(`[data-testid="review-row"][data-record-id="${recordId}"]`);
    await row.waitFor();
    await row.click();
    await shot(page, '06-authority-queue');
    await page.getByTestId('review-pane').getByTestId('review-verify').click();
    await expect.poll(() => page.locator(`[data-testid="review-row"][data-record-id="${recordId}"]`).count()).toBe(0);
    await shot(page, '07-verified');
    await page.close();
  });

  it('the person sees 已核定, every step, and the year moves', async () => {
    const page = await loginAs(person.idNumber);
    await page.goto(`${server.url}/person/records`);
    const row = page.locator(`[data-testid="record-row"][data-record-id="${recordId}"]`);
    expect(await row.getByTestId('record-state').innerText()).toBe('已核定');
    await row.click();
    const drawer = page.getByTestId('record-drawer');
    await expect.poll(() => drawer.getByTestId('record-timeline-item').count()).toBe(4);
    const timeline = await drawer.getByTestId('record-timeline').innerText();
    for (const words of ['申报（草稿）', '提交', '初审通过', '郑州市金水区人民医院', '核定', '河南省卫生健康委员会']) expect(timeline).toContain(words);
    expect(await drawer.getByTestId('record-actions').locator('button').count()).toBe(0);
    await shot(page, '08-person-verified', false);

    const after = await yearHours(page);
    expect(after.professional).toBe(before.professional + 14);
    expect(after.total).toBe(before.total + 14);
    await shot(page, '09-year-after');
    await page.close();
  });

  it('left no page errors and no ID number in the server logs', () => {
    expect(errors).toEqual([]);
    const logs = server.logs();
    expect(logs).toContain('"msg":"request completed"');
    for (const p of demo) expect(logs.includes(p.idNumber), `logs hold ${p.name}'s ID number`).toBe(false);
  });
});
