// Where a row's values sit (spec §5.5 rule 6): which cells of a raw row are its labels and which cell
// holds each column's value. Positional flattenings (TSV, markdown) keep field positions, so a blank
// field is a blank cell at its column; the header (or the rows themselves) tell which position is which
// column, and rows shifted by a merged label (Word's TSV export) are placed by the shift that fits.
// One cell per line keeps only order: the values are the cells after the labels.

import { NUMBERED, isValueLike, labelLevel, type RawCell, type RawRow } from './scan';
import { parseValue } from './numbers';

export interface Placement {
  /** Non-empty label cells, in order. */
  labels: RawCell[];
  /** One cell per column, in column order (blank cells included); null when they cannot be placed. */
  values: RawCell[] | null;
  /** The cells after the labels, as found (shown when the values cannot be placed). */
  zone: RawCell[];
  /** Why the values could not be placed. */
  problem?: 'more' | 'fewer';
}

export function isPositional(row: RawRow): boolean {
  return row.shape === 'tsv' || row.shape === 'markdown';
}

/**
 * Does the row keep every cell's place, so that a header's positions apply to it? Positional rows do,
 * and so does one cell per line as Word writes it (an empty merged cell is a line holding only a TAB).
 */
export function keepsPlaces(row: RawRow): boolean {
  return row.shape !== 'text';
}

/** Field positions that are empty in every row of the table: merged-cell artefacts. */
export function emptyPositions(rows: readonly RawRow[], counts: (row: RawRow) => boolean = isPositional): Set<number> {
  let width = 0;
  for (const r of rows) if (counts(r)) width = Math.max(width, r.cells.length);
  const used = new Uint8Array(width);
  for (const r of rows) {
    if (!counts(r)) continue;
    r.cells.forEach((c, k) => {
      if (c.text !== '') used[k] = 1;
    });
  }
  const out = new Set<number>();
  for (let k = 0; k < width; k++) if (!used[k]) out.add(k);
  return out;
}

/**
 * Positions of a header or caption row that repeat the cell before them: a merged cell written into
 * every grid position it spans, as pandas and python-docx export tables. Empty for a Word-style row.
 */
export function copiedPositions(row: RawRow): Set<number> {
  const out = new Set<number>();
  for (let k = 1; k < row.cells.length; k++) {
    const t = row.cells[k].text;
    if (t !== '' && t === row.cells[k - 1].text) out.add(k);
  }
  return out;
}

/**
 * The row without its merged cells' copies. With `copies` (the header's copied positions), only a cell
 * there that repeats the cell before it: equal values in two columns stay two values. Without, every
 * run of equal adjacent cells becomes its first (for rows whose spans differ from the header's).
 */
export function withoutCopies(row: RawRow, copies: ReadonlySet<number> | null): RawRow {
  const cells = row.cells.filter((c, k) => !(k > 0 && (copies === null || copies.has(k)) && c.text !== '' && c.text === row.cells[k - 1].text));
  return cells.length === row.cells.length ? row : { ...row, cells };
}

const SHIFTS = [0, 1, -1, 2, -2, 3, -3];
/** A numbered or long text: a row's label, never a wrong value in a value column. */
const rowLabelLike = (t: string) => NUMBERED.test(t) || t.length >= 9;

/** Does the layout, shifted by `s`, fit the row: every column inside it, only labels before them? */
function fits(cells: readonly RawCell[], layout: readonly number[], s: number): boolean {
  let min = Infinity;
  for (const p of layout) {
    const q = p + s;
    if (q < 0 || q >= cells.length) return false;
    if (q < min) min = q;
  }
  let labelBefore = false;
  let wordInValues = false;
  for (let k = 0; k < cells.length; k++) {
    if (cells[k].text === '') continue;
    const value = isValueLike(cells[k].text);
    if (k >= min) {
      if (!layout.includes(k - s)) return false;
      if (!value) {
        // A wrong value is short (`见附件`); a numbered or long text is a label the shift would misread.
        if (rowLabelLike(cells[k].text)) return false;
        wordInValues = true;
      }
    } else if (value) return false;
    else labelBefore = true;
  }
  // Words in a value column (`见附件`) are a wrong value only in a row that has its label: a shift that
  // would read the row's own label as a value does not fit.
  return !wordInValues || labelBefore;
}

function atShift(row: RawRow, layout: readonly number[], s: number): Placement {
  const pos = layout.map((p) => p + s);
  const min = Math.min(...pos);
  return { labels: row.cells.slice(0, min).filter((c) => c.text !== ''), values: pos.map((p) => row.cells[p]), zone: row.cells.slice(min) };
}


/** Rows of one kind: their labels end at the same place and the last label has the same level. */
function kindOf(row: RawRow, at: number): string {
  return at >= 0 ? `${at}:${labelLevel(row.cells[at].text)}` : '-';
}

/** Position of the row's last non-empty cell that is no value: where its labels end. */
function lastLabelAt(row: RawRow): number {
  let at = -1;
  for (let k = 0; k < row.cells.length; k++) {
    const t = row.cells[k].text;
    if (t === '') continue;
    if (isValueLike(t)) break;
    at = k;
  }
  return at;
}

