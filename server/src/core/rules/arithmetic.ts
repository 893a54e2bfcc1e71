// XR101–XR105: the strict identities of tables 三 and 四 (spec §4.1), reported and fixed as the
// identity analysis planned them (spec §4.2): a located cell, else the total, never harming what holds.

import { formatNumber } from '../numbers';
import { TEMPLATES } from '../templates';
import type { Instance, Term, Tier } from '../identities';
import { fix, replace, type Rule, type RuleContext } from './rule';
import type { Range } from '../types';

const PRIORITY = ['T3-ROW', 'T3-SUB', 'T4-SUM', 'T3-RESULT', 'T3-BAL'];

function groupOf(ctx: RuleContext, inst: Instance): string {
  const key = inst.output.cell.columnKey;
  return key === 'c5' || key === 'c10' || key === 'c15' ? ctx.msg(`group.t4.${key}`) : '';
}

function args(ctx: RuleContext, inst: Instance) {
  return { row: inst.scopeRow?.label ?? '', column: inst.scopeColumn ?? '', group: groupOf(ctx, inst) };
}

function related(ctx: RuleContext, terms: Term[], valueOf: (t: Term) => number | null): { range: Range; message: string }[] {
  return terms.map((term) => ({
    range: term.cell.range,
    message: ctx.msg('arith.term', {
      label: term.row.key === 'row' || term.row.label === '' ? term.cell.column ?? '' : `${term.row.label}${term.cell.column ? ' · ' + term.cell.column : ''}`,
      value: valueOf(term) ?? ctx.msg('value.blank'),
    }),
  }));
}

/** `（一）予以公开 + （二）部分公开 + （三）不予公开 + …`: numbered sub-rows named by their group. */
function resultTerms(ctx: RuleContext, inst: Instance): string {
  const rows = TEMPLATES[ctx.model.template ?? '2021'].t3Rows;
  const names: string[] = [];
  for (const term of inst.right) {
    const g = term.row.group ? rows.find((r) => r.key === term.row.group) : undefined;
    const name = (g ?? term.row).label.replace(/（[^）]*）$/, '');
    if (!names.includes(name)) names.push(name);
  }
  return names.join(' + ');
}

function whereOf(ctx: RuleContext, inst: Instance): string {
  return ctx.msg(`arith.where.${inst.spec.id}` as 'arith.where.T3-ROW', args(ctx, inst));
}

/** Message and severity of a finding by how sure it is (spec §4.2's tiers). */
function tiered(ctx: RuleContext, message: string, tier: Tier, severity: Rule['severity']): { message: string; severity: Rule['severity'] } {
  if (tier === 'zero-evident') return { message: ctx.msg('arith.zeroEvident', { message }), severity };
  if (tier === 'zero-assumed') return { message: ctx.msg('arith.zeroAssumed', { message }), severity: severity === 'error' ? 'warning' : severity };
  return { message, severity };
}

