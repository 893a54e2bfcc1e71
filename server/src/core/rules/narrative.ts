// XR401: a number of the narrative contradicts the table cell it restates (spec §4.5). The extraction
// (core/narrative/extract.ts) decides what a number restates; here the finding, its message, the cells as
// related locations and the "change the text" fix.

import { narrativeMentions, type Mention, type Reading, type Term } from '../narrative/extract';
import { formatNumber } from '../numbers';
import type { Range, ValueCell } from '../types';
import { replace, where, type Rule, type RuleContext } from './rule';

type Msg = RuleContext['msg'];
type Related = { range: Range; message: string };

/** Items each in the catalogue's quote marks (asked for once for the list), joined by `separator`. */
function quoted(msg: Msg, items: string[], separator: string): string {
  if (items.length === 1) return msg('narr.quote', { text: items[0] });
  const [open, close] = msg('narr.quote', { text: '\u0000' }).split('\u0000');
  return open + items.join(close + separator + open) + close;
}

function quoteList(msg: Msg, items: string[]): string {
  return quoted(msg, items, msg('narr.quoteSep'));
}

function whereCell(msg: Msg, table: string, row: string, column: string): string {
  return msg('where.cell', { table, row, column });
}

/** 表三「（三）不予公开」各行「总计」列之和 / 表四「行政复议 › 总计」: what a reading adds up, for messages and hovers. */
export function describeReading(msg: Msg, r: Reading): string {
  if (r.table === '四') {
    if (r.columns.length === 1) return msg('where.column', { table: '四', column: r.columns[0] });
    return msg('narr.sumColumns', { table: '四', columns: quoted(msg, r.columns, msg('joiner.and')) });
  }
  if (r.rows.length === 1 && r.columns.length === 1 && !r.group) return whereCell(msg, r.table, r.rows[0], r.columns[0]);
  const rows = r.group ? msg('narr.groupRows', { rows: quoteList(msg, r.rows) }) : quoteList(msg, r.rows);
  return msg('narr.sum', { table: r.table, rows, columns: quoteList(msg, r.columns) });
}

function show(n: number, amount: boolean): string {
  return amount ? String(Math.round(n * 1e6) / 1e6) : formatNumber(n);
}

function valueText(ctx: RuleContext, r: Reading): string {
  if (r.value === null) return '?';
  const v = show(r.value, r.amount) + (r.amount ? ctx.msg('narr.wan') : '');
  return r.corrected === null ? v : ctx.msg('narr.orCorrected', { value: v, corrected: show(r.corrected, r.amount) });
}

/** A check's descriptions of its readings, each made once (a reading is restated again and again). */
interface Described {
  reading: (r: Reading) => string;
  value: (r: Reading) => string;
}

function messageOf(ctx: RuleContext, d: Described, m: Mention, broken: boolean): string {
  let text: string;
  if (m.kind === 'none') {
    const r = m.readings[0];
    text = ctx.msg('narr.none', { phrase: m.phrase, reading: d.reading(r), value: d.value(r) });
  } else if (m.kind === 'percent' && m.share) {
    const den = m.share.denominator;
    text = ctx.msg('narr.percent', {
      written: `${m.written}%`,
      count: m.share.of.number,
      phrase: m.phrase,
      denominator: den.value ?? '?',
      reading: d.reading(den),
      expected: `${m.share.expected.toFixed(m.decimals)}%`,
    });
  } else {
    const written = `${m.written}${m.unit}`;
    const alternatives = m.readings.filter((r) => r.value !== null);
    text =
      alternatives.length === 1
        ? ctx.msg('narr.mismatch', { phrase: m.phrase, written, reading: d.reading(alternatives[0]), value: d.value(alternatives[0]) })
        : ctx.msg('narr.mismatchAny', {
            phrase: m.phrase,
            written,
            readings: alternatives.map((r) => ctx.msg('narr.readingValue', { reading: d.reading(r), value: d.value(r) })).join(ctx.msg('narr.or')),
          });
  }
  return broken ? text + ctx.msg('narr.tableBroken') : text;
}

/** A "change the text" fix, without its place: the same for every mention of one source. */
interface FixText {
  title: string;
  text: string;
  preferred: boolean;
}

function fixTextsOf(m: Mention, identitiesHold: boolean, title: (value: string) => string): FixText[] {
  if (m.kind === 'none' || m.expected.length === 0) return [];
  // Change the text only to a value the table states unambiguously; preferred only for a count when the
  // table's own arithmetic holds (the table is then the better witness), and never part of fix-all: a
  // balanced table can still hold a swapped figure the text has right.
  return m.expected.map((v) => {
    const text = m.kind === 'percent' ? v.toFixed(m.decimals) : show(v, m.kind === 'amount');
    return { title: title(text), text, preferred: m.kind === 'count' && identitiesHold && m.expected.length === 1 };
  });
}

/** What every finding of one source says (a long text repeats its sentences): all but its place. */
interface Finding {
  message: string;
  table: Reading['table'];
  row: string | undefined;
  column: string | undefined;
  related: Related[];
  fixes: FixText[];
}

