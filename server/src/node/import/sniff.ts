// What a file really is, from its first bytes: government sites serve RTF, HTML and MHT files named .doc,
// and .doc/.wps/encrypted .docx are OLE containers. Never trust the extension.

export type Sniffed = 'zip' | 'ole' | 'pdf' | 'rtf' | 'mht' | 'html' | 'unknown';

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWithBytes(b: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}

/** The start of the file as Latin-1 (enough for ASCII signatures), without a BOM or leading whitespace. */
function head(b: Uint8Array, n: number): string {
  let s = '';
  const utf16 = (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
  if (utf16) {
    const le = b[0] === 0xff;
    for (let i = 2; i + 1 < Math.min(b.length, n * 2); i += 2) s += String.fromCharCode(le ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1]);
  } else {
    const from = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
    for (let i = from; i < Math.min(b.length, n); i++) s += String.fromCharCode(b[i]);
  }
  return s.replace(/^[\s\u00a0]+/, '');
}

export function sniff(b: Uint8Array): Sniffed {
  if (startsWithBytes(b, [0x50, 0x4b, 0x03, 0x04]) || startsWithBytes(b, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWithBytes(b, OLE)) return 'ole';
  const h = head(b, 2048);
  if (h.startsWith('%PDF-')) return 'pdf';
  if (h.startsWith('{\\rtf')) return 'rtf';
  if (/^(MIME-Version:|From:|Content-Type:\s*multipart\/related|Content-Location:)/i.test(h) && /multipart\/related/i.test(h)) return 'mht';
  if (/^<(!doctype\s+html|html|head|body|meta|table|title|div|p[\s>]|!--)/i.test(h) || /<html[\s>]/i.test(h.slice(0, 1024))) return 'html';
  return 'unknown';
}

/** An OLE container that holds an encrypted OOXML package (Word's password protection). */
export function isEncryptedOoxml(b: Uint8Array): boolean {
  // The directory of an encrypted package names the stream "EncryptionInfo" (UTF-16LE).
  const needle = Buffer.from('EncryptionInfo', 'utf16le');
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).includes(needle);
}
