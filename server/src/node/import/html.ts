// The .html reader: a published report page (whole, or saved from the browser; also Word's "save as web
// page" and MHT archives) through htmlparser2's tokenizer, which was faster and a third of parse5's size
// (bench/html-parsers.ts). Scripts, styles, navigation and page chrome are left out; tables become grids
// with rowspan/colspan resolved as browsers place them; the report is cut from its title to the last
// block before the site footer.

import { Parser } from 'htmlparser2';
import { compactColumns } from './grid';
import { formatNumber } from './numbering';
import { ImportError } from './messages';
import type { Block, Cell, Grid, Notice, ReadDocument } from './types';

/** Elements whose content is never report text. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'nav', 'select', 'button', 'iframe', 'object', 'svg', 'math', 'textarea', 'footer', 'aside']);
const BLOCK = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'section', 'article', 'main', 'blockquote', 'pre', 'center', 'dl', 'dt', 'dd', 'address', 'hr', 'figure', 'figcaption', 'body', 'html']);
/** Page chrome by class or id (menus, breadcrumbs, share bars). */
const CHROME = /(^|[\s_-])(nav|navbar|menu|breadcrumb|crumbs?|footer|sidebar|share|toolbar|topbar)([\s_-]|$)/i;
/** Where the site footer starts, after the report. */
const FOOTER = /^(版权所有|主办单位|主办：|承办单位|网站标识码|网站地图|联系我们|关闭窗口|【\s*打印|【\s*关闭|打印本页|分享到|相关链接|上一篇|下一篇|扫一扫)|ICP备|公网安备|网站标识码|版权所有/;
const TITLE = /政府信息公开.{0,12}报告|信息公开工作.{0,6}报告/;
/** The article's metadata line under the title (publication date, source, font size buttons). */
const META = /^(发布时间|发布日期|发文日期|时间|来源|信息来源|作者|浏览次数|点击数|阅读次数|【?字体)[:：]/;

const MAX_SPAN = 1000;

interface CellBuild {
  paragraphs: string[];
  rowSpan: number;
  colSpan: number;
}

interface TableBuild {
  rows: CellBuild[][];
  row: CellBuild[] | null;
  cell: CellBuild | null;
  /** Holds other tables: page layout, not data. */
  layout: boolean;
}

/**
 * A decoder for a declared charset, by the WHATWG Encoding Standard's labels (what browsers accept:
 * gb2312, gbk, x-gbk, gb18030, big5 …; GBK and GB2312 pages are decoded as GB18030, their superset).
 * TextDecoder has them all (Node's full ICU, Electron's Chromium), so no conversion tables are bundled.
 */
function decoder(label: string): InstanceType<typeof TextDecoder> | null {
  try {
    return new TextDecoder(label.trim().toLowerCase() === 'cp936' ? 'gbk' : label.trim());
  } catch {
    return null;
  }
}

const gb18030 = (b: Uint8Array) => new TextDecoder('gb18030').decode(b);

function strictUtf8(b: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return null;
  }
}

/** How far a page's head is searched for its charset: past long inline scripts, as some portals write them first. */
const HEAD_SCAN_BYTES = 65536;

/** The page's text in its declared (or sniffed) character set; `overridden` names a declaration the bytes contradict. */
export function decodeHtml(b: Uint8Array, declared?: string): { text: string; charset: string; guessed: boolean; overridden?: string } {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(b), charset: 'utf-8', guessed: false };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(b), charset: 'utf-16le', guessed: false };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(b), charset: 'utf-16be', guessed: false };
  let label = declared;
  if (!label) {
    const scan = Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, HEAD_SCAN_BYTES)).toString('latin1');
    const end = scan.search(/<\/head\s*>|<body[\s>]/i);
    const head = end >= 0 ? scan.slice(0, end) : scan;
    const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
    label = m?.[1];
  }
  if (label) {
    const d = decoder(label);
    if (!d) throw new ImportError('read.htmlEncoding', { charset: label });
    if (d.encoding === 'utf-8') {
      const s = strictUtf8(b);
      // Pages that say UTF-8 but are GBK exist; a strict decode tells them apart.
      if (s !== null) return { text: s, charset: 'utf-8', guessed: false };
      return { text: gb18030(b), charset: 'gb18030', guessed: true };
    }
    // A page saved as UTF-8 that kept its old declaration (copied into a UTF-8 editor, re-encoded by a CMS):
    // text in GBK or another legacy charset is almost never valid UTF-8 once it holds non-ASCII bytes.
    const s = strictUtf8(b);
    if (s !== null && /[^\x00-\x7f]/.test(s)) return { text: s, charset: 'utf-8', guessed: false, overridden: label };
    return { text: d.decode(b), charset: d.encoding, guessed: false };
  }
  const s = strictUtf8(b);
  if (s !== null) return { text: s, charset: 'utf-8', guessed: false };
  return { text: gb18030(b), charset: 'gb18030', guessed: true };
}

