// The abstract report a variant is rendered from: a seed's prose kept verbatim, its three tables as
// structured data (rows and columns from the template JSON, values read from the seed by row and column
// key). parseReport is used here only to pick the seed's values; it never decides a variant's truth.

import common from '../../server/src/core/templates/common.json';
import t2019 from '../../server/src/core/templates/2019.json';
import t2021 from '../../server/src/core/templates/2021.json';
import { parseReport } from '../../server/src/core';
import { readFixture } from '../helpers/reports';

export type TableId = '二' | '三' | '四';
export type Version = '2019' | '2021';
export type SectionNumber = '一' | '二' | '三' | '四' | '五' | '六';
export const SECTION_NUMBERS: readonly SectionNumber[] = ['一', '二', '三', '四', '五', '六'];
export const TABLE_SECTIONS: Record<TableId, SectionNumber> = { 二: '二', 三: '三', 四: '四' };

/** A heading line taken apart: `[bookmark: …]` + `三` + `、` + title. */
export interface Heading {
  prefix: string;
  numeral: SectionNumber;
  sep: string;
  title: string;
  suffix: string;
}

export interface Section {
  number: SectionNumber;
  heading: Heading;
  /** Body lines of a text section (一, 五, 六), verbatim; null for a table section. */
  body: string[] | null;
}

export interface T2Column {
  key: string;
  label: string;
  kind: 'count' | 'delta' | 'amount';
}

export interface T2Row {
  /** Template row key, or `extra:<label>` for a sub-row the seed adds (002: 行政检查 under 其他对外管理服务事项). */
  key: string;
  label: string;
  /** Cell text by column key as the seed writes it ('' = blank); null for a parent row whose values sit in sub-rows. */
  values: Record<string, string> | null;
  parent?: string;
}

export interface T2Sub {
  key: string;
  caption: string;
  columns: T2Column[];
  rows: T2Row[];
}

export interface T3Row {
  key: string;
  label: string;
  kind: 'data' | 'group';
  /** Level-2 group (deny, unable, reject, other) the row sits under. */
  group: string | null;
  /** Under 三、本年度办理结果 (label level 1 merged down to （七）). */
  inResults: boolean;
}

export const T3_COLUMNS: readonly { key: string; label: string }[] = common.t3.columns.map((c) => ({ key: c.key, label: c.label }));
export const T3_DETAILS = ['natural', 'business', 'research', 'publicWelfare', 'legalService', 'otherOrg'] as const;
export const T3_ORGS = ['business', 'research', 'publicWelfare', 'legalService', 'otherOrg'] as const;
export const T3_CORNER = common.t3.headerLabels[2];
export const T3_APPLICANT = common.t3.headerLabels[0];
export const T3_ORG_GROUP = common.t3.headerLabels[1];
export const T4_KEYS = Array.from({ length: 15 }, (_, i) => `c${i + 1}`);
export const T4_LEAVES = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;
export const T4_GROUPS = ['行政复议', '未经复议直接起诉', '复议后起诉'] as const;
export const T4_LITIGATION = '行政诉讼';

/** Table 三's rows for a version, in template order, with their label levels. */
export function t3Rows(version: Version): T3Row[] {
  const tpl = version === '2019' ? t2019 : t2021;
  const all = [...common.t3.rowsBeforeOther, ...tpl.t3Other, ...common.t3.rowsAfterOther] as { key: string; label: string; kind?: string; group?: string }[];
  let inResults = false;
  return all.map((r) => {
    if (r.key === 'carriedOut') inResults = false;
    const row: T3Row = { key: r.key, label: r.label, kind: r.kind === 'group' ? 'group' : 'data', group: r.group ?? null, inResults: inResults && r.key !== 'results' };
    if (r.key === 'results') inResults = true;
    return row;
  });
}

export interface Report {
  seed: string;
  year: number | null;
  version: Version;
  /** Lines before the title (blank lines), the title lines, the preface up to heading 一. */
  lead: string[];
  title: string[];
  preface: string[];
  sections: Section[];
  t2: T2Sub[];
  t3: { version: Version; values: Record<string, Record<string, number | null>> };
  t4: Record<string, number | null>;
  /** Non-zero data planted by nonZero(), for naming. */
  data: 'seed' | 'nonzero';
}

const HEADING_RE = /^((?:\[(?:bookmark|image):[^\]]*\])*[\s\u3000]*)([一二三四五六])(、)(.*?)([\s\u3000]*)$/;

export function parseHeading(line: string): Heading {
  const m = HEADING_RE.exec(line);
  if (!m) throw new Error(`not a heading: ${line}`);
  return { prefix: m[1], numeral: m[2] as SectionNumber, sep: m[3], title: m[4], suffix: m[5] };
}

