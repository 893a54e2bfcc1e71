// Renders an abstract report in one of the three flattenings (spec §5.1–5.3) and returns the text with
// its ground truth: the range of every value cell, header cell, row label and section heading. Tables
// are first laid out as grids of cells (with horizontal spans and vertical-merge continuations, as Word
// holds them), then written out: one cell per line, TSV rows, or markdown pipe rows.
//
// A presentation says how the report is written; its default is what a careful author writes. Variation
// classes (classes.ts) change the presentation, never the rendering code path.

import {
  T3_APPLICANT,
  T3_COLUMNS,
  T3_CORNER,
  T3_ORG_GROUP,
  T3_ORGS,
  T4_GROUPS,
  T4_KEYS,
  T4_LEAVES,
  T4_LITIGATION,
  t3Rows,
  type Heading,
  type Report,
  type SectionNumber,
  type TableId,
} from './abstract';

export type Flattening = 'cell-per-line' | 'tsv' | 'markdown';
export const FLATTENINGS: readonly Flattening[] = ['cell-per-line', 'tsv', 'markdown'];

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export type T3Header = 'official' | 'cornerRow' | 'cornerUnspanned' | 'noApplicant' | 'noOrg' | 'flat' | 'totalBottom' | 'leavesBottom' | 'cornerBottom';
export type T4Header = 'official' | 'levels' | 'groupwise';
export type GroupMode = 'inline' | 'ownRow' | 'merged' | 'dropped';

export interface CellStyle {
  blank?: boolean;
  fullwidth?: boolean;
  /** Written after the value (trailing spaces). */
  pad?: string;
  /** The value written differently (table 二: six decimals). */
  text?: string;
}

export interface Presentation {
  /** Title lines replacing the seed's. */
  title: string[] | null;
  /** Per heading: another numeral or title, left out, or broken over two lines in its title's middle. */
  headings: Partial<Record<SectionNumber, { numeral?: string; title?: string; hidden?: boolean; broken?: boolean }>>;
  /** Sub-headings of 一 written `一、` instead of `（一）`. */
  subHeadings: boolean;
  /** Every section heading numbered `（一）` or `第一部分` instead of `一、`. */
  headingStyle?: 'paren' | 'part';
  t2: { headers: Record<string, string> };
  t3: {
    header: T3Header;
    /** Permutation of the header rows, or null for their template order. */
    headerOrder: number[] | null;
    /** Header rows written without their leading empty cells. */
    noLeading: boolean;
    /** Display texts: column keys, corner, applicant, org. */
    names: Record<string, string>;
    labelCols: 1 | 3;
    /** With one label column: each row's whole path (results, group, own label) joined by this. */
    path?: string;
    /** Vertical-merge continuation cells: written empty, or omitted in every row / in the rows listed. */
    cont: 'empty' | 'omit';
    contRows: string[] | null;
    groups: Record<string, GroupMode>;
    /** Display texts of row labels (also group labels) by row key. */
    labels: Record<string, string>;
  };
  t4: {
    header: T4Header;
    headerOrder: number[] | null;
    noLeading: boolean;
    names: Record<string, string>;
    rows: 'one' | 'three';
    threeLabels: 'plain' | 'ownRow' | 'prefixed';
  };
  /** An empty column inserted at this grid position (merged-cell artefact). */
  extraColumn: Partial<Record<TableId, number>>;
  /**
   * Merged cells written into every grid position they span, across and down (pandas, python-docx):
   * the copies are no cells of their own in the truth.
   */
  repeatMerges: boolean;
  /**
   * Cells that hold several paragraphs, written as python-docx's `cell.text` gives them: every label and
   * header cell of six characters or more without a digit broken in its middle by a line break.
   */
  paragraphs: boolean;
  /**
   * Merged cells written once, as an HTML table turned into text without its spans gives them: a cell
   * spanning columns is one field, positions covered from above are left out, markdown rows padded to
   * the table's width at their end.
   */
  unspanned: boolean;
  /** One cell per line without the blank lines that end rows (a table copied out of a PDF or a web page). */
  rowsUnbroken: boolean;
  /** One cell per line with a bar after each (`规章 |`), a run of empty cells as one line of bars (web text). */
  cellBars: boolean;
  /** Table 二 as four tables of their own, one per 第二十条 item (a blank line between; markdown: each with its delimiter row). */
  t2Split: boolean;
  /** With cellBars: each empty cell a bar on a line of its own (`|` / `|`), not a run on one line. */
  cellBarsEach: boolean;
  /**
   * With cellBars: after a row, a line of bars for the places its spanning cells cover (`||`), as some sites
   * write (0: none; 1: one bar a covered place; 2: one more, for a hidden cell the page's HTML also has).
   */
  cellBarsCovered: 0 | 1 | 2;
  /** Cell styles by `${table}|${row}|${col}`. */
  cells: Record<string, CellStyle>;
}

