// The six sections (spec §2.4, §5.5 rule 1): a heading is found by its title as much as by its numeral.
// Every line that could be a heading is a candidate; each section takes its best candidate, judged by
// how well the title matches, whether the numeral agrees and whether a table follows where one must.
// A heading under another section's numeral is that section, misnumbered; a sub-heading of 一 that
// repeats a numeral (`二、依申请公开情况`) is not a section.

import { LabelMatcher, stripOrdinal } from './matcher';
import { textSimilarity } from './similarity';
import { SECTIONS, type SectionSpec } from './templates';
import { ARTIFACT_RE, blankComments, normalizeLabel, range, trimBounds, type Line } from './text';
import { SECTION_NUMBERS, type Section, type SectionNumber } from './types';

const NUMERALS: Record<string, SectionNumber | null> = {
  一: '一', 二: '二', 三: '三', 四: '四', 五: '五', 六: '六', 七: null, 八: null, 九: null, 十: null,
  '1': '一', '2': '二', '3': '三', '4': '四', '5': '五', '6': '六', '7': null, '8': null, '9': null,
};
const NUMBERED_RE = /^([一二三四五六七八九十1-9])[ \u3000]*([、.．，,:：]|[ \u3000])[ \u3000]*(.{2,60})$/;
/** `（一）总体情况`, `(一) 总体情况`; `第一部分 总体情况`, `第一部分：总体情况`. */
const PAREN_RE = /^([（(])([一二三四五六七八九十])[）)][ \u3000]*(.{2,60})$/;
const PART_RE = /^(第)([一二三四五六七八九十])部分[ \u3000]*[、:：.．]?[ \u3000]*(.{2,60})$/;
const TOC_ENTRY = /(?:…{2,}|[.．·•]{3,}|[-—_]{3,})[\s\u3000]*\d{1,3}[\s\u3000]*$/;
const MARKDOWN_PREFIX_RE = /^[ \u3000\u00a0]*(#{1,6}[ \t]+)?(\*\*|__)?/;
const LEADING_ARTIFACT_RE = /^\[(?:bookmark|image):[^\]]{0,80}\]/;
/** Characters a heading line can start with (after white space): a numeral, a markdown mark, `[`, `<`. */
const HEADING_START = new Set([...'一二三四五六七八九十123456789#*_[<（(第']);
const NUMERAL_START = new Set([...'一二三四五六七八九十123456789']);
const SEPARATOR_AFTER_NUMERAL = new Set([...'、.．，,:：']);
/** Words every section title and alias has (情况, 事项, 措施): a bare line without them is no title. */
const BARE_TITLE_WORD = /情况|事项|措施|总体|问题/;
/** A longer line is never a heading (comments in it are blanked, not cut). */
const HEADING_MAX = 120;
/** A bare title is at most this long after its leading spaces. */
const BARE_TITLE_MAX = 40;
const TABLE_SECTIONS = new Set<SectionNumber>(['二', '三', '四']);
const TABLE_LOOKAHEAD = 30;

interface SectionEntry {
  label: string;
  aliases: string[];
  number: SectionNumber;
  spec: SectionSpec;
}

const MATCHER = new LabelMatcher<SectionEntry>(
  SECTIONS.map((s) => ({ label: s.title, aliases: s.aliases ?? [], number: s.number as SectionNumber, spec: s })),
);
const CANONICAL = new Map(SECTIONS.map((s) => [s.number as SectionNumber, normalizeLabel(s.title)]));
const EXACT_TITLES = new Set(SECTIONS.flatMap((s) => [s.title, ...(s.aliases ?? [])].map(normalizeLabel)));

export interface HeadingCandidate {
  line: number;
  /** Section the title names. */
  number: SectionNumber;
  /** Numeral as written, mapped to a section numeral (null: none written, or beyond 六). */
  written: SectionNumber | null;
  /** The numeral and separator as written (`一、`, `1.`, `（一）`, `第一部分`), or '' when there is none. */
  numbering: string;
  /** `（一）` and `第一部分` are a report's own style only where most sections use it (see chooseSections). */
  style: 'plain' | 'paren' | 'part';
  /** The heading runs into its first paragraph on the same line. */
  runIn?: boolean;
  /** A title of the author's own, taken for the section by its numeral, its place and the table after it. */
  local?: boolean;
  /** Range of the numeral as written (empty where none is written). */
  numeralRange: ReturnType<typeof range>;
  title: string;
  /** 1 for the canonical title or a known alias; less for keywords or a near miss. */
  titleScore: number;
  exactTitle: boolean;
  canonical: boolean;
  markdown: boolean;
  range: ReturnType<typeof range>;
  lineRange: ReturnType<typeof range>;
}

