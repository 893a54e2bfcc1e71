// The language server: the only file that speaks LSP (rust-analyzer's rule). It keeps one check of each
// document version (the core's model, analysis and diagnostics) and hands it to the pure providers
// (server/src/providers), whose plain results it sends as they are. Runs over stdio (--stdio) or IPC
// (--node-ipc, what the VS Code client uses); both are chosen by vscode-languageserver from argv.

import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  CodeLensRefreshRequest,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type CodeAction as LspCodeAction,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol as LspDocumentSymbol,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
  type Position,
  type Range,
  type SymbolInformation,
  type WorkspaceEdit as LspWorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type * as CoreModule from './core';
import type { CheckOptions, Config, Diagnostic, Locale, RuleSetting, TableId, TextEdit } from './core';
import type * as ConfigFileModule from './node/config-file';
import type { LoadedConfig } from './node/config-file';
import type * as ProvidersModule from './providers';
import type { AnalysedDocument, CodeAction, DiagnosticData, DocumentSymbol } from './providers';
import { CodeActionKinds, Commands, SOURCE } from './providers/types';

// The checker is loaded on first use, not at start: `initialize` is answered before the core, its
// templates and the providers are evaluated (the bundle is one file; this only defers running it).
let libs: { core: typeof CoreModule; providers: typeof ProvidersModule; configFile: typeof ConfigFileModule } | undefined;
function lib(): NonNullable<typeof libs> {
  libs ??= { core: require('./core'), providers: require('./providers'), configFile: require('./node/config-file') };
  return libs;
}

// ---------------------------------------------------------------------------------------------------
// Settings (workspace/configuration section `xxgkReport`) merged over `.xxgkrc.json`

interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  rules: Record<string, RuleSetting>;
  inlayHints: boolean;
  locale: 'auto' | Locale;
  blankAsZero: boolean;
}

const DEFAULT_SETTINGS: Settings = { enable: true, run: 'onType', rules: {}, inlayHints: true, locale: 'auto', blankAsZero: false };
const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);
/** VS Code's ids, and what other editors call plain text and markdown (Neovim: `text`). */
const LANGUAGES = new Set(['plaintext', 'markdown', 'xxgk-report', 'text', 'txt', 'plain', 'md']);
/** Above this size hints and lenses are left out (the status item says so). */
const DEGRADED_CHARS = 4_000_000;
const PUSH_DEBOUNCE_MS = 200;

function sanitizeSettings(raw: unknown): Settings {
  const s: Settings = { ...DEFAULT_SETTINGS, rules: {} };
  if (typeof raw !== 'object' || raw === null) return s;
  const r = raw as Record<string, unknown>;
  if (typeof r.enable === 'boolean') s.enable = r.enable;
  if (r.run === 'onType' || r.run === 'onSave') s.run = r.run;
  if (r.locale === 'auto' || r.locale === 'zh-cn' || r.locale === 'en') s.locale = r.locale;
  if (typeof r.blankAsZero === 'boolean') s.blankAsZero = r.blankAsZero;
  const hints = r.inlayHints as { enabled?: unknown } | undefined;
  if (typeof hints === 'object' && hints !== null && typeof hints.enabled === 'boolean') s.inlayHints = hints.enabled;
  if (typeof r['inlayHints.enabled'] === 'boolean') s.inlayHints = r['inlayHints.enabled'] as boolean;
  if (typeof r.rules === 'object' && r.rules !== null && !Array.isArray(r.rules)) {
    for (const [name, value] of Object.entries(r.rules as Record<string, unknown>)) {
      if (lib().core.findRule(name) && typeof value === 'string' && SEVERITIES.has(value)) s.rules[name] = value as RuleSetting;
    }
  }
  return s;
}

interface DocConfig {
  settings: Settings;
  options: CheckOptions;
  locale: Locale;
  /** Identity of the options, part of each result id. */
  key: string;
}

// ---------------------------------------------------------------------------------------------------
// Connection and state

const connection = createConnection();
const documents = new TextDocuments(TextDocument);

