// Tables 二/三/四 read against the templates (spec §3, §5.5): the header block first (column names,
// spanning group names, the corner note — never rows), then the rows, aligned as a whole sequence with
// the template's rows, then each row's values placed in their columns. Every table is read with both
// templates and the better fit wins; version-specific labels decide the version (spec §3.7).

import { alignMonotone, type Candidate } from './align';
import { LabelMatcher, type Scored } from './matcher';
import { parseValue } from './numbers';
import { copiedPositions, emptyPositions, isCoverLine, isPositional, keepsPlaces, layoutFromHeader, layoutFromRows, placeRow, placeRows, withoutCopies, type Placement } from './placement';
import { scanRows, isValueLike, type RawCell, type RawRow } from './scan';
import { commonSubsequence, editDistance } from './similarity';
import {
  T3_HEADER_LABELS_LIST,
  T4_GROUP_LABELS,
  T4_LEAF_LABELS,
  TEMPLATES,
  VERSIONS,
  type ColumnSpec,
  type RowSpec,
  type SubtableSpec,
  type Template,
} from './templates';
import { normalizeLabel, range, type Line } from './text';
import type { LabelCell, LabelMatch, Range, RowKind, Table, TableId, TableRow, TemplateVersion, ValueCell } from './types';
import { stripOrdinal } from './matcher';

// ---------------------------------------------------------------------------------------------
// Matchers, built once per template version

interface T2RowSpec extends RowSpec {
  sub: SubtableSpec;
}
interface T2ColumnSpec extends ColumnSpec {
  sub: SubtableSpec;
}

interface Matchers {
  /** Column names of each sub-table of 二. */
  t2SubColumns: Map<SubtableSpec, LabelMatcher<ColumnSpec>>;
  t3Rows: LabelMatcher<RowSpec>;
  t3Columns: LabelMatcher<ColumnSpec>;
  t2Rows: LabelMatcher<T2RowSpec>;
  t2Columns: LabelMatcher<T2ColumnSpec>;
  t2Captions: LabelMatcher<{ label: string; sub: SubtableSpec }>;
}

const T3_HEADER_WORDS = new LabelMatcher(T3_HEADER_LABELS_LIST.map((label) => ({ label })), true);
const T4_LEAVES = new LabelMatcher(T4_LEAF_LABELS.map((label) => ({ label })), true);
const T4_GROUPS = new LabelMatcher(T4_GROUP_LABELS.map((g) => ({ label: g.label, aliases: g.aliases, group: g.group })), true);
const INFO_HEADER = new LabelMatcher([{ label: '信息内容' }]);

const matcherCache = new Map<TemplateVersion, Matchers>();
function matchersOf(t: Template): Matchers {
  let m = matcherCache.get(t.version);
  if (!m) {
    m = {
      t2SubColumns: new Map(t.t2.map((sub) => [sub, new LabelMatcher(sub.columns, true)])),
      t3Rows: new LabelMatcher(t.t3Rows),
      t3Columns: new LabelMatcher(t.t3Columns, true),
      t2Rows: new LabelMatcher(t.t2.flatMap((sub) => sub.rows.map((r) => ({ ...r, sub })))),
      t2Columns: new LabelMatcher(t.t2.flatMap((sub) => sub.columns.map((c) => ({ ...c, sub }))), true),
      t2Captions: new LabelMatcher(t.t2.map((sub) => ({ label: sub.caption, sub }))),
    };
    matcherCache.set(t.version, m);
  }
  return m;
}

/** Every column name of table 二 in any version: header rows of 二 consist of these. */
const T2_ANY_COLUMN = new LabelMatcher(
  [...new Set(VERSIONS.flatMap((v) => TEMPLATES[v].t2.flatMap((s) => s.columns.flatMap((c) => [c.label, ...(c.aliases ?? [])]))))].map((label) => ({ label })),
  true,
);

/** A score good enough to take a label as the template's without context. */
const STRONG = 0.8;
/** The least score a header cell needs to name a column. */
const HEADER_FLOOR = 0.75;
/** Alignment gains are score minus this: a weak match is taken only where the order supports it. */
const GAIN_OFFSET = 0.45;
/** A label matched at least this well may be renamed by a fix without further evidence. */
const CONFIDENT = 0.6;

// ---------------------------------------------------------------------------------------------
// Rows and cells

/** The cell as a label: its normalised text is computed once and the cell object shared. */
function labelCell(c: RawCell): LabelCell {
  if (c.norm === undefined) c.norm = normalizeLabel(c.text);
  return c as LabelCell;
}

function valueCell(c: RawCell, col: ColumnSpec | null): ValueCell {
  const value = parseValue(c.text);
  const valueRange =
    value.kind === 'number'
      ? range(c.range.start.line, c.range.start.character + value.tokenStart!, c.range.start.character + value.tokenEnd!)
      : c.range;
  return { column: col ? col.label : null, columnKey: col ? col.key : null, text: c.text, range: c.range, valueRange, value };
}

function valueCells(p: Placement, columns: readonly ColumnSpec[] | null): { cells: ValueCell[]; aligned: boolean } {
  if (p.values && columns) return { cells: p.values.map((c, k) => valueCell(c, columns[k])), aligned: true };
  return { cells: p.zone.filter((c) => c.text !== '').map((c) => valueCell(c, null)), aligned: false };
}

function rowRange(row: RawRow): Range {
  const first = row.cells[0]?.range.start ?? { line: row.line, character: 0 };
  const last = row.cells[row.cells.length - 1]?.range.end ?? first;
  return { start: first, end: last };
}

/** What every row of a table has besides its reading: where it is and which cells are its labels. */
interface RowBase {
  labelCells: LabelCell[];
  line: number;
  range: Range;
  labelMatches?: LabelMatch[];
  placement?: 'more' | 'fewer';
}

/** Every row object gets the same shape: differently shaped rows (spreads) made V8 fall off its fast path. */
function makeRow(
  b: RowBase,
  kind: RowKind,
  key: string | null,
  label: string,
  cells: ValueCell[],
  expected: number,
  aligned: boolean,
  group?: string,
  parentKey?: string,
  outOfOrder?: boolean,
): TableRow {
  return {
    kind,
    key,
    label,
    labelCells: b.labelCells,
    cells,
    expected,
    aligned,
    line: b.line,
    range: b.range,
    group,
    parentKey,
    labelMatches: b.labelMatches,
    outOfOrder,
    placement: b.placement,
  };
}

function headerRow(cells: LabelCell[], r: RawRow): TableRow {
  return makeRow({ labelCells: cells, line: r.line, range: rowRange(r) }, 'header', null, cells[0]?.text ?? '', [], 0, true);
}

function emptyTable(id: TableId, version: TemplateVersion | null): Table {
  const zero = { line: 0, character: 0 };
  return { id, flattening: 'cell-per-line', version, versionEvidence: 0, startLine: 0, endLine: 0, range: { start: zero, end: zero }, rows: [], headerCells: [], headerMatches: [] };
}

function hasText(r: RawRow): boolean {
  return r.cells.some((c) => c.text !== '');
}

function anyValue(r: RawRow): boolean {
  return r.cells.some((c) => isValueLike(c.text));
}

function matchOf(cell: LabelCell, scored: Scored<{ label: string }>, confident: boolean, part = false, copies?: RawCell[]): LabelMatch {
  const how = scored.score === 1 && scored.how === 'exact' ? 'exact' : 'wording';
  return { cell, canonical: scored.spec.label, how, confident, part, copies: copies && copies.length > 0 ? copies.map(labelCell) : undefined };
}

/**
 * A row's label cells, each once: a label repeated in the next cells is one merged cell written into
 * every position it spans (pandas, python-docx), kept as the first with the others as its copies.
 */
function distinctLabels(cells: readonly RawCell[]): { cell: RawCell; copies: RawCell[] }[] {
  const out: { cell: RawCell; copies: RawCell[] }[] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last && c.text === last.cell.text) last.copies.push(c);
    else out.push({ cell: c, copies: [] });
  }
  return out;
}

/** Column names (and group names) of a header row, matched to the template's columns. */
function headerMatches(
  rows: readonly RawRow[],
  columns: LabelMatcher<ColumnSpec>,
  words: LabelMatcher<{ label: string }> | null,
  n: number,
  out: Table,
): Map<number, number[]> {
  const positions = new Map<number, number[]>();
  const keys = columns.specs.map((c) => c.key);
  const joined = verticalNames(rows, columns);
  for (const r of rows) {
    r.cells.forEach((raw, k) => {
      if (raw.text === '' || joined.consumed.has(raw)) return;
      const c = joined.cells.get(raw) ?? raw;
      const cell = labelCell(c);
      out.headerCells.push(cell);
      const col = columns.best(cell.norm, HEADER_FLOOR);
      const word = words?.best(cell.norm, HEADER_FLOOR);
      if (col && (!word || col.score >= word.score)) {
        out.headerMatches!.push(matchOf(cell, col, col.score >= STRONG));
        if (keepsPlaces(r)) {
          const j = keys.indexOf(col.spec.key);
          if (j >= 0 && j < n) positions.set(j, [...(positions.get(j) ?? []), k]);
        }
      } else if (word && word.score < 1 && !cell.norm.startsWith('（本列数据')) {
        out.headerMatches!.push(matchOf(cell, word, word.score >= STRONG));
      }
    });
  }
  return positions;
}

/**
 * Column names a narrow header wraps onto the next header line at the same place (`商业 | 科研 |` over
 * `企业 | 机构 |`): a name only the two halves together make is one cell spanning both lines.
 */