export function canonicalPresentation(): Presentation {
  return {
    title: null,
    headings: {},
    subHeadings: false,
    t2: { headers: {} },
    t3: { header: 'official', headerOrder: null, noLeading: false, names: {}, labelCols: 3, cont: 'empty', contRows: null, groups: {}, labels: {} },
    t4: { header: 'official', headerOrder: null, noLeading: false, names: {}, rows: 'one', threeLabels: 'plain' },
    extraColumn: {},
    repeatMerges: false,
    paragraphs: false,
    unspanned: false,
    rowsUnbroken: false,
    cellBars: false,
    cellBarsEach: false,
    t2Split: false,
    cellBarsCovered: 0,
    cells: {},
  };
}

export const cellId = (table: TableId, row: string, col: string) => `${table}|${row}|${col}`;

// ---------------------------------------------------------------------------------------------------
// Ground truth

export interface ValueTruth {
  table: TableId;
  rowKey: string;
  colKey: string;
  /** The value as written (no padding); '' for a blank cell. */
  text: string;
  /** Range of the value text; an empty range where a value would be inserted for a blank cell. */
  range: Range;
  /** The count it means (tables 三 and 四), null when blank or not a count. */
  number: number | null;
  fullwidth: boolean;
}

export interface LabelTruth {
  table: TableId;
  rowKey: string;
  text: string;
  range: Range;
}

export interface HeaderTruth {
  table: TableId;
  text: string;
  range: Range;
  colKey?: string;
}

export interface HeadingTruth {
  number: SectionNumber;
  numeral: string;
  text: string;
  range: Range;
}

export interface Truth {
  values: ValueTruth[];
  labels: LabelTruth[];
  headers: HeaderTruth[];
  headings: HeadingTruth[];
  tables: { table: TableId; startLine: number; endLine: number }[];
}

export interface Rendered {
  text: string;
  truth: Truth;
}

// ---------------------------------------------------------------------------------------------------
// Grids

type Role =
  | { kind: 'value'; table: TableId; row: string; col: string }
  | { kind: 'label'; table: TableId; row: string }
  | { kind: 'header'; table: TableId; col?: string }
  | { kind: 'empty' };

interface Cell {
  text: string;
  span: number;
  role: Role;
  pad: string;
  /** Continuation of a vertically merged cell (written empty, or omitted). */
  cont?: boolean;
  value?: ValueTruth;
}

interface GridRow {
  kind: 'header' | 'data' | 'group';
  key?: string;
  cells: Cell[];
}

interface Grid {
  table: TableId;
  rows: GridRow[];
}

const empty = (span = 1, cont = false): Cell => ({ text: '', span, role: { kind: 'empty' }, pad: '', cont });
const header = (table: TableId, text: string, span = 1, col?: string): Cell => ({ text, span, role: { kind: 'header', table, col }, pad: '' });
const label = (table: TableId, row: string, text: string, span = 1): Cell => ({ text, span, role: { kind: 'label', table, row }, pad: '' });

const FULLWIDTH = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