let capabilities: ClientCapabilities = {};
let clientLocale: Locale = 'zh-cn';
let pullDiagnostics = false;
let hasConfiguration = false;
let globalSettings: Settings = DEFAULT_SETTINGS;
/** Bumped when settings or a config file change: every cached result is then stale. */
let generation = 0;
const session = Date.now().toString(36);

const settingsCache = new Map<string, Promise<Settings>>();
const configFileCache = new Map<string, LoadedConfig>();

interface Entry {
  version: number;
  generation: number;
  configKey: string;
  doc: AnalysedDocument;
  config: DocConfig;
  resultId: string;
  degraded: boolean;
  lsp?: LspDiagnostic[];
}

const cache = new Map<string, Entry>();
/** Run "onSave": the diagnostics last computed at open or save, reported until the next save. */
const checkpoints = new Map<string, { resultId: string; items: LspDiagnostic[] }>();
const pushTimers = new Map<string, NodeJS.Timeout>();

function localeOf(language: unknown): Locale | undefined {
  if (typeof language !== 'string' || language === '') return undefined;
  return language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

function log(message: string): void {
  try {
    connection.console.error(message);
  } catch {
    // the connection is gone
  }
}

function fsPathOf(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

function configFileFor(uri: string): Config {
  const path = fsPathOf(uri);
  if (!path) return {};
  const dir = dirname(path);
  let loaded = configFileCache.get(dir);
  if (!loaded) {
    try {
      loaded = lib().configFile.loadConfig(dir);
    } catch (e) {
      loaded = { path: null, config: {}, problems: [{ message: String(e), position: { line: 0, character: 0 } }] };
    }
    configFileCache.set(dir, loaded);
    for (const p of loaded.problems) log(`${loaded.path ?? dir}:${p.position.line + 1}:${p.position.character + 1} ${p.message}`);
  }
  return loaded.config;
}

async function settingsFor(uri: string): Promise<Settings> {
  if (!hasConfiguration) return globalSettings;
  let s = settingsCache.get(uri);
  if (!s) {
    s = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'xxgkReport' })
      .then(sanitizeSettings, (e: unknown) => {
        log(`workspace/configuration failed: ${String(e)}`);
        return DEFAULT_SETTINGS;
      });
    settingsCache.set(uri, s);
  }
  return s;
}

async function configFor(uri: string): Promise<DocConfig> {
  const settings = await settingsFor(uri);
  const file = configFileFor(uri);
  const locale: Locale = settings.locale !== 'auto' ? settings.locale : file.locale ?? clientLocale;
  // Settings win; a setting left at its default ("auto", false, no rule) lets the file decide.
  const options: CheckOptions = {
    ...file,
    locale,
    rules: { ...(file.rules ?? {}), ...settings.rules },
    blankAsZero: settings.blankAsZero || file.blankAsZero || false,
  };
  return { settings, options, locale, key: JSON.stringify(options) };
}

// ---------------------------------------------------------------------------------------------------
// One check per document version

function statusOf(uri: string, e: Entry, ms: number): void {
  const { model } = e.doc.result;
  if (!model.isReport) return;
  void connection.sendNotification('xxgkReport/status', { uri, template: model.template, year: model.year, checkedMs: ms, degraded: e.degraded || undefined }).catch(() => undefined);
}

function entryFor(doc: TextDocument, config: DocConfig): Entry {
  const cached = cache.get(doc.uri);
  if (cached && cached.version === doc.version && cached.generation === generation && cached.configKey === config.key) return cached;
  const text = doc.getText();
  const t0 = performance.now();
  const result = lib().core.checkText(text, config.options);
  const ms = performance.now() - t0;
  for (const f of result.failedRules) log(`rule ${f.code} failed on ${doc.uri}: ${f.error}`);
  const entry: Entry = {
    version: doc.version,
    generation,
    configKey: config.key,
    doc: { uri: doc.uri, version: doc.version, text, result, options: config.options, locale: config.locale },
    config,
    resultId: `${session}.${generation}.${doc.version}`,
    degraded: text.length > DEGRADED_CHARS,
  };
  cache.set(doc.uri, entry);
  statusOf(doc.uri, entry, ms);
  return entry;
}

