// One conversion into our own text form: the markdown flattening of spec §5.3 — paragraphs as lines
// separated by blank lines; each table as one pipe row per grid row, the first grid row as the pipe
// header, merged and covered positions empty (so table 三 keeps its three label columns and table 二's
// stacked sub-tables stay one grid with caption rows). The core then reads it as any markdown report.
// Beside the text: a map from every rendered cell and paragraph back to its source.

import type { DocxCell } from './docx';
import type { Block, Cell, Grid } from './types';

export interface CellSpan {
  /** Character range of the cell's text on its line (UTF-16, as LSP positions). */
  start: number;
  end: number;
  /** Grid column of this position (0-based) and the anchored cell covering it (-1 for none). */
  col: number;
  cell: number;
}

export type LineSource =
  | { kind: 'paragraph'; paragraph: number }
  | { kind: 'row'; table: number; row: number; cells: CellSpan[] }
  | { kind: 'separator'; table: number }
  | { kind: 'blank' };

export interface SourceMap {
  lines: LineSource[];
  /** The grids, by table index, for finding a cell's anchor. */
  tables: Grid[];
}

export interface SourceLocation {
  /** 1-based, as people count: the table's number in the document, its grid row and column. */
  table?: number;
  row?: number;
  col?: number;
  /** 1-based paragraph number among the body paragraphs. */
  paragraph?: number;
}

export interface RenderedCell {
  text: string;
  /** For every character of `text`: its segment in the .docx cell and offset there (-1: not from the XML). */
  seg: Int32Array;
  off: Int32Array;
}

const WIDE = /[\u2e80-\uffef]/;

/** A cell's text on one line: paragraphs joined (no space between CJK), whitespace collapsed, `|` escaped. */
const NONE = new Int32Array(0);

/** The same rules on plain strings (web pages: no runs to map back to). */
function plainCell(paragraphs: readonly string[]): string {
  let out = '';
  for (const para of paragraphs) {
    const t = para.replace(/[\s\u00a0]+/g, ' ').trim();
    if (t === '') continue;
    if (out !== '') out += WIDE.test(out[out.length - 1]) && WIDE.test(t[0]) ? '' : ' ';
    out += t;
  }
  return out.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '').replace(/\|/g, '\\|');
}

export function renderCell(cell: Cell): RenderedCell {
  const docx = (cell as DocxCell).pieces;
  if (!docx && !cell.paragraphs.some((p) => /[\n\r]/.test(p))) return { text: plainCell(cell.paragraphs), seg: NONE, off: NONE };
  const pieces = docx ?? cell.paragraphs.map((p) => [{ text: p, seg: -1, off: 0 }]);
  const chars: string[] = [];
  const seg: number[] = [];
  const off: number[] = [];
  const push = (c: string, s: number, o: number) => {
    chars.push(c);
    seg.push(s);
    off.push(o);
  };
  const boundary = () => {
    // between paragraphs (or at a line break): nothing between CJK characters, else one space
    if (chars.length === 0) return;
    if (chars[chars.length - 1] !== ' ') push(' ', -2, -1); // -2 marks a joint, not a space of the text
  };
  for (const para of pieces) {
    boundary();
    for (const piece of para) {
      for (let i = 0; i < piece.text.length; i++) {
        const c = piece.text[i];
        const s = piece.seg;
        const o = s < 0 ? -1 : piece.off + i;
        if (c === '\n' || c === '\r') boundary();
        else if (c === '\t' || c === ' ' || c === '\u00a0') {
          if (chars.length && chars[chars.length - 1] !== ' ') push(' ', s, o);
        } else if (c === '|') {
          push('\\', -1, -1);
          push('|', s, o);
        } else push(c, s, o);
      }
    }
  }
  // Drop the spaces that only joined CJK text, and the outer ones.
  const keep: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === ' ') {
      const prev = keep.length ? chars[keep[keep.length - 1]] : '';
      let j = i + 1;
      while (j < chars.length && chars[j] === ' ') j++;
      const next = j < chars.length ? chars[j] : '';
      if (prev === '' || next === '' || (seg[i] === -2 && WIDE.test(prev) && WIDE.test(next))) continue;
      if (prev === ' ') continue;
    }
    keep.push(i);
  }
  // Trim full-width and other outer spaces too.
  let a = 0;
  let b = keep.length;
  while (a < b && /\s/.test(chars[keep[a]])) a++;
  while (b > a && /\s/.test(chars[keep[b - 1]])) b--;
  const idx = keep.slice(a, b);
  return { text: idx.map((i) => chars[i]).join(''), seg: Int32Array.from(idx.map((i) => Math.max(-1, seg[i]))), off: Int32Array.from(idx.map((i) => off[i])) };
}

function paragraphLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/[\t\u00a0]/g, ' ').replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((l) => l !== '');
}

export interface Rendered {
  text: string;
  map: SourceMap;
}

export function render(blocks: readonly Block[]): Rendered {
  const out: string[] = [];
  const lines: LineSource[] = [];
  const tables: Grid[] = [];
  const blank = () => {
    if (out.length && out[out.length - 1] !== '') {
      out.push('');
      lines.push({ kind: 'blank' });
    }
  };
  for (const b of blocks) {
    if (b.kind === 'paragraph') {
      const ls = paragraphLines(b.text);
      if (ls.length === 0) continue;
      for (const l of ls) {
        out.push(l);
        lines.push({ kind: 'paragraph', paragraph: b.index });
      }
      blank();
      continue;
    }
    if (b.rows === 0 || b.cols === 0) continue;
    tables[b.index] = b;
    blank();
    const texts = b.cells.map((c) => renderCell(c).text);
    for (let r = 0; r < b.rows; r++) {
      let line = '|';
      const spans: CellSpan[] = [];
      for (let c = 0; c < b.cols; c++) {
        const i = b.at[r * b.cols + c];
        const anchor = i >= 0 && b.cells[i].row === r && b.cells[i].col === c;
        const t = anchor ? texts[i] : '';
        line += ' ';
        spans.push({ start: line.length, end: line.length + t.length, col: c, cell: i });
        line += t + ' |';
      }
      out.push(line);
      lines.push({ kind: 'row', table: b.index, row: r, cells: spans });
      if (r === 0) {
        out.push('|' + ' --- |'.repeat(b.cols));
        lines.push({ kind: 'separator', table: b.index });
      }
    }
    blank();
  }
  while (out.length && out[out.length - 1] === '') {
    out.pop();
    lines.pop();
  }
  return { text: out.join('\n') + '\n', map: { lines, tables } };
}

/** Where a position of the rendered text came from (1-based numbers), or null for blank lines. */
export function locate(map: SourceMap, line: number, character: number): SourceLocation | null {
  const l = map.lines[line];
  if (!l || l.kind === 'blank') return null;
  if (l.kind === 'paragraph') return l.paragraph < 0 ? null : { paragraph: l.paragraph + 1 };
  if (l.kind === 'separator') return { table: l.table + 1 };
  // The cell whose span (with its padding) holds the character.
  let best = l.cells[0];
  for (const c of l.cells) if (character >= c.start - 1) best = c;
  const grid = map.tables[l.table];
  const anchor = grid && best.cell >= 0 ? grid.cells[best.cell] : undefined;
  return { table: l.table + 1, row: (anchor ? anchor.row : l.row) + 1, col: (anchor ? anchor.col : best.col) + 1 };
}