function verticalNames(rows: readonly RawRow[], columns: LabelMatcher<ColumnSpec>): { cells: Map<RawCell, RawCell>; consumed: Set<RawCell> } {
  const cells = new Map<RawCell, RawCell>();
  const consumed = new Set<RawCell>();
  for (let i = 0; i + 1 < rows.length; i++) {
    const [upper, lower] = [rows[i], rows[i + 1]];
    if (!isPositional(upper) || !isPositional(lower)) continue;
    upper.cells.forEach((a, k) => {
      const b = lower.cells[k];
      if (!b || a.text === '' || b.text === '' || consumed.has(a) || isValueLike(a.text) || isValueLike(b.text)) return;
      if (columns.best(labelCell(a).norm, 1) || columns.best(labelCell(b).norm, 1)) return;
      const whole: RawCell = { text: a.text + b.text, range: { start: a.range.start, end: b.range.end }, norm: undefined };
      if (!columns.best(labelCell(whole).norm, 1)) return;
      cells.set(a, whole);
      consumed.add(b);
    });
  }
  return { cells, consumed };
}

// ---------------------------------------------------------------------------------------------
// Alignment of label tokens with template rows

interface Token {
  row: number;
  cell: LabelCell;
  /** The cell written again in the next positions (a repeated merged cell). */
  copies?: RawCell[];
  /** The row's own (most specific) label. */
  last: boolean;
  /** One of two labels written in one cell (`（三）不予公开 1.属于国家秘密`): the cell is no variant to rename. */
  part?: boolean;
}

/** Group labels of table 三 (both formats), normalised: a cell may start with one before its row's label. */
const T3_GROUP_NORMS = [...new Set(VERSIONS.flatMap((v) => TEMPLATES[v].t3Rows.filter((r) => r.kind === 'group').map((r) => normalizeLabel(r.label))))];