function valueCell(p: Presentation, table: TableId, row: string, col: string, raw: string | number | null, span = 1): Cell {
  const style = p.cells[cellId(table, row, col)] ?? {};
  let text = raw === null ? '' : String(raw);
  if (style.text !== undefined) text = style.text;
  if (style.blank) text = '';
  const fullwidth = !!style.fullwidth && text !== '';
  if (fullwidth) text = FULLWIDTH(text);
  const number = table !== '二' && typeof raw === 'number' && text !== '' ? raw : null;
  const value: ValueTruth = { table, rowKey: row, colKey: col, text, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, number, fullwidth };
  return { text, span, role: { kind: 'value', table, row, col }, pad: text === '' ? '' : (style.pad ?? ''), value };
}

function t2Grid(report: Report, p: Presentation, fl: Flattening): Grid {
  const rows: GridRow[] = [];
  for (const sub of report.t2) {
    rows.push({ kind: 'header', key: sub.key, cells: [label('二', sub.key, sub.caption, 4)] });
    const n = sub.columns.length;
    rows.push({
      kind: 'header',
      cells: [header('二', '信息内容'), ...sub.columns.map((c, i) => header('二', p.t2.headers[`${sub.key}.${c.key}`] ?? c.label, i === n - 1 ? 4 - n : 1, c.key))],
    });
    let parent: { key: string; label: string; first: boolean } | null = null;
    for (const r of sub.rows) {
      if (r.values === null) {
        parent = { key: r.key, label: r.label, first: true };
        // TSV and markdown keep one label column: the parent stands on its own row.
        if (fl !== 'cell-per-line') rows.push({ kind: 'group', key: r.key, cells: [label('二', r.key, r.label, 4)] });
        continue;
      }
      const values = sub.columns.map((c, i) => valueCell(p, '二', r.key, c.key, r.values![c.key], i === n - 1 ? 4 - n : 1));
      const cells: Cell[] = [];
      if (r.parent && parent && fl === 'cell-per-line') {
        // Word: the parent label is merged down over its sub-rows (002).
        cells.push(parent.first ? label('二', parent.key, parent.label) : empty(1, true));
        parent.first = false;
      }
      cells.push(label('二', r.key, r.label), ...values);
      rows.push({ kind: 'data', key: r.key, cells });
    }
  }
  return { table: '二', rows };
}

function t3Header(p: Presentation): GridRow[] {
  const t = p.t3;
  const L = t.labelCols;
  const name = (k: string, dflt: string) => t.names[k] ?? dflt;
  const col = (k: string) => header('三', name(k, T3_COLUMNS.find((c) => c.key === k)!.label), 1, k);
  const corner = () => header('三', name('corner', T3_CORNER), L);
  const applicant = () => header('三', name('applicant', T3_APPLICANT), 7);
  const org = () => header('三', name('org', T3_ORG_GROUP), 5);
  const orgs = () => T3_ORGS.map(col);
  const row = (cells: Cell[]): GridRow => ({ kind: 'header', cells });
  const h2 = () => row([empty(L, true), col('natural'), org(), col('total')]);
  const h3 = () => row([empty(L, true), empty(1, true), ...orgs(), empty(1, true)]);
  switch (t.header) {
    case 'official':
      return [row([corner(), applicant()]), h2(), h3()];
    case 'cornerRow':
      return [row([header('三', name('corner', T3_CORNER), L + 7)]), row([empty(L), applicant()]), h2(), h3()];
    case 'cornerUnspanned':
      return [row([header('三', name('corner', T3_CORNER)), ...Array.from({ length: L - 1 }, () => empty()), applicant()]), h2(), h3()];
    case 'noApplicant':
      return [row([corner(), col('natural'), org(), col('total')]), h3()];
    case 'noOrg':
      return [row([corner(), applicant()]), row([empty(L, true), col('natural'), ...orgs(), col('total')])];
    case 'flat':
      return [row([corner(), col('natural'), ...orgs(), col('total')])];
    case 'totalBottom':
      return [row([corner(), applicant()]), row([empty(L, true), col('natural'), org(), empty(1)]), row([empty(L, true), empty(1, true), ...orgs(), col('total')])];
    case 'cornerBottom':
      // The merged corner cell's text exported in its last row.
      return [row([empty(L), applicant()]), h2(), row([header('三', name('corner', T3_CORNER), L), empty(1, true), ...orgs(), empty(1, true)])];
    case 'leavesBottom':
      // Cells merged down over two header rows exported in the lower one: 自然人 … 其他 总计 in one row.
      return [row([corner(), applicant()]), row([empty(L, true), empty(1), org(), empty(1)]), row([empty(L, true), col('natural'), ...orgs(), col('total')])];
  }
}