/** The value with the most votes (the first counted among equals); null without votes. */
function mostVoted(counts: ReadonlyMap<number, number> | undefined): number | null {
  let best: number | null = null;
  let bestCount = 0;
  if (counts) for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return best;
}

function tally(counts: Map<number, number>, value: number): void {
  counts.set(value, (counts.get(value) ?? 0) + 1);
}

function tallyUnder<K>(votes: Map<K, Map<number, number>>, key: K, value: number): void {
  let counts = votes.get(key);
  if (!counts) votes.set(key, (counts = new Map()));
  tally(counts, value);
}

/**
 * Places the rows of one table into `n` columns. With a layout, each positional row takes the shift
 * that fits it; where blanks let several fit, the shift that unambiguous rows with their labels at the
 * same position took (a merged label shifts every row of its kind alike).
 */
export function placeRows(
  rows: readonly RawRow[],
  n: number,
  layout: readonly number[] | null,
  artefacts: ReadonlySet<number>,
  plausible?: (values: readonly RawCell[]) => number,
  templateGaps?: ReadonlyMap<number, number>,
): Placement[] {
  const fitting = rows.map((r) => (layout && keepsPlaces(r) ? SHIFTS.filter((s) => fits(r.cells, layout, s)) : []));
  const learned = new Map<string, Map<number, number>>();
  const overall = new Map<number, number>();
  // Where the values start after the last label, by the label's level: rows whose labels sit alike
  // (a numbered sub-row, a （一） row, a 一、 row) have their values alike after them, however a merge
  // shifted the labels themselves.
  const gaps = new Map<number, Map<number, number>>();
  const first = layout ? Math.min(...layout) : 0;
  // An empty column before the table (a merge's artefact, empty in every row) is none of its label columns.
  let leadingEmpty = 0;
  while (artefacts.has(leadingEmpty)) leadingEmpty++;
  rows.forEach((r, i) => {
    if (fitting[i].length !== 1) return;
    const s = fitting[i][0];
    const at = lastLabelAt(r);
    const key = kindOf(r, at);
    tallyUnder(learned, key, s);
    tally(overall, s);
    if (at >= 0) tallyUnder(gaps, labelLevel(r.cells[at].text), first + s - at);
  });
  const mostCommon = (m: Map<number, number> | undefined, among: number[]) => {
    let pick: number | null = null;
    for (const s of among) if (m?.has(s) && (pick === null || m.get(s)! > m.get(pick)!)) pick = s;
    return pick;
  };
  const alikeKey = (r: RawRow) => `${kindOf(r, lastLabelAt(r))}:${r.cells.length}`;
  const sharedShifts = new Map<string, Set<number>>();
  rows.forEach((r, i) => {
    if (fitting[i].length === 0) return;
    const key = alikeKey(r);
    const common = sharedShifts.get(key);
    if (!common) sharedShifts.set(key, new Set(fitting[i]));
    else for (const s of common) if (!fitting[i].includes(s)) common.delete(s);
  });
  // Rows holding exactly their columns after the labels outnumber the longer ones: the places found empty
  // in every row (at the end, or at one position) are columns left blank (a blank 总计), and what a longer
  // row has too many is a merged label's places, which lead.
  let exactRows = 0;
  let longRows = 0;
  for (const r of rows) {
    const { rest } = splitLabels(r.cells, n);
    if (rest.length > n) longRows++;
    else if (rest.length === n && rest.some((c) => c.text !== '')) exactRows++;
  }
  // Positional rows whose 总计 add up at different places are no grid (each row's cells left-aligned,
  // padded at the end): a place empty in every row, by position or from the end, is then no column.
  const grid = plausible === undefined || !totalsApart(rows, n, plausible);
  const emptyAreColumns = exactRows > longRows || !grid;
  const fromEnd = emptyAreColumns ? new Set<number>() : emptyFromEnd(rows, n);
  const offsets = learnedOffsets(rows, n, templateGaps, fromEnd);
  const endFirst = fromEnd.size > 0 && plausible !== undefined && emptyPlacesAtEnd(rows, n, fromEnd, plausible);
  const unplaced = emptyAreColumns ? new Set<number>() : artefacts;
  const byPosition = grid ? artefacts : unplaced;
  let width = 0;
  for (const r of rows) if (isPositional(r)) width = Math.max(width, r.cells.length);
  const ragged = rows.some((r) => isPositional(r) && r.cells.length < width);
  const layoutWidth = layout ? Math.max(...layout) + 1 : 0;
  // Rows no evidence of their own decides (blank totals, no row of their kind alone): taken first by
  // the shift most rows took, then made to agree with the gap most such rows of their level show.
  const guessed: { i: number; options: number[]; at: number; level: number }[] = [];
  const shifts = rows.map((r, i) => {
    let options = fitting[i];
    if (options.length === 0) return null;
    // Rows alike (labels ending at one place, of one level, as long) sit alike: only the shifts every one
    // of them fits (so a total that adds up by chance read otherwise, `1 … 1`, cannot move one alone).
    if (options.length > 1) {
      const common = sharedShifts.get(alikeKey(r));
      const narrowed = common ? options.filter((s) => common.has(s)) : options;
      if (narrowed.length > 0) options = narrowed;
    }
    // Several shifts fit (blank cells leave room): the one whose values make sense (a row total that
    // adds up) first, then the one rows of its kind took.
    if (options.length > 1 && plausible) {
      const scores = options.map((s) => plausible(atShift(r, layout!, s).values!));
      const top = Math.max(...scores);
      options = options.filter((_, k) => scores[k] === top);
    }
    // A positional row shorter than the table lost its first cells to a merge (Word's TSV drops them;
    // the row's end is where every row's end is): as many places as it lacks.
    // Where rows differ in length (not padded to the table's width), a row as wide as the table lacks
    // none: its leading cells are the merged positions, written.
    // A row as wide as the header that gave the layout lacks nothing either (a longer one wrote a label twice).
    const lacks = (r.cells.length < width || (ragged && r.cells.length === width)) && !(layoutWidth > 0 && r.cells.length >= layoutWidth);
    if (options.length > 1 && isPositional(r) && lacks && options.includes(r.cells.length - width)) options = [r.cells.length - width];
    const at = lastLabelAt(r);
    let s = options.length === 1 ? options[0] : mostCommon(learned.get(kindOf(r, at)), options);
    if (s === null) {
      const level = at >= 0 ? labelLevel(r.cells[at].text) : 0;
      // No row of this level showed its gap: the template's, where the header's label columns are all written
      // (a first-level row spans them all; a merge above a row only ever takes places from the left).
      const gap = at >= 0 ? (mostVoted(gaps.get(level)) ?? (first - leadingEmpty === 3 ? (templateGaps?.get(level) ?? null) : null)) : null;
      const alike = gap === null ? [] : options.filter((x) => first + x - at === gap);
      if (alike.length === 1) s = alike[0];
      else {
        s = mostCommon(overall, alike.length > 0 ? alike : options) ?? options[0];
        if (gap === null && at >= 0) guessed.push({ i, options, at, level: labelLevel(r.cells[at].text) });
      }
    }
    return s;
  });
  const guessedGaps = new Map<number, Map<number, number>>();
  for (const g of guessed) tallyUnder(guessedGaps, g.level, first + shifts[g.i]! - g.at);
  for (const g of guessed) {
    const m = guessedGaps.get(g.level)!;
    const gap = mostVoted(m);
    // Only a clear majority moves a row (a tie leaves every row where the shift most rows took put it).
    if (gap === null || [...m.values()].filter((c) => c === m.get(gap)).length > 1) continue;
    const alike = g.options.filter((x) => first + x - g.at === gap);
    if (alike.length === 1) shifts[g.i] = alike[0];
  }
  const extraAtEnd = extraPlacesAtEnd(rows, n, plausible);
  const placed = rows.map((r, i) => {
    const s = shifts[i];
    if (s !== null) return atShift(r, layout!, s);
    const at = lastLabelAt(r);
    const endsFirst = at >= 0 && extraAtEnd.has(labelLevel(r.cells[at].text));
    return byOffset(r, n, offsets, byPosition) ?? placeRow(r, n, null, unplaced, fromEnd, endFirst || endsFirst, endsFirst);
  });
  return uniformReading(rows, placed, n);
}

