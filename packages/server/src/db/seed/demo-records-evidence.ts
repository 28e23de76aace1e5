import { deflateSync, crc32 } from 'node:zlib';
import { review } from '@jixu/domain';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { BlobStore } from '../../platform/storage/index.ts';
import { receiveEvidence, type ReceivedEvidence } from '../../platform/storage/index.ts';

// Evidence files of the demo records (Art. 10): one small, real file per evidence type — a one-page
// PDF, or a PNG "scan" for covers and certificates — stored through the evidence BlobStore the way an
// upload is (receiveEvidence: content sniffed, name sanitised, blob durable before any row points at
// it). Content-addressed: the rows of many records share each blob. Built before the seed's
// transaction (file first, row second, docs/evidence.md), in parallel, in a few tens of milliseconds.

export type DemoEvidenceFile = Pick<ReceivedEvidence, 'key' | 'size' | 'type' | 'fileName'>;
export type DemoEvidenceFiles = ReadonlyMap<review.EvidenceType, DemoEvidenceFile>;

/** Types a phone photo or scanner image is the usual form of. */
const AS_IMAGE = new Set<review.EvidenceType>(['book_cover', 'journal_cover', 'award_certificate', 'patent_certificate']);

const ascii = (type: review.EvidenceType) => type.replace(/_/g, ' ');

/** A one-page A5 PDF (standard font: no font file to embed), without dates so the bytes never change. */
async function pdfOf(type: review.EvidenceType): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([420, 595]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  page.drawRectangle({ x: 24, y: 24, width: 372, height: 547, borderColor: rgb(0.55, 0.1, 0.1), borderWidth: 1.5 });
  page.drawText('Jixu demo evidence', { x: 48, y: 530, size: 18, font: bold, color: rgb(0.55, 0.1, 0.1) });
  page.drawText(`Document: ${ascii(type)}`, { x: 48, y: 500, size: 12, font });
  page.drawText('Henan continuing education records (demo data).', { x: 48, y: 480, size: 10, font });
  page.drawText('This file was generated for the demonstration; it is not a real document.', { x: 48, y: 466, size: 8, font, color: rgb(0.4, 0.4, 0.4) });
  for (let i = 0; i < 12; i += 1) page.drawLine({ start: { x: 48, y: 430 - i * 22 }, end: { x: 48 + 320 - (i % 3) * 60, y: 430 - i * 22 }, thickness: 0.6, color: rgb(0.75, 0.75, 0.75) });
  page.drawEllipse({ x: 320, y: 90, xScale: 42, yScale: 42, borderColor: rgb(0.8, 0.1, 0.1), borderWidth: 2 });
  doc.setTitle(`Jixu demo evidence: ${ascii(type)}`);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

function pngChunk(kind: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(kind, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 150×200 greyscale PNG of a "scanned page": a frame, a title bar, lines of text, a seal; shaded per type. */
function pngOf(type: review.EvidenceType): Buffer {
  const width = 150;
  const height = 200;
  const shade = 200 + (type.length * 7) % 50;
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (width + 1)] = 0; // filter: none
    for (let x = 0; x < width; x += 1) {
      const frame = x < 6 || x >= width - 6 || y < 6 || y >= height - 6;
      const title = y >= 20 && y < 32 && x >= 25 && x < 125;
      const line = y >= 48 && y < 160 && (y - 48) % 12 < 3 && x >= 18 && x < 132 - ((y >> 4) % 3) * 20;
      const dx = x - 110;
      const dy = y - 170;
      const seal = Math.abs(Math.sqrt(dx * dx + dy * dy) - 16) < 2;
      raw[y * (width + 1) + 1 + x] = frame ? 90 : title ? 40 : seal ? 120 : line ? 150 : shade;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Stores one file per evidence type (other than 其他材料) and answers what the rows need. */
export async function prepareDemoEvidence(store: BlobStore): Promise<DemoEvidenceFiles> {
  const types = review.EVIDENCE_TYPES.filter((type) => type !== 'other');
  const files = await Promise.all(types.map(async (type) => {
    const image = AS_IMAGE.has(type);
    const bytes = image ? pngOf(type) : await pdfOf(type);
    const received = await receiveEvidence({ store, source: bytes, fileName: `${review.EVIDENCE_TYPE_LABELS[type]}.${image ? 'png' : 'pdf'}` });
    return [type, { key: received.key, size: received.size, type: received.type, fileName: received.fileName }] as const;
  }));
  return new Map(files);
}
