// `xxgk-report check`: collect files, read them in their encoding, check them with the core under their
// `.xxgkrc.json`, optionally write fix-all back, and print text, JSON or SARIF. Returns the exit code:
// 0 no error-severity finding, 1 some, 2 usage or I/O problems (other files are still checked).

import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  RULES,
  checkModel,
  checkText,
  fixAll,
  parseConfig,
  parseReport,
  registerCatalogue,
  type CheckOptions,
  type CheckResult,
  type Config,
  type Locale,
} from '../core';
import { EN } from '../core/i18n-en';
import { count, fileResult, type FileResult } from './check-file';
import { checkImported, convertCommand, isImportFile } from './cli-import';
import { earlyLocale, parseArgs, UsageError, type Args } from './cli-args';
import { m, severityWord } from './cli-messages';
import { collect, displayPath, type Candidate } from './collect';
import { chainReports, readReportText, type YearChains } from './cross-year';
import { runNext } from './cli-next';
import { loadConfig, type LoadedConfig } from './config-file';
import { toJson } from './output-json';
import { toSarif } from './output-sarif';
import { fileBlock, style, summary, wantColour, type Style, type Totals } from './output-text';
import { decodeText, encodeText, sameLineEnds } from './text-file';
import { endShortRun, planRun } from './short-run';
import { readSnapshot, writeAtomically, type Snapshot } from './write-file';
import { ruleDescription } from '../core/rules/descriptions';

// Any file's config may ask for English: the CLI has it from the start (the server loads it on demand).
registerCatalogue('en', EN);

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean | undefined;
  out(s: string): void;
  err(s: string): void;
}

export function run(argv: readonly string[], io: Io, version: string): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.text(earlyLocale(argv) ?? 'zh-cn') + '\n');
      return 2;
    }
    throw e;
  }
  if (args.version) {
    io.out(version + '\n');
    return 0;
  }

  // Explicit config, then the locale of everything the CLI itself says.
  let explicit: LoadedConfig | null = null;
  if (args.config !== undefined) {
    const path = resolve(io.cwd, args.config);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      io.err(m(args.locale ?? 'zh-cn', 'config.notFound', { path: args.config }) + '\n');
      return 2;
    }
    const parsed = parseConfig(text, args.locale ?? 'zh-cn');
    explicit = { path, config: parsed.config, problems: parsed.problems };
  }
  const locale: Locale = args.locale ?? explicit?.config.locale ?? loadConfig(io.cwd).config.locale ?? 'zh-cn';

  if (args.help) {
    io.out(m(locale, 'help') + '\n');
    return 0;
  }
  if (args.listRules) {
    io.out(listRules(locale, args.format));
    return 0;
  }
  if (args.command === undefined) return usage(io, locale, new UsageError('usage.noCommand'));
  if (args.command === 'convert') return convertCommand(args, io, locale);
  if (args.command === 'next') return runNext(args, io, locale);
  if (args.output !== undefined) return usage(io, locale, new UsageError('usage.outputOnlyConvert'));
  if (args.command !== 'check') return usage(io, locale, new UsageError('usage.unknownCommand', { command: args.command }));
  if (args.paths.length === 0) return usage(io, locale, new UsageError('usage.noFiles'));

  return check(args, io, locale, explicit, version);
}

function usage(io: Io, locale: Locale, e: UsageError): number {
  io.err(e.text(locale) + '\n');
  return 2;
}

function listRules(locale: Locale, format: Args['format']): string {
  if (format !== 'text') {
    const rules = RULES.map((r) => ({ code: r.code, alias: r.alias, severity: r.severity, description: ruleDescription(r.code)[locale] }));
    return JSON.stringify(rules, null, 2) + '\n';
  }
  const lines = [m(locale, 'rules.header')];
  for (const r of RULES) lines.push(`${r.code}\t${r.alias}\t${severityWord(locale, r.severity)}\t${ruleDescription(r.code)[locale]}`);
  return lines.join('\n') + '\n';
}