/**
 * Do positional rows have a 总计 that adds up (over n places ending at it) at different positions, no
 * position shared by all of them?
 */
function totalsApart(rows: readonly RawRow[], n: number, plausible: (values: readonly RawCell[]) => number): boolean {
  let common: Set<number> | null = null;
  for (const r of rows) {
    if (!isPositional(r)) continue;
    const at = lastLabelAt(r);
    const here = new Set<number>();
    for (let p = Math.max(at + n, n - 1); p < r.cells.length; p++) if (plausible(r.cells.slice(p - n + 1, p + 1)) > 0) here.add(p);
    if (here.size === 0) continue;
    if (common === null) common = here;
    else {
      for (const p of common) if (!here.has(p)) common.delete(p);
      if (common.size === 0) return true;
    }
  }
  return false;
}

/** Where values may start after a row's last label (the label's own merged places, at most two more). */
const UNIFORM_OFFSETS = [1, 2, 3];

/** Do the rows' values sit at the same places after their last labels in every row (cells by index)? */
function readAlike(rows: readonly RawRow[], placed: readonly Placement[], withValues: readonly number[], ats: readonly number[]): boolean {
  let shape: string | null = null;
  for (let j = 0; j < withValues.length; j++) {
    const values = placed[withValues[j]].values;
    if (!values) return false;
    const cells = rows[withValues[j]].cells;
    const here = values.map((c) => cells.indexOf(c) - ats[j]).join(',');
    if (shape === null) shape = here;
    else if (here !== shape) return false;
  }
  return true;
}

