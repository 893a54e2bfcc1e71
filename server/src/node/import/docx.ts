// The .docx reader: the main document part walked once with saxes into paragraphs and table grids.
// Rules (measured on hand-built pitfall files, see the research notes): text is `w:t` only; tracked
// changes read as accepted (deleted text, moved-from text, old properties, deleted rows skipped); hidden
// text and content-control placeholders dropped; content controls, customXml, smart tags, hyperlinks and
// simple fields transparent; the grid from gridBefore/gridAfter, gridSpan, vMerge and legacy hMerge.

import { compactColumns } from './grid';
import { decodeXml, attr, parseXml } from './xml';
import { ImportError } from './messages';
import { emptyNumbering, Numberer, type Level, type NumberingDefs } from './numbering';
import { listEntries, readParts } from './zip';
import type { Block, Cell, Grid, Notice, ReadDocument, TextSegment } from './types';

/** Subtrees whose text is never part of the document as it reads (tracked deletions, old properties…). */
const SKIP = new Set([
  'del', 'moveFrom', 'instrText', 'delText', 'delInstrText', 'Fallback', 'sdtPr', 'sdtEndPr', 'tabs',
  'pPrChange', 'rPrChange', 'tblPrChange', 'trPrChange', 'tcPrChange', 'sectPrChange', 'tblGridChange',
  'numberingChange', 'cellIns', 'cellDel', 'cellMerge', 'fldData', 'sectPr', 'footnoteReference', 'endnoteReference',
]);
const TRACKED = new Set(['ins', 'del', 'moveFrom', 'moveTo', 'pPrChange', 'rPrChange', 'tblPrChange', 'trPrChange', 'tcPrChange', 'tblGridChange', 'cellIns', 'cellDel', 'cellMerge']);

export interface Piece {
  text: string;
  /** Index into the cell's segments, or -1 for text that is not in the XML (numbering, tabs). */
  seg: number;
  /** Offset of this piece within that segment's text. */
  off: number;
}

export interface DocxCell extends Cell {
  pieces: Piece[][];
}

interface CellBuild {
  pieces: Piece[][];
  segments: TextSegment[];
  insertAt?: number;
  emptyParagraph?: { start: number; end: number };
  gridSpan: number;
  vMerge: 'restart' | 'continue' | null;
  hMerge: 'restart' | 'continue' | null;
}

interface RowBuild {
  cells: CellBuild[];
  gridBefore: number;
  gridAfter: number;
  deleted: boolean;
}

interface TableBuild {
  index: number;
  gridCols: number;
  /** Widths of the grid columns (twips), from tblGrid. */
  widths: number[];
  rows: RowBuild[];
  row: RowBuild | null;
  cell: CellBuild | null;
  /** Depth of tables nested inside this one's current cell (their text is inlined). */
  nested: number;
  /** Holds a table in a cell and has one column: page layout, its cells read as the body. */
  layout?: boolean;
  /** A layout table's number, for the first table inside it. */
  spareIndex?: number;
}

/** A table of one column holding a table is a frame around it (centring, keeping it on one page), not data. */
const LAYOUT_MAX_COLUMNS = 1;

interface ParaBuild {
  pieces: Piece[];
  style?: string;
  numId?: string;
  ilvl?: number;
  /** Paragraphs of text boxes anchored in this paragraph, emitted after it. */
  boxes: Piece[][];
  /** Offset of this paragraph's end tag (for inserting a run). */
  end?: number;
  /** The whole element when it is written `<w:p/>`. */
  empty?: { start: number; end: number };
}

function int(v: string | undefined, dflt: number): number {
  const n = v === undefined ? NaN : parseInt(v, 10);
  return Number.isFinite(n) ? n : dflt;
}

function on(v: string | undefined): boolean {
  return v === undefined || !/^(0|false|off)$/i.test(v);
}

