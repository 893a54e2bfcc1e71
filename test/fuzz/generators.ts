// fast-check arbitraries of damaged reports. A generated case is plain data — a base document and a
// list of mutations with integer positions — rendered to text by `render`, so that fast-check can
// shrink it (drop mutations, move positions towards 0) and a counterexample prints as JSON.
//
// Bases are the seeds (test/fixtures/*.txt) as published and as consistent non-zero variants, each in
// its own flattening and in the three flattenings of `reflatten`; plus smaller documents cut from them
// (a window of lines, a subset of the sections, a bag of lines from any seed) that check faster.

import fc from 'fast-check';
import { parseReport, type CheckOptions, type Flattening } from '../../server/src/core';
import { SEEDS, nonZeroVariant, readFixture, reflatten } from '../helpers/reports';

export interface Base {
  name: string;
  lines: string[];
  /** Section headings as the core reads them: [first line, last line] of each section. */
  sections: { number: string; line: number; endLine: number }[];
}

const FLATTENINGS: (Flattening | 'as-is')[] = ['as-is', 'cell-per-line', 'tsv', 'markdown'];

function toLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function makeBases(): Base[] {
  const out: Base[] = [];
  for (const seed of SEEDS) {
    const published = readFixture(seed);
    for (const variant of ['published', 'non-zero'] as const) {
      const source = variant === 'published' ? published : nonZeroVariant(published, 7 + seed.charCodeAt(2));
      for (const f of FLATTENINGS) {
        const text = f === 'as-is' ? source : reflatten(source, f);
        const model = parseReport(text);
        out.push({
          name: `${seed.slice(0, 3)} ${variant} ${f}`,
          lines: toLines(text),
          sections: model.sections.map((s) => ({ number: s.number, line: s.line, endLine: s.endLine })),
        });
      }
    }
  }
  return out;
}

export const BASES: readonly Base[] = makeBases();

/** Every distinct line of every base: material for bags of lines and inserted lines. */
export const LINE_POOL: readonly string[] = [...new Set(BASES.flatMap((b) => b.lines))];

/** Lines the seeds lack but reports have: subtotals, sub-rows, suppressions, dates, heading variants. */
export const SPECIAL_LINES: readonly string[] = [
  '小计\t0\t0\t0\t0\t0\t0\t0',
  '合计\t1\t0\t0\t0\t0\t0\t1',
  '\t小计',
  '| 小计 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |',
  '（三）不予公开\t0\t0\t0\t0\t0\t0\t0',
  '（四）无法提供\t1\t0\t0\t0\t0\t0\t1',
  '三、本年度办理结果\t（三）不予公开\t小计\t0\t0\t0\t0\t0\t0\t0',
  '其他对外管理服务事项\t行政检查\t25\t0\t31526',
  '\t行政确认\t5\t0\t628',
  '行政复议\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0',
  '<!-- xxgk-disable-next-line XR101 -->',
  '<!-- xxgk-disable-next-line -->',
  '<!-- xxgk-disable-file XR201, XR012 -->',
  '<!-- xxgk-disable-line t3-row-total --> （一）予以公开\t1\t0\t0\t0\t0\t0\t2',
  '2021年1月31日',
  '2021年3月1日',
  '2020年1月1日至2020年12月31日',
  '本报告分为六个部分。',
  '本报告包括5个部分',
  '## 三、收到和处理政府信息公开申请情况',
  '**四、政府信息公开行政复议、行政诉讼情况**',
  '一.总体情况',
  '1、总体情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
  '某市某局2019年政府信息公开工作年度报告',
  '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  '| --- | --- | --- |',
  '|:---:|---|',
];

// ---------------------------------------------------------------------------------------------
// Text pieces

/** Characters that matter to the scanner, the parser or the line splitter. */
const SPECIALS = [
  '\t', '\r', '\n', '\r\n', '\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001f', '\u007f', '\u0085',
  '\u2028', '\u2029', '\ufeff', '\u200b', '\u200d', '\u00a0', '\u3000', '\u2003', ' ', '  ',
  '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00', '😀', '𠀀', '\ufffd', '\uffff',
  '（', '）', '(', ')', '|', '\\', '\\|', '、', '，', ',', '：', ':', '。', '；', '.', '．', '[', ']',
  '<!--', '-->', '<!-- xxgk-disable-next-line -->', 'xxgk-disable-line XR101', 'xxgk-disable-file', '**', '__', '`', '#', '## ',
  '一、', '二、', '三、', '四、', '五、', '六、', '1、', '一.', '（一）', '（七）总计', '总计', '小计', '合计',
  '[image: image1]', '[bookmark: _GoBack]', '—', '——', '-', '－', '−', '+', '＋', '/', '无', '暂无', 'N/A',
  '万元', '件', '年', '月', '日', '12月31日', '2020年', '2021年', '1月1日至', '六个部分',
  '０', '１', '９', '١', '²', 'e', 'E', 'NaN', 'Infinity',
];

