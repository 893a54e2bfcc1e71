// `--format text`: a header line per file, one line per finding (`path:line:col  severity  CODE  message`,
// 1-based, columns in UTF-16 units like the editor's), and a summary. Colours only when asked for.

import type { Diagnostic, Locale, Severity } from '../core';
import { count, shown, type Counts, type FileResult } from './check-file';
import { m, severityWord } from './cli-messages';
import { whereText } from './cli-import';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  severity(sev: Severity, s: string): string;
}

const plain: Style = { bold: (s) => s, dim: (s) => s, severity: (_sev, s) => s };

const sgr = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
const SEVERITY_COLOUR: Record<Severity, (s: string) => string> = {
  error: sgr('31'),
  warning: sgr('33'),
  information: sgr('36'),
  hint: sgr('90'),
};
const coloured: Style = { bold: sgr('1'), dim: sgr('2'), severity: (sev, s) => SEVERITY_COLOUR[sev](s) };

export function style(colour: boolean): Style {
  return colour ? coloured : plain;
}

/** Colour when forced, else when stdout is a terminal and NO_COLOR is not set (no-color.org). */
export function wantColour(flag: boolean | undefined, isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return Boolean(isTTY);
}

export function header(r: FileResult, locale: Locale, st: Style, counts: Counts): string {
  if (!r.isReport) return st.bold(m(locale, 'header.notReport', { path: r.file.display }));
  const unknown = m(locale, 'header.unknown');
  const line = m(locale, 'header', {
    path: r.file.display,
    template: r.template ?? unknown,
    year: r.year ?? unknown,
    errors: counts.errors,
    warnings: counts.warnings,
    infos: counts.infos,
  });
  return st.bold(line);
}

export function diagnosticLine(path: string, d: Diagnostic, locale: Locale, st: Style, origin?: FileResult['origin']): string {
  // A converted .docx or web page: the table, row and column (or paragraph), then the converted line.
  const pos = origin
    ? `${path}  ${whereText(locale, origin.locate(d.range.start.line, d.range.start.character), d.range.start.line, d.range.start.character)}`
    : `${path}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
  return `${pos}  ${st.severity(d.severity, severityWord(locale, d.severity))}  ${st.dim(d.code)}  ${d.message}`;
}

/** The lines for one file, or none (with --quiet, a file without errors prints nothing). */
export function fileBlock(r: FileResult, quiet: boolean, st: Style): string[] {
  const ds = shown(r, quiet);
  if (quiet && ds.length === 0) return [];
  const locale = r.locale;
  const notices = r.origin && !quiet ? r.origin.notices.map((n) => st.dim(m(locale, 'import.notice', { path: r.file.display, message: n }))) : [];
  return [header(r, locale, st, count(r.diagnostics)), ...notices, ...ds.map((d) => diagnosticLine(r.file.display, d, locale, st, r.origin))];
}

export interface Totals extends Counts {
  files: number;
  skipped: number;
  problems: number;
  fixes: number;
  fixedFiles: number;
}

export function summary(t: Totals, locale: Locale, st: Style): string {
  let s = m(locale, 'summary', { files: t.files, skipped: t.skipped, errors: t.errors, warnings: t.warnings, infos: t.infos });
  if (t.fixes > 0) s += m(locale, 'summary.fixed', { fixes: t.fixes, files: t.fixedFiles });
  if (t.problems > 0) s += m(locale, 'summary.problems', { problems: t.problems });
  return st.bold(s);
}
