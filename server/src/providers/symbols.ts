// Outline and folding: the six sections → the tables 二/三/四 → (二) its sub-tables, (三) its row groups
// 一、二、三（（一）…（七））、四. Built from the one parsed model.

import { normalizeLabel, type Locale, type ReportModel, type Section, type Table, type TableRow } from '../core';
import { pm } from './messages';
import { isStructural, rowSpan, TABLE_IDS, templateOf, versionOf } from './tables';
import { SymbolKind, type DocumentSymbol, type FoldingRange, type Range } from './types';

function lastNonBlank(model: ReportModel, from: number, to: number): number {
  let last = to;
  while (last > from && model.lines[last].trim() === '') last--;
  return last;
}

function lineRange(model: ReportModel, start: number, end: number): Range {
  return { start: { line: start, character: 0 }, end: { line: end, character: model.lines[end]?.length ?? 0 } };
}

function sectionEnd(model: ReportModel, s: Section): number {
  return lastNonBlank(model, s.line, Math.min(s.endLine, model.lineCount - 1));
}

function rowEndLine(r: TableRow): number {
  return Math.max(r.line, r.range.end.line);
}

function symbolOfRow(model: ReportModel, r: TableRow, name: string): DocumentSymbol {
  const sel = r.labelCells.length > 0 ? r.labelCells[r.labelCells.length - 1].range : r.range;
  const total = r.cells.find((c) => c.columnKey === 'total');
  return {
    name,
    detail: total && total.text !== '' ? `${total.column} ${total.text}` : undefined,
    kind: SymbolKind.Field,
    range: lineRange(model, r.line, rowEndLine(r)),
    selectionRange: sel,
  };
}

/** A synthesised group node (三、本年度办理结果, （三）不予公开 …) spanning its children. */
function groupNode(name: string, first: DocumentSymbol, labelRange: Range | undefined): DocumentSymbol {
  return { name, kind: SymbolKind.Enum, range: { ...first.range }, selectionRange: labelRange ?? first.selectionRange, children: [] };
}

function extend(node: DocumentSymbol, child: DocumentSymbol): void {
  node.children!.push(child);
  if (child.range.end.line > node.range.end.line || (child.range.end.line === node.range.end.line && child.range.end.character > node.range.end.character)) {
    node.range = { start: node.range.start, end: child.range.end };
  }
}

function t3Children(model: ReportModel, table: Table): DocumentSymbol[] {
  const t = templateOf(model, table);
  const specOf = new Map(t.t3Rows.map((r) => [r.key, r]));
  const resultsLabel = specOf.get('results')!.label;
  const out: DocumentSymbol[] = [];
  let results: DocumentSymbol | undefined;
  let group: { key: string; node: DocumentSymbol } | undefined;
  const labelRangeOf = (r: TableRow, label: string) => {
    const norm = normalizeLabel(label);
    return r.labelCells.find((l) => l.norm === norm)?.range;
  };

  for (const r of table.rows) {
    if (r.kind === 'header' || r.kind === 'caption' || !isStructural(r)) continue;
    const subtotalOf = r.key?.endsWith('.subtotal') ? r.key.slice(0, -'.subtotal'.length) : undefined;
    const spec = r.key ? specOf.get(subtotalOf ?? r.key) : undefined;
    if (spec && !subtotalOf && (spec.key === 'new' || spec.key === 'carriedIn' || spec.key === 'carriedOut')) {
      out.push(symbolOfRow(model, r, spec.label));
      results = undefined;
      group = undefined;
      continue;
    }
    if (r.kind === 'group' && spec?.key === 'results') {
      results = groupNode(resultsLabel, symbolOfRow(model, r, resultsLabel), r.labelCells[0]?.range);
      out.push(results);
      continue;
    }
    const sym = symbolOfRow(model, r, spec && !subtotalOf ? spec.label : r.label);
    if (!results) {
      results = groupNode(resultsLabel, sym, labelRangeOf(r, resultsLabel));
      out.push(results);
    }
    const groupKey = subtotalOf ?? (r.kind === 'group' ? r.key ?? undefined : spec?.group ?? (spec ? undefined : r.group));
    if (groupKey) {
      if (!group || group.key !== groupKey) {
        const g = specOf.get(groupKey);
        group = { key: groupKey, node: groupNode(g?.label ?? groupKey, sym, g ? labelRangeOf(r, g.label) : undefined) };
        extend(results, group.node);
      }
      if (r.kind !== 'group') extend(group.node, sym);
      if (results.range.end.line < group.node.range.end.line) results.range = { start: results.range.start, end: group.node.range.end };
      continue;
    }
    group = undefined;
    extend(results, sym);
  }
  return out;
}

