// `--format json`: the contract of test/cli-output.schema.json (version 1). Positions are 0-based UTF-16
// as in LSP; optional fields are left out when undefined; `actual` is null for a blank cell.

import type { Diagnostic, SectionNumber, TemplateVersion } from '../core';
import { shown, type FileResult } from './check-file';
import type { SourceLocation } from './import/render';

/** The core's diagnostic as the contract prints it: fixes reduced to `fixable`. */
export type JsonDiagnostic = Omit<Diagnostic, 'related' | 'fixes'> & { fixable: boolean; source?: SourceLocation };

export interface JsonFile {
  path: string;
  encoding: string;
  template: TemplateVersion | null;
  year: number | null;
  sections: { number: SectionNumber; title: string; line: number }[];
  diagnostics: JsonDiagnostic[];
  /** A .docx or web page: what it was converted from (ranges are in the converted text), and notices. */
  converted?: { from: 'docx' | 'html'; notices: string[] };
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
    files: results.map((r) => {
      const f: JsonFile = {
        path: r.file.display,
        encoding: r.encoding,
        template: r.template,
        year: r.year,
        sections: r.sections,
        diagnostics: shown(r, quiet).map(jsonDiagnostic),
      };
      if (r.origin) {
        // Additive: where each finding sits in the Word document or web page.
        const origin = r.origin;
        f.converted = { from: origin.kind, notices: origin.notices };
        f.diagnostics.forEach((jd) => {
          const loc = origin.locate(jd.range.start.line, jd.range.start.character);
          if (loc) jd.source = loc;
        });
      }
      return f;
    }),
  };
}