/** The analysed current version of a document, or null (unknown document, other language, disabled). */
async function analysed(uri: string): Promise<Entry | null> {
  let doc = documents.get(uri);
  if (!doc || !LANGUAGES.has(doc.languageId)) return null;
  const config = await configFor(uri);
  if (!config.settings.enable) return null;
  doc = documents.get(uri);
  if (!doc) return null;
  return entryFor(doc, config);
}

/** Same as `analysed`, but only for a report. */
async function report(uri: string): Promise<Entry | null> {
  const e = await analysed(uri);
  return e && e.doc.result.model.isReport ? e : null;
}

const SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 } as const;

function toLsp(uri: string, version: number, d: Diagnostic): LspDiagnostic {
  const data: DiagnosticData = { version, fixes: d.fixes, table: d.table, expected: d.expected };
  const out: LspDiagnostic = {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: lib().core.docsUrl(d.code) },
    source: SOURCE,
    message: d.message,
    data,
  };
  if (d.related && d.related.length > 0) out.relatedInformation = d.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  return out;
}

function lspDiagnostics(e: Entry): LspDiagnostic[] {
  if (!e.lsp) e.lsp = e.doc.result.model.isReport ? e.doc.result.diagnostics.map((d) => toLsp(e.doc.uri, e.version, d)) : [];
  return e.lsp;
}

function checkpoint(uri: string, e: Entry): { resultId: string; items: LspDiagnostic[] } {
  const cp = { resultId: e.resultId, items: lspDiagnostics(e) };
  checkpoints.set(uri, cp);
  return cp;
}

// ---------------------------------------------------------------------------------------------------
// Handler plumbing: every handler is wrapped; malformed params get an error response, failures a logged
// empty answer; a cancelled request a cancellation error.

class Cancelled extends Error {}

function checkCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new Cancelled();
}

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

function uriOf(params: unknown): string {
  const uri = (params as { textDocument?: { uri?: unknown } } | null | undefined)?.textDocument?.uri;
  if (typeof uri !== 'string' || uri === '') throw invalid('textDocument.uri is required');
  return uri;
}

function isPosition(p: unknown): p is Position {
  const q = p as Position | null | undefined;
  return typeof q === 'object' && q !== null && Number.isInteger(q.line) && Number.isInteger(q.character) && q.line >= 0 && q.character >= 0;
}

function positionOf(params: unknown): Position {
  const p = (params as { position?: unknown }).position;
  if (!isPosition(p)) throw invalid('position is required');
  return p;
}

function rangeOf(params: unknown): Range {
  const r = (params as { range?: { start?: unknown; end?: unknown } }).range;
  if (!r || !isPosition(r.start) || !isPosition(r.end)) throw invalid('range is required');
  return r as Range;
}

