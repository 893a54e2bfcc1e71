// Reading a report file whatever its encoding, and writing text back in exactly that encoding.
// UTF-8 (with or without BOM) and UTF-16 (by BOM) first; a file that is not strict UTF-8 is read as
// GB18030 (which covers GBK and GB2312). Decoding is Node's own (Buffer, ICU's converter, TextDecoder);
// only writing GB18030 back needs iconv-lite, loaded on that first use from its own bundle.

import { isAscii, isUtf8, transcode } from 'node:buffer';
import type * as Gb18030 from './gb18030';

/** Set by esbuild.mjs in the CLI bundle; undefined when run from the sources. */
declare const XXGK_GB18030_BUNDLE: string | undefined;

let gb18030: typeof Gb18030 | undefined;

function encoder(): typeof Gb18030 {
  gb18030 ??= (typeof XXGK_GB18030_BUNDLE === 'string' ? require(XXGK_GB18030_BUNDLE) : require('./gb18030')) as typeof Gb18030;
  return gb18030;
}

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodeResult =
  | { ok: true; text: string; encoding: Encoding }
  | { ok: false; reason: 'binary' | 'encoding' };

const BOM_UTF8 = Buffer.from([0xef, 0xbb, 0xbf]);
const BOM_UTF16LE = Buffer.from([0xff, 0xfe]);
const BOM_UTF16BE = Buffer.from([0xfe, 0xff]);

function startsWith(buf: Uint8Array, prefix: Buffer): boolean {
  if (buf.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (buf[i] !== prefix[i]) return false;
  return true;
}

// Validation by Node's SIMD path (several times faster than a fatal TextDecoder). Text with Chinese in it
// becomes a two-byte string either way; ICU's converter (transcode) makes it about twice as fast as
// V8's UTF-8 decoder (1 MiB: ~2.5 ms against ~5 ms), which the CLI pays on every file. ASCII-only text
// keeps V8's one-byte string.
function strictUtf8(buf: Buffer): string | null {
  if (!isUtf8(buf)) return null;
  if (buf.length < TRANSCODE_FROM || isAscii(buf)) return buf.toString('utf8');
  try {
    return transcode(buf, 'utf8', 'utf16le').toString('utf16le');
  } catch {
    return buf.toString('utf8'); // a Node built without ICU
  }
}

/** Below this the two decoders cost the same and the converter's set-up is not worth it. */
const TRANSCODE_FROM = 64 * 1024;

export function decodeText(buf: Buffer): DecodeResult {
  if (startsWith(buf, BOM_UTF8)) {
    const text = strictUtf8(buf.subarray(3));
    return text === null ? { ok: false, reason: 'encoding' } : { ok: true, text, encoding: 'utf-8-bom' };
  }
  for (const [bom, encoding] of [
    [BOM_UTF16LE, 'utf-16le'],
    [BOM_UTF16BE, 'utf-16be'],
  ] as const) {
    if (!startsWith(buf, bom)) continue;
    if (buf.length % 2 !== 0) return { ok: false, reason: 'encoding' };
    try {
      const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(buf.subarray(2));
      return { ok: true, text, encoding };
    } catch {
      return { ok: false, reason: 'encoding' };
    }
  }
  if (buf.includes(0)) return { ok: false, reason: 'binary' };
  const utf8 = strictUtf8(buf);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8' };
  try {
    // A byte sequence that is not GB18030 either: then the file is neither.
    const gb = new TextDecoder('gb18030', { fatal: true, ignoreBOM: true }).decode(buf);
    return { ok: true, text: gb, encoding: 'gb18030' };
  } catch {
    return { ok: false, reason: 'encoding' };
  }
}

/** The bytes of `text` in `encoding`, BOM included where the encoding has one. */
export function encodeText(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([BOM_UTF8, Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([BOM_UTF16LE, Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([BOM_UTF16BE, Buffer.from(text, 'utf16le').swap16()]);
    case 'gb18030':
      return encoder().encodeGb18030(text);
  }
}

/** The sequence of line terminators of a text (to prove an edit left them alone). */
export function lineEnds(text: string): string[] {
  return text.match(/\r\n|\r|\n/g) ?? [];
}

export function sameLineEnds(a: string, b: string): boolean {
  const x = lineEnds(a);
  const y = lineEnds(b);
  return x.length === y.length && x.every((e, i) => e === y[i]);
}