/** Spaces before a heading's first character: space, ideographic space, no-break space, BOM. */
function isSpaceChar(c: number): boolean {
  return c === 32 || c === 0x3000 || c === 0xa0 || c === 0xfeff;
}

/** Characters [from, to) of t are all spaces MARKDOWN_PREFIX_RE skips (space, ideographic, no-break). */
function plainSpaces(t: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = t.charCodeAt(k);
    if (c !== 0x20 && c !== 0x3000 && c !== 0xa0) return false;
  }
  return true;
}

/** A heading's closing `**` or `__` (markdown bold around the whole line). */
function dropClosingEmphasis(s: string): string {
  const c = s.charCodeAt(s.length - 1);
  return c === 0x2a || c === 0x5f ? s.replace(/(?:\*\*|__)$/, '') : s;
}

/** How like its own section's title a heading's words must be to be taken under its own numeral. */
const NEAR_OWN_TITLE = 0.7;

/**
 * Title words → section, with a score: exact or alias 1, near miss by similarity, keywords 0.75. A
 * short title with one character changed (`他体情况`) is a near miss only under its own numeral.
 */
function titleMatch(norm: string, written: SectionNumber | null): { number: SectionNumber; score: number; exact: boolean } | null {
  let best = MATCHER.best(norm, 0.8);
  if (!best && written) {
    const own = MATCHER.candidates(norm, NEAR_OWN_TITLE).find((c) => c.spec.number === written);
    if (own) best = own;
  }
  if (best && best.score === 1) return { number: best.spec.number, score: 1, exact: true };
  let pick = best ? { number: best.spec.number, score: best.score, exact: false } : null;
  if (norm.length <= 30 && (!pick || pick.score < 0.75)) {
    const named = keywordSection(norm);
    if (named) pick = { number: named, score: 0.75, exact: false };
  }
  return pick;
}

/** Each section's keyword sets (any set whose words are all in a title names the section). */
const KEYWORDS = SECTIONS.map((s) => ({ number: s.number as SectionNumber, sets: s.keywords }));

/**
 * The first section (in template order) one of whose keyword sets the title holds. Plain loops, no
 * closures: this runs on every numbered sub-heading, in a cold process before any JIT.
 */
function keywordSection(norm: string): SectionNumber | null {
  for (let i = 0; i < KEYWORDS.length; i++) if (holdsKeywords(norm, KEYWORDS[i].sets)) return KEYWORDS[i].number;
  return null;
}

/** The text holds every word of one of the keyword sets. */
function holdsKeywords(t: string, sets: readonly (readonly string[])[]): boolean {
  for (let j = 0; j < sets.length; j++) {
    const words = sets[j];
    let all = true;
    for (let k = 0; k < words.length && all; k++) all = t.includes(words[k]);
    if (all) return true;
  }
  return false;
}

/** A line that could be a section heading, with the section its title names; null for anything else. */
export function headingCandidate(line: Line, lineNo: number): HeadingCandidate | null {
  const plain = line.text.length <= 240 ? plainHeading(line, lineNo) : null;
  if (plain?.exactTitle) return plain;
  return runInHeading(line, lineNo) ?? plain;
}

/**
 * A heading broken over two lines (`四、政府信息公开行政复议、` / `行政诉讼情况`: a line break inside the
 * heading's paragraph, as PDF text and some web pages have it): the two lines read as one name a section's
 * title exactly. The candidate's line is the second (the body starts after it); its ranges span both.
 */
export function headingOverTwoLines(lines: readonly Line[], i: number): HeadingCandidate | null {
  if (i + 1 >= lines.length) return null;
  const first = lines[i].text.trimEnd();
  const next = lines[i + 1].text;
  const rest = continuation(next);
  if (rest === null || first.length > HEADING_MAX || /[\t|]/.test(first)) return null;
  // A line that opens as a heading of its own is none's continuation.
  if (NUMBERED_LINE.test(rest) || isStyleOpener(rest.charCodeAt(0))) return null;
  const lead = next.length - next.trimStart().length;
  const joined = headingCandidate({ text: first + rest, start: lines[i].start }, i);
  if (!joined?.exactTitle || joined.runIn) return null;
  // Offsets in the joined text back to the two lines: a start at the first line's end is the second's start
  // (a title after a converter's mark broken over the lines, `[bookmark:` / `]三、…`).
  const at = (p: ReturnType<typeof range>['end'], isStart = false) =>
    p.character < first.length || (!isStart && p.character === first.length) ? p : { line: i + 1, character: p.character - first.length + lead };
  return {
    ...joined,
    line: i + 1,
    range: { start: at(joined.range.start, true), end: at(joined.range.end) },
    lineRange: { start: joined.lineRange.start, end: { line: i + 1, character: next.trimEnd().length } },
  };
}

