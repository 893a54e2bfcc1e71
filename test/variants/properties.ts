// Properties of the reader over generated variants. Each check returns the violations it found (it never
// throws), so that one run can count them by class and flattening and show an example of each kind.
//
//  P1  No error-severity finding the variant does not deserve; the same arithmetic findings (XR1xx,
//      error/warning, by code|table|row|column|expected|actual) as the canonical rendering.
//  P2  Mutation: every non-blank count of tables 三 and 四 changed in turn (v → v+3, or v−3 when v ≥ 5
//      and even) is flagged by an XR1xx finding; where a row and a column identity with known outputs
//      cross, a finding's range contains the cell and its `expected` is the original value, and fix-all
//      gives the variant back byte for byte; elsewhere fix-all leaves the number alone (no consistent but
//      wrong table); no new error outside XR1xx.
//  P3  Fix-all changes nothing but values: every character it changes lies in a value-cell range.
//  P4  What the variant deserves and the spec requires is reported (XR001, XR004, XR012 for a misspelt
//      row, XR014, XR201 once per table, XR210, XR303).

import { applyEdits, checkText, fixAll, type Diagnostic } from '../../server/src/core';
import { t3Rows, type TableId } from './abstract';
import type { Anchor, Deserved } from './classes';
import { changes } from './diff';
import type { Range, Truth, ValueTruth } from './render';
import type { Variant } from './generate';

export type PropertyName = 'P1' | 'P2' | 'P3' | 'P4';

export interface Violation {
  property: PropertyName;
  /** Short stable kind, e.g. `false-error XR008`, `not-located`. */
  kind: string;
  detail: string;
  /** The offending finding, if any. */
  finding?: { code: string; severity: string; message: string; range: Range };
  /** Where in the text (0-based line) to excerpt from. */
  line?: number;
}

export interface Outcome {
  violations: Violation[];
  /** Observations that are not property failures. */
  mutations: number;
  findings: number;
}

const show = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const brief = (d: Diagnostic) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range });

// ---------------------------------------------------------------------------------------------------
// Positions

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

const before = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character <= b.character);
export const contains = (outer: Range, inner: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);
const overlaps = (a: Range, b: Range) => before(a.start, b.end) && before(b.start, a.end);

function anchorRanges(truth: Truth, at: Anchor): Range[] | 'table' {
  switch (at.kind) {
    case 'heading':
      return truth.headings.filter((h) => h.number === at.number).map((h) => h.range);
    case 'label':
      return truth.labels.filter((l) => l.table === at.table && l.rowKey === at.rowKey).map((l) => l.range);
    case 'value':
      return truth.values.filter((v) => v.table === at.table && v.rowKey === at.rowKey && v.colKey === at.colKey).map((v) => v.range);
    case 'header':
      return truth.headers.filter((h) => h.table === at.table).map((h) => h.range);
    case 'table':
      return 'table';
  }
}

/** Lines of a table, from its section heading (when written) to its last row (table 二 split into four: all four). */
function tableSpan(truth: Truth, table: TableId): [number, number] {
  const parts = truth.tables.filter((x) => x.table === table);
  const start = Math.min(...parts.map((t) => t.startLine));
  const end = Math.max(...parts.map((t) => t.endLine));
  const h = truth.headings.find((x) => x.number === table);
  return [h && h.range.start.line < start ? h.range.start.line : start, end];
}

function matches(truth: Truth, want: Deserved, d: Diagnostic): boolean {
  if (d.code !== want.code) return false;
  if (!want.at) return true;
  const where = anchorRanges(truth, want.at);
  if (where === 'table') {
    const [a, b] = tableSpan(truth, (want.at as { table: TableId }).table);
    return d.range.start.line >= a && d.range.start.line <= b;
  }
  // A finding for many cells of a table at once names each as a related location.
  return where.some((r) => overlaps(r, d.range) || (GROUPED_BY_TABLE.has(d.code) && (d.related ?? []).some((x) => overlaps(r, x.range))));
}

/** Cell findings reported once per table from three cells on (rules/cells.ts). */
const GROUPED_BY_TABLE = new Set(['XR202', 'XR207', 'XR210']);

// ---------------------------------------------------------------------------------------------------
// P1 and P4

const arithmeticKey = (d: Diagnostic) => [d.code, d.table ?? '', d.row ?? '', d.column ?? '', d.expected ?? '', d.actual ?? ''].join('|');
const isArithmetic = (d: Diagnostic) => /^XR1/.test(d.code) && (d.severity === 'error' || d.severity === 'warning');

