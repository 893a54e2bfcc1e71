// One linear pass over a table region: turns the three flattenings (one cell per line, TAB-separated
// rows, markdown pipe tables) into raw rows of cells with exact ranges. Knows nothing of labels.

import { parseValue } from './numbers';
import { blankComments, isBlank, isCommentLine, isPageMark, range, trimBounds, type Line } from './text';
import type { Flattening, Range } from './types';

export interface RawCell {
  /** Trimmed text; continuation lines are joined without a separator. */
  text: string;
  /** Range of the trimmed text (may span lines for a continued cell; empty for a blank cell). */
  range: Range;
  /** The normalised text, once the reader has needed it as a label (set once, then shared). */
  norm: string | undefined;
}

export interface RawRow {
  cells: RawCell[];
  line: number;
  endLine: number;
  shape: Flattening | 'text';
}

const MD_SEPARATOR = /^\s*:?-{1,}:?\s*$/;

export function isValueLike(text: string): boolean {
  const k = parseValue(text).kind;
  return k === 'number' || k === 'placeholder';
}

/**
 * A row label's level in table 三's merged label columns: 3 a numbered sub-row, 2 a （一） row, 1 others.
 * The total row sits where （七）总计 does, under 三、本年度办理结果, however it is numbered (`七、总计`, `总计`).
 */
export function labelLevel(text: string): number {
  if (TOTAL_ROW.test(text)) return 2;
  if (/^\s*\d{1,2}\s*[.、．]/.test(text)) return 3;
  if (/^\s*[（(][一二三四五六七八九十]{1,2}[）)]/.test(text)) return 2;
  return 1;
}

const TOTAL_ROW = /^\s*(?:七\s*[、.．]\s*)?总\s*计\s*$/;

const startsWithBar = (t: string) => /^[ \u3000]*\|/.test(t);

function lineShape(t: string): Flattening | 'text' | 'blank' {
  const tab = t.indexOf('\t');
  // A line holding only a TAB is an empty merged cell, not a blank line.
  if (tab === -1 && isBlank(t)) return 'blank';
  // A pipe row, with or without its leading pipe (GFM allows both: `| a | b |`, `a | b |`).
  if (tab === -1) return startsWithBar(t) || unescapedBar(t) ? 'markdown' : 'text';
  // One leading TAB and no other: a cell of the one-cell-per-line flattening.
  if (isBlank(t.slice(0, tab)) && t.indexOf('\t', tab + 1) === -1) return 'cell-per-line';
  return 'tsv';
}

function cellOf(lineNo: number, t: string, from: number, to: number): RawCell {
  const [a, b] = trimBounds(t, from, to);
  return { text: t.slice(a, b), range: range(lineNo, a, b), norm: undefined };
}

/** The field starting at `from`, and the TAB that ends it (-1 at the line's end). */
function tsvField(lineNo: number, t: string, from: number): { cell: RawCell; tab: number } {
  const tab = t.indexOf('\t', from);
  const cell = converterMarks(cellOf(lineNo, t, from, tab === -1 ? t.length : tab));
  // A blank field's insertion point is where the field starts.
  if (cell.text === '' && cell.range.start.character === cell.range.end.character) cell.range = range(lineNo, from, from);
  return { cell, tab };
}

