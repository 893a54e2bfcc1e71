// Edits for the recompute features: fix-all and "recompute this table" iterate the core's preferred
// fixes, then the result is turned back into minimal edits of the current text (one per changed number),
// so an editor keeps cursors, folding and undo granularity where nothing changed.

import { applyEdits, checkText, fixAll, preferredEdits, splitLines, type CheckOptions, type CheckResult, type Position, type TableId, type TextEdit } from '../core';

/** The document's own line ending (the first one found; LF when there is none). */
export function lineEnding(text: string): string {
  const i = text.search(/\r\n|\r|\n/);
  if (i === -1) return '\n';
  return text[i] === '\r' ? (text[i + 1] === '\n' ? '\r\n' : '\r') : '\n';
}

function positionAt(text: string, offset: number): Position {
  const lines = splitLines(text.slice(0, offset));
  return { line: lines.length - 1, character: lines[lines.length - 1].text.length };
}

/** Edits inside one line: one per changed digit run when only numbers changed, else the changed middle. */
function lineEdits(line: number, a: string, b: string): TextEdit[] {
  const ta = a.match(/\d+|\D+/g) ?? [];
  const tb = b.match(/\d+|\D+/g) ?? [];
  if (ta.length === tb.length && ta.every((x, k) => x === tb[k] || (/^\d/.test(x) && /^\d/.test(tb[k])))) {
    const edits: TextEdit[] = [];
    let ca = 0;
    for (let k = 0; k < ta.length; k++) {
      if (ta[k] !== tb[k]) edits.push({ range: { start: { line, character: ca }, end: { line, character: ca + ta[k].length } }, newText: tb[k] });
      ca += ta[k].length;
    }
    return edits;
  }
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return [{ range: { start: { line, character: p }, end: { line, character: a.length - s } }, newText: b.slice(p, b.length - s) }];
}

/**
 * Minimal edits turning `before` into `after`. When the line structure is unchanged (what the core's
 * fixes do: they replace digits), each changed line gets per-number edits; otherwise one edit covers
 * the changed middle of the text.
 */
export function diffEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const la = splitLines(before);
  const lb = splitLines(after);
  const sameBreaks = la.length === lb.length && la.every((l, k) => k === la.length - 1 || breakAt(before, l.start + l.text.length) === breakAt(after, lb[k].start + lb[k].text.length));
  if (sameBreaks) {
    const edits: TextEdit[] = [];
    for (let k = 0; k < la.length; k++) if (la[k].text !== lb[k].text) edits.push(...lineEdits(k, la[k].text, lb[k].text));
    return edits;
  }
  let p = 0;
  while (p < before.length && p < after.length && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  // Never split a CRLF pair or a surrogate pair.
  while (p > 0 && (before[p - 1] === '\r' || isHighSurrogate(before.charCodeAt(p - 1)))) p--;
  let s = 0;
  while (s < before.length - p && s < after.length - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  while (s > 0 && (before[before.length - s] === '\n' || isLowSurrogate(before.charCodeAt(before.length - s)))) s--;
  return [{ range: { start: positionAt(before, p), end: positionAt(before, before.length - s) }, newText: after.slice(p, after.length - s) }];
}

function breakAt(text: string, offset: number): string {
  return text[offset] === '\r' ? (text[offset + 1] === '\n' ? '\r\n' : '\r') : text[offset] ?? '';
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Fix-all (the core's, preferred fixes round by round) as minimal edits of the current text. */
export function fixAllEdits(text: string, options: CheckOptions): TextEdit[] {
  return diffEdits(text, fixAll(text, options).text);
}

/**
 * "Recompute every total in this table": the preferred fixes of that table's diagnostics and every
 * recompute of a total (also those fix-all leaves because no identity vouches for their details — the
 * user asked for exactly this), re-checked and repeated like fix-all, never touching anything outside the
 * table. `first` reuses a cached check.
 */
export function recomputeTableText(text: string, table: TableId | null, options: CheckOptions, first?: CheckResult, maxRounds = 8): string {
  let current = text;
  for (let round = 0; round < maxRounds; round++) {
    const result = round === 0 && first ? first : checkText(current, options);
    const tables = table ? [result.model.tables[table]].filter((t) => t !== undefined) : Object.values(result.model.tables);
    if (tables.length === 0) break;
    const inside = (r: { start: { line: number }; end: { line: number } }) => tables.some((t) => r.start.line >= t.startLine && r.end.line <= t.endLine);
    const inTable = result.diagnostics
      .filter((d) => (table === null || d.table === table) && inside(d.range))
      .map((d) => ({ ...d, fixes: d.fixes.map((f) => (f.recompute ? { ...f, preferred: true } : f)) }));
    const edits = preferredEdits(inTable).filter((e) => inside(e.range));
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    current = next;
  }
  return current;
}

export function recomputeTableEdits(text: string, table: TableId, options: CheckOptions, first?: CheckResult): TextEdit[] {
  return diffEdits(text, recomputeTableText(text, table, options, first));
}

/** "Recompute all totals": what fix-all does, plus the recomputes it leaves (every table, on request). */
export function recomputeAllEdits(text: string, options: CheckOptions, first?: CheckResult): TextEdit[] {
  return diffEdits(text, recomputeTableText(text, null, options, first));
}

/** `<!-- xxgk-disable-next-line XR103 -->` on a new line above `line`, indented like it, in the file's line ending. */
export function disableNextLineEdit(text: string, lines: readonly string[], line: number, code: string): TextEdit {
  const target = lines[line] ?? '';
  // A pipe-table row cannot be interrupted by a line: the comment goes at the end of the row instead.
  if (/^[ \u3000]*\|/.test(target)) {
    const end = { line, character: target.length };
    return { range: { start: end, end }, newText: ` <!-- xxgk-disable-line ${code} -->` };
  }
  const indent = /^[ \u3000]*/.exec(target)![0];
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}<!-- xxgk-disable-next-line ${code} -->${lineEnding(text)}` };
}

/** `<!-- xxgk-disable-file XR012 -->` as the first line (after a byte-order mark). */
export function disableFileEdit(text: string, code: string): TextEdit {
  const at = { line: 0, character: text.charCodeAt(0) === 0xfeff ? 1 : 0 };
  return { range: { start: at, end: at }, newText: `<!-- xxgk-disable-file ${code} -->${lineEnding(text)}` };
}
