import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';

// Sample files for the evidence storage tests (test/storage*.test.ts), built in code so each is small
// and its bytes are evident. Test support only (like the domain's policy/test-fixtures.ts).

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** The start of a JFIF JPEG (SOI, APP0) and some scan bytes. */
export const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0', 'latin1'),
  Buffer.alloc(64, 0x11),
  Buffer.from([0xff, 0xd9]),
]);

export const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

export const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>', 'utf8');
export const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>', 'utf8');
export const SVG_WITH_XML_DECLARATION = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${SVG.toString('utf8')}`, 'utf8');
/** An HTML page that also carries a PDF header further on (a polyglot): refused, the header is not at 0. */
export const HTML_WITH_PDF_HEADER = Buffer.concat([Buffer.from('<html><script>alert(1)</script>', 'utf8'), PDF]);

/** A ZIP with stored (uncompressed) entries, as APPNOTE.TXT 4.3 lays it out. */
export function zipOf(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, entry.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const OFD_XML = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>', 'utf8');
const DOCUMENT_XML = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>', 'utf8');

/** An OFD package (GB/T 33190) with its entry file first, as writers lay it out. */
export const OFD = zipOf([{ name: 'OFD.xml', data: OFD_XML }, { name: 'Doc_0/Document.xml', data: DOCUMENT_XML }]);
/** An OFD package whose OFD.xml comes after a large resource (beyond any fixed-size head). */
export const OFD_ENTRY_LATE = zipOf([{ name: 'Doc_0/Res/seal.png', data: Buffer.alloc(200_000, 0x42) }, { name: 'OFD.xml', data: OFD_XML }]);
/** A ZIP that is not an OFD package (a zipped page, an office file, …). */
export const ZIP_NOT_OFD = zipOf([{ name: 'index.html', data: HTML }, { name: 'Doc_0/OFD.xml.bak', data: OFD_XML }]);

/** A fresh folder for one test's store. */
export function tempRoot(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'jixu-storage-'));
}

/** Every file under `root` (directories excluded), relative paths. */
export function filesUnder(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** `size` bytes in chunks of `chunk`, as an async stream; optionally throws after `failAfter` bytes. */
export async function* streamOf(options: { size: number; chunk?: number; fill?: number; head?: Buffer; failAfter?: number }) {
  const chunk = options.chunk ?? 1024 * 1024;
  let sent = 0;
  if (options.head) {
    yield options.head;
    sent += options.head.length;
  }
  while (sent < options.size) {
    if (options.failAfter !== undefined && sent >= options.failAfter) throw new Error('connection lost');
    const n = Math.min(chunk, options.size - sent);
    yield Buffer.alloc(n, options.fill ?? 0x20);
    sent += n;
  }
}
