// XR501–XR503: this year's report against last year's of the same agency (spec §4.4). They run only when
// the check is given last year's digest (`CheckOptions.previous`: the CLI matches the files it is given
// into agency-year chains, the server indexes the workspace); a report checked on its own sees nothing.

import { crossFindings, digestReport, type CrossFinding, type ReportDigest } from '../cross';
import type { Analysis } from '../identities';
import { HeldMemo } from '../text';
import { type Rule, type RuleContext } from './rule';

const findings = new HeldMemo<Analysis, { previous: ReportDigest; list: CrossFinding[] }>('cross-year findings');

/** The cross-year findings of this check, computed once for the three rules. */
function crossOf(ctx: RuleContext): CrossFinding[] {
  const previous = ctx.previous;
  if (!previous) return [];
  const known = findings.get(ctx.analysis);
  if (known && known.previous === previous) return known.list;
  const list = crossFindings(digestReport(ctx.model, ctx.analysis), previous);
  findings.set(ctx.analysis, { previous, list });
  return list;
}

function report(ctx: RuleContext): string {
  const p = ctx.previous!;
  return p.name ? ctx.msg('cross.reportNamed', { year: p.year ?? '?', name: p.name }) : ctx.msg('cross.report', { year: p.year ?? '?' });
}

function emit(ctx: RuleContext, code: CrossFinding['code'], message: (f: CrossFinding) => string): void {
  if (!ctx.previous) return; // a report on its own: nothing to compare with
  const uri = ctx.previous.uri;
  for (const f of crossOf(ctx)) {
    if (f.code !== code) continue;
    ctx.report({
      message: message(f),
      range: f.range,
      severity: f.severity,
      table: f.section === '一' || f.section === '五' ? undefined : f.check === 'X-CARRY' || f.section === '三' ? '三' : '二',
      row: f.row,
      column: f.column,
      expected: f.expected,
      actual: f.actual,
      related: f.related.map((r) => ({
        uri,
        range: r.range,
        message: ctx.msg('cross.related', { report: report(ctx), label: /^[一二三四五六]$/.test(r.label) ? ctx.msg('cross.part', { number: r.label }) : r.label, value: r.value === undefined || r.value === null ? '' : `：${r.value}` }),
      })),
    });
  }
}

function rule(code: 'XR501' | 'XR502' | 'XR503', alias: string, severity: Rule['severity'], check: (ctx: RuleContext) => void): Rule {
  return { code, alias, severity, check, crossYear: true };
}

export const crossRules: Rule[] = [
  rule('XR501', 'carry-over', 'warning', (ctx) =>
    emit(ctx, 'XR501', (f) => ctx.msg('cross.carry', { column: f.column ?? '', actual: f.actual ?? '', report: report(ctx), expected: f.expected ?? '' })),
  ),
  rule('XR502', 'year-chain', 'warning', (ctx) =>
    emit(ctx, 'XR502', (f) =>
      ctx.msg(f.check === 'X-VALID' ? 'cross.valid' : 'cross.items', { row: f.row ?? '', actual: f.actual ?? '', report: report(ctx), expected: f.expected ?? '' }),
    ),
  ),
  rule('XR503', 'repeated-content', 'warning', (ctx) =>
    emit(ctx, 'XR503', (f) =>
      f.section === '三'
        ? ctx.msg('cross.sameTable', { report: report(ctx) })
        : ctx.msg('cross.same', { section: f.section ?? '', report: report(ctx), percent: Math.floor((f.similarity ?? 0) * 100) }),
    ),
  ),
];
