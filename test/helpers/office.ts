// Builds Word (.docx) and web-page (.html) versions of a text report, for the import tests. The tables
// get the merges of the official Word template (the 3×3 corner cell of table 三, 申请人情况 across seven
// columns, 三、本年度办理结果 down its rows, table 四's two header levels, table 二's caption rows across
// the grid); options add what real files carry: headings numbered by numbering.xml, numbers split across
// runs, tracked changes, content controls, hidden text, bookmarks. Independent of the readers' code.

import iconv from 'iconv-lite';
import { zipSync, strToU8 } from 'fflate';
import { parseReport, splitLines, type ReportModel, type Table, type TableRow } from '../../server/src/core';

export interface SpecCell {
  text: string;
  colSpan?: number;
  /** Word's vertical merge: 'restart' starts a merged cell, 'continue' is covered by the one above. */
  vMerge?: 'restart' | 'continue';
}
export type SpecRow = SpecCell[];
export interface SpecTable {
  rows: SpecRow[];
  cols: number;
}
export type SpecBlock = { kind: 'p'; text: string; heading?: number } | { kind: 'table'; table: SpecTable };

const NUMERALS = '一二三四五六';

const c = (text: string, colSpan?: number, vMerge?: 'restart' | 'continue'): SpecCell => ({ text, colSpan, vMerge });

function labels(r: TableRow): string[] {
  return r.labelCells.map((l) => l.text).filter((t) => t !== '');
}

function values(r: TableRow): SpecCell[] {
  return r.cells.map((v) => c(v.text));
}

/** Table 三 on the official grid: L1–L3 label columns, then the seven applicant columns. */
function table3(t: Table): SpecTable | null {
  const headers = t.rows.filter((r) => r.kind === 'header');
  const h = headers.map(labels);
  if (h.length !== 3 || h[0].length !== 2 || h[1].length !== 3 || h[2].length !== 5) return null;
  const rows: SpecRow[] = [
    [c(h[0][0], 3, 'restart'), c(h[0][1], 7)],
    [c('', 3, 'continue'), c(h[1][0], 1, 'restart'), c(h[1][1], 5), c(h[1][2], 1, 'restart')],
    [c('', 3, 'continue'), c('', 1, 'continue'), ...h[2].map((x) => c(x)), c('', 1, 'continue')],
  ];
  let inResults = false;
  for (const r of t.rows) {
    if (r.kind === 'header' || r.kind === 'caption') continue;
    const ls = labels(r);
    const key = r.key ?? '';
    const leaf = ls[ls.length - 1] ?? '';
    if (key === 'new' || key === 'carriedIn' || key === 'carriedOut') {
      inResults = false;
      rows.push([c(leaf, 3), ...values(r)]);
    } else if (/^(deny|unable|reject|other)\.\d$/.test(key)) {
      const l1 = c('', 1, 'continue');
      const l2 = ls.length >= 2 ? c(ls[ls.length - 2], 1, 'restart') : c('', 1, 'continue');
      rows.push([l1, l2, c(leaf), ...values(r)]);
    } else {
      const first = !inResults;
      inResults = true;
      rows.push([first ? c(ls[0], 1, 'restart') : c('', 1, 'continue'), c(leaf, 2), ...values(r)]);
    }
  }
  return { rows, cols: 10 };
}

/** Table 四: 行政复议 over five columns, 行政诉讼 over ten with its two groups, then the 15 values. */
function table4(t: Table): SpecTable | null {
  const h = t.rows.filter((r) => r.kind === 'header').map(labels);
  const data = t.rows.filter((r) => r.kind === 'data');
  if (h.length !== 3 || h[0].length !== 2 || h[1].length !== 7 || h[2].length !== 10 || data.length !== 1) return null;
  return {
    cols: 15,
    rows: [
      [c(h[0][0], 5), c(h[0][1], 10)],
      [...h[1].slice(0, 5).map((x) => c(x, 1, 'restart')), c(h[1][5], 5), c(h[1][6], 5)],
      [...h[1].slice(0, 5).map(() => c('', 1, 'continue')), ...h[2].map((x) => c(x))],
      values(data[0]),
    ],
  };
}

