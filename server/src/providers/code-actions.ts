// Code actions: each fixable diagnostic's fixes (read back from `diagnostic.data`), "recompute every
// total in this table", source.fixAll.xxgk, "disable this rule for this line / file", and converting a
// flattened table to markdown (refactor.rewrite).

import { findRule, type Diagnostic, type Fix, type Range, type TableId } from '../core';
import { disableFileEdit, disableNextLineEdit, fixAllEdits, recomputeTableEdits } from './edits';
import { convertTableEdit } from './format-lazy';
import { pm } from './messages';
import { tablesIn } from './tables';
import { CodeActionKinds, NavigationCommands, SOURCE, type AnalysedDocument, type ClientDiagnostic, type CodeAction, type DiagnosticData, type TextEdit } from './types';

export interface CodeActionRequest<D extends ClientDiagnostic> {
  range: Range;
  /** The diagnostics the client sends as context (those overlapping the range). */
  diagnostics: readonly D[];
  only?: readonly string[];
}

function matches(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.length === 0 || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function isData(x: unknown): x is DiagnosticData {
  return typeof x === 'object' && x !== null && typeof (x as DiagnosticData).version === 'number' && Array.isArray((x as DiagnosticData).fixes);
}

/** The core diagnostic a client diagnostic stands for in this version, or undefined when it is stale. */
export function coreDiagnosticOf(doc: AnalysedDocument, d: ClientDiagnostic): Diagnostic | undefined {
  const code = d.code === undefined ? undefined : String(d.code);
  if (!code) return undefined;
  return doc.result.diagnostics.find((x) => x.code === code && sameRange(x.range, d.range));
}

/** The fixes of a client diagnostic: from its data when it belongs to this version, else looked up again. */
export function fixesOf(doc: AnalysedDocument, d: ClientDiagnostic): Fix[] {
  if (isData(d.data) && d.data.version === doc.version) return d.data.fixes;
  return coreDiagnosticOf(doc, d)?.fixes ?? [];
}

function isOurs(d: ClientDiagnostic): boolean {
  return d.source === SOURCE || (d.source === undefined && typeof d.code === 'string' && /^XR\d{3}$/.test(d.code));
}

export function codeActions<D extends ClientDiagnostic>(doc: AnalysedDocument, req: CodeActionRequest<D>): CodeAction<D>[] {
  const { result, uri, locale } = doc;
  const { model } = result;
  if (!model.isReport) return [];
  const edit = (edits: TextEdit[]) => ({ changes: { [uri]: edits } });
  const quick: CodeAction<D>[] = [];
  const disable: CodeAction<D>[] = [];
  const ours = req.diagnostics.filter(isOurs);

  if (matches(CodeActionKinds.QuickFix, req.only)) {
    for (const d of ours) {
      for (const f of fixesOf(doc, d)) {
        if (f.edits.length === 0) continue;
        quick.push({ title: f.title, kind: CodeActionKinds.QuickFix, diagnostics: [d], isPreferred: f.preferred || undefined, edit: edit(f.edits) });
      }
    }
    quick.sort((a, b) => Number(b.isPreferred ?? false) - Number(a.isPreferred ?? false));
    quick.push(...navigationActions(ours, locale));

    // Recompute every total of the tables the range touches, when one of them has a total to recompute.
    for (const table of tablesIn(model, req.range.start.line, req.range.end.line)) {
      if (table.id === '二') continue;
      const fixable = result.diagnostics.filter((d) => d.table === table.id && d.fixes.some((f) => f.preferred || f.recompute));
      if (fixable.length === 0) continue;
      const edits = recomputeTableEdits(doc.text, table.id, doc.options, result);
      if (edits.length === 0) continue;
      quick.push({
        title: pm(locale, 'action.recomputeTable', { table: table.id }),
        kind: CodeActionKinds.QuickFix,
        diagnostics: ours.filter((d) => d.range.start.line >= table.startLine && d.range.end.line <= table.endLine),
        edit: edit(edits),
      });
    }

    const seenLine = new Set<string>();
    const seenFile = new Set<string>();
    for (const d of ours) {
      const code = d.code === undefined ? '' : String(d.code);
      if (!findRule(code)) continue;
      const line = d.range.start.line;
      if (!seenLine.has(`${code}:${line}`)) {
        seenLine.add(`${code}:${line}`);
        disable.push({ title: pm(locale, 'action.disableLine', { code }), kind: CodeActionKinds.QuickFix, diagnostics: [d], edit: edit([disableNextLineEdit(doc.text, model.lines, line, code)]) });
      }
      if (!seenFile.has(code)) {
        seenFile.add(code);
        disable.push({ title: pm(locale, 'action.disableFile', { code }), kind: CodeActionKinds.QuickFix, diagnostics: [d], edit: edit([disableFileEdit(doc.text, code)]) });
      }
    }
  }

  const refactor: CodeAction<D>[] = [];
  if (matches(CodeActionKinds.RefactorRewrite, req.only)) {
    for (const table of tablesIn(model, req.range.start.line, req.range.end.line)) {
      const e = convertTableEdit(model, table);
      if (e) refactor.push({ title: pm(locale, 'action.convert', { table: table.id }), kind: CodeActionKinds.RefactorRewrite, edit: edit([e]) });
    }
  }

  // Source actions only when asked for (on save, or the Source Action menu): fix-all re-checks the text.
  const source: CodeAction<D>[] = [];
  if (req.only && req.only.length > 0 && matches(CodeActionKinds.FixAllXxgk, req.only)) {
    const edits = fixAllEdits(doc.text, doc.options);
    if (edits.length > 0) source.push({ title: pm(locale, 'action.fixAll'), kind: CodeActionKinds.FixAllXxgk, diagnostics: ours.filter((d) => fixesOf(doc, d).some((f) => f.preferred)), edit: edit(edits) });
  }
  return [...quick, ...disable, ...refactor, ...source];
}

export function tableIdOf(x: unknown): TableId | undefined {
  return x === '二' || x === '三' || x === '四' ? x : undefined;
}

/**
 * "Go to the cell" for a narrative number (XR401) and "open last year's report" for XR501–XR503: commands,
 * not edits (a Fix always edits). The place comes with the diagnostic's data; the client opens it.
 */
function navigationActions<D extends ClientDiagnostic>(diagnostics: readonly D[], locale: AnalysedDocument['locale']): CodeAction<D>[] {
  const out: CodeAction<D>[] = [];
  const seen = new Set<string>();
  for (const d of diagnostics) {
    const goto = isData(d.data) ? d.data.goto : undefined;
    if (!goto) continue;
    const key = `${goto.uri}#${goto.range.start.line}:${goto.range.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const command = goto.lastYear ? NavigationCommands.openLastYear : NavigationCommands.revealCell;
    const title = pm(locale, goto.lastYear ? 'action.openLastYear' : 'action.revealCell');
    out.push({ title, kind: CodeActionKinds.QuickFix, diagnostics: [d], command: { title, command, arguments: [goto.uri, goto.range] } });
  }
  return out;
}
