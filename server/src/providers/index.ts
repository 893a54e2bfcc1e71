// The editor features as pure functions over one analysed document (core model + analysis +
// diagnostics). Only server.ts turns them into protocol messages.

export { documentSymbols, foldingRanges } from './symbols';
export { hover } from './hover';
export { inlayHints } from './inlay-hints';
export { codeLenses } from './code-lens';
export { codeActions, coreDiagnosticOf, fixesOf, tableIdOf, type CodeActionRequest } from './code-actions';
export { diffEdits, fixAllEdits, lineEnding, recomputeAllEdits, recomputeTableEdits, recomputeTableText, disableFileEdit, disableNextLineEdit } from './edits';
export { alignPipeRows, canonicalRows, convertTableEdit, displayWidth, formatPipeTables, nextYearSkeleton, splitPipeRow, tableToMarkdownLines } from './format-lazy';
export { pm, registerProviderCatalogue, providerCatalogueOf, type ProviderMessageId } from './messages';
export { tableAt, TABLE_IDS } from './tables';
export * from './types';