function t3Grid(report: Report, p: Presentation): Grid {
  const t = p.t3;
  const L = t.labelCols;
  const rows: GridRow[] = [];
  const all = t3Rows(report.t3.version);
  const text = (key: string) => t.labels[key] ?? all.find((r) => r.key === key)!.label;
  const mode = (g: string): GroupMode => {
    const m = t.groups[g] ?? (L === 3 ? 'inline' : 'dropped');
    // One label column has no place for an inline group label.
    return L === 1 && m === 'inline' ? 'dropped' : m;
  };
  let resultsInline = false;
  let pending: { key: string; how: 'inline' | 'merged' } | null = null;
  for (const r of all) {
    if (r.kind === 'group') {
      const m = r.key === 'results' && mode(r.key) === 'merged' ? 'inline' : mode(r.key);
      if (m === 'ownRow') {
        const cells = r.key !== 'results' && L === 3 ? [empty(1, true), label('三', r.key, text(r.key), 2)] : [label('三', r.key, text(r.key), L)];
        rows.push({ kind: 'group', key: r.key, cells });
      }
      if (r.key === 'results') resultsInline = m === 'inline';
      else pending = m === 'inline' || m === 'merged' ? { key: r.key, how: m } : null;
      continue;
    }
    const cells: Cell[] = [];
    const own = text(r.key);
    const merged = pending && r.group === pending.key && pending.how === 'merged' ? `${text(pending.key)} ${own}` : null;
    if (L === 3) {
      if (!r.inResults) cells.push(label('三', r.key, own, 3));
      else {
        if (resultsInline) {
          cells.push(label('三', 'results', text('results')));
          resultsInline = false;
        } else cells.push(empty(1, true));
        if (r.group) {
          if (merged !== null) cells.push(label('三', r.key, merged, 2));
          else if (pending && pending.key === r.group) cells.push(label('三', r.group, text(r.group)), label('三', r.key, own));
          else cells.push(empty(1, true), label('三', r.key, own));
        } else cells.push(label('三', r.key, own, 2));
      }
    } else if (t.path !== undefined) {
      const path = [...(r.inResults ? [text('results')] : []), ...(r.group ? [text(r.group)] : []), own];
      cells.push(label('三', r.key, path.join(t.path)));
    } else cells.push(label('三', r.key, merged ?? own));
    if (pending && r.group === pending.key) pending = null;
    for (const c of T3_COLUMNS) cells.push(valueCell(p, '三', r.key, c.key, report.t3.values[r.key][c.key]));
    rows.push({ kind: 'data', key: r.key, cells });
  }
  return { table: '三', rows: [...reorder(t3Header(p), t.headerOrder, t.noLeading), ...rows] };
}

