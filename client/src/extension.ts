// The VS Code client: starts the language server (dist/server.js) in its own Node process over IPC and
// adds what only the editor can do: report templates, the workspace check task, the language status
// item. Every checking feature lives in the server; this file is the only one that knows `vscode`.

import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type ExecuteCommandSignature,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { registerImport } from './import-command';
import { registerCrossYear } from './cross-year';

const LANGUAGES = ['plaintext', 'markdown', 'xxgk-report'] as const;
const SCHEMES = ['file', 'untitled'] as const;
const DOCUMENT_SELECTOR = LANGUAGES.flatMap((language) => SCHEMES.map((scheme) => ({ scheme, language })));

/** Server commands that act on the active document; from the palette they get `[uri, position]`. */
const SERVER_COMMANDS = new Set(['xxgkReport.recomputeAll', 'xxgkReport.recomputeTable', 'xxgkReport.convertTableToMarkdown']);
const TASK_TYPE = 'xxgk-report';
const STATUS_NOTIFICATION = 'xxgkReport/status';
const REPORT_CONTEXT_KEY = 'xxgkReport.activeIsReport';

/** Params of the server's `xxgkReport/status` notification, sent after each check of a report. */
interface StatusParams {
  uri: string;
  template: '2019' | '2021' | null;
  year: number | null;
  checkedMs: number;
  /** Too large to check fully in time: only the section structure was checked. */
  degraded?: boolean;
  limitChars?: number;
  limitTableLines?: number;
  /** Too large for any check: nothing was checked. */
  unchecked?: boolean;
  limitLines?: number;
}

type Locale = 'zh-cn' | 'en';

const MESSAGES = {
  'zh-cn': {
    template: (v: string) => `${v} 年版`,
    noTemplate: '模板未识别',
    year: (y: number) => `${y} 年度`,
    noYear: '年度未知',
    statusName: '政府信息公开年报',
    statusDetail: '检测到的模板版本、报告年度和检查耗时',
    unchecked: '未检查：文件过大',
    uncheckedDetail: (chars: number, lines: number) => `文件超过 ${chars.toLocaleString('zh-CN')} 字符或 ${lines.toLocaleString('zh-CN')} 行，不像一份年度报告，未做检查`,
    degraded: (chars: number, lines: number) => `文件过大（超过 ${chars.toLocaleString('zh-CN')} 字符或表格超过 ${lines.toLocaleString('zh-CN')} 行）：只检查了六个部分的结构，表格勾稽关系、提示和代码透镜已关闭`,
    problems: '问题',
    untrusted: '受限模式下不运行工作区检查任务。请先信任此工作区。',
    noFolder: '请先打开一个文件夹，再检查工作区中的年度报告。',
    templateMissing: (p: string) => `找不到报告模板：${p}`,
    serverFailed: (e: string) => `xxgk-report 语言服务器启动失败：${e}`,
    taskName: '检查年度报告',
  },
  en: {
    template: (v: string) => `${v} format`,
    noTemplate: 'template not detected',
    year: (y: number) => `year ${y}`,
    noYear: 'year unknown',
    statusName: 'XXGK Report',
    statusDetail: 'Detected template version, report year and check time',
    unchecked: 'not checked: file too large',
    uncheckedDetail: (chars: number, lines: number) => `Over ${chars.toLocaleString('en')} characters or ${lines.toLocaleString('en')} lines: not a plausible report, so not checked`,
    degraded: (chars: number, lines: number) => `File too large (over ${chars.toLocaleString('en')} characters or ${lines.toLocaleString('en')} table lines): only the six sections were checked; table totals, hints and code lenses are off`,
    problems: 'Problems',
    untrusted: 'The workspace check task does not run in Restricted Mode. Trust this workspace first.',
    noFolder: 'Open a folder first to check the reports in it.',
    templateMissing: (p: string) => `Report template not found: ${p}`,
    serverFailed: (e: string) => `The xxgk-report language server failed to start: ${e}`,
    taskName: 'check reports',
  },
} as const;

/** `xxgkReport.locale`, with "auto" following VS Code's display language. */
function resolveLocale(setting: string | undefined, displayLanguage: string): Locale {
  if (setting === 'zh-cn' || setting === 'en') return setting;
  if (setting === 'display') return displayLanguage.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
  return 'zh-cn';
}

function messages(scope?: vscode.Uri) {
  const setting = vscode.workspace.getConfiguration('xxgkReport', scope).get<string>('locale');
  return MESSAGES[resolveLocale(setting, vscode.env.language)];
}

/** `2021 年版 · 2022 年度 · 3 ms` */
function statusText(s: StatusParams, locale: Locale): string {
  const m = MESSAGES[locale];
  if (s.unchecked) return m.unchecked;
  const template = s.template ? m.template(s.template) : m.noTemplate;
  const year = s.year !== null ? m.year(s.year) : m.noYear;
  return `${template} · ${year} · ${Math.round(s.checkedMs)} ms`;
}