/** How pandas writes an empty cell (`nan`): blank, its range still the mark's (a fix writes over it). */
const MISSING_MARKS = new Set(['nan', 'NaN']);
/** pandoc's escape of a lone mark (`\-`, `\*`): the mark, its range still both characters. */
const ESCAPED_MARK = /^\\[-*_+#—–/]$/;

/** A table cell as converters write what is no value: pandas' `nan` is blank, pandoc's `\-` is `-`. */
function converterMarks(c: RawCell): RawCell {
  if (MISSING_MARKS.has(c.text)) return { ...c, text: '' };
  if (ESCAPED_MARK.test(c.text)) return { ...c, text: c.text.slice(1) };
  return c;
}

function splitTsv(lineNo: number, t: string): RawCell[] {
  const cells: RawCell[] = [];
  for (let from = 0; ; ) {
    const { cell, tab } = tsvField(lineNo, t, from);
    cells.push(cell);
    if (tab === -1) return cells;
    from = tab + 1;
  }
}

/** Lines a quoted field may run over before the quote is taken for a literal one. */
const MAX_QUOTED_LINES = 8;

/**
 * A TAB-separated row written the CSV way (spreadsheets, Python's csv): a field in straight quotes may hold
 * TABs, doubled quotes and line breaks (a Word cell of several paragraphs). Its paragraphs join without a
 * separator, as continued cells do. Null when the line has no such field, or a quote is not closed as a
 * field closes (then the quotes are the author's text).
 */
function quotedTsvRow(lines: readonly Line[], first: number, last: number): { cells: RawCell[]; endLine: number } | null {
  const cells: RawCell[] = [];
  let line = first;
  let t = blankComments(lines[line].text);
  let pos = 0;
  let quoted = false;
  for (;;) {
    let q = pos;
    while (q < t.length && (t[q] === ' ' || t[q] === '\u3000')) q++;
    if (t[q] !== '"') {
      const { cell, tab } = tsvField(line, t, pos);
      cells.push(cell);
      if (tab === -1) break;
      pos = tab + 1;
      continue;
    }
    // The field's pieces, one per line it runs over: [line, from, to).
    const pieces: [number, number, number][] = [];
    let from = q + 1;
    let j = from;
    let close = -1;
    for (;;) {
      const k = t.indexOf('"', j);
      if (k === -1) {
        pieces.push([line, from, t.length]);
        if (line >= last || line - first + 1 >= MAX_QUOTED_LINES) return null;
        t = blankComments(lines[++line].text);
        from = j = 0;
        continue;
      }
      if (t[k + 1] === '"') {
        j = k + 2;
        continue;
      }
      close = k;
      break;
    }
    pieces.push([line, from, close]);
    let after = close + 1;
    while (after < t.length && (t[after] === ' ' || t[after] === '\u3000')) after++;
    if (after < t.length && t[after] !== '\t') return null;
    quoted = true;
    let text = '';
    let start: Range['start'] | null = null;
    let end: Range['end'] | null = null;
    for (const [l, a0, b0] of pieces) {
      const lt = l === line ? t : blankComments(lines[l].text);
      const [a, b] = trimBounds(lt, a0, b0);
      if (a === b) continue;
      text += lt.slice(a, b).replace(/""/g, '"');
      start ??= { line: l, character: a };
      end = { line: l, character: b };
    }
    cells.push(start && end ? { text, range: { start, end }, norm: undefined } : { text: '', range: range(pieces[0][0], q + 1, q + 1), norm: undefined });
    if (after >= t.length) break;
    pos = after + 1;
  }
  return quoted ? { cells, endLine: line } : null;
}

/** The region has TAB-separated rows (two at least): only then may a quote open a CSV field. */
function hasTsvRows(lines: readonly Line[], from: number, to: number): boolean {
  let n = 0;
  for (let i = from; i <= to && n < 2; i++) if (lineShape(lines[i].text) === 'tsv') n++;
  return n >= 2;
}

const UNIT_TOKEN = /^(?:万元|亿元|元|件|项|个|条|次)$/;
/** Sentence punctuation: a line with it before its numbers is narrative, not a row. */
const SENTENCE_MARK = /[，。；：！？,;:]/;

/**
 * A row as PDF text gives it: its label, then its values separated by spaces (`四、结转下年度继续办理 0 0 0
 * 0 0 0 0`, `行政许可 0`, `0 0 0 … 0`). The values are the trailing tokens that are numbers or placeholders
 * (a unit written apart joins its number), two at least, or one bare number after a short label without
 * sentence punctuation; blank cells are lost in such text, so the row keeps only the order of its values.
 * Null for any other line.
 */
function splitSpaced(lineNo: number, t: string): RawCell[] | null {
  const tokens: [number, number][] = [];
  for (const m of t.matchAll(/[^ \u3000\u00a0]+/g)) tokens.push([m.index!, m.index! + m[0].length]);
  // A unit written apart from its number (`92 万元`) belongs to it.
  for (let j = tokens.length - 1; j > 0; j--) {
    if (UNIT_TOKEN.test(t.slice(tokens[j][0], tokens[j][1])) && /\d$/.test(t.slice(tokens[j - 1][0], tokens[j - 1][1]))) {
      tokens[j - 1] = [tokens[j - 1][0], tokens[j][1]];
      tokens.splice(j, 1);
    }
  }
  let k = tokens.length;
  while (k > 0 && isValueLike(t.slice(tokens[k - 1][0], tokens[k - 1][1]))) k--;
  const values = tokens.length - k;
  if (values === 0) return null;
  const label = k > 0 ? cellOf(lineNo, t, 0, tokens[k - 1][1]) : null;
  // One value: only a bare number after a short label (`行政许可 0`), not a count in a sentence (`共办理 2 件`).
  if (values === 1 && (!label || label.text.length > 30 || SENTENCE_MARK.test(label.text) || !/^[+\-－]?[0-9０-９][0-9０-９,，.．]*$/.test(t.slice(tokens[k][0], tokens[k][1])))) return null;
  if (label && SENTENCE_MARK.test(label.text) && values < 3) return null;
  const cells = label ? [label] : [];
  for (let j = k; j < tokens.length; j++) cells.push(cellOf(lineNo, t, tokens[j][0], tokens[j][1]));
  return cells;
}

/** The line has a `|` that is no escaped `\\|`. */
function unescapedBar(t: string): boolean {
  for (let at = t.indexOf('|'); at !== -1; at = t.indexOf('|', at + 1)) if (at === 0 || t[at - 1] !== '\\') return true;
  return false;
}

/**
 * Splits a pipe row. With leading pipes (`| a | b |`, GFM's usual form) a bar opens each cell and a row
 * without one (`a | b |`) starts with its first cell; in a table written with a bar after each cell
 * (`a | b |`, as web pages turn into text) a bar closes each cell, so a row starting with a bar
 * (`| （二）部分公开 |`) starts with an empty cell.
 */
function splitMarkdown(lineNo: number, t: string, barAfterCell: boolean, openRows = false): RawCell[] | null {
  const bars: number[] = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '\\') i++;
    else if (t[i] === '|') bars.push(i);
  }
  const leadingBar = isBlank(t.slice(0, bars[0]));
  if (barAfterCell || !leadingBar) bars.unshift(-1);
  // Rows without outer bars (`a | b | 3`, as html2text writes them) end with a field even when it is blank.
  const last = (openRows && !leadingBar) || !isBlank(t.slice(bars[bars.length - 1] + 1)) ? bars.length : bars.length - 1;
  const cells: RawCell[] = [];
  for (let k = 0; k < last; k++) {
    const from = bars[k] + 1;
    const to = k + 1 < bars.length ? bars[k + 1] : t.length;
    const c = converterMarks(withoutEmphasis(lineNo, t, cellOf(lineNo, t, from, to)));
    // Insert into `|  |` after one space so the result reads `| 0 |`.
    if (c.text === '' && c.range.start.character === c.range.end.character) c.range = range(lineNo, Math.min(from + 1, to), Math.min(from + 1, to));
    cells.push(c);
  }
  // The delimiter row (`| --- | --- |`); read with a bar closing each cell it has an empty first cell.
  if (cells.some((c) => c.text !== '') && cells.every((c) => c.text === '' || MD_SEPARATOR.test(c.text))) return null;
  return cells;
}

