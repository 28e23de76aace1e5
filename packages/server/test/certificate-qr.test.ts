import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeopleListing } from '../src/db/seed/demo.ts';
import { issueDemoCertificates } from '../src/modules/certificates/service.ts';
import { maskName, type CompactPayload } from '../src/modules/certificates/payload.ts';
import { verifySm2 } from '../src/platform/seal.ts';
import { as, createTestApp, login, type TestApp } from './helpers.ts';

// The issue's done-when line, end to end: the PDF a demo holder downloads renders as an image with
// its Chinese text, table, seal and QR code, and the QR code, read back from the pixels like a phone
// would, holds a compact payload that verifies with the issuing bureau's published key (Art. 12, 13).
let t: TestApp;
let dir: string;
let number: string;
let pdfFile: string;
const holder = demoPeopleListing().find((p) => p.unit === 'unit-zzu' && p.status === 'approved')!;

type Rgb = { width: number; height: number; pixels: Buffer };

/** Binary PPM (P6, maxval 255) as pdftoppm writes it by default. */
function parsePpm(bytes: Buffer): Rgb {
  const match = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!match) throw new Error('not an 8-bit binary PPM');
  const width = Number(match[1]);
  const height = Number(match[2]);
  const pixels = bytes.subarray(match[0].length);
  if (pixels.length !== width * height * 3) throw new Error(`PPM size ${pixels.length} ≠ ${width}×${height}×3`);
  return { width, height, pixels };
}

function rgbaOf(img: Rgb): Uint8ClampedArray {
  const out = new Uint8ClampedArray(img.width * img.height * 4);
  for (let i = 0, j = 0; i < img.pixels.length; i += 3, j += 4) {
    out[j] = img.pixels[i]!;
    out[j + 1] = img.pixels[i + 1]!;
    out[j + 2] = img.pixels[i + 2]!;
    out[j + 3] = 255;
  }
  return out;
}

/** Share of pixels in a box (fractions of the page) that satisfy `test(r, g, b)`. */
function share(img: Rgb, box: { x0: number; y0: number; x1: number; y1: number }, test: (r: number, g: number, b: number) => boolean): number {
  let hit = 0;
  let all = 0;
  for (let y = Math.floor(box.y0 * img.height); y < box.y1 * img.height; y += 1) {
    for (let x = Math.floor(box.x0 * img.width); x < box.x1 * img.width; x += 1) {
      const i = (y * img.width + x) * 3;
      all += 1;
      if (test(img.pixels[i]!, img.pixels[i + 1]!, img.pixels[i + 2]!)) hit += 1;
    }
  }
  return hit / all;
}
const dark = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b < 160;
const red = (r: number, g: number, b: number) => r > 150 && g < 110 && b < 110;

function rasterise(file: string): Rgb {
  const out = path.join(dir, 'page');
  execFileSync('pdftoppm', ['-r', '150', '-singlefile', file, out]);
  return parsePpm(fs.readFileSync(`${out}.ppm`));
}