function t2Children(model: ReportModel, table: Table): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  let current: DocumentSymbol | undefined;
  for (const r of table.rows) {
    if (!isStructural(r)) continue;
    if (r.kind === 'caption') {
      current = { name: r.label, kind: SymbolKind.Enum, range: lineRange(model, r.line, rowEndLine(r)), selectionRange: r.labelCells[0]?.range ?? r.range, children: [] };
      out.push(current);
      continue;
    }
    if (r.kind === 'header') {
      if (current) extend(current, { name: r.label, kind: SymbolKind.Field, range: lineRange(model, r.line, rowEndLine(r)), selectionRange: r.range });
      continue;
    }
    const sym = symbolOfRow(model, r, r.label || '—');
    if (current) extend(current, sym);
    else out.push(sym);
  }
  // Header rows are noise in the outline once they have stretched their sub-table.
  for (const s of out) s.children = s.children?.filter((c) => c.kind !== SymbolKind.Field || !/^信息内容$/.test(c.name));
  return out;
}

function tableSymbol(model: ReportModel, table: Table, locale: Locale): DocumentSymbol | null {
  const span = rowSpan(table);
  if (!span) return null;
  const first = table.rows.find((r) => isStructural(r) && r.line === span.first) ?? table.rows[0];
  const children = table.id === '三' ? t3Children(model, table) : table.id === '二' ? t2Children(model, table) : [];
  return {
    name: pm(locale, 'table.name', { table: table.id }),
    detail: pm(locale, 'table.detail', { version: versionOf(model, table) }),
    kind: SymbolKind.Struct,
    range: lineRange(model, span.first, span.last),
    selectionRange: first.range.start.line === first.range.end.line ? first.range : lineRange(model, span.first, span.first),
    children,
  };
}

export function documentSymbols(model: ReportModel, locale: Locale): DocumentSymbol[] {
  if (!model.isReport) return [];
  const out: DocumentSymbol[] = [];
  const tables = TABLE_IDS.map((id) => model.tables[id]).filter((t): t is Table => t !== undefined);
  for (const s of model.sections) {
    const end = sectionEnd(model, s);
    const sym: DocumentSymbol = {
      name: `${s.number}、${s.title}`,
      detail: s.canonical ? undefined : s.canonicalTitle,
      kind: SymbolKind.Namespace,
      // From the heading's first line: one broken over two lines starts a line above `line`, and the
      // selection range must lie inside.
      range: lineRange(model, s.range.start.line, end),
      selectionRange: s.range,
      children: [],
    };
    for (const t of tables) {
      if (t.startLine <= s.line || t.startLine > s.endLine) continue;
      const ts = tableSymbol(model, t, locale);
      if (ts && ts.range.end.line <= end) sym.children!.push(ts);
    }
    out.push(sym);
  }
  return out;
}

export function foldingRanges(model: ReportModel): FoldingRange[] {
  if (!model.isReport) return [];
  const out: FoldingRange[] = [];
  for (const s of model.sections) {
    const end = sectionEnd(model, s);
    if (end > s.line) out.push({ startLine: s.range.start.line, endLine: end, kind: 'region' });
  }
  for (const id of TABLE_IDS) {
    const t = model.tables[id];
    const span = t && rowSpan(t);
    if (span && span.last > span.first) out.push({ startLine: span.first, endLine: span.last, kind: 'region' });
    // Within table 三, each result group folds too.
    if (t && id === '三') {
      for (const g of t3Children(model, t)) {
        for (const c of [g, ...(g.children ?? [])]) {
          if (c.kind === SymbolKind.Enum && c.range.end.line > c.range.start.line) out.push({ startLine: c.range.start.line, endLine: c.range.end.line, kind: 'region' });
        }
      }
    }
  }
  out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return out;
}
