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
  /** Reports indexed. */
  size: number;
}

/**
 * Reads and digests every candidate that looks like a report. `read` gives a file's text (null when it
 * cannot be read or decoded: the check itself reports that).
 */
export function chainReports(files: readonly Candidate[], read: (file: Candidate) => string | null): YearChains {
  const byKey = new Map<string, { file: Candidate; digest: ReportDigest }[]>();
  let size = 0;
  for (const file of files) {
    const text = read(file);
    if (text === null) continue;
    const model = parseReport(text);
    if (!model.isReport) continue;
    const digest = digestReport(model, undefined, { uri: file.display, name: basename(file.path) });
    if (digest.agency === null || digest.year === null) continue;
    const key = `${digest.agency}|${digest.year}`;
    byKey.set(key, [...(byKey.get(key) ?? []), { file, digest }]);
    size++;
  }
  return {
    size,
    previousFor(file, model) {
      const agency = agencyOf(model.title?.text);
      if (agency === null || model.year === null) return undefined;
      const candidates = (byKey.get(`${agency}|${model.year - 1}`) ?? []).filter((c) => c.file.path !== file.path);
      // Two copies of last year's report: the one nearest this file (same folder first).
      candidates.sort((a, b) => distance(file.path, a.file.path) - distance(file.path, b.file.path) || a.file.path.localeCompare(b.file.path));
      return candidates[0]?.digest;
    },
  };
}

function distance(from: string, to: string): number {
  return relative(dirname(from), dirname(to)).split(/[\\/]/).filter((p) => p !== '').length;
}
