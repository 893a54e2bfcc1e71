// The language server: the only file that speaks LSP (rust-analyzer's rule). It keeps one check of each
// document version (the core's model, analysis and diagnostics) and hands it to the pure providers
// (server/src/providers), whose plain results it sends as they are.
//
// The protocol runs on vscode-jsonrpc directly, with vscode-languageserver's types only: its runtime
// (every request type of the protocol, ~190 KiB minified) would be most of the bundle and of the start
// time, while this server needs a dozen methods. Transport from argv: --node-ipc (the VS Code client),
// --stdio (other editors; also the default).

import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
// The library's common modules by path (tsconfig `paths`): its node entry and index would add the
// socket, pipe and port transports and every re-export (~16 KiB) to a bundle that needs none of them.
import { createMessageConnection } from 'vscode-jsonrpc/lib/common/connection';
import type { CancellationToken } from 'vscode-jsonrpc/lib/common/cancellation';
import { Disposable } from 'vscode-jsonrpc/lib/common/disposable';
import {
  ErrorCodes,
  NotificationType,
  NotificationType0,
  ParameterStructures,
  RequestType,
  RequestType0,
  ResponseError,
  type Message,
} from 'vscode-jsonrpc/lib/common/messages';
import { Emitter } from 'vscode-jsonrpc/lib/common/events';
import type { DataCallback, MessageReader, PartialMessageInfo } from 'vscode-jsonrpc/lib/common/messageReader';
import type { MessageWriter } from 'vscode-jsonrpc/lib/common/messageWriter';
import RAL from 'vscode-jsonrpc/lib/common/ral';
import type {
  ApplyWorkspaceEditParams,
  ApplyWorkspaceEditResult,
  ClientCapabilities,
  CodeAction as LspCodeAction,
  CodeActionParams,
  ConfigurationParams,
  Diagnostic as LspDiagnostic,
  DidChangeConfigurationParams,
  DidChangeTextDocumentParams,
  DidCloseTextDocumentParams,
  DidOpenTextDocumentParams,
  DidSaveTextDocumentParams,
  DocumentDiagnosticParams,
  DocumentDiagnosticReport,
  DocumentSymbol as LspDocumentSymbol,
  ExecuteCommandParams,
  InitializeParams,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  Range,
  RegistrationParams,
  SymbolInformation,
  TextDocumentContentChangeEvent,
  WorkspaceEdit as LspWorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type * as CoreModule from './core';
import type { CheckOptions, CheckResult, Config, Diagnostic, Locale, RuleSetting, TableId, TextEdit } from './core';
import type * as ConfigFileModule from './node/config-file';
import type { LoadedConfig } from './node/config-file';
import type * as ProvidersModule from './providers';
import type * as CrossServiceModule from './node/cross-service';
import type * as LocaleEnModule from './locale-en';
import type { CrossYearService } from './node/cross-service';
import type { AnalysedDocument, CodeAction, DiagnosticData, DocumentSymbol } from './providers';
import { CodeActionKinds, Commands, NavigationCommands, SOURCE } from './providers/types';

// The checker is loaded on first use, not at start: `initialize` is answered before the core, its
// templates and the providers are evaluated (the bundle is one file; this only defers running it).
let libs: { core: typeof CoreModule; providers: typeof ProvidersModule; configFile: typeof ConfigFileModule } | undefined;
function lib(): NonNullable<typeof libs> {
  libs ??= { core: require('./core'), providers: require('./providers'), configFile: require('./node/config-file') };
  return libs;
}

/** Set by esbuild.mjs in dist/server.js; undefined when run from the sources. */
declare const XXGK_LOCALE_EN_BUNDLE: string | undefined;
/** Likewise: last year's report and the workspace index (dist/cross.js), loaded on first use with the core passed in. */
declare const XXGK_CROSS_BUNDLE: string | undefined;

/** The locale, its catalogues registered: English is its own bundle, required the first time it is asked for. */
function withCatalogues(locale: Locale): Locale {
  if (locale === 'en' && !lib().core.hasCatalogue('en')) {
    const en = (typeof XXGK_LOCALE_EN_BUNDLE === 'string' ? require(XXGK_LOCALE_EN_BUNDLE) : require('./locale-en')) as typeof LocaleEnModule;
    lib().core.registerCatalogue('en', en.core);
    lib().providers.registerProviderCatalogue('en', en.providers);
  }
  return locale;
}

// ---------------------------------------------------------------------------------------------------
// Settings (workspace/configuration section `xxgkReport`) merged over `.xxgkrc.json`

interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  rules: Record<string, RuleSetting>;
  inlayHints: boolean;
  /** 'auto': the config file's locale, else Chinese; 'display': the editor's display language. */
  locale: 'auto' | 'display' | Locale;
  blankAsZero: boolean;
}

const DEFAULT_SETTINGS: Settings = { enable: true, run: 'onType', rules: {}, inlayHints: true, locale: 'auto', blankAsZero: false };
const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);
/** VS Code's ids, and what other editors call plain text and markdown (Neovim: `text`). */
const LANGUAGES = new Set(['plaintext', 'markdown', 'xxgk-report', 'text', 'txt', 'plain', 'md']);
/**
 * Above these sizes a document gets a section-level check (no tables, hints or lenses) and the status
 * item says so. Narrative text costs little (4 M characters, ~12 MB of Chinese, take about the 50 ms
 * budget); table lines cost ~10 µs each, and real reports have about 300 of them.
 */