/** Relationship targets of a .rels part by type suffix. */
function relTargets(xml: string, part: string): { type: string; target: string }[] {
  const out: { type: string; target: string }[] = [];
  parseXml(part, xml, {
    open(local, attrs) {
      if (local === 'Relationship') out.push({ type: attr(attrs, 'Type') ?? '', target: attr(attrs, 'Target') ?? '' });
    },
    close() {},
    text() {},
  });
  return out;
}

function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function readNumbering(numberingXml: string | undefined, stylesXml: string | undefined): NumberingDefs {
  const defs = emptyNumbering();
  if (numberingXml) {
    let abs: Map<number, Level> | null = null;
    let absId = '';
    let lvl: Level | null = null;
    let lvlIndex = 0;
    let num: { abstractId: string; overrides: Map<number, { start?: number; level?: Level }> } | null = null;
    let numId = '';
    let override: { start?: number; level?: Level } | null = null;
    let skip = 0;
    parseXml('word/numbering.xml', numberingXml, {
      open(local, a) {
        if (skip) {
          skip++;
          return;
        }
        if (local === 'numberingChange' || local === 'pPr' || local === 'rPr') {
          skip = 1;
          return;
        }
        switch (local) {
          case 'abstractNum':
            abs = new Map();
            absId = attr(a, 'abstractNumId') ?? '';
            defs.abstracts.set(absId, abs);
            break;
          case 'numStyleLink':
            if (abs) defs.styleLinks.set(absId, attr(a, 'val') ?? '');
            break;
          case 'lvl':
            lvlIndex = int(attr(a, 'ilvl'), 0);
            // ECMA-376: an omitted start is 0 (Word always writes it).
            lvl = { start: 0, numFmt: 'decimal', lvlText: '', suff: 'tab', isLgl: false };
            if (override) override.level = lvl;
            else abs?.set(lvlIndex, lvl);
            break;
          case 'start':
            if (lvl) lvl.start = int(attr(a, 'val'), 1);
            break;
          case 'numFmt':
            if (lvl) lvl.numFmt = attr(a, 'val') ?? 'decimal';
            break;
          case 'lvlText':
            if (lvl) lvl.lvlText = attr(a, 'val') ?? '';
            break;
          case 'suff':
            if (lvl) lvl.suff = (attr(a, 'val') as Level['suff']) ?? 'tab';
            break;
          case 'isLgl':
            if (lvl) lvl.isLgl = on(attr(a, 'val'));
            break;
          case 'num':
            numId = attr(a, 'numId') ?? '';
            num = { abstractId: '', overrides: new Map() };
            defs.nums.set(numId, num);
            break;
          case 'abstractNumId':
            if (num) num.abstractId = attr(a, 'val') ?? '';
            break;
          case 'lvlOverride':
            override = {};
            num?.overrides.set(int(attr(a, 'ilvl'), 0), override);
            break;
          case 'startOverride':
            if (override) override.start = int(attr(a, 'val'), 1);
            break;
        }
      },
      close(local) {
        if (skip) {
          skip--;
          return;
        }
        if (local === 'abstractNum') abs = null;
        else if (local === 'lvl') lvl = null;
        else if (local === 'num') num = null;
        else if (local === 'lvlOverride') override = null;
      },
      text() {},
    });
  }
  if (stylesXml) {
    let style: { numId?: string; ilvl?: number; basedOn?: string } | null = null;
    let skip = 0;
    parseXml('word/styles.xml', stylesXml, {
      open(local, a) {
        if (skip) {
          skip++;
          return;
        }
        if (local === 'pPrChange' || local === 'rPr' || local === 'tblPr' || local === 'trPr' || local === 'tcPr') {
          skip = 1;
          return;
        }
        if (local === 'style') {
          // Paragraph styles carry numbering; numbering styles name the list a `numStyleLink` points to.
          const type = attr(a, 'type');
          style = type === 'paragraph' || type === 'numbering' || type === undefined ? {} : null;
          if (style) defs.styles.set(attr(a, 'styleId') ?? '', style);
        } else if (style && local === 'basedOn') style.basedOn = attr(a, 'val');
        else if (style && local === 'numId') style.numId = attr(a, 'val');
        else if (style && local === 'ilvl') style.ilvl = int(attr(a, 'val'), 0);
      },
      close(local) {
        if (skip) {
          skip--;
          return;
        }
        if (local === 'style') style = null;
      },
      text() {},
    });
  }
  return defs;
}

