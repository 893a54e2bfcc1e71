// The command line's agency-year chains: the reports given (files and folders) are digested once, indexed
// by agency and year, and each report is checked against last year's of the same agency (XR501–XR503).
// Digests, not models, are kept: a few kilobytes a report.

import { basename, dirname, relative } from 'node:path';
import { readFileSync } from 'node:fs';
import { agencyOf, digestReport, parseReport, type ReportDigest, type ReportModel } from '../core';
import type { Candidate } from './collect';
import { decodeText } from './text-file';

/** A candidate's text, or null when it cannot be read or decoded (its own check says why). */
export function readReportText(file: Candidate): string | null {
  try {
    const decoded = decodeText(readFileSync(file.path));
    return decoded.ok ? decoded.text : null;
  } catch {
    return null;
  }
}

export interface YearChains {
  /** Last year's report of the same agency, if one was given; never the report itself. */
  previousFor(file: Candidate, model: ReportModel): ReportDigest | undefined;
  /**
   * The model a check parsed from a file's text as read (before any fix): kept as a digest when another
   * report given needs it as last year's, so that the file is not parsed again for it.
   */
  parsed(file: Candidate, model: ReportModel): void;
  /** Reports indexed. */
  size: number;
}

interface Entry {
  file: Candidate;
  agency: string;
  year: number;
  /** Made when first needed; null when the file can no longer be read. */
  digest: ReportDigest | null | undefined;
}

/**
 * Indexes every candidate that looks like a report by agency and year. `read` gives a file's text (null
 * when it cannot be read or decoded: the check itself reports that). Agency and year come from the title
 * and the text around it, which a parse without tables finds; a report's digest (its tables) is made only
 * when another report asks for it as last year's, from the model its own check parsed if that came first.
 */
export function chainReports(files: readonly Candidate[], read: (file: Candidate) => string | null): YearChains {
  const byKey = new Map<string, Entry[]>();
  const byPath = new Map<string, Entry>();
  let size = 0;
  for (const file of files) {
    const text = read(file);
    if (text === null) continue;
    let model = parseReport(text, { tables: false });
    // Only a text that is no report without its tables needs them read to say so.
    if (!model.isReport) model = parseReport(text);
    if (!model.isReport) continue;
    const agency = agencyOf(model.title?.text);
    if (agency === null || model.year === null) continue;
    const entry: Entry = { file, agency, year: model.year, digest: undefined };
    const key = `${agency}|${model.year}`;
    byKey.set(key, [...(byKey.get(key) ?? []), entry]);
    byPath.set(file.path, entry);
    size++;
  }
  const digestOf = (entry: Entry, model?: ReportModel): ReportDigest | null => {
    if (entry.digest === undefined) {
      const text = model ? null : read(entry.file);
      const from = model ?? (text === null ? null : parseReport(text));
      entry.digest = from ? digestReport(from, undefined, { uri: entry.file.display, name: basename(entry.file.path) }) : null;
    }
    return entry.digest;
  };
  return {
    size,
    parsed(file, model) {
      const entry = byPath.get(file.path);
      if (entry && entry.digest === undefined && byKey.has(`${entry.agency}|${entry.year + 1}`)) digestOf(entry, model);
    },
    previousFor(file, model) {
      const agency = agencyOf(model.title?.text);
      if (agency === null || model.year === null) return undefined;
      const candidates = (byKey.get(`${agency}|${model.year - 1}`) ?? []).filter((c) => c.file.path !== file.path);
      // Two copies of last year's report: the one nearest this file (same folder first).
      candidates.sort((a, b) => distance(file.path, a.file.path) - distance(file.path, b.file.path) || a.file.path.localeCompare(b.file.path));
      for (const c of candidates) {
        const digest = digestOf(c);
        if (digest) return digest;
      }
      return undefined;
    },
  };
}

function distance(from: string, to: string): number {
  return relative(dirname(from), dirname(to)).split(/[\\/]/).filter((p) => p !== '').length;
}
