// Text → model → rules → diagnostics. The one entry point the CLI and the server call.

import { analyze, type Analysis } from './identities';
import { t, type MessageArgs, type MessageId } from './i18n';
import { parseReport } from './parse';
import { RULES, findRule, type ResolvedOptions, type Rule, type RuleContext } from './rules';
import type { Config, RuleSetting } from './config';
import type { ReportDigest } from './cross';
import type { Diagnostic, Locale, ReportModel, Severity } from './types';

export interface CheckOptions extends Config {
  locale?: Locale;
  /** Codes or aliases to turn off (the CLI's --disable). */
  disable?: string[];
  /**
   * 'sections': read the section headings only (no tables) and run the rules that need no more — what
   * the server does with documents too large to check fully within its time budget. Default 'full'.
   */
  level?: 'full' | 'sections';
  /**
   * Last year's report of the same agency (its digest, see cross.ts): enables XR501–XR503. Given by the
   * CLI and the server, never by a configuration file.
   */
  previous?: ReportDigest;
  /**
   * Called after each rule with the time it took, in milliseconds (`performance.now()`): the CLI's
   * --timing and the bench. Rules are not timed without it.
   */
  ruleTime?: (code: string, ms: number) => void;
}

export interface CheckResult {
  model: ReportModel;
  analysis: Analysis;
  diagnostics: Diagnostic[];
  /** Rules that threw: their findings are missing, the rest stand. */
  failedRules: { code: string; error: string }[];
}

function resolve(options: CheckOptions): ResolvedOptions {
  const [month, day] = (options.deadline ?? '01-31').split('-').map(Number);
  return {
    locale: options.locale ?? 'zh-cn',
    blankAsZero: options.blankAsZero ?? false,
    feeThresholdWanYuan: options.feeThresholdWanYuan ?? 10000,
    deadline: { month, day },
  };
}

/** Effective severity of a rule under the options, or 'off'. */
export function settingOf(rule: Rule, options: CheckOptions): RuleSetting {
  if (options.disable?.some((d) => findRule(d) === rule)) return 'off';
  for (const [name, setting] of Object.entries(options.rules ?? {})) if (findRule(name) === rule) return setting;
  return rule.severity;
}

/** Inline suppressions indexed by line, so each diagnostic looks at its own line only. */
function suppressionIndex(model: ReportModel): (d: Diagnostic) => boolean {
  if (model.suppressions.length === 0) return () => false;
  const file: string[][] = [];
  const byLine = new Map<number, string[][]>();
  for (const s of model.suppressions) {
    if (s.scope === 'file') file.push(s.rules);
    else byLine.set(s.line, [...(byLine.get(s.line) ?? []), s.rules]);
  }
  const covers = (rules: string[], code: string) => rules.length === 0 || rules.some((r) => findRule(r)?.code === code);
  return (d) => file.some((r) => covers(r, d.code)) || (byLine.get(d.range.start.line) ?? []).some((r) => covers(r, d.code));
}

export function checkModel(model: ReportModel, options: CheckOptions = {}): CheckResult {
  const resolved = resolve(options);
  const analysis = analyze(model, resolved.blankAsZero);
  return runRules(model, analysis, options, (rule) => (options.level !== 'sections' || rule.level === 'sections') && (!rule.crossYear || options.previous !== undefined));
}

/**
 * Only the cross-year rules (XR501–XR503) over a check already made, against last year's digest: what the
 * server adds to a cached check when last year's report is found or changes. Settings and inline
 * suppressions apply as in a full check.
 */
export function checkCross(result: CheckResult, options: CheckOptions & { previous: ReportDigest }): CheckResult {
  return runRules(result.model, result.analysis, options, (rule) => rule.crossYear === true && options.level !== 'sections');
}

function runRules(model: ReportModel, analysis: Analysis, options: CheckOptions, runs: (rule: Rule) => boolean): CheckResult {
  const resolved = resolve(options);
  const diagnostics: Diagnostic[] = [];
  const failedRules: CheckResult['failedRules'] = [];
  const suppressed = suppressionIndex(model);
  if (model.isReport) {
    for (const rule of RULES) {
      if (!runs(rule)) continue;
      const setting = settingOf(rule, options);
      if (setting === 'off') continue;
      const ctx: RuleContext = {
        model,
        analysis,
        options: resolved,
        previous: options.previous,
        msg: (id: MessageId, args?: MessageArgs) => t(resolved.locale, id, args),
        report: (d) => {
          const severity: Severity = setting !== rule.severity ? setting : d.severity ?? setting;
          // The rule's object becomes the diagnostic (each report is a fresh literal): no copy per finding,
          // which counts when a long text has many (XR201 over a blank table, XR401 over long narrative).
          const diag = d as Diagnostic;
          diag.code = rule.code;
          diag.rule = rule.alias;
          diag.severity = severity;
          diag.fixes = d.fixes ?? [];
          if (!suppressed(diag)) diagnostics.push(diag);
        },
      };
      try {
        if (options.ruleTime) {
          const t0 = performance.now();
          rule.check(ctx);
          options.ruleTime(rule.code, performance.now() - t0);
        } else rule.check(ctx);
      } catch (e) {
        failedRules.push({ code: rule.code, error: e instanceof Error ? e.message : String(e) });
      }
    }
  }
  diagnostics.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code),
  );
  return { model, analysis, diagnostics, failedRules };
}

export function checkText(text: string, options: CheckOptions = {}): CheckResult {
  return checkModel(parseReport(text, { tables: options.level !== 'sections' }), options);
}
