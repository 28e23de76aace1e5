import { EVIDENCE_FILE_TYPES, type EvidenceFileType } from './sniff.ts';

// The name an uploader gave a file is kept only as a label (shown in lists, offered as the download
// name); it never becomes a path on disk (blobs are named by their hash). Still, it goes into headers
// and pages, so it is cleaned: no directories, no `..`, no CR/LF or other control characters (header
// injection), no bidirectional overrides ("gpj.exe" spoofing), no characters Windows refuses. Chinese
// and other letters stay. Its extension follows the content the server detected, not the other way.

export const MAX_FILE_NAME_LENGTH = 100;
export const DEFAULT_FILE_NAME = '证明材料';

// C0 and C1 controls, DEL; zero-width and bidirectional formatting characters; the BOM.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const RESERVED = /[<>:"|?*]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;
const ACCEPTED_EXTENSIONS: Readonly<Record<EvidenceFileType, readonly string[]>> = {
  pdf: ['.pdf'],
  jpeg: ['.jpg', '.jpeg'],
  png: ['.png'],
  ofd: ['.ofd'],
};
const KNOWN_EXTENSIONS = new Set(Object.values(ACCEPTED_EXTENSIONS).flat());

const codePoints = (text: string) => Array.from(text);

/**
 * A safe display name for an uploaded file. With `type`, the extension is the one of the detected
 * content: a PNG uploaded as `证书.pdf` is kept as `证书.png`; `page.html` holding a PDF becomes
 * `page.html.pdf`.
 */
export function sanitiseFileName(raw: unknown, type?: EvidenceFileType): string {
  let name = typeof raw === 'string' ? raw.normalize('NFC') : '';
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(INVISIBLE, '').replace(RESERVED, '_');
  name = name.replace(/\.{2,}/g, '.').replace(/^[\s.]+|[\s.]+$/g, '');
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;

  let base = name;
  let extension = '';
  const dot = name.lastIndexOf('.');
  if (dot > 0) {
    base = name.slice(0, dot);
    extension = name.slice(dot);
  }
  if (type) {
    const lower = extension.toLowerCase();
    if (!ACCEPTED_EXTENSIONS[type].includes(lower)) {
      // A wrong evidence extension is replaced; anything else is kept in the name and the right one added.
      if (!KNOWN_EXTENSIONS.has(lower)) base = name;
      extension = EVIDENCE_FILE_TYPES[type].extension;
    }
  }
  const room = MAX_FILE_NAME_LENGTH - codePoints(extension).length;
  base = codePoints(base).slice(0, Math.max(room, 1)).join('').replace(/[\s.]+$/, '');
  if (!base) base = DEFAULT_FILE_NAME;
  return `${base}${extension}`;
}

/**
 * `Content-Disposition: attachment` with the name in RFC 6266 / RFC 8187 form: an ASCII fallback and
 * the UTF-8 name percent-encoded, so Chinese names arrive intact and nothing can break the header.
 */
export function attachmentDisposition(fileName: string): string {
  const safe = sanitiseFileName(fileName);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
