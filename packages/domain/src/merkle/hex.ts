// Hashes travel as lowercase hex in JSON (API.md "Signatures"). Decoding is strict on purpose:
// Buffer.from(text, 'hex') silently stops at the first bad character, which would let a malformed
// proof element through as a shorter hash.

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Decodes hex (either case); returns null unless the text is an even number of hex digits. */
export function hexToBytes(text: string): Uint8Array | null {
  if (typeof text !== 'string' || text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return null;
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}