const EMPHASIS = /^(\*\*|__|\*|_)(.*)\1$/;

/**
 * A number in bold or italics (`**57**`: a converter writes a bold Word cell so) is that number: the cell is
 * the text between the marks, which a fix replaces, leaving the marks as they are.
 */
function withoutEmphasis(lineNo: number, t: string, c: RawCell): RawCell {
  const m = EMPHASIS.exec(c.text);
  if (!m) return c;
  const from = c.range.start.character + m[1].length;
  const [a, b] = trimBounds(t, from, from + m[2].length);
  const inner = t.slice(a, b);
  return inner !== '' && isValueLike(inner) ? { text: inner, range: range(lineNo, a, b), norm: undefined } : c;
}

/** The line's last non-blank character is a bar that is not escaped. */
function endsWithBar(t: string): boolean {
  const b = trimBounds(t)[1];
  return b > 0 && t[b - 1] === '|' && (b < 2 || t[b - 2] !== '\\');
}

/**
 * Pipe rows broken where a cell's text breaks (a writer that joins a cell's paragraphs with a line break,
 * as python-docx's `cell.text` does): a row that starts with a bar and does not end with one goes on over
 * lines that start with none, to the first line that ends with one. Only in a table whose rows open and
 * close with bars (two such rows at least), where no row of its own can end without one. Returns the last
 * line of each such row by its first.
 */
function brokenPipeRows(lines: readonly Line[], from: number, to: number): Map<number, number> {
  const rows = new Map<number, number>();
  let closed = 0;
  for (let i = from; i <= to && closed < 2; i++) if (startsWithBar(lines[i].text) && endsWithBar(lines[i].text)) closed++;
  if (closed < 2) return rows;
  for (let i = from; i < to; i++) {
    const t = lines[i].text;
    if (!startsWithBar(t) || endsWithBar(t) || t.includes('\t')) continue;
    // A number never runs on: its digits must stay on one line for a fix to replace them.
    let open = t.slice(t.lastIndexOf('|') + 1);
    for (let k = i + 1; k <= to && k - i < MAX_QUOTED_LINES; k++) {
      const u = lines[k].text;
      if (isBlank(u) || startsWithBar(u) || u.includes('\t') || isCommentLine(u)) break;
      const bar = u.indexOf('|');
      const more = bar === -1 ? u : u.slice(0, bar);
      if (isValueLike(open.trim()) || isValueLike(more.trim()) || isValueLike((open + more).trim())) break;
      open = bar === -1 ? open + more : u.slice(u.lastIndexOf('|') + 1);
      if (endsWithBar(u)) {
        rows.set(i, k);
        i = k;
        break;
      }
    }
  }
  return rows;
}

/** The cells of a pipe row broken over lines first..last: the text on each side of a break is one cell. */
function splitBrokenPipeRow(lines: readonly Line[], first: number, last: number): RawCell[] {
  const cells = splitMarkdown(first, blankComments(lines[first].text), false) ?? [];
  for (let k = first + 1; k <= last; k++) {
    const part = splitMarkdown(k, blankComments(lines[k].text), false) ?? [];
    const open = cells[cells.length - 1];
    const more = part.shift();
    if (open && more && more.text !== '') {
      const wasEmpty = open.text === '';
      open.text += more.text;
      open.range = { start: wasEmpty ? more.range.start : open.range.start, end: more.range.end };
    } else if (!open && more) cells.push(more);
    cells.push(...part);
  }
  return cells;
}

