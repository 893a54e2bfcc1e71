// One file through the core: what the output formatters need to know about it.

import type { CheckResult, Diagnostic, Locale, SectionNumber, TemplateVersion } from '../core';
import type { Candidate } from './collect';
import type { SourceLocation } from './import/render';
import type { Encoding } from './text-file';

/** A .docx or web page checked through its converted text: where each position of that text came from. */
export interface Origin {
  kind: 'docx' | 'html';
  locate(line: number, character: number): SourceLocation | null;
  /** What the reader dropped or inlined, in the file's message language. */
  notices: string[];
}

export interface FileResult {
  file: Candidate;
  /** The text file's encoding, or for a converted file its character set (a .docx is UTF-8 XML). */
  encoding: Encoding | (string & {});
  /** What the output needs of the model (the model itself, text and all, is not kept). */
  isReport: boolean;
  template: TemplateVersion | null;
  year: number | null;
  sections: { number: SectionNumber; title: string; line: number }[];
  /** Findings after any fixes were written. */
  diagnostics: Diagnostic[];
  /** Locale the messages are in. */
  locale: Locale;
  /** Fixes written to the file (with --fix). */
  fixed: number;
  /** Set for a .docx or web page: the findings' ranges are in its converted markdown text. */
  origin?: Origin;
}

/** What the output keeps of a check (text files and converted ones alike). */
export function fileResult(file: Candidate, encoding: FileResult['encoding'], result: CheckResult, locale: Locale, fixed: number, origin?: Origin): FileResult {
  const model = result.model;
  return {
    file,
    encoding,
    isReport: model.isReport,
    template: model.template,
    year: model.year,
    sections: model.sections.map((s) => ({ number: s.number, title: s.title, line: s.line })),
    diagnostics: result.diagnostics,
    locale,
    fixed,
    ...(origin ? { origin } : {}),
  };
}

/** The diagnostics an output shows (--quiet: errors only). */
export function shown(r: FileResult, quiet: boolean): Diagnostic[] {
  return quiet ? r.diagnostics.filter((d) => d.severity === 'error') : r.diagnostics;
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export function count(ds: readonly Diagnostic[]): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const d of ds) {
    if (d.severity === 'error') c.errors++;
    else if (d.severity === 'warning') c.warnings++;
    else c.infos++;
  }
  return c;
}
