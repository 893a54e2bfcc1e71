/// <reference types="mocha" />
// Extension-host tests: the real client and server in a real editor (VS Code via @vscode/test-electron,
// or code-server). A copy of seed 002 with one wrong number is opened as plain text; the tests wait for
// diagnostics by event (never a fixed sleep), apply the quick fix and fix-all through the editor's own
// commands, and read the outline.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { toDocx } from '../helpers/office';

const EXTENSION_ID = 'xxgk-report.xxgk-report';
const FIXTURE = '002_3f5e56868c97c344.txt';
/** 0-based line of seed 002's `\t4`: table 三, （一）予以公开 × 自然人 (line 153 in an editor). */
const WRONG_LINE = 152;
const FIX_ALL_KIND = 'source.fixAll.xxgk';
const SECTION_TITLES = ['总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况', '存在的主要问题及改进情况', '其他需要报告的事项'];
const WAIT_MS = 30_000;

function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/**
 * Resolves with `pick(diagnostics)` as soon as it is defined: checked now and on every
 * onDidChangeDiagnostics event for the document. The timer only bounds a failure.
 */
function waitForDiagnostics<T>(uri: vscode.Uri, pick: (ds: vscode.Diagnostic[]) => T | undefined, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sub.dispose();
      f();
    };
    const check = () => {
      const r = pick(vscode.languages.getDiagnostics(uri));
      if (r !== undefined) finish(() => resolve(r));
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      const now = vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`);
      finish(() => reject(new Error(`timed out waiting for ${what}; diagnostics now: ${JSON.stringify(now)}`)));
    }, WAIT_MS);
    check();
  });
}

const xr101 = (ds: vscode.Diagnostic[]) => ds.find((d) => codeOf(d) === 'XR101');

function isCodeAction(a: vscode.CodeAction | vscode.Command): a is vscode.CodeAction {
  return typeof (a as vscode.Command).command !== 'string';
}

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind: string): Promise<vscode.CodeAction[]> {
  const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind, 50);
  return (all ?? []).filter(isCodeAction);
}

async function apply(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `edit of "${action.title}" not applied`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  assert.ok(action.edit || action.command, `"${action.title}" has neither an edit nor a command`);
}

function symbolName(s: vscode.DocumentSymbol | vscode.SymbolInformation): string {
  return s.name;
}

describe('xxgk-report in the editor', () => {
  let dir: string;
  let uri: vscode.Uri;
  let original: string;
  let doc: vscode.TextDocument;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    original = fs.readFileSync(path.join(ext.extensionPath, 'test', 'fixtures', FIXTURE), 'utf8');
    const lines = original.split('\n');
    assert.equal(lines[WRONG_LINE].replace(/\r$/, ''), '\t4', 'fixture changed: line 153 should be a TAB and 4');
    lines[WRONG_LINE] = lines[WRONG_LINE].replace('4', '7');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-report-test-'));
    const file = path.join(dir, 'report.txt');
    fs.writeFileSync(file, lines.join('\n'));
    uri = vscode.Uri.file(file);
    doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'plaintext', 'a .txt report is checked as plain text, without choosing a language');
    await ext.activate();
  });

  after(async () => {
    if (doc && !doc.isClosed) {
      // Revert, not save: the folder is deleted next, and a pending save would fail at shutdown.
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports XR101 at the changed cell', async () => {
    const d = await waitForDiagnostics(uri, xr101, 'XR101');
    assert.equal(d.range.start.line, WRONG_LINE);
    assert.equal(d.range.start.character, 1);
    assert.equal(doc.getText(d.range), '7');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.source, 'xxgk-report');
    if (typeof d.code === 'object') assert.match(d.code.target.toString(), /XR101\.md$/);
  });

  it('the quick fix restores the original number', async () => {
    const d = await waitForDiagnostics(uri, xr101, 'XR101');
    const actions = await codeActions(uri, d.range, vscode.CodeActionKind.QuickFix.value);
    // vscode.executeCodeActionProvider drops CodeAction.diagnostics: pick the fix by what it edits.
    const forIt = actions.filter((a) => a.edit?.get(uri).some((e) => e.range.intersection(d.range) !== undefined));
    const fix = forIt.find((a) => a.isPreferred) ?? forIt[0];
    assert.ok(fix, `no quick fix for XR101; got ${JSON.stringify(actions.map((a) => a.title))}`);
    await apply(fix);
    assert.equal(doc.getText(), original);
    await waitForDiagnostics(uri, (ds) => (xr101(ds) ? undefined : true), 'XR101 to disappear');
  });

  it(`fix-all (${FIX_ALL_KIND}) restores the original document`, async () => {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(WRONG_LINE, 1, WRONG_LINE, 2), '7');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(uri, xr101, 'XR101 after re-introducing the error');
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await codeActions(uri, whole, FIX_ALL_KIND);
    const fixAll = actions.find((a) => a.kind && vscode.CodeActionKind.SourceFixAll.contains(a.kind) && a.kind.value.startsWith(FIX_ALL_KIND));
    assert.ok(fixAll, `no ${FIX_ALL_KIND} action; got ${JSON.stringify(actions.map((a) => [a.title, a.kind?.value]))}`);
    await apply(fixAll);
    assert.equal(doc.getText(), original);
    await waitForDiagnostics(uri, (ds) => (xr101(ds) ? undefined : true), 'XR101 to disappear after fix-all');
  });

  it('the outline lists the six sections in order', async () => {
    const symbols = (await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
    const names = symbols.map(symbolName);
    const sections = SECTION_TITLES.map((t) => names.findIndex((n) => n.includes(t)));
    assert.ok(sections.every((i) => i >= 0), `missing sections in outline: ${JSON.stringify(names)}`);
    assert.deepEqual([...sections].sort((a, b) => a - b), sections, `sections out of order: ${JSON.stringify(names)}`);
    const t3 = symbols[sections[2]];
    if ('children' in t3) assert.ok(t3.children.length > 0, 'section 三 has no table in the outline');
  });

  it('opens a Word file as a text report: <name>.md beside it, the wrong total underlined there', async () => {
    const lines = original.split('\n');
    lines[WRONG_LINE] = lines[WRONG_LINE].replace('4', '7');
    const docx = path.join(dir, 'word-report.docx');
    fs.writeFileSync(docx, toDocx(lines.join('\n'), { numbered: true, splitRuns: true, tracked: true }));
    await vscode.commands.executeCommand('xxgkReport.openAsTextReport', vscode.Uri.file(docx));
    const md = vscode.Uri.file(path.join(dir, 'word-report.md'));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.fsPath === md.fsPath, `active editor: ${editor?.document.uri.fsPath}`);
    try {
      const d = await waitForDiagnostics(md, xr101, 'XR101 in the converted Word file');
      assert.equal(editor.document.getText(d.range), '7');
      assert.match(d.message, /此处应为 4，实际为 7/);
      const symbols = (await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>('vscode.executeDocumentSymbolProvider', md)) ?? [];
      for (const t of SECTION_TITLES) assert.ok(symbols.map(symbolName).some((n) => n.includes(t)), `outline lacks ${t}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('contributes and registers its commands', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const c of ['newReport2021', 'newReport2019', 'checkWorkspace', 'recomputeAll', 'recomputeTable', 'convertTableToMarkdown', 'openAsTextReport', 'openLastYear', 'nextYear', 'revealCell']) {
      assert.ok(all.has(`xxgkReport.${c}`), `command xxgkReport.${c} is not registered`);
    }
  });

  it('opens a new report from the 2021 template', async () => {
    await vscode.commands.executeCommand('xxgkReport.newReport2021');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor opened');
    try {
      assert.equal(editor.document.languageId, 'xxgk-report');
      assert.equal(editor.document.uri.scheme, 'untitled');
      const text = editor.document.getText();
      assert.ok(!text.includes('{{'), 'template placeholders left in the new report');
      assert.ok(text.includes('（六）其他处理'));
      const symbols = (await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>('vscode.executeDocumentSymbolProvider', editor.document.uri)) ?? [];
      const names = symbols.map(symbolName);
      for (const t of SECTION_TITLES) assert.ok(names.some((n) => n.includes(t)), `new report's outline lacks ${t}: ${JSON.stringify(names)}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
