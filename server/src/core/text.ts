// Line splitting, ranges and label normalisation. Everything works on JS strings, whose indices are
// UTF-16 code units: exactly LSP's `character`.

import type { Position, Range } from './types';

export interface Line {
  /** Line text without its line end. */
  text: string;
  /** Offset of the line's first character in the document. */
  start: number;
}

/** Splits on LF, CRLF and lone CR (all three are line ends in LSP). A leading BOM stays in line 0's text. */
export function splitLines(text: string): Line[] {
  let cr = text.indexOf('\r');
  // No CR (most files): the engine's own split, then the offsets; a third quicker than the loop below.
  if (cr === -1) {
    const parts = text.split('\n');
    const out: Line[] = new Array(parts.length);
    let at = 0;
    for (let i = 0; i < parts.length; i++) {
      out[i] = { text: parts[i], start: at };
      at += parts[i].length + 1;
    }
    return out;
  }
  const lines: Line[] = [];
  let start = 0;
  // indexOf, not a loop over every character: a cold process (the CLI) runs this before any JIT.
  let lf = text.indexOf('\n');
  while (lf !== -1 || cr !== -1) {
    const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
    lines.push({ text: text.slice(start, end), start });
    start = end === cr && lf === cr + 1 ? end + 2 : end + 1;
    if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
    if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
  }
  lines.push({ text: text.slice(start), start });
  return lines;
}

export function pos(line: number, character: number): Position {
  return { line, character };
}

export function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

export function spanRange(a: Range, b: Range): Range {
  return { start: a.start, end: b.end };
}

export function offsetAt(lines: readonly Line[], p: Position): number {
  const line = lines[Math.min(Math.max(p.line, 0), lines.length - 1)];
  return line.start + Math.min(Math.max(p.character, 0), line.text.length);
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function containsPosition(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}

/** White space as Word exports it: ASCII, U+00A0, U+3000, zero-width characters and the BOM. */
const SPACE_CLASS = '\\s\\u00a0\\u2000-\\u200b\\u3000\\ufeff';
export const SPACE_RE = new RegExp(`[${SPACE_CLASS}]`);
const ALL_SPACES = new RegExp(`[${SPACE_CLASS}]+`, 'g');
const LEADING = new RegExp(`^[${SPACE_CLASS}]+`);
const TRAILING = new RegExp(`[${SPACE_CLASS}]+$`);

export function isBlank(s: string): boolean {
  return s.replace(ALL_SPACES, '') === '';
}

/** Start and end of the text once outer white space is dropped (end exclusive). */
export function trimBounds(s: string, from = 0, to = s.length): [number, number] {
  let a = from;
  let b = to;
  while (a < b && isSpaceCode(s.charCodeAt(a))) a++;
  while (b > a && isSpaceCode(s.charCodeAt(b - 1))) b--;
  return [a, b];
}

function isSpaceCode(c: number): boolean {
  return (
    c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 ||
    c === 0xa0 || c === 0x3000 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b)
  );
}

export function trimSpaces(s: string): string {
  return s.replace(LEADING, '').replace(TRAILING, '');
}

/** Converter artefacts Word-to-text tools leave behind: `[bookmark: _GoBack]`, `[image: image2]`. */
export const ARTIFACT_RE = /\[(?:bookmark|image):[^\]\r\n]{0,80}\]/g;

/**
 * A line that is only a page number, left by a conversion from PDF or a print layout (`- 2 -`, `— 12 —`,
 * `第 3 页 共 9 页`; markdown escapes the dash: `\\- 2 -`). No text of the report: the table reader passes
 * over it (it may fall between two rows), and XR013 names it.
 */
const PAGE_MARK = /^[ \t\u3000]*(?:\\?[-—－–]{1,2}[ \t\u3000]*\d{1,4}[ \t\u3000]*[-—－–]{1,2}|第[ \t\u3000]*\d{1,4}[ \t\u3000]*页(?:[ \t\u3000]*[,，/]?[ \t\u3000]*共[ \t\u3000]*\d{1,4}[ \t\u3000]*页)?)[ \t\u3000]*$/;

export function isPageMark(t: string): boolean {
  return t.length <= 32 && PAGE_MARK.test(t);
}

/** A line break written into a markdown cell (`<br>`, as pages turned into markdown have it): layout. */
export const LINE_BREAK_TAG = /<br\s*\/?>/gi;

/**
 * Normalises a label for matching (spec §5.5 rule 2): NFKC, no white space, full-width brackets,
 * commas and colons, no quotes, no markdown emphasis, line breaks (`<br>`) or artefacts.
 */
