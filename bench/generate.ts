// Report generator for the benchmarks: realistic 政府信息公开工作年度报告 of a chosen size, in each flattening.
//
// A generated report is a real report (a seed or an example) whose tables, title, preface, section headings and
// signature stay exactly as written, and whose narrative sections 一 / 五 / 六 are refilled with narrative
// paragraphs taken from all the seeds and examples (years shifted to the report's own year) until the text
// reaches the requested size in UTF-8 bytes. Tables appear once; big sizes are narrative padding, which is
// what the longest real reports look like. Everything is deterministic (seeded) and in memory.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport, type Flattening, type ReportModel, type Section, type Table } from '../server/src/core';
import { rng } from '../test/helpers/reports';

export const ROOT = join(__dirname, '..');

export const FLATTENINGS: readonly Flattening[] = ['cell-per-line', 'tsv', 'markdown'];

export const SIZES: readonly { label: string; bytes: number }[] = [
  { label: '4 KiB', bytes: 4 * 1024 },
  { label: '20 KiB', bytes: 20 * 1024 },
  { label: '100 KiB', bytes: 100 * 1024 },
  { label: '1 MiB', bytes: 1024 * 1024 },
  { label: '10 MiB', bytes: 10 * 1024 * 1024 },
];

/** The real report each flattening is built on (tables kept byte for byte). */
export const BASES: Record<Flattening, string> = {
  // one cell per line, the only seed with a non-zero table 三 (北京市西城区卫生健康委员会 2020)
  'cell-per-line': 'test/fixtures/002_3f5e56868c97c344.txt',
  // tab-separated rows (青铜峡市卫生健康局 2020)
  tsv: 'test/fixtures/001_61ad5134df80a2d8.txt',
  // markdown pipe tables with # / ## headings (示例县交通运输局 2022, consistent data)
  markdown: 'examples/2022-示例县交通运输局.md',
};

/** Where narrative paragraphs come from: every real report and example we ship. */
const PARAGRAPH_SOURCES = [
  'test/fixtures/000_3725ac3a3e618302.txt',
  'test/fixtures/001_61ad5134df80a2d8.txt',
  'test/fixtures/002_3f5e56868c97c344.txt',
  'test/fixtures/003_31cf96be23961926.txt',
  'test/fixtures/004_53e0ee0f0d02d1f7.txt',
  'examples/2020-示例市统计局-制表符.txt',
  'examples/2022-示例县交通运输局.md',
];

/** Other real files the CLI corpus mixes in, as they are. */
export const REAL_FILES = [
  ...PARAGRAPH_SOURCES,
  'examples/2020-北京市西城区卫生健康委员会-逐格.txt',
  'examples/2020-青铜峡市卫生健康局-制表符.txt',
  'examples/2022-示例县交通运输局-有错误.md',
];

export function readRepoFile(rel: string): string {
  return readFileSync(join(ROOT, rel), 'utf8');
}

export { rng };

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

const NARRATIVE: readonly Section['number'][] = ['一', '五', '六'];

interface Paragraph {
  text: string;
  bytes: number;
}

interface Skeleton {
  /** Text pieces between the narrative slots: pieces[0] + slot 一 + pieces[1] + slot 五 + pieces[2] + slot 六 + pieces[3]. */
  pieces: [string, string, string, string];
  /** The base's own narrative paragraphs per slot (used first, so a generated report starts as the real one). */
  own: [Paragraph[], Paragraph[], Paragraph[]];
  year: number;
  fixedBytes: number;
}