/** A `（一）` or `第一部分` heading broken over two lines looks like one with its second line joined. */
function styledOverTwoLines(t: string, k: number, c: number, next: string): boolean {
  const rest = continuation(next);
  return rest !== null && opensHeading(t.trimEnd() + rest, k, c);
}

/** The second line of a heading broken over two, trimmed: short (the rest of a title), no TAB or bar; else null. */
function continuation(next: string): string | null {
  const rest = next.trim();
  return rest.length >= 2 && rest.length <= CONTINUED_MAX && !/[\t|]/.test(next) ? rest : null;
}

const CONTINUED_MAX = 20;

const RUN_IN = /^([ \u3000]*(?:(?:\*\*|__)[ \u3000]*)?)([一二三四五六])、[ \u3000]*/;
/** After a run-in title: punctuation or a space, then the paragraph. */
const RUN_IN_BOUNDARY = /^[。．.：:，,；;！!\s\u3000]/;
/** Markdown emphasis closing a run-in title, before or after its punctuation. */
const CLOSING_EMPHASIS = /^(?:\*\*|__)|^([。．.：:])(?:\*\*|__)/;
/** Text this long after a title is a paragraph, whatever separates them. */
const RUN_IN_BODY = 20;
const TITLES_BY_NUMBER = new Map(SECTIONS.map((s) => [s.number as SectionNumber, [s.title, ...(s.aliases ?? [])].filter((t) => t.length >= 4)]));

/**
 * A heading under its own numeral with its first paragraph on the same line (`一、总体情况。2023年，…`,
 * a bold heading run into its paragraph): the section, its title the template's words or a known alias.
 * Weaker than a heading on a line of its own (a sub-heading of 一 may open so).
 */
function runInHeading(line: Line, lineNo: number): HeadingCandidate | null {
  if (line.text.includes('\t') || line.text.includes('|')) return null;
  const m = RUN_IN.exec(line.text);
  if (!m) return null;
  const number = m[2] as SectionNumber;
  const rest = line.text.slice(m[0].length);
  const start = m[1].length;
  const known = (TITLES_BY_NUMBER.get(number) ?? []).find((t) => {
    if (!rest.startsWith(t)) return false;
    // A bold run-in title (`**六、其他需要报告的事项。**本年度…`, Word's bold heading as markdown) closes its marks first.
    const after = rest.slice(t.length).replace(CLOSING_EMPHASIS, '$1');
    return after.trim() !== '' && (RUN_IN_BOUNDARY.test(after) || after.length >= RUN_IN_BODY);
  });
  // Else the words before the first punctuation or space, if they name this section closely enough.
  const title = known ?? runInWords(rest, number);
  if (title === null) return null;
  return {
    line: lineNo,
    number,
    written: number,
    numbering: `${number}、`,
    numeralRange: range(lineNo, start, start + 1),
    style: 'plain',
    title,
    titleScore: 0.8,
    exactTitle: false,
    canonical: normalizeLabel(title) === CANONICAL.get(number),
    markdown: false,
    range: range(lineNo, start, m[0].length + title.length),
    lineRange: range(lineNo, 0, line.text.length),
    runIn: true,
  };
}

/** The words of `rest` before its first punctuation or space, when they name section `number` (keywords, then the fuzzy score). */
function runInWords(rest: string, number: SectionNumber): string | null {
  const cut = rest.search(/[。．：:，,；;！!\s\u3000*]/);
  if (cut < 4 || cut > 30 || rest.slice(cut).trim() === '') return null;
  const words = rest.slice(0, cut);
  const norm = normalizeLabel(words);
  if (keywordSection(norm) !== number) return null;
  const match = titleMatch(norm, number);
  return match && match.number === number && match.score >= 0.75 ? words : null;
}

