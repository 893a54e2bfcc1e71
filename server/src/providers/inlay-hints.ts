// Inlay hints for flattened tables, whose text hides the grid: the column name before each number of
// tables 三 and 四 (`自然人:`), and `= 26` after a total that disagrees with its terms.

import { formatNumber, type CheckResult, type Locale, type Range } from '../core';
import { pm, type ProviderMessageId } from './messages';
import { ARITHMETIC_CODES, type InlayHint } from './types';

function columnHint(tableId: '三' | '四', columnKey: string, column: string, locale: Locale): string {
  if (tableId === '四') return pm(locale, `inlay.${columnKey}` as ProviderMessageId);
  return column;
}

export function inlayHints(result: CheckResult, range: Range, locale: Locale): InlayHint[] {
  const { model } = result;
  if (!model.isReport) return [];
  const hints: InlayHint[] = [];
  const inRange = (line: number) => line >= range.start.line && line <= range.end.line;
  for (const id of ['三', '四'] as const) {
    const table = model.tables[id];
    if (!table || table.flattening === 'markdown') continue;
    if (table.endLine < range.start.line || table.startLine > range.end.line) continue;
    for (const row of table.rows) {
      if (!row.aligned || row.range.end.line < range.start.line || row.line > range.end.line) continue;
      for (const cell of row.cells) {
        if (!cell.columnKey || !cell.column || !inRange(cell.range.start.line)) continue;
        hints.push({
          position: cell.range.start,
          label: `${columnHint(id, cell.columnKey, cell.column, locale)}:`,
          kind: 2,
          tooltip: cell.column.replace(/·/g, ' › '),
          paddingRight: true,
        });
      }
    }
  }
  for (const d of result.diagnostics) {
    if (!ARITHMETIC_CODES.has(d.code) || d.expected === undefined || !d.table || !inRange(d.range.end.line)) continue;
    const table = model.tables[d.table];
    if (!table || table.flattening === 'markdown') continue;
    hints.push({ position: d.range.end, label: `= ${formatNumber(d.expected)}`, kind: 1, tooltip: d.message, paddingLeft: true });
  }
  hints.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
  return hints;
}
