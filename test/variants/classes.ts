// The variation classes of spec §5.6. Each is a deterministic transform of a document (abstract report +
// presentation) driven by a seeded RNG, applicable alone or after others, and records what the variation
// itself deserves: the findings a correct reader may (required: false) or must (required: true) report
// because of it. Errors a variant does not deserve are false errors (property P1).

import common from '../../server/src/core/templates/common.json';
import { SECTION_NUMBERS, T3_COLUMNS, T3_ORGS, T4_KEYS, t3Rows, type Report, type SectionNumber, type TableId } from './abstract';
import { cellId, type Flattening, type GroupMode, type Presentation, type T3Header } from './render';

export type Anchor =
  | { kind: 'heading'; number: SectionNumber }
  | { kind: 'label'; table: TableId; rowKey: string }
  | { kind: 'value'; table: TableId; rowKey: string; colKey: string }
  | { kind: 'header'; table: TableId }
  | { kind: 'table'; table: TableId };

export interface Deserved {
  code: string;
  /** Where the finding belongs; none: anywhere. */
  at?: Anchor;
  /** The spec says this finding is reported (P4); otherwise it is merely allowed. */
  required: boolean;
  /** Exactly one such finding (XR201: once per table). */
  once?: boolean;
  why: string;
}

export interface Doc {
  report: Report;
  p: Presentation;
  deserved: Deserved[];
}

export interface VariationClass {
  name: string;
  /** What the class does, in the words of spec §5.6. */
  what: string;
  /** The flattenings the class exists in (all when absent). */
  flattenings?: readonly Flattening[];
  /** Applies the class; false when it does not apply to this document (nothing changed). */
  apply(doc: Doc, rand: () => number, fl: Flattening): boolean;
}

