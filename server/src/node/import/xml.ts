// A streaming XML pass with saxes over one package part. Names are matched on their local part (the `w:`
// prefix, and Strict OOXML's namespaces, vary). A DOCTYPE is refused outright: OOXML never has one, and
// no entity of any kind is ever resolved (saxes expands only the five predefined ones and character
// references).

import { SaxesParser, type SaxesTag } from 'saxes';
import { ImportError } from './messages';

export interface XmlHandlers {
  open(local: string, attrs: Record<string, string>, selfClosing: boolean, position: number): void;
  close(local: string, position: number): void;
  text(text: string): void;
}

export function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i === -1 ? qname : qname.slice(i + 1);
}

/** The value of an attribute by local name (`w:val`, `val`). */
export function attr(attrs: Record<string, string>, local: string): string | undefined {
  for (const k in attrs) if (k === local || k.endsWith(':' + local)) return attrs[k];
  return undefined;
}

export function parseXml(part: string, xml: string, h: XmlHandlers): void {
  const p = new SaxesParser({ position: true });
  p.on('doctype', () => {
    throw new ImportError('read.doctype', { part });
  });
  p.on('opentag', (t: SaxesTag) => h.open(localName(t.name), t.attributes as Record<string, string>, t.isSelfClosing, p.position));
  p.on('closetag', (t: SaxesTag) => h.close(localName(t.name), p.position));
  p.on('text', (t: string) => h.text(t));
  p.on('cdata', (t: string) => h.text(t));
  try {
    p.write(xml).close();
  } catch (e) {
    if (e instanceof ImportError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    // saxes: "file:line:col: message"
    const m = /^[^:]*:(\d+):(\d+): (.*)$/s.exec(msg);
    throw new ImportError('read.partBroken', { part, line: m ? m[1] : p.line, col: m ? m[2] : p.column, detail: m ? m[3] : msg });
  }
}

/** UTF-8 (with or without BOM) or UTF-16 by BOM, as XML parts are stored. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
}