const DEGRADED_CHARS = 4_000_000;
const DEGRADED_TABLE_LINES = 5_000;
/** Above these even the section-level check costs seconds (~1.4 s at 17 M characters): not checked. */
const UNCHECKED_CHARS = 10_000_000;
const UNCHECKED_LINES = 200_000;
const TABLE_SECTIONS = new Set(['二', '三', '四']);

/** Line breaks in `text`, counted up to `cap` (old Mac exports end lines with CR alone). */
function lineBreaks(text: string, cap: number): number {
  const br = text.includes('\n') ? '\n' : '\r';
  let n = 0;
  for (let at = text.indexOf(br); at !== -1 && n < cap; at = text.indexOf(br, at + 1)) n++;
  return n;
}

type Depth = 'full' | 'sections' | 'unchecked';

/** A full check, a section-level one when the document is too large for the time budget, or none. */
function checkWithinBudget(text: string, options: CheckOptions): { result: CheckResult; depth: Depth } {
  const { checkText } = lib().core;
  const sectionsOnly: CheckOptions = { ...options, level: 'sections' };
  const lines = text.length > UNCHECKED_CHARS ? Infinity : lineBreaks(text, UNCHECKED_LINES + 1);
  if (lines > UNCHECKED_LINES) return { result: checkText('', options), depth: 'unchecked' };
  if (text.length > DEGRADED_CHARS) return { result: checkText(text, sectionsOnly), depth: 'sections' };
  if (lines <= DEGRADED_TABLE_LINES) return { result: checkText(text, options), depth: 'full' };
  // Many lines: only the table sections' share decides (long narrative is cheap to check).
  const sections = checkText(text, sectionsOnly);
  let tableLines = 0;
  for (const s of sections.model.sections) if (TABLE_SECTIONS.has(s.number)) tableLines += s.endLine - s.line;
  return tableLines > DEGRADED_TABLE_LINES ? { result: sections, depth: 'sections' } : { result: checkText(text, options), depth: 'full' };
}

const PUSH_DEBOUNCE_MS = 200;

function sanitizeSettings(raw: unknown): Settings {
  const s: Settings = { ...DEFAULT_SETTINGS, rules: {} };
  if (typeof raw !== 'object' || raw === null) return s;
  const r = raw as Record<string, unknown>;
  if (typeof r.enable === 'boolean') s.enable = r.enable;
  if (r.run === 'onType' || r.run === 'onSave') s.run = r.run;
  if (r.locale === 'auto' || r.locale === 'display' || r.locale === 'zh-cn' || r.locale === 'en') s.locale = r.locale;
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

/** Bytes without a header end after which a stream is taken for garbage (real headers are ~30 bytes). */
const MAX_HEADER_BYTES = 64 * 1024;

// The events a reader and a writer owe the connection. (The library's Abstract* classes share a module
// with its stream reader and writer, ~8 KiB of the bundle that these transports do not use.)
const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(`transport error: ${String((e as { message?: unknown } | undefined)?.message ?? e)}`));

abstract class ReaderBase implements MessageReader {
  private readonly errorEvents = new Emitter<Error>();
  private readonly closeEvents = new Emitter<void>();
  private readonly partialEvents = new Emitter<PartialMessageInfo>();
  readonly onError = this.errorEvents.event;
  readonly onClose = this.closeEvents.event;
  readonly onPartialMessage = this.partialEvents.event;
  abstract listen(callback: DataCallback): Disposable;
  protected fireError(e: unknown): void {
    this.errorEvents.fire(asError(e));
  }
  protected fireClose(): void {
    this.closeEvents.fire();
  }
  dispose(): void {
    this.errorEvents.dispose();
    this.closeEvents.dispose();
    this.partialEvents.dispose();
  }
}

abstract class WriterBase implements MessageWriter {
  private readonly errorEvents = new Emitter<[Error, Message | undefined, number | undefined]>();
  private readonly closeEvents = new Emitter<void>();
  readonly onError = this.errorEvents.event;
  readonly onClose = this.closeEvents.event;
  abstract write(message: Message): Promise<void>;
  abstract end(): void;
  protected fireError(e: unknown, message?: Message, count?: number): void {
    this.errorEvents.fire([asError(e), message, count]);
  }
  protected fireClose(): void {
    this.closeEvents.fire();
  }
  dispose(): void {
    this.errorEvents.dispose();
    this.closeEvents.dispose();
  }
}

/**
 * The stdio framing (`Content-Length` headers, UTF-8 JSON bodies) with recovery: a frame with a broken
 * header or a body that is not a JSON object is reported and skipped, and reading goes on at the next
 * `Content-Length`. (vscode-jsonrpc's StreamMessageReader stops understanding the stream after one bad
 * header, which leaves a server that is alive but deaf.)
 */