const CJK = '政府信息公开申请情况本年新收到上年结转办理结果予以部分不公开法人或其他组织自然人商业企业科研机构行政复议诉讼维持纠正结果';

export const charArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIALS) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) },
  { weight: 2, arbitrary: fc.constantFrom(...'0123456789') },
  { weight: 2, arbitrary: fc.constantFrom(...CJK) },
);

export const junkArb: fc.Arbitrary<string> = fc.array(charArb, { minLength: 1, maxLength: 8 }).map((a) => a.join(''));

const FULL_WIDTH = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 48 + 0xff10));
const PLACEHOLDERS = ['—', '——', '-', '--', '－', '–', '―', '/', '／', '\\', '无', '空', '暂无', 'N/A', 'n/a', '', ' ', '0'];
const UNITS = ['件', '项', '个', '条', '次', '人', '宗', '万元', '元', '亿元', ' 件', '\u3000万元', '件次', '%'];

/** What can stand where a number was: small and huge numbers, signs, decimals, full width, units, junk. */
export const numberTextArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.nat(30).map(String) },
  { weight: 2, arbitrary: fc.nat(100000).map(String) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '9007199254740991', '9007199254740993', '99999999999999999999', '999999999999999999999999', '1' + '0'.repeat(40),
      '1e21', '1e308', '1e999', '0x1F', '00', '007', '0.0', '-0',
    ),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[1-9][0-9]{15,30}$/) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('-', '−', '－', '+', '＋', '- ', '+\u3000'), fc.nat(50)).map(([s, n]) => s + n) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(99), fc.nat(9999)).map(([a, b]) => `${a}.${b}`) },
  { weight: 1, arbitrary: fc.constantFrom('.5', '1.', '1..2', '1.2.3', '0.5', '2.50', '１．５') },
  { weight: 2, arbitrary: fc.nat(5000).map((n) => FULL_WIDTH(String(n))) },
  { weight: 2, arbitrary: fc.constantFrom(...PLACEHOLDERS) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(500), fc.constantFrom(...UNITS)).map(([n, u]) => n + u) },
  { weight: 1, arbitrary: fc.constantFrom('1,234', '1，234', '12,34', '1,2345', '1 234', '1\u00a0234', '1\u3000234', '1、234', '1,234.5', '１，２３４', ' 5 ', '\u30005') },
  { weight: 1, arbitrary: junkArb },
);

// ---------------------------------------------------------------------------------------------
// Documents and mutations

export type BaseRef =
  | { kind: 'full'; base: number }
  | { kind: 'window'; base: number; from: number; length: number }
  | { kind: 'sections'; base: number; keep: number[]; preface: boolean }
  | { kind: 'bag'; lines: number[] };

export type Mutation =
  | { op: 'deleteLines'; at: number; count: number }
  | { op: 'duplicateLines'; at: number; count: number; to: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'moveLines'; at: number; count: number; to: number }
  | { op: 'joinLines'; at: number; sep: string }
  | { op: 'splitLine'; at: number; pos: number }
  | { op: 'truncateLine'; at: number; keep: number }
  | { op: 'cell'; at: number; action: 'delete' | 'duplicate' | 'swap' | 'truncate' | 'empty'; a: number; b: number }
  | { op: 'insertText'; at: number; pos: number; text: string }
  | { op: 'replaceText'; at: number; pos: number; length: number; text: string }
  | { op: 'deleteText'; at: number; pos: number; length: number }
  | { op: 'tabsToSpaces'; at: number; all: boolean; width: number }
  | { op: 'spacesToTabs'; at: number; all: boolean }
  | { op: 'removeSection'; s: number }
  | { op: 'repeatSection'; s: number; to: number }
  | { op: 'swapSections'; a: number; b: number }
  | { op: 'removeHeading'; s: number }
  | { op: 'cutTable'; s: number; mode: 'dropFirst' | 'dropSecond' | 'moveSecond' | 'keepMiddle'; frac: number }
  | { op: 'setNumber'; k: number; inTable: boolean; value: string }
  | { op: 'splitAtNumber'; k: number; after: boolean; blank: boolean }
  | { op: 'insertLine'; at: number; text: string }
  | { op: 'insertPoolLine'; at: number; line: number }
  | { op: 'insertSpecialLine'; at: number; line: number }
  | { op: 'blankLines'; at: number; count: number; blank: string }
  | { op: 'squeezeBlank'; at: number; count: number }
  | { op: 'decorate'; at: number; prefix: string; suffix: string };

