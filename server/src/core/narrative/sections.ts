// The text of a section as reviewers read it (spec §7.3): its body lines without tables, the signature
// that follows the last section, or comment lines; and the years it names.

import { HeldMemo, isCommentLine } from '../text';
import type { Range, ReportModel, Section, SectionNumber } from '../types';

/** See extract.ts: how much text the narrative rules read at most. */
const NARRATIVE_BUDGET = 32_768;

export interface SectionText {
  section: Section;
  /** Body lines, as [line index, text], blank lines dropped (all read on first use). */
  readonly lines: [number, string][];
  /** The body joined without line breaks (made on first use: 一 can be most of a long report). */
  readonly text: string;
  /** No body line at all. */
  readonly empty: boolean;
  /** The body has more than `n` characters (reads only as many lines as it takes to tell). */
  longerThan(n: number): boolean;
  /**
   * Some body line matches `re` (without anchors or look-behind: a match in a line is a match in the
   * section's text). A section whose text has no match anywhere says so at once, however long: one search
   * of the document's text, no line read. Else the lines are read as far as the first match, at most
   * NARRATIVE_BUDGET characters: null when none within them and there is more (the caller then says
   * nothing).
   */
  some(re: RegExp): boolean | null;
  /** Some body line contains `word`: as `some`. */
  includes(word: string): boolean | null;
}

/** Body lines read on demand, in order, each line looked at once. */
class Body implements SectionText {
  private readonly read: [number, string][] = [];
  private readChars = 0;
  private next: number;
  private done = false;
  private joined: string | undefined;
  /** Read up to twice the narrative budget: the rules look at no more (a pathological length stays cheap). */
  private room = 2 * NARRATIVE_BUDGET;

  constructor(
    readonly section: Section,
    private readonly model: ReportModel,
    private readonly tables: readonly Span[],
    /** The last line of the body (before the signature, in the last section). */
    private readonly lastLine: number,
  ) {
    this.next = section.line + 1;
    // A heading run into its first paragraph: the rest of its line is body text (blanked up to the title's
    // end, so that offsets stay the line's).
    const first = runInBody(model, section);
    if (first !== null && isBodyLine(first, section.line, tables)) {
      this.read.push([section.line, first]);
      this.readChars += first.length;
      this.room -= first.length;
    }
  }

  /** Reads the next body line; false at the end of the section. */
  private advance(): boolean {
    const { model } = this;
    for (; !this.done; this.next++) {
      const i = this.next;
      if (i > this.lastLine || i >= model.lines.length || this.room <= 0) {
        this.done = true;
        break;
      }
      const t = model.lines[i];
      if (!isBodyLine(t, i, this.tables)) continue;
      this.read.push([i, t]);
      this.readChars += t.length;
      this.room -= t.length;
      this.next++;
      return true;
    }
    return false;
  }

  get lines(): [number, string][] {
    while (this.advance());
    return this.read;
  }
  get empty(): boolean {
    return this.read.length === 0 && !this.advance();
  }
  get text(): string {
    return (this.joined ??= this.lines.map(([, t]) => t.trim()).join(''));
  }
  longerThan(n: number): boolean {
    while (this.readChars <= n && this.advance());
    return this.readChars > n;
  }
  some(re: RegExp): boolean | null {
    // A global pattern would carry its lastIndex from one test to the next.
    const test = (s: string) => ((re.lastIndex = 0), re.test(s));
    // Nowhere in the section's lines: in none of its body lines. Else the lines decide (comments, tables
    // and a signature are not the body; a match may span lines).
    if (!test(this.raw())) return false;
    return this.find(test);
  }
  includes(word: string): boolean | null {
    if (!this.raw().includes(word)) return false;
    return this.find((t) => t.includes(word));
  }
  private sliced: string | undefined;
  /** The section's lines as the document has them (a slice shares the text: no copy). */
  private raw(): string {
    if (this.sliced === undefined) {
      const { text, lineStarts } = this.model;
      const from = this.section.runIn ? lineStarts[this.section.line] + this.section.range.end.character : lineStarts[this.section.line + 1];
      this.sliced = text.slice(from ?? text.length, lineStarts[this.section.endLine + 1] ?? text.length);
    }
    return this.sliced;
  }
  private find(test: (line: string) => boolean): boolean | null {
    let budget = NARRATIVE_BUDGET;
    for (let k = 0; k < this.read.length || this.advance(); k++) {
      const t = this.read[k][1];
      if (test(t)) return true;
      if ((budget -= t.length) < 0) return null;
    }
    return false;
  }
}