function plainHeading(line: Line, lineNo: number): HeadingCandidate | null {
  const raw = line.text;
  if (raw.length < 2) return null;
  // Cheap rejection first: most lines of a report are narrative or table cells.
  let i = 0;
  while (i < raw.length && isSpaceChar(raw.charCodeAt(i))) i++;
  const first = raw[i];
  if (first === undefined) return null;
  const mayBeBare = !HEADING_START.has(first);
  // Narrative lines end here, before any other work: an unnumbered heading is a bare title (short, and
  // every section title says 情况, 事项 or 措施); a numeral is followed by its separator (`一、`, `1.`),
  // not by more text (`一是…`, `2020年…`).
  if (mayBeBare && (raw.length - i > BARE_TITLE_MAX || !BARE_TITLE_WORD.test(raw))) return null;
  if (NUMERAL_START.has(first)) {
    let j = i + 1;
    while (j < raw.length && isSpaceChar(raw.charCodeAt(j))) j++;
    if (j === i + 1 && !SEPARATOR_AFTER_NUMERAL.has(raw[j])) return null;
  }
  if (raw.includes('\t')) return null;
  if (mayBeBare) {
    // No numeral, no markdown mark: only a line that is exactly a section title is one.
    const [a, b] = trimBounds(raw, i);
    if (!EXACT_TITLES.has(normalizeLabel(raw.slice(a, b)))) return null;
  }
  const t = blankComments(raw);
  if (t.length > HEADING_MAX) return null;
  // Strip the BOM, artefacts and markdown marks, keeping track of where the heading text starts.
  let start = t.charCodeAt(0) === 0xfeff ? 1 : 0;
  let markdown = false;
  // A line opening with a numeral after plain spaces has nothing to strip (the usual sub-heading).
  if (NUMERAL_START.has(first) && plainSpaces(t, start, i)) start = i;
  else for (;;) {
    const body = t.slice(start);
    const m = MARKDOWN_PREFIX_RE.exec(body);
    if (m && (m[1] || m[2])) markdown = true;
    const a = LEADING_ARTIFACT_RE.exec(body.slice(m ? m[0].length : 0));
    const skip = (m ? m[0].length : 0) + (a ? a[0].length : 0);
    if (skip === 0) break;
    start += skip;
  }
  const [, end] = trimBounds(t, start);
  const text = dropClosingEmphasis(t.slice(start, end));
  if (text.length < 2) return null;
  const numbered = NUMBERED_RE.exec(text);
  const styled = numbered ? null : (PAREN_RE.exec(text) ?? PART_RE.exec(text));
  // A line opening with `（` `(` `第` is a heading only in those styles (no bare title starts so): no fuzzy
  // match for the many notes and sub-headings that open alike.
  if (!styled && (first === '（' || first === '(' || first === '第')) return null;
  let title: string;
  let numbering = '';
  let written: SectionNumber | null = null;
  let style: HeadingCandidate['style'] = 'plain';
  // Where the numeral itself is in the text (a misnumbering fix rewrites only it).
  let numeralAt = 0;
  if (numbered) {
    title = dropClosingEmphasis(numbered[3]);
    numbering = numbered[1] + numbered[2].trim();
    written = NUMERALS[numbered[1]];
  } else if (styled) {
    title = dropClosingEmphasis(styled[3]);
    numbering = text.slice(0, text.length - styled[3].length).trim();
    written = NUMERALS[styled[2]];
    style = styled[1] === '第' ? 'part' : 'paren';
    numeralAt = 1;
  } else {
    // Unnumbered: only a markdown heading or a line that is exactly a section title.
    if (text.length > 30) return null;
    title = text;
  }
  // A line of a table of contents (`一、总体情况……………1`): leaders and a page number.
  if (TOC_ENTRY.test(title)) return null;
  const norm = normalizeLabel(title.includes('[') ? title.replace(ARTIFACT_RE, '') : title);
  if (norm.length < 2 || norm.length > 40) return null;
  // `（一）…` opens many a sub-heading: a section's only when short and holding its own section's keywords
  // or words near its title (the test candidateLines makes, here given the title without artefacts).
  if (styled && !styledLooksLikeHeading(raw, i, written, styled[3])) return null;
  const match = titleMatch(norm, written);
  if (!match) return null;
  if (!numbered && !styled && !(markdown && match.score >= 0.9) && !match.exact) return null;
  if (mayBeBare && (numbered || styled)) return null; // a numbered heading starts with its numeral
  const textStart = start + (t.slice(start).indexOf(text) > 0 ? t.slice(start).indexOf(text) : 0);
  const trimmedTitle = title.trim();
  return {
    line: lineNo,
    number: match.number,
    written,
    numbering,
    numeralRange: numbered ? range(lineNo, textStart, textStart + numbered[1].length) : styled ? range(lineNo, textStart + numeralAt, textStart + numeralAt + 1) : range(lineNo, textStart, textStart),
    style,
    title: trimmedTitle,
    titleScore: match.score,
    exactTitle: match.exact,
    canonical: norm === CANONICAL.get(match.number),
    markdown,
    range: range(lineNo, textStart, textStart + text.length),
    lineRange: range(lineNo, 0, t.length),
  };
}