class ResyncingStreamReader extends ReaderBase {
  private buffer: Buffer = Buffer.alloc(0);
  /** Chunks not yet joined, and the length the buffer must reach before a join is worth it. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private needed = 0;
  private closed = false;

  constructor(private readonly input: NodeJS.ReadableStream) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer) => this.read(chunk, callback);
    const onClose = () => {
      if (!this.closed) this.fireClose();
      this.closed = true;
    };
    const onError = (e: unknown) => this.fireError(e);
    this.input.on('data', onData);
    this.input.on('end', onClose);
    this.input.on('close', onClose);
    this.input.on('error', onError);
    return Disposable.create(() => {
      this.input.off('data', onData);
      this.input.off('end', onClose);
      this.input.off('close', onClose);
      this.input.off('error', onError);
    });
  }

  private read(chunk: Buffer, callback: DataCallback): void {
    // A large body arrives in many chunks: join them once it is complete, not at every chunk.
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.buffer.length + this.pendingBytes < this.needed) return;
    this.buffer = Buffer.concat([this.buffer, ...this.pending]);
    this.pending = [];
    this.pendingBytes = 0;
    this.needed = 0;
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd === -1) {
        if (this.buffer.length > MAX_HEADER_BYTES) {
          const last = this.buffer.lastIndexOf('Content-Length');
          this.skip('no header end', last > 0 ? last : this.buffer.length);
        }
        return;
      }
      const header = this.buffer.toString('latin1', 0, headerEnd);
      const at = header.search(/content-length:/i);
      if (at > 0) {
        // Leftovers of a broken frame before a good header: drop them, read the header.
        this.skip('bytes before a header', at);
        continue;
      }
      const length = at === 0 ? /^content-length:[ \t]*(\d+)[ \t]*(?:\r\n|$)/i.exec(header)?.[1] : undefined;
      if (length === undefined) {
        this.skip('a header without a valid Content-Length', headerEnd + 4);
        continue;
      }
      const start = headerEnd + 4;
      const end = start + Number(length);
      if (this.buffer.length < end) {
        this.needed = end;
        return;
      }
      const body = this.buffer.toString('utf8', start, end);
      this.buffer = this.buffer.subarray(end);
      let message: unknown;
      try {
        message = JSON.parse(body);
      } catch {
        this.fireError(new Error(`a message body that is not JSON was skipped: ${body.slice(0, 80)}`));
        continue;
      }
      if (typeof message !== 'object' || message === null || Array.isArray(message)) {
        this.fireError(new Error(`a message body that is not a JSON object was skipped: ${body.slice(0, 80)}`));
        continue;
      }
      callback(message as Message);
    }
  }

  private skip(why: string, bytes: number): void {
    this.fireError(new Error(`${why}: ${bytes} bytes skipped`));
    this.buffer = this.buffer.subarray(bytes);
  }
}

/** Frames each message with its `Content-Length` and writes header and body as one chunk. */
class StreamWriter extends WriterBase {
  private errors = 0;

  constructor(private readonly output: NodeJS.WritableStream) {
    super();
    output.on('error', (e: unknown) => this.fireError(e));
    output.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    return new Promise((resolve, reject) => {
      this.output.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]), (e) => {
        if (!e) {
          this.errors = 0;
          resolve();
          return;
        }
        this.fireError(e, message, ++this.errors);
        reject(e);
      });
    });
  }

  end(): void {
    this.output.end();
  }
}

/** The parent's IPC channel (the VS Code client's `--node-ipc`): messages are objects already. */
class IpcReader extends ReaderBase {
  constructor(private readonly channel: NodeJS.Process) {
    super();
    channel.on('error', (e: unknown) => this.fireError(e));
    channel.on('disconnect', () => this.fireClose());
  }

  listen(callback: DataCallback): Disposable {
    const onMessage = (message: unknown) => callback(message as Message);
    this.channel.on('message', onMessage);
    return Disposable.create(() => this.channel.off('message', onMessage));
  }
}

class IpcWriter extends WriterBase {
  private errors = 0;

