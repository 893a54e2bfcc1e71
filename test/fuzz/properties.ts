// The robustness properties every text must satisfy (issue 6). `checkDocument` runs the core on one
// text and throws a PropertyFailure naming what broke; the kind is stable enough to name a regression
// fixture after it and to tell, while shrinking, that a smaller text still fails the same way.
//
//  1. checkText never throws and no rule throws (failedRules is empty).
//  2. Every diagnostic range, related range and fix edit range lies inside the document.
//  3. The edits of one fix do not overlap.
//  4. A preferred fix edits inside its diagnostic's range (its own cell), replaces only the number
//     there, and writes plain digits.
//  5. A single fix keeps the line count — except XR001's inserted heading, which adds lines and is then
//     read as that section.
//  6. Fix-all is idempotent: run again on its output it changes nothing and takes no round.
//  7. Fix-all keeps the line count and every character but the values of the cells it rewrites.
//
// Positions and line ends are computed here independently of the core (LSP: LF, CRLF or a lone CR).

import { applyEdits, checkText, fixAll, parseReport, parseValue, type CheckOptions, type CheckResult, type Diagnostic, type Range } from '../../server/src/core';

export class PropertyFailure extends Error {
  constructor(
    /** Short stable name of what broke, e.g. `range-outside-document-XR207`. */
    readonly kind: string,
    detail: string,
  ) {
    super(`${kind}: ${detail}`);
    this.name = 'PropertyFailure';
  }
}

/** Kinds (by prefix) to pass over: known, reported failures, so that a run can look for new ones. */
let skipped: readonly string[] = [];

function fail(kind: string, detail: string): void {
  if (skipped.length > 0 && skipped.some((p) => kind.startsWith(p))) return;
  throw new PropertyFailure(kind, detail);
}

/** Start offset and length of every line (LF, CRLF and lone CR end a line; a final line always exists). */
export function lineTable(text: string): { starts: number[]; lengths: number[] } {
  const starts = [0];
  const lengths: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lengths.push(i - starts[starts.length - 1]);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  lengths.push(text.length - starts[starts.length - 1]);
  return { starts, lengths };
}

export function lineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

type Lines = ReturnType<typeof lineTable>;

function show(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** Why the range does not lie inside the document, or null. */
export function rangeProblem(lines: Lines, r: Range): string | null {
  const count = lines.lengths.length;
  for (const p of [r.start, r.end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `bad position in ${show(r)}`;
    if (p.line >= count) return `line ${p.line} ≥ line count ${count} in ${show(r)}`;
    if (p.character > lines.lengths[p.line]) return `character ${p.character} > length ${lines.lengths[p.line]} of line ${p.line} in ${show(r)}`;
  }
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) return `start after end in ${show(r)}`;
  return null;
}

function offset(lines: Lines, p: { line: number; character: number }): number {
  return lines.starts[p.line] + p.character;
}

/**
 * What a preferred fix may replace: nothing, or the value of one cell — the brief's
 * /^[0-9０-９.,，+\-]*$/ widened to what the number grammar of spec §6.2 maps one to one (full-width
 * ＋ － ． 、 and −), a whole number token with inner spaces (`1 234`, `- 5`), or a whole placeholder
 * (—, 无, n/a …: the cell's value, 0 in arithmetic).
 */
export const REPLACEABLE = /^[0-9０-９.,，、．+\-＋－−]*$/;
/** What a preferred fix may write. */
export const WRITABLE = /^[0-9]+$/;

export function replaceable(s: string): boolean {
  if (REPLACEABLE.test(s)) return true;
  if (/^[\s\u3000]|[\s\u3000]$/.test(s)) return false;
  const v = parseValue(s);
  if (v.kind === 'placeholder') return true;
  return v.kind === 'number' && v.tokenStart === 0 && v.tokenEnd === s.length && v.unit === undefined;
}

/** Numbers as spec §6.2 writes them: sign (also `增`/`减`), digits (ASCII or full-width), separators, point, inner spaces. */
const NUMBER_TOKEN = /(?:(?:[+\-＋－−]|增加?|减少?)[ \u00a0\u3000]*)?[0-9０-９]+(?:(?:[.,，、．]|[ \u00a0]+)[0-9０-９]+)*/g;
const CELL_SPLIT = /(\t|\|)/;

/**
 * A cell without its numbers, and without its value when that value is a placeholder. Runs of spaces count
 * as one: in a row as PDF text gives it (`数量 0 -1 0 0`), the number grammar reads `-1 0 0` as one number
 * with inner spaces, so rewriting `-1` as `0` merges two tokens and leaves one space fewer between them.
 */
function residue(cell: string): string {
  const trimmed = cell.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
  const body = trimmed !== '' && parseValue(trimmed).kind === 'placeholder' ? cell.replace(trimmed, '') : cell;
  return body.replace(NUMBER_TOKEN, '').replace(/[ \u00a0\u3000]+/g, ' ');
}

/**
 * Where `after` differs from `before` by more than the values of cells, or null. The brief's "compare
 * the texts with every digit removed", made cell by cell (TAB and pipe split cells, so a lost separator
 * counts), so that a fix may rewrite `-3`, `1,234`, `80.5` or `—` as a whole number, but nothing else.
 */
export function nonValueChange(before: string, after: string): string | null {
  const a = before.split(/\r\n|\r|\n/);
  const b = after.split(/\r\n|\r|\n/);
  if (a.length !== b.length) return `${a.length} → ${b.length} lines`;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const ca = a[i].split(CELL_SPLIT);
    const cb = b[i].split(CELL_SPLIT);
    if (ca.length !== cb.length) return `line ${i}: cells ${JSON.stringify(a[i])} → ${JSON.stringify(b[i])}`;
    for (let k = 0; k < ca.length; k++) {
      if (ca[k] !== cb[k] && residue(ca[k]) !== residue(cb[k])) return `line ${i}: ${JSON.stringify(ca[k])} → ${JSON.stringify(cb[k])}`;
    }
  }
  return null;
}