function checkCode(code: string, severity: Rule['severity']) {
  return (ctx: RuleContext) => {
    const { analysis } = ctx;
    const valueOf = (term: Term) => analysis.valueOf(term.cell);

    // A cell located at the crossing of failing identities: reported once, under its first identity's code.
    for (const loc of analysis.located) {
      const first = [...loc.instances].sort((a, b) => PRIORITY.indexOf(a.spec.id) - PRIORITY.indexOf(b.spec.id))[0];
      if (first.code !== code) continue;
      const sep = ctx.msg('joiner.and');
      const whereText = loc.instances.map((i) => whereOf(ctx, i)).join(sep);
      const value = formatNumber(loc.expected);
      const blank = loc.actual === null;
      const base = blank
        ? { message: ctx.msg('arith.locatedBlank', { expected: value, where: whereText }), severity: 'warning' as const }
        : tiered(ctx, ctx.msg('arith.located', { expected: value, actual: formatNumber(loc.actual!), where: whereText, delta: Math.abs(loc.delta) }), loc.tier, severity);
      // A blank the identities fill, a finding that assumes blanks are 0, or a placeholder the author wrote
      // (`—`, read as 0 by XR202): offered, never applied by fix-all.
      const preferred = !blank && loc.tier !== 'zero-assumed' && loc.term.cell.value.kind !== 'placeholder';
      ctx.report({
        ...base,
        range: loc.term.cell.range,
        table: first.table,
        row: loc.term.row.label,
        column: loc.term.cell.column ?? undefined,
        expected: loc.expected,
        actual: loc.actual,
        related: related(ctx, [...new Set(loc.instances.flatMap((i) => [i.output]))].filter((t) => t.cell !== loc.term.cell), valueOf),
        fixes: [fix(ctx.msg(blank ? 'fix.fill' : 'fix.setCell', { value }), [replace(loc.term.cell.valueRange, value)], preferred)],
      });
    }

    for (const f of analysis.totals) {
      const inst = f.instance;
      if (inst.code !== code) continue;
      const out = inst.output;
      if (f.blankConflict) {
        ctx.report({
          ...tiered(ctx, ctx.msg('arith.blankConflict', { where: whereOf(ctx, inst), a: formatNumber(f.actual), b: formatNumber(f.expected) }), f.tier, severity),
          range: out.cell.range,
          table: inst.table,
          row: out.row.label || undefined,
          column: out.cell.column ?? undefined,
          actual: null,
          related: related(ctx, [...inst.left, ...inst.right].filter((t) => t !== out), valueOf),
        });
        continue;
      }
      const value = formatNumber(f.expected);
      const a = args(ctx, inst);
      let message: string;
      switch (inst.spec.id) {
        case 'T3-ROW':
          message = ctx.msg('arith.rowTotal', {
            ...a,
            expected: value,
            actual: formatNumber(f.actual),
            terms: inst.right.map((t) => t.cell.column).join(' + '),
          });
          break;
        case 'T3-RESULT':
          message = ctx.msg('arith.resultTotal', { ...a, expected: value, actual: formatNumber(f.actual), terms: resultTerms(ctx, inst) });
          break;
        case 'T3-BAL': {
          const [n, c] = inst.left.map(valueOf);
          const [r, o] = inst.right.map(valueOf);
          const show = (v: number | null) => (v === null ? ctx.msg('value.blank') : v);
          message = ctx.msg('arith.balance', { ...a, a: show(n), b: show(c), c: show(r), d: show(o), expected: value, actual: formatNumber(f.actual) });
          break;
        }
        case 'T3-SUB':
          message = ctx.msg('arith.subtotal', { ...a, expected: value, actual: formatNumber(f.actual) });
          break;
        default:
          message = ctx.msg('arith.t4', { ...a, expected: value, actual: formatNumber(f.actual) });
      }
      const fixes = [];
      if (f.safe) {
        // A row total whose details no column vouches for may be right while a detail is wrong.
        const preferred = !f.detailsUnchecked && f.tier !== 'zero-assumed' && out.cell.value.kind !== 'placeholder';
        if (f.detailsUnchecked) message = ctx.msg('arith.detailsUnchecked', { message });
        fixes.push({ ...fix(ctx.msg('fix.recompute', { value }), [replace(out.cell.valueRange, value)], preferred), recompute: true });
      } else if (f.expected < 0) {
        message = ctx.msg('arith.negative', { message });
      } else if (f.wouldBreak) {
        message = ctx.msg('arith.noFix', { message, broken: whereOf(ctx, f.wouldBreak) });
      } else if (f.together) {
        // Not preferred (T3-BAL): offered on request, never applied by fix-all.
        const edits = f.together.map((x) => replace(x.term.cell.valueRange, formatNumber(x.value)));
        const title = f.together.length > 1 ? ctx.msg('fix.balanceAll', { count: f.together.length }) : ctx.msg('fix.balance', { value });
        fixes.push(fix(title, edits, false));
      }
      ctx.report({
        ...tiered(ctx, message, f.tier, severity),
        range: out.cell.range,
        table: inst.table,
        row: out.row.label || undefined,
        column: out.cell.column ?? undefined,
        expected: f.expected,
        actual: f.actual,
        related: related(ctx, [...inst.left, ...inst.right].filter((t) => t !== out), valueOf),
        fixes,
      });
    }

    // A blank total whose terms are all known: not filled in, not wrong (spec §4.2).
    for (const c of analysis.computable) {
      if (c.instance.code !== code) continue;
      const value = formatNumber(c.expected);
      ctx.report({
        message: ctx.msg('arith.blankTotal', { where: whereOf(ctx, c.instance), expected: value }),
        severity: 'hint',
        range: c.term.cell.range,
        table: c.instance.table,
        row: c.term.row.label || undefined,
        column: c.term.cell.column ?? undefined,
        expected: c.expected,
        actual: null,
        related: related(ctx, [...c.instance.left, ...c.instance.right].filter((t) => t.cell !== c.term.cell), valueOf),
        fixes: [fix(ctx.msg('fix.compute', { value }), [replace(c.term.cell.valueRange, value)], false)],
      });
    }
  };
}

function rule(code: string, alias: string, severity: Rule['severity']): Rule {
  return { code, alias, severity, check: checkCode(code, severity) };
}

export const arithmeticRules: Rule[] = [
  rule('XR101', 't3-row-total', 'error'),
  rule('XR102', 't3-result-total', 'error'),
  rule('XR103', 't3-balance', 'error'),
  rule('XR104', 't4-group-total', 'error'),
  rule('XR105', 't3-subtotal', 'warning'),
];