/**
 * Lines that could be headings: a superset of what `headingCandidate` accepts, by a look at each line's
 * length and first character (after spaces). A line opens like a heading (a numeral and its separator, a
 * markdown mark, `[`, `<`), or could be a bare title: short, with a word every section title has, and
 * starting with a character some title starts with. Most lines of a long narrative end here.
 */
export function candidateLines(lines: readonly Line[]): number[] {
  const found: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    if (t.length < 2) continue;
    if (t.length > HEADING_MAX) {
      // Only a heading run into its paragraph is this long (never a table row: no TAB, no bar).
      if (RUN_IN.test(t) && !t.includes('\t') && !t.includes('|')) found.push(i);
      continue;
    }
    let k = 0;
    while (k < t.length && isSpaceChar(t.charCodeAt(k))) k++;
    if (k === t.length) continue;
    const c = t.charCodeAt(k);
    if (isMark(c) || isNumeral(c) || isStyleOpener(c)) {
      if (opensHeading(t, k, c) || (isStyleOpener(c) && i + 1 < lines.length && styledOverTwoLines(t, k, c, lines[i + 1].text))) found.push(i);
    } else if (t.length - k <= BARE_TITLE_MAX && opensBareTitle(c) && BARE_TITLE_WORD.test(t)) found.push(i);
  }
  return found;
}

/** Marks that open a heading by themselves: `#`, `*`, `_`, `[`, `<`. */
const isMark = (c: number) => c === 0x23 || c === 0x2a || c === 0x5f || c === 0x5b || c === 0x3c;
/** Numerals that open a heading when a separator or a space follows. */
const CJK_NUMERALS = new Set([...'一二三四五六七八九十'].map((c) => c.charCodeAt(0)));
const isNumeral = (c: number) => (c >= 0x31 && c <= 0x39) || (c >= 0x4e00 && CJK_NUMERALS.has(c));
/** `、` `.` `．` `，` `,` `:` `：` */
const isSeparator = (c: number) => c === 0x3001 || c === 0x2e || c === 0xff0e || c === 0xff0c || c === 0x2c || c === 0x3a || c === 0xff1a;

/** Every section title and alias as written (a misnumbered heading in these styles still has one). */
const TITLE_TEXTS = SECTIONS.flatMap((s) => [s.title, ...(s.aliases ?? [])]);

/**
 * A line in the `（一）` or `第一部分` style (opening at `k`) is worth a look: short, and holding its own
 * section's keywords or some section's title (under another numeral: misnumbered). The same test in
 * candidateLines and the candidate, on the raw line.
 */
function styledLooksLikeHeading(t: string, k: number, own: SectionNumber | null, title?: string): boolean {
  if (t.length - k > STYLED_MAX) return false;
  if (hasOwnKeywords(t, own)) return true;
  for (let j = 0; j < TITLE_TEXTS.length; j++) if (t.includes(TITLE_TEXTS[j])) return true;
  return own !== null && nearOwnTitle(title ?? styledTitle(t.slice(k)), own);
}

/** The words after a `（一）` or `第一部分` numbering, comments blanked; '' for a line not so numbered. */
function styledTitle(line: string): string {
  const t = (line.includes('<!--') ? blankComments(line) : line).trim();
  const m = PAREN_RE.exec(t) ?? PART_RE.exec(t);
  return m ? m[3] : '';
}

/**
 * A styled line whose words are its own section's title with a character added, dropped or changed
 * (`（四）政府信息公开行政复议、他政诉讼情况`): a typo can break the keywords, not the likeness.
 */
function nearOwnTitle(title: string, own: SectionNumber): boolean {
  const norm = normalizeLabel(dropClosingEmphasis(title.trim()));
  if (norm.length < 3) return false;
  // The matcher's near-miss score against the own section's forms alone (these lines are many: most are
  // sub-headings, compared with one section's words, not all six).
  const core = stripOrdinal(norm);
  for (const form of OWN_FORMS.get(own)!) if (core === form || textSimilarity(core, form, NEAR_OWN_TITLE) >= NEAR_OWN_TITLE) return true;
  return false;
}

/** Each section's title and aliases, normalised, without an ordinal: what the matcher compares. */
const OWN_FORMS = new Map(SECTIONS.map((s) => [s.number as SectionNumber, [s.title, ...(s.aliases ?? [])].map((t) => stripOrdinal(normalizeLabel(t))).filter((t) => t !== '')]));


/** The line holds every word of one of the keyword sets of section `n`. */
function hasOwnKeywords(t: string, n: SectionNumber | null): boolean {
  return n !== null && holdsKeywords(t, KEYWORDS[SECTION_NUMBERS.indexOf(n)].sets);
}

