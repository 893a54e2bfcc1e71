// `--format json`: the contract of test/cli-output.schema.json (version 1). Positions are 0-based UTF-16
// as in LSP; optional fields are left out when undefined; `actual` is null for a blank cell.

import type { Diagnostic, SectionNumber, TemplateVersion } from '../core';
import { shown, type FileResult } from './check-file';

/** The core's diagnostic as the contract prints it: fixes reduced to `fixable`. */
export type JsonDiagnostic = Omit<Diagnostic, 'related' | 'fixes'> & { fixable: boolean };

export interface JsonFile {
  path: string;
  encoding: string;
  template: TemplateVersion | null;
  year: number | null;
  sections: { number: SectionNumber; title: string; line: number }[];
  diagnostics: JsonDiagnostic[];
}

export interface JsonOutput {
  version: 1;
  files: JsonFile[];
}

export function jsonDiagnostic(d: Diagnostic): JsonDiagnostic {
  const out: JsonDiagnostic = {
    code: d.code,
    rule: d.rule,
    severity: d.severity,
    message: d.message,
    range: { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } },
  } as JsonDiagnostic;
  if (d.table !== undefined) out.table = d.table;
  if (d.row !== undefined) out.row = d.row;
  if (d.column !== undefined) out.column = d.column;
  if (d.expected !== undefined) out.expected = d.expected;
  if (d.actual !== undefined) out.actual = d.actual;
  out.fixable = d.fixes.length > 0;
  return out;
}

export function toJson(results: readonly FileResult[], quiet: boolean): JsonOutput {
  return {
    version: 1,
    files: results.map((r) => ({
      path: r.file.display,
      encoding: r.encoding,
      template: r.template,
      year: r.year,
      sections: r.sections,
      diagnostics: shown(r, quiet).map(jsonDiagnostic),
    })),
  };
}