function t4Grid(report: Report, p: Presentation): Grid {
  const t = p.t4;
  const name = (k: string) => t.names[k] ?? k;
  const leaf = (k: string, col?: string) => header('四', name(k), 1, col);
  const leaves = (g: number) => T4_LEAVES.map((l, i) => leaf(l, `c${g * 5 + i + 1}`));
  const row = (cells: Cell[]): GridRow => ({ kind: 'header', cells });
  const values = (from: number, to: number) => T4_KEYS.slice(from, to).map((k) => valueCell(p, '四', 'row', k, report.t4[k]));
  if (t.rows === 'three') {
    const head = row([empty(), ...T4_LEAVES.map((l) => leaf(l))]);
    const rows: GridRow[] = [];
    const groupLabel = (g: number) => (g > 0 && t.threeLabels === 'prefixed' ? `${name(T4_LITIGATION)}（${name(T4_GROUPS[g])}）` : name(T4_GROUPS[g]));
    for (let g = 0; g < 3; g++) {
      if (g === 1 && t.threeLabels === 'ownRow') rows.push({ kind: 'group', key: 'litigation', cells: [label('四', 'litigation', name(T4_LITIGATION))] });
      rows.push({ kind: 'data', key: `g${g + 1}`, cells: [label('四', `g${g + 1}`, groupLabel(g)), ...values(g * 5, g * 5 + 5)] });
    }
    return { table: '四', rows: [...reorder([head], t.headerOrder, t.noLeading), ...rows] };
  }
  let head: GridRow[];
  switch (t.header) {
    case 'official':
      head = [row([header('四', name('行政复议'), 5), header('四', name(T4_LITIGATION), 10)]), row([...leaves(0), header('四', name(T4_GROUPS[1]), 5), header('四', name(T4_GROUPS[2]), 5)]), row([...Array.from({ length: 5 }, () => empty(1, true)), ...leaves(1), ...leaves(2)])];
      break;
    case 'levels':
      head = [row([header('四', name('行政复议'), 5), header('四', name(T4_LITIGATION), 10)]), row([empty(5, true), header('四', name(T4_GROUPS[1]), 5), header('四', name(T4_GROUPS[2]), 5)]), row([...leaves(0), ...leaves(1), ...leaves(2)])];
      break;
    case 'groupwise':
      head = [row([header('四', name('行政复议'), 5), header('四', name(T4_GROUPS[1]), 5), header('四', name(T4_GROUPS[2]), 5)]), row([...leaves(0), ...leaves(1), ...leaves(2)])];
      break;
  }
  return { table: '四', rows: [...reorder(head, t.headerOrder, t.noLeading), { kind: 'data', key: 'row', cells: values(0, 15) }] };
}

function reorder(head: GridRow[], order: number[] | null, noLeading: boolean): GridRow[] {
  let out = order && order.length === head.length ? order.map((i) => head[i]) : head;
  if (noLeading)
    out = out.map((r) => {
      const first = r.cells.findIndex((c) => c.text !== '');
      return first > 0 ? { ...r, cells: r.cells.slice(first) } : r;
    });
  return out;
}

/** Inserts an empty column at grid position `at`: a spanning cell over it grows, elsewhere an empty cell. */
function insertColumn(grid: Grid, at: number): void {
  for (const row of grid.rows) {
    let start = 0;
    let done = false;
    for (let i = 0; i < row.cells.length && !done; i++) {
      const c = row.cells[i];
      if (start < at && at < start + c.span) {
        c.span++;
        done = true;
      } else if (start === at) {
        row.cells.splice(i, 0, empty());
        done = true;
      }
      start += c.span;
    }
    if (!done && start === at) row.cells.push(empty());
  }
}

function omitContinuations(grid: Grid, rows: string[] | null): void {
  for (const row of grid.rows) {
    if (row.kind === 'header' || (rows && !rows.includes(row.key!))) continue;
    row.cells = row.cells.filter((c) => !c.cont);
  }
}

export function buildGrid(report: Report, p: Presentation, table: TableId, fl: Flattening): Grid {
  const grid = table === '二' ? t2Grid(report, p, fl) : table === '三' ? t3Grid(report, p) : t4Grid(report, p);
  const at = p.extraColumn[table];
  if (at !== undefined) insertColumn(grid, at);
  if (table === '三' && p.t3.cont === 'omit') omitContinuations(grid, p.t3.contRows);
  return grid;
}

// ---------------------------------------------------------------------------------------------------
// Writing

class Writer {
  readonly lines: string[] = [];
  readonly truth: Truth = { values: [], labels: [], headers: [], headings: [], tables: [] };

  push(line: string): number {
    this.lines.push(line);
    return this.lines.length - 1;
  }

