/// <reference types="mocha" />
// Extension-host tests of issue 11 in the real editor: two consecutive-year reports of one agency in the
// workspace (the carry-over warning on this year's cell, last year's cell as its related link, "open last
// year's report" beside), and a report whose text contradicts its table (the XR401 squiggle on the number,
// the hover naming the cell). Files are written into the workspace folder, so the server's index finds
// last year's report on disk without it being open.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'xxgk-report.xxgk-report';
const WAIT_MS = 30_000;

function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function waitFor<T>(pick: () => T | undefined, what: string, events: ((l: () => void) => vscode.Disposable)[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const subs: vscode.Disposable[] = [];
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
      for (const s of subs) s.dispose();
      f();
    };
    const check = () => {
      const r = pick();
      if (r !== undefined) finish(() => resolve(r));
    };
    for (const on of events) subs.push(on(check));
    // Editors opening beside fire no diagnostics event: a slow poll covers what the events do not.
    const poll = setInterval(check, 250);
    const timer = setTimeout(() => finish(() => reject(new Error(`timed out waiting for ${what}`))), WAIT_MS);
    check();
  });
}

const onDiagnostics = (l: () => void) => vscode.languages.onDidChangeDiagnostics(l);
const onEditors = (l: () => void) => vscode.window.onDidChangeVisibleTextEditors(l);

describe('last year\'s report and the text against the tables', () => {
  let dir: string;
  let fixtures: string;
  const opened: vscode.TextDocument[] = [];

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    await ext.activate();
    fixtures = path.join(ext.extensionPath, 'test', 'fixtures');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the suite needs a workspace folder');
    dir = path.join(folder.uri.fsPath, 'issue-11');
    fs.mkdirSync(path.join(dir, 'cross'), { recursive: true });
    for (const f of ['2022-示例县城市管理局.md', '2023-示例县城市管理局.md']) fs.copyFileSync(path.join(fixtures, 'cross-year', f), path.join(dir, 'cross', f));
    fs.copyFileSync(path.join(fixtures, 'narrative', '2022-示例县交通运输局-正文与表格不符.md'), path.join(dir, 'narrative.md'));
  });

  after(async () => {
    for (const doc of opened) {
      if (doc.isClosed) continue;
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(file: string): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    opened.push(doc);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
    return doc;
  }

  it('this year\'s 上年结转 against last year\'s 四 (on disk): XR501 on the cell, last year\'s cell as a related link', async () => {
    const doc = await open(path.join(dir, 'cross', '2023-示例县城市管理局.md'));
    const found = await waitFor(
      () => {
        const ds = vscode.languages.getDiagnostics(doc.uri).filter((d) => codeOf(d) === 'XR501');
        return ds.length === 2 ? ds : undefined;
      },
      'two XR501',
      [onDiagnostics],
    );
    const total = found.find((d) => d.message.includes('总计'))!;
    assert.equal(doc.getText(total.range), '4');
    assert.equal(total.severity, vscode.DiagnosticSeverity.Warning);
    const related = total.relatedInformation?.[0];
    assert.ok(related, 'no related information');
    assert.equal(path.basename(related.location.uri.fsPath), '2022-示例县城市管理局.md');
    const last = await vscode.workspace.openTextDocument(related.location.uri);
    assert.equal(last.getText(related.location.range), '3');
  });

  it('"open last year\'s report" (code action and command) opens it beside', async () => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath.endsWith('2023-示例县城市管理局.md'))!;
    const d = vscode.languages.getDiagnostics(doc.uri).find((x) => codeOf(x) === 'XR501')!;
    const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const openIt = actions.find((a) => (typeof (a as vscode.Command).command === 'string' ? (a as vscode.Command).command : (a as vscode.CodeAction).command?.command) === 'xxgkReport.openLastYear');
    assert.ok(openIt, `no "open last year's report" action: ${JSON.stringify(actions.map((a) => a.title))}`);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('xxgkReport.openLastYear');
    const beside = await waitFor(
      () => vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath.endsWith(path.join('cross', '2022-示例县城市管理局.md'))),
      'last year\'s report beside',
      [onEditors],
    );
    opened.push(beside.document);
    assert.notEqual(beside.viewColumn, vscode.ViewColumn.One);
  });

  it('a narrative number contradicting its table: XR401 on the number; the hover names the cell', async () => {
    const doc = await open(path.join(dir, 'narrative.md'));
    const found = await waitFor(
      () => {
        const ds = vscode.languages.getDiagnostics(doc.uri).filter((d) => codeOf(d) === 'XR401');
        return ds.length >= 5 ? ds : undefined;
      },
      'the XR401 findings',
      [onDiagnostics],
    );
    const received = found.find((d) => doc.getText(d.range) === '27');
    assert.ok(received, found.map((d) => doc.getText(d.range)).join(','));
    assert.equal(received.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(doc.lineAt(received.range.start.line).text, /共收到政府信息公开申请27件/);
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, received.range.start.translate(0, 1))) ?? [];
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /一、本年新收政府信息公开申请数量/);
  });

  it('"create next year\'s report skeleton" opens next year\'s report named beside this one', async () => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath.endsWith('2023-示例县城市管理局.md'))!;
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('xxgkReport.nextYear');
    const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.scheme === 'untitled' ? vscode.window.activeTextEditor : undefined), 'the skeleton', [
      (l) => vscode.window.onDidChangeActiveTextEditor(l),
    ]);
    opened.push(editor.document);
    assert.equal(path.basename(editor.document.uri.path), '2024-示例县城市管理局.md');
    await waitFor(() => (editor.document.getText().startsWith('# 示例县城市管理局2024年') ? true : undefined), 'its text', [(l) => vscode.workspace.onDidChangeTextDocument(l)]);
    assert.match(editor.document.getText(), /\| 二、上年结转政府信息公开申请数量 \| \| \| 1 \| 1 \| 0 \| 0 \| 1 \| 0 \| 3 \|/);
  });
});
