// Text → ReportModel: sections (spec §2.4, §5.5 rule 1), title, year and dates (§7), and the tables
// 二/三/四 (tables.ts). One pass over the lines plus one scan per table region.

import { candidateLines, chooseSections, headingCandidate, headingOverTwoLines, lineAt, type HeadingCandidate } from './sections';
import { readTable } from './tables';
import { T3_HEADER_LABELS_LIST, T4_GROUP_LABELS, T4_LEAF_LABELS, TEMPLATES, templateForYear } from './templates';
import { ARTIFACT_RE, isBlank, isPageMark, isCommentLine, normalizeLabel, range, splitLines, trimBounds, type Line } from './text';
import type { Artifact, DatedLine, ReportModel, Section, Suppression, Table, TableId } from './types';

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
/** The statistics period, `2020年1月1日至2020年12月31日`, on one line. */
const PERIOD_ALL = /((?:19|20)\d{2})[^\S\r\n]*年[^\S\r\n]*1[^\S\r\n]*月[^\S\r\n]*1[^\S\r\n]*日(?:起)?[^\S\r\n]*至[^\S\r\n]*((?:19|20)\d{2})[^\S\r\n]*年[^\S\r\n]*12[^\S\r\n]*月[^\S\r\n]*31[^\S\r\n]*日/g;
// The date alone on its line, or after the agency's name and a gap of spaces (`示例局    2023年1月18日`).
const DATE_LINE_RE = /^[\s\u3000]*(?:[^\s\u3000\d][^\d]*?[\s\u3000]{2,})?[（(]?((?:19|20)\d{2})(?:\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|([.．\-/／])(\d{1,2})\4(\d{1,2}))[）)]?[\s\u3000]*$/;
/** `二〇二三年一月十八日`: a date in Chinese numerals, as some offices still sign. */
const CN_DATE_LINE_RE = /^[\s\u3000]*(?:[^\s\u3000\d][^\d]*?[\s\u3000]{2,})?([〇○零Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日[\s\u3000]*$/;
const CN_YEAR_DIGITS: Record<string, number> = { '〇': 0, '○': 0, 零: 0, 'Ｏ': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** `十八` → 18, `二十` → 20, `三十一` → 31, `九` → 9; NaN for anything else. */
function cnNumber(t: string): number {
  const i = t.indexOf('十');
  if (i === -1) return t.length === 1 ? CN_YEAR_DIGITS[t] ?? NaN : NaN;
  const tens = i === 0 ? 1 : CN_YEAR_DIGITS[t.slice(0, i)] ?? NaN;
  const ones = i === t.length - 1 ? 0 : CN_YEAR_DIGITS[t.slice(i + 1)] ?? NaN;
  return t.length > 3 ? NaN : tens * 10 + ones;
}
const PARTS_RE = /([一二三四五六七八九十]|\d{1,2})\s*(?:个\s*)?部分/;
const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** Around each 至 this far: the period, spaces and all, is shorter (a line end stops it anyway). */
const PERIOD_REACH = 64;

/**
 * The first statement of the report period with one year (`2020年1月1日起至2020年12月31日`). Looked for
 * around each 至: a whole-text pass would try every 19xx/20xx of a long report's tables.
 */
function findPeriod(text: string): { index: number; length: number; year: number } | null {
  for (let at = text.indexOf('至'); at !== -1; at = text.indexOf('至', at + 1)) {
    const from = Math.max(0, at - PERIOD_REACH);
    const window = text.slice(from, at + PERIOD_REACH);
    PERIOD_ALL.lastIndex = 0;
    for (let m = PERIOD_ALL.exec(window); m; m = PERIOD_ALL.exec(window)) {
      if (m[1] === m[2]) return { index: from + m.index, length: m[0].length, year: Number(m[1]) };
    }
  }
  return null;
}

/** `tables: false` reads sections, title, year and comments only (a section-level check). */
export function parseReport(text: string, options: { tables?: boolean } = {}): ReportModel {
  const lines = splitLines(text);
  const candidates: HeadingCandidate[] = [];
  const suppressions: Suppression[] = [];
  const artifacts: Artifact[] = [];

  // Artefacts and suppressions by whole-text passes (the regex engine and indexOf), then only the lines
  // they point at; heading candidates by a look at each line's first characters.
  if (text.includes('[')) {
    for (const m of text.matchAll(ARTIFACT_RE)) {
      const i = lineAt(lines, m.index!);
      const at = m.index! - lines[i].start;
      artifacts.push({ text: m[0], range: range(i, at, at + m[0].length) });
    }
  }
  // Page numbers on lines of their own: only short lines are looked at (a whole-text regex pass would
  // cost as much as the rest of a large table's reading).
  const before = artifacts.length;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    if (t.length < 3 || t.length > 32 || !isPageMark(t)) continue;
    const [a, b] = trimBounds(t);
    artifacts.push({ text: t.slice(a, b), range: range(i, a, b) });
  }
  if (artifacts.length > before && before > 0) artifacts.sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
  let lastSuppressed = -1;
  for (let at = text.indexOf('xxgk-disable'); at !== -1; at = text.indexOf('xxgk-disable', at + 1)) {
    const i = lineAt(lines, at);
    if (i === lastSuppressed) continue;
    lastSuppressed = i;
    const s = suppressionOf(lines[i].text, i);
    if (s) suppressions.push(s);
  }
  let continued = -1;
  for (const i of candidateLines(lines)) {
    if (i === continued) continue;
    let h = headingCandidate(lines[i], i);
    if (!h?.exactTitle) {
      const two = headingOverTwoLines(lines, i);
      if (two) {
        h = two;
        continued = i + 1;
      }
    }
    if (h) candidates.push(h);
  }
  const headings = chooseSections(candidates, lines);

  const firstHeading = headings.length > 0 ? headings[0].line : lines.length;
  const title = findTitle(lines, firstHeading);
  const yearSources: ReportModel['yearSources'] = [];
  if (title) {
    const m = YEAR_IN_TITLE.exec(title.text);
    if (m) yearSources.push({ source: 'title', year: Number(m[1]), range: title.range });
  }
  const period = findPeriod(text);
  if (period) {
    const i = lineAt(lines, period.index);
    const at = period.index - lines[i].start;
    yearSources.push({ source: 'period', year: period.year, range: range(i, at, at + period.length) });
  }
  const overview = headings.find((h) => h.number === '一' && h.duplicateOf === undefined);
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
  if (options.tables !== false) {
    const byYear = templateForYear(year);
    for (const region of tableRegions(lines, headings)) {
      const t = readTable(region.id, lines, region.from, region.to, byYear);
      if (!t) continue;
      if (region.orphan) t.orphan = true;
      tables[region.id] = t;
    }
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
    lineStarts: lines.map((l) => l.start),
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

const YEAR_LINE = /^[（(]\s*[0-9０-９]{4}\s*年度?\s*[）)]$/;

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
  // The year in brackets on a line of its own under a complete title: `（2022年度）`.
  for (let i = last + 1; i < before && i <= last + 2; i++) {
    const t = clean(lines[i].text);
    if (t === '') continue;
    if (YEAR_LINE.test(t)) {
      text += t;
      last = i;
    }
    break;
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
      // `2024年1月20日`, `（2024年1月20日）`, `2024.1.20`, `2024-01-20`.
      return { year: Number(m[1]), month: Number(m[2] ?? m[5]), day: Number(m[3] ?? m[6]), range: range(i, a, b) };
    }
    const c = CN_DATE_LINE_RE.exec(t);
    if (c) {
      const year = Number([...c[1]].map((d) => CN_YEAR_DIGITS[d]).join(''));
      const [month, day] = [cnNumber(c[2]), cnNumber(c[3])];
      if (year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= 31) {
        const [a, b] = trimBounds(t);
        return { year, month, day, range: range(i, a, b) };
      }
    }
  }
  return null;
}

/** Lines that open each table when its heading is missing (spec §5.6: a heading missing, its content there). */
const TABLE_ANCHORS: Record<TableId, RegExp> = {
  二: /^第?二十条第?（一）项/,
  三: /^（?本列数据的勾稽关系|^申请人情况$|^一、?本年新收政府信息公开申请数量/,
  四: /^行政复议$/,
};

interface TableRegion {
  id: TableId;
  from: number;
  to: number;
  /** Found by its content: the section heading is missing. */
  orphan: boolean;
}

/**
 * Where each table is: the body of its section, or — when the heading is missing — from the first line
 * (or cell) that opens such a table, after the tables before it. A region ends at the next section
 * heading or the next table's start, so a table without its heading is not read as part of another.
 */
function tableRegions(lines: readonly Line[], sections: readonly Section[]): TableRegion[] {
  const starts: { id: TableId; from: number; orphan: boolean }[] = [];
  let after = sections.find((s) => s.number === '一' && s.duplicateOf === undefined)?.line ?? -1;
  for (const id of ['二', '三', '四'] as TableId[]) {
    const h = sections.find((s) => s.number === id && s.duplicateOf === undefined);
    if (h) {
      starts.push({ id, from: h.line + 1, orphan: false });
      after = Math.max(after, h.line);
      continue;
    }
    let line = findAnchor(lines, TABLE_ANCHORS[id], after + 1, sections);
    if (line === -1) continue;
    const words = HEADER_WORDS[id];
    if (words) line = headerAbove(lines, line, after, words);
    starts.push({ id, from: line, orphan: true });
    after = line;
  }
  const regions: TableRegion[] = [];
  for (const s of starts) {
    let to = lines.length - 1;
    // Up to the next heading's first line (a heading broken over two lines starts the line before its own).
    for (const h of sections) {
      const first = h.lineRange.start.line;
      if (h.line >= s.from && first - 1 < to) to = first - 1;
    }
    for (const o of starts) if (o.from > s.from && o.from - 1 < to) to = o.from - 1;
    if (to >= s.from) regions.push({ id: s.id, from: s.from, to, orphan: s.orphan });
  }
  return regions;
}

/** Table 四's header words, from the template: its result columns and its group names with their aliases. */
const T4_HEADER_WORDS = new Set([...T4_LEAF_LABELS, ...T4_GROUP_LABELS.flatMap((g) => [g.label, ...(g.aliases ?? [])])].map(normalizeLabel));
/** Table 三's: its columns with their aliases and the names above them (the corner note is an anchor itself). */
const T3_HEADER_WORDS = new Set([...TEMPLATES['2021'].t3Columns.flatMap((c) => [c.label, ...(c.aliases ?? [])]), ...T3_HEADER_LABELS_LIST].map(normalizeLabel));
const HEADER_WORDS: Partial<Record<TableId, ReadonlySet<string>>> = { 三: T3_HEADER_WORDS, 四: T4_HEADER_WORDS };

/**
 * The first of the lines just above `line` (after `floor`) that hold only the table's header words: a
 * table's header rows may come in another order (四's result names above its group names, 三's
 * 商业企业 … above 自然人), and those above its anchor are its own, not the end of the table before.
 */
function headerAbove(lines: readonly Line[], line: number, floor: number, words: ReadonlySet<string>): number {
  let from = line;
  let blank = 0;
  for (let i = line - 1; i > floor; i--) {
    const cells = lines[i].text.split(/[\t|]/).map(normalizeLabel).filter((c) => c !== '' && !/^[-:]+$/.test(c));
    if (cells.length === 0) {
      // An empty merged cell (a lone TAB) or a markdown delimiter row between header lines; a blank line
      // (one cell per line ends each row with one) only between header lines.
      if (lines[i].text.includes('\t') || lines[i].text.includes('-')) continue;
      if (++blank > 1) break;
      continue;
    }
    if (!cells.every((c) => words.has(c))) break;
    blank = 0;
    from = i;
  }
  return from;
}

function findAnchor(lines: readonly Line[], anchor: RegExp, from: number, sections: readonly Section[]): number {
  const headingLines = new Set(sections.map((s) => s.line));
  for (let i = Math.max(0, from); i < lines.length; i++) {
    const t = lines[i].text;
    if (t.length > 400 || headingLines.has(i)) continue;
    const cells = t.split(/[\t|]/);
    for (const cell of cells) {
      const c = normalizeLabel(cell);
      if (c !== '' && anchor.test(c)) return i;
    }
    // A cell of several paragraphs goes on at the start of the next line (`⇥第二十条第` / `（一）项`).
    const next = i + 1 < lines.length && !headingLines.has(i + 1) ? lines[i + 1].text.split(/[\t|]/)[0] : '';
    const joined = normalizeLabel(cells[cells.length - 1] + next);
    if (next.trim() !== '' && anchor.test(joined)) return i;
  }
  return -1;
}
