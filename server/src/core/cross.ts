// Last year's report against this year's (spec §4.4): a compact digest of a report (what the cross-year
// checks read of it, small enough to keep for a whole workspace) and the pure checks over this year's model
// and last year's digest. Nothing here reads files: the CLI and the server find last year's report and
// digest it; the XR501–XR503 rules call `crossFindings` when the check is given one.

import type { Analysis } from './identities';
import { sectionText } from './narrative/sections';
import { numericValue } from './numbers';
import type { Range, ReportModel, TableRow, TemplateVersion, ValueCell } from './types';

export interface DigestCell {
  /** The number (blank, invalid: null). */
  value: number | null;
  text: string;
  range: Range;
  /** Canonical row and column labels, for messages. */
  row: string;
  column: string;
}

export interface DigestSection {
  /** Normalised text (no white space, punctuation or digits), at most MAX_SECTION characters. */
  text: string;
  range: Range;
}

/** What the cross-year checks need of a report: a few dozen cells, two sections' text, no model. */
export interface ReportDigest {
  /** Where the report is (a file URI in the editor, a path on the command line): related locations point there. */
  uri?: string;
  /** How to name it in a message (a file name). */
  name?: string;
  /** The agency as the title names it, normalised (spaces, punctuation and markdown marks removed). */
  agency: string | null;
  year: number | null;
  template: TemplateVersion | null;
  titleRange: Range | null;
  /** Table 三 rows 二、上年结转 and 四、结转下年度继续办理, by column key. */
  carriedIn: Record<string, DigestCell>;
  carriedOut: Record<string, DigestCell>;
  /** Table 二 cells by `rowKey.columnKey`. */
  t2: Record<string, DigestCell>;
  /** Every number of table 三 in order (null for blank): identical non-zero tables are 内容雷同 too. */
  t3Values: (number | null)[];
  /** The first data row of table 三 (where an identical table is reported). */
  t3Range: Range | null;
  sections: { 一?: DigestSection; 五?: DigestSection };
}

const MAX_SECTION = 20_000;
const YEAR_OR_REPORT = /(?:19|20)\d{2}\s*年|政府信息公开/;