/** Places cells on the grid as browsers do: each cell at the first column not held by a rowspan above. */
function buildGrid(index: number, rows: CellBuild[][]): Grid {
  // heldTo[c]: the first row no longer covered by a rowspan in column c.
  const heldTo: number[] = [];
  const cells: Cell[] = [];
  let width = 0;
  const nRows = rows.length;
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while ((heldTo[c] ?? 0) > r) c++;
      const rowSpan = Math.max(1, Math.min(cell.rowSpan, nRows - r));
      const colSpan = cell.colSpan;
      for (let cc = c; cc < c + colSpan; cc++) heldTo[cc] = Math.max(heldTo[cc] ?? 0, r + rowSpan);
      cells.push({ row: r, col: c, rowSpan, colSpan, paragraphs: cell.paragraphs });
      c += colSpan;
      width = Math.max(width, c);
    }
  });
  const at = new Int32Array(nRows * width).fill(-1);
  cells.forEach((cell, i) => {
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) for (let c = cell.col; c < cell.col + cell.colSpan; c++) at[r * width + c] = i;
  });
  return compactColumns({ kind: 'table', index, rows: nRows, cols: width, cells, at });
}

function span(v: string | undefined): number {
  const n = v === undefined ? 1 : parseInt(v, 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, MAX_SPAN) : 1;
}

