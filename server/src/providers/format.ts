// Formatting: a flattened table (one cell per line or TSV) of the report becomes the canonical markdown
// pipe table of spec §5.3 (template rows in canonical order, canonical labels, header rows as in the
// template, values copied verbatim: never recomputed); "Format Document" on a markdown report aligns
// every pipe table without touching cell contents. Widths count East-Asian wide characters as two.

import { eastAsianWidth } from 'get-east-asian-width';
import { normalizeLabel, splitLines } from '../core/text';
import type { ReportModel, Table, TableRow, TextEdit } from '../core/types';
import { lineEnding } from './edits';
import { isStructural, rowSpan, templateOf } from './tables';

// Next year's skeleton travels in this lazily loaded bundle too (a command, run once in a while).
export { nextYearSkeleton } from '../core/skeleton';

// ---------------------------------------------------------------------------------------------------
// Display width and alignment

const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}]/u;

/** Columns a string takes in a monospace editor: wide and full-width characters count 2, marks 0. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    if (cp < 0x7f) {
      w += 1;
      continue;
    }
    if (ZERO_WIDTH.test(ch)) continue;
    w += eastAsianWidth(cp);
  }
  return w;
}

type Align = 'left' | 'right' | 'center' | 'none';

const DELIMITER_CELL = /^:?-+:?$/;

function alignOf(cell: string): Align {
  const l = cell.startsWith(':');
  const r = cell.endsWith(':');
  return l && r ? 'center' : r ? 'right' : l ? 'left' : 'none';
}

function pad(cell: string, width: number, align: Align): string {
  const gap = Math.max(0, width - displayWidth(cell));
  if (align === 'right') return ' '.repeat(gap) + cell;
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + cell + ' '.repeat(gap - Math.floor(gap / 2));
  return cell + ' '.repeat(gap);
}

function delimiter(width: number, align: Align): string {
  const w = Math.max(width, 3);
  if (align === 'center') return ':' + '-'.repeat(w - 2) + ':';
  if (align === 'right') return '-'.repeat(w - 1) + ':';
  if (align === 'left') return ':' + '-'.repeat(w - 1);
  return '-'.repeat(w);
}

interface PipeRow {
  cells: string[];
  delimiter: boolean;
}

/** Rows of cells (trimmed, escapes kept) → aligned pipe-table lines. */
export function alignPipeRows(rows: PipeRow[], indent = ''): string[] {
  const n = Math.max(0, ...rows.map((r) => r.cells.length));
  const widths = new Array<number>(n).fill(3);
  const aligns = new Array<Align>(n).fill('none');
  for (const r of rows) {
    r.cells.forEach((c, k) => {
      if (r.delimiter) aligns[k] = alignOf(c);
      else widths[k] = Math.max(widths[k], displayWidth(c));
    });
  }
  return rows.map((r) => {
    const cells = r.cells.map((c, k) => (r.delimiter ? delimiter(widths[k], aligns[k]) : pad(c, widths[k], aligns[k])));
    return `${indent}| ${cells.join(' | ')} |`;
  });
}

/** Splits a pipe-table line into trimmed cells (an escaped `\|` stays inside its cell). */
export function splitPipeRow(line: string): PipeRow | null {
  const bars: number[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '|') bars.push(i);
  }
  if (bars.length === 0) return null;
  const cells: string[] = [];
  for (let k = 0; k < bars.length; k++) {
    const to = k + 1 < bars.length ? bars[k + 1] : line.length;
    const text = line.slice(bars[k] + 1, to).trim();
    if (k + 1 === bars.length && text === '') break;
    cells.push(text);
  }
  const isDelimiter = cells.length > 0 && cells.every((c) => DELIMITER_CELL.test(c.replace(/\s+/g, '')));
  return { cells: isDelimiter ? cells.map((c) => c.replace(/\s+/g, '')) : cells, delimiter: isDelimiter };
}

