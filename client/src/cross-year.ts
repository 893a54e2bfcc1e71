// Client commands for last year's report and next year's skeleton (XR501–XR503, `xxgk-report next`): the
// server finds the report or writes the skeleton; this opens editors, which only the client can do.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

const TEXT = {
  'zh-cn': {
    noLastYear: '未在工作区中找到本机关上一年度的报告（按标题中的机关名称和年度查找）。',
    noReport: '当前编辑器中不是政府信息公开工作年度报告。',
    noNextYear: '无法确定本报告的年度，未生成下一年度框架。',
  },
  en: {
    noLastYear: "No report of this agency for the previous year was found in the workspace (matched by the agency and year in the title).",
    noReport: 'The active editor does not hold an annual report.',
    noNextYear: "This report's year is unknown: no skeleton for next year.",
  },
} as const;

function toRange(r: LspRange | undefined): vscode.Range | undefined {
  return r ? new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) : undefined;
}

export function registerCrossYear(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, locale: () => 'zh-cn' | 'en'): void {
  const activeReport = () => {
    const editor = vscode.window.activeTextEditor;
    const c = client();
    return editor && c ? { editor, c, uri: c.code2ProtocolConverter.asUri(editor.document.uri) } : undefined;
  };
  const open = async (uri: string, range: LspRange | undefined, beside: boolean) => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const selection = toRange(range);
    await vscode.window.showTextDocument(doc, { viewColumn: beside ? vscode.ViewColumn.Beside : undefined, selection, preserveFocus: false });
  };
  context.subscriptions.push(
    // From a code action: [uri, range]; from the palette: last year's report of the active one.
    vscode.commands.registerCommand('xxgkReport.openLastYear', async (uri?: unknown, range?: LspRange) => {
      if (typeof uri === 'string') return open(uri, range, true);
      const a = activeReport();
      if (!a) return void vscode.window.showInformationMessage(TEXT[locale()].noReport);
      const found = await a.c.sendRequest<{ uri: string; range: LspRange | null } | null>('xxgkReport/lastYear', { textDocument: { uri: a.uri } });
      if (!found) return void vscode.window.showInformationMessage(TEXT[locale()].noLastYear);
      await open(found.uri, found.range ?? undefined, true);
    }),
    vscode.commands.registerCommand('xxgkReport.revealCell', async (uri?: unknown, range?: LspRange) => {
      if (typeof uri === 'string') await open(uri, range, false);
    }),
    // Next year's skeleton as an unsaved editor named beside this report (saving writes it there).
    vscode.commands.registerCommand('xxgkReport.nextYear', async () => {
      const a = activeReport();
      if (!a) return void vscode.window.showInformationMessage(TEXT[locale()].noReport);
      const next = await a.c.sendRequest<{ text: string; year: number; name: string } | null>('xxgkReport/nextYear', { textDocument: { uri: a.uri } });
      if (!next) return void vscode.window.showInformationMessage(TEXT[locale()].noNextYear);
      const here = a.editor.document.uri;
      const target = here.scheme === 'file' ? vscode.Uri.joinPath(here, '..', next.name).with({ scheme: 'untitled' }) : undefined;
      const doc = target ? await vscode.workspace.openTextDocument(target) : await vscode.workspace.openTextDocument({ language: 'xxgk-report', content: next.text });
      const editor = await vscode.window.showTextDocument(doc);
      if (target) await editor.edit((e) => e.insert(new vscode.Position(0, 0), next.text));
    }),
  );
}