/** Fills a report template: `{{year}}` and `{{nextYear}}` (the signing year). */
function fillTemplate(text: string, year: number): string {
  return text.replace(/\{\{year\}\}/g, String(year)).replace(/\{\{nextYear\}\}/g, String(year + 1));
}

/** The report year a new report most likely is for: last year, within the template's years. */
function defaultYear(version: '2019' | '2021', now = new Date()): number {
  const last = now.getFullYear() - 1;
  return version === '2019' ? Math.min(Math.max(last, 2019), 2020) : Math.max(last, 2021);
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const status = new StatusView();
  context.subscriptions.push(status);

  context.subscriptions.push(
    vscode.commands.registerCommand('xxgkReport.newReport2021', () => newReport(context, '2021')),
    vscode.commands.registerCommand('xxgkReport.newReport2019', () => newReport(context, '2019')),
    vscode.commands.registerCommand('xxgkReport.checkWorkspace', () => checkWorkspace(context)),
    vscode.tasks.registerTaskProvider(TASK_TYPE, {
      provideTasks: () => (vscode.workspace.isTrusted ? (vscode.workspace.workspaceFolders ?? []).filter(isLocalFolder).map((f) => checkTask(context, f)) : []),
      resolveTask: (task) => resolveCheckTask(context, task),
    }),
  );

  // .docx and web pages: "Open as Text Report" (client/src/import-command.ts).
  registerImport(context, (scope) => resolveLocale(vscode.workspace.getConfiguration('xxgkReport', scope).get<string>('locale'), vscode.env.language), DOCUMENT_SELECTOR);

  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const configWatcher = vscode.workspace.createFileSystemWatcher('**/.xxgkrc.json');
  context.subscriptions.push(configWatcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    diagnosticCollectionName: 'xxgk-report',
    synchronize: { configurationSection: 'xxgkReport', fileEvents: configWatcher },
    // Also in InitializeParams.locale; "auto" in xxgkReport.locale follows it.
    initializationOptions: { displayLanguage: vscode.env.language },
    diagnosticPullOptions: { onChange: true, onSave: true },
    middleware: {
      // From the command palette a server command has no arguments: give it the active document.
      // The server answers `{ applied, edits, message? }`; a message says why nothing changed.
      executeCommand: async (command: string, args: unknown[], next: ExecuteCommandSignature) => {
        const result: unknown = await next(command, withActiveDocument(command, args));
        const message = (result as { message?: unknown } | null)?.message;
        if (typeof message === 'string' && message !== '') void vscode.window.showInformationMessage(message);
        return result;
      },
    },
  };

  client = new LanguageClient('xxgkReport', 'xxgk-report', serverOptions, clientOptions);
  registerCrossYear(context, () => client, () => resolveLocale(vscode.workspace.getConfiguration('xxgkReport').get<string>('locale'), vscode.env.language));
  context.subscriptions.push(client.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => status.update(p, client!)));
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(() => status.refresh(client)),
    vscode.workspace.onDidCloseTextDocument((d) => status.forget(d.uri, client)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // A disabled checker sends no more status: forget what it said; the server re-reports the rest.
      if (e.affectsConfiguration('xxgkReport.enable')) status.clear();
      if (e.affectsConfiguration('xxgkReport')) status.refresh(client);
    }),
  );
  try {
    await client.start();
  } catch (e) {
    void vscode.window.showErrorMessage(messages().serverFailed(e instanceof Error ? e.message : String(e)));
  }
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop().catch(() => undefined);
}

function withActiveDocument(command: string, args: unknown[]): unknown[] {
  if (args.length > 0 || !SERVER_COMMANDS.has(command)) return args;
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) return args;
  const uri = client.code2ProtocolConverter.asUri(editor.document.uri);
  const p = editor.selection.active;
  return [uri, { line: p.line, character: p.character }];
}

// ---------------------------------------------------------------------------------------------------
// Language status item: `2021 年版 · 2022 年度 · 3 ms` while a report is the active editor.

class StatusView implements vscode.Disposable {
  private readonly statuses = new Map<string, StatusParams>();
  private item: vscode.LanguageStatusItem | undefined;

  update(p: StatusParams, c: LanguageClient): void {
    this.statuses.set(p.uri, p);
    this.refresh(c);
  }

  clear(): void {
    this.statuses.clear();
  }

  forget(uri: vscode.Uri, c: LanguageClient | undefined): void {
    if (!c) return;
    this.statuses.delete(c.code2ProtocolConverter.asUri(uri));
    this.refresh(c);
  }