/** A heading numbered `（一）` or `第一部分` is at most this long (title, a known alias, markdown marks). */
const STYLED_MAX = 48;
/** `（` `(` `第`: a numeral in brackets or `第…部分` may follow. */
const isStyleOpener = (c: number) => c === 0xff08 || c === 0x28 || c === 0x7b2c;

/** The line opens like a heading at `k` (its first character `c`): a mark, or a numeral with a separator or a space after it. */
function opensHeading(t: string, k: number, c: number): boolean {
  if (isMark(c)) return true;
  // Headings in these styles are short and hold their own section's keywords; the many sub-headings that
  // open alike (`（一）主动公开情况` under 一, `（一）加强组织领导。…`) end here.
  if (isStyleOpener(c)) return k + 1 < t.length && styledLooksLikeHeading(t, k, NUMERALS[t[k + 1]] ?? null);
  if (!isNumeral(c) || k + 1 >= t.length) return false;
  const d = t.charCodeAt(k + 1);
  return isSeparator(d) || isSpaceChar(d);
}

/** First characters of the exact titles and aliases, normalised. */
const TITLE_OPENERS = new Set([...EXACT_TITLES].map((t) => t.charCodeAt(0)));
/** Per character code: 0 not yet asked, 1 can open a bare title, 2 cannot. */
const bareOpeners = new Uint8Array(0x10000);

/**
 * Can a line that is exactly a section title start with this character? Its normalised form must open a
 * title, or vanish (quotes, odd spaces). Below U+3000 (letters that may combine with what follows) and
 * for surrogates (compatibility ideographs outside the BMP) the answer is yes: the filter stays a superset.
 */
function opensBareTitle(c: number): boolean {
  let known = bareOpeners[c];
  if (known === 0) {
    const n = normalizeLabel(String.fromCharCode(c));
    known = c < 0x3000 || (c >= 0xd800 && c <= 0xdfff) || n === '' || TITLE_OPENERS.has(n.charCodeAt(0)) ? 1 : 2;
    bareOpeners[c] = known;
  }
  return known === 1;
}