/**
 * How the region's pipe rows use their outer bars. `closing`: rows ending with a bar but not starting with
 * one — the table is written with a bar after each cell, and a row starting with a bar starts with empty
 * cells (merged labels, table 四's header and values); read so, a table written with leading bars would
 * only gain an empty first column, which the reader drops, so one such row is evidence enough. `open`:
 * rows with bars between their cells and none around them (`一、本年新收… | 3 |  | 3`, html2text's tables);
 * in such a table a row ending in a bar (`二、上年结转… |  |  |`) has a blank last field after it.
 */
function outerBars(lines: readonly Line[], from: number, to: number, broken: ReadonlyMap<number, number>): { closing: number; open: number } {
  let closing = 0;
  let open = 0;
  for (let i = from; i <= to; i++) {
    const end = broken.get(i);
    if (end !== undefined) {
      i = end;
      continue;
    }
    const t = lines[i].text;
    const bar = t.indexOf('|');
    if (bar === -1 || t.includes('\t')) continue;
    const [a, b] = trimBounds(t);
    if (t[a] === '|') continue;
    if (t[b - 1] === '|') closing++;
    else if (t.indexOf('|', bar + 1) !== -1 && !MD_SEPARATOR.test(t.slice(a, bar))) open++;
  }
  return { closing, open };
}

/** A line of cell text as one-cell-per-line text has it: short, and no sentence of the narrative. */
function bareCell(t: string): boolean {
  const s = t.trim();
  return s.length > 0 && s.length <= 80 && !/[。！？!?]/.test(s);
}

/**
 * One cell per line with its leading TABs lost (an editor or a web form that trims lines): no line of the
 * region has a TAB or a bar, numbers stand on lines of their own, and short cell lines far outnumber the
 * narrative. Rows still end at blank lines; what the TABs told (an empty merged cell, a label continued on
 * the next line) is lost, so a row keeps only the cells it shows.
 */
function bareCellLines(lines: readonly Line[], from: number, to: number): boolean {
  let values = 0;
  let cells = 0;
  let narrative = 0;
  for (let i = from; i <= to; i++) {
    const t = lines[i].text;
    if (t.includes('\t') || unescapedBar(t)) return false;
    if (isBlank(t) || isCommentLine(t) || isPageMark(t)) continue;
    if (isValueLike(t.trim())) values++;
    else if (bareCell(t)) cells++;
    else narrative++;
  }
  return values >= 8 && values + cells >= 4 * narrative;
}

const BARRED_CELL = /^[^|\t]*[^|\s][^|\t]*\|\s*$/;

/** The text before each bar of a barred line (`规章 |`; `|||`; `0|0|0|` once blanks are filled). */
function barSegments(t: string): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (let bar = t.indexOf('|'); bar !== -1; bar = t.indexOf('|', bar + 1)) {
    out.push([from, bar]);
    from = bar + 1;
  }
  return isBlank(t.slice(from)) ? out : [];
}

/** A barred line: one cell, or cells that are all numbers or empty. */
function isBarredLine(t: string): boolean {
  if (BARRED_CELL.test(t)) return true;
  // A pipe row opening with a bar (`| 0 | 0 |`) is markdown's; bars alone are empty cells.
  if (startsWithBar(t) && !/^\s*\|+\s*$/.test(t)) return false;
  const segments = barSegments(t);
  return segments.length > 0 && segments.every(([a, b]) => isBlank(t.slice(a, b)) || isValueLike(t.slice(a, b).trim()));
}

function barredCells(lineNo: number, t: string): RawCell[] {
  return barSegments(t).map(([a, b]) => {
    const c = cellOf(lineNo, t, a, b);
    // A blank cell's value goes where its text would start: `|||` filled is `0|0|0|`.
    if (c.text === '') c.range = range(lineNo, a, a);
    return c;
  });
}

/**
 * One cell per line with a bar after each (`规章 |`, `0 |`) and empty cells as bars alone (`|`, `|||`), as
 * web pages turn into text: every line of the region with a bar is such a line, numbers among them.
 */
function barredCellLines(lines: readonly Line[], from: number, to: number): boolean {
  let cells = 0;
  let values = 0;
  // Places of lines of bars alone: a table whose values are all left blank has them in place of numbers
  // (table 四's one row: a single line of fifteen).
  let blankPlaces = 0;
  for (let i = from; i <= to; i++) {
    const t = lines[i].text;
    if (t.indexOf('|') === -1) continue;
    if (t.includes('\\|') || !isBarredLine(t)) return false;
    if (BARS_ALONE.test(t)) blankPlaces += barSegments(t).length;
    for (const [a, b] of barSegments(t)) {
      const x = t.slice(a, b).trim();
      if (x === '') continue;
      cells++;
      if (isValueLike(x)) values++;
    }
  }
  return cells >= 8 && values + blankPlaces >= 2;
}

const BARS_ALONE = /^\s*\|+\s*$/;