  refresh(c: LanguageClient | undefined): void {
    const doc = vscode.window.activeTextEditor?.document;
    const s = doc && c ? this.statuses.get(c.code2ProtocolConverter.asUri(doc.uri)) : undefined;
    void vscode.commands.executeCommand('setContext', REPORT_CONTEXT_KEY, s !== undefined);
    if (!s || !doc) {
      this.item?.dispose();
      this.item = undefined;
      return;
    }
    const locale = resolveLocale(vscode.workspace.getConfiguration('xxgkReport', doc.uri).get<string>('locale'), vscode.env.language);
    const m = MESSAGES[locale];
    if (!this.item) {
      this.item = vscode.languages.createLanguageStatusItem('xxgkReport.status', DOCUMENT_SELECTOR);
    }
    this.item.name = m.statusName;
    this.item.text = statusText(s, locale);
    this.item.detail = s.unchecked ? m.uncheckedDetail(s.limitChars ?? 0, s.limitLines ?? 0) : s.degraded ? m.degraded(s.limitChars ?? 0, s.limitTableLines ?? 0) : m.statusDetail;
    this.item.severity = s.unchecked || s.degraded ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    this.item.command = { title: m.problems, command: 'workbench.actions.view.problems' };
  }

  dispose(): void {
    this.item?.dispose();
    this.item = undefined;
  }
}

// ---------------------------------------------------------------------------------------------------
// New report from a template (client/templates/<version>.md, the canonical markdown form).

async function newReport(context: vscode.ExtensionContext, version: '2019' | '2021'): Promise<void> {
  const uri = vscode.Uri.joinPath(context.extensionUri, 'client', 'templates', `${version}.md`);
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    void vscode.window.showErrorMessage(messages().templateMissing(uri.fsPath));
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'xxgk-report', content: fillTemplate(text, defaultYear(version)) });
  await vscode.window.showTextDocument(doc);
}

// ---------------------------------------------------------------------------------------------------
// Workspace check: a task running the bundled CLI (`xxgk-report check`) with the `$xxgk-report`
// problem matcher, so every file's findings land in the Problems panel.

interface CheckTaskDefinition extends vscode.TaskDefinition {
  type: typeof TASK_TYPE;
  command: 'check';
  args?: string[];
}

function isLocalFolder(f: vscode.WorkspaceFolder): boolean {
  return f.uri.scheme === 'file';
}

/** `$xxgk-report` reads the English severity words; the others the Chinese ones, one word each. */
const PROBLEM_MATCHERS = ['$xxgk-report', ...['error', 'warning', 'information', 'hint'].map((s) => `$xxgk-report-zh-${s}`)];

function checkExecution(context: vscode.ExtensionContext, folder: vscode.WorkspaceFolder, args: string[]): vscode.ProcessExecution {
  const cli = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js').fsPath;
  // Messages in the language the editor shows; no colour codes in what the problem matchers read.
  const options = ['--no-color'];
  if (!args.includes('--locale')) {
    options.push('--locale', resolveLocale(vscode.workspace.getConfiguration('xxgkReport', folder.uri).get<string>('locale'), vscode.env.language));
  }
  // The extension host's own executable runs the CLI: Node itself, or Electron told to act as Node.
  return new vscode.ProcessExecution(process.execPath, [cli, 'check', ...options, ...args], {
    cwd: folder.uri.fsPath,
    env: { ELECTRON_RUN_AS_NODE: '1' },
  });
}

function checkTask(context: vscode.ExtensionContext, folder: vscode.WorkspaceFolder, def?: CheckTaskDefinition): vscode.Task {
  const definition: CheckTaskDefinition = def ?? { type: TASK_TYPE, command: 'check' };
  const args = definition.args && definition.args.length > 0 ? definition.args : ['.'];
  const task = new vscode.Task(definition, folder, messages(folder.uri).taskName, 'xxgk-report', checkExecution(context, folder, args), PROBLEM_MATCHERS);
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true };
  return task;
}

function resolveCheckTask(context: vscode.ExtensionContext, task: vscode.Task): vscode.Task | undefined {
  const def = task.definition as CheckTaskDefinition;
  if (def.type !== TASK_TYPE || def.command !== 'check' || !vscode.workspace.isTrusted) return undefined;
  const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.find(isLocalFolder);
  if (!folder || !isLocalFolder(folder)) return undefined;
  const resolved = checkTask(context, folder, def);
  if (task.problemMatchers.length > 0) resolved.problemMatchers = task.problemMatchers;
  return resolved;
}

async function checkWorkspace(context: vscode.ExtensionContext): Promise<void> {
  const m = messages();
  // Restricted Mode: the editor keeps checking, but no process is started for the workspace.
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(m.untrusted);
    return;
  }
  const folders = (vscode.workspace.workspaceFolders ?? []).filter(isLocalFolder);
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(m.noFolder);
    return;
  }
  for (const f of folders) await vscode.tasks.executeTask(checkTask(context, f));
}