export function normalizeLabel(s: string): string {
  let n = labelCache.get(s);
  if (n === undefined) {
    n = computeNormalizedLabel(s);
    // Labels repeat across tables, template versions and document versions: a small bounded memo.
    if (labelCache.size >= 4096) labelCache.clear();
    labelCache.set(s, n);
  }
  return n;
}

const labelCache = new Map<string, string>();

function computeNormalizedLabel(s: string): string {
  // Trailing 。/： are cut by a loop: a regex anchored at the end backtracks over every inner run.
  const n = s
    .replace(ARTIFACT_RE, '')
    .normalize('NFKC')
    .replace(ALL_SPACES, '')
    .replace(/\*\*|__|`/g, '')
    .replace(LINE_BREAK_TAG, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/,/g, '，')
    .replace(/:/g, '：')
    .replace(/;/g, '；')
    .replace(/["'“”‘’]/g, '');
  let end = n.length;
  while (end > 0 && (n[end - 1] === '。' || n[end - 1] === '：')) end--;
  // A footnote mark after a label (`第二十条第（一）项[1]`, `规章①`, `规章*`) is no part of its words.
  const mark = /(?:\[\d{1,2}\]|［\d{1,2}］|[①-⑩]|\*)$/.exec(n.slice(0, end));
  if (mark && mark.index > 0) end = mark.index;
  return end === n.length ? n : n.slice(0, end);
}


/** A line that is only an HTML comment (`<!-- xxgk-disable-next-line XR103 -->`): invisible to the model. */
export function isCommentLine(t: string): boolean {
  return t.includes('<!--') && /^[\s\u3000]*<!--.*-->[\s\u3000]*$/.test(t);
}

/** Text with inline HTML comments blanked out (same length, so positions stay valid). */
export function blankComments(t: string): string {
  let open = t.indexOf('<!--');
  if (open === -1) return t;
  let out = '';
  let from = 0;
  // indexOf, not a lazy regex: an unclosed `<!--` must not make every later one rescan the line.
  while (open !== -1) {
    const close = t.indexOf('-->', open + 4);
    if (close === -1) break;
    out += t.slice(from, open) + ' '.repeat(close + 3 - open);
    from = close + 3;
    open = t.indexOf('<!--', from);
  }
  return from === 0 ? t : out + t.slice(from);
}

/**
 * What a check computes once about one model or analysis, kept on that object (under a symbol of its own)
 * rather than in a WeakMap. V8's young-generation collector keeps a WeakMap's values alive while their key
 * is young, so every check's cached graph was copied and promoted to the old generation, to be freed only
 * by a full collection: on a 100 KiB report that made a check some 30 % slower on average. A value held by
 * its object dies with it.
 */
export class HeldMemo<K extends object, V> {
  private readonly slot: symbol;

  constructor(name: string) {
    this.slot = Symbol(name);
  }

  get(key: K): V | undefined {
    return (key as Record<symbol, V | undefined>)[this.slot];
  }

  set(key: K, value: V): void {
    // Not enumerable: an object spread or Object.assign of the model must not carry its memo along.
    Object.defineProperty(key, this.slot, { value, writable: true, configurable: true, enumerable: false });
  }
}

/**
 * A bounded memo keyed by long strings, such as the lines of a document. A Map hashes every character of
 * each key it is asked for, and every parse makes the lines afresh; here a line is bucketed by its length
 * and a few sampled characters, and equality decides. A bucket holds a few keys: lines that share a
 * bucket beyond that are simply not remembered, so a look-up never costs more than a few comparisons.
 */
export class LongKeyMemo<V> {
  private readonly buckets = new Map<number, { key: string; value: V }[]>();
  private count = 0;

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const bucket = this.buckets.get(sampledHash(key));
    if (bucket) for (const e of bucket) if (e.key === key) return e.value;
    return undefined;
  }

  /** Remembers a key not yet remembered (after a `get` that found nothing). */
  set(key: string, value: V): void {
    if (this.count >= this.capacity) {
      this.buckets.clear();
      this.count = 0;
    }
    const h = sampledHash(key);
    const bucket = this.buckets.get(h);
    if (!bucket) this.buckets.set(h, [{ key, value }]);
    else if (bucket.length < BUCKET_SIZE) bucket.push({ key, value });
    else return;
    this.count++;
  }
}

const BUCKET_SIZE = 8;

/** The length, eight evenly spaced characters and the last: integer positions, no floating point. */
function sampledHash(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  const step = n >> 3;
  let h = n;
  for (let k = 0; k < 8; k++) h = (Math.imul(h, 31) + s.charCodeAt(k * step)) | 0;
  return (Math.imul(h, 31) + s.charCodeAt(n - 1)) | 0;
}
