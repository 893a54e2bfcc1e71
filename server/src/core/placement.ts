// Where a row's values sit (spec §5.5 rule 6): which cells of a raw row are its labels and which cell
// holds each column's value. Positional flattenings (TSV, markdown) keep field positions, so a blank
// field is a blank cell at its column; the header (or the rows themselves) tell which position is which
// column, and rows shifted by a merged label (Word's TSV export) are placed by the shift that fits.
// One cell per line keeps only order: the values are the cells after the labels.

import { isValueLike, type RawCell, type RawRow } from './scan';

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

/** Field positions that are empty in every row of the table: merged-cell artefacts. */
export function emptyPositions(rows: readonly RawRow[]): Set<number> {
  let width = 0;
  for (const r of rows) if (isPositional(r)) width = Math.max(width, r.cells.length);
  const used = new Uint8Array(width);
  for (const r of rows) {
    if (!isPositional(r)) continue;
    r.cells.forEach((c, k) => {
      if (c.text !== '') used[k] = 1;
    });
  }
  const out = new Set<number>();
  for (let k = 0; k < width; k++) if (!used[k]) out.add(k);
  return out;
}

const SHIFTS = [0, 1, -1, 2, -2, 3, -3];

/** Places by column positions (a layout), trying the shifts a merged label causes; null if none fits. */
function byLayout(row: RawRow, layout: readonly number[]): Placement | null {
  const cells = row.cells;
  for (const s of SHIFTS) {
    const pos = layout.map((p) => p + s);
    let min = Infinity;
    let fits = true;
    for (const p of pos) {
      if (p < 0 || p >= cells.length) fits = false;
      if (p < min) min = p;
    }
    if (!fits) continue;
    const at = new Set(pos);
    for (let k = 0; k < cells.length && fits; k++) {
      if (at.has(k) || cells[k].text === '') continue;
      // Outside the columns only labels may stand, and only before the values.
      if (k > min || isValueLike(cells[k].text)) fits = false;
    }
    if (!fits) continue;
    const labels = cells.slice(0, min).filter((c) => c.text !== '');
    return { labels, values: pos.map((p) => cells[p]), zone: cells.slice(min) };
  }
  return null;
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

/** Places a row's values into `n` columns. */
export function placeRow(row: RawRow, n: number, layout: readonly number[] | null, artefacts: ReadonlySet<number>): Placement {
  if (layout && isPositional(row)) {
    const p = byLayout(row, layout);
    if (p) return p;
  }
  const { labels, rest } = splitLabels(row.cells, n);
  const zone = rest;
  let list = rest;
  if (list.length > n && isPositional(row) && artefacts.size > 0) {
    const offset = row.cells.length - rest.length;
    const kept = list.filter((c, k) => c.text !== '' || !artefacts.has(offset + k));
    if (kept.length >= n) list = kept;
  }
  // Merged label positions lead, trailing separators trail: drop empty cells from either end.
  let from = 0;
  let to = list.length;
  while (to - from > n) {
    if (list[from].text === '') from++;
    else if (list[to - 1].text === '') to--;
    else break;
  }
  list = list.slice(from, to);
  if (list.length === n) return { labels, values: list, zone };
  return { labels, values: null, zone, problem: list.length > n ? 'more' : 'fewer' };
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
export function layoutFromHeader(found: ReadonlyMap<number, number[]>, n: number): number[] | null {
  const pos: (number | null)[] = [];
  for (let j = 0; j < n; j++) {
    const at = found.get(j);
    pos.push(at && at.length === 1 ? at[0] : null);
  }
  const known = pos.filter((p) => p !== null).length;
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
  return new Set(out).size === n && out.every((p) => p >= 0) ? out : null;
}