/** Scans lines [from, to] (inclusive) into rows. */
export function scanRows(
  lines: readonly Line[],
  from: number,
  to: number,
  wrapped: (above: string, below: string) => boolean = () => false,
): { rows: RawRow[]; flattening: Flattening } {
  const rows: RawRow[] = [];
  let pending: RawRow | null = null;
  const counts = { 'cell-per-line': 0, tsv: 0, markdown: 0 };
  const brokenPipes = brokenPipeRows(lines, from, to);
  const bars = outerBars(lines, from, to, brokenPipes);
  const barAfterCell = bars.closing > 0;
  const openRows = barAfterCell && bars.open >= 2;
  const bare = bareCellLines(lines, from, to);
  const csv = hasTsvRows(lines, from, to);
  const barred = barredCellLines(lines, from, to);
  // In barred text, the first lines of a cell of several paragraphs, waiting for the line with its bar.
  let carry: RawCell | null = null;

  const flush = () => {
    if (carry) {
      (pending ??= { cells: [], line: carry.range.start.line, endLine: carry.range.end.line, shape: 'cell-per-line' }).cells.push(carry);
      carry = null;
    }
    if (pending) rows.push(pending);
    pending = null;
  };

  for (let i = from; i <= to; i++) {
    if (isCommentLine(lines[i].text) || isPageMark(lines[i].text)) continue;
    const t = blankComments(lines[i].text);
    const shape = lineShape(t);
    if (shape === 'blank') {
      if (!pending) continue;
      // A label continued across one blank line (`（三）不予` / blank / `公开`) while the row has no value yet
      // (a row of blanks has none either, but no label to continue: the paragraph after it is text).
      const next = i + 1 <= to ? blankComments(lines[i + 1].text) : '';
      const p: RawRow = pending;
      if (
        !bare &&
        lineShape(next) === 'text' &&
        p.cells.length > 0 &&
        p.cells[p.cells.length - 1].text !== '' &&
        !p.cells.some((c) => isValueLike(c.text)) &&
        !isValueLike(next.trim())
      ) {
        continue;
      }
      flush();
      continue;
    }
    // `⇥"（二）部分公开（…，` opens a quoted field in a CSV-written row, not a cell of its own.
    const csvRow = csv && t.includes('"') ? quotedTsvRow(lines, i, to) : null;
    if (csvRow) {
      flush();
      rows.push({ cells: csvRow.cells, line: i, endLine: csvRow.endLine, shape: 'tsv' });
      counts.tsv++;
      i = csvRow.endLine;
      continue;
    }
    if (barred && shape === 'text') {
      // A cell of several paragraphs: its first lines carry no bar, the last one does (`一、本年新收政府` /
      // `信息公开申请数量 |`).
      const c = cellOf(i, t, 0, t.length);
      carry = carry ? { text: carry.text + c.text, range: { start: carry.range.start, end: c.range.end }, norm: undefined } : c;
      continue;
    }
    if (barred && shape === 'markdown') {
      const cells = barredCells(i, t);
      if (!pending) pending = { cells: [], line: carry ? carry.range.start.line : i, endLine: i, shape: 'cell-per-line' };
      if (carry) {
        const first = cells[0];
        if (cells.length === 1 && first.text !== '' && !isValueLike(first.text) && !isValueLike(carry.text)) {
          first.text = carry.text + first.text;
          first.range = { start: carry.range.start, end: first.range.end };
        } else pending.cells.push(carry);
        carry = null;
      }
      pending.cells.push(...cells);
      pending.endLine = i;
      counts['cell-per-line']++;
      continue;
    }
    if (shape === 'cell-per-line') {
      const tab = t.indexOf('\t');
      let c = cellOf(i, t, tab + 1, t.length);
      if (c.text === '') c = { text: '', range: range(i, tab + 1, tab + 1), norm: undefined };
      if (!pending) pending = { cells: [], line: i, endLine: i, shape: 'cell-per-line' };
      pending.cells.push(c);
      pending.endLine = i;
      counts['cell-per-line']++;
      continue;
    }
    // A line PDF text gives as a label and its values (`行政许可 0`) stays such a row.
    if (bare && shape === 'text' && bareCell(t) && !splitSpaced(i, t)) {
      if (!pending) pending = { cells: [], line: i, endLine: i, shape: 'cell-per-line' };
      const c = cellOf(i, t, 0, t.length);
      const prev = pending.cells[pending.cells.length - 1];
      // A label wrapped onto this line (`一、本年新收政府信息公开申请` / `数量`), or onto this one and the next
      // (`2.申请人逾期未按收费通知要` / `求缴纳费用、行政机关不再处理` / `其政府信息公开申请`): one cell, by the
      // table's labels.
      const next = i + 1 <= to ? blankComments(lines[i + 1].text) : '';
      const nextText = lineShape(next) === 'text' && bareCell(next) ? next.trim() : '';
      if (
        prev &&
        prev.range.end.line === i - 1 &&
        prev.text !== '' &&
        c.text !== '' &&
        (wrapped(prev.text, c.text) || (nextText !== '' && wrapped(prev.text, c.text + nextText)))
      ) {
        prev.text += c.text;
        prev.range = { start: prev.range.start, end: c.range.end };
        pending.endLine = i;
        continue;
      }
      pending.cells.push(c);
      pending.endLine = i;
      counts['cell-per-line']++;
      continue;
    }
    if (shape === 'text' && pending && pending.cells.length > 0) {
      const c = cellOf(i, t, 0, t.length);
      const prev = pending.cells[pending.cells.length - 1];
      // `→本年新` / `制作数量`, vertical `→结` / `果` / `维` / `持`: a label goes on. A number never does:
      // its digits must stay on one line for a fix to replace them; only its unit may follow on the next
      // line (`→17` / `件`, `→1268.45` / `万元`: a narrow column).
      const unitOfNumber = UNIT_TOKEN.test(c.text) && /\d$/.test(prev.text) && isValueLike(prev.text);
      if ((!isValueLike(c.text) && !isValueLike(prev.text)) || unitOfNumber) {
        prev.text += c.text;
        prev.range = { start: prev.text === c.text ? c.range.start : prev.range.start, end: c.range.end };
        pending.endLine = i;
        continue;
      }
    }
    flush();
    if (shape === 'tsv') {
      rows.push({ cells: splitTsv(i, t), line: i, endLine: i, shape });
      counts.tsv++;
    } else if (shape === 'markdown' && brokenPipes.has(i)) {
      const end = brokenPipes.get(i)!;
      rows.push({ cells: splitBrokenPipeRow(lines, i, end), line: i, endLine: end, shape });
      counts.markdown++;
      i = end;
    } else if (shape === 'markdown') {
      const cells = splitMarkdown(i, t, barAfterCell, openRows);
      if (cells) rows.push({ cells, line: i, endLine: i, shape });
      counts.markdown++;
    } else {
      rows.push({ cells: splitSpaced(i, t) ?? [cellOf(i, t, 0, t.length)], line: i, endLine: i, shape: 'text' });
    }
  }
  flush();
  const split = splitRunOnRows(rows);
  let flattening: Flattening = 'cell-per-line';
  if (counts.tsv > counts[flattening]) flattening = 'tsv';
  if (counts.markdown > counts[flattening]) flattening = 'markdown';
  return { rows: split, flattening };
}