export interface Eol {
  kind: 'lf' | 'crlf' | 'cr' | 'mixed';
  mix: number;
  final: boolean;
  bom: boolean;
}

/** Check options that change what is computed (blank cells as 0) or only how it is said (locale). */
export interface CaseOptions {
  blankAsZero: boolean;
  locale: 'zh-cn' | 'en';
  /** Rules turned off (fix-all then applies the others' fixes only). */
  disable: string[];
}

export interface Case {
  base: BaseRef;
  mutations: Mutation[];
  eol: Eol;
  options: CaseOptions;
}

const pos = fc.nat(1 << 16);
const lineArb = fc.nat(400);

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('deleteLines' as const), at: lineArb, count: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicateLines' as const), at: lineArb, count: fc.integer({ min: 1, max: 6 }), to: lineArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('swapLines' as const), a: lineArb, b: lineArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('moveLines' as const), at: lineArb, count: fc.integer({ min: 1, max: 30 }), to: lineArb }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('joinLines' as const), at: lineArb, sep: fc.constantFrom('', ' ', '\t', '|', '\u3000') }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('splitLine' as const), at: lineArb, pos }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('truncateLine' as const), at: lineArb, keep: pos }) },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('cell' as const),
      at: lineArb,
      action: fc.constantFrom('delete' as const, 'duplicate' as const, 'swap' as const, 'truncate' as const, 'empty' as const),
      a: fc.nat(20),
      b: fc.nat(20),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('insertText' as const), at: lineArb, pos, text: junkArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('replaceText' as const), at: lineArb, pos, length: fc.integer({ min: 1, max: 4 }), text: junkArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteText' as const), at: lineArb, pos, length: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('tabsToSpaces' as const), at: lineArb, all: fc.boolean(), width: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('spacesToTabs' as const), at: lineArb, all: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('removeSection' as const), s: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('repeatSection' as const), s: fc.nat(5), to: lineArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('swapSections' as const), a: fc.nat(5), b: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('removeHeading' as const), s: fc.nat(5) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('cutTable' as const),
      s: fc.nat(2),
      mode: fc.constantFrom('dropFirst' as const, 'dropSecond' as const, 'moveSecond' as const, 'keepMiddle' as const),
      frac: fc.integer({ min: 1, max: 99 }),
    }),
  },
  { weight: 10, arbitrary: fc.record({ op: fc.constant('setNumber' as const), k: fc.nat(400), inTable: fc.boolean(), value: numberTextArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('splitAtNumber' as const), k: fc.nat(400), after: fc.boolean(), blank: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('insertLine' as const), at: lineArb, text: junkArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('insertPoolLine' as const), at: lineArb, line: fc.nat(LINE_POOL.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('insertSpecialLine' as const), at: lineArb, line: fc.nat(SPECIAL_LINES.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('blankLines' as const), at: lineArb, count: fc.integer({ min: 1, max: 3 }), blank: fc.constantFrom('', ' ', '\u3000', '\t', '\u00a0', '\ufeff') }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('squeezeBlank' as const), at: lineArb, count: fc.integer({ min: 1, max: 4 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('decorate' as const),
      at: lineArb,
      prefix: fc.constantFrom('', '**', '## ', '# ', '[image: image1]', '<!-- x -->', '\ufeff', '  ', '\u3000', '\t', '| ', '1.', '（一）'),
      suffix: fc.constantFrom('', '**', ' ', '\t', ' |', '。', '：', '<!-- xxgk-disable-line -->', '[bookmark: _GoBack]'),
    }),
  },
);

const baseIndex = fc.nat(BASES.length - 1);

const baseRefArb = (small: boolean): fc.Arbitrary<BaseRef> =>
  fc.oneof(
    { weight: small ? 1 : 6, arbitrary: fc.record({ kind: fc.constant('full' as const), base: baseIndex }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('window' as const), base: baseIndex, from: lineArb, length: fc.integer({ min: 1, max: 60 }) }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('sections' as const),
        base: baseIndex,
        keep: fc.uniqueArray(fc.nat(5), { minLength: 1, maxLength: 3 }),
        preface: fc.boolean(),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('bag' as const), lines: fc.array(fc.nat(LINE_POOL.length - 1), { maxLength: 30 }) }) },
  );

