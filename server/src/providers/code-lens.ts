// A code lens above each table: `表三：勾稽关系全部成立`, or `表三：3 处不一致 · 全部重算` which runs
// xxgkReport.recomputeTable on that table.

import type { CheckResult, Locale } from '../core';
import { pm } from './messages';
import { isStructural, rowSpan, TABLE_IDS } from './tables';
import { ARITHMETIC_CODES, Commands, PLAUSIBILITY_CODES, type CodeLens } from './types';

export function codeLenses(result: CheckResult, uri: string, locale: Locale): CodeLens[] {
  const { model, analysis, diagnostics } = result;
  if (!model.isReport) return [];
  const lenses: CodeLens[] = [];
  for (const id of TABLE_IDS) {
    const table = model.tables[id];
    const span = table && rowSpan(table);
    if (!table || !span) continue;
    const first = table.rows.find((r) => isStructural(r) && r.line === span.first);
    const at = { line: span.first, character: first?.range.start.character ?? 0 };
    const range = { start: at, end: at };
    const codes = id === '二' ? PLAUSIBILITY_CODES : ARITHMETIC_CODES;
    const found = diagnostics.filter((d) => d.table === id && codes.has(d.code) && d.severity !== 'hint');
    let title: string;
    let command = '';
    let args: unknown[] | undefined;
    if (id === '二') {
      title = found.length === 0 ? pm(locale, 'lens.t2ok', { table: id }) : pm(locale, 'lens.t2bad', { table: id, count: found.length });
    } else if (found.length === 0) {
      const skipped = analysis.instances.filter((i) => i.table === id && i.skipped).length;
      title = skipped === 0 ? pm(locale, 'lens.ok', { table: id }) : pm(locale, 'lens.skipped', { table: id, count: skipped });
    } else if (found.some((d) => d.fixes.some((f) => f.preferred || f.recompute))) {
      title = pm(locale, 'lens.badFix', { table: id, count: found.length });
      command = Commands.recomputeTable;
      args = [uri, id];
    } else {
      title = pm(locale, 'lens.bad', { table: id, count: found.length });
    }
    lenses.push({ range, command: { title, command, ...(args ? { arguments: args } : {}) } });
  }
  return lenses;
}
