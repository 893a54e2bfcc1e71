// Plain, LSP-shaped result types of the providers. They mirror the protocol's JSON (0-based positions,
// numeric kinds) so server.ts passes them through unchanged, but nothing here imports an LSP library.

import type { CheckOptions, CheckResult, Diagnostic as CoreDiagnostic, Fix, Locale, Position, Range, TableId, TextEdit } from '../core';

export type { Position, Range, TextEdit };

/** LSP SymbolKind values used here. */
export const SymbolKind = { Module: 2, Namespace: 3, Class: 5, Field: 8, Enum: 10, Struct: 23, EnumMember: 22 } as const;

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: number;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'region' | 'comment' | 'imports';
  collapsedText?: string;
}

export interface Hover {
  contents: { kind: 'markdown'; value: string };
  range?: Range;
}

/** LSP InlayHintKind: 1 = Type, 2 = Parameter. */
export interface InlayHint {
  position: Position;
  label: string;
  kind?: 1 | 2;
  tooltip?: string;
  paddingLeft?: boolean;
  paddingRight?: boolean;
}

export interface Command {
  title: string;
  command: string;
  arguments?: unknown[];
}

export interface CodeLens {
  range: Range;
  command: Command;
}

export interface WorkspaceEdit {
  changes: Record<string, TextEdit[]>;
}

export interface CodeAction<D = unknown> {
  title: string;
  kind: string;
  diagnostics?: D[];
  isPreferred?: boolean;
  edit?: WorkspaceEdit;
  command?: Command;
}

/** What the server stores in `diagnostic.data`: the fixes as the core computed them, for that version. */
export interface DiagnosticData {
  /** Document version the diagnostic (and its edits) belong to. */
  version: number;
  fixes: Fix[];
  table?: TableId;
  expected?: number;
  /** Where "go to the cell" (XR401) or "open last year's report" (XR501–XR503) leads. */
  goto?: { uri: string; range: Range; lastYear: boolean };
}

/** The subset of an LSP diagnostic the code-action provider reads back from the client. */
export interface ClientDiagnostic {
  range: Range;
  code?: string | number;
  source?: string;
  message?: unknown;
  data?: unknown;
}

/** One analysed document version: what every provider reads. */
export interface AnalysedDocument {
  uri: string;
  version: number;
  text: string;
  result: CheckResult;
  /** The options the result was computed with (fix-all and recompute re-check with the same). */
  options: CheckOptions;
  locale: Locale;
}

export const SOURCE = 'xxgk-report';

export const CodeActionKinds = {
  QuickFix: 'quickfix',
  RefactorRewrite: 'refactor.rewrite',
  Source: 'source',
  SourceFixAll: 'source.fixAll',
  FixAllXxgk: 'source.fixAll.xxgk',
} as const;

/** Commands the client carries out (the server also answers them with window/showDocument). */
export const NavigationCommands = { openLastYear: 'xxgkReport.openLastYear', revealCell: 'xxgkReport.revealCell' } as const;

export const Commands = {
  recomputeAll: 'xxgkReport.recomputeAll',
  recomputeTable: 'xxgkReport.recomputeTable',
  convertTableToMarkdown: 'xxgkReport.convertTableToMarkdown',
} as const;

export const ARITHMETIC_CODES: ReadonlySet<string> = new Set(['XR101', 'XR102', 'XR103', 'XR104', 'XR105']);
export const PLAUSIBILITY_CODES: ReadonlySet<string> = new Set(['XR106', 'XR107', 'XR108', 'XR109']);

export type { CoreDiagnostic };
