// Test helpers: read fixtures, re-flatten a report's tables into the other two flattenings, and build
// consistent non-zero variants of the seeds (only seed 002 has a non-zero table 三).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, parseReport, splitLines, type Flattening, type ReportModel, type Table, type TableRow, type TextEdit, type ValueCell } from '../../server/src/core';

export const FIXTURES = join(__dirname, '..', 'fixtures');
export const SEEDS = readdirSync(FIXTURES).filter((f) => /^\d{3}_[0-9a-f]+\.txt$/.test(f)).sort();

export function readFixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

function rowCells(row: TableRow): string[] {
  return [...row.labelCells.map((l) => l.text), ...row.cells.map((c) => c.text)];
}

function renderRows(rows: TableRow[], flattening: Flattening): string[] {
  const out: string[] = [];
  if (flattening === 'tsv') {
    for (const r of rows) out.push(rowCells(r).join('\t'));
  } else if (flattening === 'cell-per-line') {
    for (const r of rows) {
      for (const c of rowCells(r)) out.push('\t' + c);
      out.push('');
    }
  } else {
    const width = Math.max(...rows.map((r) => rowCells(r).length));
    rows.forEach((r, k) => {
      const cells = rowCells(r);
      while (cells.length < width) cells.push('');
      out.push(`| ${cells.join(' | ')} |`);
      if (k === 0) out.push(`|${' --- |'.repeat(width)}`);
    });
  }
  return out;
}

/** The same report with every table written in the given flattening; other lines stay as they are. */
export function reflatten(text: string, flattening: Flattening, model: ReportModel = parseReport(text)): string {
  const lines = splitLines(text).map((l) => l.text);
  const tables = Object.values(model.tables).sort((a, b) => b.startLine - a.startLine) as Table[];
  for (const t of tables) {
    const rendered = renderRows(t.rows, flattening);
    lines.splice(t.startLine, t.endLine - t.startLine + 1, '', ...rendered, '');
  }
  return lines.join('\n');
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function cellsByKey(table: Table): Map<string, Map<string, ValueCell>> {
  const m = new Map<string, Map<string, ValueCell>>();
  for (const r of table.rows) {
    if (r.kind !== 'data' || !r.key || !r.aligned) continue;
    m.set(r.key, new Map(r.cells.map((c) => [c.columnKey!, c])));
  }
  return m;
}

/** Rewrites tables 三 and 四 with random numbers that satisfy every identity. */
export function nonZeroVariant(text: string, seed: number): string {
  const model = parseReport(text);
  const rand = rng(seed);
  const pick = (max: number) => Math.floor(rand() * (max + 1));
  const edits: TextEdit[] = [];
  const set = (cell: ValueCell | undefined, v: number) => {
    if (cell) edits.push({ range: cell.valueRange, newText: String(v) });
  };
  const t3 = model.tables['三'];
  if (t3) {
    const cells = cellsByKey(t3);
    const details = ['natural', 'business', 'research', 'publicWelfare', 'legalService', 'otherOrg'];
    const rowValues = new Map<string, number[]>();
    const resultKeys = t3.rows.filter((r) => r.kind === 'data' && r.key && !['new', 'carriedIn', 'resultsTotal', 'carriedOut'].includes(r.key)).map((r) => r.key!);
    for (const k of resultKeys) rowValues.set(k, details.map((_, i) => (i === 0 ? pick(9) : pick(2) === 0 ? pick(3) : 0)));
    const rt = details.map((_, i) => resultKeys.reduce((s, k) => s + rowValues.get(k)![i], 0));
    const carriedOut = details.map(() => pick(2));
    const carriedIn = details.map((_, i) => Math.min(pick(3), rt[i] + carriedOut[i]));
    const fresh = details.map((_, i) => rt[i] + carriedOut[i] - carriedIn[i]);
    rowValues.set('resultsTotal', rt);
    rowValues.set('carriedOut', carriedOut);
    rowValues.set('carriedIn', carriedIn);
    rowValues.set('new', fresh);
    for (const [key, values] of rowValues) {
      const row = cells.get(key);
      if (!row) continue;
      details.forEach((col, i) => set(row.get(col), values[i]));
      set(row.get('total'), values.reduce((a, b) => a + b, 0));
    }
  }
  const t4 = model.tables['四'];
  if (t4) {
    const row = cellsByKey(t4).get('row');
    if (row) {
      for (const g of [1, 6, 11]) {
        let s = 0;
        for (let i = 0; i < 4; i++) {
          const v = pick(3);
          s += v;
          set(row.get(`c${g + i}`), v);
        }
        set(row.get(`c${g + 4}`), s);
      }
    }
  }
  return applyEdits(text, edits);
}

/** Every numeric value cell of tables 三 and 四 with the row it sits in. */
export function numericCells(model: ReportModel): { table: '三' | '四'; row: TableRow; cell: ValueCell }[] {
  const out: { table: '三' | '四'; row: TableRow; cell: ValueCell }[] = [];
  for (const id of ['三', '四'] as const) {
    const t = model.tables[id];
    if (!t) continue;
    for (const row of t.rows) {
      if (row.kind !== 'data' || !row.aligned) continue;
      for (const cell of row.cells) if (cell.value.kind === 'number') out.push({ table: id, row, cell });
    }
  }
  return out;
}

/** The text a range covers. */
export function textAt(text: string, r: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = splitLines(text);
  const from = lines[r.start.line].start + r.start.character;
  const to = lines[r.end.line].start + r.end.character;
  return text.slice(from, to);
}