/** Whole normalised cell texts equal (spaces, half-width brackets). */
function norm(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

/** Reads a seed into an abstract report. */
export function fromSeed(seed: string): Report {
  const text = readFixture(seed);
  const lines = text.split('\n');
  const model = parseReport(text);
  if (!model.title || model.sections.length !== 6 || !model.template) throw new Error(`${seed}: the reader no longer reads this seed`);
  const version = model.template as Version;
  const titleStart = model.title.range.start.line;
  const titleEnd = model.title.range.end.line;
  const sectionLines = model.sections.map((s) => s.line);
  const sections: Section[] = model.sections.map((s, i) => {
    const next = i + 1 < sectionLines.length ? sectionLines[i + 1] : lines.length;
    const body = lines.slice(s.line + 1, next);
    const isTable = s.number === '二' || s.number === '三' || s.number === '四';
    if (isTable && body.some((l, k) => l.trim() !== '' && !(model.tables[s.number as TableId] && s.line + 1 + k >= model.tables[s.number as TableId]!.startLine && s.line + 1 + k <= model.tables[s.number as TableId]!.endLine)))
      throw new Error(`${seed}: prose inside table section ${s.number} is not modelled`);
    return { number: s.number as SectionNumber, heading: parseHeading(lines[s.line]), body: isTable ? null : body };
  });

  // Table 二: template rows and columns, the seed's cell texts.
  const tpl = version === '2019' ? t2019 : t2021;
  const t2model = model.tables['二']!;
  const t2: T2Sub[] = tpl.t2.map((sub) => {
    const header = t2model.rows.find((r, i) => r.kind === 'header' && t2model.rows[i - 1]?.kind === 'caption' && t2model.rows[i - 1].group === sub.key);
    const columns: T2Column[] = sub.columns.map((c, i) => {
      const seen = header?.labelCells[i + 1]?.text;
      // Keep a seed header that adds a unit to the template's (002: 采购总金额（万元，保留四位小数）).
      const label = seen && norm(seen) !== norm(c.label) && norm(seen).startsWith(norm(c.label)) ? seen : c.label;
      return { key: c.key, label, kind: c.kind as T2Column['kind'] };
    });
    const rows: T2Row[] = [];
    for (const r of sub.rows) {
      const seen = t2model.rows.find((x) => x.kind === 'data' && x.key === r.key);
      const extras = t2model.rows.filter((x) => x.kind === 'extra' && x.parentKey === r.key);
      if (extras.length > 0 && !seen) {
        rows.push({ key: r.key, label: r.label, values: null });
        for (const x of extras) rows.push({ key: `extra:${x.label}`, label: x.label, values: Object.fromEntries(x.cells.map((c) => [c.columnKey!, c.text])), parent: r.key });
      } else {
        if (!seen) throw new Error(`${seed}: table 二 row ${r.key} not read`);
        rows.push({ key: r.key, label: r.label, values: Object.fromEntries(sub.columns.map((c) => [c.key, seen.cells.find((x) => x.columnKey === c.key)?.text ?? ''])) });
      }
    }
    return { key: sub.key, caption: sub.caption, columns, rows };
  });

  const numberOf = (table: '三' | '四', key: string, col: string): number | null => {
    const cell = model.tables[table]!.rows.find((r) => r.kind === 'data' && r.key === key)?.cells.find((c) => c.columnKey === col);
    if (!cell) throw new Error(`${seed}: table ${table} ${key}/${col} not read`);
    if (cell.value.kind === 'blank') return null;
    if (cell.value.kind !== 'number') throw new Error(`${seed}: table ${table} ${key}/${col} is ${cell.value.kind}`);
    return cell.value.number!;
  };
  const t3values: Record<string, Record<string, number | null>> = {};
  for (const r of t3Rows(version)) if (r.kind === 'data') t3values[r.key] = Object.fromEntries(T3_COLUMNS.map((c) => [c.key, numberOf('三', r.key, c.key)]));
  const t4 = Object.fromEntries(T4_KEYS.map((k) => [k, numberOf('四', 'row', k)]));

  return {
    seed,
    year: model.year,
    version,
    lead: lines.slice(0, titleStart),
    title: lines.slice(titleStart, titleEnd + 1),
    preface: lines.slice(titleEnd + 1, sectionLines[0]),
    sections,
    t2,
    t3: { version, values: t3values },
    t4,
    data: 'seed',
  };
}

/** Deterministic pseudo-random numbers (mulberry32), as in test/helpers/reports.ts. */
export { rng } from '../helpers/reports';

/** The same report with tables 三 and 四 refilled with random non-zero numbers that satisfy every identity. */
export function nonZero(report: Report, rand: () => number): Report {
  const pick = (max: number) => Math.floor(rand() * (max + 1));
  const rows = t3Rows(report.t3.version).filter((r) => r.kind === 'data');
  const resultKeys = rows.filter((r) => r.inResults && r.key !== 'resultsTotal').map((r) => r.key);
  const values: Record<string, Record<string, number | null>> = {};
  const detailRows = new Map<string, number[]>();
  for (const k of resultKeys) detailRows.set(k, T3_DETAILS.map((_, i) => (i === 0 ? pick(9) : pick(2) === 0 ? pick(3) : 0)));
  const rt = T3_DETAILS.map((_, i) => resultKeys.reduce((s, k) => s + detailRows.get(k)![i], 0));
  const carriedOut = T3_DETAILS.map(() => pick(2));
  const carriedIn = T3_DETAILS.map((_, i) => Math.min(pick(3), rt[i] + carriedOut[i]));
  detailRows.set('resultsTotal', rt);
  detailRows.set('carriedOut', carriedOut);
  detailRows.set('carriedIn', carriedIn);
  detailRows.set('new', T3_DETAILS.map((_, i) => rt[i] + carriedOut[i] - carriedIn[i]));
  for (const r of rows) {
    const d = detailRows.get(r.key)!;
    values[r.key] = { ...Object.fromEntries(T3_DETAILS.map((c, i) => [c, d[i]])), total: d.reduce((a, b) => a + b, 0) };
  }
  const t4: Record<string, number | null> = {};
  for (const g of [1, 6, 11]) {
    let s = 0;
    for (let i = 0; i < 4; i++) {
      const v = pick(3);
      s += v;
      t4[`c${g + i}`] = v;
    }
    t4[`c${g + 4}`] = s;
  }
  return { ...report, t3: { version: report.t3.version, values }, t4, data: 'nonzero' };
}

export function cloneReport(r: Report): Report {
  return structuredClone(r);
}