/** The line holding `offset` (binary search over the lines' starts). */
export function lineAt(lines: readonly Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Lines of table cells: TAB-separated, pipe rows (`| a |`, or `a | b |` with a bar after each cell), bare
 * numbers, or a row as PDF text gives it (numbers apart by spaces at its end: `四、结转… 0 0 0`).
 */
function tableLike(t: string): boolean {
  if (t.includes('\t')) return true;
  const s = t.trim();
  return (
    s.startsWith('|') ||
    (s.endsWith('|') && s.length > 1) ||
    /^[+\-－]?[0-9０-９][0-9０-９,，.．]*\s*(?:万元|元|件)?$/.test(s) ||
    /(?:^|[ \u3000])[0-9０-９][0-9０-９.．]*[ \u3000]+[0-9０-９][0-9０-９.．]*$/.test(s)
  );
}

/**
 * Chooses the sections among the candidates. Each section takes its best candidate; a second
 * candidate with the exact title and the section's own numeral is a duplicate; others are sub-headings.
 */
export function chooseSections(all: HeadingCandidate[], lines: readonly Line[]): Section[] {
  // `（一）` and `第一部分` number sub-headings as often as sections: they are the sections' own style only
  // where at least three sections are written so under their own numerals.
  const styleHolds = (style: HeadingCandidate['style']) => new Set(all.filter((c) => c.style === style && c.written === c.number).map((c) => c.number)).size >= 3;
  const kept = { plain: true, paren: styleHolds('paren'), part: styleHolds('part') };
  const styled = all.filter((c) => kept[c.style]);
  // A contents' entry is listed again by a heading in the report's own style (a `（五）…` sub-heading is none).
  const toc = tableOfContents(styled, lines);
  const candidates = styled.filter((c) => !toc.has(c));
  const score = new Map<HeadingCandidate, number>();
  const tableFollows = new Map<HeadingCandidate, boolean>();
  candidates.forEach((c, k) => {
    // A table follows its heading at once (after a caption or a note at most): look a few lines ahead.
    const next = Math.min(k + 1 < candidates.length ? candidates[k + 1].line : lines.length, c.line + TABLE_LOOKAHEAD);
    let tableLines = 0;
    for (let i = c.line + 1; i < next && tableLines < 3; i++) if (tableLike(lines[i].text)) tableLines++;
    const hasTable = tableLines >= 3;
    tableFollows.set(c, hasTable);
    let s = c.titleScore * 10;
    if (c.written === c.number) s += 3;
    else if (c.written === null && c.numbering === '') s -= 1;
    if (TABLE_SECTIONS.has(c.number)) s += hasTable ? 4 : -2;
    else if (hasTable) s -= 1;
    if (c.markdown) s += 0.5;
    score.set(c, s);
  });
  // Strongest claims first, so a weak candidate never takes the line a strong one needs.
  const claims = candidates
    .map((c) => ({ c, s: score.get(c)! }))
    .sort((a, b) => b.s - a.s || a.c.line - b.c.line);
  const subHeadings = new Set<HeadingCandidate>();
  let chosen = new Map<SectionNumber, HeadingCandidate>();
  for (;;) {
    chosen = new Map();
    for (const { c } of claims) if (!chosen.has(c.number) && !subHeadings.has(c)) chosen.set(c.number, c);
    // A heading under another section's numeral inside 一, before a section it should follow, and
    // without the table its section has: a sub-heading of 一 that shares a section's title
    // (`五、政府信息公开行政复议、行政诉讼情况` among 一's 一、二、…), not that section misnumbered.
    const first = chosen.get('一');
    const inside = [...chosen.values()].filter(
      (c) =>
        c !== first &&
        c.written !== null &&
        c.written !== c.number &&
        first !== undefined &&
        c.line > first.line &&
        !(TABLE_SECTIONS.has(c.number) && tableFollows.get(c)) &&
        [...chosen.values()].some((o) => o.number !== '一' && sectionIndex(o.number) < sectionIndex(c.number) && o.line > c.line),
    );
    // A heading under 一's numeral again, after 一 and followed by 二、 (before any table and the next
    // section): the start of 一's own numbered sub-headings (`一、主动公开情况` `二、依申请公开情况` …),
    // not a section misnumbered.
    const sectionLines = new Set([...chosen.values()].map((c) => c.line));
    for (const c of chosen.values()) {
      if (c === first || first === undefined || c.written !== '一' || c.line <= first.line) continue;
      const end = Math.min(...[...chosen.values()].filter((o) => o.line > c.line).map((o) => o.line), lines.length);
      const next = nextNumeral(lines, c.line + 1, end);
      if (next === null || next.numeral !== '二' || sectionLines.has(next.line)) continue;
      // Its section's table, if any, is under a later sub-heading.
      let table = false;
      for (let i = c.line + 1; i < next.line && !table; i++) table = tableLike(lines[i].text);
      if (!table) inside.push(c);
    }
    if (inside.length === 0) break;
    for (const c of inside) subHeadings.add(c);
  }
  const locals = localHeadings(chosen, lines);
  for (const c of locals) chosen.set(c.number, c);
  const sections: Section[] = [];
  for (const c of locals.length > 0 ? [...candidates, ...locals].sort((a, b) => a.line - b.line) : candidates) {
    const main = chosen.get(c.number);
    const duplicate = main !== c && c.exactTitle && (c.written === c.number || c.written === null) && main !== undefined;
    if (main !== c && !duplicate) continue;
    const spec = SECTIONS.find((s) => s.number === c.number)!;
    const odd = c.written !== null && c.written === c.number && /^[一二三四五六]、$/.test(c.numbering) ? undefined : c.numbering || undefined;
    sections.push({
      number: c.number,
      title: c.title,
      canonicalTitle: `${c.number}、${spec.title}`,
      canonical: c.canonical,
      oddNumbering: c.written === c.number ? odd : c.numbering === '' ? '' : undefined,
      misnumbered: c.numbering !== '' && c.written !== c.number ? { written: c.numbering, range: c.numeralRange } : undefined,
      duplicateOf: duplicate ? main!.line : undefined,
      line: c.line,
      range: c.range,
      lineRange: c.lineRange,
      endLine: c.line,
      runIn: c.runIn,
      local: c.local,
    });
  }
  for (let k = 0; k < sections.length; k++) {
    // Up to the next heading's first line (a heading broken over two lines starts on the line before its own).
    sections[k].endLine = k + 1 < sections.length ? sections[k + 1].lineRange.start.line - 1 : lines.length - 1;
  }
  return sections;
}

const NUMBERED_LINE = /^[\s\u3000#]*([一二三四五六七八九十]+)[、.．]/;

/** `三、依申请公开情况`: a numeral, its separator and a short title of the author's own (markdown marks allowed). */
const LOCAL_HEADING = /^([ \u3000#*]*)([一二三四])[、.．][ \u3000]*([^\s\u3000*|\d][^|\t]{1,19}?)[ \u3000*。：:]*$/;
/** A heading's words say what the part is about (`依申请公开情况`, `基本情况`, `概述`); a cell broken over lines (`三、本年`) does not. */
const HEADING_WORDS = /情况|概述|概况|总体|基本|公开|申请|复议|诉讼/;
/** Words of table 三's row labels (`四、结转下年度继续办理` on a line of its own is a row, not a heading). */
const ROW_LABEL_WORDS = /申请数量|办理结果|继续办理|结转|总计/;

/**
 * Sections whose title is nowhere, found under their own numeral in their place (after the section before,
 * before the section after) with what must follow: for 二–四 their table within a few lines, for 一 the
 * section 二 after it with no numbered line between (else it opens 一's numbered sub-headings). `三、依申请公开情况` over table 三 is section 三 with a local title, not missing.
 */
function localHeadings(chosen: ReadonlyMap<SectionNumber, HeadingCandidate>, lines: readonly Line[]): HeadingCandidate[] {
  const found: HeadingCandidate[] = [];
  const taken = new Set([...chosen.values()].map((c) => c.line));
  for (const number of ['一', '二', '三', '四'] as SectionNumber[]) {
    if (chosen.has(number)) continue;
    const k = sectionIndex(number);
    let from = 0;
    let to = lines.length;
    for (const c of [...chosen.values(), ...found]) {
      if (sectionIndex(c.number) < k) from = Math.max(from, c.line + 1);
      else to = Math.min(to, c.line);
    }
    if (number === '一' && !chosen.has('二')) continue;
    for (let i = from; i < to; i++) {
      const m = taken.has(i) ? null : LOCAL_HEADING.exec(lines[i].text);
      if (!m || m[2] !== number || ROW_LABEL_WORDS.test(m[3]) || !HEADING_WORDS.test(m[3])) continue;
      // 一's numbered sub-headings (`一、主动公开情况` `二、…` before section 二) are no section 一.
      if (number === '一' && nextNumeral(lines, i + 1, to) !== null) break;
      if (TABLE_SECTIONS.has(number)) {
        let tableLines = 0;
        for (let j = i + 1; j < Math.min(to, i + TABLE_LOOKAHEAD) && tableLines < 3 && !NUMBERED_LINE.test(lines[j].text); j++) if (tableLike(lines[j].text)) tableLines++;
        if (tableLines < 3) continue;
      }
      const start = m[1].length;
      const title = m[3];
      const end = lines[i].text.indexOf(title, start) + title.length;
      found.push({
        line: i,
        number,
        written: number,
        numbering: `${number}、`,
        numeralRange: range(i, start, start + 1),
        style: 'plain',
        title,
        titleScore: 0,
        exactTitle: false,
        canonical: false,
        markdown: m[1].includes('#') || m[1].includes('*'),
        range: range(i, start, end),
        lineRange: range(i, 0, lines[i].text.length),
        local: true,
      });
      break;
    }
  }
  return found;
}

/** The first line in [from, to) that opens with a Chinese numeral and 、: its numeral and line. */
function nextNumeral(lines: readonly Line[], from: number, to: number): { numeral: string; line: number } | null {
  for (let i = from; i < to; i++) {
    const m = NUMBERED_LINE.exec(lines[i].text);
    if (m) return { numeral: m[1], line: i };
  }
  return null;
}

const CONTENTS_LINE = /^[\s\u3000#*]*目[\s\u3000]*录[\s\u3000*]*$/;

/**
 * Headings listed as a table of contents: three or more candidates with nothing but blank lines between
 * them, after a line `目录` or each listed again further on. They name the sections; they are not them.
 */
function tableOfContents(candidates: readonly HeadingCandidate[], lines: readonly Line[]): Set<HeadingCandidate> {
  const out = new Set<HeadingCandidate>();
  let k = 0;
  while (k < candidates.length) {
    // A contents lists each section once: a numeral met again starts the text itself.
    let end = k;
    const listed = new Set([candidates[k].number]);
    while (end + 1 < candidates.length && !listed.has(candidates[end + 1].number) && onlyBlankBetween(lines, candidates[end].line, candidates[end + 1].line)) listed.add(candidates[++end].number);
    const run = candidates.slice(k, end + 1);
    k = end + 1;
    if (run.length < 3) continue;
    let before = run[0].line - 1;
    while (before >= 0 && lines[before].text.trim() === '') before--;
    const titled = before >= 0 && CONTENTS_LINE.test(lines[before].text);
    const repeated = run.every((c) => candidates.some((o) => o.line > run[run.length - 1].line && o.number === c.number));
    if (titled || repeated) for (const c of run) out.add(c);
  }
  return out;
}

function onlyBlankBetween(lines: readonly Line[], a: number, b: number): boolean {
  for (let i = a + 1; i < b; i++) if (lines[i].text.trim() !== '') return false;
  return true;
}

/** Section numerals in order, for rules that compare positions. */
export function sectionIndex(n: SectionNumber): number {
  return SECTION_NUMBERS.indexOf(n);
}
