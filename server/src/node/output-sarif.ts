// `--format sarif`: one SARIF 2.1.0 run, so a CI system can annotate the files. Lines and columns are
// 1-based; columns count UTF-16 code units (run.columnKind), which is what the core's ranges are in.

import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Artifact, Fix as SarifFix, Location, Log, Notification, Region, ReportingDescriptor, Result } from 'sarif';
import { RULES, docsUrl, type Diagnostic, type Locale, type Range, type Severity } from '../core';
import { shown, type FileResult } from './check-file';
import { ruleDescription } from '../core/rules/descriptions';

const BASE = '%SRCROOT%';

export function sarifLevel(severity: Severity): Result.level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

export function region(range: Range): Region {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** Where a file is: relative to %SRCROOT% (the working directory), or an absolute file URI outside it. */
export function artifactLocation(display: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(display)) return { uri: pathToFileURL(display).href };
  return { uri: display.split(/[\\/]/).map(encodeURIComponent).join('/'), uriBaseId: BASE };
}

export interface SarifInput {
  results: readonly FileResult[];
  quiet: boolean;
  locale: Locale;
  version: string;
  cwd: string;
  /** Problems with files or options (they make the run unsuccessful). */
  problems: { message: string; path?: string }[];
}

export function toSarif(input: SarifInput): Log {
  const ruleIndex = new Map<string, number>();
  const rules: ReportingDescriptor[] = RULES.map((r, i) => {
    ruleIndex.set(r.code, i);
    return {
      id: r.code,
      name: r.alias,
      shortDescription: { text: ruleDescription(r.code)[input.locale] },
      helpUri: docsUrl(r.code),
      defaultConfiguration: { level: sarifLevel(r.severity) },
    };
  });

  const artifacts: Artifact[] = [];
  const results: Result[] = [];
  for (const r of input.results) {
    const where = artifactLocation(r.file.display);
    const artifactIndex = artifacts.length;
    artifacts.push({ location: where, encoding: r.encoding, sourceLanguage: r.origin ? r.origin.kind : r.file.display.toLowerCase().endsWith('.md') ? 'markdown' : 'plaintext' });
    // A converted .docx or web page has no lines to point at: the file, and the cell in properties.
    const at = (range: Range): Location['physicalLocation'] => (r.origin ? { artifactLocation: { ...where, index: artifactIndex } } : { artifactLocation: { ...where, index: artifactIndex }, region: region(range) });
    for (const d of shown(r, input.quiet)) {
      const res = result(r.origin ? { ...d, fixes: [] } : d, at, ruleIndex, where, artifactIndex);
      const loc = r.origin?.locate(d.range.start.line, d.range.start.character);
      if (loc) res.properties = { ...res.properties, source: loc };
      results.push(res);
    }
  }

  const notifications: Notification[] = input.problems.map((p) => ({
    level: 'error',
    message: { text: p.message },
    ...(p.path ? { locations: [{ physicalLocation: { artifactLocation: artifactLocation(p.path) } }] } : {}),
  }));

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'xxgk-report',
            version: input.version,
            semanticVersion: input.version,
            informationUri: 'https://github.com/xxgk-report/xxgk-report',
            rules,
          },
        },
        invocations: [{ executionSuccessful: input.problems.length === 0, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { [BASE]: { uri: pathToFileURL(input.cwd).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        artifacts,
        results,
      },
    ],
  };
}

function result(
  d: Diagnostic,
  at: (range: Range) => Location['physicalLocation'],
  ruleIndex: Map<string, number>,
  where: { uri: string; uriBaseId?: string },
  artifactIndex: number,
): Result {
  const res: Result = {
    ruleId: d.code,
    level: sarifLevel(d.severity),
    message: { text: d.message },
    locations: [{ physicalLocation: at(d.range) }],
  };
  const index = ruleIndex.get(d.code);
  if (index !== undefined) res.ruleIndex = index;
  if (d.related?.length) {
    // A place in another file (last year's report, XR501–XR503) is that file's location.
    res.relatedLocations = d.related.map((rel, id) => ({
      id,
      physicalLocation: rel.uri === undefined ? at(rel.range) : { artifactLocation: artifactLocation(rel.uri), region: region(rel.range) },
      message: { text: rel.message },
    }));
  }
  if (d.fixes.length) {
    res.fixes = d.fixes.map(
      (f): SarifFix => ({
        description: { text: f.title },
        artifactChanges: [
          {
            artifactLocation: { ...where, index: artifactIndex },
            replacements: f.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
          },
        ],
      }),
    );
  }
  const props: Record<string, unknown> = {};
  if (d.table !== undefined) props.table = d.table;
  if (d.row !== undefined) props.row = d.row;
  if (d.column !== undefined) props.column = d.column;
  if (d.expected !== undefined) props.expected = d.expected;
  if (d.actual !== undefined) props.actual = d.actual;
  if (Object.keys(props).length) res.properties = props;
  return res;
}