  constructor(private readonly channel: NodeJS.Process & { send: NonNullable<NodeJS.Process['send']> }) {
    super();
    channel.on('error', (e: unknown) => this.fireError(e));
    channel.on('disconnect', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    try {
      this.channel.send(message, undefined, undefined, (e: Error | null) => {
        if (e) this.fireError(e, message, ++this.errors);
        else this.errors = 0;
      });
      return Promise.resolve();
    } catch (e) {
      this.fireError(e, message, ++this.errors);
      return Promise.reject(e);
    }
  }

  end(): void {}
}

// The runtime services the library's common modules ask for; only timers and the console are used
// with the readers and writers above (the library's own stream readers would need the rest).
type TimerCallback = (...args: unknown[]) => void;
RAL.install({
  console,
  timer: {
    setTimeout: (callback: TimerCallback, ms: number, ...args: unknown[]) => {
      const handle = setTimeout(callback, ms, ...args);
      return Disposable.create(() => clearTimeout(handle));
    },
    setImmediate: (callback: TimerCallback, ...args: unknown[]) => {
      const handle = setImmediate(callback, ...args);
      return Disposable.create(() => clearImmediate(handle));
    },
    setInterval: (callback: TimerCallback, ms: number, ...args: unknown[]) => {
      const handle = setInterval(callback, ms, ...args);
      return Disposable.create(() => clearInterval(handle));
    },
  },
} satisfies Pick<RAL, 'console' | 'timer'> as unknown as RAL);

function transport(argv: readonly string[]): [MessageReader, MessageWriter] {
  if (argv.includes('--node-ipc')) {
    const channel = process;
    if (!channel.send) throw new Error('--node-ipc needs a parent process with an IPC channel');
    return [new IpcReader(channel), new IpcWriter(channel as typeof channel & { send: NonNullable<NodeJS.Process['send']> })];
  }
  return [new ResyncingStreamReader(process.stdin), new StreamWriter(process.stdout)];
}

const connection = createMessageConnection(...transport(process.argv));

// Params by name only: a request whose params are an array or missing gets InvalidParams from the
// library. The handlers check the shape of what they read; to the library every message is `object`.
type Params = object;
function request(method: string): RequestType<Params, unknown, void> {
  return new RequestType<Params, unknown, void>(method, ParameterStructures.byName);
}
function notification(method: string): NotificationType<Params> {
  return new NotificationType<Params>(method, ParameterStructures.byName);
}

const ServerNotInitialized = -32002;
const RequestCancelled = -32800;
type Lifecycle = 'starting' | 'running' | 'shutDown';
let lifecycle: Lifecycle = 'starting';

/**
 * A request handler that follows the lifecycle rules of the protocol: before `initialize` an error
 * ServerNotInitialized, after `shutdown` InvalidRequest.
 */
function onRequest<P, R>(method: string, handler: (params: P, token: CancellationToken) => R | Promise<R>): void {
  connection.onRequest(request(method), (params, token) => {
    if (lifecycle === 'starting') throw new ResponseError(ServerNotInitialized, `${method} before initialize`);
    if (lifecycle === 'shutDown') throw new ResponseError(ErrorCodes.InvalidRequest, `${method} after shutdown`);
    return handler(params as P, token);
  });
}

/** Notifications before `initialize` or after `shutdown` are dropped, as the protocol says. */
function onNotification<P>(method: string, handler: (params: P) => void): void {
  connection.onNotification(notification(method), (params) => {
    if (lifecycle !== 'running') return;
    try {
      handler(params as P);
    } catch (e) {
      log(`${method} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  });
}

function sendNotification<P extends Params>(method: string, params: P): void {
  connection.sendNotification(notification(method), params).catch(() => undefined);
}

function sendRequest<P extends Params, R>(method: string, params: P): Promise<R> {
  return connection.sendRequest(request(method), params) as Promise<R>;
}

function sendRequest0(method: string): Promise<unknown> {
  return connection.sendRequest(new RequestType0<unknown, void>(method));
}

// Open documents, synchronised incrementally (what vscode-languageserver's TextDocuments does).
const documents = new Map<string, TextDocument>();
/** Bumped on every open and change: a cached check is current only for the same revision. */
let revision = 0;
const revisions = new Map<string, number>();

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
  revision: number;
  generation: number;
  configKey: string;
  doc: AnalysedDocument;
  config: DocConfig;
  resultId: string;
  /** Checked at less than full depth (section level, or not at all): no hints or lenses. */
  degraded: boolean;
  unchecked: boolean;
  lsp?: LspDiagnostic[];
  /** XR501–XR503 against last year's report, and what that report was read from (see withCross). */
  cross?: { key: string; items: LspDiagnostic[] };
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
    sendNotification('window/logMessage', { type: 1, message });
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
    s = sendRequest<ConfigurationParams, unknown[]>('workspace/configuration', { items: [{ scopeUri: uri, section: 'xxgkReport' }] })
      .then((r) => sanitizeSettings(Array.isArray(r) ? r[0] : undefined), (e: unknown) => {
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
  // Chinese unless asked otherwise: most users run an English VS Code (no language pack) but read Chinese.
  const locale = withCatalogues(settings.locale === 'display' ? clientLocale : settings.locale !== 'auto' ? settings.locale : (file.locale ?? 'zh-cn'));
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
  if (e.unchecked) {
    log(`${uri}: ${e.doc.text.length} characters, too large to check`);
    sendNotification('xxgkReport/status', { uri, template: null, year: null, checkedMs: ms, unchecked: true, limitChars: UNCHECKED_CHARS, limitLines: UNCHECKED_LINES });
    return;
  }
  if (!model.isReport) return;
  sendNotification('xxgkReport/status', { uri, template: model.template, year: model.year, checkedMs: ms, degraded: e.degraded || undefined, limitChars: e.degraded ? DEGRADED_CHARS : undefined, limitTableLines: e.degraded ? DEGRADED_TABLE_LINES : undefined });
}

function entryFor(doc: TextDocument, config: DocConfig): Entry {
  const cached = cache.get(doc.uri);
  const rev = revisions.get(doc.uri) ?? 0;
  if (cached && cached.revision === rev && cached.generation === generation && cached.configKey === config.key) return cached;
  const text = doc.getText();
  const t0 = performance.now();
  const { result, depth } = checkWithinBudget(text, config.options);
  const degraded = depth !== 'full';
  const options: CheckOptions = degraded ? { ...config.options, level: 'sections' } : config.options;
  const ms = performance.now() - t0;
  for (const f of result.failedRules) log(`rule ${f.code} failed on ${doc.uri}: ${f.error}`);
  const entry: Entry = {
    version: doc.version,
    revision: rev,
    generation,
    configKey: config.key,
    doc: { uri: doc.uri, version: doc.version, text, result, options, locale: config.locale },
    config,
    resultId: `${session}.${generation}.${rev}`,
    degraded,
    unchecked: depth === 'unchecked',
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
  if (d.related && d.related.length > 0) out.relatedInformation = d.related.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message }));
  // Where "go to the cell" / "open last year's report" lead: the first related place (XR401, XR501–XR503).
  if (NAVIGABLE.has(d.code) && d.related?.[0]) data.goto = { uri: d.related[0].uri ?? uri, range: d.related[0].range, lastYear: d.related[0].uri !== undefined };
  return out;
}

function lspDiagnostics(e: Entry): LspDiagnostic[] {
  if (!e.lsp) e.lsp = e.doc.result.model.isReport ? [...e.doc.result.diagnostics.map((d) => toLsp(e.doc.uri, e.version, d)), ...(e.cross?.items ?? [])] : [];
  return e.lsp;
}

/** The result id of a document's diagnostics: its version, settings, and the last-year report they saw. */
function resultIdOf(e: Entry): string {
  return e.cross ? `${e.resultId}.${crossIds.id(e.cross.key)}` : e.resultId;
}

function checkpoint(uri: string, e: Entry): { resultId: string; items: LspDiagnostic[] } {
  const cp = { resultId: resultIdOf(e), items: lspDiagnostics(e) };
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

/** A request handler that never throws a bug at the client: it logs it and answers `fallback`. */
function handle<P, R = unknown>(method: string, fallback: R, fn: (params: P, token: CancellationToken) => R | Promise<R>): void {
  onRequest(method, async (params: P, token: CancellationToken): Promise<R> => {
    try {
      return await fn(params, token);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      if (e instanceof Cancelled) throw new ResponseError(RequestCancelled, 'cancelled');
      log(`${method} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  });
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

/** The editor's process: when it dies without closing the connection, so does this server. */
function watchClientProcess(pid: unknown): void {
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return;
  setInterval(() => {
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EPERM') process.exit(1);
    }
  }, 3000).unref();
}

const clientProcessArg = process.argv.find((a) => a.startsWith('--clientProcessId='));
if (clientProcessArg) watchClientProcess(Number(clientProcessArg.slice('--clientProcessId='.length)));

connection.onRequest(request('initialize'), (raw): InitializeResult => {
  const params = raw as InitializeParams;
  if (lifecycle !== 'starting') throw new ResponseError(ErrorCodes.InvalidRequest, 'initialize was already received');
  if (typeof params !== 'object' || params === null) throw invalid('initialize needs params');
  lifecycle = 'running';
  watchClientProcess(params.processId);
  capabilities = (typeof params.capabilities === 'object' && params.capabilities) || {};
  const opts = params.initializationOptions as { displayLanguage?: unknown } | undefined;
  clientLocale = localeOf(opts?.displayLanguage) ?? localeOf(params.locale) ?? 'zh-cn';
  pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
  hasConfiguration = capabilities.workspace?.configuration === true;
  workspaceRoots = rootsOf(params);
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: 2 /* TextDocumentSyncKind.Incremental */, save: { includeText: false } },
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
  if (pullDiagnostics) result.capabilities.diagnosticProvider = { identifier: SOURCE, interFileDependencies: true, workspaceDiagnostics: false }; // last year's report (XR501–XR503)
  return result;
});

let registrations = 0;
function register(method: string, registerOptions: unknown): void {
  sendRequest<RegistrationParams, void>('client/registerCapability', { registrations: [{ id: `xxgk-${++registrations}`, method, registerOptions }] }).catch((e: unknown) => log(String(e)));
}

onNotification('initialized', () => {
  if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) register('workspace/didChangeConfiguration', { section: 'xxgkReport' });
  // .txt/.md too: last year's report may change on disk (XR501–XR503).
  if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) register('workspace/didChangeWatchedFiles', { watchers: [{ globPattern: '**/.xxgkrc.json' }, { globPattern: '**/*.{txt,md}' }] });
});