/** Builds the grid of one table from its rows (deleted rows already dropped). */
function buildGrid(t: TableBuild, notices: Notice[]): Grid {
  const cells: DocxCell[] = [];
  const placed: { row: number; col: number; cell: number }[][] = [];
  let width = t.gridCols;
  t.rows.forEach((r, ri) => {
    const rowPlaced: { row: number; col: number; cell: number }[] = [];
    let col = r.gridBefore;
    for (const c of r.cells) {
      const span = Math.max(1, c.gridSpan);
      if (c.hMerge === 'continue' && rowPlaced.length > 0) {
        // Legacy horizontal merge: this cell widens the one on its left.
        const left = cells[rowPlaced[rowPlaced.length - 1].cell];
        left.colSpan += span;
        appendContent(left, c);
        col += span;
        continue;
      }
      if (c.vMerge === 'continue') {
        const above = ri > 0 ? placed[ri - 1].find((p) => p.col === col) : undefined;
        const anchor = above ? cells[above.cell] : undefined;
        if (anchor && anchor.row + anchor.rowSpan === ri && anchor.col === col) {
          anchor.rowSpan++;
          appendContent(anchor, c);
          rowPlaced.push({ row: ri, col, cell: above!.cell });
          col += span;
          continue;
        }
        notices.push({ id: 'orphanMerge', args: { table: t.index + 1, row: ri + 1, col: col + 1 } });
      }
      const pieces = c.pieces;
      cells.push({ row: ri, col, rowSpan: 1, colSpan: span, paragraphs: pieces.map((p) => p.map((x) => x.text).join('')), pieces, segments: c.segments, insertAt: c.insertAt, emptyParagraph: c.emptyParagraph });
      rowPlaced.push({ row: ri, col, cell: cells.length - 1 });
      col += span;
    }
    width = Math.max(width, col + r.gridAfter);
    placed.push(rowPlaced);
  });
  const rows = t.rows.length;
  const at = new Int32Array(rows * width).fill(-1);
  cells.forEach((c, i) => {
    for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < Math.min(width, c.col + c.colSpan); k++) at[r * width + k] = i;
  });
  return compactColumns({ kind: 'table', index: t.index, rows, cols: width, cells, at }, t.widths);
}

/** Text of a merged continuation cell (normally empty) joins its anchor. */
function appendContent(anchor: DocxCell, c: CellBuild): void {
  const nonEmpty = c.pieces.filter((p) => p.some((x) => x.text.trim() !== ''));
  if (nonEmpty.length === 0) return;
  const base = anchor.segments!.length;
  anchor.segments!.push(...c.segments);
  for (const p of nonEmpty) anchor.pieces.push(p.map((x) => ({ ...x, seg: x.seg < 0 ? -1 : x.seg + base })));
  anchor.paragraphs = anchor.pieces.map((p) => p.map((x) => x.text).join(''));
}

export function readDocx(bytes: Uint8Array): ReadDocument {
  const entries = listEntries(bytes);
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  let main = 'word/document.xml';
  if (names.has('_rels/.rels')) {
    const rels = readParts(bytes, ['_rels/.rels']).get('_rels/.rels');
    if (rels) {
      const office = relTargets(decodeXml(rels), '_rels/.rels').find((r) => /\/officeDocument$/.test(r.type));
      if (office) main = resolvePart('', office.target);
    }
  }
  if (!names.has(main.toLowerCase())) {
    if (!names.has('word/document.xml')) throw new ImportError('read.notDocx');
    main = 'word/document.xml';
  }
  // numbering.xml and styles.xml sit beside the main part (their relationships say so; the names are fixed in practice).
  const dir = main.split('/').slice(0, -1).join('/');
  const numberingName = `${dir}/numbering.xml`;
  const stylesName = `${dir}/styles.xml`;
  const parts = readParts(bytes, [main, numberingName, stylesName]);
  const mainBytes = parts.get(main);
  if (!mainBytes) throw new ImportError('read.partMissing', { part: main });
  const xml = decodeXml(mainBytes);
  const defs = readNumbering(parts.get(numberingName) && decodeXml(parts.get(numberingName)!), parts.get(stylesName) && decodeXml(parts.get(stylesName)!));
  return { ...walkDocument(main, xml, defs), mainPart: main, xml };
}