/**
 * The rows read alike instead: each from the same distance after its last label, passing over at most one
 * place that is empty in every row (an empty merged column at the start of the values or among them, as an
 * HTML table turned into text without its spans gives it), where that makes more row totals agree with
 * their sums, and fewer contradict them, than the readings by shift, offset or order do (blank totals let
 * those fit more than one way).
 */
function uniformReading(rows: readonly RawRow[], placed: Placement[], n: number): Placement[] {
  const withValues: number[] = [];
  for (let i = 0; i < rows.length; i++) if (placed[i].zone.some((c) => c.text !== '')) withValues.push(i);
  if (withValues.length < 2) return placed;
  const ats = withValues.map((i) => lastLabelAt(rows[i]));
  if (ats.some((at) => at < 0)) return placed;
  let bestScore = 0;
  for (const i of withValues) bestScore += placed[i].values ? totalAgreement(placed[i].values!) : 0;
  // Rows each one place too long after their labels, read each its own way (one passing over this empty
  // place, another over that one), yield to a reading alike for all that does as well: where blanks leave
  // every way open, rows alike sit alike.
  const readApart = withValues.every((i, j) => rows[i].cells.length - ats[j] - 1 === n + 1) && !readAlike(rows, placed, withValues, ats);
  let best: Map<number, RawCell[]> | null = null;
  for (const d of UNIFORM_OFFSETS) {
    for (let gap = -1; gap < n; gap++) {
      const width = gap < 0 ? n : n + 1;
      const reading = new Map<number, RawCell[]>();
      let score = 0;
      for (let j = 0; j < withValues.length; j++) {
        const cells = rows[withValues[j]].cells;
        const from = ats[j] + d;
        if (from + width > cells.length || (gap >= 0 && cells[from + gap].text !== '')) break;
        let outside = false;
        for (let k = ats[j] + 1; k < cells.length && !outside; k++) outside = (k < from || k >= from + width) && cells[k].text !== '';
        if (outside) break;
        const values = gap < 0 ? cells.slice(from, from + n) : [...cells.slice(from, from + gap), ...cells.slice(from + gap + 1, from + width)];
        reading.set(withValues[j], values);
        score += totalAgreement(values);
      }
      if (reading.size === withValues.length && (score > bestScore || (score === bestScore && readApart && !best))) [best, bestScore] = [reading, score];
    }
  }
  if (!best) return placed;
  const chosen = best;
  return placed.map((p, i) => (chosen.has(i) ? { ...p, values: chosen.get(i)!, problem: undefined } : p));
}

/** 1 where the last place (总计) is the sum of the written values before it, -1 where it is another number, else 0. */
function totalAgreement(values: readonly RawCell[]): number {
  const total = parseValue(values[values.length - 1].text);
  if (total.kind !== 'number') return 0;
  let sum = 0;
  let written = 0;
  for (let k = 0; k < values.length - 1; k++) {
    const v = parseValue(values[k].text);
    if (v.kind === 'number') {
      sum += v.number!;
      written++;
    } else if (v.kind !== 'blank') return 0;
  }
  if (written === 0) return 0;
  return sum === total.number ? 1 : -1;
}

/**
 * Label levels whose rows, in one cell per line, have their places too many at the end: rows of the level
 * whose first n places add up, blanks after, outnumber those the other way round (web text
 * writes the places a row's spans cover as bars after its values). A row of that level whose first value
 * is blank then loses its empty places from the end first.
 */
function extraPlacesAtEnd(rows: readonly RawRow[], n: number, plausible?: (values: readonly RawCell[]) => number): Set<number> {
  const votes = new Map<number, number>();
  const notAtStart = new Map<number, number>();
  const startSeen = new Set<number>();
  if (!plausible) return new Set();
  for (const r of rows) {
    if (isPositional(r)) continue;
    const at = lastLabelAt(r);
    if (at < 0 || r.cells.length - at - 1 <= n) continue;
    const last = r.cells[r.cells.length - 1].text !== '';
    // At the end: the first n places after the label make a row whose 总计 adds up, only blanks after them
    // (a blank 总计, or an empty column among the values, is no evidence either way).
    const atEnd =
      (!last && r.cells[at + 1].text !== '' && plausible(r.cells.slice(at + 1, at + 1 + n)) > 0 && r.cells.slice(at + n + 1).every((c) => c.text === '')) ||
      isCoverLine(r.cells, at + 1 + n, r.cells.length - at - 1 - n);
    const atStart = last && r.cells[at + 1].text === '';
    const level = labelLevel(r.cells[at].text);
    // Not at the start either way: the first place is filled, only blanks after the first n (blank totals
    // leave no sum to tell by, but the surplus cannot lead).
    if (!atEnd && !atStart && !last && r.cells[at + 1].text !== '' && r.cells.slice(at + n + 1).every((c) => c.text === '')) {
      notAtStart.set(level, (notAtStart.get(level) ?? 0) + 1);
    }
    if (!atEnd && !atStart) continue;
    if (atStart) startSeen.add(level);
    votes.set(level, (votes.get(level) ?? 0) + (atEnd ? 1 : -1));
  }
  const out = new Set<number>();
  for (const [level, v] of votes) if (v > 0) out.add(level);
  for (const [level] of notAtStart) if (!votes.has(level) && !startSeen.has(level)) out.add(level);
  return out;
}