connection.onRequest(new RequestType0<null, void>('shutdown'), () => {
  if (lifecycle === 'starting') throw new ResponseError(ServerNotInitialized, 'shutdown before initialize');
  lifecycle = 'shutDown';
  for (const t of pushTimers.values()) clearTimeout(t);
  pushTimers.clear();
  return null;
});

// The protocol's exit codes: 0 after a shutdown request, 1 otherwise (also when the client just goes away).
connection.onNotification(new NotificationType0('exit'), () => process.exit(lifecycle === 'shutDown' ? 0 : 1));
connection.onClose(() => process.exit(lifecycle === 'shutDown' ? 0 : 1));
connection.onError(([error]) => log(`connection error: ${error.message}`));
// $/setTrace, $/progress and the like: nothing to do.
connection.onUnhandledNotification(() => undefined);

/** After a settings or config-file change: every open document is checked again. */
function refreshAll(): void {
  generation++;
  checkpoints.clear();
  if (pullDiagnostics) {
    if (capabilities.workspace?.diagnostics?.refreshSupport) sendRequest0('workspace/diagnostic/refresh').catch(() => undefined);
  } else {
    for (const uri of documents.keys()) void publish(uri);
  }
  if (capabilities.workspace?.inlayHint?.refreshSupport) sendRequest0('workspace/inlayHint/refresh').catch(() => undefined);
  if (capabilities.workspace?.codeLens?.refreshSupport) sendRequest0('workspace/codeLens/refresh').catch(() => undefined);
}

onNotification<DidChangeConfigurationParams>('workspace/didChangeConfiguration', (params) => {
  if (!hasConfiguration) globalSettings = sanitizeSettings((params?.settings as { xxgkReport?: unknown } | undefined)?.xxgkReport);
  settingsCache.clear();
  refreshAll();
});