/** The agency a title names: everything before its year, or before 政府信息公开 when it has none. */
export function agencyOf(title: string | null | undefined): string | null {
  if (!title) return null;
  const cut = YEAR_OR_REPORT.exec(title);
  const raw = cut ? title.slice(0, cut.index) : title;
  const agency = raw
    .normalize('NFKC')
    .replace(/[#*`_>《》“”"'「」\s\u3000·•、，,。:：（）()]/g, '')
    .replace(/(?:关于)?$/, '');
  return agency.length >= 2 ? agency : null;
}

function digestCell(row: TableRow, cell: ValueCell, valueOf: (c: ValueCell) => number | null): DigestCell {
  return { value: valueOf(cell), text: cell.text, range: cell.range, row: row.label, column: cell.column ?? cell.columnKey ?? '' };
}

function digestSection(model: ReportModel, number: '一' | '五'): DigestSection | undefined {
  const s = sectionText(model, number);
  if (!s) return undefined;
  return { text: normaliseForSimilarity(s.text.slice(0, MAX_SECTION * 2)).slice(0, MAX_SECTION), range: s.section.range };
}

/** For the similarity of two texts: content characters only; digits dropped (years and counts change). */
export function normaliseForSimilarity(text: string): string {
  return text.replace(/[\s\u3000\p{P}\p{S}\d０-９]/gu, '');
}

export function digestReport(model: ReportModel, analysis?: Analysis, where: { uri?: string; name?: string } = {}): ReportDigest {
  const valueOf = (c: ValueCell) => (analysis ? analysis.valueOf(c) : numericValue(c.value));
  const rows = (id: '二' | '三') => model.tables[id]?.rows.filter((r) => r.key && (r.kind === 'data' || r.kind === 'extra') && r.aligned) ?? [];
  const t3 = rows('三');
  const byKey = (key: string) => t3.find((r) => r.key === key);
  const carried = (key: string): Record<string, DigestCell> => {
    const row = byKey(key);
    const out: Record<string, DigestCell> = {};
    for (const c of row?.cells ?? []) if (c.columnKey) out[c.columnKey] = digestCell(row!, c, valueOf);
    return out;
  };
  const t2: Record<string, DigestCell> = {};
  for (const r of rows('二')) for (const c of r.cells) if (c.columnKey && !t2[`${r.key}.${c.columnKey}`]) t2[`${r.key}.${c.columnKey}`] = digestCell(r, c, valueOf);
  return {
    ...where,
    agency: agencyOf(model.title?.text),
    year: model.year,
    template: model.template,
    titleRange: model.title?.range ?? null,
    carriedIn: carried('carriedIn'),
    carriedOut: carried('carriedOut'),
    t2,
    t3Values: t3.flatMap((r) => r.cells.map((c) => valueOf(c))),
    t3Range: t3[0]?.range ?? null,
    sections: { 一: digestSection(model, '一'), 五: digestSection(model, '五') },
  };
}

/** Last year's digest is this report's previous year: same agency, the year before. */
export function isPreviousYear(current: ReportDigest, previous: ReportDigest): boolean {
  return current.agency !== null && current.agency === previous.agency && current.year !== null && previous.year === current.year - 1;
}

// ---------------------------------------------------------------------------------------------------
// The checks. Each finding is this year's cell or heading with last year's as the related location.

export interface CrossFinding {
  check: 'X-CARRY' | 'X-ITEMS' | 'X-VALID' | 'X-SAME';
  code: 'XR501' | 'XR502' | 'XR503';
  range: Range;
  /** Last year's cell(s) or heading. */
  related: { range: Range; label: string; value?: number | null }[];
  row?: string;
  column?: string;
  expected?: number;
  actual?: number;
  /** X-SAME: how much of this year's text repeats last year's, 0–1; or 'table' for an identical table 三. */
  similarity?: number;
  section?: '一' | '五' | '三';
  severity?: 'hint';
}

const T3_COLUMNS = ['natural', 'business', 'research', 'publicWelfare', 'legalService', 'otherOrg', 'total'];
const ITEM_ROWS = ['t5.license', 't5.other', 't6.penalty', 't6.coercion', 't8.fee'];
const DOC_ROWS = ['t1.rules', 't1.norms'];
/** Above this share of repeated text a section is 内容雷同 (evaluators report up to 90 %). */
export const SIMILARITY_THRESHOLD = 0.8;
/** Shorter sections (in shingles) say too little to call them copied (`无`, one sentence). */
const MIN_SHINGLES = 40;
const SHINGLE = 6;

export function crossFindings(current: ReportDigest, previous: ReportDigest): CrossFinding[] {
  if (!isPreviousYear(current, previous)) return [];
  const out: CrossFinding[] = [];

  // X-CARRY: 二、上年结转 = last year's 四、结转下年度继续办理, every column; works across the 2020 → 2021 switch.
  for (const col of T3_COLUMNS) {
    const now = current.carriedIn[col];
    const before = previous.carriedOut[col];
    if (!now || !before || now.value === null || before.value === null || now.value === before.value) continue;
    out.push({ check: 'X-CARRY', code: 'XR501', range: now.range, related: [{ range: before.range, label: `${before.row}·${before.column}`, value: before.value }], row: now.row, column: now.column, expected: before.value, actual: now.value });
  }

  // X-ITEMS (2019 format both years): 上一年项目数量 = last year's 上一年项目数量 + 本年增/减.
  if (current.template === '2019' && previous.template === '2019') {
    for (const row of ITEM_ROWS) {
      const now = current.t2[`${row}.items`];
      const items = previous.t2[`${row}.items`];
      const change = previous.t2[`${row}.change`];
      if (!now || !items || !change || now.value === null || items.value === null || change.value === null) continue;
      const expected = items.value + change.value;
      if (now.value === expected) continue;
      out.push({
        check: 'X-ITEMS',
        code: 'XR502',
        range: now.range,
        related: [items, change].map((c) => ({ range: c.range, label: `${c.row}·${c.column}`, value: c.value })),
        row: now.row,
        column: now.column,
        expected,
        actual: now.value,
      });
    }
  }

  // X-VALID (2021 format both years), a hint: 现行有效件数 ≈ last year's + 本年制发件数 − 本年废止件数.
  if (current.template === '2021' && previous.template === '2021') {
    for (const row of DOC_ROWS) {
      const now = current.t2[`${row}.inForce`];
      const issued = current.t2[`${row}.issued`];
      const repealed = current.t2[`${row}.repealed`];
      const before = previous.t2[`${row}.inForce`];
      if (!now || !issued || !repealed || !before || [now, issued, repealed, before].some((c) => c.value === null)) continue;
      const expected = before.value! + issued.value! - repealed.value!;
      if (now.value === expected) continue;
      out.push({ check: 'X-VALID', code: 'XR502', range: now.range, related: [{ range: before.range, label: `${before.row}·${before.column}`, value: before.value }], row: now.row, column: now.column, expected, actual: now.value!, severity: 'hint' });
    }
  }

  // X-SAME: 五 and 一 near-identical to last year's; table 三 identical and not all zero.
  for (const number of ['五', '一'] as const) {
    const now = current.sections[number];
    const before = previous.sections[number];
    if (!now || !before) continue;
    const similarity = containment(now.text, before.text);
    if (similarity === null || similarity < SIMILARITY_THRESHOLD) continue;
    out.push({ check: 'X-SAME', code: 'XR503', range: now.range, related: [{ range: before.range, label: number }], similarity, section: number });
  }
  const a = current.t3Values;
  const b = previous.t3Values;
  if (a.length > 0 && a.length === b.length && a.some((v) => v !== null && v !== 0) && a.every((v, i) => v !== null && v === b[i]) && current.t3Range && previous.t3Range) {
    out.push({ check: 'X-SAME', code: 'XR503', range: current.t3Range, related: [{ range: previous.t3Range, label: '三' }], similarity: 1, section: '三' });
  }
  return out;
}

/**
 * The share of this text's 6-character shingles that also occur in last year's (containment, not Jaccard:
 * this year's text copied into a longer one is still copied); null when the text is too short to tell.
 */
export function containment(text: string, previous: string): number | null {
  const mine = shingles(text);
  if (mine.size < MIN_SHINGLES) return null;
  const theirs = shinglesOf(previous);
  let shared = 0;
  for (const h of mine) if (theirs.has(h)) shared++;
  return shared / mine.size;
}

const shingleCache = new Map<string, Set<number>>();

/** Last year's shingles, kept for the few texts checked against again and again (one per open report). */
function shinglesOf(text: string): Set<number> {
  let s = shingleCache.get(text);
  if (!s) {
    s = shingles(text);
    if (shingleCache.size >= 32) shingleCache.delete(shingleCache.keys().next().value!);
    shingleCache.set(text, s);
  }
  return s;
}

function shingles(text: string): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE <= text.length; i++) {
    let h = 2166136261;
    for (let k = i; k < i + SHINGLE; k++) h = Math.imul(h ^ text.charCodeAt(k), 16777619);
    out.add(h >>> 0);
  }
  return out;
}