function guard<P, R>(name: string, fallback: R, fn: (params: P, token: CancellationToken) => R | Promise<R>) {
  return async (params: P, token: CancellationToken): Promise<R> => {
    try {
      return await fn(params, token);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      if (e instanceof Cancelled) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      log(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  };
}

function workspaceEdit(uri: string, version: number, edits: TextEdit[]): LspWorkspaceEdit {
  if (capabilities.workspace?.workspaceEdit?.documentChanges) return { documentChanges: [{ textDocument: { uri, version }, edits }] };
  return { changes: { [uri]: edits } };
}

function toLspAction(e: Entry, a: CodeAction<LspDiagnostic>): LspCodeAction {
  const out: LspCodeAction = { title: a.title, kind: a.kind };
  if (a.diagnostics && a.diagnostics.length > 0) out.diagnostics = a.diagnostics;
  if (a.isPreferred) out.isPreferred = true;
  if (a.edit) out.edit = workspaceEdit(e.doc.uri, e.version, a.edit.changes[e.doc.uri] ?? []);
  if (a.command) out.command = a.command;
  return out;
}

function flattenSymbols(uri: string, symbols: DocumentSymbol[], container?: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const s of symbols) {
    out.push({ name: s.name, kind: s.kind as SymbolInformation['kind'], location: { uri, range: s.range }, containerName: container });
    if (s.children) out.push(...flattenSymbols(uri, s.children, s.name));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Lifecycle

connection.onInitialize((params: InitializeParams): InitializeResult => {
  capabilities = params.capabilities ?? {};
  const opts = params.initializationOptions as { displayLanguage?: unknown } | undefined;
  clientLocale = localeOf(opts?.displayLanguage) ?? localeOf(params.locale) ?? 'zh-cn';
  pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
  hasConfiguration = capabilities.workspace?.configuration === true;
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKinds.QuickFix, CodeActionKinds.FixAllXxgk, CodeActionKinds.RefactorRewrite], resolveProvider: false },
      documentSymbolProvider: { label: '政府信息公开年报' },
      foldingRangeProvider: true,
      hoverProvider: true,
      inlayHintProvider: { resolveProvider: false },
      codeLensProvider: { resolveProvider: false },
      documentFormattingProvider: true,
      executeCommandProvider: { commands: [Commands.recomputeAll, Commands.recomputeTable, Commands.convertTableToMarkdown] },
    },
    serverInfo: { name: 'xxgk-report', version: '0.1.0' },
  };
  if (pullDiagnostics) result.capabilities.diagnosticProvider = { identifier: SOURCE, interFileDependencies: false, workspaceDiagnostics: false };
  return result;
});

connection.onInitialized(() => {
  if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'xxgkReport' }).catch((e: unknown) => log(String(e)));
  }
  if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.xxgkrc.json' }] }).catch((e: unknown) => log(String(e)));
  }
});