export function readHtmlText(html: string): { blocks: Block[]; notices: Notice[] } {
  const found: Block[] = [];
  const notices: Notice[] = [];
  const tables: TableBuild[] = [];
  let skip = 0;
  let buf = '';
  // The page's <title> (in the skipped head; the first only, not an SVG's): the report's title when the
  // article itself has none.
  let inTitle = false;
  let titleRead = false;
  let pageTitle = '';
  let paragraphIndex = 0;
  let tableIndex = 0;
  // Ordered lists: the browser draws their numbers; they are text to a reader (LibreOffice exports
  // numbered headings as <ol><li><h1>).
  const lists: { format: string; n: number }[] = [];
  let marker = '';

  /** A paragraph goes into the innermost cell of a data table, or to the body through layout tables. */
  const emit = (text: string) => {
    for (let i = tables.length - 1; i >= 0; i--) {
      const t = tables[i];
      if (t.layout) continue;
      if (t.cell) t.cell.paragraphs.push(text);
      return; // text between cells, outside any cell: dropped (browsers move it out of the table)
    }
    found.push({ kind: 'paragraph', index: paragraphIndex++, text });
  };
  const flush = () => {
    const text = buf.replace(/[ \t\r\f]+/g, ' ').replace(/ *\n */g, '\n').trim();
    buf = '';
    if (text === '') return;
    emit(marker + text);
    marker = '';
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'title' && !titleRead) inTitle = true;
        if (skip) {
          skip++;
          return;
        }
        const chrome = (name === 'div' || name === 'ul' || name === 'ol' || name === 'table' || name === 'section') && CHROME.test(`${attrs.class ?? ''} ${attrs.id ?? ''}`);
        if (SKIP.has(name) || chrome) {
          skip = 1;
          return;
        }
        const t = tables[tables.length - 1];
        if (name === 'br') {
          buf += '\n';
          return;
        }
        if (name === 'ol' || name === 'ul') {
          const style = `${attrs.type ?? ''} ${/list-style(?:-type)?\s*:\s*([\w-]+)/i.exec(attrs.style ?? '')?.[1] ?? ''}`;
          const format = name === 'ul' || /none|disc|circle|square/.test(style) ? 'none' : /cjk|chinese|han/.test(style) ? 'chinese' : /\ba\b|alpha/.test(style) ? (/\bA\b|upper/.test(style) ? 'upperLetter' : 'lowerLetter') : /\bi\b|roman/.test(style) ? (/\bI\b|upper/.test(style) ? 'upperRoman' : 'lowerRoman') : 'decimal';
          lists.push({ format, n: (parseInt(attrs.start ?? '1', 10) || 1) - 1 });
        }
        if (name === 'li') {
          flush();
          const l = lists[lists.length - 1];
          if (l && l.format !== 'none') {
            l.n = attrs.value !== undefined && Number.isFinite(parseInt(attrs.value, 10)) ? parseInt(attrs.value, 10) : l.n + 1;
            marker = l.format === 'chinese' ? formatNumber(l.n, 'chineseCounting') + '、' : formatNumber(l.n, l.format) + '.';
          }
          return;
        }
        if (name === 'table') {
          flush();
          if (t && t.cell && !t.layout) {
            // A table inside a cell: the outer one lays out the page (old sites put the whole article in
            // one). Its text so far becomes body paragraphs; the inner tables are the data.
            t.layout = true;
            const cells = t.rows.flat();
            t.rows = [];
            t.cell = null;
            for (const c of cells) for (const text of c.paragraphs) emit(text);
          }
          tables.push({ rows: [], row: null, cell: null, layout: false });
          return;
        }
        if (t && !t.layout) {
          if (name === 'tr') {
            flush();
            t.row = [];
            t.rows.push(t.row);
            return;
          }
          if (name === 'td' || name === 'th') {
            flush();
            if (!t.row) {
              t.row = [];
              t.rows.push(t.row);
            }
            t.cell = { paragraphs: [], rowSpan: span(attrs.rowspan), colSpan: span(attrs.colspan) };
            t.row.push(t.cell);
            return;
          }
          if (name === 'caption') {
            flush();
            return;
          }
        }
        if (BLOCK.has(name) || (t && t.layout && (name === 'tr' || name === 'td' || name === 'th'))) flush();
      },
      onclosetag(name) {
        if (name === 'title' && inTitle) {
          inTitle = false;
          titleRead = true;
        }
        if (skip) {
          skip--;
          return;
        }
        if (name === 'ol' || name === 'ul') {
          flush();
          lists.pop();
          marker = '';
          return;
        }
        const t = tables[tables.length - 1];
        if (name === 'table' && t) {
          flush();
          tables.pop();
          if (!t.layout && t.rows.length > 0) found.push(buildGrid(tableIndex++, t.rows.filter((r, i) => r.length > 0 || i < t.rows.length - 1)));
          return;
        }
        if (t && !t.layout && (name === 'td' || name === 'th')) {
          flush();
          t.cell = null;
          return;
        }
        if (t && !t.layout && name === 'tr') {
          flush();
          t.row = null;
          return;
        }
        if (name === 'caption' && t && !t.cell) {
          const text = buf.replace(/\s+/g, ' ').trim();
          buf = '';
          if (text) found.push({ kind: 'paragraph', index: paragraphIndex++, text });
          return;
        }
        if (BLOCK.has(name) || (t && t.layout && (name === 'td' || name === 'th' || name === 'tr'))) flush();
      },
      ontext(text) {
        if (inTitle) pageTitle += text;
        if (skip) return;
        buf += text.replace(/[\t\n\r\f ]+/g, ' ');
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  flush();
  while (tables.length) {
    const t = tables.pop()!;
    if (!t.layout && t.rows.length) found.push(buildGrid(tableIndex++, t.rows));
  }

  const all = found.filter((b) => !(b.kind === 'paragraph' && b.text.length < 200 && META.test(b.text)));
  // The report: from its title (the last title-like line before the first table or section 一) to the
  // last block before the site footer.
  let firstBody = all.findIndex((b) => b.kind === 'table' || /^\s*一\s*[、.．]/.test(b.text));
  let start = -1;
  const short = (b: Block | undefined): b is Block & { kind: 'paragraph' } => b !== undefined && b.kind === 'paragraph' && b.text.length <= 80 && !/[。；]/.test(b.text);
  for (let i = 0; i < (firstBody < 0 ? all.length : firstBody); i++) {
    const b = all[i];
    const next = all[i + 1];
    // A title may be broken over two blocks (…政府信息公开 / 工作年度报告).
    if (short(b) && (TITLE.test(b.text) || (short(next) && !TITLE.test(next.text) && TITLE.test(b.text + next.text)))) start = i;
  }
  const fromPage = start < 0 ? reportTitleOf(pageTitle) : null;
  if (fromPage) {
    // Sites often print the title as an image or only in the page's <title> (`…年度报告_XX市人民政府`).
    all.unshift({ kind: 'paragraph', index: -1, text: fromPage });
    if (firstBody >= 0) firstBody++;
    start = 0;
    notices.push({ id: 'titleFromPage', args: { title: fromPage } });
  } else if (start < 0) {
    notices.push({ id: 'noTitle', args: {} });
    start = 0;
  } else if (start > 0 && /^\s*(\d{4}|[一二〇○零]{4}|政府信息公开)/.test((all[start] as { text: string }).text) && short(all[start - 1]) && !META.test((all[start - 1] as { text: string }).text)) {
    // `2020年政府信息公开工作年度报告` under the agency's name on the line before.
    start--;
  }
  let end = all.length;
  for (let i = Math.max(start, firstBody) + 1; i < all.length; i++) {
    const b = all[i];
    if (b.kind === 'paragraph' && FOOTER.test(b.text) && b.text.length < 200) {
      end = i;
      break;
    }
  }
  // Paragraphs and tables are numbered within the report, not the page around it.
  let p = 0;
  let t = 0;
  // The title taken from <title> (index -1) is in no paragraph of the page.
  const blocks = all.slice(start, end).map((b): Block => (b.kind === 'paragraph' ? (b.index === -1 ? b : { ...b, index: p++ }) : { ...b, index: t++ }));
  return { blocks, notices };
}