/** Empty cells after a label that make a row of blanks (table 二's rows have two or three values, 三's seven). */
const MIN_BLANK_ROW = 2;

/**
 * One cell per line without the blank lines that end rows (a table copied out of a PDF or a web page):
 * a row that goes on from values to a label again (twice at least) is several rows run together. A new
 * row starts at each label after a value (or after a row of blanks); where the table writes merged places,
 * it takes along as its leading places as many of the empty cells before it as its label's level has in
 * table 三 (a numbered sub-row two, a （一） row one). In each piece, the words before the row's own label
 * (column names, a caption) are a row of their own, except a group label right before it.
 */
function splitRunOnRows(rows: RawRow[]): RawRow[] {
  const out: RawRow[] = [];
  for (const r of rows) {
    if (r.shape !== 'cell-per-line') {
      out.push(r);
      continue;
    }
    // Where rows start: at each label after a value, or after a row of blanks.
    const labelsAt: number[] = [];
    let seenValue = false;
    // Empty cells since the last label: a row whose values are all blank ends in seven of them.
    let emptyRun = 0;
    for (let k = 0; k < r.cells.length; k++) {
      const t = r.cells[k].text;
      if (t === '') {
        emptyRun++;
        continue;
      }
      const gap = emptyRun;
      emptyRun = 0;
      if (isValueLike(t)) seenValue = true;
      else if (seenValue || gap >= MIN_BLANK_ROW) {
        labelsAt.push(k);
        seenValue = false;
      }
    }
    const { written: moved, places } = mergedPlacesWritten(r.cells, labelsAt);
    const starts: number[] = [0];
    for (let p = 0; p < labelsAt.length; p++) {
      const k = labelsAt[p];
      let from = k;
      let lead = labelLevel(r.cells[k].text) - 1;
      // Only from a row that keeps its own places: where a row's tail is just that many, this row's merged
      // places are not written (a table may write them for some sub-rows only). In a table that mostly
      // leaves them out, a row whose tail is exactly its places and this row's merged ones still writes them.
      const tail = lead > 0 && places !== null && p > 0 ? tailAfter(r.cells, labelsAt[p - 1], k) : null;
      const keeps = tail === null ? moved : moved ? tail >= places! + lead : tail === places! + lead;
      if (!keeps) lead = 0;
      const previous = starts[starts.length - 1];
      while (lead > 0 && from - 1 > previous && r.cells[from - 1].text === '') {
        from--;
        lead--;
      }
      if (from > previous) starts.push(from);
    }
    if (starts.length < 3) {
      const t4 = valuesAfterHeader(r.cells);
      if (t4 || !smallTableRunOn(r.cells, starts)) {
        out.push(...(t4 ?? [r]));
        continue;
      }
    }
    starts.push(r.cells.length);
    const pieces = starts.slice(0, -1).map((from, p) => r.cells.slice(from, starts[p + 1]));
    // Table 四's header, run on, holds runs of empty places that are no blank row's.
    const blankRows = !pieces.some((cells) => valuesAfterHeader(cells));
    for (const cells of pieces) out.push(...splitPiece(cells, blankRows));
  }
  return out;
}