const PIPE_LINE = /^[ \u3000]{0,3}\|/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** "Format Document" on markdown: every pipe table aligned, one edit per changed line. */
export function formatPipeTables(text: string): TextEdit[] {
  const lines = splitLines(text).map((l) => l.text);
  const edits: TextEdit[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const f = FENCE.exec(lines[i]);
    if (f) {
      if (fence === null) fence = f[1][0];
      else if (f[1][0] === fence) fence = null;
      continue;
    }
    if (fence !== null || !PIPE_LINE.test(lines[i])) continue;
    let j = i;
    while (j + 1 < lines.length && PIPE_LINE.test(lines[j + 1])) j++;
    if (j > i) {
      const rows = lines.slice(i, j + 1).map((l) => splitPipeRow(l)!);
      const indent = /^[ \u3000]*/.exec(lines[i])![0];
      const aligned = alignPipeRows(rows, indent);
      aligned.forEach((l, k) => {
        const line = i + k;
        if (l !== lines[line]) edits.push({ range: { start: { line, character: 0 }, end: { line, character: lines[line].length } }, newText: l });
      });
    }
    i = j;
  }
  return edits;
}

// ---------------------------------------------------------------------------------------------------
// Flattened table → canonical markdown table

function esc(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function valuesOf(row: TableRow | undefined, columnKeys: string[]): string[] {
  if (!row) return columnKeys.map(() => '');
  if (row.aligned && row.cells.every((c) => c.columnKey !== null)) {
    return columnKeys.map((k) => esc(row.cells.find((c) => c.columnKey === k)?.text ?? ''));
  }
  const out = row.cells.map((c) => esc(c.text));
  while (out.length < columnKeys.length) out.push('');
  return out;
}

/** Parsed rows by template key (first wins) and the rows that follow each template row in the source. */
function indexRows(table: Table): { byKey: Map<string, TableRow>; after: Map<string, TableRow[]> } {
  const byKey = new Map<string, TableRow>();
  const after = new Map<string, TableRow[]>();
  let last = '';
  for (const r of table.rows) {
    if (!isStructural(r) || r.kind === 'header' || r.kind === 'caption' || r.kind === 'group') continue;
    if (r.key && r.kind === 'data' && !byKey.has(r.key)) {
      byKey.set(r.key, r);
      last = r.key;
      continue;
    }
    const list = after.get(last) ?? [];
    list.push(r);
    after.set(last, list);
  }
  return { byKey, after };
}

function t3Rows(model: ReportModel, table: Table): string[][] {
  const t = templateOf(model, table);
  const columns = t.t3Columns.map((c) => c.key);
  const rows: string[][] = [
    ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '', '', '申请人情况', '', '', '', '', '', ''],
    ['', '', '', '自然人', '法人或其他组织', '', '', '', '', '总计'],
    ['', '', '', '', ...t.t3Columns.slice(1, 6).map((c) => c.label), ''],
  ];
  const { byKey, after } = indexRows(table);
  let l1: string | undefined;
  let l2: string | undefined;
  const emitExtras = (key: string) => {
    for (const r of after.get(key) ?? []) {
      const lab = ['', '', '', ...r.labelCells.map((l) => esc(l.text))].slice(-3);
      rows.push([...lab, ...valuesOf(r, columns)]);
    }
  };
  emitExtras('');
  for (const spec of t.t3Rows) {
    if (spec.kind === 'group') {
      if (spec.key === 'results') l1 = spec.label;
      else l2 = spec.label;
      continue;
    }
    const row = byKey.get(spec.key);
    let labels: string[];
    if (spec.key === 'new' || spec.key === 'carriedIn' || spec.key === 'carriedOut') labels = [spec.label, '', ''];
    else if (spec.group) {
      labels = [l1 ?? '', l2 ?? '', spec.label];
      l1 = undefined;
      l2 = undefined;
    } else {
      labels = [l1 ?? '', spec.label, ''];
      l1 = undefined;
    }
    rows.push([...labels.map(esc), ...valuesOf(row, columns)]);
    emitExtras(spec.key);
  }
  return rows;
}