/** Table 二: one 4-column grid; captions across it; a row with fewer values spans its last one. */
function table2(t: Table): SpecTable {
  const rows: SpecRow[] = [];
  let width = 4;
  for (const r of t.rows) width = Math.max(width, labels(r).length + r.cells.length);
  for (const r of t.rows) {
    const ls = labels(r);
    if (r.kind === 'caption') {
      rows.push([c(ls.join(''), width)]);
      continue;
    }
    const cells = r.kind === 'header' ? ls.map((x) => c(x)) : [...ls.map((x) => c(x)), ...values(r)];
    if (cells.length === 0) continue;
    const used = cells.length;
    if (used < width) cells[cells.length - 1].colSpan = width - used + 1;
    rows.push(cells);
  }
  return { rows, cols: width };
}

/** A generic grid: each row's cells as written. */
function plainTable(t: Table): SpecTable {
  const rows = t.rows.map((r) => [...labels(r).map((x) => c(x)), ...values(r)]).filter((r) => r.length > 0);
  const cols = Math.max(...rows.map((r) => r.length));
  for (const r of rows) if (r.length < cols) r[r.length - 1].colSpan = cols - r.length + 1;
  return { rows, cols };
}

/** The report as blocks: its lines outside the tables as paragraphs, each table on the official grid. */
export function reportSpec(text: string, model: ReportModel = parseReport(text)): SpecBlock[] {
  const lines = splitLines(text).map((l) => l.text);
  const tables = (Object.values(model.tables) as Table[]).sort((a, b) => a.startLine - b.startLine);
  const headings = new Map(model.sections.map((s) => [s.line, NUMERALS.indexOf(s.number) + 1]));
  const out: SpecBlock[] = [];
  let line = 0;
  for (const t of [...tables, null]) {
    const stop = t ? t.startLine : lines.length;
    for (; line < stop; line++) {
      const l = lines[line].trim();
      if (l === '') continue;
      out.push({ kind: 'p', text: l, heading: headings.get(line) });
    }
    if (!t) break;
    const spec = t.id === '三' ? table3(t) : t.id === '四' ? table4(t) : table2(t);
    out.push({ kind: 'table', table: spec ?? plainTable(t) });
    line = t.endLine + 1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// .docx

export interface DocxOptions {
  /** Section headings `一、…` made by automatic numbering (chineseCounting, `%1、`) instead of typed. */
  numbered?: boolean;
  /** Numbers of two digits or more split over two runs (the second one bold). */
  splitRuns?: boolean;
  /** Tracked changes: an insertion and a deletion in the title, a deleted row in table 三, an old span. */
  tracked?: boolean;
  /** Content controls: around a table row, around a cell's content, and a placeholder paragraph. */
  contentControls?: boolean;
  /** Hidden text in a paragraph, a bookmark, a proofing mark and a simple field around a number. */
  noise?: boolean;
  /** Extra package parts (name → bytes), e.g. media; stored uncompressed. */
  extraParts?: Record<string, Uint8Array>;
  /** Each table inside a borderless one-cell table (a frame for centring), an empty paragraph before it. */
  framed?: boolean;
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function run(text: string, rPr = ''): string {
  if (text === '') return '';
  return `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

function runs(text: string, o: DocxOptions): string {
  if (!o.splitRuns) return run(text);
  // Split inside every number of two digits or more: "15" → "1" + "5".
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/\d{2,}/g)) {
    const i = m.index!;
    out += run(text.slice(last, i)) + run(m[0].slice(0, 1)) + run(m[0].slice(1), '<w:b/>');
    last = i + m[0].length;
  }
  return out + run(text.slice(last));
}

function paragraph(inner: string, pPr = ''): string {
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${inner}</w:p>`;
}

function cellXml(cell: SpecCell, o: DocxOptions, wrapContent: boolean): string {
  const pr = `${cell.colSpan && cell.colSpan > 1 ? `<w:gridSpan w:val="${cell.colSpan}"/>` : ''}${cell.vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : cell.vMerge === 'continue' ? '<w:vMerge/>' : ''}`;
  const text = cell.vMerge === 'continue' ? '' : cell.text;
  let p = paragraph(runs(text, o));
  if (wrapContent) p = `<w:sdt><w:sdtPr><w:alias w:val="数值"/><w:id w:val="7"/></w:sdtPr><w:sdtContent>${p}</w:sdtContent></w:sdt>`;
  return `<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/>${pr}</w:tcPr>${p}</w:tc>`;
}

function tableXml(t: SpecTable, o: DocxOptions, index: number): string {
  let rows = '';
  t.rows.forEach((r, ri) => {
    const wrapCell = !!o.contentControls && ri === t.rows.length - 1;
    let tr = `<w:tr><w:trPr><w:cantSplit/></w:trPr>${r.map((cell, ci) => cellXml(cell, o, wrapCell && ci === r.length - 1)).join('')}</w:tr>`;
    if (o.contentControls && ri === 3) tr = `<w:sdt><w:sdtPr><w:id w:val="${100 + index}"/></w:sdtPr><w:sdtContent>${tr}</w:sdtContent></w:sdt>`;
    if (o.contentControls && ri === 4) tr = `<w:customXml w:element="row">${tr}</w:customXml>`;
    rows += tr;
    if (o.tracked && index === 1 && ri === 5) {
      // A row deleted with tracked changes: gone when the changes are accepted.
      rows += `<w:tr><w:trPr><w:del w:id="901" w:author="审核" w:date="2021-01-20T00:00:00Z"/></w:trPr>${r.map((cell) => `<w:tc><w:tcPr>${cell.colSpan && cell.colSpan > 1 ? `<w:gridSpan w:val="${cell.colSpan}"/>` : ''}</w:tcPr><w:p><w:del w:id="902" w:author="审核"><w:r><w:delText>999</w:delText></w:r></w:del></w:p></w:tc>`).join('')}</w:tr>`;
    }
  });
  const grid = '<w:gridCol w:w="800"/>'.repeat(t.cols);
  const oldGrid = o.tracked ? `<w:tblGridChange w:id="903"><w:tblGrid>${'<w:gridCol w:w="500"/>'.repeat(t.cols + 2)}</w:tblGrid></w:tblGridChange>` : '';
  const table = `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>${grid}${oldGrid}</w:tblGrid>${rows}</w:tbl>`;
  return o.framed
    ? `<w:tbl><w:tblPr><w:jc w:val="center"/><w:tblBorders><w:top w:val="nil"/></w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/></w:tcPr><w:p/>${table}<w:p/></w:tc></w:tr></w:tbl>`
    : table;
}

export function docxDocument(blocks: SpecBlock[], o: DocxOptions = {}): string {
  let body = '';
  let tableIndex = 0;
  let expected = 1;
  let numId = 1;
  let title = true;
  for (const b of blocks) {
    if (b.kind === 'table') {
      body += tableXml(b.table, o, tableIndex++);
      continue;
    }
    let text = b.text;
    let pPr = '';
    if (o.numbered && b.heading && text.startsWith(NUMERALS[b.heading - 1] + '、')) {
      // Numbered by Word: the numeral is not in the text. A heading out of sequence starts a new list
      // instance at its own number (startOverride).
      if (b.heading !== expected) numId = 100 + b.heading;
      pPr = `<w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr>`;
      text = text.slice(2);
      expected = b.heading + 1;
    }
    let inner = runs(text, o);
    if (title && o.tracked) {
      inner = `<w:del w:id="1" w:author="审核"><w:r><w:delText>（征求意见稿）</w:delText></w:r></w:del>${inner}<w:ins w:id="2" w:author="审核"></w:ins>`;
    }
    if (title && o.noise) {
      inner = `<w:bookmarkStart w:id="0" w:name="_GoBack"/>${inner}<w:bookmarkEnd w:id="0"/><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的批注文字</w:t></w:r><w:proofErr w:type="spellEnd"/>`;
    }
    title = false;
    body += paragraph(inner, pPr);
  }
  if (o.contentControls) {
    body += `<w:sdt><w:sdtPr><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent><w:p><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t>单击或点击此处输入文字。</w:t></w:r></w:p></w:sdtContent></w:sdt>`;
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`;
}

const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>${[1, 2, 3, 4, 5, 6].map((k) => `<w:num w:numId="${100 + k}"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="${k}"/></w:lvlOverride></w:num>`).join('')}</w:numbering>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>`;

export function docxPackage(documentXml: string, extraParts: Record<string, Uint8Array> = {}): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0 | 6 }]> = {
    '[Content_Types].xml': [strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`), { level: 6 }],
    '_rels/.rels': [strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`), { level: 6 }],
    'docProps/core.xml': [strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>政府信息公开工作年度报告</dc:title><dc:creator>办公室</dc:creator></cp:coreProperties>`), { level: 6 }],
    'word/_rels/document.xml.rels': [strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`), { level: 6 }],
    'word/document.xml': [strToU8(documentXml), { level: 6 }],
    'word/numbering.xml': [strToU8(NUMBERING), { level: 6 }],
    'word/styles.xml': [strToU8(STYLES), { level: 6 }],
  };
  for (const [name, data] of Object.entries(extraParts)) files[name] = [data, { level: 0 }];
  return zipSync(files);
}

