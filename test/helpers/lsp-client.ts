// A small LSP client for the protocol tests and the LSP benchmark: spawns the bundled server
// (`node dist/server.js --stdio`, or `--node-ipc` through fork), speaks JSON-RPC with vscode-jsonrpc,
// keeps the open documents' text, answers the server's requests as an editor would (configuration,
// capability registration, workspace/applyEdit applied to the local copy and sent back as didChange),
// and records what the server pushes (diagnostics, status, log messages).

import { fork, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');

import type { Position, Range, TextEdit } from '../../server/src/core';
export type { Position, Range, TextEdit };
export interface Diagnostic {
  range: Range;
  severity?: number;
  code?: string | number;
  codeDescription?: { href: string };
  source?: string;
  message: string;
  relatedInformation?: { location: { uri: string; range: Range }; message: string }[];
  data?: unknown;
}
export interface WorkspaceEdit {
  changes?: Record<string, TextEdit[]>;
  documentChanges?: { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[];
}
export interface CodeAction {
  title: string;
  kind?: string;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  edit?: WorkspaceEdit;
  command?: { title: string; command: string; arguments?: unknown[] };
}
export interface FullReport {
  kind: 'full' | 'unchanged';
  resultId?: string;
  items?: Diagnostic[];
}

export interface ClientOptions {
  /** The `xxgkReport` section returned for workspace/configuration. */
  settings?: Record<string, unknown>;
  /** Announce pull-diagnostics support (default true). */
  pull?: boolean;
  /** `--stdio` (default) or `--node-ipc`. */
  transport?: 'stdio' | 'ipc';
  /** InitializeParams.locale. */
  locale?: string;
  initializationOptions?: unknown;
  /** InitializeParams.rootUri (default null: no workspace). */
  rootUri?: string | null;
}

export interface StatusParams {
  uri: string;
  template: string | null;
  year: number | null;
  checkedMs: number;
  degraded?: boolean;
  limitChars?: number;
  limitTableLines?: number;
  unchecked?: boolean;
  limitLines?: number;
}

type Waiter = { pick: () => boolean; resolve: () => void };

export class LspClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  settings: Record<string, unknown>;
  readonly docs = new Map<string, TextDocument>();
  readonly published = new Map<string, { version?: number; diagnostics: Diagnostic[] }>();
  readonly statuses: StatusParams[] = [];
  readonly logs: string[] = [];
  readonly appliedEdits: { label?: string; edit: WorkspaceEdit }[] = [];
  readonly registrations: string[] = [];
  /** workspace/diagnostic/refresh requests received. */
  refreshes = 0;
  /** window/showDocument requests received. */
  readonly shown: { uri: string; selection?: Range }[] = [];
  /** Milliseconds from spawn to the initialize response. */
  startupMs = 0;
  stderr = '';
  private waiters: Waiter[] = [];

  private constructor(proc: ChildProcess, connection: MessageConnection, options: ClientOptions) {
    this.process = proc;
    this.connection = connection;
    this.settings = options.settings ?? {};
    proc.stderr?.on('data', (b: Buffer) => {
      this.stderr += b.toString();
    });
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => (i.section === 'xxgkReport' ? this.settings : null)));
    connection.onRequest('client/registerCapability', (p: { registrations: { method: string }[] }) => {
      for (const r of p.registrations) this.registrations.push(r.method);
      this.wake();
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      this.wake();
      return null;
    });
    connection.onRequest('window/showDocument', (p: { uri: string; selection?: Range }) => {
      this.shown.push(p);
      return { success: true };
    });
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.onRequest('window/showMessageRequest', () => null);
    connection.onRequest('workspace/applyEdit', (p: { label?: string; edit: WorkspaceEdit }): { applied: boolean; failureReason?: string } => {
      this.appliedEdits.push(p);
      try {
        this.applyWorkspaceEdit(p.edit);
        return { applied: true };
      } catch (e) {
        return { applied: false, failureReason: String(e) };
      }
    });
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
      this.published.set(p.uri, { version: p.version, diagnostics: p.diagnostics });
      this.wake();
    });
    connection.onNotification('xxgkReport/status', (p: StatusParams) => {
      this.statuses.push(p);
      this.wake();
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    connection.onNotification('window/showMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
  }

  static async start(options: ClientOptions = {}): Promise<LspClient> {
    const t0 = performance.now();
    let proc: ChildProcess;
    let connection: MessageConnection;
    if (options.transport === 'ipc') {
      proc = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      connection = createMessageConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    } else {
      proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      connection = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    }
    const client = new LspClient(proc, connection, options);
    connection.listen();
    const pull = options.pull ?? true;
    const init = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      locale: options.locale,
      initializationOptions: options.initializationOptions,
      capabilities: {
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: {
            dataSupport: true,
            isPreferredSupport: true,
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.rewrite', 'source', 'source.fixAll'] } },
          },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          foldingRange: { lineFoldingOnly: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          inlayHint: {},
          codeLens: {},
          formatting: {},
        },
        workspace: {
          configuration: true,
          applyEdit: true,
          workspaceEdit: { documentChanges: true },
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          diagnostics: { refreshSupport: true },
          inlayHint: { refreshSupport: true },
          codeLens: { refreshSupport: true },
          executeCommand: {},
        },
        window: { showDocument: { support: true } },
      },
    })) as { capabilities: Record<string, unknown> };
    client.startupMs = performance.now() - t0;
    client.capabilities = init.capabilities;
    await connection.sendNotification('initialized', {});
    return client;
  }

  capabilities: Record<string, unknown> = {};

  private wake(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.pick()) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves once `pick()` is true (checked now and after each push from the server). */
  waitFor(pick: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (pick()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const waiter: Waiter = {
        pick,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  request<R = unknown>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  text(uri: string): string {
    const d = this.docs.get(uri);
    if (!d) throw new Error(`not open: ${uri}`);
    return d.getText();
  }

  version(uri: string): number {
    return this.docs.get(uri)!.version;
  }

  async open(uri: string, text: string, languageId = 'plaintext'): Promise<void> {
    const doc = TextDocument.create(uri, languageId, 1, text);
    this.docs.set(uri, doc);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (a full-document change). */
  async change(uri: string, text: string): Promise<void> {
    const old = this.docs.get(uri)!;
    const doc = TextDocument.create(uri, old.languageId, old.version + 1, text);
    this.docs.set(uri, doc);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [{ text }] });
  }

  /** Applies edits locally and sends them as incremental changes, as an editor does. */
  async edit(uri: string, edits: TextEdit[]): Promise<void> {
    const old = this.docs.get(uri)!;
    const text = TextDocument.applyEdits(old, edits);
    const doc = TextDocument.create(uri, old.languageId, old.version + 1, text);
    this.docs.set(uri, doc);
    // Incremental changes, last position first, so each range is valid in the text it applies to.
    const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })) });
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The edits a workspace edit makes to one document. */
  static editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
    if (!edit) return [];
    if (edit.documentChanges) return edit.documentChanges.filter((c) => c.textDocument.uri === uri).flatMap((c) => c.edits);
    return edit.changes?.[uri] ?? [];
  }

  /** Text of a document after a workspace edit, without applying it. */
  preview(uri: string, edit: WorkspaceEdit | undefined): string {
    return TextDocument.applyEdits(this.docs.get(uri)!, LspClient.editsFor(edit, uri));
  }

  applyWorkspaceEdit(edit: WorkspaceEdit): void {
    const uris = new Set([...Object.keys(edit.changes ?? {}), ...(edit.documentChanges ?? []).map((c) => c.textDocument.uri)]);
    for (const uri of uris) {
      const doc = this.docs.get(uri);
      if (!doc) throw new Error(`not open: ${uri}`);
      for (const c of edit.documentChanges ?? []) {
        if (c.textDocument.uri === uri && c.textDocument.version !== null && c.textDocument.version !== doc.version) {
          throw new Error(`version mismatch for ${uri}: edit for ${c.textDocument.version}, document at ${doc.version}`);
        }
      }
      void this.edit(uri, LspClient.editsFor(edit, uri));
    }
  }

  async pull(uri: string, previousResultId?: string): Promise<FullReport> {
    return this.request<FullReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const r = await this.pull(uri);
    return r.items ?? [];
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[] = [], only?: string[]): Promise<CodeAction[]> {
    return (await this.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } })) ?? [];
  }

  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { xxgkReport: settings } });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    const exited = new Promise<void>((resolve) => {
      if (this.process.exitCode !== null || this.process.signalCode !== null) resolve();
      else this.process.once('exit', () => resolve());
    });
    const timer = setTimeout(() => this.process.kill(), 2000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }
}

export const fullRange = (text: string): Range => {
  const lines = text.split(/\r\n|\r|\n/);
  return { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
};

export const at = (line: number, character: number): Range => ({ start: { line, character }, end: { line, character } });
