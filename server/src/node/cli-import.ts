// The CLI's side of .docx and web pages: `check` reads them through the readers (dist/import.js, loaded
// on first use) into our markdown text and checks that; each finding is traced back to the table, row and
// column (or paragraph) it came from. `--fix` writes the fixed cells back into word/document.xml; web
// pages are never rewritten. `convert` prints (or writes) the markdown text.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyEdits, checkText, fixAll, preferredEdits, type CheckOptions, type Config, type Diagnostic, type Locale } from '../core';
import { fileResult, type FileResult, type Origin } from './check-file';
import type { Args } from './cli-args';
import { m } from './cli-messages';
import type { Candidate } from './collect';
import type { LoadedConfig } from './config-file';
import { FOLDER_IMPORT_NAME, IMPORT_NAME, importer, looksBinaryDocument } from './import-loader';
import type { Converted, SourceLocation, SourceMap } from './import';
import { readSnapshot, writeAtomically, type Snapshot } from './write-file';

export interface ImportContext {
  args: Args;
  cliLocale: Locale;
  configFor(path: string): LoadedConfig;
  reportConfig(c: LoadedConfig): void;
  problem(message: string, path?: string): void;
  note(s: string): void;
  /** --timing's accumulator. */
  ruleTime?: CheckOptions['ruleTime'];
}

/**
 * Whether a file goes to the readers: by its name, or (a name that is neither .txt nor .md, such as a
 * report downloaded without extension) by bytes that are a package, OLE file or PDF.
 */
export function isImportFile(file: Candidate, bytes: Uint8Array): boolean {
  if ((file.explicit ? IMPORT_NAME : FOLDER_IMPORT_NAME).test(file.path)) return true;
  return file.explicit && !/\.(txt|md)$/i.test(file.path) && looksBinaryDocument(bytes);
}

function errorMessage(e: unknown, locale: Locale): string | null {
  const imp = importer();
  if (e instanceof imp.ImportError) return e.text(locale);
  return null;
}

/** `表 2 第 5 行第 4 列（转换文本 87:5）` for a position of the converted text. */
export function whereText(locale: Locale, loc: SourceLocation | null, line: number, character: number): string {
  const conv = m(locale, 'where.converted', { line: line + 1, col: character + 1 });
  if (!loc) return conv;
  if (loc.paragraph !== undefined) return `${m(locale, 'where.paragraph', { paragraph: loc.paragraph })} ${conv}`;
  if (loc.row !== undefined) return `${m(locale, 'where.cell', { table: loc.table!, row: loc.row, col: loc.col! })} ${conv}`;
  return `${m(locale, 'where.table', { table: loc.table! })} ${conv}`;
}

function origin(c: Converted, locale: Locale): Origin {
  const imp = importer();
  return { kind: c.kind, locate: (line, character) => imp.locate(c.map, line, character), notices: imp.noticeLines(locale, c.notices) };
}

/**
 * Fix-all restricted to what a .docx can take: edits inside one table cell's line (recomputed totals,
 * restored cells). Fixes of paragraphs (heading wording, artefacts) are left to the author in Word.
 */
export function fixCells(text: string, options: CheckOptions, map: SourceMap, maxRounds = 8): { text: string; fixed: number } {
  let current = text;
  let fixed = 0;
  for (let round = 0; round < maxRounds; round++) {
    const inCells = (d: Diagnostic) => {
      const f = d.fixes.find((x) => x.preferred);
      return !!f && f.edits.every((e) => e.range.start.line === e.range.end.line && map.lines[e.range.start.line]?.kind === 'row');
    };
    const ds = checkText(current, options).diagnostics.filter(inCells);
    const next = applyEdits(current, preferredEdits(ds));
    if (next === current) break;
    fixed += ds.length;
    current = next;
  }
  return { text: current, fixed };
}