function where(d: Diagnostic): string {
  return `${d.code} "${d.message.slice(0, 80)}" at ${show(d.range)}`;
}

/**
 * Properties 2–5 over one check result: pure, so that tests can feed it made-up diagnostics. With
 * `applyFixes: false` only the ranges and the preferred edits are checked (for huge texts, where
 * applying every fix to a copy of the text would take long).
 */
export function verifyDiagnostics(text: string, diagnostics: readonly Diagnostic[], lines: Lines = lineTable(text), applyFixes = true): number {
  const count = lines.lengths.length;
  let fixes = 0;
  for (const d of diagnostics) {
    const p = rangeProblem(lines, d.range);
    if (p) fail(`range-outside-document-${d.code}`, `diagnostic ${where(d)}: ${p}`);
    for (const rel of d.related ?? []) {
      const q = rangeProblem(lines, rel.range);
      if (q) fail(`related-range-outside-document-${d.code}`, `related "${rel.message}" of ${where(d)}: ${q}`);
    }
    for (const f of d.fixes) {
      fixes++;
      const spans = f.edits.map((e) => {
        const q = rangeProblem(lines, e.range);
        if (q) fail(`edit-outside-document-${d.code}`, `fix "${f.title}" of ${where(d)}: ${q}`);
        return { from: offset(lines, e.range.start), to: offset(lines, e.range.end), e };
      });
      spans.sort((a, b) => a.from - b.from || a.to - b.to);
      for (let k = 1; k < spans.length; k++) {
        if (spans[k].from < spans[k - 1].to) fail(`fix-edits-overlap-${d.code}`, `fix "${f.title}" of ${where(d)}: ${show(spans[k - 1].e.range)} and ${show(spans[k].e.range)}`);
      }
      if (f.preferred) {
        const cell = { from: offset(lines, d.range.start), to: offset(lines, d.range.end) };
        for (const s of spans) {
          if (s.from < cell.from || s.to > cell.to) fail(`preferred-fix-outside-its-cell-${d.code}`, `fix "${f.title}" of ${where(d)} edits ${show(s.e.range)}`);
          const replaced = text.slice(s.from, s.to);
          if (!replaceable(replaced)) fail(`preferred-fix-replaces-non-digits-${d.code}`, `fix "${f.title}" of ${where(d)} replaces ${JSON.stringify(replaced)} at ${show(s.e.range)}`);
          if (!WRITABLE.test(s.e.newText)) fail(`preferred-fix-writes-non-digits-${d.code}`, `fix "${f.title}" of ${where(d)} writes ${JSON.stringify(s.e.newText)}`);
        }
      }
      if (!applyFixes) continue;
      let applied = text;
      try {
        applied = applyEdits(text, f.edits);
      } catch (e) {
        fail(`applyEdits-throws-${d.code}`, `fix "${f.title}" of ${where(d)}: ${String(e)}`);
      }
      const after = lineCount(applied);
      if (d.code === 'XR001') {
        // The inserted heading adds lines and is read as the missing section.
        const added = f.edits.reduce((s, e) => s + lineCount(e.newText) - 1, 0);
        if (after !== count + added || added <= 0) fail('XR001-fix-line-count', `fix "${f.title}": ${count} lines + ${added} inserted, got ${after}`);
        const heading = /^([一二三四五六])、/.exec(f.edits[0]?.newText.replace(/^[\r\n]+/, '') ?? '');
        if (!heading || !parseReport(applied).sections.some((s) => s.number === heading[1])) fail('XR001-fix-heading-not-read', `fix "${f.title}": the inserted heading is not read as section ${heading?.[1] ?? '?'}`);
      } else if (after !== count) {
        fail(`fix-changes-line-count-${d.code}`, `fix "${f.title}" of ${where(d)}: ${count} → ${after} lines`);
      }
    }
  }
  return fixes;
}

