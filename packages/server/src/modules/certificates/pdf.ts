import { degrees, PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { cjkFonts, fontkitAdapter } from '../../platform/pdf-fonts.ts';

// The certificate as an A4 PDF (Art. 1, 13: an electronic certificate carrying the issuing bureau's
// electronic seal). Chinese text in Noto Sans SC embedded as a subset; the yearly table; a QR code
// for offline verification; the seal drawn in vector form; the signed payload attached as a file.
export type CertificateYear = {
  year: number;
  required: { total: number; public: number; professional: number };
  earned: { total: number; public: number; professional: number };
  complete: boolean;
  policyVersion: string;
};

export type CertificatePdfInput = {
  number: string;
  holderName: string;
  maskedIdNumber: string;
  unitName: string;
  issuerName: string;
  issuedAt: string; // YYYY-MM-DD (Asia/Shanghai)
  years: CertificateYear[];
  /** What the QR code holds (the compact signed payload). */
  qrText: string;
  /** The signed payload and its signature, attached to the PDF as payload.json. */
  attachment: string;
  keyId: string;
  verifyUrl: string;
};

const RED = rgb(0.78, 0.09, 0.11);
const INK = rgb(0.1, 0.1, 0.12);
const GREY = rgb(0.42, 0.42, 0.46);
const GOLD = rgb(0.72, 0.55, 0.2);
const A4 = { width: 595.28, height: 841.89 };

const fmt = (tenthsOrHours: number) => (Number.isInteger(tenthsOrHours) ? String(tenthsOrHours) : tenthsOrHours.toFixed(1));

function centered(page: PDFPage, text: string, options: { y: number; font: PDFFont; size: number; color?: ReturnType<typeof rgb> }) {
  const width = options.font.widthOfTextAtSize(text, options.size);
  page.drawText(text, { x: (A4.width - width) / 2, y: options.y, font: options.font, size: options.size, color: options.color ?? INK });
}

/** The bureau's round seal: red ring, the bureau's name along the upper arc, a star, "电子印章". */
function drawSeal(page: PDFPage, options: { cx: number; cy: number; r: number; name: string; font: PDFFont; bold: PDFFont }) {
  const { cx, cy, r } = options;
  page.drawCircle({ x: cx, y: cy, size: r, borderColor: RED, borderWidth: 3, opacity: 0, borderOpacity: 0.9 });
  page.drawCircle({ x: cx, y: cy, size: r - 5, borderColor: RED, borderWidth: 0.8, opacity: 0, borderOpacity: 0.9 });
  const chars = [...options.name];
  const rr = r - 18;
  const size = Math.min(12, (Math.PI * 1.25 * rr) / chars.length);
  const span = Math.min(Math.PI * 1.25, (chars.length * size * 1.05) / rr);
  chars.forEach((ch, i) => {
    // From left to right along the top arc, each glyph upright relative to the circle.
    const angle = Math.PI / 2 + span / 2 - (span * (i + 0.5)) / chars.length;
    const x = cx + rr * Math.cos(angle);
    const y = cy + rr * Math.sin(angle);
    const rot = angle - Math.PI / 2;
    const dx = (size / 2) * Math.cos(rot);
    const dy = (size / 2) * Math.sin(rot);
    page.drawText(ch, { x: x - dx + (size / 3) * Math.sin(rot), y: y - dy - (size / 3) * Math.cos(rot), size, font: options.bold, color: RED, rotate: degrees((rot * 180) / Math.PI) });
  });
  // Five-pointed star.
  const star: [number, number][] = [];
  for (let k = 0; k < 10; k += 1) {
    const rad = k % 2 === 0 ? r * 0.28 : r * 0.11;
    const a = Math.PI / 2 + (k * Math.PI) / 5;
    star.push([cx + rad * Math.cos(a), cy + rad * Math.sin(a)]);
  }
  const path = `M ${star.map(([x, y]) => `${x - cx} ${cy - y}`).join(' L ')} Z`;
  page.drawSvgPath(path, { x: cx, y: cy, color: RED, opacity: 0.9 });
  const label = '电子印章';
  page.drawText(label, { x: cx - options.font.widthOfTextAtSize(label, 9) / 2, y: cy - r * 0.55, size: 9, font: options.font, color: RED });
}

export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  // Fixed document dates: the same certificate renders to the same bytes (reference-rendering tests).
  const issued = new Date(`${input.issuedAt}T00:00:00+08:00`);
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  doc.registerFontkit(fontkitAdapter);
  doc.setTitle(`继续教育证书 ${input.number}`);
  doc.setSubject('河南省专业技术人员继续教育证书');
  doc.setProducer('Jixu 继续教育证书管理平台');
  doc.setCreator('Jixu');
  const fonts = cjkFonts();
  const font = await doc.embedFont(fonts.regular, { subset: true });
  const bold = await doc.embedFont(fonts.bold, { subset: true });
  const page = doc.addPage([A4.width, A4.height]);

  // Frame.
  page.drawRectangle({ x: 24, y: 24, width: A4.width - 48, height: A4.height - 48, borderColor: GOLD, borderWidth: 2.5 });
  page.drawRectangle({ x: 32, y: 32, width: A4.width - 64, height: A4.height - 64, borderColor: GOLD, borderWidth: 0.8 });

  centered(page, '河南省专业技术人员继续教育证书', { y: 740, font: bold, size: 24, color: RED });
  centered(page, 'CERTIFICATE OF CONTINUING EDUCATION · HENAN', { y: 716, font, size: 9, color: GREY });
  centered(page, `证书管理号码：${input.number}`, { y: 684, font: bold, size: 13 });

  // Holder block.
  const rows: [string, string][] = [
    ['姓　　名', input.holderName],
    ['身份证号', input.maskedIdNumber],
    ['工作单位', input.unitName],
    ['发证机关', input.issuerName],
    ['签发日期', input.issuedAt],
  ];
  let y = 640;
  for (const [label, value] of rows) {
    page.drawText(label, { x: 80, y, font: bold, size: 12, color: GREY });
    page.drawText(value, { x: 160, y, font, size: 12, color: INK });
    y -= 26;
  }

  // Yearly table.
  const cols = [
    { title: '年度', w: 50 }, { title: '应修学时', w: 70 }, { title: '公需科目', w: 70 }, { title: '专业科目', w: 70 },
    { title: '合计', w: 60 }, { title: '完成情况', w: 70 }, { title: '政策版本', w: 80 },
  ];
  const left = 62;
  const tableWidth = cols.reduce((s, c) => s + c.w, 0);
  y -= 10;
  page.drawRectangle({ x: left, y: y - 8, width: tableWidth, height: 26, color: rgb(0.98, 0.94, 0.92), borderColor: GOLD, borderWidth: 0.8 });
  let x = left;
  for (const c of cols) {
    page.drawText(c.title, { x: x + (c.w - bold.widthOfTextAtSize(c.title, 10.5)) / 2, y, font: bold, size: 10.5, color: INK });
    x += c.w;
  }
  for (const yr of input.years) {
    y -= 26;
    page.drawRectangle({ x: left, y: y - 8, width: tableWidth, height: 26, borderColor: GOLD, borderWidth: 0.5 });
    const cells = [
      String(yr.year), fmt(yr.required.total), fmt(yr.earned.public), fmt(yr.earned.professional), fmt(yr.earned.total),
      yr.complete ? '已完成' : '未完成', yr.policyVersion,
    ];
    x = left;
    cells.forEach((text, i) => {
      const c = cols[i]!;
      const color = i === 5 ? (yr.complete ? rgb(0.1, 0.5, 0.2) : RED) : INK;
      page.drawText(text, { x: x + (c.w - font.widthOfTextAtSize(text, 10.5)) / 2, y, font, size: 10.5, color });
      x += c.w;
    });
  }
  if (input.years.length === 0) {
    y -= 26;
    centered(page, '暂无已核定的年度学时记录', { y, font, size: 10.5, color: GREY });
  }

  // QR code (bottom left) and seal (bottom right).
  const qrPng = await QRCode.toBuffer(input.qrText, { errorCorrectionLevel: 'M', margin: 1, width: 360 });
  const qr = await doc.embedPng(qrPng);
  page.drawImage(qr, { x: 70, y: 96, width: 130, height: 130 });
  page.drawText('扫码离线核验', { x: 100, y: 80, font, size: 9, color: GREY });
  drawSeal(page, { cx: 430, cy: 170, r: 62, name: input.issuerName, font, bold });
  page.drawText(input.issuedAt, { x: 400, y: 92, font, size: 10, color: INK });

  const note = `依据《河南省专业技术人员继续教育证书管理办法》(豫人社〔2017〕121号)签发。本证书经 SM2 电子印章签名（${input.keyId}），可访问 ${input.verifyUrl} 核验。`;
  const words = [...note];
  let line = '';
  let ny = 56;
  const lines: string[] = [];
  for (const ch of words) {
    if (font.widthOfTextAtSize(line + ch, 8) > A4.width - 120) { lines.push(line); line = ''; }
    line += ch;
  }
  lines.push(line);
  for (const l of lines.reverse()) { page.drawText(l, { x: 60, y: ny, font, size: 8, color: GREY }); ny += 11; }

  await doc.attach(Buffer.from(input.attachment, 'utf8'), 'payload.json', {
    mimeType: 'application/json',
    description: '签名的证书数据（RFC 8785 规范化 JSON 与 SM2 签名）',
  });
  return doc.save();
}