/**
 * Places [from, from + count) of a row of one cell per line, two or more, are empty and alone on one line
 * (`|||`): web text writes so the places a span covers, a row label's after the row's values, a header's
 * before them.
 */
export function isCoverLine(cells: readonly RawCell[], from: number, count: number): boolean {
  if (count < 2 || from < 0 || from + count > cells.length) return false;
  const line = cells[from].range.start.line;
  if (from > 0 && cells[from - 1].range.start.line === line) return false;
  if (from + count < cells.length && cells[from + count].range.start.line === line) return false;
  for (let k = from; k < from + count; k++) if (cells[k].text !== '' || cells[k].range.start.line !== line) return false;
  return true;
}

/**
 * Places counted from the end of the row (1 = last cell) that are empty in every row with more cells
 * after its labels than columns: an empty column a merge left inside or after the values, in any flattening.
 */
function emptyFromEnd(rows: readonly RawRow[], n: number): Set<number> {
  let seen = 0;
  let empty: Set<number> | null = null;
  for (const r of rows) {
    const { rest } = splitLabels(r.cells, n);
    if (rest.length <= n) continue;
    seen++;
    const here = new Set<number>();
    for (let o = 1; o <= rest.length; o++) if (rest[rest.length - o].text === '') here.add(o);
    const before: Set<number> | null = empty;
    empty = before ? new Set([...before].filter((o: number) => here.has(o))) : here;
  }
  return seen >= 2 && empty ? empty : new Set();
}

/**
 * Without column positions (rows shifted against each other, Word's TSV, padded markdown), where the
 * values start after the labels. Learned from rows whose first and last column are both filled, per
 * position and level of the last label (rows whose labels of one level end at the same place have their
 * values at the same place; a row that left out its vertical merges has its label where another level's
 * sits); for a position no such row shows, per level of the last label, the gap rows of that level
 * showed wherever their labels sat.
 */
interface Offsets {
  /** Keyed by `atAndLevel`. */
  byAt: Map<number, number>;
  byLevel: Map<number, number>;
  /** byLevel holds the template's spans, no row's evidence. */
  guessed: boolean;
  /** Places from the end (1 = last) that are an empty column among the values, shown by a row. */
  inner: ReadonlySet<number>;
}

/** The row's first and last filled places after `at`, and how many are filled (-1, -1, 0 for none). */
function filledSpan(r: RawRow, at: number): { first: number; last: number; count: number } {
  let first = -1;
  let last = -1;
  let count = 0;
  for (let k = at + 1; k < r.cells.length; k++) {
    if (r.cells[k].text === '') continue;
    if (first === -1) first = k;
    last = k;
    count++;
  }
  return { first, last, count };
}

/** How many of the places counted from the end lie strictly between `first` and `last`. */
function placesBetween(r: RawRow, first: number, last: number, fromEnd: ReadonlySet<number>): number {
  let inside = 0;
  for (const o of fromEnd) if (r.cells.length - o > first && r.cells.length - o < last) inside++;
  return inside;
}

/** The row's last filled place is the one before its last, a 总计 left blank in every row (其他's place). */
function filledToOther(r: RawRow, last: number, fromEnd: ReadonlySet<number>): boolean {
  return fromEnd.has(1) && r.cells.length - 1 - last === 1;
}

/**
 * Of the places empty from the end in every long row, those a merge left among the values: a row fills
 * the places on both sides of them, one more than its columns (a column every row left blank shows no such row).
 */
function innerEmptyColumns(rows: readonly RawRow[], n: number, fromEnd: ReadonlySet<number>): ReadonlySet<number> {
  if (fromEnd.size === 0) return fromEnd;
  for (const r of rows) {
    if (!isPositional(r)) continue;
    const at = lastLabelAt(r);
    if (at < 0) continue;
    const { first, last } = filledSpan(r, at);
    if (first === -1 || placesBetween(r, first, last, fromEnd) !== 1) continue;
    // 总计 blank in every row: a row filled from 自然人 to 其他, the place before the last, shows them too
    // (its last number is no total of the others, or it would be the row's 总计 one place early).
    const totalsBlank = filledToOther(r, last, fromEnd) && last - first === n - 1 && totalAgreement(r.cells.slice(first, last + 1)) !== 1;
    if (last - first === n || totalsBlank) {
      return new Set([...fromEnd].filter((o) => r.cells.length - o > first && r.cells.length - o < last));
    }
  }
  return new Set();
}