/** The report's title in a page's <title>, without the site's name around it; null when it names no report. */
export function reportTitleOf(pageTitle: string): string | null {
  const parts = pageTitle
    .replace(/\s+/g, ' ')
    .split(/\s*(?:[_|｜]|--?|—+|－)\s*/)
    .map((p) => p.trim())
    .filter((p) => TITLE.test(p) && p.length <= 80);
  return parts[0] ?? null;
}

export function readHtml(bytes: Uint8Array): ReadDocument {
  const { text, charset, guessed, overridden } = decodeHtml(bytes);
  const { blocks, notices } = readHtmlText(text);
  if (guessed) notices.push({ id: 'charsetGuessed', args: { charset } });
  if (overridden) notices.push({ id: 'charsetOverridden', args: { declared: overridden } });
  return { kind: 'html', blocks, notices, charset };
}

/** The HTML page inside an MHT (web archive): the first text/html part, decoded. */
export function readMht(bytes: Uint8Array): ReadDocument {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const boundary = /boundary\s*=\s*"?([^"\r\n;]+)"?/i.exec(raw)?.[1];
  const parts = boundary ? raw.split('--' + boundary) : [raw];
  for (const part of parts) {
    const sep = /\r?\n\r?\n/.exec(part);
    if (!sep) continue;
    const headers = part.slice(0, sep.index);
    if (!/content-type:\s*text\/html/i.test(headers)) continue;
    const body = part.slice(sep.index + sep[0].length);
    const te = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
    let data: Buffer;
    if (te === 'base64') data = Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    else if (te === 'quoted-printable') data = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    else data = Buffer.from(body, 'latin1');
    const cs = /charset\s*=\s*"?([\w.:-]+)/i.exec(headers)?.[1];
    const { text, charset, guessed, overridden } = decodeHtml(data, cs);
    const { blocks, notices } = readHtmlText(text);
    if (guessed) notices.push({ id: 'charsetGuessed', args: { charset } });
    if (overridden) notices.push({ id: 'charsetOverridden', args: { declared: overridden } });
  if (overridden) notices.push({ id: 'charsetOverridden', args: { declared: overridden } });
    return { kind: 'html', blocks, notices, charset };
  }
  throw new ImportError('read.mhtNoHtml');
}