  /** Records a cell written at [line, character). */
  cell(c: Cell, line: number, character: number): void {
    const range = { start: { line, character }, end: { line, character: character + c.text.length } };
    if (c.role.kind === 'value') {
      c.value!.range = range;
      this.truth.values.push(c.value!);
    } else if (c.text !== '' && c.role.kind === 'label') this.truth.labels.push({ table: c.role.table, rowKey: c.role.row, text: c.text, range });
    else if (c.text !== '' && c.role.kind === 'header') this.truth.headers.push({ table: c.role.table, text: c.text, range, colKey: c.role.col });
  }
}

/** A copy of a merged cell in a position it spans: its text, no truth of its own. */
const copyOf = (c: Cell): Cell => ({ text: c.text, span: 1, role: { kind: 'empty' }, pad: '' });

/**
 * Every row as its grid positions, a merged cell's copies in the positions it spans: across (its span)
 * and down (a continuation takes the text above it).
 */
function repeatedRows(grid: Grid): GridRow[] {
  let above: Cell[] = [];
  return grid.rows.map((row) => {
    const cells: Cell[] = [];
    for (const c of row.cells) {
      const at = cells.length;
      const first = c.cont && above[at] ? copyOf(above[at]) : { ...c, span: 1 };
      cells.push(first);
      for (let k = 1; k < c.span; k++) cells.push(c.cont && above[at + k] ? copyOf(above[at + k]) : copyOf(first));
    }
    above = cells;
    return { ...row, cells };
  });
}

function writeGrid(w: Writer, source: Grid, fl: Flattening, p: Pick<Presentation, 'repeatMerges' | 'unspanned' | 'rowsUnbroken' | 'cellBars' | 'cellBarsEach' | 'cellBarsCovered'>): void {
  const { repeatMerges, unspanned } = p;
  const first = w.lines.length;
  const grid = repeatMerges ? { ...source, rows: repeatedRows(source) } : source;
  const written = (row: GridRow) => (unspanned ? row.cells.filter((c) => !c.cont) : row.cells);
  if (fl === 'cell-per-line') {
    for (const row of grid.rows) {
      for (const c of written(row)) {
        if (!p.cellBars) w.cell(c, w.push('\t' + c.text + c.pad), 1);
        else if (c.text !== '') w.cell(c, w.push(c.text + c.pad + ' |'), 0);
        else {
          // An empty cell is a bar alone, a run of them one line; its value would go before its bar.
          const last = w.lines.length - 1;
          if (!p.cellBarsEach && last >= 0 && /^\|+$/.test(w.lines[last]) && w.lines.length - 1 > first) {
            w.cell(c, last, w.lines[last].length);
            w.lines[last] += '|';
          } else w.cell(c, w.push('|'), 0);
        }
      }
      const covered = row.cells.reduce((n, c) => n + c.span - 1, 0);
      if (p.cellBars && p.cellBarsCovered > 0 && covered > 0) w.push('|'.repeat(covered + p.cellBarsCovered - 1));
      if (!p.rowsUnbroken) w.push('');
    }
    if (!p.rowsUnbroken) w.lines.pop();
  } else {
    const expand = (row: GridRow) => row.cells.flatMap((c) => [c, ...Array.from({ length: c.span - 1 }, () => empty())]);
    const width = Math.max(...grid.rows.map((r) => expand(r).length));
    grid.rows.forEach((row, k) => {
      const fields = unspanned ? written(row) : expand(row);
      if (fl === 'markdown') while (fields.length < width) fields.push(empty());
      const line = w.lines.length;
      let text = fl === 'markdown' ? '|' : '';
      fields.forEach((c, i) => {
        if (fl === 'markdown') text += ' ';
        else if (i > 0) text += '\t';
        w.cell(c, line, text.length);
        text += c.text + c.pad;
        if (fl === 'markdown') text += ' |';
      });
      w.push(text);
      if (fl === 'markdown' && k === 0) w.push('|' + ' --- |'.repeat(width));
    });
  }
  w.truth.tables.push({ table: grid.table, startLine: first, endLine: w.lines.length - 1 });
}