function learnedOffsets(rows: readonly RawRow[], n: number, templateGaps?: ReadonlyMap<number, number>, fromEnd: ReadonlySet<number> = new Set()): Offsets {
  const inner = innerEmptyColumns(rows, n, fromEnd);
  const votes = new Map<number, Map<number, number>>();
  const levelVotes = new Map<number, Map<number, number>>();
  // A value right after a first- or second-level label: the writer gave a merged label one cell (an
  // HTML table turned into text without its spans), so no row has places between its label and values.
  let unspanned = false;
  let anyFilled = false;
  for (const r of rows) {
    if (!isPositional(r)) continue;
    const at = lastLabelAt(r);
    if (at < 0) continue;
    const level = labelLevel(r.cells[at].text);
    if (level < 3 && at + 1 < r.cells.length && isValueLike(r.cells[at + 1].text)) unspanned = true;
    const { first, last, count } = filledSpan(r, at);
    if (first !== -1) anyFilled = true;
    if (first === -1 || count < 2) continue;
    // An empty column a merge left among the values is no place. With 总计 blank in every row (the last
    // place), a row filled from 自然人 to 其他 shows where its values start too.
    const columns = last - first - placesBetween(r, first, last, inner) + 1;
    const toOther = inner.size > 0 && filledToOther(r, last, fromEnd) && columns === n - 1;
    if (columns !== n && !toOther) continue;
    tallyUnder(votes, atAndLevel(at, level), first - at);
    tallyUnder(levelVotes, level, first - at);
  }
  const byAt = new Map<number, number>();
  for (const [at, m] of votes) byAt.set(at, mostVoted(m)!);
  const byLevel = new Map<number, number>();
  for (const [level, m] of levelVotes) byLevel.set(level, mostVoted(m)!);
  const learned = [...byLevel.values()];
  // Nothing learned, but rows of every level have their first value equally far after their label:
  // spans are not written, and that many places (an empty merged column) come before 自然人.
  const alike = learned.length === 0 && !unspanned ? sameGapAllLevels(rows) : null;
  let guessed = false;
  for (const level of [1, 2, 3]) {
    if (byLevel.has(level)) continue;
    // Rows of other levels with their values right after their labels, or a merged label written as
    // one cell: spans are not written anywhere. Nothing learned and no such cell: the template's span.
    if (alike !== null) byLevel.set(level, alike);
    else if (unspanned || (learned.length > 0 && learned.every((d) => d === 1))) byLevel.set(level, 1);
    else if (learned.length === 0 && anyFilled && templateGaps?.has(level)) {
      byLevel.set(level, templateGaps.get(level)!);
      guessed = true;
    }
  }
  return { byAt, byLevel, guessed, inner };
}

/** The one distance from the last label to the first value that rows of all three levels show at least, or null. */
function sameGapAllLevels(rows: readonly RawRow[]): number | null {
  const least = new Map<number, number>();
  for (const r of rows) {
    if (!isPositional(r)) continue;
    const at = lastLabelAt(r);
    if (at < 0) continue;
    const { first } = filledSpan(r, at);
    if (first === -1) continue;
    const level = labelLevel(r.cells[at].text);
    least.set(level, Math.min(least.get(level) ?? Infinity, first - at));
  }
  const gaps = new Set(least.values());
  return least.size === 3 && gaps.size === 1 ? [...gaps][0] : null;
}

const atAndLevel = (at: number, level: number) => at * 4 + level;

function byOffset(row: RawRow, n: number, offsets: Offsets, artefacts: ReadonlySet<number>): Placement | null {
  if (!isPositional(row)) return null;
  const at = lastLabelAt(row);
  if (at < 0) return null;
  const learned = offsets.byAt.get(atAndLevel(at, labelLevel(row.cells[at].text)));
  const d = learned ?? offsets.byLevel.get(labelLevel(row.cells[at].text));
  if (d === undefined) return null;
  const from = at + d;
  // As many of the empty inner columns as the row has places too many are passed over.
  let skip = Math.max(0, row.cells.length - from - n);
  let places: number[] = [];
  for (let k = from; places.length < n && k < Math.max(row.cells.length, from + n); k++) {
    if (skip > 0 && offsets.inner.has(row.cells.length - k) && row.cells[k].text === '') skip--;
    else places.push(k);
  }
  if (learned === undefined && offsets.guessed) {
    // A guess from the template's spans passes over places empty in every row (merged-cell artefacts);
    // the row's last columns take such places only where it has no others (a 总计 left blank throughout).
    places = [];
    for (let k = from; k < row.cells.length && places.length < n; k++) if (!artefacts.has(k)) places.push(k);
    for (let k = (places[places.length - 1] ?? from - 1) + 1; k < row.cells.length && places.length < n; k++) places.push(k);
    if (places.length < n) places = withoutSurplusArtefacts(row, from, n, artefacts);
    if (places.length < n) return null;
  }
  if (places[n - 1] >= row.cells.length) return null;
  const taken = new Set(places);
  for (let k = at + 1; k < row.cells.length; k++) if (row.cells[k].text !== '' && !taken.has(k)) return null;
  return { labels: row.cells.slice(0, at + 1).filter((c) => c.text !== ''), values: places.map((k) => row.cells[k]), zone: row.cells.slice(at + 1) };
}