export function checkImported(file: Candidate, snap: Snapshot, ctx: ImportContext): FileResult | 'skipped' | null {
  const imp = importer();
  let c: Converted;
  try {
    c = imp.convert(snap.bytes);
  } catch (e) {
    const message = errorMessage(e, ctx.cliLocale);
    if (message === null) throw e;
    // A page in a folder that is no report page at all is skipped; a broken Word file is worth saying.
    if (!file.explicit && !/\.docx$/i.test(file.path)) return 'skipped';
    ctx.problem(m(ctx.cliLocale, 'import.failed', { path: file.display, message }), file.display);
    return null;
  }
  const loaded = ctx.configFor(file.path);
  const config: Config = loaded.config;
  const locale: Locale = ctx.args.locale ?? config.locale ?? ctx.cliLocale;
  const options: CheckOptions = { ...config, locale, disable: ctx.args.disable, ruleTime: ctx.ruleTime };
  let result = checkText(c.text, options);
  if (!file.explicit && !result.model.isReport) return 'skipped';
  ctx.reportConfig(loaded);
  let fixed = 0;

  if (ctx.args.fix) {
    const fa = c.kind === 'docx' ? fixCells(c.text, options, c.map) : { text: fixAll(c.text, options).text, fixed: 0 };
    if (fa.text !== c.text) {
      const refuse = (message: string) => ctx.problem(m(ctx.cliLocale, 'import.failed', { path: file.display, message }), file.display);
      if (c.kind !== 'docx') refuse(imp.im(ctx.cliLocale, 'fix.html'));
      else {
        let bytes: Uint8Array | null = null;
        try {
          bytes = imp.fixDocx(snap.bytes, c, fa.text);
        } catch (e) {
          const message = errorMessage(e, ctx.cliLocale);
          if (message === null) throw e;
          refuse(message);
        }
        if (bytes) {
          const outcome = writeAtomically(file.path, file.root, snap, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
          if (outcome.ok) {
            fixed = fa.fixed;
            ctx.note(m(ctx.cliLocale, 'fix.done', { path: file.display, count: fixed }));
            c = imp.convert(readSnapshot(file.path).bytes);
            result = checkText(c.text, options);
          } else if (outcome.reason === 'outsideTree') ctx.problem(m(ctx.cliLocale, 'fix.outsideTree', { path: file.display, target: outcome.target }), file.display);
          else if (outcome.reason === 'writeFailed') ctx.problem(m(ctx.cliLocale, 'fix.writeFailed', { path: file.display, detail: outcome.detail }), file.display);
          else ctx.problem(m(ctx.cliLocale, outcome.reason === 'readOnly' ? 'fix.readOnly' : 'fix.changedOnDisk', { path: file.display }), file.display);
        }
      }
    }
  }

  for (const f of result.failedRules) ctx.problem(m(ctx.cliLocale, 'rule.failed', { path: file.display, code: f.code, detail: f.error }), file.display);
  return fileResult(file, c.kind === 'html' ? (c.doc.charset ?? 'utf-8') : 'utf-8', result, locale, fixed, origin(c, locale));
}

/** `xxgk-report convert <file> [-o out.md]`: the markdown text on stdout or in the named file. */
export function convertCommand(args: Args, io: { cwd: string; out(s: string): void; err(s: string): void }, locale: Locale): number {
  if (args.paths.length !== 1) {
    io.err(m(locale, 'usage.convertOne') + '\n');
    return 2;
  }
  const arg = args.paths[0];
  const path = resolve(io.cwd, arg);
  let snap: Snapshot;
  try {
    snap = readSnapshot(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    io.err(m(locale, err.code === 'ENOENT' ? 'io.notFound' : 'io.readFailed', { path: arg, detail: err.code ?? String(e) }) + '\n');
    return 2;
  }
  const imp = importer();
  let c: Converted;
  try {
    c = imp.convert(snap.bytes);
  } catch (e) {
    const message = errorMessage(e, locale);
    if (message === null) throw e;
    io.err(m(locale, 'import.failed', { path: arg, message }) + '\n');
    return 2;
  }
  for (const n of imp.noticeLines(locale, c.notices)) io.err(m(locale, 'import.notice', { path: arg, message: n }) + '\n');
  if (args.output === undefined || args.output === '-') {
    io.out(c.text);
    return 0;
  }
  try {
    writeFileSync(resolve(io.cwd, args.output), c.text, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    io.err(m(locale, 'fix.writeFailed', { path: args.output, detail: err.code ?? String(e) }) + '\n');
    return 2;
  }
  io.err(m(locale, 'convert.written', { path: args.output, from: arg }) + '\n');
  return 0;
}