/** After a settings or config-file change: every open document is checked again. */
function refreshAll(): void {
  generation++;
  checkpoints.clear();
  if (pullDiagnostics) {
    if (capabilities.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh().catch(() => undefined);
  } else {
    for (const d of documents.all()) void publish(d.uri);
  }
  if (capabilities.workspace?.inlayHint?.refreshSupport) void connection.languages.inlayHint.refresh().catch(() => undefined);
  if (capabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}

connection.onDidChangeConfiguration((params) => {
  try {
    if (!hasConfiguration) globalSettings = sanitizeSettings((params?.settings as { xxgkReport?: unknown } | undefined)?.xxgkReport);
    settingsCache.clear();
    refreshAll();
  } catch (e) {
    log(`didChangeConfiguration failed: ${String(e)}`);
  }
});

connection.onDidChangeWatchedFiles(() => {
  configFileCache.clear();
  refreshAll();
});

// ---------------------------------------------------------------------------------------------------
// Diagnostics: pull when the client can, else push (debounced on type, at once on open and save)

async function publish(uri: string): Promise<void> {
  try {
    const doc = documents.get(uri);
    if (!doc) return;
    const e = await analysed(uri);
    const items = e ? lspDiagnostics(e) : [];
    if (e && e.config.settings.run === 'onSave') {
      const cp = checkpoints.get(uri) ?? checkpoint(uri, e);
      await connection.sendDiagnostics({ uri, version: doc.version, diagnostics: cp.items });
      return;
    }
    await connection.sendDiagnostics({ uri, version: e?.version ?? doc.version, diagnostics: items });
  } catch (e) {
    log(`publishing diagnostics failed: ${String(e)}`);
  }
}

function schedule(uri: string, delay: number): void {
  const t = pushTimers.get(uri);
  if (t) clearTimeout(t);
  pushTimers.set(
    uri,
    setTimeout(() => {
      pushTimers.delete(uri);
      void publish(uri);
    }, delay),
  );
}

/** Opened, not yet changed: the change event that follows the open must not delay the first check. */
const justOpened = new Set<string>();

documents.onDidOpen((e) => {
  checkpoints.delete(e.document.uri);
  if (pullDiagnostics) return;
  justOpened.add(e.document.uri);
  schedule(e.document.uri, 0);
});

documents.onDidChangeContent((e) => {
  if (pullDiagnostics) return;
  if (justOpened.delete(e.document.uri)) return;
  schedule(e.document.uri, PUSH_DEBOUNCE_MS);
});

documents.onDidSave((e) => {
  const uri = e.document.uri;
  checkpoints.delete(uri);
  if (!pullDiagnostics) {
    schedule(uri, 0);
    return;
  }
  // The client pulls on save; the new checkpoint is made then.
});

documents.onDidClose((e) => {
  const uri = e.document.uri;
  const t = pushTimers.get(uri);
  if (t) clearTimeout(t);
  pushTimers.delete(uri);
  cache.delete(uri);
  justOpened.delete(uri);
  checkpoints.delete(uri);
  settingsCache.delete(uri);
  if (!pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
});

connection.languages.diagnostics.on(
  guard('textDocument/diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] } as DocumentDiagnosticReport, async (params, token): Promise<DocumentDiagnosticReport> => {
    const uri = uriOf(params);
    checkCancelled(token);
    const e = await analysed(uri);
    checkCancelled(token);
    if (!e) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    let report: { resultId: string; items: LspDiagnostic[] };
    if (e.config.settings.run === 'onSave') report = checkpoints.get(uri) ?? checkpoint(uri, e);
    else report = { resultId: e.resultId, items: lspDiagnostics(e) };
    if (params.previousResultId === report.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.items };
  }),
);

// ---------------------------------------------------------------------------------------------------
// Features

connection.onCodeAction(
  guard('textDocument/codeAction', [] as LspCodeAction[], async (params, token) => {
    const uri = uriOf(params);
    const range = rangeOf(params);
    const e = await report(uri);
    checkCancelled(token);
    if (!e) return [];
    const context = params.context ?? { diagnostics: [] };
    const actions = lib().providers.codeActions<LspDiagnostic>(e.doc, { range, diagnostics: Array.isArray(context.diagnostics) ? context.diagnostics : [], only: context.only });
    return actions.map((a) => toLspAction(e, a));
  }),
);

connection.onDocumentSymbol(
  guard('textDocument/documentSymbol', [] as LspDocumentSymbol[] | SymbolInformation[], async (params, token): Promise<LspDocumentSymbol[] | SymbolInformation[]> => {
    const uri = uriOf(params);
    const e = await report(uri);
    checkCancelled(token);
    if (!e) return [];
    const symbols = lib().providers.documentSymbols(e.doc.result.model, e.doc.locale);
    return capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === false ? flattenSymbols(uri, symbols) : (symbols as LspDocumentSymbol[]);
  }),
);

connection.onFoldingRanges(
  guard('textDocument/foldingRange', [] as ReturnType<typeof ProvidersModule.foldingRanges>, async (params, token) => {
    const uri = uriOf(params);
    const e = await report(uri);
    checkCancelled(token);
    return e ? lib().providers.foldingRanges(e.doc.result.model) : [];
  }),
);

connection.onHover(
  guard('textDocument/hover', null as ReturnType<typeof ProvidersModule.hover>, async (params, token) => {
    const uri = uriOf(params);
    const position = positionOf(params);
    const e = await report(uri);
    checkCancelled(token);
    return e ? lib().providers.hover(e.doc.result, position, e.doc.locale) : null;
  }),
);

connection.languages.inlayHint.on(
  guard('textDocument/inlayHint', [] as ReturnType<typeof ProvidersModule.inlayHints>, async (params, token) => {
    const uri = uriOf(params);
    const range = rangeOf(params);
    const e = await report(uri);
    checkCancelled(token);
    if (!e || !e.config.settings.inlayHints || e.degraded) return [];
    return lib().providers.inlayHints(e.doc.result, range, e.doc.locale);
  }),
);

connection.onCodeLens(
  guard('textDocument/codeLens', [] as ReturnType<typeof ProvidersModule.codeLenses>, async (params, token) => {
    const uri = uriOf(params);
    const e = await report(uri);
    checkCancelled(token);
    if (!e || e.degraded) return [];
    return lib().providers.codeLenses(e.doc.result, uri, e.doc.locale);
  }),
);

connection.onDocumentFormatting(
  guard('textDocument/formatting', [] as TextEdit[], async (params, token) => {
    const uri = uriOf(params);
    const e = await report(uri);
    checkCancelled(token);
    return e ? lib().providers.formatPipeTables(e.doc.text) : [];
  }),
);

// ---------------------------------------------------------------------------------------------------
// Commands: [uri, table id | position]; the edits go to the client as workspace/applyEdit.

interface CommandResult {
  applied: boolean;
  edits: number;
  message?: string;
}

async function apply(e: Entry, label: string, edits: TextEdit[]): Promise<CommandResult> {
  if (edits.length === 0) return { applied: false, edits: 0 };
  const r = await connection.workspace.applyEdit({ label, edit: workspaceEdit(e.doc.uri, e.version, edits) });
  if (!r.applied) {
    const message = lib().providers.pm(e.doc.locale, 'command.applyFailed', { reason: r.failureReason ?? '' });
    log(message);
    return { applied: false, edits: edits.length, message };
  }
  return { applied: true, edits: edits.length };
}

function tablesForCommand(e: Entry, arg: unknown): TableId[] {
  const { tableIdOf, tableAt, TABLE_IDS } = lib().providers;
  const model = e.doc.result.model;
  const id = tableIdOf(arg);
  if (id) return model.tables[id] ? [id] : [];
  if (isPosition(arg)) {
    const t = tableAt(model, arg);
    if (t) return [t.id];
  }
  return arg === undefined || isPosition(arg) ? TABLE_IDS.filter((t) => model.tables[t] !== undefined) : [];
}

connection.onExecuteCommand(
  guard('workspace/executeCommand', null as CommandResult | null, async (params, token) => {
    const { pm, fixAllEdits, recomputeTableEdits, diffEdits, convertTableEdit } = lib().providers;
    const { applyEdits } = lib().core;
    const args = Array.isArray(params?.arguments) ? params.arguments : [];
    const uri = args[0];
    if (typeof uri !== 'string' || uri === '') throw invalid('the first argument must be a document uri');
    const command = params.command;
    if (command !== Commands.recomputeAll && command !== Commands.recomputeTable && command !== Commands.convertTableToMarkdown) {
      throw invalid(`unknown command ${String(command)}`);
    }
    const e = await report(uri);
    checkCancelled(token);
    if (!e) return { applied: false, edits: 0, message: pm(clientLocale, documents.get(uri) ? 'command.notReport' : 'command.noDocument', { uri }) };
    const { locale, text, options, result } = e.doc;
    if (command === Commands.recomputeAll) {
      const edits = fixAllEdits(text, options);
      if (edits.length === 0) return { applied: false, edits: 0, message: pm(locale, 'command.nothingToRecompute') };
      return apply(e, pm(locale, 'command.recomputeAll'), edits);
    }
    const tables = tablesForCommand(e, args[1]);
    if (tables.length === 0) return { applied: false, edits: 0, message: pm(locale, 'command.noTable') };
    if (command === Commands.recomputeTable) {
      // One table after another, each on the text the previous one left (lines never move).
      let current = text;
      for (const id of tables) current = applyEdits(current, recomputeTableEdits(current, id, options, current === text ? result : undefined));
      const edits = diffEdits(text, current);
      if (edits.length === 0) return { applied: false, edits: 0, message: pm(locale, 'command.nothingToRecompute') };
      return apply(e, pm(locale, 'command.recomputeTable', { table: tables.join('、') }), edits);
    }
    const edits = tables.map((id) => convertTableEdit(result.model, result.model.tables[id]!)).filter((x): x is TextEdit => x !== null);
    if (edits.length === 0) return { applied: false, edits: 0, message: pm(locale, 'command.alreadyMarkdown') };
    return apply(e, pm(locale, 'command.convert', { table: tables.join('、') }), edits);
  }),
);

// ---------------------------------------------------------------------------------------------------
// Never die on a bug: log it and keep serving.

process.on('uncaughtException', (e) => log(`uncaught: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
process.on('unhandledRejection', (e) => log(`unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

documents.listen(connection);
connection.listen();
