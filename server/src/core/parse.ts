// Text → ReportModel: sections (spec §2.4), title, year and dates (§7), and the tables 二/三/四 resolved
// by label against the templates (§3, §5.5). One pass over the lines plus one scan per table region.

import { parseValue } from './numbers';
import { isValueLike, scanRows, type RawCell, type RawRow } from './scan';
import {
  indexesOf,
  type LabelMatch,
  type RowSpec,
  SECTIONS,
  T3_HEADER_LABELS,
  T4_HEADER_ALIASES,
  T4_HEADER_LABELS,
  TEMPLATES,
  VERSIONS,
  templateForYear,
  type ColumnSpec,
  type SectionSpec,
  type SubtableSpec,
  type Template,
} from './templates';
import { ARTIFACT_RE, blankComments, isBlank, isCommentLine, normalizeLabel, range, splitLines, trimBounds, type Line } from './text';
import type {
  Artifact,
  DatedLine,
  LabelCell,
  Range,
  ReportModel,
  RowKind,
  Section,
  SectionNumber,
  Suppression,
  Table,
  TableId,
  TableRow,
  TemplateVersion,
  ValueCell,
} from './types';

const NUMERALS: Record<string, SectionNumber> = {
  一: '一', 二: '二', 三: '三', 四: '四', 五: '五', 六: '六',
  '1': '一', '2': '二', '3': '三', '4': '四', '5': '五', '6': '六',
};
const HEADING_RE = /^([一二三四五六1-6])[ \u3000]*([、.．，,:：]|[ \u3000])[ \u3000]*(.{2,60})$/;
const MARKDOWN_PREFIX_RE = /^[ \u3000\u00a0]*(?:#{1,6}[ \t]+)?(?:\*\*|__)?/;

interface SectionIndexEntry {
  spec: SectionSpec;
  forms: Set<string>;
  canonical: string;
}
function isSpaceChar(c: number): boolean {
  return c === 32 || c === 0x3000 || c === 0xa0 || c === 0xfeff;
}

const SECTION_INDEX = new Map<SectionNumber, SectionIndexEntry>(
  SECTIONS.map((s) => [
    s.number as SectionNumber,
    {
      spec: s,
      canonical: normalizeLabel(s.title),
      forms: new Set([s.title, ...(s.aliases ?? [])].map(normalizeLabel)),
    },
  ]),
);

/** Recognises a section heading line (spec §2.4); null for anything else. */
/** Characters a heading line can start with (after white space): a numeral, `#`, `*`, `_` or `[` of an artefact. */
const HEADING_START = new Set([...'一二三四五六123456#*_[<']);

function headingOf(line: Line, lineNo: number): Section | null {
  const raw = line.text;
  if (raw.length > 240 || raw.length < 3) return null;
  // Cheap rejection first: most lines of a report are narrative or table cells.
  let i = 0;
  while (i < raw.length && isSpaceChar(raw.charCodeAt(i))) i++;
  if (!HEADING_START.has(raw[i]) || raw.includes('\t')) return null;
  const t = blankComments(line.text);
  if (t.length > 120) return null;
  // Strip artefacts and markdown marks but keep track of where the heading text starts.
  let start = 0;
  ARTIFACT_RE.lastIndex = 0;
  let body = t.replace(/^\ufeff/, '');
  if (body.length !== t.length) start = 1;
  for (;;) {
    const m = MARKDOWN_PREFIX_RE.exec(body);
    const a = /^\[(?:bookmark|image):[^\]]{0,80}\]/.exec(body.slice(m ? m[0].length : 0));
    const skip = (m ? m[0].length : 0) + (a ? a[0].length : 0);
    if (skip === 0) break;
    start += skip;
    body = body.slice(skip);
  }
  const [, end] = trimBounds(t, start);
  body = t.slice(start, end).replace(/(?:\*\*|__)$/, '');
  const m = HEADING_RE.exec(body);
  if (!m) return null;
  const number = NUMERALS[m[1]];
  const entry = SECTION_INDEX.get(number)!;
  const title = m[3].replace(/(?:\*\*|__)$/, '');
  const norm = normalizeLabel(title);
  const known = entry.forms.has(norm);
  if (!known && !(norm.length <= 30 && entry.spec.keywords.some((ks) => ks.every((k) => norm.includes(k))))) return null;
  const sep = m[2];
  const oddNumbering = /[一二三四五六]/.test(m[1]) && sep === '、' ? undefined : m[1] + sep.trim();
  return {
    number,
    title: title.trim(),
    canonicalTitle: `${number}、${entry.spec.title}`,
    canonical: norm === entry.canonical,
    oddNumbering,
    line: lineNo,
    range: range(lineNo, start, start + body.length),
    lineRange: range(lineNo, 0, t.length),
    endLine: lineNo,
  };
}