/**
 * A row's places from `from` to its end, less as many empty artefact places as it has too many, the
 * farthest first, its last place kept (the 总计 closes a row). Where blank columns are artefacts too
 * (a blank-heavy table), which blanks go changes no value. Empty when that does not leave `n`.
 */
function withoutSurplusArtefacts(row: RawRow, from: number, n: number, artefacts: ReadonlySet<number>): number[] {
  let surplus = row.cells.length - from - n;
  if (surplus < 0) return [];
  const drop = new Set<number>();
  for (let k = row.cells.length - 2; k >= from && surplus > 0; k--) {
    if (artefacts.has(k) && row.cells[k].text === '') {
      drop.add(k);
      surplus--;
    }
  }
  if (surplus > 0) return [];
  const places: number[] = [];
  for (let k = from; k < row.cells.length; k++) if (!drop.has(k)) places.push(k);
  return places;
}

/**
 * Splits a raw row into its leading labels and the cells after them: the labels end at the last
 * non-empty cell before the first number that still leaves room for the `n` values the row needs.
 */
function splitLabels(cells: readonly RawCell[], n: number): { labels: RawCell[]; rest: RawCell[] } {
  let firstValue = -1;
  for (let k = 0; k < cells.length; k++) {
    if (isValueLike(cells[k].text)) {
      firstValue = k;
      break;
    }
  }
  let end = -1;
  if (firstValue === -1) {
    // No number at all: every non-empty cell is a label (a row whose values are all blank).
    for (let k = 0; k < cells.length; k++) if (cells[k].text !== '') end = k;
  } else {
    for (let k = 0; k < firstValue; k++) {
      if (cells[k].text === '') continue;
      if (cells.length - k - 1 >= n || end === -1) end = k;
    }
  }
  return { labels: cells.slice(0, end + 1).filter((c) => c.text !== ''), rest: cells.slice(end + 1) };
}

/** Places a row's values into `n` columns by order: the cells after its labels, empty edges dropped. */
/** The rows' empty places to drop, the farthest from the end first (most rows' reading). */
function dropFromEnd(list: readonly RawCell[], n: number, fromEnd: ReadonlySet<number>): RawCell[] {
  let excess = list.length - n;
  return list.filter((c, k) => c.text !== '' || !fromEnd.has(list.length - k) || excess-- <= 0);
}

/** The same, the empty places at the row's very end first (padding, an empty merged column after 总计). */
function dropTrailingFirst(list: readonly RawCell[], n: number, fromEnd: ReadonlySet<number>): RawCell[] {
  let end = list.length;
  while (end > n && list[end - 1].text === '') end--;
  const popped = list.length - end;
  const rest = list.slice(0, end);
  if (rest.length === n) return rest;
  const shifted = new Set<number>();
  for (const o of fromEnd) if (o > popped) shifted.add(o - popped);
  return dropFromEnd(rest, n, shifted);
}

/**
 * Are the empty places the rows have too many at their very end (markdown padded to the table's width, an
 * empty merged column after 总计)? So when more rows make a 总计 that adds up read that way than with the
 * farthest empty places dropped.
 */
function emptyPlacesAtEnd(rows: readonly RawRow[], n: number, fromEnd: ReadonlySet<number>, plausible: (values: readonly RawCell[]) => number): boolean {
  let atEnd = 0;
  let farthest = 0;
  let atEndWeak = 0;
  let farthestWeak = 0;
  for (const r of rows) {
    const { rest } = splitLabels(r.cells, n);
    if (rest.length <= n || rest[rest.length - 1].text !== '') continue;
    const a = dropFromEnd(rest, n, fromEnd);
    const b = dropTrailingFirst(rest, n, fromEnd);
    if (a.length !== n || b.length !== n) continue;
    farthest += plausible(a);
    atEnd += plausible(b);
    farthestWeak += writtenTotalMatches(a) ? 1 : 0;
    atEndWeak += writtenTotalMatches(b) ? 1 : 0;
  }
  // Zeros only (a report that writes 0 in 自然人 and 总计 and leaves the rest blank) tell nothing by sums
  // above zero; a written 总计 equal to the written values read one way and not the other still tells.
  return atEnd > farthest || (atEnd === farthest && atEndWeak > farthestWeak);
}

/** The last place holds a number equal to the sum of the numbers before it, of which there is one at least (0 = 0 counts). */
const writtenTotalMatches = (values: readonly RawCell[]) => totalAgreement(values) === 1;