onNotification<{ changes?: { uri?: unknown }[] }>('workspace/didChangeWatchedFiles', (params) => {
  const uris = (Array.isArray(params?.changes) ? params.changes : []).map((c) => c?.uri).filter((u): u is string => typeof u === 'string');
  const reports = uris.filter((u) => /\.(txt|md)$/i.test(u));
  for (const u of reports) crossService()?.fileChanged(u);
  if (reports.length > 0) scheduleCrossRefresh();
  // A config file changed (or the client did not say which file): every check is stale.
  if (reports.length === 0 || uris.some((u) => u.endsWith('.xxgkrc.json'))) {
    configFileCache.clear();
    refreshAll();
  }
});

// ---------------------------------------------------------------------------------------------------
// Diagnostics: pull when the client can, else push (debounced on type, at once on open and save)

async function publish(uri: string): Promise<void> {
  try {
    const doc = documents.get(uri);
    if (!doc) return;
    const e = await analysed(uri);
    if (e) await withCross(e);
    const items = e ? lspDiagnostics(e) : [];
    if (e && e.config.settings.run === 'onSave') {
      const cp = checkpoints.get(uri) ?? checkpoint(uri, e);
      sendNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', { uri, version: doc.version, diagnostics: cp.items });
      return;
    }
    sendNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', { uri, version: e?.version ?? doc.version, diagnostics: items });
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

function isContentChange(c: unknown): c is TextDocumentContentChangeEvent {
  if (typeof c !== 'object' || c === null || typeof (c as { text?: unknown }).text !== 'string') return false;
  const r = (c as { range?: { start?: unknown; end?: unknown } }).range;
  return r === undefined || (typeof r === 'object' && r !== null && isPosition(r.start) && isPosition(r.end));
}

onNotification<DidOpenTextDocumentParams>('textDocument/didOpen', (params) => {
  const td = params?.textDocument;
  if (!td || typeof td.uri !== 'string' || typeof td.text !== 'string') return log('didOpen without textDocument.uri and text');
  const uri = td.uri;
  documents.set(uri, TextDocument.create(uri, String(td.languageId ?? ''), Number.isInteger(td.version) ? td.version : 0, td.text));
  revisions.set(uri, ++revision);
  cache.delete(uri);
  checkpoints.delete(uri);
  if (!pullDiagnostics) schedule(uri, 0);
  if (cache.size > 0) scheduleCrossRefresh(); // it may be another report's last year
});

onNotification<DidChangeTextDocumentParams>('textDocument/didChange', (params) => {
  const uri = params?.textDocument?.uri;
  const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
  if (!doc) return log(`didChange for a document that is not open: ${String(uri)}`);
  const changes: unknown = params.contentChanges;
  if (!Array.isArray(changes) || !changes.every(isContentChange)) return log(`didChange with malformed contentChanges ignored: ${uri}`);
  const version = params.textDocument.version;
  TextDocument.update(doc, changes, Number.isInteger(version) ? version : doc.version + 1);
  revisions.set(doc.uri, ++revision);
  if (!pullDiagnostics) schedule(doc.uri, PUSH_DEBOUNCE_MS);
  if (usedAsLastYear(doc.uri)) scheduleCrossRefresh();
});

onNotification<DidSaveTextDocumentParams>('textDocument/didSave', (params) => {
  const uri = params?.textDocument?.uri;
  if (typeof uri !== 'string' || !documents.has(uri)) return;
  checkpoints.delete(uri);
  // With pull diagnostics the client pulls on save, and the new checkpoint is made then.
  if (!pullDiagnostics) schedule(uri, 0);
});

onNotification<DidCloseTextDocumentParams>('textDocument/didClose', (params) => {
  const uri = params?.textDocument?.uri;
  if (typeof uri !== 'string' || !documents.delete(uri)) return;
  const t = pushTimers.get(uri);
  if (t) clearTimeout(t);
  pushTimers.delete(uri);
  revisions.delete(uri);
  cache.delete(uri);
  checkpoints.delete(uri);
  settingsCache.delete(uri);
  if (!pullDiagnostics) sendNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', { uri, diagnostics: [] });
  if (usedAsLastYear(uri)) scheduleCrossRefresh();
});

handle<DocumentDiagnosticParams>('textDocument/diagnostic', { kind: 'full', items: [] } as DocumentDiagnosticReport, async (params, token): Promise<DocumentDiagnosticReport> => {
    const uri = uriOf(params);
    checkCancelled(token);
    const e = await analysed(uri);
    checkCancelled(token);
    if (!e) return { kind: 'full', items: [] };
    await withCross(e);
    checkCancelled(token);
    let report: { resultId: string; items: LspDiagnostic[] };
    if (e.config.settings.run === 'onSave') report = checkpoints.get(uri) ?? checkpoint(uri, e);
    else report = { resultId: resultIdOf(e), items: lspDiagnostics(e) };
    if (params.previousResultId === report.resultId) return { kind: 'unchanged', resultId: report.resultId };
    return { kind: 'full', resultId: report.resultId, items: report.items };
});

// ---------------------------------------------------------------------------------------------------
// Features

handle<CodeActionParams>('textDocument/codeAction', [] as LspCodeAction[], async (params, token) => {
    const uri = uriOf(params);
    const range = rangeOf(params);
    const e = await report(uri);
    checkCancelled(token);
    if (!e) return [];
    const context = params.context ?? { diagnostics: [] };
    const actions = lib().providers.codeActions<LspDiagnostic>(e.doc, { range, diagnostics: Array.isArray(context.diagnostics) ? context.diagnostics : [], only: context.only });
    return actions.map((a) => toLspAction(e, a));
});

handle<{ textDocument: { uri: string } }>('textDocument/documentSymbol', [] as LspDocumentSymbol[] | SymbolInformation[], async (params, token): Promise<LspDocumentSymbol[] | SymbolInformation[]> => {
    const uri = uriOf(params);
    const e = await report(uri);
    checkCancelled(token);
    if (!e) return [];
    const symbols = lib().providers.documentSymbols(e.doc.result.model, e.doc.locale);
    return capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === false ? flattenSymbols(uri, symbols) : (symbols as LspDocumentSymbol[]);
});

handle<{ textDocument: { uri: string } }>('textDocument/foldingRange', [] as ReturnType<typeof ProvidersModule.foldingRanges>, async (params, token) => {
    const uri = uriOf(params);
    const e = await report(uri);
    checkCancelled(token);
    return e ? lib().providers.foldingRanges(e.doc.result.model) : [];
});

handle<{ textDocument: { uri: string }; position: Position }>('textDocument/hover', null as ReturnType<typeof ProvidersModule.hover>, async (params, token) => {
    const uri = uriOf(params);
    const position = positionOf(params);
    const e = await report(uri);
    checkCancelled(token);
    return e ? lib().providers.hover(e.doc.result, position, e.doc.locale) : null;
});

handle<{ textDocument: { uri: string }; range: Range }>('textDocument/inlayHint', [] as ReturnType<typeof ProvidersModule.inlayHints>, async (params, token) => {
    const uri = uriOf(params);
    const range = rangeOf(params);
    const e = await report(uri);
    checkCancelled(token);
    if (!e || !e.config.settings.inlayHints || e.degraded) return [];
    return lib().providers.inlayHints(e.doc.result, range, e.doc.locale);
});

handle<{ textDocument: { uri: string } }>('textDocument/codeLens', [] as ReturnType<typeof ProvidersModule.codeLenses>, async (params, token) => {
    const uri = uriOf(params);
    const e = await report(uri);
    checkCancelled(token);
    if (!e || e.degraded) return [];
    return lib().providers.codeLenses(e.doc.result, uri, e.doc.locale);
});

handle<{ textDocument: { uri: string } }>('textDocument/formatting', [] as TextEdit[], async (params, token) => {
    const uri = uriOf(params);
    const e = await report(uri);
    checkCancelled(token);
    return e ? lib().providers.formatPipeTables(e.doc.text) : [];
});

// ---------------------------------------------------------------------------------------------------
// Commands: [uri, table id | position]; the edits go to the client as workspace/applyEdit.

interface CommandResult {
  applied: boolean;
  edits: number;
  message?: string;
}

async function apply(e: Entry, label: string, edits: TextEdit[]): Promise<CommandResult> {
  if (edits.length === 0) return { applied: false, edits: 0 };
  const r = await sendRequest<ApplyWorkspaceEditParams, ApplyWorkspaceEditResult>('workspace/applyEdit', { label, edit: workspaceEdit(e.doc.uri, e.version, edits) });
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

handle<ExecuteCommandParams>('workspace/executeCommand', null as CommandResult | null, async (params, token) => {
    const { pm, recomputeAllEdits, recomputeTableEdits, diffEdits, convertTableEdit } = lib().providers;
    const { applyEdits } = lib().core;
    const args = Array.isArray(params?.arguments) ? params.arguments : [];
    const uri = args[0];
    if (typeof uri !== 'string' || uri === '') throw invalid('the first argument must be a document uri');
    const command = params.command;
    if (command === NavigationCommands.revealCell || command === NavigationCommands.openLastYear) return showLocation(uri, args[1]);
    if (command !== Commands.recomputeAll && command !== Commands.recomputeTable && command !== Commands.convertTableToMarkdown) {
      throw invalid(`unknown command ${String(command)}`);
    }
    const e = await report(uri);
    checkCancelled(token);
    if (!e) return { applied: false, edits: 0, message: pm(withCatalogues(clientLocale), documents.get(uri) ? 'command.notReport' : 'command.noDocument', { uri }) };
    const { locale, text, options, result } = e.doc;
    if (command === Commands.recomputeAll) {
      const edits = recomputeAllEdits(text, options, result);
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
});

// ---------------------------------------------------------------------------------------------------
// Last year's report (XR501–XR503): the workspace index, the cross-year diagnostics of each open report,
// and navigation to last year's report and to a restated cell. The logic is in node/cross-service.ts.

const NAVIGABLE = new Set(['XR401', 'XR501', 'XR502', 'XR503']);
const CROSS_REFRESH_MS = 300;

let workspaceRoots: string[] = [];
let crossYear: CrossYearService | null | undefined;
let crossTimer: NodeJS.Timeout | undefined;

/** Short, stable ids for the cross keys in result ids. */
const crossIds = {
  map: new Map<string, number>(),
  id(key: string): number {
    let n = this.map.get(key);
    if (n === undefined) {
      if (this.map.size > 10_000) this.map.clear();
      n = this.map.size + 1;
      this.map.set(key, n);
    }
    return n;
  },
};

function rootsOf(params: InitializeParams): string[] {
  const uris = Array.isArray(params.workspaceFolders) && params.workspaceFolders.length > 0 ? params.workspaceFolders.map((f) => f?.uri) : [params.rootUri];
  return uris.map((u) => (typeof u === 'string' ? fsPathOf(u) : null)).filter((p): p is string => p !== null);
}

function crossService(): CrossYearService | null {
  if (crossYear === undefined) {
    const { CrossYearService: Service } = (typeof XXGK_CROSS_BUNDLE === 'string' ? require(XXGK_CROSS_BUNDLE) : require('./node/cross-service')) as typeof CrossServiceModule;
    crossYear = new Service(workspaceRoots, openReports, scheduleCrossRefresh, lib().core);
  }
  return crossYear;
}

function* openReports(): Iterable<CrossServiceModule.OpenReport> {
  for (const e of cache.values()) if (documents.has(e.doc.uri) && e.doc.result.model.isReport) yield { uri: e.doc.uri, revision: e.revision, result: e.doc.result };
}

/** Some open report's cross-year diagnostics were computed from this document. */
function usedAsLastYear(uri: string): boolean {
  for (const e of cache.values()) if (e.cross?.key.startsWith(`open:${uri}:`)) return true;
  return false;
}

/** Diagnostics of every open report are asked for again (their last year's report may have changed). */
function scheduleCrossRefresh(): void {
  if (crossTimer) clearTimeout(crossTimer);
  crossTimer = setTimeout(() => {
    crossTimer = undefined;
    if (lifecycle !== 'running') return;
    if (pullDiagnostics) {
      if (capabilities.workspace?.diagnostics?.refreshSupport) sendRequest0('workspace/diagnostic/refresh').catch(() => undefined);
    } else for (const uri of documents.keys()) void publish(uri);
  }, CROSS_REFRESH_MS);
  crossTimer.unref();
}

/** Computes (or keeps) the entry's XR501–XR503 against last year's report, if there is one. */
async function withCross(e: Entry): Promise<void> {
  const { result } = e.doc;
  const service = e.degraded || !result.model.isReport ? null : crossService();
  const previous = service ? await service.previousFor(e.doc.uri, result).catch((err: unknown) => (log(`last year's report: ${String(err)}`), null)) : null;
  const key = previous ? `${previous.key}|${e.configKey}` : '';
  if ((e.cross?.key ?? '') === key) return;
  e.lsp = undefined;
  if (!previous) {
    e.cross = undefined;
    return;
  }
  const cross = lib().core.checkCross(result, { ...e.doc.options, previous: previous.digest });
  for (const f of cross.failedRules) log(`rule ${f.code} failed on ${e.doc.uri}: ${f.error}`);
  e.cross = { key, items: cross.diagnostics.map((d) => toLsp(e.doc.uri, e.version, d)) };
}

/** Opens a place (a cell of this report, or last year's report) through the client, if it can. */
async function showLocation(uri: string, range: unknown): Promise<{ applied: boolean; edits: number; message?: string }> {
  if (!capabilities.window?.showDocument?.support) return { applied: false, edits: 0 };
  const selection = range && typeof range === 'object' && isPosition((range as Range).start) && isPosition((range as Range).end) ? (range as Range) : undefined;
  const r = await sendRequest<{ uri: string; takeFocus: boolean; selection?: Range }, { success: boolean }>('window/showDocument', { uri, takeFocus: true, selection });
  return { applied: r?.success === true, edits: 0 };
}

handle<{ textDocument: { uri: string } }>('xxgkReport/lastYear', null as { uri: string; range: Range | null; year: number | null; name?: string } | null, async (params, token) => {
  const uri = uriOf(params);
  const e = await report(uri);
  checkCancelled(token);
  if (!e) return null;
  const previous = await crossService()?.previousFor(uri, e.doc.result);
  if (!previous?.digest.uri) {
    // Not found yet because the workspace is still being indexed: wait for it once.
    const index = crossService()?.index;
    if (!previous && index && !index.ready) {
      await index.scan();
      const again = await crossService()?.previousFor(uri, e.doc.result);
      if (again?.digest.uri) return { uri: again.digest.uri, range: again.digest.titleRange, year: again.digest.year, name: again.digest.name };
    }
    return null;
  }
  return { uri: previous.digest.uri, range: previous.digest.titleRange, year: previous.digest.year, name: previous.digest.name };
});

handle<{ textDocument: { uri: string } }>('xxgkReport/nextYear', null as { text: string; year: number; name: string } | null, async (params, token) => {
  const uri = uriOf(params);
  const e = await report(uri);
  checkCancelled(token);
  if (!e) return null;
  const skeleton = lib().providers.nextYearSkeleton(e.doc.result.model);
  if (!skeleton) return null;
  const base = decodeURIComponent(uri.split('/').pop() ?? 'report.md');
  const name = base.includes(String(skeleton.year - 1)) ? base.split(String(skeleton.year - 1)).join(String(skeleton.year)) : base.replace(/(\.[^.]+)?$/, `-${skeleton.year}$1`);
  return { text: skeleton.text, year: skeleton.year, name };
});

// ---------------------------------------------------------------------------------------------------
// Never die on a bug: log it and keep serving.

process.on('uncaughtException', (e) => log(`uncaught: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
process.on('unhandledRejection', (e) => log(`unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

// No console output may reach stdout: over --stdio it is the protocol stream.
console.log = console.info = console.warn = console.error = console.debug = (...args: unknown[]) => log(args.map(String).join(' '));

connection.listen();
