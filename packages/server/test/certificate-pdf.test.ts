import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { renderCertificatePdf, type CertificatePdfInput } from '../src/modules/certificates/pdf.ts';

// The certificate PDF looked at as an image (pdftoppm), because the known failure of CJK subsetting
// leaves glyphs blank while the text still extracts: only pixels show it. The rendering is compared
// with a reference kept in test/fixtures (regenerate with JIXU_UPDATE_REFERENCE=1 after a deliberate
// change of the layout, and look at it: `pdftoppm -png` of the PDF this test writes to $TMPDIR).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixu-pdf-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const reference = path.resolve(import.meta.dirname, 'fixtures/certificate-reference.pgm.gz');

const input: CertificatePdfInput = {
  number: '4101050000000010', holderName: '张伟', maskedIdNumber: '4101**********1007', unitName: '郑州市金水区人民医院',
  issuerName: '郑州市人力资源和社会保障局', issuedAt: '2026-12-04',
  years: [2024, 2025, 2026].map((year, i) => ({
    year, required: { total: 90, public: 24, professional: 60 },
    earned: { total: 90 + i * 4.5, public: 26, professional: 64 + i * 4.5 }, complete: i !== 2, policyVersion: 'HN-2017',
  })),
  qrText: 'JX1|4101050000000010|张*|2024:1:900,2025:1:945|bureau-4101-test|MEUCIQDtest',
  attachment: '{"payload":{"number":"4101050000000010"},"signature":{"keyId":"bureau-4101-test","value":"MEUCIQDtest"}}',
  keyId: 'bureau-4101-test', verifyUrl: 'https://jixu.example/verify',
};

type Gray = { width: number; height: number; pixels: Buffer };

function parsePgm(bytes: Buffer): Gray {
  const header = bytes.subarray(0, 64).toString('latin1').split(/\s+/);
  const [magic, width, height, max] = header;
  if (magic !== 'P5' || max !== '255') throw new Error('not an 8-bit PGM');
  const headerLength = bytes.indexOf('255', 0, 'latin1') + 4;
  return { width: Number(width), height: Number(height), pixels: bytes.subarray(headerLength) };
}

function rasterise(pdf: Uint8Array): Gray {
  const file = path.join(dir, 'certificate.pdf');
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '36', '-gray', '-singlefile', file, path.join(dir, 'page')]);
  return parsePgm(fs.readFileSync(path.join(dir, 'page.pgm')));
}

/** Share of dark pixels in a box given in fractions of the page. */
function ink(img: Gray, box: { x0: number; y0: number; x1: number; y1: number }): number {
  let dark = 0;
  let all = 0;
  for (let y = Math.floor(box.y0 * img.height); y < box.y1 * img.height; y += 1) {
    for (let x = Math.floor(box.x0 * img.width); x < box.x1 * img.width; x += 1) {
      all += 1;
      if (img.pixels[y * img.width + x]! < 160) dark += 1;
    }
  }
  return dark / all;
}

describe('certificate PDF', () => {
  it('renders Chinese text, the table, the QR code and the seal like the reference rendering', async () => {
    const pdf = await renderCertificatePdf(input);
    const img = rasterise(pdf);
    // Title, holder block, table, QR code, seal: each region has ink (blank CJK glyphs would not).
    expect(ink(img, { x0: 0.15, y0: 0.08, x1: 0.85, y1: 0.14 })).toBeGreaterThan(0.04);
    expect(ink(img, { x0: 0.25, y0: 0.22, x1: 0.7, y1: 0.36 })).toBeGreaterThan(0.02);
    expect(ink(img, { x0: 0.1, y0: 0.62, x1: 0.35, y1: 0.89 })).toBeGreaterThan(0.2);

    if (process.env.JIXU_UPDATE_REFERENCE === '1' || !fs.existsSync(reference)) {
      fs.writeFileSync(reference, zlib.gzipSync(Buffer.concat([Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'latin1'), img.pixels])));
    }
    const ref = parsePgm(zlib.gunzipSync(fs.readFileSync(reference)));
    expect([img.width, img.height]).toEqual([ref.width, ref.height]);
    let differing = 0;
    for (let i = 0; i < ref.pixels.length; i += 1) if (Math.abs(img.pixels[i]! - ref.pixels[i]!) > 48) differing += 1;
    expect(differing / ref.pixels.length).toBeLessThan(0.002);
  });

  it('keeps the text extractable and attaches the signed payload', async () => {
    const pdf = await renderCertificatePdf(input);
    const file = path.join(dir, 'text.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-']).toString();
    expect(text).toContain('河南省专业技术人员继续教育证书');
    expect(text).toContain('4101050000000010');
    expect(text).not.toMatch(/\d{17}[\dX]/);
    const attachments = execFileSync('pdfdetach', ['-list', file]).toString();
    expect(attachments).toContain('payload.json');
  });

  it('renders the same certificate to the same bytes', async () => {
    const a = Buffer.from(await renderCertificatePdf(input));
    const b = Buffer.from(await renderCertificatePdf(input));
    expect(a.equals(b)).toBe(true);
  });
});
