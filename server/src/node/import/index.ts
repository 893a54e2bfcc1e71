// The readers' public surface, bundled on its own as dist/import.js and loaded only when a .docx or web
// page is read (by the CLI, and by the editor's "Open as text report" command): bytes in, our markdown
// text + a map back to the source + notices out. Nothing here is imported by the core or the server.

import { readDocx } from './docx';
import { fixedXml, replacePart } from './docx-fix';
import { readHtml, readMht } from './html';
import { ImportError, im, noticeText, type ImportMessageId, type Locale } from './messages';
import { locate, render, type SourceLocation, type SourceMap } from './render';
import { isEncryptedOoxml, sniff } from './sniff';
import type { Notice, ReadDocument, SourceKind } from './types';

export { ImportError, im, noticeText, locate, sniff };
export type { ImportMessageId, Locale, Notice, ReadDocument, SourceKind, SourceLocation, SourceMap };

/** Files larger than this are not read at all. */
export const FILE_LIMIT = 256 * 1024 * 1024;

export interface Converted {
  kind: SourceKind;
  text: string;
  map: SourceMap;
  notices: Notice[];
  doc: ReadDocument;
}

/** Reads a .docx or a web page (sniffed from its bytes); throws ImportError with a message for anything else. */
export function readDocument(bytes: Uint8Array): ReadDocument {
  if (bytes.byteLength > FILE_LIMIT) throw new ImportError('read.tooLarge', { limit: FILE_LIMIT / 1024 / 1024 });
  switch (sniff(bytes)) {
    case 'zip':
      return readDocx(bytes);
    case 'ole':
      throw new ImportError(isEncryptedOoxml(bytes) ? 'read.encrypted' : 'read.ole');
    case 'pdf':
      throw new ImportError('read.pdf');
    case 'rtf':
      throw new ImportError('read.rtf');
    case 'mht':
      return readMht(bytes);
    case 'html':
      return readHtml(bytes);
    default:
      throw new ImportError('read.unknown');
  }
}

export function convert(bytes: Uint8Array): Converted {
  const doc = readDocument(bytes);
  const { text, map } = render(doc.blocks);
  return { kind: doc.kind, text, map, notices: doc.notices, doc };
}

/**
 * The .docx with the text of its fixed cells rewritten (`after` is `c.text` with fixes applied). Checks
 * that the result reads back to exactly `after`; throws ImportError when a change cannot be written.
 */
export function fixDocx(bytes: Uint8Array, c: Converted, after: string): Uint8Array {
  if (c.kind !== 'docx' || !c.doc.xml || !c.doc.mainPart) throw new ImportError('fix.html');
  const xml = fixedXml(c.doc.xml, c.map, c.text, after);
  const data = new TextEncoder().encode(xml);
  const out = replacePart(bytes, c.doc.mainPart, data);
  const again = convert(out);
  if (again.text !== after) throw new ImportError('fix.cellNotFound', { line: firstDifference(again.text, after) + 1 });
  return out;
}

function firstDifference(a: string, b: string): number {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return i;
  return 0;
}

/** The notices in one language, one line each. */
export function noticeLines(locale: Locale, notices: readonly Notice[]): string[] {
  return notices.map((n) => noticeText(locale, n.id, n.args));
}

/** `Word 文档` / `网页`. */
export function sourceName(locale: Locale, kind: SourceKind): string {
  return im(locale, kind === 'docx' ? 'source.docx' : 'source.html');
}
