// Template lookups the editor features share: a row's label path, a column's header path, short names,
// which table a position is in, and the lines a table's rows really occupy.

import { TEMPLATES, containsPosition, type Position, type ReportModel, type Table, type TableId, type TableRow, type TemplateVersion, type ValueCell } from '../core';

export type Template = (typeof TEMPLATES)['2021'];
export type T3RowSpec = Template['t3Rows'][number];

export const TABLE_IDS: readonly TableId[] = ['二', '三', '四'];

export function versionOf(model: ReportModel, table: Table): TemplateVersion {
  return table.version ?? model.template ?? '2021';
}

export function templateOf(model: ReportModel, table: Table): Template {
  return TEMPLATES[versionOf(model, table)];
}

/** Rows that are part of the table itself (not stray text lines after it). */
export function isStructural(row: TableRow): boolean {
  if (row.kind === 'unknown') return row.cells.some((c) => c.text !== '');
  return true;
}

/** First and last line the table's rows occupy (the region also holds blank lines and notes). */
export function rowSpan(table: Table): { first: number; last: number } | null {
  let first = -1;
  let last = -1;
  for (const r of table.rows) {
    if (!isStructural(r)) continue;
    if (first === -1 || r.line < first) first = r.line;
    last = Math.max(last, r.range.end.line, r.line);
  }
  return first === -1 ? null : { first, last };
}

export function tableAt(model: ReportModel, p: Position): Table | undefined {
  for (const id of TABLE_IDS) {
    const t = model.tables[id];
    if (t && p.line >= t.startLine && p.line <= t.endLine) return t;
  }
  return undefined;
}

export function tablesIn(model: ReportModel, startLine: number, endLine: number): Table[] {
  const out: Table[] = [];
  for (const id of TABLE_IDS) {
    const t = model.tables[id];
    if (t && t.startLine <= endLine && t.endLine >= startLine) out.push(t);
  }
  return out;
}

/** The value cell at a position, with its row. */
export function cellAt(table: Table, p: Position): { row: TableRow; cell: ValueCell } | undefined {
  for (const row of table.rows) {
    if (row.range.end.line < p.line || row.line > p.line) continue;
    for (const cell of row.cells) if (containsPosition(cell.range, p)) return { row, cell };
  }
  return undefined;
}

const T3_ORG_COLUMNS = new Set(['business', 'research', 'publicWelfare', 'legalService', 'otherOrg']);

/** `三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密` (table 三), `第二十条第（一）项 › 规章` (二). */
export function rowPath(model: ReportModel, table: Table, row: TableRow): string[] {
  const t = templateOf(model, table);
  if (table.id === '四') return [];
  if (table.id === '二') {
    const sub = t.t2.find((s) => s.key === row.group);
    const parent = row.parentKey ? sub?.rows.find((r) => r.key === row.parentKey)?.label : undefined;
    return [...(sub ? [sub.caption] : []), ...(parent ? [parent] : []), row.label];
  }
  const subtotal = row.key?.endsWith('.subtotal') ?? false;
  const key = subtotal ? row.key!.slice(0, -'.subtotal'.length) : row.key;
  const spec = t.t3Rows.find((r) => r.key === key);
  if (spec && !subtotal && ['new', 'carriedIn', 'carriedOut'].includes(spec.key)) return [spec.label];
  if (!spec && !row.group) return [row.label];
  const path = [t.t3Rows.find((r) => r.key === 'results')!.label];
  const groupKey = subtotal ? key : spec?.group ?? row.group;
  const group = groupKey ? t.t3Rows.find((r) => r.key === groupKey) : undefined;
  if (group && (subtotal || group.key !== spec?.key)) path.push(group.label);
  const last = spec && !subtotal ? spec.label : row.label;
  if (path[path.length - 1] !== last) path.push(last);
  return path;
}

/** `申请人情况 › 法人或其他组织 › 商业企业`, `行政诉讼 › 复议后起诉 › 总计`. */
export function columnPath(model: ReportModel, table: Table, row: TableRow, cell: ValueCell): string[] {
  if (!cell.columnKey || !cell.column) return [];
  if (table.id === '三') return ['申请人情况', ...(T3_ORG_COLUMNS.has(cell.columnKey) ? ['法人或其他组织'] : []), cell.column];
  if (table.id === '四') return cell.column.split('·');
  const sub = templateOf(model, table).t2.find((s) => s.key === row.group);
  const spec = sub?.columns.find((c) => c.key === cell.columnKey);
  return [spec?.label ?? cell.column];
}

/** Kind of a column per spec §6.1: count, delta or amount. */
export function columnKind(model: ReportModel, table: Table, row: TableRow, cell: ValueCell): 'count' | 'delta' | 'amount' {
  if (table.id !== '二' || !cell.columnKey) return 'count';
  const sub = templateOf(model, table).t2.find((s) => s.key === row.group);
  const spec = sub?.columns.find((c) => c.key === cell.columnKey) as { kind?: string } | undefined;
  return spec?.kind === 'delta' ? 'delta' : spec?.kind === 'amount' ? 'amount' : 'count';
}

/** `一` for `一、本年新收…`, `（二）部分公开` for `（二）部分公开（区分处理的…）`. */
export function shortRowLabel(label: string): string {
  const top = /^([一二三四五六七八九十]+)、/.exec(label);
  if (top) return top[1];
  return label.replace(/(.)（[^）]*）$/, '$1');
}

/** Last segment of a column label: `结果维持` of `行政复议·结果维持`. */
export function shortColumnLabel(label: string): string {
  const parts = label.split('·');
  return parts[parts.length - 1];
}
