// XR106–XR109: table 二 plausibility (spec §4.3). The format defines no arithmetic for 二; these catch
// typical slips and stay warnings or hints.

import type { Table, TableRow, ValueCell } from '../types';
import { type Rule, type RuleContext } from './rule';

interface T2Row {
  row: TableRow;
  get(key: string): { cell: ValueCell; value: number } | undefined;
}

function t2Rows(ctx: RuleContext, version: '2019' | '2021'): T2Row[] {
  const table: Table | undefined = ctx.model.tables['二'];
  if (!table || table.version !== version) return [];
  return table.rows
    .filter((r) => (r.kind === 'data' || r.kind === 'extra') && r.aligned)
    .map((row) => ({
      row,
      get(key: string) {
        const cell = row.cells.find((c) => c.columnKey === key);
        const value = cell ? ctx.analysis.valueOf(cell) : null;
        return cell && value !== null ? { cell, value } : undefined;
      },
    }));
}

type Read = { cell: ValueCell; value: number };

/**
 * For each row of the 2019 table 二 holding both columns, a finding on the second where `wrong` holds of
 * their values.
 */
function reportPairs(ctx: RuleContext, first: string, second: string, wrong: (a: number, b: number) => boolean, message: (row: TableRow, a: Read, b: Read) => string): void {
  for (const r of t2Rows(ctx, '2019')) {
    const a = r.get(first);
    const b = r.get(second);
    if (!a || !b || !wrong(a.value, b.value)) continue;
    ctx.report({ message: message(r.row, a, b), range: b.cell.range, table: '二', row: r.row.label, column: b.cell.column ?? undefined, actual: b.value });
  }
}

function rule(code: string, alias: string, severity: Rule['severity'], check: (ctx: RuleContext) => void): Rule {
  return { code, alias, severity, check };
}

export const plausibilityRules: Rule[] = [
  rule('XR106', 't2-item-count', 'warning', (ctx) =>
    reportPairs(ctx, 'items', 'change', (items, change) => items + change < 0, (r, items, change) =>
      ctx.msg('plaus.items', { row: r.label, items: items.value, change: change.cell.text, sum: items.value + change.value }),
    ),
  ),
  rule('XR107', 't2-published-total', 'warning', (ctx) =>
    reportPairs(ctx, 'published', 'publicTotal', (published, total) => published > total, (r, published, total) =>
      ctx.msg('plaus.published', { row: r.label, published: published.value, total: total.value }),
    ),
  ),
  rule('XR108', 't2-procurement-pair', 'warning', (ctx) => {
    for (const r of t2Rows(ctx, '2019')) {
      const items = r.get('procItems');
      const amount = r.get('procAmount');
      if (!items || !amount || items.value === 0 === (amount.value === 0)) continue;
      const zero = items.value === 0 ? items : amount;
      ctx.report({ message: ctx.msg('plaus.procPair', { items: items.cell.text, amount: amount.cell.text }), range: zero.cell.range, table: '二', row: r.row.label, column: zero.cell.column ?? undefined, actual: zero.value });
    }
  }),
  rule('XR109', 't2-plausibility', 'hint', (ctx) => {
    for (const r of t2Rows(ctx, '2019')) {
      const made = r.get('made');
      const published = r.get('published');
      if (made && published && published.value > made.value) {
        ctx.report({ message: ctx.msg('plaus.made', { row: r.row.label, published: published.value, made: made.value }), range: published.cell.range, table: '二', row: r.row.label, column: published.cell.column ?? undefined, actual: published.value });
      }
      const items = r.get('items');
      const change = r.get('change');
      const decisions = r.get('decisions');
      if (items && change && decisions && decisions.value > 0 && items.value + change.value === 0) {
        ctx.report({ message: ctx.msg('plaus.decisions', { row: r.row.label, decisions: decisions.value }), range: decisions.cell.range, table: '二', row: r.row.label, column: decisions.cell.column ?? undefined, actual: decisions.value });
      }
    }
    for (const r of t2Rows(ctx, '2021')) {
      const issued = r.get('issued');
      const inForce = r.get('inForce');
      const repealed = r.get('repealed');
      if (issued && inForce && repealed && issued.value > inForce.value + repealed.value) {
        ctx.report({ message: ctx.msg('plaus.docs', { row: r.row.label, issued: issued.value, inForce: inForce.value, repealed: repealed.value }), range: issued.cell.range, table: '二', row: r.row.label, column: issued.cell.column ?? undefined, actual: issued.value });
      }
      const fee = r.get('feeAmount');
      if (fee && fee.value > ctx.options.feeThresholdWanYuan) {
        ctx.report({ message: ctx.msg('plaus.fee', { amount: fee.value, threshold: ctx.options.feeThresholdWanYuan }), range: fee.cell.range, table: '二', row: r.row.label, column: fee.cell.column ?? undefined, actual: fee.value });
      }
    }
  }),
];