/** The line of a run-in heading with its heading blanked (offsets stay the line's); null for a heading on a line of its own. */
export function runInBody(model: ReportModel, section: Section): string | null {
  if (!section.runIn) return null;
  const line = model.lines[section.line] ?? '';
  const end = section.range.end.character;
  return line.slice(end).trim() === '' ? null : ' '.repeat(end) + line.slice(end);
}

/** A character `\s` matches. */
function isSpaceCode(c: number): boolean {
  return c <= 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const DATE_LINE = /^[\s\u3000]*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[\s\u3000]*$/;

const cache = new HeldMemo<ReportModel, Map<SectionNumber, SectionText | null>>('section texts');

/** A section's text, read once per model (XR302, XR402–XR404 and the cross-year digest all ask for it). */
export function sectionText(model: ReportModel, number: SectionNumber): SectionText | null {
  let byNumber = cache.get(model);
  if (!byNumber) {
    byNumber = new Map();
    cache.set(model, byNumber);
  }
  let s = byNumber.get(number);
  if (s === undefined) {
    s = readSection(model, number);
    byNumber.set(number, s);
  }
  return s;
}

function readSection(model: ReportModel, number: SectionNumber): SectionText | null {
  const section = model.sections.find((s) => s.number === number);
  if (!section) return null;
  const tables: Span[] = [];
  for (const t of Object.values(model.tables)) if (t && t.startLine > section.line && t.startLine <= section.endLine) tables.push(t);
  const last = model.sections[model.sections.length - 1] === section;
  return new Body(section, model, tables, last ? signatureStart(model, section, tables) - 1 : section.endLine);
}

/** How many lines of content at the end of the last section may hold the signature. */
const SIGNATURE_LINES = 4;

/**
 * The signature after the last section (its first line, else the line after the section): a date line
 * among the last lines of content, with the agency line just above it when that is short.
 */
function signatureStart(model: ReportModel, section: Section, tables: readonly Span[]): number {
  const previousBodyLine = (from: number) => {
    let j = from;
    while (j > section.line && !isBodyLine(model.lines[j], j, tables)) j--;
    return j;
  };
  let i = previousBodyLine(Math.min(section.endLine, model.lines.length - 1));
  for (let seen = 0; i > section.line && seen < SIGNATURE_LINES; seen++, i = previousBodyLine(i - 1)) {
    if (!DATE_LINE.test(model.lines[i])) continue;
    const above = previousBodyLine(i - 1);
    return above > section.line && model.lines[above].trim().length <= 30 ? above : i;
  }
  return section.endLine + 1;
}

/** A line of a section's body: not blank, not a comment, not in a table. */
function isBodyLine(t: string, i: number, tables: readonly Span[]): boolean {
  // Most lines open with content: their first character settles blank and comment.
  const c = t.charCodeAt(0);
  const opensWithSpace = isSpaceCode(c);
  if (t.length === 0 || (opensWithSpace && !/\S/.test(t))) return false;
  if ((opensWithSpace || c === 0x3c) && isCommentLine(t)) return false;
  return !(tables.length > 0 && tables.some((x) => i >= x.startLine && i <= x.endLine));
}

interface Span {
  startLine: number;
  endLine: number;
}

/** Characters that carry content: no white space or punctuation (counted up to `cap`: only short texts matter). */
export function contentLength(text: string, cap = Infinity): number {
  if (text.length > cap * 8) return cap; // no text of that length is all punctuation
  return text.replace(/[\s\u3000\p{P}\p{S}]/gu, '').length;
}

export interface YearInText {
  year: number;
  range: Range;
}

const YEAR_TOKEN = /(?:19|20)\d{2}(?=\s?年)/g;
const OURS = /(?:本单位|我单位|本机关|我机关|本部门|我部门|本局|我局|本委|我委|本办|我办|我厅|本厅|我部|本部|我市|我县|我区|我镇|我乡|我院|本院|我中心|本中心)$/;
const NOT_THE_REPORT_YEAR_AFTER = /^\s?年(?:\d|\s?\d{1,2}\s?月|以来|起|底|末|初|前|后|之前|以前|以后|之后|同期|至|到|—|-|~|～|的?[一二三四五六七八九十\d]|相比|比较|上半年|下半年)/;
const NOT_THE_REPORT_YEAR_BEFORE = /(?:与|较|比|同比|截至|截止|自|从|至|到|和|及|、|—|-|~|～|于)\s?$/;
const PLAN = /将|计划|拟|下一步|力争|继续|着力|要|争取|目标/;
/** That year's own business, named on purpose: its report, an evaluation of it, what it carried over (`针对2022年度报告中指出的问题`). */
const THAT_YEARS_BUSINESS = /^\s?年度?[^，。；,;]{0,10}?(?:报告|评估|考核|测评|评议|结转)/;

/**
 * Years in section 一 written where the report's own year belongs (`2022年，我局…`, `本单位2022年度…` in a
 * report for 2023): likely text kept from another year's report. Dates, ranges, comparisons, plans for next
 * year, and years inside 《》, 〔〕 or [] are not such years.
 */
export function otherReportYears(model: ReportModel): YearInText[] {
  const year = model.year;
  const overview = year === null ? null : sectionText(model, '一');
  if (year === null || !overview) return [];
  const out: YearInText[] = [];
  let budget = NARRATIVE_BUDGET;
  for (const [line, text] of overview.lines) {
    if ((budget -= text.length) < 0) break;
    YEAR_TOKEN.lastIndex = 0;
    for (let m = YEAR_TOKEN.exec(text); m; m = YEAR_TOKEN.exec(text)) {
      const y = Number(m[0]);
      if (y === year) continue;
      const start = m.index;
      const end = start + 4;
      if (insideBrackets(text, start)) continue;
      const before = text.slice(Math.max(0, start - 8), start);
      const after = text.slice(end, end + 8);
      if (NOT_THE_REPORT_YEAR_AFTER.test(after) || NOT_THE_REPORT_YEAR_BEFORE.test(before) || THAT_YEARS_BUSINESS.test(text.slice(end, end + 18))) continue;
      const sentence = sentenceAround(text, start);
      if (sentence.text.includes(`${year}年`)) continue; // a comparison with the report year
      if (y === year + 1 && PLAN.test(sentence.text)) continue;
      const atStart = /^[\s\u3000]*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．])?[\s\u3000]*$/.test(text.slice(sentence.start, start));
      const reportYear = /^\s?年度/.test(after) || (atStart && /^\s?年度?\s?[，,、]/.test(after)) || OURS.test(before.replace(/\s/g, ''));
      if (!reportYear) continue;
      out.push({ year: y, range: { start: { line, character: start }, end: { line, character: end } } });
    }
  }
  return out;
}

function sentenceAround(text: string, at: number): { start: number; text: string } {
  let s = at;
  while (s > 0 && !'。！？；;!?'.includes(text[s - 1])) s--;
  let e = at;
  while (e < text.length && !'。！？；;!?'.includes(text[e])) e++;
  return { start: s, text: text.slice(s, e) };
}

/** Inside 《》 (a cited title), 〔〕 or [] (a document number). */
function insideBrackets(text: string, at: number): boolean {
  for (const [open, close] of [['《', '》'], ['〔', '〕'], ['[', ']'], ['［', '］'], ['【', '】']]) {
    const o = text.lastIndexOf(open, at);
    if (o !== -1 && text.lastIndexOf(close, at) < o && text.indexOf(close, at) !== -1) return true;
  }
  return false;
}