function multisetDiff(a: string[], b: string[]): { missing: string[]; extra: string[] } {
  const count = new Map<string, number>();
  for (const x of a) count.set(x, (count.get(x) ?? 0) + 1);
  const extra: string[] = [];
  for (const x of b) {
    const c = count.get(x) ?? 0;
    if (c > 0) count.set(x, c - 1);
    else extra.push(x);
  }
  const missing = [...count.entries()].flatMap(([x, c]) => Array.from({ length: c }, () => x));
  return { missing, extra };
}

const canonicalCache = new Map<string, string[]>();

function canonicalArithmetic(v: Variant): string[] {
  let got = canonicalCache.get(v.canonical.text);
  if (!got) {
    got = checkText(v.canonical.text).diagnostics.filter(isArithmetic).map(arithmeticKey).sort();
    if (canonicalCache.size > 2000) canonicalCache.clear();
    canonicalCache.set(v.canonical.text, got);
  }
  return got;
}

export function checkP1(v: Variant, diagnostics: Diagnostic[]): Violation[] {
  const out: Violation[] = [];
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue;
    if (v.deserved.some((w) => matches(v.truth, w, d))) continue;
    out.push({ property: 'P1', kind: `false-error ${d.code}`, detail: `${d.code} ${show(d.range)} ${d.message}`, finding: brief(d), line: d.range.start.line });
  }
  const mine = diagnostics.filter(isArithmetic);
  const { missing, extra } = multisetDiff(canonicalArithmetic(v), mine.map(arithmeticKey));
  for (const k of extra) {
    const d = mine.find((x) => arithmeticKey(x) === k)!;
    out.push({ property: 'P1', kind: `arithmetic-extra ${d.code}`, detail: `${k}: ${d.message}`, finding: brief(d), line: d.range.start.line });
  }
  for (const k of missing) out.push({ property: 'P1', kind: `arithmetic-missing ${k.split('|')[0]}`, detail: `the canonical rendering has ${k}, the variant not` });
  return out;
}

/** Deserved findings the spec requires, and XR201 once per table whatever the classes. */
export function checkP4(v: Variant, diagnostics: Diagnostic[]): Violation[] {
  const out: Violation[] = [];
  for (const w of v.deserved) {
    if (!w.required) continue;
    // A misspelt label another class then left out (a group label under one label column) is not there to report.
    const at = w.at;
    if (at?.kind === 'label' && !v.truth.labels.some((l) => l.table === at.table && l.rowKey === at.rowKey)) continue;
    const found = diagnostics.filter((d) => matches(v.truth, w, d));
    if (found.length === 0) out.push({ property: 'P4', kind: `not-reported ${w.code}`, detail: `${w.code} expected${w.at ? ` at ${JSON.stringify(w.at)}` : ''}: ${w.why}` });
    else if (w.once && found.length !== 1)
      out.push({ property: 'P4', kind: `not-once ${w.code}`, detail: `${found.length} × ${w.code}${w.at ? ` at ${JSON.stringify(w.at)}` : ''}, expected exactly one: ${w.why}`, finding: brief(found[1]), line: found[1].range.start.line });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// P3

/** Offsets [from, to] of every value cell (inclusive end: an insertion at a cell's end is inside it). */
function valueSpans(text: string, values: readonly ValueTruth[]): [number, number][] {
  const starts = lineStarts(text);
  return values.map((v) => [starts[v.range.start.line] + v.range.start.character, starts[v.range.end.line] + v.range.end.character]).sort((a, b) => a[0] - b[0]) as [number, number][];
}

function inside(spans: [number, number][], offset: number, insertion: boolean): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = spans[mid];
    if (insertion ? offset < a : offset < a) hi = mid - 1;
    else if (insertion ? offset > b : offset >= b) lo = mid + 1;
    else return true;
  }
  return false;
}

function lineOf(text: string, offset: number): { line: number; character: number; text: string } {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  const end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
  return { line, character: offset - starts[line], text: text.slice(starts[line], end) };
}

export function checkP3(text: string, fixed: string, values: readonly ValueTruth[], context: string): Violation[] {
  if (fixed === text) return [];
  const spans = valueSpans(text, values);
  const c = changes(text, fixed);
  const bad = [...c.deleted.filter((o) => !inside(spans, o, false)), ...c.inserted.filter((o) => !inside(spans, o, true))].sort((a, b) => a - b);
  if (bad.length === 0) return [];
  const at = lineOf(text, bad[0]);
  const after = fixed.split('\n')[at.line] ?? '';
  return [{ property: 'P3', kind: `fix-outside-values`, detail: `${context}: fix-all changed line ${at.line} at character ${at.character} outside every value cell: ${JSON.stringify(at.text)} → ${JSON.stringify(after)}`, line: at.line }];
}