/** A group's numbering and words, then a row's ordinal: `（四）无法信提供1.本机关…` (normalised). */
const GROUP_THEN_ROW = /^([（(][一二三四五六七八九十]{1,2}[)）][^\d（(]{2,12}?)\d{1,2}[.、．]/;

/** The group label a cell starts with, exactly or with one character added, dropped or changed. */
function leadingGroup(norm: string): string | undefined {
  const exact = T3_GROUP_NORMS.find((g) => norm.length > g.length + 1 && norm.startsWith(g));
  if (exact) return exact;
  const m = GROUP_THEN_ROW.exec(norm);
  if (m && T3_GROUP_NORMS.some((g) => editDistance(m[1], g, 2) <= 1)) return m[1];
  // A group label with a character added, dropped or changed, then (after a separator) a row's own label:
  // `三、信年度办理结果 - （一）予以公开`, a path written in one cell.
  for (const g of T3_GROUP_NORMS) {
    for (const len of [g.length, g.length - 1, g.length + 1]) {
      if (norm.length < len + 2 || !ROW_OPENER.test(norm.slice(len).replace(PATH_SEPARATORS, ''))) continue;
      if (editDistance(norm.slice(0, len), g, 2) <= 1) return norm.slice(0, len);
    }
  }
  return undefined;
}

/** How a row's own label opens: `（一）`, `1.`. */
const ROW_OPENER = /^(?:[（(][一二三四五六七八九十]{1,2}[)）]|\d{1,2}[.、．])/;

/** The tokens of one label cell: itself, or a group label and the row's label written in one cell. */
function labelTokens(row: number, c: RawCell, last: boolean, out: Token[], copies?: RawCell[]): void {
  const cell = labelCell(c);
  let rest = cell.norm;
  // A row's whole path in one cell (`三、本年度办理结果 （三）不予公开 1.属于国家秘密`, one label column): each
  // group label in turn, then the row's own.
  for (let group = leadingGroup(rest); group; group = leadingGroup(rest)) {
    out.push({ row, cell: { text: c.text, norm: group, range: c.range }, last: false, part: true });
    rest = rest.slice(group.length).replace(PATH_SEPARATORS, '');
  }
  if (rest === cell.norm) out.push({ row, cell, last, copies });
  else out.push({ row, cell: { text: c.text, norm: rest, range: c.range }, last, part: true });
}

/** What joins the labels of a path written in one cell, once normalised (`/`, `-`, `>`, `·`, `：`). */
const PATH_SEPARATORS = /^[/／\\\-－—>＞»·•:：|｜]+/;

interface Aligned<S> {
  /** Per token: the template spec and score, or null. */
  specs: (Scored<S> | null)[];
  /** Per token: placed by its neighbours rather than its words (a gap of one row on either side). */
  byPosition: boolean[];
}

/**
 * Aligns label tokens with the template's entries in order (the matcher's). `allowed(token, spec)` says
 * whether a token may stand for an entry at all (a row's own label for data rows, any label for groups).
 */
function alignTokens<S extends { key: string; label: string }>(
  tokens: readonly Token[],
  matcher: LabelMatcher<S>,
  allowed: (t: Token, s: S) => boolean,
): Aligned<S> {
  const entries = matcher.specs;
  const at = (s: S) => matcher.indexOf(s);
  const cands: Candidate[][] = [];
  const scored: Scored<S>[][] = [];
  for (const t of tokens) {
    const list: Scored<S>[] = [];
    const gains: Candidate[] = [];
    for (const c of matcher.candidates(t.cell.norm)) {
      if (!allowed(t, c.spec)) continue;
      list.push(c);
      if (c.score > GAIN_OFFSET) gains.push({ j: matcher.indexOf(c.spec), score: c.score - GAIN_OFFSET });
    }
    scored.push(list);
    cands.push(gains);
  }
  const match = alignMonotone(tokens.length, entries.length, cands);
  const specs: (Scored<S> | null)[] = new Array(tokens.length);
  const byPosition: boolean[] = new Array(tokens.length).fill(false);
  for (let i = 0; i < tokens.length; i++) {
    const j = match[i];
    specs[i] = j >= 0 ? scored[i].find((c) => matcher.indexOf(c.spec) === j)! : null;
  }
  // A row between two placed neighbours, with one template row free between theirs: that row, when
  // its words share enough with it (`重申` for `2.重复申请`), rather than one row extra and one missing.
  const used = new Set<number>();
  specs.forEach((s) => s && used.add(at(s.spec)));
  let prevTok = -1;
  let prevEntry = -1;
  for (let i = 0; i <= tokens.length; i++) {
    if (i < tokens.length && !(specs[i] && tokens[i].last)) continue;
    const nextEntry = i < tokens.length ? at(specs[i]!.spec) : entries.length;
    const gapTokens: number[] = [];
    for (let k = prevTok + 1; k < i; k++) if (tokens[k].last && !specs[k]) gapTokens.push(k);
    const gapEntries: number[] = [];
    if (gapTokens.length > 0) for (let j = prevEntry + 1; j < nextEntry; j++) if (!used.has(j) && allowed(tokens[gapTokens[0]], entries[j])) gapEntries.push(j);
    if (gapTokens.length > 0 && gapTokens.length === gapEntries.length) {
      gapTokens.forEach((k, q) => {
        const e = entries[gapEntries[q]];
        const a = stripOrdinal(tokens[k].cell.norm);
        const b = stripOrdinal(normalizeLabel(e.label));
        const shared = commonSubsequence(a, b);
        if (!allowed(tokens[k], e) || shared < 2 || shared < 0.4 * Math.min(b.length, 12)) return;
        specs[k] = { spec: e, score: 0.5, how: 'wording' };
        byPosition[k] = true;
        used.add(gapEntries[q]);
      });
    }
    if (i < tokens.length) {
      prevTok = i;
      prevEntry = nextEntry;
    }
  }
  // A weak match is still placed with confidence when its neighbours leave it no other template row.
  const lastMatched = tokens.map((t, i) => (t.last && specs[i] ? at(specs[i]!.spec) : -1));
  // The nearest matched entry before and after each token, in two linear passes (a table of thousands of
  // unmatched rows must not be walked once per row).
  const matchedBefore = new Array<number>(tokens.length);
  for (let i = 0, seen = -1; i < tokens.length; i++) {
    matchedBefore[i] = seen;
    if (lastMatched[i] !== -1) seen = lastMatched[i];
  }
  const matchedAfter = new Array<number>(tokens.length);
  for (let i = tokens.length - 1, seen = entries.length; i >= 0; i--) {
    matchedAfter[i] = seen;
    if (lastMatched[i] !== -1) seen = lastMatched[i];
  }
  tokens.forEach((t, i) => {
    const s = specs[i];
    if (!t.last || !s || s.score >= CONFIDENT || byPosition[i]) return;
    const j = at(s.spec);
    const before = matchedBefore[i];
    const after = matchedAfter[i];
    let free = 0;
    for (let e = before + 1; e < after; e++) if (e !== j && !used.has(e) && allowed(t, entries[e])) free++;
    if (free === 0) byPosition[i] = true;
  });
  return { specs, byPosition };
}

/** Unplaced rows whose words are clearly a template row nobody took: that row, out of order (a swap). */
function swaps<S extends { label: string }>(tokens: readonly Token[], aligned: Aligned<S>, matcher: LabelMatcher<S>, isData: (s: S) => boolean): Set<number> {
  const used = new Set(aligned.specs.filter((s) => s).map((s) => s!.spec));
  const out = new Set<number>();
  tokens.forEach((t, i) => {
    if (!t.last || aligned.specs[i]) return;
    const best = matcher.best(t.cell.norm, 0.9);
    if (!best || used.has(best.spec) || !isData(best.spec)) return;
    aligned.specs[i] = best;
    used.add(best.spec);
    out.add(i);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Table 三

interface Parsed {
  table: Table;
  /** How well the rows fit: matched rows and placed values, minus rows that fit nothing. */
  score: number;
  /** Version-specific rows or labels found. */
  signals: number;
}

/** Is this row where the data of table 三 begins (numbers, or a label that is clearly a row)? */
function startsT3Data(r: RawRow, m: Matchers): boolean {
  if (anyValue(r)) return true;
  for (const c of r.cells) {
    if (c.text === '') continue;
    const norm = normalizeLabel(c.text);
    if (m.t3Columns.best(norm, HEADER_FLOOR) || T3_HEADER_WORDS.best(norm, HEADER_FLOOR) || norm.startsWith('（本列数据')) continue;
    const row = m.t3Rows.best(norm, STRONG);
    if (row) return true;
  }
  return false;
}

/** A row of column names only (a header repeated after a page break): not a row of the table. */
function isHeaderRow(r: RawRow, columns: LabelMatcher<{ label: string }>, words: LabelMatcher<{ label: string }> | null): boolean {
  if (anyValue(r)) return false;
  let names = 0;
  for (const c of r.cells) {
    if (c.text === '') continue;
    const norm = normalizeLabel(c.text);
    if (columns.best(norm, HEADER_FLOOR) || words?.best(norm, HEADER_FLOOR)) names++;
    else return false;
  }
  return names >= 2;
}

/** What reading table 三 needs that does not depend on the template version: done once per table. */
interface T3Prep {
  headerRows: TableRow[];
  headerCells: LabelCell[];
  headerMatches: LabelMatch[];
  body: RawRow[];
  placements: Placement[];
  tokens: Token[];
  /** Rows of column names only inside the body (a header repeated after a page break). */
  headerAgain: Set<number>;
}

/**
 * How table 四's values read in groups of five (总计 last) weigh: `bad`, the groups whose 总计 its results
 * contradict (below the sum of those known, or other than the sum of all four); `good`, those whose written
 * results add up to it, above 0 (0 = 0 confirms no reading).
 */
function t4Weight(values: readonly RawCell[]): { bad: number; good: number } {
  let bad = 0;
  let good = 0;
  for (let g = 0; g + 5 <= values.length; g += 5) {
    const total = parseValue(values[g + 4].text);
    if (total.kind !== 'number') continue;
    let sum = 0;
    let unknown = 0;
    for (let k = g; k < g + 4; k++) {
      const v = parseValue(values[k].text);
      if (v.kind === 'number') sum += v.number!;
      else unknown++;
    }
    if (sum > total.number! || (unknown === 0 && sum !== total.number)) bad++;
    else if (unknown < 4 && sum === total.number && sum > 0) good++;
  }
  return { bad, good };
}

/**
 * A row of one cell per line less its empty places that are artefacts, where it keeps `n` places at least
 * (placeRow drops artefacts by position only in positional rows, whose widths agree by construction).
 */
function withoutArtefacts(row: RawRow, artefacts: ReadonlySet<number>, n: number): RawRow {
  if (isPositional(row) || !keepsPlaces(row) || artefacts.size === 0) return row;
  const cells = row.cells.filter((c, k) => c.text !== '' || !artefacts.has(k));
  return cells.length >= n && cells.length < row.cells.length ? { ...row, cells } : row;
}

/**
 * Table 四's artefacts with the value row's last empty places where every row of result names ends with as
 * many empty places after its last name: an empty merged column after the table, written in the header and
 * the values alike (the last column is never covered by a cell spanning rows). In TSV and markdown this
 * says more than places empty in every row where a header written without its spans puts its names at
 * other places than the values'. At most as many as the row has places too many.
 */
function withTrailingEmpty(artefacts: ReadonlySet<number>, row: RawRow, resultRows: readonly RawRow[], headerRows: readonly RawRow[], n: number): ReadonlySet<number> {
  if (!keepsPlaces(row) || resultRows.length === 0) return artefacts;
  // A header written with its spans says otherwise where its last group's places end its row: the last
  // place is that group's (a row of result names lacking its leading places ends early).
  if (isPositional(row) && headerRows.some(groupSpanEndsRow)) return artefacts;
  const emptyAtEnd = (r: RawRow) => {
    let k = 0;
    while (k < r.cells.length && r.cells[r.cells.length - 1 - k].text === '') k++;
    return k;
  };
  const count = Math.min(row.cells.length - n, emptyAtEnd(row), ...resultRows.map(emptyAtEnd));
  if (count <= 0) return artefacts;
  const out = new Set(artefacts);
  for (let k = row.cells.length - count; k < row.cells.length; k++) out.add(k);
  return out;
}

/** A column named in one cell with its group (`未经复议直接起诉总计`, a header of one row): no variant of either. */
const COMPOUND_T4_NAMES = new Set(
  T4_GROUP_LABELS.flatMap((g) => [g.label, ...(g.aliases ?? [])]).flatMap((g) => T4_LEAF_LABELS.map((l) => normalizeLabel(g + l))),
);

/** A TSV or markdown row whose last word names a group and is followed by exactly the rest of that group's places. */
function groupSpanEndsRow(r: RawRow): boolean {
  if (!isPositional(r)) return false;
  let last = r.cells.length - 1;
  while (last >= 0 && r.cells[last].text === '') last--;
  if (last < 0) return false;
  const g = T4_GROUPS.best(labelCell(r.cells[last]).norm, HEADER_FLOOR);
  return g !== null && r.cells.length - last === (g.spec.group === null ? 10 : 5);
}

/**
 * Table 四's artefacts with the empty places a row of result names has between two of its names, where the
 * value row has places too many: an empty merged column there. A row as wide as the values and filled to
 * its end says so place for place. Otherwise its first names, followed by a group's name, are the row under
 * 行政复议 and start where the table does (a place between them and that name is a gap too), whether they
 * open the row or follow the words of a header row run on into it; its names after its last other word,
 * ending the row, end where the table does (the row under 行政诉讼, written with or without the places
 * 行政复议's names cover; the last column is never covered by a cell spanning rows); ten names alone opening
 * a row padded at its end are that row written without those places, starting where the first row's group
 * names do. Only where each such place is empty in
 * the value row and they are no more than its places too many. The places empty in every row stay with
 * them unless together they are too many (header rows shorter than the values leave places "empty" that
 * are columns).
 */
function withHeaderGaps(artefacts: ReadonlySet<number>, row: RawRow, resultRows: readonly RawRow[], n: number): ReadonlySet<number> {
  const spare = row.cells.length - n;
  if (!keepsPlaces(row) || spare <= 0) return artefacts;
  const gaps = new Set<number>();
  const read = resultRows.map((r) => {
    const names: number[] = [];
    let groupAfter = -1;
    let lastWord = -1;
    r.cells.forEach((c, k) => {
      if (c.text === '') return;
      const norm = normalizeLabel(c.text);
      if (T4_LEAVES.best(norm, HEADER_FLOOR)) names.push(k);
      else {
        lastWord = k;
        if (names.length > 0 && groupAfter === -1 && T4_GROUPS.best(norm, HEADER_FLOOR)) groupAfter = k;
      }
    });
    let opens = names.length > 0;
    for (let k = 0; opens && k < names[0]; k++) if (r.cells[k].text === '') opens = false;
    return { r, names, groupAfter, lastWord, opens };
  });
  // Where 行政诉讼's columns start: after 行政复议's places, gaps included, as the first row of names shows.
  const head = read.find((x) => x.names.length >= 5 && x.opens && x.groupAfter !== -1);
  const litigationAt = head ? head.groupAfter - head.names[0] : -1;
  for (const { r, names, groupAfter, lastWord, opens } of read) {
    if (names.length < 5) continue;
    const last = names[names.length - 1];
    // (from, to, where the row's place `from` sits in the value row): empty places strictly between are gaps.
    const spans: [number, number, number][] = [];
    // As wide as the values and filled to its end (not padded there): place for place.
    if (r.cells.length === row.cells.length && r.cells[r.cells.length - 1].text !== '') spans.push([names[0], groupAfter > last ? groupAfter : last, names[0]]);
    else {
      // The first names, before a group's name, opening the row or after the words of a header row run on.
      if (opens && groupAfter !== -1) spans.push([names[0], groupAfter, 0]);
      // The names after the row's last other word, ending it.
      const tail = names.find((k) => k > lastWord);
      if (tail !== undefined && last === r.cells.length - 1) spans.push([tail, last, tail - (r.cells.length - row.cells.length)]);
      // Ten names alone opening a row padded at its end: the row under 行政诉讼 written without the places
      // 行政复议's names cover, starting where the first row's group names do.
      else if (names[0] === 0 && lastWord === -1 && names.length === 10 && litigationAt > 0) spans.push([0, last, litigationAt]);
    }
    for (const [from, to, at0] of spans) {
      for (let k = from + 1; k < to; k++) {
        if (r.cells[k].text !== '') continue;
        const at = at0 + (k - from);
        if (at < 0 || at >= row.cells.length || row.cells[at].text !== '') return artefacts;
        gaps.add(at);
      }
    }
  }
  if (gaps.size === 0) return artefacts;
  const out = new Set([...artefacts, ...gaps]);
  let empty = 0;
  for (const k of out) if (k < row.cells.length && row.cells[k].text === '') empty++;
  return empty <= spare ? out : gaps.size <= spare ? gaps : artefacts;
}

/** At most this many places too many in table 四's row are weighed one against another. */
const T4_SPARE_WEIGHED = 2;

/**
 * Table 四's row with empty places to spare and no header positions: the default (spare places dropped
 * from the end) unless it contradicts a group's 总计 where dropping other empty places contradicts fewer
 * (an empty merged column inside the row, a blank 总计 at its end). A row whose empty places are all
 * artefacts by position, though some must be blank values, is read the way most 总计 add up. Among equals
 * the first way stays.
 */
function lessContradicted(p: Placement, n: number): Placement {
  const spare = p.zone.length - n;
  if (spare <= 0 || spare > T4_SPARE_WEIGHED) return p;
  if (!p.values && p.zone.filter((c) => c.text !== '').length > n) return p;
  let best = p.values;
  let weight = best ? t4Weight(best) : null;
  if (weight && weight.bad === 0) return p;
  const empties: number[] = [];
  for (let k = p.zone.length - 1; k >= 0; k--) if (p.zone[k].text === '') empties.push(k);
  const weigh = (drop: ReadonlySet<number>) => {
    const values = p.zone.filter((_, k) => !drop.has(k));
    const w = t4Weight(values);
    if (!weight || w.bad < weight.bad || (!p.values && w.bad === weight.bad && w.good > weight.good)) [best, weight] = [values, w];
  };
  for (let a = 0; a < empties.length; a++) {
    if (spare === 1) weigh(new Set([empties[a]]));
    else for (let b = a + 1; b < empties.length; b++) weigh(new Set([empties[a], empties[b]]));
  }
  return best === p.values || !best ? p : { ...p, values: best, problem: undefined };
}

/** Does a placement of table 三's seven values make sense: a 总计 that adds up (1), or nothing to tell (0)? */
function rowTotalAddsUp(values: readonly RawCell[]): number {
  const total = parseValue(values[values.length - 1].text);
  if (total.kind !== 'number') return 0;
  let sum = 0;
  for (let k = 0; k < values.length - 1; k++) {
    const v = parseValue(values[k].text);
    if (v.kind === 'number') sum += v.number!;
    else if (v.kind === 'invalid') return 0;
  }
  return sum === total.number && sum > 0 ? 1 : 0;
}

/**
 * Where table 三's values start after a row's last label, by the label's level, in the official layout
 * (three label columns): 一、/二、/四、 span all three, a （一） row the last two, a numbered sub-row the last.
 */
const T3_LABEL_GAPS: ReadonlyMap<number, number> = new Map([
  [1, 3],
  [2, 2],
  [3, 1],
]);

function prepareT3(raw: RawRow[]): T3Prep {
  // Columns and header words are the same in both formats; rows differ only in （六）.
  const m = matchersOf(TEMPLATES['2021']);
  const n = TEMPLATES['2021'].t3Columns.length;
  let h = 0;
  while (h < raw.length && !startsT3Data(raw[h], m)) h++;
  const isName = (c: LabelCell) => !!(m.t3Columns.best(c.norm, HEADER_FLOOR) || T3_HEADER_WORDS.best(c.norm, HEADER_FLOOR));
  const header = raw.slice(0, h).map((r) => spacedHeader(r, (cells) => cells.every(isName)));
  const scratch = emptyTable('三', null);
  const found = headerMatches(header, m.t3Columns, T3_HEADER_WORDS, n, scratch);
  const headerRows: TableRow[] = [];
  for (const r of header) if (hasText(r)) headerRows.push(headerRow(r.cells.filter((c) => c.text !== '').map(labelCell), r));
  const body = raw.slice(h).filter(hasText);
  const positional = header.some(hasText) && header.every((r) => !hasText(r) || isPositional(r));
  const layout = layoutFromHeader(found, n, positional) ?? layoutFromRows(body, n);
  const placements = placeRows(body, n, layout, emptyPositions(raw), rowTotalAddsUp, T3_LABEL_GAPS);
  const tokens: Token[] = [];
  const headerAgain = new Set<number>();
  body.forEach((r, i) => {
    if (isHeaderRow(r, m.t3Columns, T3_HEADER_WORDS)) {
      headerAgain.add(i);
      return;
    }
    const labels = distinctLabels(placements[i].labels);
    labels.forEach((l, k) => labelTokens(i, l.cell, k === labels.length - 1, tokens, l.copies));
  });
  return { headerRows, headerCells: scratch.headerCells, headerMatches: scratch.headerMatches!, body, placements, tokens, headerAgain };
}

function readT3(raw: RawRow[], t: Template, memo: Memo): Parsed {
  const table = emptyTable('三', t.version);
  const m = matchersOf(t);
  const n = t.t3Columns.length;
  const { headerRows, headerCells, headerMatches: hm, body, placements, tokens, headerAgain } = (memo.t3 ??= prepareT3(raw));
  for (const r of headerRows) table.rows.push(r);
  table.headerCells = headerCells.slice();
  table.headerMatches = hm;
  const rowHasValues = (i: number) => placements[i].zone.some((c) => c.text !== '');
  const aligned = alignTokens(tokens, m.t3Rows, (tok, spec) => spec.kind === 'group' || tok.last);
  const swapped = swaps(tokens, aligned, m.t3Rows, (s) => s.kind !== 'group');

  let group: string | undefined;
  let signals = 0;
  let score = 0;
  let k = 0;
  body.forEach((r, i) => {
    const p = placements[i];
    const rowTokens: number[] = [];
    while (k < tokens.length && tokens[k].row === i) rowTokens.push(k++);
    if (headerAgain.has(i)) {
      for (const c of r.cells) if (c.text !== '') table.headerCells.push(labelCell(c));
      table.rows.push(headerRow(p.labels.map(labelCell), r));
      return;
    }
    const labelMatches: LabelMatch[] = [];
    let own: Scored<RowSpec> | null = null;
    for (const ti of rowTokens) {
      const s = aligned.specs[ti];
      if (!s) continue;
      labelMatches.push(matchOf(tokens[ti].cell, s, s.score >= CONFIDENT || aligned.byPosition[ti], tokens[ti].part, tokens[ti].copies));
      if (s.spec.kind === 'group') group = s.spec.key === 'results' ? undefined : s.spec.key;
      else if (s.spec.group === undefined) group = undefined;
      if (tokens[ti].last) own = s;
    }
    const lc = p.labels.map(labelCell);
    const base = { labelCells: lc, line: r.line, range: rowRange(r), labelMatches, placement: p.values ? undefined : p.problem };
    const { cells, aligned: placed } = valueCells(p, t.t3Columns);
    const values = rowHasValues(i);
    if (own && own.spec.kind === 'group') {
      // A row's label taken for a value (`三、本年度办理结果` / `（一）予以公开` / six numbers, its 总计 cut off by
      // a blank line) is no subtotal: recomputing one would write over the numbers of another row.
      if (values && cells.some((c) => c.text !== '' && !isValueLike(c.text))) {
        table.rows.push(makeRow(base, 'extra', null, own.spec.label, cells, n, placed, own.spec.key));
        return;
      }
      if (values) {
        // A group label carrying values is an author's subtotal row (T3-SUB).
        table.rows.push(makeRow(base, 'extra', `${own.spec.key}.subtotal`, own.spec.label, cells, n, placed, own.spec.key));
        if (own.spec.key === 'other' && t.version === '2021') signals--;
      } else {
        table.rows.push(makeRow(base, 'group', own.spec.key, own.spec.label, [], 0, true, own.spec.key));
      }
      return;
    }
    if (own) {
      const spec = own.spec;
      if (spec.key.startsWith('other.')) signals++;
      // The 2019 format's single （六） row: with values, or blank but with no numbered sub-rows after it.
      if (spec.key === 'other' && (values || !/^\s*\d/.test(placements[i + 1]?.labels[0]?.text ?? ''))) signals++;
      score += placed ? 2 : 1;
      const outOfOrder = rowTokens.some((ti) => swapped.has(ti));
      table.rows.push(makeRow(base, 'data', spec.key, spec.label, cells, n, placed, spec.group, undefined, outOfOrder));
      return;
    }
    const label = lc.length > 0 ? lc[lc.length - 1].text : '';
    const subtotal = /^(小计|合计)$/.test(lc[lc.length - 1]?.norm ?? '') && group;
    if (values) score--;
    table.rows.push(makeRow(base, values ? 'extra' : 'unknown', subtotal ? `${group}.subtotal` : null, label, cells, n, placed, group));
  });
  return { table, score, signals };
}

/** Some cell of the row names one of table 四's groups or results (a header row, not prose after the table). */
function namesT4Column(r: RawRow): boolean {
  return r.cells.some((c) => c.text !== '' && (T4_GROUPS.best(labelCell(c).norm, HEADER_FLOOR) !== null || T4_LEAVES.best(labelCell(c).norm, HEADER_FLOOR) !== null));
}

/**
 * A row of one cell per line that opens with as many empty places too many as one line holds (`|||||||||||||`,
 * the places a header row's spans cover, as web text writes them) less those places. Others as they are.
 */
function withoutSpanCover(row: RawRow, n: number): RawRow {
  const extra = row.cells.length - n;
  if (row.shape !== 'cell-per-line' || !isCoverLine(row.cells, 0, extra)) return row;
  return { ...row, cells: row.cells.slice(extra), line: row.cells[extra].range.start.line };
}

// ---------------------------------------------------------------------------------------------
// Table 四: one row of 15 values under two header levels, or chunks of five under their groups

function readT4(raw: RawRow[], t: Template, _memo: Memo): Parsed {
  const table = emptyTable('四', t.version);
  const n = t.t4Columns.length;
  const columns = t.t4Columns;
  // A row whose cells after its words are values or blank, at least one group (five) of them, is a
  // chunk of values (`行政复议` followed by five blank cells too); other rows of words are the header.
  // One cell per line keeps places too (a TAB-only line): where all its rows are as wide, a place empty in
  // every one is an empty merged column as well.
  const placed = raw.filter(keepsPlaces);
  const uniform = placed.length > 1 && placed.every((r) => r.cells.length === placed[0].cells.length);
  const artefacts = emptyPositions(raw, uniform ? keepsPlaces : undefined);
  // Rows of different widths still share their first places: one of them no row fills (a leading empty
  // column in the header rows and the values alike) is an artefact too.
  // A row of nothing but blanks (a table left blank) fills no place, so it tells none apart.
  const sharing = placed.filter(hasText);
  if (!uniform && sharing.length > 1) {
    let narrowest = Infinity;
    for (const r of sharing) narrowest = Math.min(narrowest, r.cells.length);
    const shared = emptyPositions(sharing.map((r) => ({ ...r, cells: r.cells.slice(0, narrowest) })), keepsPlaces);
    // Leading places only: further in, rows of different widths (header rows run on into one) no longer
    // share their places.
    for (let k = 0; shared.has(k); k++) artefacts.add(k);
  }
  const chunkOf = (r: RawRow): { group: number | null } | null => {
    let lastWord = -1;
    let gapBeforeWord = false;
    for (let k = 0; k < r.cells.length; k++) {
      const t = r.cells[k].text;
      if (t === '') continue;
      if (isValueLike(t)) break;
      if (lastWord >= 0 && k > lastWord + 1) gapBeforeWord = true;
      lastWord = k;
    }
    // Places after the words, less those empty in every row (an empty merged column is no cell of a group).
    let zone = 0;
    for (let k = lastWord + 1; k < r.cells.length; k++) if (!artefacts.has(k)) zone++;
    let group: number | null = null;
    for (let k = 0; k <= lastWord; k++) {
      if (r.cells[k].text === '') continue;
      const g = T4_GROUPS.best(labelCell(r.cells[k]).norm, HEADER_FLOOR);
      if (g && g.spec.group !== null) group = g.spec.group;
    }
    if (anyValue(r)) return { group };
    // Blank cells only: a row of nothing but them, or one group's name then its five (a header row of
    // group names has merged empty cells between its words).
    if (lastWord === -1) return zone >= 5 ? { group } : null;
    // Five places as written count too where a place empty in every row is one of them (a group's row
    // all blank in a table whose only other row is its header), and so does one more where the row holds
    // nothing but the group's name (an empty column a merge left: a group's name spanning its columns in
    // the header is one cell, never six; a header row of result names names every column).
    const written = r.cells.length - lastWord - 1;
    let words = 0;
    for (let k = 0; k <= lastWord; k++) if (r.cells[k].text !== '') words++;
    const fiveOrSix = (k: number) => k === 5 || (k === 6 && words === 1);
    return !gapBeforeWord && group !== null && (fiveOrSix(zone) || (zone < 5 && fiveOrSix(written))) ? { group } : null;
  };
  const leafPositions: number[] = [];
  const resultRows: RawRow[] = [];
  const headerRows: RawRow[] = [];
  let hint: number | null = null;
  const chunks: { row: RawRow; hint: number | null }[] = [];
  const chunkOfRow = raw.map(chunkOf);
  let firstHeader = -1;
  let lastHeader = -1;
  raw.forEach((r, i) => {
    if (chunkOfRow[i] || !namesT4Column(r)) return;
    if (firstHeader === -1) firstHeader = i;
    lastHeader = i;
  });
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    const chunk = chunkOfRow[i];
    // Nothing but blanks with header words still to come, more than a group's places or before any word (no
    // group named yet): the places a header row's spans cover (web text writes a bar for each), no values.
    if (chunk && i < lastHeader && !hasText(r) && (i < firstHeader || r.cells.filter((_, k) => !artefacts.has(k)).length > 6)) continue;
    if (chunk) {
      chunks.push({ row: r, hint: chunk.group ?? hint });
      continue;
    }
    if (!hasText(r)) continue;
    headerRows.push(r);
    const cells = r.cells.filter((c) => c.text !== '').map(labelCell);
    for (const c of cells) table.headerCells.push(c);
    for (const c of cells) {
      const g = T4_GROUPS.best(c.norm, HEADER_FLOOR);
      if (g && g.spec.group !== null) hint = g.spec.group;
      const leaf = T4_LEAVES.best(c.norm, HEADER_FLOOR);
      const best = leaf && (!g || leaf.score >= g.score) ? leaf : g;
      if (best && best.score < 1 && !COMPOUND_T4_NAMES.has(c.norm)) table.headerMatches!.push(matchOf(c, best, best.score >= STRONG));
    }
    if (keepsPlaces(r)) {
      // In a row of result names, every word that names no group is one (a shortened `维持` among them).
      const words = r.cells.map((c, k) => ({ k, norm: c.text === '' ? '' : normalizeLabel(c.text) })).filter((w) => w.norm !== '');
      const leaves = words.filter((w) => T4_LEAVES.best(w.norm, HEADER_FLOOR));
      const named = leaves.length >= 3 ? words.filter((w) => leaves.includes(w) || !T4_GROUPS.best(w.norm, HEADER_FLOOR)) : leaves;
      for (const w of named) leafPositions.push(w.k);
      if (leaves.length >= 3) resultRows.push(r);
    }
    table.rows.push(headerRow(cells, r));
  }
  // A row of nothing but blanks as wide as the whole table, beside rows that hold values, is a spare row
  // (an author's, or the one Word's web export adds to every table): no chunk of values.
  if (chunks.some((c) => hasText(c.row))) {
    const spare = (r: RawRow) => !hasText(r) && r.cells.filter((_, k) => !artefacts.has(k)).length >= n;
    for (let i = chunks.length - 1; i >= 0; i--) if (spare(chunks[i].row)) chunks.splice(i, 1);
  }
  if (chunks.length === 0) return { table, score: 0, signals: 0 };
  const layout = new Set(leafPositions).size === n ? [...new Set(leafPositions)].sort((a, b) => a - b) : null;
  const first = chunks[0].row;
  let cells: ValueCell[] = [];
  let aligned = false;
  let problem: 'more' | 'fewer' | undefined;
  const labels: RawCell[] = [];
  if (chunks.length === 1) {
    // As many leading places as the row has too many, empty in every row, header rows included: a column
    // before the table, no blank value; totals then weigh nothing (they would explain a wrong number away).
    let leading = 0;
    while (artefacts.has(leading)) leading++;
    const rowArtefacts = withHeaderGaps(withTrailingEmpty(artefacts, first, resultRows, headerRows, n), first, resultRows, n);
    // Places a header's spans cover, written before the values, go; the values then fill the row exactly.
    const own = withoutSpanCover(first, n);
    // The header's positions are the value row's only where the row reaches the last of them and has no
    // place after it but empty columns (a header run on in one row of its own gives positions of that row).
    const reach = layout ? layout[layout.length - 1] : -1;
    let rowLayout = layout && reach < first.cells.length ? layout : null;
    for (let k = reach + 1; rowLayout && k < first.cells.length; k++) if (!rowArtefacts.has(k)) rowLayout = null;
    const placedRow =
      own !== first
        ? placeRow(own, n, null, new Set())
        : rowLayout
          ? placeRow(first, n, rowLayout, rowArtefacts)
          : placeRow(withoutArtefacts(first, rowArtefacts, n), n, null, rowArtefacts);
    // A cover as short as the spare places weighed (`||`) may as well be an empty column and a blank value:
    // where reading it as a cover contradicts a group's 总计, the other ways are weighed too.
    const coverWeighed = own !== first && !rowLayout && placedRow.values && t4Weight(placedRow.values).bad > 0;
    const weighed = coverWeighed ? lessContradicted({ ...placeRow(withoutArtefacts(first, artefacts, n), n, null, artefacts), values: placedRow.values }, n) : null;
    const p = weighed && weighed.values !== placedRow.values
      ? weighed
      : rowLayout || own !== first || rowArtefacts !== artefacts || (isPositional(first) && leading > 0 && leading === first.cells.length - n)
        ? placedRow
        : lessContradicted(placedRow, n);
    for (const c of p.labels) labels.push(c);
    ({ cells, aligned } = valueCells(p, columns));
    problem = p.values ? undefined : p.problem;
  } else {
    // Several rows: each a whole group (5) or two (10), in the order their headers name them.
    const parts: { cells: RawCell[]; group: number | null }[] = [];
    for (const c of chunks) {
      const size = [5, 10, 15].find((s) => placeRow(withoutArtefacts(c.row, artefacts, s), s, null, artefacts).values) ?? null;
      const p = size ? placeRow(withoutArtefacts(c.row, artefacts, size), size, null, artefacts) : null;
      if (!p || !p.values) {
        problem = 'fewer';
        parts.length = 0;
        break;
      }
      for (const c of p.labels) labels.push(c);
      parts.push({ cells: p.values, group: c.hint });
    }
    const total = parts.reduce((s, p) => s + p.cells.length, 0);
    if (total === n) {
      const hinted = parts.every((p) => p.cells.length === 5 && p.group !== null) && new Set(parts.map((p) => p.group)).size === 3;
      const ordered = hinted ? [...parts].sort((a, b) => a.group! - b.group!) : parts;
      const list = ordered.flatMap((p) => p.cells);
      cells = list.map((c, k) => valueCell(c, columns[k]));
      aligned = true;
    } else {
      cells = parts.flatMap((p) => p.cells).filter((c) => c.text !== '').map((c) => valueCell(c, null));
      problem = total > n ? 'more' : 'fewer';
    }
  }
  const last = chunks[chunks.length - 1].row;
  const rowRangeAll = { start: rowRange(first).start, end: rowRange(last).end };
  table.rows.push(
    makeRow({ labelCells: labels.map(labelCell), line: first.line, range: rowRangeAll, placement: aligned ? undefined : problem ?? 'fewer' }, 'data', 'row', '', cells, n, aligned),
  );
  return { table, score: aligned ? 2 : 1, signals: 0 };
}

// ---------------------------------------------------------------------------------------------
// Table 二: stacked sub-tables, each a caption, a header row and its rows

const CAPTION_RE = /^第?二十条第?（[一二三四五六七八九十]+）项$/;

function isCaption(norm: string, m: Matchers): boolean {
  return CAPTION_RE.test(norm) || (m.t2Captions.best(norm, 0.85) !== null && norm.includes('条'));
}

function isT2Header(cells: readonly LabelCell[]): boolean {
  if (cells.length === 0) return false;
  if (INFO_HEADER.best(cells[0].norm, HEADER_FLOOR)) return true;
  return cells.length >= 2 && cells.every((c) => T2_ANY_COLUMN.best(c.norm, HEADER_FLOOR));
}

/** A following row that starts with an empty merged cell and a label: a sub-row of the row above. */
function nextIsSubRow(r: RawRow | undefined): boolean {
  return !!r && r.cells.length >= 2 && r.cells[0].text === '' && r.cells[1].text !== '' && !isValueLike(r.cells[1].text);
}

/** Rows whose values fell apart into paragraphs (`政府集中采购` / `1` / `92 万元`) are joined back. */
function absorbLooseValues(rows: readonly RawRow[], k: number, need: number, values: RawCell[]): number {
  let j = k + 1;
  while (values.filter((c) => c.text !== '').length < need && j < rows.length) {
    const r = rows[j];
    if (r.cells.length === 0 || !r.cells.every((c) => c.text === '' || isValueLike(c.text))) break;
    for (const c of r.cells) if (c.text !== '') values.push(c);
    j++;
  }
  return j - 1;
}

function t2Signals(t: Template): Set<string> {
  const own = new Set<string>();
  for (const sub of t.t2) {
    own.add(normalizeLabel(sub.caption));
    for (const c of sub.columns) own.add(normalizeLabel(c.label));
    for (const r of sub.rows) own.add(normalizeLabel(r.label));
  }
  return own;
}
const T2_SIGNALS = new Map<TemplateVersion, string[]>();
for (const v of VERSIONS) {
  const own = t2Signals(TEMPLATES[v]);
  for (const w of VERSIONS) {
    if (w === v) continue;
    const other = TEMPLATES[w].t2.flatMap((s) => [
      s.caption,
      ...s.columns.flatMap((c) => [c.label, ...(c.aliases ?? [])]),
      ...s.rows.flatMap((r) => [r.label, ...(r.aliases ?? [])]),
    ]);
    for (const o of other) own.delete(normalizeLabel(o));
  }
  T2_SIGNALS.set(v, [...own]);
}

/**
 * A header line as PDF text gives it (`信息内容 本年制发件数 本年废止件数 现行有效件数`, one text cell):
 * its words as cells, when they make a header line; the row as it is otherwise.
 */
function spacedHeader(r: RawRow, isHeader: (cells: LabelCell[]) => boolean): RawRow {
  const c = r.cells[0];
  if (r.shape !== 'text' || r.cells.length !== 1 || c.range.end.line !== c.range.start.line || !/[ \u3000]/.test(c.text)) return r;
  const cells: RawCell[] = [];
  for (const m of c.text.matchAll(/[^ \u3000\u00a0]+/g)) {
    const at = c.range.start.character + m.index!;
    cells.push({ text: m[0], range: range(c.range.start.line, at, at + m[0].length), norm: undefined });
  }
  return cells.length >= 2 && !cells.some((x) => isValueLike(x.text)) && isHeader(cells.map(labelCell)) ? { ...r, cells } : r;
}

const NO_POSITIONS: ReadonlySet<number> = new Set();

/**
 * A row with more values than columns in a table that repeats its merged cells: placed without the
 * copies the header's spans show, else without every run of equal adjacent cells; null if neither fits.
 */
function withoutRepeatedMerges(r: RawRow, need: number, copies: ReadonlySet<number> | null): Placement | null {
  for (const alt of copies ? [withoutCopies(r, copies), withoutCopies(r, null)] : [withoutCopies(r, null)]) {
    if (alt === r) continue;
    const p = placeRow(alt, need, null, NO_POSITIONS);
    if (p.values) return p;
  }
  return null;
}

function readT2(rawRows: RawRow[], t: Template, _memo: Memo): Parsed {
  const raw = rawRows.map((r) => spacedHeader(r, isT2Header));
  const table = emptyTable('二', t.version);
  const m = matchersOf(t);
  const signalList = T2_SIGNALS.get(t.version)!;
  let signals = 0;
  const countSignals = (cells: readonly LabelCell[]) => {
    for (const l of cells) if (signalList.some((s) => l.norm === s || (s.length >= 5 && l.norm.startsWith(s)))) signals++;
  };

  // 1. Captions and header rows set the sub-table; the other rows are rows of it.
  type Kind = 'caption' | 'header' | 'row' | 'loose';
  const kinds: Kind[] = [];
  const subOf: (SubtableSpec | null)[] = [];
  const layouts = new Map<SubtableSpec, number[] | null>();
  let sub: SubtableSpec | null = null;
  for (const r of raw) {
    const cells = r.cells.filter((c) => c.text !== '').map(labelCell);
    if (cells.length === 0) {
      kinds.push('loose');
      subOf.push(sub);
      continue;
    }
    if (isCaption(cells[0].norm, m)) {
      const cap = m.t2Captions.best(cells[0].norm, 0.85);
      sub = cap ? cap.spec.sub : null;
      kinds.push('caption');
    } else if (!anyValue(r) && isT2Header(cells)) {
      kinds.push('header');
    } else {
      kinds.push(cells.every((c) => isValueLike(c.text)) ? 'loose' : 'row');
    }
    subOf.push(sub);
  }

  // 2. The rows' labels, aligned with the template's rows of every sub-table in order.
  const tokens: Token[] = [];
  const firstLabels = new Map<number, RawCell[]>();
  raw.forEach((r, i) => {
    if (kinds[i] !== 'row') return;
    const labels: RawCell[] = [];
    for (const c of r.cells) {
      if (isValueLike(c.text)) break;
      if (c.text !== '') labels.push(c);
    }
    const distinct = distinctLabels(labels);
    firstLabels.set(i, distinct.map((l) => l.cell));
    distinct.forEach((l, k) => tokens.push({ row: i, cell: labelCell(l.cell), last: k === distinct.length - 1, copies: l.copies }));
  });
  const aligned = alignTokens(tokens, m.t2Rows, () => true);
  const swapped = swaps(tokens, aligned, m.t2Rows, () => true);

  // 3. Column layouts per sub-table from its header row (positional flattenings).
  const artefacts = emptyPositions(raw);
  // Merged cells written into every position they span (captions and headers repeat): the header's
  // copied positions per sub-table, to read a row whose merged values repeat too.
  const copiesOf = new Map<SubtableSpec, Set<number>>();
  let repeatsMerges = false;
  raw.forEach((r, i) => {
    if ((kinds[i] !== 'header' && kinds[i] !== 'caption') || r.shape === 'text') return;
    const copies = copiedPositions(r);
    if (copies.size === 0) return;
    repeatsMerges = true;
    const s = subOf[i + 1] ?? subOf[i];
    if (kinds[i] === 'header' && s && !copiesOf.has(s)) copiesOf.set(s, copies);
  });
  raw.forEach((r, i) => {
    if (kinds[i] !== 'header' || !isPositional(r)) return;
    const s = subOf[i + 1] ?? subOf[i];
    if (!s) return;
    const cols = m.t2SubColumns.get(s)!;
    const found = new Map<number, number[]>();
    r.cells.forEach((c, k) => {
      const best = c.text === '' ? null : cols.best(normalizeLabel(c.text), HEADER_FLOOR);
      if (best) {
        const j = s.columns.indexOf(best.spec);
        found.set(j, [...(found.get(j) ?? []), k]);
      }
    });
    if (!layouts.has(s)) layouts.set(s, found.size === s.columns.length ? layoutFromHeader(found, s.columns.length) : null);
  });

  /** The next row is no template row but has values: a sub-row of this one (`行政检查` under its parent). */
  const nextIsUnplacedRowWithValues = (i: number): boolean => {
    let j = i + 1;
    while (j < raw.length && kinds[j] === 'loose' && !hasText(raw[j])) j++;
    if (j >= raw.length || kinds[j] !== 'row' || !anyValue(raw[j])) return false;
    const own = tokens.findIndex((t) => t.row === j && t.last);
    return own >= 0 && !aligned.specs[own];
  };

  // 4. Rows.
  let k = 0;
  let lastParent: string | undefined;
  let afterSubRow = false;
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    const rowTokens: number[] = [];
    while (k < tokens.length && tokens[k].row === i) rowTokens.push(k++);
    const cells = r.cells.filter((c) => c.text !== '').map(labelCell);
    const base = { labelCells: cells, line: r.line, range: rowRange(r) };
    if (kinds[i] === 'caption') {
      for (const c of cells) table.headerCells.push(c);
      countSignals(cells);
      const cap = m.t2Captions.best(cells[0].norm, 0.85);
      table.rows.push(makeRow(base, 'caption', cap?.spec.sub.key ?? null, cells[0].text, [], 0, true, cap?.spec.sub.key));
      lastParent = undefined;
      continue;
    }
    if (kinds[i] === 'header') {
      for (const c of cells) table.headerCells.push(c);
      countSignals(cells);
      const s = subOf[i + 1] ?? subOf[i];
      const cols = s ? m.t2SubColumns.get(s)! : m.t2Columns;
      for (const c of cells.slice(INFO_HEADER.best(cells[0].norm, HEADER_FLOOR) ? 1 : 0)) {
        const best = cols.best(c.norm, HEADER_FLOOR) ?? T2_ANY_COLUMN.best(c.norm, HEADER_FLOOR);
        if (best && best.score < 1) table.headerMatches!.push(matchOf(c, best, best.score >= STRONG));
      }
      table.rows.push(headerRow(cells, r));
      continue;
    }
    if (kinds[i] === 'loose') continue;
    countSignals(cells);
    const labelMatches: LabelMatch[] = [];
    let own: Scored<T2RowSpec> | null = null;
    let parent: Scored<T2RowSpec> | null = null;
    for (const ti of rowTokens) {
      const s = aligned.specs[ti];
      if (!s) continue;
      labelMatches.push(matchOf(tokens[ti].cell, s, s.score >= CONFIDENT || aligned.byPosition[ti], false, tokens[ti].copies));
      if (tokens[ti].last) own = s;
      else parent = s;
    }
    const rowSub = own?.spec.sub ?? subOf[i];
    const columns = rowSub ? rowSub.columns : null;
    const need = columns?.length ?? 3;
    const labels = firstLabels.get(i) ?? [];
    let p = placeRow(r, need, rowSub ? layouts.get(rowSub) ?? null : null, artefacts);
    if (!p.values && p.problem === 'more' && repeatsMerges) p = withoutRepeatedMerges(r, need, (rowSub && copiesOf.get(rowSub)) ?? null) ?? p;
    if (own && !p.zone.some((c) => c.text !== '')) {
      const loose: RawCell[] = [];
      const j = absorbLooseValues(raw, i, need, loose);
      if (loose.length > 0) {
        i = j;
        while (k < tokens.length && tokens[k].row <= i) k++;
        p = placeRow({ cells: [...labels, ...loose], line: r.line, endLine: raw[j].endLine, shape: 'text' }, need, null, artefacts);
      }
    }
    const { cells: vcells, aligned: placed } = valueCells(p, columns);
    const hasValues = vcells.some((c) => c.value.kind !== 'blank');
    const rowBase = { labelCells: p.labels.map(labelCell), line: r.line, range: rowRange(r), labelMatches, placement: p.values ? undefined : p.problem };
    if (own) {
      lastParent = undefined;
      afterSubRow = false;
      const spec = own.spec;
      const parentOnly = !hasValues && (nextIsSubRow(raw[i + 1]) || nextIsUnplacedRowWithValues(i));
      const outOfOrder = rowTokens.some((ti) => swapped.has(ti));
      table.rows.push(
        makeRow(rowBase, 'data', spec.key, spec.label, parentOnly ? [] : vcells, parentOnly ? 0 : need, parentOnly ? true : placed, spec.sub.key, undefined, outOfOrder),
      );
      if (parentOnly) lastParent = spec.key;
      continue;
    }
    // A row under a parent that has no values of its own (`其他对外管理服务事项` / `行政检查` / `行政确认`).
    const parentKey: string | undefined = parent?.spec.key ?? (lastParent && (r.cells[0]?.text === '' || afterSubRow) ? lastParent : undefined);
    if (parentKey) lastParent = parentKey;
    afterSubRow = parentKey !== undefined;
    const label = rowBase.labelCells[rowBase.labelCells.length - 1]?.text ?? cells[0].text;
    // A row of words only (a note, a footnote) is no extra row, and its empty cells are no blank values.
    table.rows.push(makeRow(rowBase, hasValues ? 'extra' : 'unknown', null, label, hasValues ? vcells : [], need, placed, rowSub?.key, parentKey));
  }
  const score = table.rows.reduce((s, r) => s + (r.kind === 'data' ? (r.aligned ? 2 : 1) : r.kind === 'extra' || r.kind === 'unknown' ? -1 : 0), 0);
  return { table, score, signals };
}

// ---------------------------------------------------------------------------------------------

/** Work shared by the readings of one table with each template. */
interface Memo {
  t3?: T3Prep;
}

// ---------------------------------------------------------------------------------------------
// Cells broken over lines in TAB-separated text

/** Every label and column name a table has in any format: what a cell broken over two lines may be. */
const KNOWN_LABELS: Record<TableId, () => LabelMatcher<{ label: string }>[]> = {
  二: () => [...VERSIONS.flatMap((v) => [matchersOf(TEMPLATES[v]).t2Rows, matchersOf(TEMPLATES[v]).t2Captions]), T2_ANY_COLUMN, INFO_HEADER],
  三: () => [...VERSIONS.map((v) => matchersOf(TEMPLATES[v]).t3Rows), matchersOf(TEMPLATES['2021']).t3Columns, T3_HEADER_WORDS],
  四: () => [T4_LEAVES, T4_GROUPS],
};

function knownScore(matchers: readonly LabelMatcher<{ label: string }>[], text: string): number {
  const norm = normalizeLabel(text);
  // A closed note after a name (`采购总金额（万元，保留四位小数）`) leaves the name; an open one is a broken cell.
  const named = norm.replace(/（[^（）]*）$/, '');
  let best = 0;
  for (const m of matchers) {
    best = Math.max(best, m.best(norm)?.score ?? 0);
    if (named !== norm && named.length >= 2) best = Math.max(best, m.best(named)?.score ?? 0);
  }
  return best;
}

function blankField(line: number): RawCell {
  return { text: '', range: range(line, 0, 0), norm: undefined };
}

/** Two texts on either side of a line break are one cell: together a label of the table that neither is alone. */
function joinsAcrossBreak(matchers: readonly LabelMatcher<{ label: string }>[], a: string, b: string): boolean {
  const whole = knownScore(matchers, a + b);
  if (whole < STRONG) return false;
  const before = knownScore(matchers, a);
  const after = knownScore(matchers, b);
  // The tail may be a label's words without its ordinal (`（三）` / `不予公开`): then only the whole is exact.
  const tailIsNoLabel = after < STRONG && whole > after + 0.2;
  // A note alone (`（单位：万元）`) ends the name above it, whatever that name scores alone; a note that
  // is a cell of its own (table 三's corner `（本列数据的勾稽关系为：…）` opening the next header line) does not.
  // A note that is most of one label (`（二）部分公开` / `（区分处理的，只计这一情形，不计其他情形）`) scores high
  // alone, but only the two together are that label exactly.
  const note = /^（[^（）]*）$/.test(normalizeLabel(b));
  const noteOnly = note && (after < STRONG || (whole === 1 && after < 1));
  return (before < 1 && whole >= before && (tailIsNoLabel || (whole === 1 && after < 1))) || noteOnly;
}

/**
 * TAB-separated text of a Word table whose cell holds several paragraphs has the row broken where the
 * cell breaks: `（二）部分公开（区分处理的，` / `只计这一情形，不计其他情形）⇥1⇥0…`. Two adjacent lines are
 * one row when the text across the break is a label of this table that neither side is on its own.
 * Lines without such evidence stay apart (a group label on its own line, a spanning sub-heading).
 */
function rejoinBrokenCells(id: TableId, raw: RawRow[]): RawRow[] {
  const matchers = KNOWN_LABELS[id]();
  const out: RawRow[] = [];
  for (const r of raw) {
    const prev = out[out.length - 1];
    // `⇥（二）部分公开（…，` reads as one cell per line; in a TAB-separated table it is a row's first fields.
    const head = prev?.shape === 'cell-per-line' ? (prev.cells.length === 1 ? [blankField(prev.line), prev.cells[0]] : null) : prev?.cells;
    const a = head?.[head.length - 1];
    const b = r.cells[0];
    if (
      prev &&
      head &&
      a &&
      b &&
      r.line === prev.endLine + 1 &&
      prev.shape !== 'markdown' &&
      r.shape !== 'markdown' &&
      r.shape !== 'cell-per-line' &&
      a.text !== '' &&
      b.text !== '' &&
      !isValueLike(a.text) &&
      !isValueLike(b.text)
    ) {
      if (joinsAcrossBreak(matchers, a.text, b.text)) {
        const joined: RawCell = { text: a.text + b.text, range: { start: a.range.start, end: b.range.end }, norm: undefined };
        out[out.length - 1] = { cells: [...head.slice(0, -1), joined, ...r.cells.slice(1)], line: prev.line, endLine: r.endLine, shape: 'tsv' };
        continue;
      }
    }
    out.push(r);
  }
  return out;
}

const READERS: Record<TableId, (raw: RawRow[], t: Template, memo: Memo) => Parsed> = { 二: readT2, 三: readT3, 四: readT4 };
/** Tables whose structure is the same in every format: read once. */
const SAME_IN_EVERY_FORMAT = new Set<TableId>(['四']);

/** Reads the table of section `id` in lines [from, to] with the template that fits it best. */
export function readTable(id: TableId, lines: readonly Line[], from: number, to: number, byYear: TemplateVersion | null): Table | null {
  // A section may hold a table of the author's own beside the template's (`本年度收到申请的方式如下表：`
  // and a small table): each block of rows between such sentences is read, and the one that reads most
  // like the template's table is it.
  // Only blocks that look like table rows can be a table of their own; most sections have one. A section
  // far longer than any template table (a generated or pasted giant) is read whole.
  // pandas' column and row numbers would make blocks of their own: the table is read whole, without them.
  if (to - from > BLOCKS_MAX_LINES || numberedByPandas(lines, from, to)) return readRegion(id, lines, from, to, byYear);
  const blocks = tableBlocks(lines, from, to).filter(([a, b]) => rowsLike(lines, a, b));
  if (blocks.length <= 1) return readRegion(id, lines, from, to, byYear);
  // A block whose rows hold values but none of the template's rows is another table: read around it (its
  // lines as blank, so every position stays). The template's table may itself be split (a page break).
  const foreign = blocks.filter(([a, b]) => {
    const t = readRegion(id, lines, a, b, byYear);
    return t !== null && t.rows.some((r) => r.cells.length > 0) && !t.rows.some((r) => r.kind === 'data' && r.aligned);
  });
  if (foreign.length === 0) return readRegion(id, lines, from, to, byYear);
  const masked = lines.slice();
  for (const [a, b] of foreign) for (let i = a; i <= b; i++) masked[i] = { ...lines[i], text: '' };
  return readRegion(id, masked, from, to, byYear);
}

/** The region's first pipe or TAB rows open with column numbers, or with row numbers (see withoutIndexArtefacts). */
function numberedByPandas(lines: readonly Line[], from: number, to: number): boolean {
  const firsts: string[] = [];
  for (let i = from; i <= to && firsts.filter((f) => f !== '').length < 4; i++) {
    const t = lines[i].text;
    if (t.includes('|')) {
      const cells = t.trim().replace(/^\|/, '').split('|').map((c) => c.trim());
      if (cells.every((c) => /^:?-+:?$/.test(c) || c === '')) continue;
      if (firsts.length === 0 && countsUp(cells[0] === '' ? cells.slice(1, -1) : cells.slice(0, -1).filter((c, k) => k > 0 || c !== ''))) return true;
      firsts.push(cells[0]);
    } else if (t.includes('\t')) {
      const cells = t.split('\t').map((c) => c.trim());
      if (firsts.length === 0 && countsUp(cells[0] === '' ? cells.slice(1) : cells)) return true;
      firsts.push(cells[0]);
    }
  }
  let headed = 0;
  while (headed < firsts.length && firsts[headed] === '') headed++;
  const rest = firsts.slice(headed);
  return countsUp(rest) || (headed >= 1 && rest.length === 1 && rest[0] === '0');
}

/** Table 三 one cell per line, with its header and a note, is ~400 lines. */
const BLOCKS_MAX_LINES = 600;

/** Some line of the block holds a TAB, a bar, or only a number: table rows, not prose alone. */
function rowsLike(lines: readonly Line[], a: number, b: number): boolean {
  for (let i = a; i <= b; i++) {
    const t = lines[i].text;
    if (t.includes('\t') || t.includes('|') || /^\s*[0-9０-９][0-9０-９,.]*\s*$/.test(t)) return true;
  }
  return false;
}

/** A sentence between tables: no TAB or bar, and it ends as a sentence or an introduction does (`。` `：`). */
function isSentence(t: string): boolean {
  // By character codes, no trimmed copy: this looks at every line of every table section.
  let end = t.length - 1;
  while (end >= 0 && (t.charCodeAt(end) === 0x20 || t.charCodeAt(end) === 0x3000 || t.charCodeAt(end) === 0xa0)) end--;
  const last = t.charCodeAt(end);
  if (last !== 0x3002 && last !== 0xff1a && last !== 0x3a) return false;
  return end >= 7 && t.indexOf('\t') === -1 && t.indexOf('|') === -1;
}

/** Runs of lines between sentences that hold something; one run when there is no sentence among rows. */
function tableBlocks(lines: readonly Line[], from: number, to: number): [number, number][] {
  const blocks: [number, number][] = [];
  let start = from;
  const close = (end: number) => {
    for (let i = start; i <= end; i++) {
      if (lines[i].text.trim() !== '') {
        blocks.push([start, end]);
        break;
      }
    }
  };
  let rowsSince = false;
  for (let i = from; i <= to; i++) {
    const t = lines[i].text;
    if (isSentence(t)) {
      close(i - 1);
      start = i + 1;
      rowsSince = false;
      continue;
    }
    // Table 三's corner note (`（本列数据的勾稽关系为：…）`) after rows opens its header: rows before it are
    // another table's (the author's own, with no sentence between), or the part before a page break.
    if (rowsSince && i > start && t.includes('勾稽关系') && t.includes('本列')) {
      close(i - 1);
      start = i;
    }
    // A markdown table's delimiter row after rows of another table: a new table opens with the row above.
    if (i - 1 > start && isDelimiterRow(t)) {
      let head = i - 1;
      while (head > start && lines[head].text.trim() === '') head--;
      let before = head - 1;
      while (before >= start && lines[before].text.trim() === '') before--;
      if (rowsSince && before >= start) {
        close(head - 1);
        start = head;
      }
    }
    if (!rowsSince && t.trim() !== '') rowsSince = true;
  }
  close(to);
  return blocks;
}

// One way to read each run of spaces (no `\s*\|?\s*`), and short lines only: no backtracking blow-up on a
// long line of white space.
const MD_DELIMITER = /^[ \t]*(?:\|[ \t]*)?:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$/;
const isDelimiterRow = (t: string) => t.length <= 2000 && t.includes('---') && MD_DELIMITER.test(t);

/** Row or column numbers counting from 0 or 1 (`0 1 2 … 9`), at least three. */
function countsUp(texts: readonly string[]): boolean {
  if (texts.length < 3) return false;
  const first = texts[0] === '0' ? 0 : texts[0] === '1' ? 1 : -1;
  return first >= 0 && texts.every((t, k) => t === String(first + k));
}

/**
 * A table as pandas writes it (`read_html`, then `to_markdown` or `to_csv`): a first row of column
 * numbers (`|    | 0 | 1 | … | 9 |`) and a first column of row numbers. Neither is the report's: both go,
 * the other cells keeping their places in the text.
 */
function withoutIndexArtefacts(rows: RawRow[]): RawRow[] {
  const positional = rows.filter(isPositional);
  // One table's rows: those written as its first (a stray TSV line under a markdown table is another's).
  const table = positional.filter((r) => r.shape === positional[0]?.shape);
  if (table.length < 2) return rows;
  const head = table[0].cells.map((c) => c.text.trim());
  const numbersRow = countsUp(head[0] === '' ? head.slice(1) : head) ? table[0] : null;
  const body = numbersRow ? table.slice(1) : table;
  // Header rows (a MultiIndex header) have an empty index cell; the row numbers start under them.
  const firsts = body.map((r) => r.cells[0]?.text.trim() ?? '');
  let headed = 0;
  while (headed < firsts.length && firsts[headed] === '') headed++;
  const rest = firsts.slice(headed);
  // One row of values under a header (table 四): its row number is `0`, in a column the header rows leave empty.
  const single = headed >= 1 && rest.length === 1 && rest[0] === '0' && body.every((r) => r.cells.length === body[0].cells.length);
  const indexed = countsUp(rest) || single;
  if (!numbersRow && !indexed) return rows;
  const numbered = new Set(indexed ? table : []);
  return rows.filter((r) => r !== numbersRow).map((r) => (numbered.has(r) ? { ...r, cells: r.cells.slice(1) } : r));
}

function readRegion(id: TableId, lines: readonly Line[], from: number, to: number, byYear: TemplateVersion | null): Table | null {
  const matchers = KNOWN_LABELS[id]();
  // Text out of a PDF or a web page (no TAB, no bar) wraps a long label in a narrow cell onto the next line.
  const scanned = scanRows(lines, from, to, (a, b) => !isValueLike(a) && !isValueLike(b) && joinsAcrossBreak(matchers, a, b));
  const flattening = scanned.flattening;
  const raw = withoutIndexArtefacts(flattening === 'tsv' ? rejoinBrokenCells(id, scanned.rows) : scanned.rows);
  if (raw.length === 0) return null;
  let best: Parsed | null = null;
  let bestVersion: TemplateVersion | null = null;
  const memo: Memo = {};
  const versions = SAME_IN_EVERY_FORMAT.has(id) ? [byYear ?? VERSIONS[VERSIONS.length - 1]] : VERSIONS;
  for (const v of versions) {
    const parsed = READERS[id](raw, TEMPLATES[v], memo);
    const better =
      !best ||
      parsed.signals > best.signals ||
      (parsed.signals === best.signals && parsed.score > best.score) ||
      (parsed.signals === best.signals && parsed.score === best.score && v === byYear);
    if (better) {
      best = parsed;
      bestVersion = v;
    }
  }
  const table = best!.table;
  table.version = bestVersion;
  table.versionEvidence = best!.signals;
  table.flattening = flattening;
  table.startLine = from;
  table.endLine = to;
  table.range = { start: { line: from, character: 0 }, end: { line: to, character: lines[to].text.length } };
  return table;
}
