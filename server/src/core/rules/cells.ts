// XR201–XR210: what each value cell says (spec §6): blank is unknown, placeholders are 0 but flagged,
// counts are non-negative integers, deltas may be signed, amounts carry a unit.

import { formatNumber } from '../numbers';
import { TEMPLATES, type ColumnSpec, type ValueKindSpec } from '../templates';
import { HeldMemo, normalizeLabel } from '../text';
import type { ReportModel, Table, TableRow, TextEdit, ValueCell } from '../types';
import { fix, replace, where, type Rule, type RuleContext } from './rule';

interface CellVisit {
  table: Table;
  row: TableRow;
  cell: ValueCell;
  kind: ValueKindSpec;
  spec?: ColumnSpec;
}

export function columnSpecOf(table: Table, row: TableRow, cell: ValueCell): ColumnSpec | undefined {
  if (table.id !== '二' || !cell.columnKey) return undefined;
  const sub = TEMPLATES[table.version ?? '2021'].t2.find((s) => s.key === row.group);
  return sub?.columns.find((c) => c.key === cell.columnKey);
}

const visitsCache = new HeldMemo<ReportModel, CellVisit[]>('cell visits');

/** Every value cell with its column's kind, computed once per model and shared by the cell rules. */
function cells(model: ReportModel): CellVisit[] {
  let visits = visitsCache.get(model);
  if (visits) return visits;
  visits = [];
  for (const table of Object.values(model.tables)) {
    for (const row of table.rows) {
      if (row.kind !== 'data' && row.kind !== 'extra') continue;
      for (const cell of row.cells) {
        const spec = columnSpecOf(table, row, cell);
        visits.push({ table, row, cell, spec, kind: spec?.kind ?? 'count' });
      }
    }
  }
  visitsCache.set(model, visits);
  return visits;
}

function whereOf(ctx: RuleContext, v: CellVisit): string {
  return where(ctx, v.table.id, v.row.label, v.cell.column);
}

/** Unit written in the header of an amount column (`采购总金额（万元，保留四位小数）`). */
function headerUnit(table: Table, spec: ColumnSpec): string | undefined {
  if (spec.unit) return spec.unit;
  const core = normalizeLabel(spec.label).replace(/（.*$/, '');
  // The column's name opens its header cell, or comes after the others where a header line is one cell
  // (PDF text: `信息内容 采购项目数量 采购总金额（万元）`): the unit is the one after the name.
  const header = table.headerCells.find((h) => h.norm.includes(core));
  return header ? /万元|亿元|元/.exec(header.norm.slice(header.norm.indexOf(core)))?.[0] : undefined;
}

function base(v: CellVisit) {
  return { range: v.cell.range, table: v.table.id, row: v.row.label || undefined, column: v.cell.column ?? undefined };
}

function cellRule(code: string, alias: string, severity: Rule['severity'], visit: (ctx: RuleContext, v: CellVisit) => void): Rule {
  return {
    code,
    alias,
    severity,
    check(ctx) {
      for (const v of cells(ctx.model)) visit(ctx, v);
    },
  };
}

/** From this many placeholders in one table, one finding for the table. */
const PLACEHOLDERS_PER_TABLE = 3;

/** One cell's finding of a kind a table may have in many cells (a unit written in every cell, full-width digits). */
interface CellFinding {
  v: CellVisit;
  message: string;
  actual: number | null;
  /** The cell's fix and its edit (in the table's fix too), or none. */
  fix?: { title: string; edit: TextEdit };
  /** What is odd about the number (XR210). */
  why?: string;
}

/**
 * Reports cell findings one by one, or once per table from PLACEHOLDERS_PER_TABLE of them (a house style
 * across a table is one finding, as for blanks), with every cell a related location and one fix for all.
 */