export function walkDocument(part: string, xml: string, defs: NumberingDefs): { kind: 'docx'; blocks: Block[]; notices: Notice[] } {
  const numberer = new Numberer(defs);
  const blocks: Block[] = [];
  const notices: Notice[] = [];
  const tables: TableBuild[] = [];
  const paras: ParaBuild[] = [];
  const stack: string[] = [];
  let skip = 0;
  let skipRoot = '';
  let paragraphIndex = 0;
  let tableIndex = 0;
  let hidden = false;
  let inRPr = false;
  let inPPr = 0;
  let inTrPr = false;
  let inTcPr = false;
  let inTblGrid = false;
  let tStart = -1;
  let tText = '';
  let boxDepth = 0;
  let boxes = 0;
  let hiddenCount = 0;
  let placeholderCount = 0;
  let tracked = false;
  let deletedRows = 0;
  const sdts: { placeholder: boolean }[] = [];
  let placeholder = 0;
  const nestedNoticed = new Set<number>();

  const table = () => tables[tables.length - 1];
  const currentCell = (): CellBuild | null => {
    const t = table();
    return t && !t.layout ? t.cell : null;
  };
  const paragraphBlock = (ps: Piece[]) => blocks.push({ kind: 'paragraph', index: paragraphIndex++, text: ps.map((x) => x.text).join('') });
  /** A table found to be a frame: what its cells held so far goes to the body, in order. */
  const unframe = (t: TableBuild) => {
    t.layout = true;
    t.spareIndex = t.index;
    for (const r of [...t.rows, ...(t.row ? [t.row] : [])]) for (const c of [...r.cells, ...(r === t.row && t.cell ? [t.cell] : [])]) for (const ps of c.pieces) paragraphBlock(ps);
    t.rows = [];
    if (t.row) t.row.cells = [];
    t.cell = null;
  };

  const finishParagraph = (p: ParaBuild) => {
    const nr = numberer.resolve(p.style, p.numId, p.ilvl);
    const label = nr ? numberer.next(nr.numId, nr.ilvl) : '';
    const pieces: Piece[] = label ? [{ text: label, seg: -1, off: 0 }, ...p.pieces] : p.pieces;
    const outer = paras[paras.length - 1];
    if (outer) {
      // A paragraph of a text box: it follows the paragraph the box is anchored in.
      outer.boxes.push(pieces, ...p.boxes);
      return;
    }
    const cell = currentCell();
    if (cell) {
      cell.pieces.push(pieces, ...p.boxes);
      if (cell.insertAt === undefined && cell.emptyParagraph === undefined) {
        if (p.end !== undefined) cell.insertAt = p.end;
        else if (p.empty !== undefined) cell.emptyParagraph = p.empty;
      }
      return;
    }
    for (const ps of [pieces, ...p.boxes]) paragraphBlock(ps);
  };

  const addText = (text: string, seg?: { start: number; end: number }) => {
    const p = paras[paras.length - 1];
    if (!p) return;
    const cell = currentCell();
    if (seg && cell && paras.length === 1) {
      cell.segments.push({ start: seg.start, end: seg.end, text });
      p.pieces.push({ text, seg: cell.segments.length - 1, off: 0 });
    } else p.pieces.push({ text, seg: -1, off: 0 });
  };

  parseXml(part, xml, {
    open(local, a, selfClosing, pos) {
      // saxes reports a close for every open, self-closing tags included: skip counts both.
      if (skip) {
        if (local === 'showingPlcHdr' && skipRoot === 'sdtPr' && sdts.length) sdts[sdts.length - 1].placeholder = true;
        skip++;
        return;
      }
      const parent = stack[stack.length - 1];
      if (TRACKED.has(local)) tracked = true;
      if (local === 'del' && parent === 'trPr') {
        const t = table();
        if (t && t.row && t.nested === 0) t.row.deleted = true;
      }
      if ((SKIP.has(local) && !(local === 'tabs' && parent !== 'pPr')) || (local === 'rPr' && inPPr)) {
        // (a paragraph mark's run properties hold nothing that reads as text)
        skip = 1;
        skipRoot = local;
        return;
      }
      stack.push(local);
      const t = table();
      switch (local) {
        case 'p':
          paras.push({ pieces: [], boxes: [] });
          return;
        case 'pPr':
          inPPr++;
          return;
        case 'pStyle':
          if (inPPr && paras.length) paras[paras.length - 1].style = attr(a, 'val');
          return;
        case 'numId':
          if (inPPr && paras.length) paras[paras.length - 1].numId = attr(a, 'val');
          return;
        case 'ilvl':
          if (inPPr && paras.length) paras[paras.length - 1].ilvl = int(attr(a, 'val'), 0);
          return;
        case 'rPr':
          inRPr = true;
          return;
        case 'r':
          hidden = false;
          return;
        case 'vanish':
          if (inRPr && on(attr(a, 'val'))) hidden = true;
          return;
        case 't':
          if (selfClosing) return void (tStart = -1);
          tStart = pos;
          tText = '';
          return;
        case 'tab':
        case 'ptab':
          if (!inPPr && paras.length && !hidden && placeholder === 0) addText('\t');
          return;
        case 'br':
        case 'cr':
          if (paras.length && !hidden && placeholder === 0 && attr(a, 'type') !== 'page' && attr(a, 'type') !== 'column') addText('\n');
          return;
        case 'noBreakHyphen':
          if (paras.length && !hidden && placeholder === 0) addText('-');
          return;
        case 'sym': {
          const ch = attr(a, 'char');
          if (ch && paras.length && !hidden && placeholder === 0) {
            let code = parseInt(ch, 16);
            if (code >= 0xf000) code -= 0xf000; // symbol fonts map into the private-use area
            if (code > 0) addText(String.fromCodePoint(code));
          }
          return;
        }
        case 'sdt':
          sdts.push({ placeholder: false });
          return;
        case 'sdtContent':
          if (sdts.length && sdts[sdts.length - 1].placeholder) placeholder++;
          return;
        case 'txbxContent':
          boxDepth++;
          boxes++;
          return;
        case 'tbl':
          if (t && t.cell && !t.layout && t.nested === 0 && t.gridCols <= LAYOUT_MAX_COLUMNS) unframe(t);
          if (t && t.layout && t.nested === 0) {
            // A table inside a frame is a table of the body; the first takes the frame's number.
            const index = t.spareIndex ?? tableIndex++;
            t.spareIndex = undefined;
            tables.push({ index, gridCols: 0, widths: [], rows: [], row: null, cell: null, nested: 0 });
            return;
          }
          if (t && t.cell) {
            // A table inside a cell: its text is inlined into that cell.
            t.nested++;
            if (!nestedNoticed.has(t.index)) {
              nestedNoticed.add(t.index);
              notices.push({ id: 'nestedTable', args: { table: t.index + 1 } });
            }
            return;
          }
          if (t && t.nested > 0) {
            t.nested++;
            return;
          }
          if (paras.length) {
            // A table inside a text box: read its cells as paragraphs of the box.
            tables.push({ index: -1, gridCols: 0, widths: [], rows: [], row: null, cell: null, nested: 1 });
            return;
          }
          tables.push({ index: tableIndex++, gridCols: 0, widths: [], rows: [], row: null, cell: null, nested: 0 });
          return;
        case 'tblGrid':
          if (t && t.nested === 0) inTblGrid = true;
          return;
        case 'gridCol':
          if (t && inTblGrid && t.nested === 0) {
            t.gridCols++;
            t.widths.push(int(attr(a, 'w'), 1000));
          }
          return;
        case 'tr':
          if (t && t.nested === 0 && !t.layout) t.row = { cells: [], gridBefore: 0, gridAfter: 0, deleted: false };
          return;
        case 'trPr':
          inTrPr = true;
          return;
        case 'gridBefore':
          if (t && t.row && inTrPr && t.nested === 0) t.row.gridBefore = int(attr(a, 'val'), 0);
          return;
        case 'gridAfter':
          if (t && t.row && inTrPr && t.nested === 0) t.row.gridAfter = int(attr(a, 'val'), 0);
          return;
        case 'tc':
          if (t && t.nested === 0 && !t.layout) t.cell = { pieces: [], segments: [], gridSpan: 1, vMerge: null, hMerge: null };
          return;
        case 'tcPr':
          inTcPr = true;
          return;
        case 'gridSpan':
          if (t && t.cell && inTcPr && t.nested === 0) t.cell.gridSpan = int(attr(a, 'val'), 1);
          return;
        case 'vMerge':
          if (t && t.cell && inTcPr && t.nested === 0) t.cell.vMerge = attr(a, 'val') === 'restart' ? 'restart' : 'continue';
          return;
        case 'hMerge':
          if (t && t.cell && inTcPr && t.nested === 0) t.cell.hMerge = attr(a, 'val') === 'restart' ? 'restart' : 'continue';
          return;
      }
    },
    close(local, pos) {
      if (skip) {
        skip--;
        return;
      }
      stack.pop();
      const t = table();
      switch (local) {
        case 'p': {
          const p = paras.pop();
          if (!p) return;
          if (xml.charCodeAt(pos - 2) === 0x2f) p.empty = { start: xml.lastIndexOf('<', pos - 1), end: pos }; // <w:p/>
          else p.end = xml.lastIndexOf('</', pos - 1);
          finishParagraph(p);
          return;
        }
        case 'pPr':
          inPPr--;
          return;
        case 'rPr':
          inRPr = false;
          return;
        case 't': {
          if (tStart < 0) return;
          const end = xml.lastIndexOf('</', pos - 1);
          if (hidden) hiddenCount++;
          else if (placeholder > 0) placeholderCount++;
          else if (paras.length) addText(tText, boxDepth === 0 ? { start: tStart, end } : undefined);
          tStart = -1;
          return;
        }
        case 'sdt':
          sdts.pop();
          return;
        case 'sdtContent':
          if (placeholder > 0 && sdts.length && sdts[sdts.length - 1].placeholder) placeholder--;
          return;
        case 'txbxContent':
          boxDepth--;
          return;
        case 'tblGrid':
          inTblGrid = false;
          return;
        case 'trPr':
          inTrPr = false;
          return;
        case 'tcPr':
          inTcPr = false;
          return;
        case 'tc':
          if (t && t.nested === 0 && t.row && t.cell) {
            t.row.cells.push(t.cell);
            t.cell = null;
          }
          return;
        case 'tr':
          if (t && t.nested === 0 && t.row) {
            if (t.row.deleted) deletedRows++;
            else t.rows.push(t.row);
            t.row = null;
          }
          return;
        case 'tbl':
          if (!t) return;
          if (t.nested > 0) {
            t.nested--;
            if (t.index === -1 && t.nested === 0) tables.pop();
            return;
          }
          tables.pop();
          if (!t.layout) blocks.push(buildGrid(t, notices));
          return;
      }
    },
    text(s) {
      if (skip || tStart < 0) return;
      tText += s;
    },
  });

  if (tracked) notices.push({ id: 'trackedChanges', args: {} });
  if (deletedRows) notices.push({ id: 'deletedRows', args: { count: deletedRows } });
  if (boxes) notices.push({ id: 'textBox', args: { count: boxes } });
  if (hiddenCount) notices.push({ id: 'hiddenText', args: { count: hiddenCount } });
  if (placeholderCount) notices.push({ id: 'placeholderText', args: { count: placeholderCount } });
  return { kind: 'docx', blocks, notices };
}
