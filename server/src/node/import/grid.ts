// Grid clean-up shared by both readers. Office suites split grid columns where cell edges almost line up:
// LibreOffice writes a 1-twip column beside a wider cell, editors leave columns that start no cell in any
// row. Such a column carries nothing visible, yet it would be one more pipe column that shifts values
// against their headers. It is dropped: a column that starts no cell, or (Word) one narrower than a
// millimetre; cells keep their text and lose only the dropped positions.

import type { Cell, Grid } from './types';

/** Narrower than this (twentieths of a point, ~1 mm) a Word grid column is invisible. */
export const SLIVER_TWIPS = 57;

export function compactColumns(g: Grid, widths?: readonly number[]): Grid {
  const narrow = (c: number) => widths !== undefined && widths.length === g.cols && widths[c] < SLIVER_TWIPS;
  const drop = new Uint8Array(g.cols);
  for (let c = 1; c < g.cols; c++) {
    let starts = false;
    for (let r = 0; r < g.rows && !starts; r++) if (g.at[r * g.cols + c] !== g.at[r * g.cols + c - 1]) starts = true;
    if (!starts || narrow(c)) drop[c] = 1;
  }
  if (widths !== undefined && widths.length === g.cols && narrow(0)) drop[0] = 1;
  // A cell with text that lies only on dropped columns keeps its columns.
  for (const cell of g.cells) {
    let kept = false;
    for (let c = cell.col; c < cell.col + cell.colSpan && c < g.cols; c++) if (!drop[c]) kept = true;
    if (!kept && cell.paragraphs.some((p) => p.trim() !== '')) for (let c = cell.col; c < cell.col + cell.colSpan && c < g.cols; c++) drop[c] = 0;
  }
  if (!drop.some((d) => d === 1)) return g;
  const newIndex = new Int32Array(g.cols).fill(-1);
  let cols = 0;
  for (let c = 0; c < g.cols; c++) if (!drop[c]) newIndex[c] = cols++;
  const cells: Cell[] = [];
  for (const cell of g.cells) {
    let from = -1;
    let to = -1;
    for (let c = cell.col; c < cell.col + cell.colSpan && c < g.cols; c++) {
      if (newIndex[c] < 0) continue;
      if (from < 0) from = newIndex[c];
      to = newIndex[c];
    }
    if (from >= 0) cells.push({ ...cell, col: from, colSpan: to - from + 1 });
  }
  const at = new Int32Array(g.rows * cols).fill(-1);
  cells.forEach((cell, i) => {
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) for (let c = cell.col; c < cell.col + cell.colSpan; c++) at[r * cols + c] = i;
  });
  return { ...g, cols, cells, at };
}