function reportByTable(
  ctx: RuleContext,
  found: readonly CellFinding[],
  whole: (table: string, list: readonly CellFinding[], fixable: number) => { message: string; fixTitle: string },
): void {
  const byTable = new Map<Table, CellFinding[]>();
  for (const f of found) {
    const list = byTable.get(f.v.table);
    if (list) list.push(f);
    else byTable.set(f.v.table, [f]);
  }
  for (const [table, list] of byTable) {
    if (list.length < PLACEHOLDERS_PER_TABLE) {
      for (const f of list) ctx.report({ ...base(f.v), message: f.message, actual: f.actual, fixes: f.fix ? [fix(f.fix.title, [f.fix.edit])] : [] });
      continue;
    }
    const edits = list.flatMap((f) => (f.fix ? [f.fix.edit] : []));
    const { message, fixTitle } = whole(ctx.msg('table.name', { table: table.id }), list, edits.length);
    ctx.report({
      ...base(list[0].v),
      message,
      actual: list[0].actual,
      related: list.map((f) => ({ range: f.v.cell.range, message: whereOf(ctx, f.v) })),
      fixes: edits.length ? [fix(fixTitle, edits)] : [],
    });
  }
}

export const cellRules: Rule[] = [
  {
    code: 'XR201',
    alias: 'blank-cell',
    severity: 'warning',
    check(ctx) {
      for (const b of ctx.analysis.blanks) {
        const name = ctx.msg('table.name', { table: b.table });
        const first = b.cells[0];
        // Blank totals take their sums, so that filling the table leaves its identities as they were.
        const edits = b.cells.map((t, k) => replace(t.cell.valueRange, String(b.fills[k])));
        // A blank total whose terms hold numbers is no 0: the table adds up only with it filled in.
        const totals = b.verdict === 'zeros' ? b.cells.map((t, k) => ({ t, fill: b.fills[k] })).filter((x) => x.fill > 0) : [];
        const message =
          totals.length > 0
            ? ctx.msg('cell.blanks.totals', { table: name, count: b.cells.length, totals: totals.length, example: where(ctx, b.table, totals[0].t.row.label, totals[0].t.cell.column), value: totals[0].fill })
            : ctx.msg(`cell.blanks.${b.verdict}`, { table: name, count: b.cells.length });
        ctx.report({
          message,
          range: first.cell.range,
          table: b.table,
          row: first.row.label || undefined,
          column: first.cell.column ?? undefined,
          actual: null,
          related: b.cells.map((t) => ({ range: t.cell.range, message: where(ctx, b.table, t.row.label, t.cell.column) })),
          // Explicit only: a blank may be lost data, never turned into 0 by fix-all.
          fixes: [fix(ctx.msg('fix.fillTableZeros', { table: name, count: b.cells.length }), edits, false)],
        });
      }
    },
  },
  {
    code: 'XR202',
    alias: 'placeholder-cell',
    severity: 'warning',
    check(ctx) {
      const found: CellFinding[] = [];
      for (const v of cells(ctx.model)) {
        if (v.cell.value.kind !== 'placeholder') continue;
        // A placeholder broken over two lines ("N" / "/A") has no fix: replacing it would join the lines.
        const oneLine = v.cell.range.start.line === v.cell.range.end.line;
        found.push({ v, message: ctx.msg('cell.placeholder', { text: v.cell.text, where: whereOf(ctx, v) }), actual: 0, fix: oneLine ? { title: ctx.msg('fix.placeholder'), edit: replace(v.cell.range, '0') } : undefined });
      }
      // A house style (zeros written `—` across a table): one finding, as for blank cells (XR201).
      reportByTable(ctx, found, (table, list, fixable) => ({
        message: ctx.msg('cell.placeholders', { table, count: list.length, text: [...new Set(list.map((f) => f.v.cell.text))].slice(0, 3).join(' ') }),
        fixTitle: ctx.msg('fix.placeholders', { table, count: fixable }),
      }));
    },
  },
  cellRule('XR203', 'non-numeric', 'error', (ctx, v) => {
    if (v.cell.value.kind !== 'invalid') return;
    ctx.report({ ...base(v), message: ctx.msg('cell.nonNumeric', { text: v.cell.text, where: whereOf(ctx, v) }), actual: null });
  }),
  cellRule('XR204', 'non-integer', 'error', (ctx, v) => {
    const val = v.cell.value;
    if (val.kind !== 'number' || v.kind === 'amount' || !val.decimals) return;
    ctx.report({ ...base(v), message: ctx.msg('cell.nonInteger', { text: v.cell.text, where: whereOf(ctx, v) }), actual: val.number });
  }),
  cellRule('XR205', 'negative-count', 'error', (ctx, v) => {
    const val = v.cell.value;
    if (val.kind !== 'number' || v.kind === 'delta' || val.sign !== '-') return;
    ctx.report({ ...base(v), message: ctx.msg('cell.negative', { text: v.cell.text, where: whereOf(ctx, v) }), actual: val.number });
  }),
  cellRule('XR206', 'unexpected-sign', 'warning', (ctx, v) => {
    const val = v.cell.value;
    if (val.kind !== 'number' || v.kind === 'delta' || val.sign !== '+') return;
    const plus = { range: { start: v.cell.range.start, end: { line: v.cell.range.start.line, character: v.cell.range.start.character + (val.signLength ?? 1) } }, newText: '' };
    ctx.report({ ...base(v), message: ctx.msg('cell.sign', { text: v.cell.text, where: whereOf(ctx, v) }), actual: val.number, fixes: [fix(ctx.msg('fix.removeSign'), [plus])] });
  }),
  {
    code: 'XR207',
    alias: 'unit-in-cell',
    severity: 'information',
    check(ctx) {
      const found: CellFinding[] = [];
      for (const v of cells(ctx.model)) {
        const val = v.cell.value;
        if (val.kind !== 'number' || v.kind === 'amount' || !val.unit) continue;
        const s = v.cell.range.start;
        const edit = { range: { start: { line: s.line, character: s.character + val.tokenEnd! }, end: v.cell.range.end }, newText: '' };
        // A unit broken over two lines (`9万` / `元`) has no fix: removing it would join the lines.
        const oneLine = s.line === v.cell.range.end.line;
        found.push({ v, message: ctx.msg('cell.unit', { unit: val.unit, where: whereOf(ctx, v) }), actual: val.number!, fix: oneLine ? { title: ctx.msg('fix.removeUnit', { unit: val.unit }), edit } : undefined });
      }
      reportByTable(ctx, found, (table, list, fixable) => ({
        message: ctx.msg('cell.units', { table, count: list.length, unit: (list[0].v.cell.value as { unit: string }).unit }),
        fixTitle: ctx.msg('fix.removeUnits', { table, count: fixable }),
      }));
    },
  },
  cellRule('XR208', 'amount-unit-missing', 'warning', (ctx, v) => {
    if (v.kind !== 'amount' || v.cell.value.kind !== 'number' || v.spec?.unit || v.cell.value.unit) return;
    if (headerUnit(v.table, v.spec!)) return;
    ctx.report({ ...base(v), message: ctx.msg('cell.amountUnitMissing', { text: v.cell.text }), actual: v.cell.value.number });
  }),
  cellRule('XR209', 'amount-unit-conflict', 'warning', (ctx, v) => {
    const unit = v.cell.value.unit;
    if (v.kind !== 'amount' || !unit) return;
    const header = headerUnit(v.table, v.spec!);
    if (!header || header === unit) return;
    ctx.report({ ...base(v), message: ctx.msg('cell.amountUnitConflict', { unit, header, where: whereOf(ctx, v) }), actual: v.cell.value.number });
  }),
  {
    code: 'XR210',
    alias: 'number-format',
    severity: 'information',
    check(ctx) {
      const found: CellFinding[] = [];
      for (const v of cells(ctx.model)) {
        const val = v.cell.value;
        if (val.kind !== 'number') continue;
        const separators = val.separators && v.kind !== 'amount';
        if (!val.oddFormat && !separators) continue;
        const why = ctx.msg(separators ? 'why.separators' : /[０-９．]/.test(v.cell.text) ? 'why.fullwidth' : 'why.spaces');
        const value = (val.sign === '+' ? '+' : '') + formatNumber(val.number!, val.decimals);
        found.push({ v, why, message: ctx.msg('cell.numberFormat', { text: v.cell.text, why, value }), actual: val.number!, fix: { title: ctx.msg('fix.normalizeNumber', { value }), edit: replace(v.cell.valueRange, value) } });
      }
      reportByTable(ctx, found, (table, list, fixable) => ({
        message: ctx.msg('cell.numberFormats', { table, count: list.length, text: list[0].v.cell.text, why: list[0].why ?? '' }),
        fixTitle: ctx.msg('fix.normalizeNumbers', { table, count: fixable }),
      }));
    },
  },
];