/** Splits `JX1.<b64url compact JSON>.<b64url DER>` into the signed text and a standard-base64 signature. */
function splitQr(text: string): { compactText: string; signature: string } {
  const parts = text.split('.');
  expect(parts).toHaveLength(3);
  expect(parts[0]).toBe('JX1');
  return {
    compactText: Buffer.from(parts[1]!, 'base64url').toString('utf8'),
    signature: Buffer.from(parts[2]!, 'base64url').toString('base64'),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixu-qr-'));
  await issueDemoCertificates(t.app.deps);
  const session = await login(t.app, holder.idNumber);
  expect(session.user.personId).toBeTruthy();
  const row = await t.handle.db.selectFrom('persons').select(['certificate_number', 'name', 'unit_id'])
    .where('id', '=', session.user.personId!).executeTakeFirstOrThrow();
  expect(row).toMatchObject({ name: holder.name, unit_id: 'unit-zzu' });
  number = row.certificate_number!;
  expect(number).toMatch(/^\d{16}$/);
  const res = await as(t.app, session)('GET', `/api/v1/certificates/${number}/pdf`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('application/pdf');
  pdfFile = path.join(dir, 'certificate.pdf');
  fs.writeFileSync(pdfFile, res.rawPayload);
});
afterAll(async () => {
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a demo holder\'s certificate PDF, as an image', () => {
  it('renders the Chinese title, the holder\'s name, the table and the seal', () => {
    const text = execFileSync('pdftotext', [pdfFile, '-']).toString();
    expect(text).toContain('河南省专业技术人员继续教育证书');
    expect(text).toContain(holder.name);
    expect(text).toContain(number);
    expect(text).toContain('完成情况');
    expect(text).not.toContain(holder.idNumber);

    // Pixels, not text: blank CJK glyphs would still extract (see certificate-pdf.test.ts).
    const img = rasterise(pdfFile);
    expect(img.width).toBeGreaterThan(1200); // A4 at 150 dpi: 1240 × 1754
    expect(share(img, { x0: 0.15, y0: 0.08, x1: 0.85, y1: 0.14 }, dark)).toBeGreaterThan(0.04); // title
    expect(share(img, { x0: 0.25, y0: 0.22, x1: 0.7, y1: 0.36 }, dark)).toBeGreaterThan(0.02); // holder block
    expect(share(img, { x0: 0.11, y0: 0.385, x1: 0.89, y1: 0.42 }, dark)).toBeGreaterThan(0.05); // table header
    expect(share(img, { x0: 0.62, y0: 0.72, x1: 0.83, y1: 0.875 }, red)).toBeGreaterThan(0.06); // red seal
    expect(share(img, { x0: 0.1, y0: 0.62, x1: 0.35, y1: 0.89 }, dark)).toBeGreaterThan(0.2); // QR code
  });

  it('carries a QR code that decodes from the pixels to a payload the bureau\'s published key verifies', async () => {
    const img = rasterise(pdfFile);
    const code = jsQR(rgbaOf(img), img.width, img.height);
    expect(code).not.toBeNull();
    const { compactText, signature } = splitQr(code!.data);

    const compact = JSON.parse(compactText) as CompactPayload;
    expect(compact).toMatchObject({ v: 1, n: number, m: maskName(holder.name) });
    expect(compact.m).not.toBe(holder.name);
    expect(code!.data).not.toContain(holder.name);

    // The same compact payload the public verification answer carries.
    const verification = (await as(t.app, undefined)('GET', `/api/v1/certificates/${number}`)).json();
    expect(verification.compact.payload).toBe(compactText);

    const { keys } = (await as(t.app, undefined)('GET', '/api/v1/keys')).json() as { keys: { keyId: string; publicKey: string; owner: string }[] };
    const key = keys.find((k) => k.keyId === compact.k);
    expect(key?.owner).toBe('郑州市人力资源和社会保障局');
    expect(verifySm2(key!.publicKey, compactText, signature)).toBe(true);

    // One changed character, in the number or in the masked name, and the signature no longer holds.
    const last = compactText.indexOf(number) + number.length - 1;
    const forgedNumber = `${compactText.slice(0, last)}${compactText[last] === '9' ? '8' : '9'}${compactText.slice(last + 1)}`;
    expect(forgedNumber).not.toBe(compactText);
    expect(verifySm2(key!.publicKey, forgedNumber, signature)).toBe(false);
    expect(verifySm2(key!.publicKey, compactText.replace(compact.m, `${compact.m.startsWith('李') ? '王' : '李'}${compact.m.slice(1)}`), signature)).toBe(false);
    // Nor does another bureau's key verify it.
    const other = keys.find((k) => k.keyId !== compact.k)!;
    expect(verifySm2(other.publicKey, compactText, signature)).toBe(false);
  });
});