export interface DocumentStats {
  diagnostics: number;
  fixes: number;
  fixAllRounds: number;
}

/** Every property (1–7) on one text. Throws a PropertyFailure on the first one that breaks. */
export function checkDocument(text: string, skip: readonly string[] = [], options: CheckOptions = {}): DocumentStats {
  skipped = skip;
  try {
    return checkAll(text, options);
  } finally {
    skipped = [];
  }
}

function checkAll(text: string, options: CheckOptions): DocumentStats {
  let result: CheckResult;
  try {
    result = checkText(text, options);
  } catch (e) {
    throw new PropertyFailure('checkText-throws', e instanceof Error ? `${e.message}\n${e.stack}` : String(e));
  }
  if (result.failedRules.length > 0) {
    const f = result.failedRules[0];
    fail(`rule-throws-${f.code}`, result.failedRules.map((r) => `${r.code}: ${r.error}`).join('; '));
  }
  const lines = lineTable(text);
  const fixes = verifyDiagnostics(text, result.diagnostics, lines);

  let first: ReturnType<typeof fixAll>;
  let second: ReturnType<typeof fixAll>;
  try {
    first = fixAll(text, options);
    second = fixAll(first.text, options);
  } catch (e) {
    throw new PropertyFailure('fixAll-throws', e instanceof Error ? `${e.message}\n${e.stack}` : String(e));
  }
  if (second.text !== first.text || second.rounds !== 0) {
    const codes = [...new Set(second.fixed.map((d) => d.code))].join(',') || checkText(first.text, options).diagnostics.filter((d) => d.fixes.some((f) => f.preferred)).map((d) => d.code).join(',');
    fail('fixAll-not-idempotent', `after ${first.rounds} round(s), a second fix-all takes ${second.rounds} round(s) (${codes}) and ${second.text === first.text ? 'changes nothing' : 'changes the text again'}`);
  }
  const before = lineCount(text);
  const after = lineCount(first.text);
  if (after !== before) fail('fixAll-changes-line-count', `${before} → ${after} lines`);
  const change = nonValueChange(text, first.text);
  if (change) fail('fixAll-changes-non-digits', change);
  return { diagnostics: result.diagnostics.length, fixes, fixAllRounds: first.rounds };
}

/** The kind of failure of a text, or null when every property holds. */
export function failureKind(text: string, skip: readonly string[] = [], options: CheckOptions = {}): string | null {
  try {
    checkDocument(text, skip, options);
    return null;
  } catch (e) {
    return e instanceof PropertyFailure ? e.kind : `unexpected: ${String(e)}`;
  }
}