export function toDocx(text: string, o: DocxOptions = {}): Uint8Array {
  return docxPackage(docxDocument(reportSpec(text), o), o.extraParts);
}

// ---------------------------------------------------------------------------------------------------
// .html

export interface HtmlOptions {
  /** Character set of the page: 'utf-8' or 'gbk' (declared in a meta tag, bytes encoded accordingly). */
  charset?: 'utf-8' | 'gbk';
  /** Declare the charset in the page (default true). */
  declare?: boolean;
  /** The article inside a page-layout table (old sites), the report's tables nested in its cell. */
  layoutTable?: boolean;
}

function tableHtml(t: SpecTable): string {
  // vMerge runs become rowspan; covered cells are left out, as HTML does.
  const rowSpan = (ri: number, col: number): number => {
    let n = 1;
    for (let r = ri + 1; r < t.rows.length; r++) {
      let k = 0;
      const cell = t.rows[r].find((cc) => {
        const here = k;
        k += cc.colSpan ?? 1;
        return here === col;
      });
      if (cell?.vMerge === 'continue') n++;
      else break;
    }
    return n;
  };
  let out = '<table border="1" cellspacing="0" style="border-collapse:collapse">\n<tbody>\n';
  t.rows.forEach((r, ri) => {
    out += '<tr>';
    let col = 0;
    for (const cell of r) {
      const span = cell.colSpan ?? 1;
      if (cell.vMerge !== 'continue') {
        const rs = cell.vMerge === 'restart' ? rowSpan(ri, col) : 1;
        out += `<td${span > 1 ? ` colspan="${span}"` : ''}${rs > 1 ? ` rowspan="${rs}"` : ''}><p style="text-align:center"><span style="font-size:12pt">${esc(cell.text)}</span></p></td>`;
      }
      col += span;
    }
    out += '</tr>\n';
  });
  return out + '</tbody>\n</table>\n';
}