// ---------------------------------------------------------------------------------------------------
// P2

interface Target {
  cell: ValueTruth;
  /** Some identity holding the cell has a known (non-blank) output: a change must be flagged. */
  flag: boolean;
  /** A row and a column identity with known outputs cross at the cell: it must be located. */
  locate: boolean;
}

/** Which identities can see a changed cell, from the variant's own blanks (spec §4.1, §4.2). */
export function targets(v: Variant): Target[] {
  const known = new Map<string, boolean>();
  for (const c of v.truth.values) known.set(`${c.table}|${c.rowKey}|${c.colKey}`, c.text !== '');
  const k = (table: string, row: string, col: string) => known.get(`${table}|${row}|${col}`) === true;
  const rows = t3Rows(v.doc.report.t3.version);
  const resultRows = new Set(rows.filter((r) => r.kind === 'data' && r.inResults && r.key !== 'resultsTotal').map((r) => r.key));
  const out: Target[] = [];
  for (const cell of v.truth.values) {
    if (cell.number === null || cell.fullwidth || cell.table === '二') continue;
    if (cell.table === '三') {
      const r = cell.rowKey;
      const c = cell.colKey;
      const rowOut = c === 'total' || k('三', r, 'total');
      // Column identity: T3-RESULT for result rows (output （七）), T3-BAL for 一/二/四 (output 四).
      const colOut = r === 'resultsTotal' || r === 'carriedOut' || (resultRows.has(r) ? k('三', 'resultsTotal', c) : k('三', 'carriedOut', c));
      out.push({ cell, flag: rowOut || colOut, locate: rowOut && colOut });
    } else {
      const n = Number(cell.colKey.slice(1));
      const total = `c${Math.ceil(n / 5) * 5}`;
      const isTotal = total === cell.colKey;
      out.push({ cell, flag: isTotal || k('四', 'row', total), locate: isTotal });
    }
  }
  return out;
}

function replaceAt(text: string, r: Range, s: string): string {
  const starts = lineStarts(text);
  const from = starts[r.start.line] + r.start.character;
  const to = starts[r.end.line] + r.end.character;
  return text.slice(0, from) + s + text.slice(to);
}

/** Value ranges after writing `s` over cell `changed` (cells later on its line move). */
function shifted(values: readonly ValueTruth[], changed: ValueTruth, s: string): ValueTruth[] {
  const delta = s.length - changed.text.length;
  return values.map((v) => {
    if (v === changed) return { ...v, text: s, range: { start: v.range.start, end: { line: v.range.end.line, character: v.range.start.character + s.length } } };
    if (v.range.start.line !== changed.range.start.line || v.range.start.character < changed.range.end.character) return v;
    return { ...v, range: { start: { ...v.range.start, character: v.range.start.character + delta }, end: { ...v.range.end, character: v.range.end.character + delta } } };
  });
}

const errorKey = (d: Diagnostic) => `${d.code}|${d.table ?? ''}|${d.row ?? ''}|${d.column ?? ''}`;

/**
 * What fix-all may give back after a located change: the variant itself, or — when fix-all on the
 * untouched variant only fills blank cells (a blank total with every term known: spec §4.2's compute
 * fix, preferred or not) — that filled variant.
 */
export function restorations(v: Variant, fixedVariant: string): string[] {
  if (fixedVariant === v.text) return [v.text];
  const blanks = v.truth.values.filter((x) => x.text === '');
  const c = changes(v.text, fixedVariant);
  const starts = lineStarts(v.text);
  const at = new Set(blanks.map((b) => starts[b.range.start.line] + b.range.start.character));
  return c.deleted.length === 0 && c.inserted.every((o) => at.has(o)) ? [v.text, fixedVariant] : [v.text];
}