function t2Rows(model: ReportModel, table: Table): string[][] {
  const t = templateOf(model, table);
  const rows: string[][] = [];
  const { byKey } = indexRows(table);
  const used = new Set<TableRow>(byKey.values());
  // Source header rows by sub-table, to keep a unit its author wrote into a header (`采购总金额（万元）`).
  const headers = new Map<string, TableRow>();
  let sub: string | undefined;
  for (const r of table.rows) {
    if (r.kind === 'caption') sub = r.key ?? undefined;
    else if (r.kind === 'header' && sub && !headers.has(sub)) headers.set(sub, r);
  }
  for (const s of t.t2) {
    rows.push([s.caption]);
    const source = headers.get(s.key);
    rows.push([
      '信息内容',
      ...s.columns.map((c, k) => {
        const written = source?.labelCells[k + 1];
        const keep = written && /元/.test(written.norm) && !/元/.test(normalizeLabel(c.label)) && written.norm.startsWith(normalizeLabel(c.label).replace(/（.*$/, ''));
        return esc(keep ? written.text : c.label);
      }),
    ]);
    const keys = s.columns.map((c) => c.key);
    for (const spec of s.rows) {
      const row = byKey.get(spec.key);
      const subRows = table.rows.filter((r) => r.kind === 'extra' && r.parentKey === spec.key);
      subRows.forEach((r) => used.add(r));
      if (subRows.length > 0 && (!row || row.cells.length === 0)) {
        // A parent that only groups its sub-rows (spec §3.2): parent label, then each sub-row under it.
        if (row) rows.push([esc(spec.label)]);
        subRows.forEach((r, k) => rows.push([k === 0 && !row ? esc(spec.label) : '', esc(r.label), ...valuesOf(r, keys)]));
        continue;
      }
      rows.push([esc(spec.label), ...valuesOf(row, keys)]);
      subRows.forEach((r) => rows.push(['', esc(r.label), ...valuesOf(r, keys)]));
    }
    for (const r of table.rows) {
      if (used.has(r) || r.group !== s.key || r.kind !== 'extra') continue;
      used.add(r);
      rows.push([esc(r.label), ...valuesOf(r, keys)]);
    }
  }
  // Rows the template does not place anywhere stay, at the end.
  for (const r of table.rows) {
    if (used.has(r) || !isStructural(r) || r.kind === 'header' || r.kind === 'caption' || r.cells.length === 0) continue;
    rows.push([esc(r.label), ...r.cells.map((c) => esc(c.text))]);
  }
  return rows;
}

function t4Rows(table: Table, model: ReportModel): string[][] {
  const t = templateOf(model, table);
  const results = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const rows: string[][] = [
    ['行政复议', '', '', '', '', '行政诉讼', '', '', '', '', '', '', '', '', ''],
    [...results, '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', ''],
    ['', '', '', '', '', ...results, ...results],
  ];
  const keys = t.t4Columns.map((c) => c.key);
  for (const r of table.rows) {
    if (r.kind === 'data' || (r.kind === 'extra' && r.cells.length > 0) || (r.kind === 'unknown' && isStructural(r))) {
      const labels = r.labelCells.map((l) => esc(l.text));
      rows.push([...labels, ...valuesOf(r, keys)]);
    }
  }
  return rows;
}

/** The markdown rows (cells, unaligned) of a table in the canonical form of spec §5.3. */
export function canonicalRows(model: ReportModel, table: Table): string[][] {
  const rows = table.id === '三' ? t3Rows(model, table) : table.id === '二' ? t2Rows(model, table) : t4Rows(table, model);
  const width = Math.max(...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...new Array<string>(width - r.length).fill('')]);
}

/** The canonical markdown table, aligned, as lines. */
export function tableToMarkdownLines(model: ReportModel, table: Table): string[] {
  const rows = canonicalRows(model, table);
  const width = rows[0].length;
  const pipeRows: PipeRow[] = [{ cells: rows[0], delimiter: false }, { cells: new Array<string>(width).fill('---'), delimiter: true }];
  for (const r of rows.slice(1)) pipeRows.push({ cells: r, delimiter: false });
  return alignPipeRows(pipeRows);
}

/**
 * The edit converting a flattened table to markdown: it replaces the lines the table's rows occupy,
 * keeps a blank line on either side, and keeps any text lines found among the rows (notes) after it.
 * Null for a table that is markdown already.
 */
export function convertTableEdit(model: ReportModel, table: Table): TextEdit | null {
  if (table.flattening === 'markdown') return null;
  const span = rowSpan(table);
  if (!span) return null;
  const eol = lineEnding(model.text);
  const lines = tableToMarkdownLines(model, table);
  const notes = table.rows.filter((r) => !isStructural(r) && r.line >= span.first && r.line <= span.last && r.labelCells.some((l) => l.text !== ''));
  const out: string[] = [];
  if (span.first > 0 && model.lines[span.first - 1].trim() !== '') out.push('');
  out.push(...lines);
  for (const n of notes) out.push('', n.labelCells.map((l) => l.text).join(' '));
  if (span.last + 1 < model.lineCount && model.lines[span.last + 1].trim() !== '') out.push('');
  return {
    range: { start: { line: span.first, character: 0 }, end: { line: span.last, character: model.lines[span.last].length } },
    newText: out.join(eol),
  };
}