export function toHtml(text: string, o: HtmlOptions = {}): Uint8Array {
  const blocks = reportSpec(text);
  const charset = o.charset ?? 'utf-8';
  const [first, ...rest] = blocks;
  let body = '';
  for (const b of rest) {
    if (b.kind === 'table') body += tableHtml(b.table);
    else if (b.heading) body += `<p style="text-indent:2em"><strong>${esc(b.text)}</strong></p>\n`;
    else body += `<p style="text-indent:2em">${esc(b.text).replace(/ {2,}/g, (s) => '&nbsp;'.repeat(s.length))}</p>\n`;
  }
  const title = first && first.kind === 'p' ? first.text : '';
  const meta = o.declare === false ? '' : `<meta http-equiv="Content-Type" content="text/html; charset=${charset === 'gbk' ? 'gb2312' : 'utf-8'}">`;
  const page = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>${meta}
<title>${esc(title)}_政府信息公开年报_示例市人民政府</title>
<style>.nav a { color: #333 } td { border: 1px solid #000 }</style>
<script type="text/javascript">var siteId = 12; if (siteId < 20 && document.cookie) { document.write("<p>一、脚本里的文字</p>"); }</script>
</head><body>
<div class="top-nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/xxgk/">政府信息公开年报</a></li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<div class="main"><div class="article">${o.layoutTable ? '<table width="100%"><tr><td class="l"><img src="/l.gif"></td><td>' : ''}
<h1 class="title">${esc(title)}</h1>
<div class="info">发布时间：2021-01-28 &nbsp; 来源：办公室 &nbsp; 【字体：大 中 小】</div>
<div class="TRS_Editor">
${body}</div>
<div class="print">【打印本页】【关闭窗口】</div>${o.layoutTable ? '</td></tr></table>' : ''}
</div></div>
<div class="footer"><p>版权所有：示例市人民政府办公室 &nbsp; 网站标识码：0000000000 &nbsp; 京ICP备00000000号</p></div>
</body></html>
`;
  return charset === 'gbk' ? iconv.encode(page, 'gbk') : Buffer.from(page, 'utf8');
}