/**
 * Findings of recent checks by source, with everything each was made from. A re-check whose cells and
 * values are unchanged (in the editor: typing in the text, not in the tables) would compose the same words
 * again, which is a third of the rule's cost; a finding is reused only when all it was made from is equal.
 * Bounded: cleared when full.
 */
const recentFindings = new Map<object, { inputs: unknown[]; finding: Finding }>();
const RECENT_FINDINGS = 4096;

/**
 * All a finding of `m` is made from: what messageOf, describeReading, valueText, related and fixTextsOf
 * read (a new reader of a mention there must be added here).
 */
function inputsOf(m: Mention, terms: Term[], broken: boolean, identitiesHold: boolean, locale: string): unknown[] {
  const out: unknown[] = [locale, broken, identitiesHold, m.kind, m.phrase, m.written, m.unit, m.decimals, m.expected.length, ...m.expected];
  for (const r of m.readings) out.push(r.table, r.group, r.amount, r.value, r.corrected, r.rows.length, ...r.rows, r.columns.length, ...r.columns);
  if (m.share) {
    const den = m.share.denominator;
    out.push(m.share.of.number, m.share.expected, den.table, den.group, den.amount, den.value, den.corrected, den.rows.length, ...den.rows, den.columns.length, ...den.columns);
  }
  for (const t of terms) {
    const { start, end } = t.cell.range;
    out.push(t.table, t.row.key, t.row.label, t.cell.column, t.cell.text, start.line, start.character, end.line, end.character);
  }
  return out;
}

function sameInputs(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A per-check memo: a long report restates the same figures in the same words again and again. */
function memoised<A>(make: (key: A) => string): (key: A) => string {
  const known = new Map<A, string>();
  return (key) => {
    let v = known.get(key);
    if (v === undefined) {
      v = make(key);
      known.set(key, v);
    }
    return v;
  };
}

export const narrativeRules: Rule[] = [
  {
    code: 'XR401',
    alias: 'narrative-mismatch',
    severity: 'warning',
    check(ctx) {
      const { model, analysis } = ctx;
      const mentions = narrativeMentions(model, analysis);
      if (mentions.length === 0) return;
      const identitiesHold = analysis.located.length === 0 && analysis.totals.length === 0;
      const suspect = new Set<ValueCell>();
      for (const inst of [...analysis.located.flatMap((l) => l.instances), ...analysis.totals.map((t) => t.instance)]) {
        for (const term of [...inst.left, ...inst.right]) suspect.add(term.cell);
      }
      // A long text restates the same cells again and again: their related places are made once.
      const relatedOf = new Map<Term[], Related[]>();
      const related = (terms: Term[]) => {
        let r = relatedOf.get(terms);
        if (!r) {
          r = terms.map((t) => ({
            range: t.cell.range,
            message: `${t.row.key === 'row' ? ctx.msg('where.column', { table: t.table, column: (t.cell.column ?? '').replace(/·/g, ' › ') }) : where(ctx, t.table, t.row.label, t.cell.column)}：${t.cell.text || '—'}`,
          }));
          relatedOf.set(terms, r);
        }
        return r;
      };
      const fixTitle = memoised((value: string) => ctx.msg('fix.narrative', { value }));
      const described: Described = { reading: memoised((r: Reading) => describeReading(ctx.msg, r)), value: memoised((r: Reading) => valueText(ctx, r)) };
      // Mentions of one source (what the line's reading found: one object however often the line is
      // repeated) have the same readings, verdict and values within a check: one finding's text for all.
      const findings = new Map<object, Finding>();
      const findingOf = (m: Mention): Finding => {
        const reading = m.share?.denominator ?? m.readings.find((r) => r.value !== null)!;
        const terms = m.share ? [...m.readings.find((r) => r.value !== null)!.terms, ...reading.terms] : reading.terms;
        // Say the table is suspect only when one of these cells takes part in an identity that fails.
        const broken = terms.some((t) => suspect.has(t.cell));
        const inputs = inputsOf(m, terms, broken, identitiesHold, ctx.options.locale);
        const recent = recentFindings.get(m.source);
        if (recent && sameInputs(recent.inputs, inputs)) return recent.finding;
        const finding: Finding = {
          message: messageOf(ctx, described, m, broken),
          table: reading.table,
          row: reading.rows.join('+') || undefined,
          column: reading.columns.join('+') || undefined,
          related: related(terms),
          fixes: fixTextsOf(m, identitiesHold, fixTitle),
        };
        if (recentFindings.size >= RECENT_FINDINGS) recentFindings.clear();
        recentFindings.set(m.source, { inputs, finding });
        return finding;
      };
      for (const m of mentions) {
        if (m.verdict !== 'disagree') continue;
        let f = findings.get(m.source);
        if (!f) findings.set(m.source, (f = findingOf(m)));
        const range = m.range;
        ctx.report({
          message: f.message,
          range,
          table: f.table,
          row: f.row,
          column: f.column,
          expected: m.expected.length === 1 ? m.expected[0] : undefined,
          actual: m.number,
          related: f.related,
          fixes: f.fixes.map((x) => ({ title: x.title, edits: [replace(range, x.text)], preferred: x.preferred, fixAll: false as const })),
        });
      }
    },
  },
];
