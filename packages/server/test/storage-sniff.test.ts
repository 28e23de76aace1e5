import { describe, expect, it } from 'vitest';
import {
  attachmentDisposition,
  MAX_FILE_NAME_LENGTH,
  OfdEntryScanner,
  sanitiseFileName,
  sniffEvidenceType,
} from '../src/platform/storage/index.ts';
import {
  HTML,
  HTML_WITH_PDF_HEADER,
  JPEG,
  OFD,
  OFD_ENTRY_LATE,
  PDF,
  PNG,
  SVG,
  SVG_WITH_XML_DECLARATION,
  zipOf,
  ZIP_NOT_OFD,
} from '../src/platform/storage/test-samples.ts';

// Content sniffing (magic bytes, never the name) and file-name cleaning, as pure functions.

describe('sniffEvidenceType', () => {
  it.each<[string, Buffer, string | undefined]>([
    ['PDF', PDF, 'pdf'],
    ['JPEG', JPEG, 'jpeg'],
    ['PNG', PNG, 'png'],
    ['OFD', OFD, 'ofd'],
    ['HTML', HTML, undefined],
    ['SVG', SVG, undefined],
    ['SVG with an XML declaration', SVG_WITH_XML_DECLARATION, undefined],
    ['HTML with a PDF header later', HTML_WITH_PDF_HEADER, undefined],
    ['a PDF header after a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), PDF]), undefined],
    ['a ZIP without OFD.xml', ZIP_NOT_OFD, undefined],
    ['a ZIP whose entry is ofd.xml (wrong case)', zipOf([{ name: 'ofd.xml', data: Buffer.from('<x/>') }]), undefined],
    ['a ZIP whose entry is Doc/OFD.xml (not the root)', zipOf([{ name: 'Doc/OFD.xml', data: Buffer.from('<x/>') }]), undefined],
    ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), undefined],
    ['a truncated PNG signature', PNG.subarray(0, 7), undefined],
    ['nothing', Buffer.alloc(0), undefined],
  ])('%s → %s', (_name, bytes, expected) => {
    expect(sniffEvidenceType(bytes)).toBe(expected);
  });

  it('only the first bytes decide: a JPEG head is enough, whatever follows', () => {
    expect(sniffEvidenceType(Buffer.concat([JPEG.subarray(0, 3), HTML]))).toBe('jpeg');
  });

  it('an OFD package whose OFD.xml is not in the first bytes is not recognised from them alone', () => {
    expect(sniffEvidenceType(OFD_ENTRY_LATE.subarray(0, 64 * 1024))).toBeUndefined();
  });
});

describe('OfdEntryScanner', () => {
  it('finds the OFD.xml header cut by a chunk boundary at any offset', () => {
    const headerAt = OFD_ENTRY_LATE.indexOf(Buffer.from('OFD.xml')) - 30;
    for (let cut = headerAt - 2; cut <= headerAt + 40; cut += 1) {
      const scanner = new OfdEntryScanner();
      scanner.push(OFD_ENTRY_LATE.subarray(0, cut));
      scanner.push(OFD_ENTRY_LATE.subarray(cut));
      expect(scanner.found, `cut at ${cut}`).toBe(true);
    }
  });

  it('finds it fed one byte at a time, and not in a package without it', () => {
    const scanner = new OfdEntryScanner();
    for (const byte of OFD) scanner.push(Buffer.from([byte]));
    expect(scanner.found).toBe(true);
    const other = new OfdEntryScanner();
    for (let i = 0; i < ZIP_NOT_OFD.length; i += 5) other.push(ZIP_NOT_OFD.subarray(i, i + 5));
    expect(other.found).toBe(false);
  });
});

describe('sanitiseFileName', () => {
  it.each<[string, unknown, string]>([
    ['keeps Chinese', '张伟 2024年 结业证书.pdf', '张伟 2024年 结业证书.pdf'],
    ['strips Unix directories', '/var/lib/../x.pdf', 'x.pdf'],
    ['strips Windows directories', 'C:\\Users\\张伟\\证书.pdf', '证书.pdf'],
    ['collapses ..', 'a..b...pdf', 'a.b.pdf'],
    ['removes CR, LF, TAB, NUL and DEL', 'a\r\nb\tc\u0000d\u007fe.pdf', 'abcde.pdf'],
    ['removes zero-width and bidi characters', 'a\u200bb\u202ec\u2066d.pdf', 'abcd.pdf'],
    ['replaces characters Windows refuses', 'a<b>c:d"e|f?g*h.pdf', 'a_b_c_d_e_f_g_h.pdf'],
    ['trims leading dots and spaces', ' . .hidden.pdf', 'hidden.pdf'],
    ['guards device names', 'CON.pdf', '_CON.pdf'],
    ['a non-string', 42, '证明材料'],
    ['an empty string', '', '证明材料'],
  ])('%s', (_name, raw, expected) => {
    expect(sanitiseFileName(raw)).toBe(expected);
  });

  it('sets the extension of the detected type', () => {
    expect(sanitiseFileName('证书.pdf', 'png')).toBe('证书.png');
    expect(sanitiseFileName('证书.JPEG', 'jpeg')).toBe('证书.JPEG');
    expect(sanitiseFileName('证书.jpg', 'jpeg')).toBe('证书.jpg');
    expect(sanitiseFileName('证书.png', 'jpeg')).toBe('证书.jpg');
    expect(sanitiseFileName('证书', 'ofd')).toBe('证书.ofd');
    expect(sanitiseFileName('page.svg', 'png')).toBe('page.svg.png');
  });

  it(`cuts long names to ${MAX_FILE_NAME_LENGTH} characters, keeping the extension and whole characters`, () => {
    const name = sanitiseFileName(`${'继'.repeat(300)}.pdf`, 'pdf');
    expect(Array.from(name)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(name.endsWith('继.pdf')).toBe(true);
    const astral = sanitiseFileName(`${'𠀀'.repeat(300)}.pdf`, 'pdf');
    expect(Array.from(astral)).toHaveLength(MAX_FILE_NAME_LENGTH);
    // No lone surrogate: the cut fell between characters.
    expect(astral).toMatch(/^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/);
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name (RFC 6266, RFC 8187)', () => {
    const header = attachmentDisposition('张伟 结业证书(2024).pdf');
    expect(header).toBe(`attachment; filename="__ ____(2024).pdf"; filename*=UTF-8''%E5%BC%A0%E4%BC%9F%20%E7%BB%93%E4%B8%9A%E8%AF%81%E4%B9%A6%282024%29.pdf`);
  });

  it('cannot be broken out of: quotes, backslashes, semicolons and line breaks never reach the header', () => {
    for (const name of ['a"; filename=evil.html\r\nX-Injected: 1.pdf', 'a\\"b;c%d\'e.pdf', '"\r\n\r\n<html>']) {
      const header = attachmentDisposition(name);
      expect(header).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!-]*$/);
      const fallback = /^attachment; filename="(.*)"; filename\*=/.exec(header)?.[1] ?? '';
      expect(fallback).not.toMatch(/["\\;%]/);
    }
  });
});