/**
 * A small table run on (table 二 written as four tables of their own, in web text without blank lines
 * between rows): one or two rows, each with a value or left blank, and before the first its caption and
 * column names (`第二十条第（五）项 |` `信息内容 |` `本年处理决定数量 |` `行政许可 |` `0 |`). A word after a
 * row's value (a unit, a note) is no second row.
 */
function smallTableRunOn(cells: readonly RawCell[], starts: readonly number[]): boolean {
  const bounds = [...starts, cells.length];
  // Under table 二's caption (`第二十条第（一）项`) a label with blanks after it is a row left blank.
  const first = cells.find((c) => c.text !== '');
  const underCaption = first !== undefined && T2_CAPTION.test(first.text);
  // The first piece may be the caption alone (`第二十条第（五）项 |` `||`); every later one is a row with a
  // value, or column names and a row left blank (`信息内容 |` … `行政事业性收费 |` `||`).
  for (let p = 1; p + 1 < bounds.length; p++) {
    const piece = cells.slice(bounds[p], bounds[p + 1]);
    if (!piece.some((c) => isValueLike(c.text)) && !namesThenBlankRow(piece) && !(underCaption && blankRow(piece, 1))) return false;
  }
  if (starts.length > 1) return true;
  let words = 0;
  for (const c of cells) {
    if (isValueLike(c.text)) return words >= 3;
    if (c.text !== '') words++;
  }
  return underCaption && namesThenBlankRow(cells, 1);
}

const T2_CAPTION = /二\s*十\s*条/;

/** A label and its places, all blank (`blanks` at least: table 二's rows under a caption have one place or more). */
function blankRow(cells: readonly RawCell[], blanks = MIN_BLANK_ROW): boolean {
  return cells.length > blanks && cells[0].text !== '' && cells.slice(1).every((c) => c.text === '');
}

/** Column names, then a row's label with its places all blank: three words at least, `blanks` after the last. */
function namesThenBlankRow(cells: readonly RawCell[], blanks = MIN_BLANK_ROW): boolean {
  let last = cells.length - 1;
  while (last >= 0 && cells[last].text === '') last--;
  return cells.length - 1 - last >= blanks && cells.filter((c) => c.text !== '').length >= 3;
}

/**
 * Does the run-on table write the places of merged labels (`→` / `→（三）不予公开`, as Word does), or leave
 * them out? Rows followed by a first-level row show how many places a row has (`places`); rows followed by
 * a sub-row have as many more as the sub-row's merged places where they are written.
 */
function mergedPlacesWritten(cells: readonly RawCell[], labelsAt: readonly number[]): { written: boolean; places: number | null } {
  const tails: { tail: number; lead: number }[] = [];
  // Only rows' places tell (values and blanks): column names run on before the first value do not (the
  // places their spans cover look like a row of blanks).
  const firstValue = cells.findIndex((c) => isValueLike(c.text));
  for (let p = 0; p + 1 < labelsAt.length; p++) {
    const next = labelsAt[p + 1];
    const tail = tailAfter(cells, labelsAt[p], next);
    if (next <= firstValue || !cells.slice(next - tail, next).every((c) => c.text === '' || isValueLike(c.text))) continue;
    tails.push({ tail, lead: labelLevel(cells[next].text) - 1 });
  }
  const counts = new Map<number, number>();
  for (const t of tails) if (t.lead === 0) counts.set(t.tail, (counts.get(t.tail) ?? 0) + 1);
  if (counts.size === 0) return { written: true, places: null };
  const n = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  let written = 0;
  let omitted = 0;
  for (const t of tails) {
    if (t.lead === 0) continue;
    if (t.tail === n + t.lead) written++;
    else if (t.tail === n) omitted++;
  }
  return { written: written >= omitted, places: n };
}

/**
 * The places before the next label at `next` since the last word after the label at `label` (its words run
 * on, or a sub-row's label after a group's and its merged place: `三、本年度办理结果 | | （一）予以公开 | …`).
 */
function tailAfter(cells: readonly RawCell[], label: number, next: number): number {
  let first = next;
  while (first - 1 > label && (cells[first - 1].text === '' || isValueLike(cells[first - 1].text))) first--;
  return next - first;
}

/** Table 四's one row: more values after the words than any labelled row has (table 三's seven). */
const MIN_UNLABELLED_VALUES = 10;
const T4_PLACES = 15;
/** A row label's own numbering (`一、`, `（一）`, `1.`): such a word before a label is a group's, not a header's. */
export const NUMBERED = /^\s*(?:\d{1,2}\s*[.、．]|[（(][一二三四五六七八九十]{1,2}[）)]|[一二三四五六七八九十]、)/;