export function checkP2(v: Variant, baseline: Diagnostic[], fixedVariant: string, pick: (all: Target[]) => Target[]): { violations: Violation[]; mutations: number } {
  const out: Violation[] = [];
  const restored = restorations(v, fixedVariant);
  const chosen = pick(targets(v));
  const baseErrors = new Set(baseline.filter((d) => d.severity === 'error' && !/^XR1/.test(d.code)).map(errorKey));
  for (const t of chosen) {
    const value = t.cell.number!;
    const changed = String(value >= 5 && value % 2 === 0 ? value - 3 : value + 3);
    const mutated = replaceAt(v.text, t.cell.range, changed);
    const where = `表${t.cell.table} ${t.cell.rowKey}/${t.cell.colKey} ${value}→${changed} (line ${t.cell.range.start.line})`;
    // The cell as it stands in the mutated text.
    const cellRange: Range = { start: t.cell.range.start, end: { line: t.cell.range.start.line, character: t.cell.range.start.character + changed.length } };
    const { diagnostics } = checkText(mutated);
    const arithmetic = diagnostics.filter((d) => /^XR1/.test(d.code));
    if (t.flag && arithmetic.length === 0) out.push({ property: 'P2', kind: 'not-flagged', detail: `no XR1xx finding: ${where}`, line: t.cell.range.start.line });
    if (t.locate && arithmetic.length > 0) {
      const on = arithmetic.filter((d) => contains(d.range, cellRange));
      if (on.length === 0) {
        const d = arithmetic[0];
        out.push({ property: 'P2', kind: 'not-located', detail: `no finding covers the cell: ${where}; got ${arithmetic.map((x) => `${x.code} ${show(x.range)} expected ${x.expected}`).join('; ')}`, finding: brief(d), line: t.cell.range.start.line });
      } else if (!on.some((d) => d.expected === value)) {
        const d = on[0];
        out.push({ property: 'P2', kind: 'wrong-expected', detail: `${d.code} on the cell expects ${d.expected}, not ${value}: ${where}`, finding: brief(d), line: t.cell.range.start.line });
      }
    }
    const fixed = fixAll(mutated).text;
    if (t.locate) {
      // The finding on the cell carries the fix that gives the variant back. Fix-all applies it, unless it
      // is only offered: a total whose details no other identity checks (table 四's groups) may be right
      // while a detail is wrong (issue 10 item 6), so recomputing it waits for the user.
      const own = arithmetic.find((d) => contains(d.range, cellRange) && d.expected === value);
      const offered = own?.fixes.find((f) => f.edits.length > 0);
      const byFix = offered ? applyEdits(mutated, offered.edits) : null;
      if (offered && !offered.preferred) {
        if (byFix === null || !restored.includes(byFix)) out.push({ property: 'P2', kind: 'not-restored', detail: `the offered fix does not give the variant back: ${where}`, line: t.cell.range.start.line });
        if (fixed !== mutated) out.push({ property: 'P2', kind: 'total-rewritten', detail: `fix-all applied a fix that is only offered: ${where}`, line: t.cell.range.start.line });
      } else if (!restored.includes(fixed)) out.push({ property: 'P2', kind: 'not-restored', detail: `fix-all does not give the variant back: ${where}`, line: t.cell.range.start.line });
    } else if (!restored.includes(fixed) && fixed !== mutated) {
      // Issue 10 item 6: where the change cannot be located, fix-all must not make the table add up
      // around it (rewriting a total with the wrong detail in it).
      out.push({ property: 'P2', kind: 'total-rewritten', detail: `fix-all made the table consistent but wrong: ${where}`, line: t.cell.range.start.line });
    }
    for (const d of diagnostics)
      if (d.severity === 'error' && !/^XR1/.test(d.code) && !baseErrors.has(errorKey(d)))
        out.push({ property: 'P2', kind: `new-error ${d.code}`, detail: `changing a number broke something else: ${where}: ${d.message}`, finding: brief(d), line: d.range.start.line });
    if (fixed !== mutated) out.push(...checkP3(mutated, fixed, shifted(v.truth.values, t.cell, changed), `after ${where}`));
  }
  return { violations: out, mutations: chosen.length };
}

// ---------------------------------------------------------------------------------------------------

export interface CheckOptions {
  /** Which mutation targets to try: all of them, or a sample. */
  mutations: 'all' | number;
  rand: () => number;
}

/** Picks the targets: all, or a sample that keeps every located kind in view. */
export function sampler(o: CheckOptions): (all: Target[]) => Target[] {
  if (o.mutations === 'all') return (all) => all;
  const n = o.mutations;
  return (all) => {
    const a = [...all];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(o.rand() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    // Half the sample from non-zero cells: in blank-heavy variants they are most of what is left to change.
    const nonZero = a.filter((t) => t.cell.number! > 0).slice(0, Math.ceil(n / 2));
    const rest = a.filter((t) => !nonZero.includes(t));
    return [...nonZero, ...rest].slice(0, Math.min(n, a.length));
  };
}

export function checkVariant(v: Variant, o: CheckOptions): Outcome {
  const { diagnostics } = checkText(v.text);
  const violations = [...checkP1(v, diagnostics), ...checkP4(v, diagnostics)];
  const fixed = fixAll(v.text).text;
  violations.push(...checkP3(v.text, fixed, v.truth.values, 'on the variant'));
  const p2 = checkP2(v, diagnostics, fixed, sampler(o));
  violations.push(...p2.violations);
  return { violations, mutations: p2.mutations, findings: diagnostics.length };
}
