// XR301–XR309: title, year, template version, signing date and preface (spec §3.7, §7).

import { otherReportYears } from '../narrative/sections';
import { templateForYear } from '../templates';
import type { Range, TableId } from '../types';
import { type Rule, type RuleContext } from './rule';

function rule(code: string, alias: string, severity: Rule['severity'], check: (ctx: RuleContext) => void): Rule {
  return { code, alias, severity, check };
}

function documentStart(ctx: RuleContext): Range {
  const first = ctx.model.sections[0]?.range;
  return ctx.model.title?.range ?? first ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/** Tables whose structure decided their version. */
function decidedTables(ctx: RuleContext) {
  return (['二', '三'] as TableId[]).map((id) => ctx.model.tables[id]).filter((t) => t && t.versionEvidence > 0 && t.version) as NonNullable<
    (typeof ctx.model.tables)['二']
  >[];
}

export const metadataRules: Rule[] = [
  rule('XR301', 'year-missing', 'warning', (ctx) => {
    const { model } = ctx;
    if (!model.isReport || model.yearSources.some((s) => s.source === 'title')) return;
    // Without a title the year may still be known (statistics period, 总体情况): say where it came from.
    const known = model.yearSources[0];
    const message = model.title
      ? ctx.msg('meta.yearMissing')
      : known
        ? ctx.msg('meta.yearFromElsewhere', { source: ctx.msg(`source.${known.source}`), year: known.year })
        : ctx.msg('meta.yearMissingNoTitle');
    ctx.report({ message, range: documentStart(ctx) });
  }),
  rule('XR302', 'year-mismatch', 'warning', (ctx) => {
    const [first, ...rest] = ctx.model.yearSources;
    if (!first) return;
    const reported = new Set<number>();
    for (const s of rest) {
      if (s.year === first.year || reported.has(s.year)) continue;
      reported.add(s.year);
      ctx.report({
        message: ctx.msg('meta.yearMismatch', { source: ctx.msg(`source.${s.source}`), year: s.year, firstSource: ctx.msg(`source.${first.source}`), first: first.year }),
        range: s.range,
      });
    }
    // Further years in the text of 一 where the report's own year belongs (`本单位2022年度…` in 2023).
    const sources = ctx.model.yearSources.map((s) => s.range);
    for (const y of otherReportYears(ctx.model)) {
      if (sources.some((r) => r.start.line === y.range.start.line && r.start.character <= y.range.start.character && y.range.start.character < r.end.character)) continue;
      ctx.report({ message: ctx.msg('meta.yearInText', { year: y.year, report: ctx.model.year! }), range: y.range });
    }
  }),
  rule('XR303', 'version-mismatch', 'error', (ctx) => {
    const { year } = ctx.model;
    const expected = templateForYear(year);
    if (!expected || year === null) return;
    for (const table of decidedTables(ctx)) {
      if (table.version === expected) continue;
      const name = ctx.msg('table.name', { table: table.id });
      const range = table.rows.find((r) => r.kind !== 'header')?.range ?? table.range;
      // A 2021-format table in a 2019/2020 report more likely means a wrong title year (spec §3.7).
      const olderYear = table.version! > expected;
      ctx.report({
        message: olderYear
          ? ctx.msg('meta.versionMismatchTitle', { table: name, actual: table.version!, year })
          : ctx.msg('meta.versionMismatch', { year, expected, table: name, actual: table.version! }),
        severity: olderYear ? 'warning' : undefined,
        range,
        table: table.id,
      });
      break;
    }
  }),
  rule('XR304', 'mixed-version', 'error', (ctx) => {
    const [t2, t3] = [ctx.model.tables['二'], ctx.model.tables['三']];
    if (!t2 || !t3 || !(t2.versionEvidence > 0) || !(t3.versionEvidence > 0) || t2.version === t3.version) return;
    ctx.report({ message: ctx.msg('meta.mixedVersion', { t2: t2.version!, t3: t3.version! }), range: t3.rows.find((r) => r.kind === 'data')?.range ?? t3.range, table: '三' });
  }),
  rule('XR305', 'unsupported-year', 'information', (ctx) => {
    const { year } = ctx.model;
    if (year === null || year >= 2019) return;
    ctx.report({ message: ctx.msg('meta.unsupportedYear', { year }), range: documentStart(ctx) });
  }),
  rule('XR306', 'title-nonstandard', 'information', (ctx) => {
    const { title, year } = ctx.model;
    if (!title || /^.+?(?:19|20)\d{2}年政府信息公开工作年度报告$/.test(title.text.replace(/\s+/g, ''))) return;
    ctx.report({ message: ctx.msg('meta.titleNonstandard', { title: title.text, year: year ?? 'YYYY' }), range: title.range });
  }),
  rule('XR307', 'late-signing', 'information', (ctx) => {
    const { signingDate, year } = ctx.model;
    if (!signingDate || year === null) return;
    const { month, day } = ctx.options.deadline;
    const signed = signingDate.year * 10000 + signingDate.month * 100 + signingDate.day;
    const deadline = (year + 1) * 10000 + month * 100 + day;
    if (signed <= deadline) return;
    ctx.report({
      message: ctx.msg('meta.lateSigning', { date: `${signingDate.year}年${signingDate.month}月${signingDate.day}日`, deadline: `${year + 1}年${month}月${day}日` }),
      range: signingDate.range,
    });
  }),
  rule('XR308', 'date-missing', 'information', (ctx) => {
    const { model } = ctx;
    if (!model.isReport || model.signingDate || model.sections.length === 0) return;
    const last = model.sections[model.sections.length - 1];
    ctx.report({ message: ctx.msg('meta.dateMissing'), range: last.range });
  }),
  rule('XR309', 'preface-part-count', 'information', (ctx) => {
    const p = ctx.model.partCount;
    if (!p || p.count === 6) return;
    ctx.report({ message: ctx.msg('meta.partCount', { count: p.count }), range: p.range });
  }),
];