/**
 * Table 四's one row of values run on after its header (with or without blank lines elsewhere): words, then
 * only values and blanks, more of them than any labelled row has. Null for any other row.
 */
function valuesAfterHeader(cells: RawCell[]): RawRow[] | null {
  let lastWord = -1;
  let words = 0;
  for (let k = 0; k < cells.length; k++) {
    const t = cells[k].text;
    if (t === '' || isValueLike(t)) continue;
    lastWord = k;
    words++;
  }
  // A numbered row label (`（一）予以公开`) is table 三's row with its values, whatever blanks follow them
  // (web text writes a bar for each place a span covers after the row): table 四's header ends in a column name.
  if (lastWord >= 0 && NUMBERED.test(cells[lastWord].text)) return null;
  const rest = cells.slice(lastWord + 1);
  // All blank, only table 四's fifteen places make the row.
  if (words < 2 || rest.length < (rest.some((c) => c.text !== '') ? MIN_UNLABELLED_VALUES : T4_PLACES)) return null;
  return [pieceOf(cells.slice(0, lastWord + 1)), pieceOf(rest)];
}

/** One piece of a run-on row: words before the row's own label (column names, a caption) apart. */
function splitPiece(cells: RawCell[], blankRows: boolean): RawRow[] {
  const firstValue = cells.findIndex((c) => isValueLike(c.text));
  let own = -1;
  for (let k = 0; k < (firstValue === -1 ? cells.length : firstValue); k++) if (cells[k].text !== '') own = k;
  if (own === -1) return [pieceOf(cells)];
  // Table 四's fifteen places after its header, blank or not.
  const t4 = valuesAfterHeader(cells);
  if (t4) return t4;
  // Words only: as they are, unless the last is a row's label with its blanks after it (a table whose first
  // rows are all blank, run on after its header): numbered, or with no more places than the column names
  // before it (`信息内容` `本年新制作数量` … `规章` `|` `|` `|`). A column name with the bars of the places
  // its span covers after it (`自然人` `法人或其他组织` `总计 |` `||||||||`) is no row.
  const blanksAfter = cells.length - own - 1;
  const wordsBefore = cells.slice(0, own).filter((c) => c.text !== '').length;
  if (firstValue === -1 && !(blankRows && blanksAfter >= MIN_BLANK_ROW && (NUMBERED.test(cells[own].text) || blanksAfter <= wordsBefore || t2RowLeftBlank(cells, own) || t4GroupLeftBlank(cells[own].text, blanksAfter)))) {
    return [pieceOf(cells)];
  }
  let ownFrom = own;
  // Copies of the label (a merge written into every place it spans) and its merged places go with it.
  while (ownFrom > 0 && cells[ownFrom - 1].text === cells[own].text) ownFrom--;
  let lead = labelLevel(cells[own].text) - 1;
  while (lead > 0 && ownFrom > 0 && cells[ownFrom - 1].text === '') {
    ownFrom--;
    lead--;
  }
  const before = cells.slice(0, ownFrom);
  // Words that are no group label (`（三）不予公开`) and no copy of the label (a merge written into every place).
  const header = before.filter((c) => c.text !== '' && c.text !== cells[own].text && !NUMBERED.test(c.text)).length;
  // One such word right before the label is its group's (`其他对外管理服务事项` / `行政检查`); set apart by an
  // empty place, or two or more, they are a header row.
  const apart = header >= 2 || (header === 1 && before.length > 0 && before[before.length - 1].text === '');
  if (!apart) return [pieceOf(cells)];
  return [pieceOf(before), pieceOf(cells.slice(ownFrom))];
}

/**
 * Table 二's column names (`信息内容` first) then a row's label with no more places after it than the names
 * have after `信息内容`, empty merged places among them (`信息内容` `|` `上一年项目数量` `本年增/减` `|`).
 */
function t2RowLeftBlank(cells: readonly RawCell[], own: number): boolean {
  const first = cells.findIndex((c) => c.text !== '');
  return first < own && T2_NAMES_FIRST.test(cells[first].text) && cells.length - own - 1 <= own - first - 1;
}

const T2_NAMES_FIRST = /^信息内容$/;

/**
 * Table 四 written a group a row (`行政复议` then its five values), the group left blank: its name, then its
 * five places and maybe one an empty merged column leaves. (A name over its columns in the header covers
 * four places, or nine.)
 */
function t4GroupLeftBlank(label: string, blanksAfter: number): boolean {
  return (blanksAfter === 5 || blanksAfter === 6) && T4_GROUP_ROW.test(label);
}
const T4_GROUP_ROW = /复议|起诉/;

function pieceOf(cells: RawCell[]): RawRow {
  return { cells, line: cells[0].range.start.line, endLine: cells[cells.length - 1].range.end.line, shape: 'cell-per-line' };
}