const pickOne = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (rand: () => number, p: number) => rand() < p;
function shuffle<T>(rand: () => number, xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）').replace(/,/g, '，');

// ---------------------------------------------------------------------------------------------------
// Character edits (typos)

/** Characters typists slip in: the `…行政法复议…` kind. */
const TYPO_POOL = [...'法政信息公开工作的和及与情况行申请处理其他事项年度'];

type TypoOp = 'drop' | 'add' | 'change' | 'drop2';

/** A typo inside text[from, to) (never in a numbering prefix); null when the span is too short. */
function typo(text: string, from: number, rand: () => number, op: TypoOp): string | null {
  const span = text.length - from;
  const editable = (i: number) => !/[\s（）()，,、.．“”"0-9]/.test(text[i]);
  const positions = Array.from({ length: span }, (_, k) => from + k).filter(editable);
  if (positions.length < 4) return null;
  const at = pickOne(rand, positions);
  switch (op) {
    case 'drop':
      return text.slice(0, at) + text.slice(at + 1);
    case 'add':
      return text.slice(0, at + 1) + pickOne(rand, TYPO_POOL) + text.slice(at + 1);
    case 'change': {
      const c = pickOne(rand, TYPO_POOL.filter((x) => x !== text[at]));
      return text.slice(0, at) + c + text.slice(at + 1);
    }
    case 'drop2': {
      if (positions.length < 6) return null;
      const other = pickOne(rand, positions.filter((p) => p !== at));
      const [a, b] = [Math.min(at, other), Math.max(at, other)];
      return text.slice(0, a) + text.slice(a + 1, b) + text.slice(b + 1);
    }
  }
}

/** Length of a row label's numbering: `（一）`, `1.`, `1. `, `一、`, `(六) `. */
function prefixLength(label: string): number {
  const m = /^(?:[（(][一二三四五六七八九十]+[）)]\s*|\d+[.．、]\s*|[一二三四五六七八九十]+、)/.exec(label);
  return m ? m[0].length : 0;
}

// ---------------------------------------------------------------------------------------------------
// Helpers over the document

const t3LabelOf = (doc: Doc, key: string) => doc.p.t3.labels[key] ?? t3Rows(doc.report.t3.version).find((r) => r.key === key)!.label;
const headingTitle = (doc: Doc, n: SectionNumber) => doc.p.headings[n]?.title ?? doc.report.sections.find((s) => s.number === n)!.heading.title;
const headingTouched = (doc: Doc, n: SectionNumber) => doc.p.headings[n] !== undefined;
const sectionSpec = (n: SectionNumber) => common.sections.find((s) => s.number === n)! as { number: string; title: string; aliases?: string[] };

function touchHeading(doc: Doc, n: SectionNumber, change: { numeral?: string; title?: string; hidden?: boolean; broken?: boolean }): void {
  doc.p.headings[n] = { ...(doc.p.headings[n] ?? {}), ...change };
}

/** Every count cell of tables 三 and 四 (and 二's counts), with what is written in it. */
function valueCells(doc: Doc): { table: TableId; row: string; col: string; value: string | number | null }[] {
  const out: { table: TableId; row: string; col: string; value: string | number | null }[] = [];
  for (const sub of doc.report.t2) for (const r of sub.rows) if (r.values) for (const c of sub.columns) out.push({ table: '二', row: r.key, col: c.key, value: r.values[c.key] });
  for (const [row, cols] of Object.entries(doc.report.t3.values)) for (const [col, v] of Object.entries(cols)) out.push({ table: '三', row, col, value: v });
  for (const k of T4_KEYS) out.push({ table: '四', row: 'row', col: k, value: doc.report.t4[k] });
  return out;
}

const isBlank = (doc: Doc, c: { table: TableId; row: string; col: string; value: string | number | null }) =>
  c.value === null || c.value === '' || !!doc.p.cells[cellId(c.table, c.row, c.col)]?.blank;

function style(doc: Doc, table: TableId, row: string, col: string) {
  const id = cellId(table, row, col);
  return (doc.p.cells[id] ??= {});
}

function t2Kind(doc: Doc, row: string, col: string): 'count' | 'delta' | 'amount' | null {
  for (const sub of doc.report.t2) if (sub.rows.some((r) => r.key === row)) return sub.columns.find((c) => c.key === col)?.kind ?? null;
  return null;
}

// ---------------------------------------------------------------------------------------------------
// The classes, in the order they are applied when combined

/** Short and long agency names seen in titles. */
const AGENCY_FORMS: [RegExp, string][] = [
  [/地区卫健委/, '卫健委'],
  [/卫生健康委员会/, '卫健委'],
  [/卫生健康局/, '卫健局'],
  [/卫生健康委/, '卫健委'],
];

const title: VariationClass = {
  name: 'title',
  what: 'titles: year with spaces (`2024 年`), `YYYY年度`, agency short names, title split over lines',
  apply(doc, rand) {
    let lines = [...doc.report.title];
    const hasYear = lines.some((l) => /\d{4}年/.test(l));
    const options = shuffle(rand, [...(hasYear ? ['yearSpace', 'yearDu'] : []), 'short', 'split']);
    const chosen = options.slice(0, 1 + Math.floor(rand() * 2));
    if (chosen.includes('yearSpace')) lines = lines.map((l) => l.replace(/(\d{4})年/, pickOne(rand, ['$1 年', '$1　年', ' $1 年'])));
    if (chosen.includes('yearDu')) lines = lines.map((l) => (/\d{4}\s*年度/.test(l) ? l.replace(/(\d{4}\s*)年度/, '$1年') : l.replace(/(\d{4}\s*)年/, '$1年度')));
    if (chosen.includes('short')) {
      const form = AGENCY_FORMS.find(([re]) => lines.some((l) => re.test(l)));
      if (form) lines = lines.map((l) => l.replace(form[0], form[1]));
    }
    if (chosen.includes('split')) {
      const whole = lines.filter((l) => l.trim() !== '').join('');
      // Break anywhere but inside the year's digits, into two or three lines, sometimes with blank lines between.
      const cuts = Array.from({ length: whole.length - 1 }, (_, i) => i + 1).filter((i) => !(/\d/.test(whole[i - 1]) && /\d/.test(whole[i])));
      const n = chance(rand, 0.6) ? 1 : 2;
      const at = shuffle(rand, cuts).slice(0, n).sort((a, b) => a - b);
      const bounds = [0, ...at, whole.length];
      const parts = bounds.slice(1).map((end, i) => whole.slice(bounds[i], end));
      const gap = chance(rand, 0.5);
      lines = parts.flatMap((p, i) => (i > 0 && gap ? ['', p] : [p]));
    }
    if (lines.join('\n') === doc.report.title.join('\n')) return false;
    doc.p.title = lines;
    doc.deserved.push({ code: 'XR306', required: false, why: 'a non-standard title is a notice' });
    return true;
  },
};

const headingTypo: VariationClass = {
  name: 'heading.typo',
  what: 'section headings: a character added, dropped or changed (`…行政法复议…`)',
  apply(doc, rand) {
    const candidates = SECTION_NUMBERS.filter((n) => !headingTouched(doc, n));
    if (candidates.length === 0) return false;
    const n = pickOne(rand, candidates);
    const spec = sectionSpec(n);
    const known = [spec.title, ...(spec.aliases ?? [])].map(norm);
    const current = headingTitle(doc, n);
    for (let tries = 0; tries < 20; tries++) {
      const t = typo(current, 0, rand, pickOne(rand, ['drop', 'add', 'change'] as TypoOp[]));
      if (t && !known.includes(norm(t))) {
        touchHeading(doc, n, { title: t });
        doc.deserved.push({ code: 'XR004', at: { kind: 'heading', number: n }, required: true, why: 'a misspelt heading is a heading variant (spec §2.3, §5.5.1)' });
        return true;
      }
    }
    return false;
  },
};

const headingAlias: VariationClass = {
  name: 'heading.alias',
  what: 'section headings: known long and short forms (`政府信息公开工作存在的主要问题及改进情况`)',
  apply(doc, rand) {
    const candidates = SECTION_NUMBERS.filter((n) => !headingTouched(doc, n) && (sectionSpec(n).aliases ?? []).some((a) => norm(a) !== norm(headingTitle(doc, n))));
    if (candidates.length === 0) return false;
    const n = pickOne(rand, candidates);
    const alias = pickOne(rand, sectionSpec(n).aliases!.filter((a) => norm(a) !== norm(headingTitle(doc, n))));
    touchHeading(doc, n, { title: alias });
    doc.deserved.push({ code: 'XR004', at: { kind: 'heading', number: n }, required: true, why: 'a known alias is marked non-canonical (spec §2.3)' });
    return true;
  },
};

const headingMissing: VariationClass = {
  name: 'heading.missing',
  what: 'section headings: a heading missing while its content is there',
  apply(doc, rand) {
    const candidates = SECTION_NUMBERS.filter((n) => !headingTouched(doc, n));
    if (candidates.length === 0) return false;
    const n = pickOne(rand, candidates);
    touchHeading(doc, n, { hidden: true });
    doc.deserved.push({ code: 'XR001', required: true, why: `heading ${n} is genuinely missing (spec §5.5.1: missing only when its title is nowhere)` });
    return true;
  },
};

const headingRenumbered: VariationClass = {
  name: 'heading.renumbered',
  what: 'sections renumbered: sub-headings of 一 numbered 一、二、… and the real sections numbered from 一 again',
  apply(doc, rand) {
    const one = doc.report.sections.find((s) => s.number === '一')!;
    const hasSubs = (one.body ?? []).some((l) => /^[\s\u3000]*（[一二三四五六七八九十]）/.test(l));
    const rest = SECTION_NUMBERS.slice(1);
    const renumber = !hasSubs || (rest.every((n) => !headingTouched(doc, n)) && chance(rand, 0.7));
    if (!hasSubs && !rest.every((n) => !headingTouched(doc, n))) return false;
    doc.p.subHeadings = hasSubs;
    if (renumber) {
      rest.forEach((n, i) => {
        touchHeading(doc, n, { numeral: SECTION_NUMBERS[i] });
        doc.deserved.push({ code: 'XR014', at: { kind: 'heading', number: n }, required: true, why: `section ${n} found by its title under ${SECTION_NUMBERS[i]} (spec §5.5.1, XR014)` });
      });
    }
    return true;
  },
};

const headingStyle: VariationClass = {
  name: 'heading.style',
  what: 'section headings numbered `（一）总体情况` or `第一部分　总体情况` throughout',
  apply(doc, rand) {
    // A report's own style: most headings are there under their own numerals (not renumbered).
    const own = SECTION_NUMBERS.filter((n) => !doc.p.headings[n]?.hidden && (doc.p.headings[n]?.numeral ?? n) === n);
    if (own.length < 5) return false;
    doc.p.headingStyle = chance(rand, 0.5) ? 'paren' : 'part';
    for (const n of own) doc.deserved.push({ code: 'XR005', at: { kind: 'heading', number: n }, required: true, why: 'a heading numbered in another style is that section, its numbering non-standard (spec §2.3)' });
    return true;
  },
};

const headingBroken: VariationClass = {
  name: 'heading.broken',
  what: 'section headings broken over two lines in the middle of their title (a line break inside the paragraph: PDF text, some web pages)',
  apply(doc, rand) {
    const candidates = SECTION_NUMBERS.filter((n) => !headingTouched(doc, n) && headingTitle(doc, n).length >= 6);
    if (candidates.length === 0) return false;
    const k = 1 + Math.floor(rand() * Math.min(3, candidates.length));
    for (let j = 0; j < k; j++) {
      const left = candidates.filter((n) => !doc.p.headings[n]?.broken);
      touchHeading(doc, pickOne(rand, left), { broken: true });
    }
    return true;
  },
};

const headingMisnumbered: VariationClass = {
  name: 'heading.misnumbered',
  what: 'section headings: one section under another section\'s numeral',
  apply(doc, rand) {
    const candidates = SECTION_NUMBERS.filter((n) => !headingTouched(doc, n));
    if (candidates.length === 0) return false;
    const n = pickOne(rand, candidates);
    const i = SECTION_NUMBERS.indexOf(n);
    const numeral = pickOne(rand, SECTION_NUMBERS.filter((m) => m !== n && Math.abs(SECTION_NUMBERS.indexOf(m) - i) <= 2));
    touchHeading(doc, n, { numeral });
    doc.deserved.push({ code: 'XR014', at: { kind: 'heading', number: n }, required: true, why: `section ${n} found by its title under ${numeral} (spec §5.5.1, XR014)` });
    return true;
  },
};

/** Shortened (last word missing), spaced and local column names. */
const T3_NAMES: Record<string, string[]> = {
  natural: ['自然 人'],
  business: ['商业', '商业 企业'],
  research: ['科研', '科研  机构'],
  publicWelfare: ['社会组织', '社会公益'],
  legalService: ['法律服务', '法律 服务机构'],
  otherOrg: ['其它'],
  total: ['总 计'],
  org: ['法人或者其他组织', '法人和其他组织'],
  applicant: ['申请人'],
};
const T4_NAMES: Record<string, string[]> = {
  结果维持: ['维持'],
  结果纠正: ['纠正'],
  未经复议直接起诉: ['未经复议直接诉讼', '直接起诉'],
  复议后起诉: ['复议后诉讼'],
  总计: ['总 计'],
};

/** Every name that has one written without its last word (issue 10: `其他` then reads like the row `3.其他`). */
const T3_SHORT: Record<string, string> = { business: '商业', research: '科研', publicWelfare: '社会公益', legalService: '法律服务', applicant: '申请人' };
const T4_SHORT: Record<string, string> = { 结果维持: '维持', 结果纠正: '纠正', 其他结果: '其他', 未经复议直接起诉: '直接起诉' };

const headerNames: VariationClass = {
  name: 'header.names',
  what: 'header wording: shortened or local column names (a name missing its last word, `社会组织`)',
  apply(doc, rand) {
    if (chance(rand, 0.5)) {
      // The whole header written short.
      Object.assign(doc.p.t3.names, T3_SHORT);
      if (chance(rand, 0.5)) doc.p.t3.names.publicWelfare = '社会组织';
      if (chance(rand, 0.6)) Object.assign(doc.p.t4.names, T4_SHORT);
    } else {
      for (const k of shuffle(rand, Object.keys(T3_NAMES)).slice(0, 1 + Math.floor(rand() * 3))) doc.p.t3.names[k] = pickOne(rand, T3_NAMES[k]);
      if (chance(rand, 0.6)) for (const k of shuffle(rand, Object.keys(T4_NAMES)).slice(0, 1 + Math.floor(rand() * 2))) doc.p.t4.names[k] = pickOne(rand, T4_NAMES[k]);
    }
    if (chance(rand, 0.5))
      for (const sub of doc.report.t2)
        for (const c of sub.columns) {
          if (c.label === '本年增/减') doc.p.t2.headers[`${sub.key}.${c.key}`] = '本年增减';
          if (c.label === '本年收费金额（单位：万元）') doc.p.t2.headers[`${sub.key}.${c.key}`] = '本年收费金额（万元）';
        }
    for (const t of ['二', '三', '四'] as TableId[]) doc.deserved.push({ code: 'XR012', at: { kind: 'header', table: t }, required: false, why: 'a column name variant is a notice at most' });
    return true;
  },
};

const headerCorner: VariationClass = {
  name: 'header.corner',
  what: 'header wording: the corner note as its own header cell',
  apply(doc, rand, fl) {
    if (doc.p.t3.header !== 'official') return false;
    // An unspanned corner cell only shows where cells are lines of their own.
    doc.p.t3.header = pickOne(rand, (fl === 'cell-per-line' ? ['cornerRow', 'cornerUnspanned', 'cornerBottom'] : ['cornerRow', 'cornerBottom']) as T3Header[]);
    return true;
  },
};

const headerSpans: VariationClass = {
  name: 'header.spans',
  what: 'header wording: `申请人情况` / `法人或其他组织` spanning cells present or absent',
  apply(doc, rand) {
    if (doc.p.t3.header !== 'official') return false;
    doc.p.t3.header = pickOne(rand, ['noApplicant', 'noOrg', 'flat'] as T3Header[]);
    return true;
  },
};

const headerRowlike: VariationClass = {
  name: 'header.rowlike',
  what: 'header texts equal to row labels: the columns `其他` and `总计` in header rows before any data row, written so that they open or end a line',
  apply(doc, rand) {
    const how = pickOne(rand, ['noLeading', 'totalBottom', 'leavesBottom', 'flat'] as const);
    if (how !== 'noLeading' && doc.p.t3.header !== 'official') return false;
    if (how === 'noLeading') {
      doc.p.t3.noLeading = true;
      doc.p.t4.noLeading = true;
    } else doc.p.t3.header = how;
    return true;
  },
};

const t4Layout: VariationClass = {
  name: 't4.layout',
  what: 'table 四 layout: header levels interleaved or group by group; 15 values in one row, or three rows of five',
  apply(doc, rand) {
    const how = pickOne(rand, ['levels', 'groupwise', 'three', 'three'] as const);
    if (how === 'three') {
      doc.p.t4.rows = 'three';
      doc.p.t4.threeLabels = pickOne(rand, ['plain', 'ownRow', 'prefixed'] as const);
    } else doc.p.t4.header = how;
    return true;
  },
};

const headerOrder: VariationClass = {
  name: 'header.order',
  what: 'header wording: header lines in a different order than the template\'s',
  apply(doc, rand) {
    const t3Count = { official: 3, cornerRow: 4, cornerUnspanned: 3, noApplicant: 2, noOrg: 2, flat: 1, totalBottom: 3, leavesBottom: 3, cornerBottom: 3 }[doc.p.t3.header];
    const t4Count = doc.p.t4.rows === 'three' ? 1 : doc.p.t4.header === 'groupwise' ? 2 : 3;
    const permute = (n: number) => {
      if (n < 2) return null;
      const id = Array.from({ length: n }, (_, i) => i);
      for (;;) {
        const p = shuffle(rand, id);
        if (p.some((x, i) => x !== i)) return p;
      }
    };
    const o3 = permute(t3Count);
    const o4 = chance(rand, 0.5) ? permute(t4Count) : null;
    if (!o3 && !o4) return false;
    doc.p.t3.headerOrder = o3;
    doc.p.t4.headerOrder = o4;
    return true;
  },
};

/** `（二）部分公开（区分处理的，只计这一情形，不计其他情形）` → `(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)`. */
export function halfWidth(label: string): string {
  const n = prefixLength(label);
  let head = label.slice(0, n);
  let rest = label.slice(n);
  head = head.replace(/^（(.+?)）\s*/, '($1) ').replace(/^(\d+)[.．]\s*/, '$1. ');
  rest = rest
    .replace(/(\S)（/g, '$1 (')
    .replace(/（/g, '(')
    .replace(/）(?=\S)/g, ') ')
    .replace(/）/g, ')')
    .replace(/，/g, ', ')
    .replace(/、/g, ', ')
    .replace(/[“”]/g, '"');
  return head + rest;
}

const labelHalfwidth: VariationClass = {
  name: 'label.halfwidth',
  what: 'row label wording: half-width brackets and commas with spaces (`(六) 其他`, `1. 申请人…, 行政机关…`)',
  apply(doc, rand) {
    let changed = false;
    for (const r of t3Rows(doc.report.t3.version)) {
      if (!chance(rand, 0.8)) continue;
      const before = t3LabelOf(doc, r.key);
      const after = halfWidth(before);
      if (after !== before) {
        doc.p.t3.labels[r.key] = after;
        changed = true;
        doc.deserved.push({ code: 'XR012', at: { kind: 'label', table: '三', rowKey: r.key }, required: false, why: 'half-width punctuation is a label variant (notice at most)' });
      }
    }
    return changed;
  },
};

const labelTypo: VariationClass = {
  name: 'label.typo',
  what: 'row label wording: a character dropped, added or changed, or two dropped',
  apply(doc, rand) {
    const rows = t3Rows(doc.report.t3.version);
    const all = rows.map((r) => norm(t3LabelOf(doc, r.key)));
    const n = chance(rand, 0.7) ? 1 : 2;
    let done = 0;
    for (const r of shuffle(rand, rows)) {
      if (done === n) break;
      const before = t3LabelOf(doc, r.key);
      const t = typo(before, prefixLength(before), rand, pickOne(rand, ['drop', 'add', 'change', 'drop2'] as TypoOp[]));
      if (!t || all.includes(norm(t))) continue;
      doc.p.t3.labels[r.key] = t;
      doc.deserved.push({ code: 'XR012', at: { kind: 'label', table: '三', rowKey: r.key }, required: true, why: 'a misspelt row is that row with a label variant (spec §5.5.5; issue 10: one XR012, not XR008 + XR009)' });
      done++;
    }
    return done > 0;
  },
};

const labelTotal: VariationClass = {
  name: 'label.total',
  what: 'row label wording: a row `总计` standing for `（七）总计`',
  apply(doc, rand) {
    doc.p.t3.labels.resultsTotal = pickOne(rand, ['总计', '七、总计', '(七)总计', '（七） 总计']);
    doc.deserved.push({ code: 'XR012', at: { kind: 'label', table: '三', rowKey: 'resultsTotal' }, required: false, why: 'an alias of （七）总计 is a notice at most' });
    return true;
  },
};

const labelGroup: VariationClass = {
  name: 'label.group',
  what: 'row label wording: group label on its own row or merged into the first sub-row',
  apply(doc, rand) {
    const groups = t3Rows(doc.report.t3.version).filter((r) => r.kind === 'group').map((r) => r.key);
    let changed = false;
    for (const g of groups) {
      if (!chance(rand, 0.6)) continue;
      const m: GroupMode = g === 'results' ? 'ownRow' : pickOne(rand, ['ownRow', 'merged'] as GroupMode[]);
      doc.p.t3.groups[g] = m;
      changed = true;
    }
    if (!changed) doc.p.t3.groups[pickOne(rand, groups.filter((g) => g !== 'results'))] = 'ownRow';
    doc.deserved.push({ code: 'XR012', at: { kind: 'table', table: '三' }, required: false, why: 'a group label merged into its first sub-row is a notice at most' });
    return true;
  },
};

const mergeExtraColumn: VariationClass = {
  name: 'merge.extraColumn',
  what: 'merged-cell artefacts: a column that is empty in every data row',
  apply(doc, rand) {
    const L = doc.p.t3.labelCols;
    const tables = shuffle(rand, ['三', '四', '二'] as TableId[]).slice(0, 1 + Math.floor(rand() * 2));
    for (const t of tables) {
      if (t === '三') doc.p.extraColumn['三'] = pickOne(rand, [L, L + 6, L + 7, L + 1 + Math.floor(rand() * 5), 0]);
      else if (t === '四') doc.p.extraColumn['四'] = doc.p.t4.rows === 'three' ? pickOne(rand, [1, 5, 6]) : pickOne(rand, [0, 4, 5, 10, 15]);
      else doc.p.extraColumn['二'] = pickOne(rand, [1, 4]);
    }
    return true;
  },
};

const mergeLabelColumns: VariationClass = {
  name: 'merge.labelColumns',
  what: 'merged-cell artefacts: table 三 with one label column (the most specific label) instead of three',
  apply(doc, rand) {
    if (doc.p.t3.labelCols === 1) return false;
    doc.p.t3.labelCols = 1;
    if (doc.p.extraColumn['三'] !== undefined) doc.p.extraColumn['三'] = Math.max(0, doc.p.extraColumn['三']! - 2);
    for (const g of t3Rows(doc.report.t3.version).filter((r) => r.kind === 'group')) if (!doc.p.t3.groups[g.key] && chance(rand, 0.4)) doc.p.t3.groups[g.key] = 'ownRow';
    return true;
  },
};

const labelPath: VariationClass = {
  name: 'label.path',
  what: 'row label wording: one label column holding each row\'s whole path (`三、本年度办理结果 （三）不予公开 1.属于国家秘密`), joined by a space, `/`, ` - `, `：` or nothing',
  apply(doc, rand) {
    // Tools that write a row's whole path build its label; Word's paragraphs inside a cell are not theirs.
    if ((doc.p.t3.labelCols === 1 && doc.p.t3.path !== undefined) || doc.p.paragraphs) return false;
    doc.p.t3.labelCols = 1;
    doc.p.t3.path = pickOne(rand, [' ', '/', ' - ', '：', '', ' > ']);
    if (doc.p.extraColumn['三'] !== undefined) doc.p.extraColumn['三'] = Math.max(0, doc.p.extraColumn['三']! - 2);
    return true;
  },
};

const mergeVertical: VariationClass = {
  name: 'merge.vertical',
  what: 'merged-cell artefacts: the empty fields of vertically merged labels left out, in every row or in some',
  apply(doc, rand) {
    if (doc.p.t3.labelCols !== 3) return false;
    doc.p.t3.cont = 'omit';
    if (chance(rand, 0.5)) {
      const keys = t3Rows(doc.report.t3.version).map((r) => r.key);
      doc.p.t3.contRows = keys.filter(() => chance(rand, 0.5));
    }
    return true;
  },
};

const mergeRepeated: VariationClass = {
  name: 'merge.repeated',
  what: 'merged-cell artefacts: a merged cell written into every grid position it spans, across and down (tables exported by pandas or python-docx)',
  apply(doc) {
    // Exporters that repeat merged cells write every grid position: no cell left out.
    if (doc.p.t3.cont === 'omit' || doc.p.t3.noLeading || doc.p.t4.noLeading || doc.p.paragraphs || doc.p.unspanned || doc.p.rowsUnbroken || doc.p.cellBars) return false;
    doc.p.repeatMerges = true;
    return true;
  },
};

const mergeUnspanned: VariationClass = {
  name: 'merge.unspanned',
  what: 'merged cells written once (an HTML table turned into text without its spans): a cell spanning columns is one field, covered positions left out, markdown rows padded at their end',
  apply(doc) {
    if (doc.p.repeatMerges) return false;
    doc.p.unspanned = true;
    return true;
  },
};

const rowsUnbroken: VariationClass = {
  name: 'rows.unbroken',
  what: 'one cell per line without the blank lines that end rows (a table copied out of a PDF or a web page)',
  flattenings: ['cell-per-line'],
  apply(doc, _rand, fl) {
    // Text copied out of a PDF or a web page writes a merged cell once: no exporter's repeated copies.
    if (fl !== 'cell-per-line' || doc.p.repeatMerges) return false;
    doc.p.rowsUnbroken = true;
    return true;
  },
};

const cellBars: VariationClass = {
  name: 'cell.bars',
  what: 'one cell per line with a bar after each (`规章 |`) and a run of empty cells as one line of bars (`|||`) or each as a bar of its own, and sometimes a line of bars after a row for the places its spans cover, as web pages turn into text',
  flattenings: ['cell-per-line'],
  apply(doc, rand, fl) {
    if (fl !== 'cell-per-line' || doc.p.repeatMerges) return false;
    doc.p.cellBars = true;
    doc.p.cellBarsEach = chance(rand, 0.5);
    doc.p.cellBarsCovered = chance(rand, 0.5) ? 0 : chance(rand, 0.5) ? 1 : 2;
    // Web text has no blank line between rows as often as it has them.
    if (chance(rand, 0.5)) doc.p.rowsUnbroken = true;
    return true;
  },
};

const t2Split: VariationClass = {
  name: 't2.split',
  what: 'table 二 written as four tables of their own, one per 第二十条 item, as many sites publish it',
  apply(doc, _rand, fl) {
    // One cell per line already ends every row with a blank line: the split shows only where rows run on
    // (web text, where the four tables are set apart and their rows are not).
    if (fl === 'cell-per-line') {
      if (doc.p.repeatMerges) return false;
      doc.p.rowsUnbroken = true;
    }
    doc.p.t2Split = true;
    return true;
  },
};

const cellParagraphs: VariationClass = {
  name: 'cell.paragraphs',
  what: 'cells holding several paragraphs: label and header cells broken by a line break inside them (python-docx cell.text, Word table to text)',
  apply(doc) {
    // An exporter that breaks cells writes merged cells once (the repeated copies would break alike), and
    // builds no label paths.
    if (doc.p.repeatMerges || doc.p.t3.path !== undefined) return false;
    doc.p.paragraphs = true;
    return true;
  },
};

function blankZeros(doc: Doc, rand: () => number): TableId[] {
  const tables: TableId[] = ['三', ...(chance(rand, 0.6) ? ['四' as TableId] : []), ...(chance(rand, 0.4) ? ['二' as TableId] : [])];
  for (const c of valueCells(doc)) if (tables.includes(c.table) && (c.value === 0 || c.value === '0')) style(doc, c.table, c.row, c.col).blank = true;
  return tables;
}

const blankZerosClass: VariationClass = {
  name: 'blank.zeros',
  what: 'blank cells: whole tables where zeros are left blank (hundreds of blank cells)',
  apply(doc, rand) {
    blankZeros(doc, rand);
    return true;
  },
};

const blankTotals: VariationClass = {
  name: 'blank.totals',
  what: 'blank cells: zeros left blank, with the row totals left blank too',
  apply(doc, rand) {
    const tables = blankZeros(doc, rand);
    for (const row of Object.keys(doc.report.t3.values)) style(doc, '三', row, 'total').blank = true;
    if (tables.includes('四')) for (const k of ['c5', 'c10', 'c15']) style(doc, '四', 'row', k).blank = true;
    return true;
  },
};

const blankOnlyNatural: VariationClass = {
  name: 'blank.naturalTotal',
  what: 'blank cells: reports that fill only 自然人 and 总计',
  apply(doc) {
    // The report says nothing about organisations: their counts are 0 and left blank. Only where every
    // row has its 自然人 count (checked before anything is changed).
    const rows = Object.entries(doc.report.t3.values);
    if (rows.some(([, cols]) => cols.natural === null)) return false;
    for (const [row, cols] of rows) {
      for (const o of T3_ORGS) {
        cols[o] = 0;
        style(doc, '三', row, o).blank = true;
      }
      cols.total = cols.natural;
    }
    return true;
  },
};

const valueTrailing: VariationClass = {
  name: 'value.trailingSpaces',
  what: 'values: trailing spaces after numbers',
  apply(doc, rand) {
    let n = 0;
    for (const c of valueCells(doc)) {
      if (isBlank(doc, c) || !chance(rand, 0.5)) continue;
      style(doc, c.table, c.row, c.col).pad = ' '.repeat(1 + Math.floor(rand() * 3));
      n++;
    }
    return n > 0;
  },
};

const valueFullwidth: VariationClass = {
  name: 'value.fullwidth',
  what: 'values: full-width digits',
  apply(doc, rand) {
    const counts = valueCells(doc).filter((c) => !isBlank(doc, c) && (c.table !== '二' ? typeof c.value === 'number' : /^\d+$/.test(String(c.value)) && t2Kind(doc, c.row, c.col) === 'count'));
    const chosen = shuffle(rand, counts).slice(0, 1 + Math.floor(rand() * 5));
    for (const c of chosen) {
      style(doc, c.table, c.row, c.col).fullwidth = true;
      doc.deserved.push({ code: 'XR210', at: { kind: 'value', table: c.table, rowKey: c.row, colKey: c.col }, required: true, why: 'full-width digits: XR210 (spec §6.2)' });
    }
    return chosen.length > 0;
  },
};

const valueDecimals: VariationClass = {
  name: 'value.decimals',
  what: 'values: amounts with six decimals',
  apply(doc) {
    let n = 0;
    for (const sub of doc.report.t2)
      for (const col of sub.columns.filter((c) => c.kind === 'amount'))
        for (const r of sub.rows) {
          const v = r.values?.[col.key];
          if (!v || doc.p.cells[cellId('二', r.key, col.key)]?.blank) continue;
          const m = /^([\d,]+)(?:\.(\d+))?/.exec(v);
          if (!m) continue;
          style(doc, '二', r.key, col.key).text = `${m[1]}.${(m[2] ?? '').padEnd(6, '0')}${v.slice(m[0].length)}`;
          n++;
        }
    return n > 0;
  },
};

const outdatedRow: VariationClass = {
  name: 'outdated.row',
  what: 'outdated rows: a 2021-or-later report keeping the 2019 single （六）其他处理 row',
  apply(doc) {
    if (doc.report.t3.version !== '2021') return false;
    const v = doc.report.t3.values;
    const sum = (col: string) => {
      const xs = ['other.1', 'other.2', 'other.3'].map((k) => v[k][col]);
      return xs.every((x) => x === null) ? null : xs.reduce<number>((a, b) => a + (b ?? 0), 0);
    };
    const other = Object.fromEntries(T3_COLUMNS.map((c) => [c.key, sum(c.key)]));
    const values: Record<string, Record<string, number | null>> = {};
    for (const [k, row] of Object.entries(v)) {
      if (k === 'other.1') values.other = other;
      if (!k.startsWith('other.')) values[k] = row;
    }
    doc.report.t3 = { version: '2019', values };
    doc.deserved.push({ code: 'XR303', required: true, why: 'a 2021 report with the 2019 （六） row: a real format error (spec §5.6, §3.7)' });
    doc.deserved.push({ code: 'XR304', required: false, why: 'table 二 (2021) and table 三 (2019) disagree: a mixed report (spec §3.7)' });
    return true;
  },
};

export const CLASSES: readonly VariationClass[] = [
  // What the report says first: later classes style the cells these create.
  outdatedRow,
  blankOnlyNatural,
  title,
  headingTypo,
  headingAlias,
  headingMissing,
  headingRenumbered,
  headingMisnumbered,
  headingBroken,
  headingStyle,
  headerNames,
  headerCorner,
  headerSpans,
  headerRowlike,
  t4Layout,
  headerOrder,
  labelHalfwidth,
  labelTypo,
  labelTotal,
  labelGroup,
  labelPath,
  mergeLabelColumns,
  mergeVertical,
  mergeExtraColumn,
  mergeRepeated,
  mergeUnspanned,
  rowsUnbroken,
  cellBars,
  t2Split,
  cellParagraphs,
  blankZerosClass,
  blankTotals,
  valueTrailing,
  valueFullwidth,
  valueDecimals,
];

export const CLASS_NAMES = CLASSES.map((c) => c.name);

/** Classes that change what the report says (the canonical rendering changes with them). */
export const CONTENT_CLASSES = new Set(['blank.naturalTotal', 'outdated.row']);
