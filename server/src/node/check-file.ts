// One file through the core: what the output formatters need to know about it.

import type { Diagnostic, Locale, SectionNumber, TemplateVersion } from '../core';
import type { Candidate } from './collect';
import type { Encoding } from './text-file';

export interface FileResult {
  file: Candidate;
  encoding: Encoding;
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
