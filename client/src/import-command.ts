// "以文本报告打开 / Open as Text Report": a .docx or web page converted into `<name>.md` beside it (after
// asking before overwriting) and opened, so the usual diagnostics, fixes and outline work there. The
// readers (dist/import.js) are loaded only when the command runs. A second language status item says
// where an opened text came from.

import * as vscode from 'vscode';
import { importer } from '../../server/src/node/import-loader';

type Locale = 'zh-cn' | 'en';

const MESSAGES = {
  'zh-cn': {
    pick: '选择要打开的 Word 文档或网页',
    filter: 'Word 文档和网页',
    exists: (name: string) => `${name} 已存在。要用转换结果覆盖它吗？`,
    overwrite: '覆盖',
    failed: (name: string, why: string) => `无法打开 ${name}：${why}`,
    notices: (name: string, list: string) => `已将 ${name} 转换为文本报告。注意：${list}`,
    sourceName: '报告来源',
    source: (name: string, kind: string) => `转换自 ${name}（${kind}）`,
    sourceDetail: '此文本由原文件转换而来；在这里修改不会改动原文件',
  },
  en: {
    pick: 'Choose a Word document or web page to open',
    filter: 'Word documents and web pages',
    exists: (name: string) => `${name} already exists. Overwrite it with the conversion?`,
    overwrite: 'Overwrite',
    failed: (name: string, why: string) => `Cannot open ${name}: ${why}`,
    notices: (name: string, list: string) => `${name} converted to a text report. Note: ${list}`,
    sourceName: 'Report source',
    source: (name: string, kind: string) => `converted from ${name} (${kind})`,
    sourceDetail: 'This text was converted from the original file; editing it here does not change that file',
  },
} as const;

const STATE_KEY = 'xxgkReport.convertedFrom';

interface Source {
  /** The original file's URI and kind. */
  uri: string;
  kind: 'docx' | 'html';
}

export function registerImport(context: vscode.ExtensionContext, locale: (scope?: vscode.Uri) => Locale, selector: vscode.DocumentSelector): void {
  const sources = new Map<string, Source>(Object.entries(context.workspaceState.get<Record<string, Source>>(STATE_KEY, {})));
  let item: vscode.LanguageStatusItem | undefined;

  const refresh = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const s = doc ? sources.get(doc.uri.toString()) : undefined;
    if (!doc || !s) {
      item?.dispose();
      item = undefined;
      return;
    }
    const l = locale(doc.uri);
    const m = MESSAGES[l];
    if (!item) item = vscode.languages.createLanguageStatusItem('xxgkReport.source', selector);
    item.name = m.sourceName;
    item.text = m.source(basename(vscode.Uri.parse(s.uri)), importer().sourceName(l, s.kind));
    item.detail = m.sourceDetail;
    item.command = { title: m.sourceName, command: 'revealInExplorer', arguments: [vscode.Uri.parse(s.uri)] };
  };

  context.subscriptions.push(
    { dispose: () => item?.dispose() },
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.commands.registerCommand('xxgkReport.openAsTextReport', async (arg?: vscode.Uri) => {
      const uri = arg instanceof vscode.Uri ? arg : await pick(locale());
      if (!uri) return;
      const target = await openAsText(uri, locale(uri));
      if (!target) return;
      sources.set(target.uri.toString(), { uri: uri.toString(), kind: target.kind });
      void context.workspaceState.update(STATE_KEY, Object.fromEntries(sources));
      refresh();
    }),
  );
  refresh();
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

async function pick(l: Locale): Promise<vscode.Uri | undefined> {
  const m = MESSAGES[l];
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, title: m.pick, filters: { [m.filter]: ['docx', 'html', 'htm', 'mht', 'mhtml'] } });
  return picked?.[0];
}

/** Converts, writes `<name>.md` beside the original (asking before overwriting), opens it. */
async function openAsText(uri: vscode.Uri, l: Locale): Promise<{ uri: vscode.Uri; kind: 'docx' | 'html' } | undefined> {
  const m = MESSAGES[l];
  const name = basename(uri);
  const imp = importer();
  let converted;
  try {
    converted = imp.convert(await vscode.workspace.fs.readFile(uri));
  } catch (e) {
    const why = e instanceof imp.ImportError ? e.text(l) : e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(m.failed(name, why));
    return undefined;
  }
  const stem = name.replace(/\.[^.]*$/, '') || name;
  const target = vscode.Uri.joinPath(uri, '..', `${stem}.md`);
  let exists = false;
  try {
    await vscode.workspace.fs.stat(target);
    exists = true;
  } catch {
    // not there yet
  }
  if (exists) {
    const answer = await vscode.window.showWarningMessage(m.exists(`${stem}.md`), { modal: true }, m.overwrite);
    if (answer !== m.overwrite) return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(converted.text));
  // A document already open shows the new content without asking.
  const doc = await vscode.workspace.openTextDocument(target);
  await vscode.window.showTextDocument(doc, { preview: false });
  const notices = imp.noticeLines(l, converted.notices);
  if (notices.length) void vscode.window.showInformationMessage(m.notices(name, notices.join('；')));
  return { uri: target, kind: converted.kind };
}
