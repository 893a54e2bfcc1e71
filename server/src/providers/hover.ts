// Hover on a value cell: which table, row and column it is (the flattened text hides that), the
// template's full labels, the parsed value; for a total, each identity that computes it, with numbers.

import { formatNumber, type CheckResult, type Locale, type Position, type ReportModel, type Table, type TableRow, type ValueCell } from '../core';
import { pm } from './messages';
import { narrativeHover } from './narrative-hover';
import { cellAt, columnKind, columnPath, rowPath, shortColumnLabel, shortRowLabel, tableAt, templateOf } from './tables';
import type { Hover } from './types';

type Analysis = CheckResult['analysis'];
type Instance = Analysis['instances'][number];
type Term = Instance['left'][number];

function escapeMd(s: string): string {
  return s.replace(/([\\`*_{}[\]<>|#])/g, '\\$1');
}

function valueText(cell: ValueCell, locale: Locale, kind: 'count' | 'delta' | 'amount'): string {
  const v = cell.value;
  const kindName = pm(locale, `hover.col.${kind}`);
  const [open, close] = locale === 'en' ? [' (', ')'] : ['（', '）'];
  switch (v.kind) {
    case 'number': {
      const n = `${v.sign === '+' ? '+' : ''}${formatNumber(v.number!, v.decimals ?? 0)}${v.unit ? ' ' + v.unit : ''}`;
      return `\`${cell.text.replace(/`/g, "'")}\` → **${n}**${open}${pm(locale, 'hover.kind.number')} · ${kindName}${close}`;
    }
    case 'blank':
      return `${pm(locale, 'hover.kind.blank')}${open}${kindName}${close}`;
    case 'placeholder':
      return `\`${cell.text.replace(/`/g, "'")}\` → **0**${open}${pm(locale, 'hover.kind.placeholder')}${close}`;
    default:
      return `\`${cell.text.replace(/`/g, "'")}\`${open}${pm(locale, 'hover.kind.invalid')}${close}`;
  }
}

/** How a term is named inside a formula: by column when the identity runs along a row, else by row or group. */
function termNames(model: ReportModel, table: Table, inst: Instance, terms: Term[]): { name: string; terms: Term[] }[] {
  const sameRow = [...inst.left, ...inst.right].every((x) => x.row === inst.output.row);
  const groups: { name: string; terms: Term[] }[] = [];
  const t = table.id === '三' ? templateOf(model, table) : undefined;
  for (const term of terms) {
    let name: string;
    if (sameRow || table.id === '四') name = shortColumnLabel(term.cell.column ?? '?');
    else if (term.row.group && t && inst.spec.id === 'T3-RESULT') name = shortRowLabel(t.t3Rows.find((r) => r.key === term.row.group)?.label ?? term.row.label);
    else name = shortRowLabel(term.row.label);
    const last = groups[groups.length - 1];
    if (last && last.name === name) last.terms.push(term);
    else groups.push({ name, terms: [term] });
  }
  return groups;
}

function formula(model: ReportModel, table: Table, analysis: Analysis, inst: Instance, locale: Locale): string {
  const out = inst.output;
  const outOnLeft = inst.left.some((x) => x.cell === out.cell);
  const plus = (outOnLeft ? inst.right : inst.left).filter((x) => x.cell !== out.cell);
  const minus = (outOnLeft ? inst.left : inst.right).filter((x) => x.cell !== out.cell);
  const sumOf = (terms: Term[]) => {
    let s = 0;
    for (const x of terms) {
      const v = analysis.valueOf(x.cell);
      if (v === null) return null;
      s += v;
    }
    return s;
  };
  const plusGroups = termNames(model, table, inst, plus);
  const minusGroups = termNames(model, table, inst, minus);
  const outName = termNames(model, table, inst, [out])[0].name;
  const names = [...plusGroups.map((g, i) => (i === 0 ? '' : ' + ') + g.name), ...minusGroups.map((g) => ' − ' + g.name)].join('');
  const num = (v: number | null) => (v === null ? '?' : formatNumber(v));
  const values = [...plusGroups.map((g, i) => (i === 0 ? '' : ' + ') + num(sumOf(g.terms))), ...minusGroups.map((g) => ' − ' + num(sumOf(g.terms)))].join('');
  const p = sumOf(plus);
  const m = sumOf(minus);
  const computed = p === null || m === null ? null : p - m;
  let verdict: string;
  if (inst.skipped === 'missing') verdict = pm(locale, 'hover.missing');
  else if (computed === null) verdict = pm(locale, 'hover.unknown');
  else {
    const actual = analysis.valueOf(out.cell);
    verdict = actual === computed ? `✓ ${pm(locale, 'hover.agrees')}` : `✗ ${pm(locale, 'hover.differs', { actual: num(actual), expected: num(computed) })}`;
  }
  const group = table.id === '四' ? (out.cell.column ?? '').split('·').slice(0, -1).join(' › ') : '';
  const scope = inst.scopeRow ? `「${shortRowLabel(inst.scopeRow.label)}」` : inst.scopeColumn ? `「${shortColumnLabel(inst.scopeColumn)}」` : group ? `「${group}」` : '';
  return `${inst.spec.id}${scope ? ' ' + escapeMd(scope) : ''}: ${escapeMd(outName)} = ${escapeMd(names)} = ${values} = **${num(computed)}** — ${verdict}`;
}

export function hover(result: CheckResult, position: Position, locale: Locale): Hover | null {
  const { model, analysis } = result;
  if (!model.isReport) return null;
  const table = tableAt(model, position);
  if (!table) return narrativeHover(result, position, locale);
  const found = cellAt(table, position);
  if (!found) return null;
  const { row, cell } = found;
  return { contents: { kind: 'markdown', value: hoverText(model, analysis, table, row, cell, locale) }, range: cell.range };
}

function hoverText(model: ReportModel, analysis: Analysis, table: Table, row: TableRow, cell: ValueCell, locale: Locale): string {
  const lines: string[] = [];
  const colon = locale === 'en' ? ': ' : '：';
  const tableName = pm(locale, 'table.name', { table: table.id });
  const tableTitle = pm(locale, table.id === '二' ? 'table.t2' : table.id === '三' ? 'table.t3' : 'table.t4');
  lines.push(`**${tableName}** · ${tableTitle}`);
  lines.push('');
  const rp = rowPath(model, table, row);
  const cp = columnPath(model, table, row, cell);
  lines.push(`- ${pm(locale, 'hover.row')}${colon}${rp.length > 0 ? escapeMd(rp.join(' › ')) : pm(locale, 'hover.t4row')}`);
  lines.push(`- ${pm(locale, 'hover.column')}${colon}${cp.length > 0 ? escapeMd(cp.join(' › ')) : pm(locale, 'hover.unaligned')}`);
  lines.push(`- ${pm(locale, 'hover.value')}${colon}${valueText(cell, locale, columnKind(model, table, row, cell))}`);
  const computing = analysis.instances.filter((i) => i.output.cell === cell);
  if (computing.length > 0) {
    lines.push('');
    lines.push(`**${pm(locale, 'hover.formula')}**`);
    lines.push('');
    for (const inst of computing) lines.push(`- ${formula(model, table, analysis, inst, locale)}`);
  }
  return lines.join('\n');
}