const eolArb: fc.Arbitrary<Eol> = fc.record({
  kind: fc.constantFrom('lf' as const, 'crlf' as const, 'cr' as const, 'mixed' as const),
  mix: fc.nat(),
  final: fc.boolean(),
  bom: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

const optionsArb: fc.Arbitrary<CaseOptions> = fc.record({
  blankAsZero: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  locale: fc.oneof({ weight: 4, arbitrary: fc.constant('zh-cn' as const) }, { weight: 1, arbitrary: fc.constant('en' as const) }),
  disable: fc.oneof(
    { weight: 9, arbitrary: fc.constant<string[]>([]) },
    { weight: 1, arbitrary: fc.subarray(['XR001', 'XR008', 'XR011', 'XR101', 'XR102', 'XR103', 'XR104', 'XR105', 'XR201', 'XR204', 'XR210']) },
  ),
});

/**
 * A damaged report. `realistic` cases start from whole seeds; the default mix is mostly smaller
 * documents (windows, a few sections, bags of lines), which check several times faster.
 */
export function caseArb(mix: 'default' | 'realistic' = 'default'): fc.Arbitrary<Case> {
  return fc.record({
    base: baseRefArb(mix === 'default'),
    mutations: fc.array(mutationArb, { maxLength: 8 }),
    eol: eolArb,
    options: optionsArb,
  });
}

// ---------------------------------------------------------------------------------------------
// Rendering

function at(n: number, length: number): number {
  return length === 0 ? -1 : n % length;
}

const HEADING_RE = /^[\s\u3000\ufeff]*(?:#{1,6}\s+)?(?:\*\*)?([一二三四五六1-6])[、.．]/;

/** Headings as a quick look sees them (the mutations need no exact model). */
function headingsOf(lines: string[]): { number: string; line: number; endLine: number }[] {
  const out: { number: string; line: number; endLine: number }[] = [];
  lines.forEach((l, i) => {
    const m = l.length <= 80 ? HEADING_RE.exec(l) : null;
    if (m) out.push({ number: m[1], line: i, endLine: lines.length - 1 });
  });
  for (let k = 0; k + 1 < out.length; k++) out[k].endLine = out[k + 1].line - 1;
  return out;
}

function startLines(ref: BaseRef): string[] {
  if (ref.kind === 'bag') return ref.lines.map((i) => LINE_POOL[i % LINE_POOL.length]);
  const b = BASES[ref.base % BASES.length];
  if (ref.kind === 'full') return b.lines.slice();
  if (ref.kind === 'window') {
    const from = ref.from % b.lines.length;
    return b.lines.slice(from, from + ref.length);
  }
  const out: string[] = [];
  if (ref.preface && b.sections.length > 0) out.push(...b.lines.slice(0, b.sections[0].line));
  for (const k of ref.keep) {
    const s = b.sections[k % Math.max(1, b.sections.length)];
    if (s) out.push(...b.lines.slice(s.line, s.endLine + 1));
  }
  return out;
}

const NUMBER_RE = /[0-9０-９]+/g;

function numberRuns(lines: string[], inTable: boolean): { line: number; from: number; to: number }[] {
  const out: { line: number; from: number; to: number }[] = [];
  lines.forEach((l, i) => {
    if (inTable && !/^\t|\t|\|/.test(l)) return;
    for (const m of l.matchAll(NUMBER_RE)) out.push({ line: i, from: m.index!, to: m.index! + m[0].length });
  });
  return out;
}

function splitCells(line: string): { sep: string; cells: string[] } {
  if (line.includes('\t')) return { sep: '\t', cells: line.split('\t') };
  if (line.includes('|')) return { sep: '|', cells: line.split('|') };
  return { sep: '', cells: [line] };
}

function applyMutation(lines: string[], m: Mutation): string[] {
  const n = lines.length;
  const i = 'at' in m ? at(m.at, n) : -1;
  switch (m.op) {
    case 'deleteLines':
      if (i >= 0) lines.splice(i, m.count);
      break;
    case 'duplicateLines':
      if (i >= 0) lines.splice(m.to % (n + 1), 0, ...lines.slice(i, i + m.count));
      break;
    case 'swapLines': {
      const a = at(m.a, n);
      const b = at(m.b, n);
      if (a >= 0) [lines[a], lines[b]] = [lines[b], lines[a]];
      break;
    }
    case 'moveLines':
      if (i >= 0) {
        const block = lines.splice(i, m.count);
        lines.splice(m.to % (lines.length + 1), 0, ...block);
      }
      break;
    case 'joinLines':
      if (i >= 0 && i + 1 < n) lines.splice(i, 2, lines[i] + m.sep + lines[i + 1]);
      break;
    case 'splitLine':
      if (i >= 0) {
        const p = m.pos % (lines[i].length + 1);
        lines.splice(i, 1, lines[i].slice(0, p), lines[i].slice(p));
      }
      break;
    case 'truncateLine':
      if (i >= 0) lines[i] = lines[i].slice(0, m.keep % (lines[i].length + 1));
      break;
    case 'cell': {
      // Prefer lines that hold cells (TAB or pipe separated, or one TAB-led cell).
      const rows = lines.map((l, k) => (/\t|\|/.test(l) ? k : -1)).filter((k) => k >= 0);
      const r = rows.length > 0 ? rows[m.at % rows.length] : i;
      if (r < 0) break;
      const { sep, cells } = splitCells(lines[r]);
      const a = m.a % cells.length;
      const b = m.b % cells.length;
      if (m.action === 'delete') cells.splice(a, 1);
      else if (m.action === 'duplicate') cells.splice(a, 0, cells[a]);
      else if (m.action === 'swap') [cells[a], cells[b]] = [cells[b], cells[a]];
      else if (m.action === 'truncate') cells[a] = cells[a].slice(0, m.b % (cells[a].length + 1));
      else cells[a] = '';
      lines[r] = cells.join(sep);
      break;
    }
    case 'insertText':
      if (i >= 0) {
        const p = m.pos % (lines[i].length + 1);
        lines[i] = lines[i].slice(0, p) + m.text + lines[i].slice(p);
      } else lines.push(m.text);
      break;
    case 'replaceText':
      if (i >= 0) {
        const p = m.pos % (lines[i].length + 1);
        lines[i] = lines[i].slice(0, p) + m.text + lines[i].slice(p + m.length);
      }
      break;
    case 'deleteText':
      if (i >= 0) {
        const p = m.pos % (lines[i].length + 1);
        lines[i] = lines[i].slice(0, p) + lines[i].slice(p + m.length);
      }
      break;
    case 'tabsToSpaces':
      for (let k = 0; k < n; k++) if (m.all || k === i) lines[k] = lines[k].replace(/\t/g, ' '.repeat(m.width));
      break;
    case 'spacesToTabs':
      for (let k = 0; k < n; k++) if (m.all || k === i) lines[k] = lines[k].replace(/[ \u3000]+/g, '\t');
      break;
    case 'removeSection':
    case 'removeHeading':
    case 'repeatSection': {
      const hs = headingsOf(lines);
      const h = hs[m.s % Math.max(1, hs.length)];
      if (!h) break;
      if (m.op === 'removeSection') lines.splice(h.line, h.endLine - h.line + 1);
      else if (m.op === 'removeHeading') lines.splice(h.line, 1);
      else lines.splice(m.to % (n + 1), 0, ...lines.slice(h.line, h.endLine + 1));
      break;
    }
    case 'swapSections': {
      const hs = headingsOf(lines);
      if (hs.length < 2) break;
      let [x, y] = [hs[m.a % hs.length], hs[m.b % hs.length]];
      if (x === y) break;
      if (x.line > y.line) [x, y] = [y, x];
      const bx = lines.slice(x.line, x.endLine + 1);
      const by = lines.slice(y.line, y.endLine + 1);
      lines.splice(y.line, by.length, ...bx);
      lines.splice(x.line, bx.length, ...by);
      break;
    }
    case 'cutTable': {
      const hs = headingsOf(lines).filter((h) => /[二三四234]/.test(h.number));
      const h = hs[m.s % Math.max(1, hs.length)];
      if (!h || h.endLine <= h.line) break;
      const from = h.line + 1;
      const len = h.endLine - h.line;
      const cut = from + Math.floor((len * m.frac) / 100);
      if (m.mode === 'dropFirst') lines.splice(from, cut - from);
      else if (m.mode === 'dropSecond') lines.splice(cut, h.endLine + 1 - cut);
      else if (m.mode === 'keepMiddle') {
        const quarter = Math.max(1, Math.floor(len / 4));
        lines.splice(Math.min(cut + quarter, h.endLine + 1), h.endLine + 1 - Math.min(cut + quarter, h.endLine + 1));
        lines.splice(from, Math.max(0, cut - quarter - from));
      } else {
        const second = lines.splice(cut, h.endLine + 1 - cut);
        lines.push('', ...second);
      }
      break;
    }
    case 'setNumber': {
      const runs = numberRuns(lines, m.inTable);
      const r = runs[m.k % Math.max(1, runs.length)];
      if (!r) break;
      const l = lines[r.line];
      lines[r.line] = l.slice(0, r.from) + m.value + l.slice(r.to);
      break;
    }
    case 'splitAtNumber': {
      // `\t3件` → `\t3` / `件`: a value cell continued on the next line (optionally across a blank one).
      const runs = numberRuns(lines, true);
      const r = runs[m.k % Math.max(1, runs.length)];
      if (!r) break;
      const l = lines[r.line];
      const p = m.after ? r.to : r.from;
      lines.splice(r.line, 1, l.slice(0, p), ...(m.blank ? [''] : []), l.slice(p));
      break;
    }
    case 'insertLine':
      lines.splice(m.at % (n + 1), 0, m.text);
      break;
    case 'insertPoolLine':
      lines.splice(m.at % (n + 1), 0, LINE_POOL[m.line % LINE_POOL.length]);
      break;
    case 'insertSpecialLine':
      lines.splice(m.at % (n + 1), 0, SPECIAL_LINES[m.line % SPECIAL_LINES.length]);
      break;
    case 'blankLines':
      lines.splice(m.at % (n + 1), 0, ...Array<string>(m.count).fill(m.blank));
      break;
    case 'squeezeBlank': {
      let removed = 0;
      for (let k = Math.max(0, i); k < lines.length && removed < m.count; ) {
        if (/^[\s\u3000]*$/.test(lines[k])) {
          lines.splice(k, 1);
          removed++;
        } else k++;
      }
      break;
    }
    case 'decorate':
      if (i >= 0) lines[i] = m.prefix + lines[i] + m.suffix;
      break;
  }
  return lines;
}

/** A small, fast, deterministic hash for the per-line choice of line ends. */
function mixOf(seed: number, i: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35);
  h ^= h >>> 13;
  h = Math.imul(h, 0x27d4eb2f);
  return ((h ^ (h >>> 16)) >>> 0) % 3;
}

/** Lines after every mutation, before line ends are chosen. */
export function renderLines(c: Case): string[] {
  let lines = startLines(c.base);
  for (const m of c.mutations) lines = applyMutation(lines, m);
  return lines;
}

export function joinLines(lines: readonly string[], eol: Eol): string {
  const ends = ['\n', '\r\n', '\r'];
  const pick = (k: number) => (eol.kind === 'lf' ? '\n' : eol.kind === 'crlf' ? '\r\n' : eol.kind === 'cr' ? '\r' : ends[mixOf(eol.mix, k)]);
  let out = eol.bom ? '\ufeff' : '';
  lines.forEach((l, k) => {
    out += l;
    if (k + 1 < lines.length || eol.final) out += pick(k);
  });
  return out;
}

export function render(c: Case): string {
  return joinLines(renderLines(c), c.eol);
}

/** The mix `npm run fuzz` and the seeded run in `npm test` draw from: half small cases, half realistic ones. */
export const fuzzArb: fc.Arbitrary<Case> = fc.oneof({ weight: 1, arbitrary: caseArb('default') }, { weight: 1, arbitrary: caseArb('realistic') });

/** The case's check options, without the defaults (so that a default case checks with `{}`). */
export function optionsOf(c: Case): CheckOptions {
  const o: CheckOptions = {};
  if (c.options.blankAsZero) o.blankAsZero = true;
  if (c.options.locale !== 'zh-cn') o.locale = c.options.locale;
  if (c.options.disable.length > 0) o.disable = c.options.disable;
  return o;
}