const SKIP_PARAGRAPH = [
  /^[\s\u3000]*[一二三四五六七八九十]+\s*[、.．]/, // would read as a section heading
  /^\s*(?:#|\||\t)/, // markdown heading, table row, table cell
  /\[(?:image|bookmark)\b/i, // conversion artefacts (a finding of their own)
  /统计期限|个部分|年度报告/, // preface statements (period, part count) the metadata rules read once
  /^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$/, // signing date
];

function isNarrative(line: string): boolean {
  const t = line.trim();
  return [...t].length >= 20 && !SKIP_PARAGRAPH.some((re) => re.test(line));
}

function shiftYears(text: string, from: number, to: number): string {
  if (from === to) return text;
  return text.replace(/((?:19|20)\d{2})(\s*年)/g, (all, y: string, rest: string) => {
    const d = Number(y) - from;
    return Math.abs(d) <= 2 ? `${to + d}${rest}` : all;
  });
}

function sectionOf(model: ReportModel, n: Section['number']): Section {
  const s = model.sections.find((x) => x.number === n);
  if (!s) throw new Error(`bench: base report has no section ${n}`);
  return s;
}

function narrativeLines(model: ReportModel, s: Section, lastLine: number): string[] {
  const out: string[] = [];
  for (let i = s.line + 1; i <= lastLine; i++) if (isNarrative(model.lines[i])) out.push(model.lines[i].trim());
  return out;
}

function para(text: string): Paragraph {
  return { text, bytes: utf8Bytes(text) + 2 }; // + the blank line that separates paragraphs
}

const skeletons = new Map<Flattening, Skeleton>();
let pool: { year: number; text: string }[] | null = null;
const poolByYear = new Map<number, Paragraph[]>();

function skeleton(flattening: Flattening): Skeleton {
  const cached = skeletons.get(flattening);
  if (cached) return cached;
  const text = readRepoFile(BASES[flattening]);
  const model = parseReport(text);
  const lines = model.lines;
  const [s1, s5, s6] = NARRATIVE.map((n) => sectionOf(model, n));
  // Keep the signature (organisation + date) at the end of section 六.
  let sigStart = s6.endLine + 1;
  if (model.signingDate && model.signingDate.range.start.line > s6.line) {
    sigStart = model.signingDate.range.start.line;
    for (let i = sigStart - 1; i > s6.line; i--) {
      const t = lines[i].trim();
      if (t === '') continue;
      if ([...t].length <= 30 && !/[。；，]/.test(t)) sigStart = i;
      break;
    }
  }
  const join = (from: number, to: number) => lines.slice(from, to + 1).join('\n');
  const pieces: Skeleton['pieces'] = [
    join(0, s1.line) + '\n\n',
    '\n\n' + join(s1.endLine + 1, s5.line) + '\n\n',
    '\n\n' + join(s5.endLine + 1, s6.line) + '\n\n',
    sigStart <= s6.endLine ? '\n\n' + join(sigStart, s6.endLine).replace(/^\n+/, '') + '\n' : '\n',
  ];
  const year = model.year ?? 2020;
  const own: Skeleton['own'] = [
    narrativeLines(model, s1, s1.endLine).map(para),
    narrativeLines(model, s5, s5.endLine).map(para),
    narrativeLines(model, s6, sigStart - 1).map(para),
  ];
  const sk: Skeleton = { pieces, own, year, fixedBytes: pieces.reduce((n, p) => n + utf8Bytes(p), 0) };
  skeletons.set(flattening, sk);
  return sk;
}

/** Every narrative paragraph of sections 一/五/六 of the shipped reports, years shifted to `year`. */
function paragraphs(year: number): Paragraph[] {
  const hit = poolByYear.get(year);
  if (hit) return hit;
  if (!pool) {
    pool = [];
    for (const rel of PARAGRAPH_SOURCES) {
      const model = parseReport(readRepoFile(rel));
      for (const n of NARRATIVE) {
        const s = model.sections.find((x) => x.number === n);
        if (!s) continue;
        for (const line of narrativeLines(model, s, s.endLine)) {
          pool.push({ year: model.year ?? 2020, text: line });
        }
      }
    }
  }
  const shifted = pool.map((p) => para(shiftYears(p.text, p.year, year)));
  poolByYear.set(year, shifted);
  return shifted;
}

/** Cut a paragraph to at most `bytes` UTF-8 bytes, at a sentence end if there is one. */
function truncate(p: Paragraph, bytes: number): Paragraph | null {
  if (bytes < 40) return null;
  const chars = [...p.text];
  let used = 2;
  let end = 0;
  let lastStop = -1;
  for (; end < chars.length; end++) {
    const b = utf8Bytes(chars[end]);
    if (used + b > bytes) break;
    used += b;
    if (chars[end] === '。' || chars[end] === '；') lastStop = end;
  }
  const cut = lastStop >= 0 ? lastStop + 1 : end;
  if (cut < 10) return null;
  const text = chars.slice(0, cut).join('');
  return lastStop >= 0 ? para(text) : para(text.replace(/[，、：]$/, '') + '。');
}

export interface GeneratedReport {
  flattening: Flattening;
  text: string;
  bytes: number;
  /** Narrative paragraphs in sections 一 / 五 / 六. */
  paragraphs: number;
}

/**
 * A report of about `bytes` UTF-8 bytes in the given flattening. Sections 一/五/六 share the narrative budget
 * 60/30/10; each keeps at least one paragraph, so a size below the base's tables gives the smallest real
 * report (check `bytes` of the result).
 */
export function generateReport(flattening: Flattening, bytes: number, seed = 1): GeneratedReport {
  const sk = skeleton(flattening);
  const rand = rng(seed * 2654435761 + bytes);
  const all = paragraphs(sk.year);
  const budget = Math.max(0, bytes - sk.fixedBytes);
  const shares = [0.6, 0.3, 0.1].map((f) => Math.floor(budget * f));
  const slots: string[] = [];
  let count = 0;
  for (let k = 0; k < 3; k++) {
    const chosen: string[] = [];
    let left = shares[k];
    const own = sk.own[k];
    let i = 0;
    for (;;) {
      const p = i < own.length ? own[i] : all[Math.floor(rand() * all.length)];
      i++;
      if (p.bytes <= left) {
        chosen.push(p.text);
        left -= p.bytes;
        continue;
      }
      const cut = truncate(p, left);
      if (cut) chosen.push(cut.text);
      else if (chosen.length === 0) chosen.push((own[0] ?? all[0]).text);
      break;
    }
    count += chosen.length;
    slots.push(chosen.join('\n\n'));
  }
  const joined = sk.pieces[0] + slots[0] + sk.pieces[1] + slots[1] + sk.pieces[2] + slots[2] + sk.pieces[3];
  // Decode from bytes, as a file read or an editor buffer gives it: one flat string, not a tree of concatenations
  // (V8 would flatten that on first access, inside whatever is timed first).
  const buf = Buffer.from(joined, 'utf8');
  return { flattening, text: buf.toString('utf8'), bytes: buf.length, paragraphs: count };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export interface Mutation {
  row: string;
  column: string;
  from: string;
  to: string;
}

/**
 * A copy with a few wrong totals in table 三: the 总计 cell of the first data row and of a middle data row,
 * and the 自然人 cell of the （七）总计 row, each raised by 1–3. Fix-all should give the original back.
 */
export function withWrongTotals(text: string): { text: string; mutations: Mutation[] } {
  const model = parseReport(text);
  const t3: Table | undefined = model.tables['三'];
  if (!t3) throw new Error('bench: report has no table 三');
  const data = t3.rows.filter((r) => r.kind === 'data' && r.cells.length > 0);
  if (data.length < 3) throw new Error('bench: table 三 has too few data rows');
  const totalRow = data.find((r) => /总计/.test(r.label)) ?? data[data.length - 2];
  const picks: { row: (typeof data)[number]; column: string }[] = [
    { row: data[0], column: '总计' },
    { row: data[Math.floor(data.length / 2)], column: '总计' },
    { row: totalRow, column: '自然人' },
  ];
  const starts = lineStarts(text);
  const edits: { start: number; end: number; to: string; m: Mutation }[] = [];
  picks.forEach(({ row, column }, k) => {
    const cell = row.cells.find((c) => c.column === column);
    if (!cell || cell.value.kind !== 'number' || cell.value.number === undefined) return;
    const r = cell.valueRange;
    const start = starts[r.start.line] + r.start.character;
    const end = starts[r.end.line] + r.end.character;
    const from = text.slice(start, end);
    const to = String(cell.value.number + k + 1);
    edits.push({ start, end, to, m: { row: row.label, column, from, to } });
  });
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.to + out.slice(e.end);
  return { text: out, mutations: edits.map((e) => e.m).reverse() };
}

/** The markdown form of a generated report (what markdownlint is given). */
export function markdownReport(bytes: number, seed = 1): GeneratedReport {
  return generateReport('markdown', bytes, seed);
}

/**
 * Small reports for the CLI run: one in five a shipped real file as it is, the others generated at 4–8 KiB in
 * the three flattenings, each from its own seed.
 */
export function cliCorpus(n: number, seed = 7): { name: string; text: string }[] {
  const rand = rng(seed);
  const real = REAL_FILES.map((rel) => ({ rel, text: readRepoFile(rel) }));
  const out: { name: string; text: string }[] = [];
  for (let i = 0; i < n; i++) {
    const id = String(i).padStart(4, '0');
    if (i % 5 === 0) {
      const r = real[(i / 5) % real.length];
      const ext = r.rel.endsWith('.md') ? 'md' : 'txt';
      out.push({ name: `${id}-real.${ext}`, text: r.text });
    } else {
      const f = FLATTENINGS[i % 3];
      const bytes = 4096 + Math.floor(rand() * 4096);
      const g = generateReport(f, bytes, 1000 + i);
      out.push({ name: `${id}-${f}.${f === 'markdown' ? 'md' : 'txt'}`, text: g.text });
    }
  }
  return out;
}