function headingLine(h: Heading, style?: Presentation['headingStyle']): { line: string; start: number; text: string } {
  const text = (style === 'paren' ? `（${h.numeral}）` : style === 'part' ? `第${h.numeral}部分　` : h.numeral + h.sep) + h.title;
  return { line: h.prefix + text + h.suffix, start: h.prefix.length, text };
}

/** `（一）加强组织领导。…` → `一、加强组织领导。…`: sub-headings of 一 numbered like sections. */
function asSectionNumbered(line: string): string {
  return line.replace(/^([\s\u3000]*)（([一二三四五六七八九十])）/, '$1$2、');
}

export function render(report: Report, p: Presentation, fl: Flattening): Rendered {
  const w = new Writer();
  for (const l of report.lead) w.push(l);
  for (const l of p.title ?? report.title) w.push(l);
  for (const l of report.preface) w.push(l);
  for (const s of report.sections) {
    const over = p.headings[s.number] ?? {};
    if (!over.hidden) {
      const h = headingLine({ ...s.heading, numeral: (over.numeral ?? s.heading.numeral) as SectionNumber, title: over.title ?? s.heading.title }, p.headingStyle);
      const line = w.push(h.line);
      let end = { line, character: h.start + h.text.length };
      const title = over.title ?? s.heading.title;
      if (over.broken && title.length >= 6) {
        // A line break inside the heading's paragraph, in the middle of its title.
        const cut = h.start + h.text.length - Math.floor(title.length / 2);
        w.lines.splice(line, 1, h.line.slice(0, cut), h.line.slice(cut));
        end = { line: line + 1, character: h.start + h.text.length - cut };
      }
      w.truth.headings.push({ number: s.number, numeral: over.numeral ?? s.heading.numeral, text: h.text, range: { start: { line, character: h.start }, end } });
    }
    if (s.body) for (const l of s.body) w.push(s.number === '一' && p.subHeadings ? asSectionNumbered(l) : l);
    else {
      w.push('');
      const grid = buildGrid(report, p, s.number as TableId, fl);
      if (grid.table === '二' && p.t2Split) {
        // One table per 第二十条 item: a new one at each caption row.
        const blocks: GridRow[][] = [];
        for (const row of grid.rows) (row.kind === 'header' && row.key !== undefined ? blocks[blocks.length] = [] : blocks[blocks.length - 1]).push(row);
        blocks.forEach((rows, k) => {
          if (k > 0) w.push('');
          writeGrid(w, { ...grid, rows }, fl, p);
        });
      } else writeGrid(w, grid, fl, p);
      w.push('');
    }
  }
  if (p.paragraphs) breakParagraphs(w);
  return { text: w.lines.join('\n'), truth: w.truth };
}

/** Breaks long label and header cells in their middle (Presentation.paragraphs), the truth moved along. */
function breakParagraphs(w: Writer): void {
  const at = [...w.truth.labels, ...w.truth.headers]
    .filter((c) => c.text.length >= 6 && !/\d/.test(c.text) && c.range.start.line === c.range.end.line)
    .map((c) => ({ line: c.range.start.line, character: c.range.start.character + (c.text.length >> 1) }))
    .sort((a, b) => b.line - a.line || b.character - a.character);
  const ranges = [...w.truth.values, ...w.truth.labels, ...w.truth.headers, ...w.truth.headings].map((c) => c.range);
  for (const b of at) {
    const text = w.lines[b.line];
    w.lines.splice(b.line, 1, text.slice(0, b.character), text.slice(b.character));
    const moved = (q: Position) => {
      if (q.line > b.line) q.line++;
      else if (q.line === b.line && q.character >= b.character) {
        q.line++;
        q.character -= b.character;
      }
    };
    for (const r of ranges) {
      moved(r.start);
      moved(r.end);
    }
    for (const t of w.truth.tables) {
      if (t.startLine > b.line) t.startLine++;
      if (t.endLine >= b.line) t.endLine++;
    }
  }
}
