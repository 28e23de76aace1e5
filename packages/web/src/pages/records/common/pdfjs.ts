import { getDocument, GlobalWorkerOptions, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
// The worker as a plain asset of our own build, served from our origin (CSP `script-src 'self'`,
// which `worker-src` falls back to): never a CDN.
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';

// pdf.js and everything it needs, behind one dynamic import (PdfViewer): nothing of it is in the
// bundle of a page until a PDF is previewed (vite.config.ts puts pdfjs-dist in a chunk of its own).
//
// The legacy build is used on purpose: the modern one needs Map#getOrInsertComputed and other
// features only the newest browsers have, and reviewers' browsers are often older Chromium cores.
// WebAssembly decoders are off (the CSP has no 'wasm-unsafe-eval'): pdf.js decodes JPEG, JBIG2 and
// CCITT images in JS, but JPEG 2000 has no JS decoder here and such images stay blank.

GlobalWorkerOptions.workerSrc = workerUrl;

/** The predefined CMaps (CJK text in PDFs that do not embed their fonts) and the standard fonts,
 * emitted as assets of our build (never inlined: vite.config.ts); pdf.js asks for one by name only
 * when a document needs it. */
const cMapUrls = import.meta.glob<string>('../../../../../../node_modules/pdfjs-dist/cmaps/*.bcmap', {
  query: '?url',
  import: 'default',
  eager: true,
});
const standardFontUrls = import.meta.glob<string>(
  ['../../../../../../node_modules/pdfjs-dist/standard_fonts/*.pfb', '../../../../../../node_modules/pdfjs-dist/standard_fonts/*.ttf'],
  { query: '?url', import: 'default', eager: true },
);

const byFileName = (urls: Record<string, string>) =>
  new Map(Object.entries(urls).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));
const binaryData = { cMapUrl: byFileName(cMapUrls), standardFontDataUrl: byFileName(standardFontUrls) };

function decodeDataUrl(url: string): Uint8Array {
  const comma = url.indexOf(',');
  const payload = url.slice(comma + 1);
  if (!url.slice(0, comma).endsWith(';base64')) return new TextEncoder().encode(decodeURIComponent(payload));
  const text = atob(payload);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** pdf.js' `BinaryDataFactory`: the worker asks the page for a CMap or font file by name. */
class BundledBinaryData {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const url = kind === 'cMapUrl' || kind === 'standardFontDataUrl' ? binaryData[kind].get(filename) : undefined;
    if (!url) throw new Error(`pdf.js asked for an unavailable ${kind} file: ${filename}`);
    // Should a file ever be inlined as a data: URL, the CSP's connect-src 'self' would refuse to fetch it.
    if (url.startsWith('data:')) return decodeDataUrl(url);
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`pdf.js data ${filename}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}

/**
 * Opens a PDF from its bytes (handed over to the worker): eval off, no XFA, no WebAssembly, CMaps and
 * fonts from our own build. Nothing here renders text, form or annotation layers, or runs scripts
 * (pdf.js' scripting sandbox is a separate module this app never loads).
 */
export function openPdf(bytes: Uint8Array) {
  return getDocument({
    data: bytes,
    isEvalSupported: false,
    enableXfa: false,
    useWasm: false,
    useWorkerFetch: false,
    BinaryDataFactory: BundledBinaryData,
    cMapPacked: true,
    verbosity: VerbosityLevel.ERRORS,
  });
}