function check(args: Args, io: Io, locale: Locale, explicit: LoadedConfig | null, version: string): number {
  const text = args.format === 'text';
  const st: Style = style(text && wantColour(args.colour, io.isTTY, io.env));
  // In JSON and SARIF mode stdout carries only the document; everything else goes to stderr.
  const note = (s: string) => (text ? io.out(s + '\n') : io.err(s + '\n'));
  const problems: { message: string; path?: string }[] = [];
  const problem = (message: string, path?: string) => {
    problems.push({ message, path });
    io.err(message + '\n');
  };

  const configs = new Map<string, LoadedConfig>();
  const reported = new Set<string>();
  const reportConfig = (c: LoadedConfig) => {
    if (!c.path || reported.has(c.path)) return;
    reported.add(c.path);
    for (const p of c.problems) {
      io.err(m(locale, 'config.problem', { path: displayPath(c.path, io.cwd), line: p.position.line + 1, col: p.position.character + 1, message: p.message }) + '\n');
    }
  };
  const configFor = (file: string): LoadedConfig => {
    if (explicit) return explicit;
    const dir = dirname(file);
    let c = configs.get(dir);
    if (!c) {
      c = loadConfig(dir, locale);
      configs.set(dir, c);
    }
    return c;
  };
  if (explicit) reportConfig(explicit);

  const collected = collect(args.paths, io.cwd);
  for (const miss of collected.missing) problem(m(locale, miss.reason === 'notFound' ? 'io.notFound' : 'io.notFile', { path: miss.arg }), miss.arg);
  planRun(
    collected.files.map((f) => f.path),
    (path) => {
      try {
        return statSync(path).size;
      } catch {
        return 0; // reported when it is read
      }
    },
  );

  // Last year's report of each agency, among the reports given (XR501–XR503).
  const chains = args.crossYear && collected.files.length > 1 ? chainReports(collected.files, readReportText) : undefined;

  const times = args.timing ? new Map<string, number>() : undefined;
  const ruleTime = times && ((code: string, ms: number) => void times.set(code, (times.get(code) ?? 0) + ms));

  const totals: Totals = { files: 0, skipped: collected.skipped, problems: 0, errors: 0, warnings: 0, infos: 0, fixes: 0, fixedFiles: 0 };
  const results: FileResult[] = [];
  let anyError = false;

  for (const file of collected.files) {
    const r = checkOne(file, args, locale, configFor, reportConfig, problem, note, chains, ruleTime);
    if (r === 'skipped') {
      totals.skipped++;
      continue;
    }
    if (r === null) continue;
    if (!text) results.push(r); // text is printed as it goes: nothing to keep
    totals.files++;
    const c = count(r.diagnostics);
    totals.errors += c.errors;
    totals.warnings += c.warnings;
    totals.infos += c.infos;
    if (c.errors > 0) anyError = true;
    if (r.fixed > 0) {
      totals.fixes += r.fixed;
      totals.fixedFiles++;
    }
    if (text) {
      const block = fileBlock(r, args.quiet, st);
      if (block.length) io.out(block.join('\n') + '\n\n');
    }
  }
  totals.problems = problems.length;

  if (args.format === 'json') io.out(JSON.stringify(toJson(results, args.quiet), null, 2) + '\n');
  else if (args.format === 'sarif') io.out(JSON.stringify(toSarif({ results, quiet: args.quiet, locale, version, cwd: io.cwd, problems }), null, 2) + '\n');
  else io.out(summary(totals, locale, st) + '\n');
  if (times) io.err(timingTable(times, totals.files, locale) + '\n');

  return problems.length > 0 ? 2 : anyError ? 1 : 0;
}

/** --timing: the slowest rules over the whole run, as ESLint's TIMING prints them. */
function timingTable(times: Map<string, number>, files: number, locale: Locale): string {
  const total = [...times.values()].reduce((a, b) => a + b, 0);
  const rows = [...times].sort((a, b) => b[1] - a[1]).slice(0, 10);
  const lines = [m(locale, 'timing.header')];
  for (const [code, ms] of rows) lines.push(`${code}\t${ms.toFixed(3)}\t${total > 0 ? ((100 * ms) / total).toFixed(1) : '0.0'}%`);
  lines.push(m(locale, 'timing.total', { ms: total.toFixed(3), files }));
  return lines.join('\n');
}

function checkOne(
  file: Candidate,
  args: Args,
  cliLocale: Locale,
  configFor: (path: string) => LoadedConfig,
  reportConfig: (c: LoadedConfig) => void,
  problem: (message: string, path?: string) => void,
  note: (s: string) => void,
  chains?: YearChains,
  ruleTime?: CheckOptions['ruleTime'],
): FileResult | 'skipped' | null {
  let snap: Snapshot;
  try {
    snap = readSnapshot(file.path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    problem(m(cliLocale, 'io.readFailed', { path: file.display, detail: err.code ?? String(e) }), file.display);
    return null;
  }
  // .docx and web pages (and anything whose bytes are a package, OLE file or PDF) go to the readers.
  if (isImportFile(file, snap.bytes)) {
    endShortRun();
    return checkImported(file, snap, { args, cliLocale, configFor, reportConfig, problem, note, ruleTime });
  }
  const decoded = decodeText(snap.bytes);
  if (!decoded.ok) {
    problem(m(cliLocale, decoded.reason === 'binary' ? 'io.binary' : 'io.encoding', { path: file.display }), file.display);
    return null;
  }
  let model = parseReport(decoded.text);
  if (!file.explicit && !model.isReport) return 'skipped';
  chains?.parsed(file, model);

  const loaded = configFor(file.path);
  reportConfig(loaded);
  const config: Config = loaded.config;
  const locale: Locale = args.locale ?? config.locale ?? cliLocale;
  const options: CheckOptions = { ...config, locale, disable: args.disable, previous: chains?.previousFor(file, model), ruleTime };
  let result: CheckResult = checkModel(model, options);
  let fixed = 0;

  if (args.fix) {
    const fa = fixAll(decoded.text, options);
    if (fa.text !== decoded.text) {
      const refuse = (id: Parameters<typeof m>[1], extra: Record<string, string> = {}) =>
        problem(m(cliLocale, id, { path: file.display, ...extra }), file.display);
      if (!sameLineEnds(decoded.text, fa.text)) refuse('fix.lineEnds');
      else if (!encodeText(decoded.text, decoded.encoding).equals(snap.bytes)) refuse('fix.notLossless', { encoding: decoded.encoding });
      else {
        const outcome = writeAtomically(file.path, file.root, snap, encodeText(fa.text, decoded.encoding));
        if (outcome.ok) {
          fixed = fa.fixed.length;
          note(m(cliLocale, 'fix.done', { path: file.display, count: fixed }));
          result = checkText(fa.text, options);
          model = result.model;
        } else if (outcome.reason === 'outsideTree') refuse('fix.outsideTree', { target: outcome.target });
        else if (outcome.reason === 'writeFailed') refuse('fix.writeFailed', { detail: outcome.detail });
        else refuse(outcome.reason === 'readOnly' ? 'fix.readOnly' : 'fix.changedOnDisk');
      }
    }
  }

  for (const f of result.failedRules) problem(m(cliLocale, 'rule.failed', { path: file.display, code: f.code, detail: f.error }), file.display);
  return fileResult(file, decoded.encoding, result, locale, fixed);
}