export function placeRow(
  row: RawRow,
  n: number,
  layout: readonly number[] | null,
  artefacts: ReadonlySet<number>,
  fromEnd: ReadonlySet<number> = new Set(),
  trailingFirst = false,
  emptyEndFirst = false,
): Placement {
  if (layout && keepsPlaces(row)) {
    const s = SHIFTS.find((x) => fits(row.cells, layout, x));
    if (s !== undefined) return atShift(row, layout, s);
  }
  const { labels, rest } = splitLabels(row.cells, n);
  const zone = rest;
  let list = rest;
  if (list.length > n && fromEnd.size > 0) {
    // As many of those empty places as the row has cells too many, the farthest from the end first:
    // blank totals can leave more of them empty than the merge made, and the last column stays last.
    const kept = trailingFirst ? dropTrailingFirst(list, n, fromEnd) : dropFromEnd(list, n, fromEnd);
    if (kept.length >= n) list = kept;
  }
  if (list.length > n && isPositional(row) && artefacts.size > 0 && list === rest) {
    const offset = row.cells.length - rest.length;
    const kept = list.filter((c, k) => c.text !== '' || !artefacts.has(offset + k));
    if (kept.length >= n) list = kept;
  }
  // Merged label positions lead, trailing separators trail: drop empty cells from either end — from the
  // end first in a row without labels (table 四), where a leading empty cell is a blank value.
  let from = 0;
  let to = list.length;
  const endFirst = labels.length === 0 || emptyEndFirst;
  // Unless the leading empty places are a column no row fills, header rows included (an empty column a
  // merge put before the table): those go first.
  if (endFirst && list === rest && isPositional(row)) {
    const offset = row.cells.length - rest.length;
    while (to - from > n && list[from].text === '' && artefacts.has(offset + from)) from++;
  }
  while (to - from > n) {
    if (endFirst && list[to - 1].text === '') to--;
    else if (list[from].text === '') from++;
    else if (list[to - 1].text === '') to--;
    else break;
  }
  list = list.slice(from, to);
  if (list.length === n) return { labels, values: list, zone };
  const inRun = list.length > n ? fromOneBlankRun(list, list.length - n) : null;
  if (inRun) return { labels, values: inRun, zone };
  // As many values as columns, but empty cells among them (a span written as its value and an empty
  // cell, placed differently in the header and in the rows): the values in order are the columns.
  const filled = zone.filter((c) => c.text !== '');
  if (filled.length === n) return { labels, values: filled, zone };
  return { labels, values: null, zone, problem: filled.length > n ? 'more' : 'fewer' };
}

/**
 * The places less `surplus` empty ones, where every empty place sits in one run of blanks as long: whichever
 * of them a merge added, the values read the same (the run's last places go). Null otherwise.
 */
function fromOneBlankRun(list: readonly RawCell[], surplus: number): RawCell[] | null {
  const first = list.findIndex((c) => c.text === '');
  if (first < 0) return null;
  let end = first;
  while (end < list.length && list[end].text === '') end++;
  if (end - first < surplus) return null;
  for (let k = end; k < list.length; k++) if (list[k].text === '') return null;
  return [...list.slice(0, end - surplus), ...list.slice(end)];
}

/**
 * Column positions from the rows themselves when no header gives them: the positions of the values
 * of rows that show all `n`, when they agree; null when rows are shifted against each other.
 */
export function layoutFromRows(rows: readonly RawRow[], n: number): number[] | null {
  const counts = new Map<string, number>();
  let rowsWithValues = 0;
  for (const r of rows) {
    if (!isPositional(r)) continue;
    const pos: number[] = [];
    r.cells.forEach((c, k) => {
      if (isValueLike(c.text)) pos.push(k);
    });
    if (pos.length === 0) continue;
    rowsWithValues++;
    if (pos.length !== n) continue;
    const key = pos.join(',');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [k, c] of counts) if (c > bestCount) [best, bestCount] = [k, c];
  if (!best || bestCount < 2 || bestCount * 2 < rowsWithValues) return null;
  return best.split(',').map(Number);
}

/**
 * Column positions from header cells: each column's name found at exactly one field position; a
 * column missing from the header is placed between its neighbours when exactly one position is free.
 */
export function layoutFromHeader(found: ReadonlyMap<number, number[]>, n: number, anyOrder = false): number[] | null {
  const pos: (number | null)[] = [];
  for (let j = 0; j < n; j++) {
    const at = found.get(j);
    pos.push(at && at.length === 1 ? at[0] : null);
  }
  const known = pos.filter((p) => p !== null).length;
  // A header that keeps its places and names every column once, at places of its own, gives their order
  // as written (columns swapped by the author): spec §5.5, columns and their order come from the header.
  if (anyOrder && known === n && new Set(pos).size === n && pos.every((p) => p! >= 0)) return pos as number[];
  if (known < Math.max(2, n - 2)) return null;
  for (let j = 0; j < n; j++) {
    if (pos[j] !== null) continue;
    const before = j > 0 ? pos[j - 1] : null;
    const after = j + 1 < n ? pos[j + 1] : null;
    if (before !== null && (after === null || after === before + 2)) pos[j] = before + 1;
    else if (after !== null && before === null && j === 0) pos[j] = after - 1;
    else return null;
  }
  const out = pos as number[];
  // The template's columns run left to right in every report: a header read otherwise (the cells of a
  // row-spanning 总计 written in one cell per line among the names below it) gives no positions.
  return out.every((p, j) => p >= 0 && (j === 0 || p > out[j - 1])) ? out : null;
}