/** `xxgk-disable-next-line XR103`, `xxgk-disable-line …`, `xxgk-disable-file …` (in an HTML comment). */
function suppressionOf(text: string, lineNo: number): Suppression | null {
  const at = text.indexOf('xxgk-disable');
  if (at === -1) return null;
  let rest = text.slice(at + 'xxgk-disable'.length);
  let scope: 'next' | 'line' | 'file' = 'file';
  for (const [suffix, sc] of [['-next-line', 'next'], ['-line', 'line'], ['-file', 'file']] as const) {
    if (rest.startsWith(suffix)) {
      scope = sc;
      rest = rest.slice(suffix.length);
      break;
    }
  }
  if (rest !== '' && !/^[\s,，]/.test(rest)) return null;
  const close = rest.indexOf('-->');
  const rules = (close === -1 ? rest : rest.slice(0, close)).split(/[\s,，]+/).filter((r) => r !== '' && r.length <= 40);
  if (scope === 'file') return { scope: 'file', line: lineNo, rules };
  return { scope: 'line', line: scope === 'line' ? lineNo : lineNo + 1, rules };
}

const YEAR_IN_TITLE = /((?:19|20)\d{2})\s*年/;
const PERIOD_RE = /((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日(?:起)?\s*至\s*((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日/;
const DATE_LINE_RE = /^[\s\u3000]*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[\s\u3000]*$/;
const PARTS_RE = /([一二三四五六七八九十]|\d{1,2})\s*(?:个\s*)?部分/;
const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** `tables: false` reads sections, title, year and comments only (a section-level check). */
export function parseReport(text: string, options: { tables?: boolean } = {}): ReportModel {
  const lines = splitLines(text);
  const headings: Section[] = [];
  const suppressions: Suppression[] = [];
  const artifacts: Artifact[] = [];

  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    if (t.includes('[')) {
      for (const m of t.matchAll(ARTIFACT_RE)) artifacts.push({ text: m[0], range: range(i, m.index!, m.index! + m[0].length) });
    }
    const s = suppressionOf(t, i);
    if (s) suppressions.push(s);
    const h = headingOf(lines[i], i);
    if (h) headings.push(h);
  }
  for (let k = 0; k < headings.length; k++) {
    const next = k + 1 < headings.length ? headings[k + 1].line - 1 : lines.length - 1;
    headings[k].endLine = next;
  }

  const firstHeading = headings.length > 0 ? headings[0].line : lines.length;
  const title = findTitle(lines, firstHeading);
  const yearSources: ReportModel['yearSources'] = [];
  if (title) {
    const m = YEAR_IN_TITLE.exec(title.text);
    if (m) yearSources.push({ source: 'title', year: Number(m[1]), range: title.range });
  }
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    if (!t.includes('12')) continue;
    const m = PERIOD_RE.exec(t);
    if (m && m[1] === m[2]) {
      yearSources.push({ source: 'period', year: Number(m[1]), range: range(i, m.index, m.index + m[0].length) });
      break;
    }
  }
  const overview = headings.find((h) => h.number === '一');
  if (overview) {
    for (let i = overview.line + 1; i <= overview.endLine; i++) {
      if (isBlank(lines[i].text)) continue;
      const m = /^[\s\u3000]*((?:19|20)\d{2})\s*年(?!\d|\s*\d+\s*月)/.exec(lines[i].text);
      if (m) yearSources.push({ source: 'overview', year: Number(m[1]), range: range(i, m[0].length - m[1].length - 1, m[0].length) });
      break;
    }
  }
  const signingDate = findSigningDate(lines);
  if (signingDate) yearSources.push({ source: 'signing', year: signingDate.year - 1, range: signingDate.range });
  const year = yearSources.length > 0 ? yearSources[0].year : null;

  let partCount: ReportModel['partCount'] = null;
  for (let i = 0; i < Math.min(firstHeading, lines.length); i++) {
    const m = PARTS_RE.exec(lines[i].text);
    if (m) {
      const count = CN_DIGITS[m[1]] ?? Number(m[1]);
      partCount = { count, range: range(i, m.index, m.index + m[0].length) };
      break;
    }
  }

  const tables: Partial<Record<TableId, Table>> = {};
  for (const id of ['二', '三', '四'] as TableId[]) {
    if (options.tables === false) break;
    const h = headings.find((s) => s.number === id);
    if (!h || h.endLine <= h.line) continue;
    const t = parseTable(id, lines, h.line + 1, h.endLine, templateForYear(year));
    if (t) tables[id] = t;
  }

  const decided = (['二', '三'] as TableId[]).map((id) => tables[id]).find((t) => t && t.versionEvidence > 0);
  const template = decided?.version ?? templateForYear(year) ?? tables['二']?.version ?? null;
  const isReport =
    headings.length >= 2 ||
    (title !== null && /政府信息公开/.test(title.text) && /报告/.test(title.text)) ||
    Object.keys(tables).length > 0;

  return {
    text,
    lines: lines.map((l) => l.text),
    lineCount: lines.length,
    title,
    year,
    yearSources,
    template,
    sections: headings,
    tables,
    artifacts,
    signingDate,
    partCount,
    suppressions,
    isReport,
  };
}

function findTitle(lines: readonly Line[], before: number): ReportModel['title'] {
  let first = -1;
  for (let i = 0; i < before && i < 20; i++) {
    if (!isBlank(lines[i].text) && !isCommentLine(lines[i].text)) {
      first = i;
      break;
    }
  }
  if (first === -1) return null;
  const clean = (t: string) => t.replace(/^\ufeff/, '').replace(/^[\s\u3000]*#{1,6}\s*/, '').replace(/\*\*/g, '').trim();
  let text = clean(lines[first].text);
  if (text.length > 60 || text.includes('\t')) return null;
  let last = first;
  // Titles are broken over up to three lines, sometimes with a blank line between.
  for (let i = first + 1; i < before && i <= first + 4 && !/报告/.test(text); i++) {
    const t = clean(lines[i].text);
    if (t === '' || isCommentLine(lines[i].text)) continue;
    if (t.length > 30 || text.length + t.length > 70) break;
    text += t;
    last = i;
  }
  if (!/报告|政府信息公开/.test(text)) return null;
  const [a] = trimBounds(lines[first].text);
  const [, b] = trimBounds(lines[last].text);
  return { text, range: { start: { line: first, character: a }, end: { line: last, character: b } } };
}

function findSigningDate(lines: readonly Line[]): DatedLine | null {
  let seen = 0;
  for (let i = lines.length - 1; i >= 0 && seen < 6; i--) {
    const t = lines[i].text;
    if (isBlank(t)) continue;
    seen++;
    const m = DATE_LINE_RE.exec(t);
    if (m) {
      const [a, b] = trimBounds(t);
      return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), range: range(i, a, b) };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Tables

function labelCell(c: RawCell): LabelCell {
  return { text: c.text, norm: normalizeLabel(c.text), range: c.range };
}

function valueCells(cells: RawCell[], columns: ColumnSpec[] | null): { cells: ValueCell[]; aligned: boolean } {
  const expected = columns ? columns.length : cells.length;
  // Merged label positions lead, TSV artefacts trail: drop empty cells from either end until the row fits.
  let from = 0;
  let to = cells.length;
  while (to - from > expected) {
    if (cells[from].text === '') from++;
    else if (cells[to - 1].text === '') to--;
    else break;
  }
  const list = cells.slice(from, to);
  const aligned = columns !== null && list.length === expected;
  return {
    aligned,
    cells: list.map((c, k) => {
      const value = parseValue(c.text);
      const col = aligned ? columns![k] : null;
      const valueRange =
        value.kind === 'number'
          ? range(c.range.start.line, c.range.start.character + value.tokenStart!, c.range.start.character + value.tokenEnd!)
          : c.range;
      return { column: col ? col.label : null, columnKey: col ? col.key : null, text: c.text, range: c.range, valueRange, value };
    }),
  };
}

/**
 * Splits a raw row into its leading labels and trailing values: the labels end at the last non-empty
 * cell before the first number that still leaves room for the values the row needs.
 */
function splitRow(row: RawRow, expected: number): { labels: RawCell[]; values: RawCell[] } {
  const cells = row.cells;
  const firstValue = cells.findIndex((c) => isValueLike(c.text));
  let end = -1;
  if (firstValue === -1) {
    // No number at all: a header, a caption, or a row whose values are all blank.
    for (let k = 0; k < cells.length; k++) if (cells[k].text !== '') end = k;
  } else {
    for (let k = 0; k < firstValue; k++) {
      if (cells[k].text === '') continue;
      if (cells.length - k - 1 >= expected || end === -1) end = k;
    }
  }
  return { labels: cells.slice(0, end + 1).filter((c) => c.text !== ''), values: cells.slice(end + 1) };
}

interface RowBase {
  labelCells: LabelCell[];
  line: number;
  range: Range;
}

/** Every row object gets the same shape: spreading a base object made V8 fall off its fast path. */
function makeRow(
  base: RowBase,
  kind: RowKind,
  key: string | null,
  label: string,
  cells: ValueCell[],
  expected: number,
  aligned: boolean,
  group?: string,
  parentKey?: string,
): TableRow {
  return { kind, key, label, labelCells: base.labelCells, cells, expected, aligned, line: base.line, range: base.range, group, parentKey };
}

function rowRange(row: RawRow): TableRow['range'] {
  const first = row.cells[0]?.range.start ?? { line: row.line, character: 0 };
  const last = row.cells[row.cells.length - 1]?.range.end ?? first;
  return { start: first, end: last };
}

function parseTable(id: TableId, lines: readonly Line[], from: number, to: number, byYear: TemplateVersion | null): Table | null {
  const { rows: raw, flattening } = scanRows(lines, from, to);
  if (raw.length === 0) return null;
  // Parse against every template and keep the one the structure fits best (spec §3.7).
  let best: { table: Table; score: number; signals: number } | null = null;
  for (const v of VERSIONS) {
    const parsed =
      id === '二' ? parseT2(raw, TEMPLATES[v]) : id === '三' ? parseT3(raw, TEMPLATES[v]) : parseT4(raw, TEMPLATES[v]);
    const better =
      !best ||
      parsed.signals > best.signals ||
      (parsed.signals === best.signals && parsed.score > best.score) ||
      (parsed.signals === best.signals && parsed.score === best.score && v === byYear);
    if (better) best = { table: parsed.table, score: parsed.score, signals: parsed.signals };
  }
  const { table } = best!;
  table.versionEvidence = best!.signals;
  table.flattening = flattening;
  table.startLine = from;
  table.endLine = to;
  table.range = { start: { line: from, character: 0 }, end: { line: to, character: lines[to].text.length } };
  return table;
}

interface Parsed {
  table: Table;
  /** How well the rows fit: matched rows and aligned values, minus unknown rows. */
  score: number;
  /** Version-specific labels found (only meaningful for 二 and 三). */
  signals: number;
}

function emptyTable(id: TableId, version: TemplateVersion | null): Table {
  const zero = { line: 0, character: 0 };
  return { id, flattening: 'cell-per-line', version, versionEvidence: 0, startLine: 0, endLine: 0, range: { start: zero, end: zero }, rows: [], headerCells: [] };
}

function scoreOf(rows: TableRow[]): number {
  let s = 0;
  for (const r of rows) {
    if (r.kind === 'data') s += r.aligned ? 2 : 1;
    else if (r.kind === 'unknown' || r.kind === 'extra') s -= 1;
  }
  return s;
}

/** Rows whose values fell apart into paragraphs (`政府集中采购` / `1` / `92 万元`) are joined back. */
function absorbLooseValues(rows: RawRow[], k: number, need: number, values: RawCell[]): number {
  let j = k + 1;
  while (values.filter((c) => c.text !== '').length < need && j < rows.length) {
    const r = rows[j];
    if (r.cells.length === 0 || !r.cells.every((c) => c.text === '' || isValueLike(c.text))) break;
    values.push(...r.cells.filter((c) => c.text !== ''));
    j++;
  }
  return j - 1;
}

const CAPTION_RE = /^第二十条第（[一二三四五六七八九十]+）项$/;

function t2Signals(t: Template): Set<string> {
  const own = new Set<string>();
  for (const sub of t.t2) {
    own.add(normalizeLabel(sub.caption));
    for (const c of sub.columns) own.add(normalizeLabel(c.label));
    for (const r of sub.rows) own.add(normalizeLabel(r.label));
  }
  return own;
}
const T2_SIGNALS = new Map<TemplateVersion, Set<string>>();
for (const v of VERSIONS) {
  const own = t2Signals(TEMPLATES[v]);
  for (const w of VERSIONS) {
    if (w === v) continue;
    const other = TEMPLATES[w].t2.flatMap((s) => [
      s.caption,
      ...s.columns.flatMap((c) => [c.label, ...(c.aliases ?? [])]),
      ...s.rows.flatMap((r) => [r.label, ...(r.aliases ?? [])]),
    ]);
    for (const o of other) own.delete(normalizeLabel(o));
  }
  T2_SIGNALS.set(v, own);
}

function parseT2(raw: RawRow[], t: Template): Parsed {
  const table = emptyTable('二', t.version);
  const { t2Captions: captions, t2Rows: allRows } = indexesOf(t.version);
  const signalSet = T2_SIGNALS.get(t.version)!;
  let signals = 0;
  let sub = null as SubtableSpec | null;
  let lastParent: string | undefined;

  for (let k = 0; k < raw.length; k++) {
    const r = raw[k];
    const need = sub ? sub.columns.length : 3;
    const { labels, values } = splitRow(r, need);
    const lc = labels.map(labelCell);
    const first = lc[0]?.norm ?? '';
    const base = { labelCells: lc, line: r.line, range: rowRange(r), group: sub?.key };
    for (const l of lc) if (signalSet.has(l.norm) || [...signalSet].some((s) => s.length >= 5 && l.norm.startsWith(s))) signals++;

    if (lc.length > 0 && CAPTION_RE.test(first)) {
      const m = captions.match(first);
      sub = m ? m.spec.sub : null;
      table.headerCells.push(...lc);
      table.rows.push(makeRow(base, 'caption', sub?.key ?? null, lc[0].text, [], 0, true, sub?.key));
      lastParent = undefined;
      continue;
    }
    if (first === '信息内容') {
      table.headerCells.push(...lc);
      table.rows.push(makeRow(base, 'header', null, '信息内容', [], 0, true));
      continue;
    }
    if (lc.length === 0 && values.every((c) => c.text === '')) continue;
    // Most specific label first; a sub-row names its parent first (`其他对外管理服务事项` / `行政检查`).
    const specific = lc[lc.length - 1];
    const match: LabelMatch<RowSpec> | null = specific ? allRows.match(specific.norm, sub?.key) : null;
    let parentKey: string | undefined;
    if (!match && lc.length >= 2) {
      const parent = allRows.match(lc[0].norm, sub?.key);
      if (parent) parentKey = parent.spec.key;
    } else if (!match && lc.length === 1 && lastParent && r.cells[0]?.text === '') {
      parentKey = lastParent;
    }
    if (match && match.spec.group !== sub?.key) {
      const group: string | undefined = match.spec.group;
      sub = t.t2.find((s: SubtableSpec): boolean => s.key === group) ?? sub;
    }
    const columns = sub ? sub.columns : null;
    const vals = values.slice();
    if (match && vals.filter((c) => c.text !== '').length === 0) k = absorbLooseValues(raw, k, columns?.length ?? 1, vals);
    const { cells, aligned } = valueCells(vals, columns);
    if (lc.length === 0) {
      table.rows.push(makeRow(base, 'unknown', null, '', cells, columns?.length ?? 0, false));
      continue;
    }
    if (match) {
      lastParent = undefined;
      const spec = match.spec;
      const hasValues = cells.some((c) => c.value.kind !== 'blank');
      const isParentOnly = !hasValues && raw[k + 1] && nextIsSubRow(raw[k + 1]);
      table.rows.push(
        makeRow(base, 'data', spec.key, spec.label, isParentOnly ? [] : cells, isParentOnly ? 0 : columns?.length ?? 0, isParentOnly ? true : aligned, sub?.key),
      );
      if (isParentOnly) lastParent = spec.key;
      continue;
    }
    if (parentKey) lastParent = parentKey;
    table.rows.push(makeRow(base, cells.length > 0 ? 'extra' : 'unknown', null, specific.text, cells, columns?.length ?? 0, aligned, sub?.key, parentKey));
  }
  return { table, score: scoreOf(table.rows), signals };
}

/** A following row that starts with an empty merged cell and a label: a sub-row of the row above. */
function nextIsSubRow(r: RawRow): boolean {
  return r.cells.length >= 2 && r.cells[0].text === '' && r.cells[1].text !== '' && !isValueLike(r.cells[1].text);
}

function parseT3(raw: RawRow[], t: Template): Parsed {
  const table = emptyTable('三', t.version);
  const { t3Rows: index, t3Columns: columnIndex } = indexesOf(t.version);
  let group: string | undefined;
  let signals = 0;

  for (let k = 0; k < raw.length; k++) {
    const r = raw[k];
    const { labels, values } = splitRow(r, t.t3Columns.length);
    const lc = labels.map(labelCell);
    const base = { labelCells: lc, line: r.line, range: rowRange(r) };
    if (lc.length === 0 && values.every((c) => c.text === '')) continue;
    // Header rows: only column labels and the corner note.
    if (values.every((c) => c.text === '') && lc.length > 0 && lc.every((l) => T3_HEADER_LABELS.has(l.norm) || columnIndex.match(l.norm) || l.norm.startsWith('（本列数据'))) {
      table.headerCells.push(...lc);
      table.rows.push(makeRow(base, 'header', null, lc[0].text, [], 0, true));
      continue;
    }
    // Resolve the most specific label; group labels before it set the group for numbered labels.
    let match: ReturnType<typeof index.match> = null;
    for (const l of lc) {
      const m = index.match(l.norm, group);
      if (!m) continue;
      match = m;
      if (m.spec.kind === 'group') group = m.spec.key === 'results' ? undefined : m.spec.key;
      else if (m.spec.group === undefined) group = undefined;
    }
    const vals = values.slice();
    if (match && match.spec.kind !== 'group' && vals.every((c) => c.text === '')) k = absorbLooseValues(raw, k, 7, vals);
    const { cells, aligned } = valueCells(vals, t.t3Columns);
    const hasValues = cells.some((c) => c.text !== '');
    if (match) {
      const spec = match.spec;
      if (spec.kind === 'group') {
        if (hasValues) {
          // A group label carrying values is an author's subtotal row (T3-SUB).
          table.rows.push(makeRow(base, 'extra', `${spec.key}.subtotal`, spec.label, cells, 7, aligned, spec.key));
          if (spec.key === 'other' && t.version === '2021') signals--;
        } else {
          table.rows.push(makeRow(base, 'group', spec.key, spec.label, [], 0, true, spec.key));
        }
        continue;
      }
      if (spec.key.startsWith('other.')) signals++;
      if (spec.key === 'other' && hasValues) signals++;
      table.rows.push(makeRow(base, 'data', spec.key, spec.label, cells, 7, aligned, spec.group));
      continue;
    }
    const label = lc.length > 0 ? lc[lc.length - 1].text : '';
    const subtotal = /^(小计|合计)$/.test(lc[lc.length - 1]?.norm ?? '') && group;
    table.rows.push(makeRow(base, hasValues ? 'extra' : 'unknown', subtotal ? `${group}.subtotal` : null, label, cells, 7, aligned, group));
  }
  return { table, score: scoreOf(table.rows), signals };
}

function parseT4(raw: RawRow[], t: Template): Parsed {
  const table = emptyTable('四', t.version);
  for (const r of raw) {
    const { labels, values } = splitRow(r, t.t4Columns.length);
    const lc = labels.map(labelCell);
    const base = { labelCells: lc, line: r.line, range: rowRange(r) };
    if (lc.length === 0 && values.every((c) => c.text === '')) continue;
    const headerish = lc.length > 0 && lc.every((l) => T4_HEADER_LABELS.has(l.norm) || l.norm in T4_HEADER_ALIASES);
    if (values.every((c) => c.text === '') && lc.length > 0) {
      table.headerCells.push(...lc);
      table.rows.push(makeRow(base, headerish ? 'header' : 'unknown', null, lc[0].text, [], 0, true));
      continue;
    }
    const { cells, aligned } = valueCells(values, t.t4Columns);
    const isData = !table.rows.some((x) => x.key === 'row');
    table.rows.push(makeRow(base, isData ? 'data' : 'extra', isData ? 'row' : null, lc[0]?.text ?? '', cells, 15, aligned));
  }
  return { table, score: scoreOf(table.rows), signals: 0 };
}
