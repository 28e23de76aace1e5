// What an uploaded file is, decided by its content (magic bytes), never by its name or the type the
// browser claims: PDF, JPEG, PNG, or OFD (GB/T 33190, China's fixed-layout format: a ZIP package whose
// entry file is OFD.xml). Everything else (HTML, SVG, scripts, archives, office files) is refused.

export type EvidenceFileType = 'pdf' | 'jpeg' | 'png' | 'ofd';

export const EVIDENCE_FILE_TYPES: Readonly<Record<EvidenceFileType, { mediaType: string; extension: string; label: string }>> = {
  pdf: { mediaType: 'application/pdf', extension: '.pdf', label: 'PDF' },
  jpeg: { mediaType: 'image/jpeg', extension: '.jpg', label: 'JPEG' },
  png: { mediaType: 'image/png', extension: '.png', label: 'PNG' },
  ofd: { mediaType: 'application/ofd', extension: '.ofd', label: 'OFD' },
};


const PDF = Buffer.from('%PDF-', 'latin1');
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OFD_ENTRY = Buffer.from('OFD.xml', 'latin1');
/** A local file header is 30 bytes, then the entry's name (APPNOTE.TXT 4.3.7). */
const HEADER_BYTES = 30;
const NAME_LENGTH_OFFSET = 26;

const startsWith = (bytes: Uint8Array, magic: Buffer) =>
  bytes.length >= magic.length && Buffer.from(bytes.buffer, bytes.byteOffset, magic.length).equals(magic);

/** True when the content starts like a ZIP package (a candidate OFD). */
export function startsAsZip(firstBytes: Uint8Array): boolean {
  return startsWith(firstBytes, ZIP_LOCAL_HEADER);
}

/**
 * Looks for a ZIP local file header whose entry name is exactly `OFD.xml`, across chunk boundaries
 * (fed the whole stream, it finds the entry wherever the writer put it).
 */
export class OfdEntryScanner {
  private tail: Buffer = Buffer.alloc(0);
  found = false;

  push(chunk: Uint8Array): void {
    if (this.found) return;
    const bytes = this.tail.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.tail, chunk]);
    const needed = HEADER_BYTES + OFD_ENTRY.length;
    let at = bytes.indexOf(ZIP_LOCAL_HEADER);
    while (at !== -1 && at + needed <= bytes.length) {
      const nameLength = bytes.readUInt16LE(at + NAME_LENGTH_OFFSET);
      if (nameLength === OFD_ENTRY.length && bytes.subarray(at + HEADER_BYTES, at + needed).equals(OFD_ENTRY)) {
        this.found = true;
        return;
      }
      at = bytes.indexOf(ZIP_LOCAL_HEADER, at + 1);
    }
    // Keep what a header cut by the chunk boundary may still need.
    this.tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - (needed - 1))));
  }
}

/**
 * The type of a file from its first bytes, or `undefined` (refused). For OFD the first bytes must show
 * the `OFD.xml` entry; the upload helper keeps looking through the rest of a ZIP that did not.
 */
export function sniffEvidenceType(firstBytes: Uint8Array): EvidenceFileType | undefined {
  // Strict offsets: a PDF header after other bytes could be an HTML polyglot; readers accept offset 0.
  if (startsWith(firstBytes, PDF)) return 'pdf';
  if (startsWith(firstBytes, PNG)) return 'png';
  if (startsWith(firstBytes, JPEG)) return 'jpeg';
  if (startsAsZip(firstBytes)) {
    const scanner = new OfdEntryScanner();
    scanner.push(firstBytes);
    return scanner.found ? 'ofd' : undefined;
  }
  return undefined;
}
