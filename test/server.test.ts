// Protocol tests of the language server: the bundled dist/server.js spawned over stdio (and once over
// IPC), driven with vscode-jsonrpc like an editor would, on the seed reports in test/fixtures/ and
// mutated copies. Every feature is exercised over the wire and its result applied or compared.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { eastAsianWidth } from 'get-east-asian-width';
import { checkText, fixAll, parseReport, type TableId } from '../server/src/core';
import { ensureBuilt } from '../scripts/ensure-built';
import { at, fullRange, LspClient, type CodeAction, type Diagnostic, type Range } from './helpers/lsp-client';

const ROOT = join(__dirname, '..');
const FIXTURES = join(__dirname, 'fixtures');
const SEEDS = ['000_3725ac3a3e618302.txt', '001_61ad5134df80a2d8.txt', '002_3f5e56868c97c344.txt', '003_31cf96be23961926.txt', '004_53e0ee0f0d02d1f7.txt'];
const SEED_002 = readFileSync(join(FIXTURES, '002_3f5e56868c97c344.txt'), 'utf8');
const EXAMPLE_MD = readFileSync(join(ROOT, 'examples', '2022-示例县交通运输局.md'), 'utf8');
const EXAMPLE_MD_ERRORS = readFileSync(join(ROOT, 'examples', '2022-示例县交通运输局-有错误.md'), 'utf8');
const ARITHMETIC = new Set(['XR101', 'XR102', 'XR103', 'XR104', 'XR105']);

/** 0-based line of seed 002's `\t4`: table 三, （一）予以公开 × 自然人 (line 153 in an editor). */
const WRONG_LINE = 152;
/** 0-based line of seed 002's table 四 `\t1`: 行政诉讼 · 未经复议直接起诉 · 总计 (c10). */
const T4_TOTAL_LINE = 423;

function replaceLine(text: string, line: number, from: string, to: string): string {
  const lines = text.split('\n');
  assert.equal(lines[line], from, `fixture changed: line ${line + 1} should be ${JSON.stringify(from)}`);
  lines[line] = to;
  return lines.join('\n');
}

/** Seed 002 with `\t4` → `\t7` at line 153. */
const MUTATED_002 = replaceLine(SEED_002, WRONG_LINE, '\t4', '\t7');
/** …and also table 四's c10 total `\t1` → `\t5`. */
const TWO_ERRORS_002 = replaceLine(MUTATED_002, T4_TOTAL_LINE, '\t1', '\t5');

const PROSE = [
  'Meeting notes',
  '',
  'We discussed the roadmap for next quarter. 我们讨论了下季度的计划，并确定了负责人。',
  '',
  '1. Budget review',
  '2. Hiring plan',
  '',
  '| item | owner |',
  '|---|---|',
  '| docs | 张三 |',
].join('\n');

const key = (d: { code?: string | number; range: Range }) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

let n = 0;
const uniqueUri = (name: string) => `file:///xxgk-test/${++n}/${name}`;

function width(s: string): number {
  let w = 0;
  for (const ch of s) w += eastAsianWidth(ch.codePointAt(0)!);
  return w;
}

function contains(outer: Range, inner: Range): boolean {
  const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

interface Sym {
  name: string;
  detail?: string;
  kind: number;
  range: Range;
  selectionRange: Range;
  children?: Sym[];
}

function checkNesting(symbols: Sym[], parent?: Sym): void {
  for (const s of symbols) {
    assert.ok(contains(s.range, s.selectionRange), `${s.name}: selectionRange outside range`);
    if (parent) assert.ok(contains(parent.range, s.range), `${s.name} is not inside ${parent.name}`);
    checkNesting(s.children ?? [], s);
  }
}

/** Table values by row key and column key, as the core reads them. */
function tableValues(text: string, id: TableId): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const r of parseReport(text).tables[id]!.rows) {
    if (r.kind !== 'data' && r.kind !== 'extra') continue;
    out[r.key ?? r.label] = Object.fromEntries(r.cells.map((c, k) => [c.columnKey ?? String(k), c.text]));
  }
  return out;
}

describe('language server over stdio (dist/server.js)', () => {
  let c: LspClient;

  before(async () => {
    ensureBuilt();
    c = await LspClient.start({ settings: {}, initializationOptions: { displayLanguage: 'zh-cn' } });
  });

  after(async () => {
    await c?.stop();
  });

  it('announces every feature in initialize, and registers for settings and config-file changes', async () => {
    const caps = c.capabilities as Record<string, any>;
    assert.deepEqual(caps.diagnosticProvider, { identifier: 'xxgk-report', interFileDependencies: true, workspaceDiagnostics: false });
    assert.deepEqual([...caps.codeActionProvider.codeActionKinds].sort(), ['quickfix', 'refactor.rewrite', 'source.fixAll.xxgk']);
    for (const k of ['documentSymbolProvider', 'foldingRangeProvider', 'hoverProvider', 'inlayHintProvider', 'codeLensProvider', 'documentFormattingProvider']) {
      assert.ok(caps[k], `missing ${k}`);
    }
    assert.deepEqual(caps.executeCommandProvider.commands, ['xxgkReport.recomputeAll', 'xxgkReport.recomputeTable', 'xxgkReport.convertTableToMarkdown']);
    assert.equal(caps.textDocumentSync.change, 2, 'incremental sync');
    await c.waitFor(() => c.registrations.length >= 2, 'dynamic registrations');
    assert.deepEqual([...c.registrations].sort(), ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
  });

  it('pull diagnostics on every seed are exactly the core\'s, with code links', async () => {
    for (const seed of SEEDS) {
      const text = readFileSync(join(FIXTURES, seed), 'utf8');
      const uri = uniqueUri(seed);
      await c.open(uri, text);
      const items = await c.diagnostics(uri);
      const expected = checkText(text).diagnostics;
      assert.deepEqual(items.map(key), expected.map(key), seed);
      assert.deepEqual(items.map((d) => d.severity), expected.map((d) => ({ error: 1, warning: 2, information: 3, hint: 4 })[d.severity]), seed);
      for (const d of items) {
        assert.equal(d.source, 'xxgk-report');
        assert.match(d.codeDescription!.href, new RegExp(`/docs/rules/${d.code}\\.md$`));
      }
      await c.close(uri);
    }
  });

  it('reports the wrong number of mutated seed 002 as XR101 at 153:2–3, with related cells and fixes in data', async () => {
    const uri = uniqueUri('002-mutated.txt');
    await c.open(uri, MUTATED_002);
    const report = await c.pull(uri);
    assert.equal(report.kind, 'full');
    const xr101 = report.items!.filter((d) => d.code === 'XR101');
    assert.equal(xr101.length, 1);
    const d = xr101[0];
    assert.deepEqual(d.range, { start: { line: WRONG_LINE, character: 1 }, end: { line: WRONG_LINE, character: 2 } });
    assert.ok(d.message.startsWith('此处应为 4'), d.message);
    assert.equal(d.severity, 1);
    assert.deepEqual(d.relatedInformation!.map((r) => [r.location.uri, r.location.range.start.line]), [
      [uri, 158],
      [uri, 364],
    ]);
    const data = d.data as { version: number; fixes: { preferred: boolean }[] };
    assert.equal(data.version, 1);
    assert.ok(data.fixes.some((f) => f.preferred));
    // The other findings are the seed's own.
    assert.deepEqual(report.items!.filter((x) => x.code !== 'XR101').map(key), checkText(SEED_002).diagnostics.map(key));

    // A result id per version: unchanged when asked again, a new full report after a change.
    const again = await c.pull(uri, report.resultId);
    assert.deepEqual(again, { kind: 'unchanged', resultId: report.resultId });
    await c.change(uri, SEED_002);
    const fixed = await c.pull(uri, report.resultId);
    assert.equal(fixed.kind, 'full');
    assert.notEqual(fixed.resultId, report.resultId);
    assert.ok(!fixed.items!.some((x) => x.code === 'XR101'));
    await c.close(uri);
  });

  it('the quick fix restores the seed, and the diagnostic disappears', async () => {
    const uri = uniqueUri('002-quickfix.txt');
    await c.open(uri, MUTATED_002);
    const d = (await c.diagnostics(uri)).find((x) => x.code === 'XR101')!;
    const actions = await c.codeActions(uri, d.range, [d]);
    const fix = actions.find((a) => a.kind === 'quickfix' && a.isPreferred);
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.title, '改为 4');
    assert.deepEqual(fix.diagnostics, [d]);
    assert.equal(c.preview(uri, fix.edit), SEED_002);
    c.applyWorkspaceEdit(fix.edit!);
    assert.equal(c.text(uri), SEED_002);
    assert.ok(!(await c.diagnostics(uri)).some((x) => x.code === 'XR101'));
    await c.close(uri);
  });

  it('a quick fix asked with a stale diagnostic is looked up again in the current version', async () => {
    const uri = uniqueUri('002-stale.txt');
    await c.open(uri, MUTATED_002);
    const d = (await c.diagnostics(uri)).find((x) => x.code === 'XR101')!;
    // An unrelated edit elsewhere (the title line) makes a new version; the diagnostic still stands.
    await c.edit(uri, [{ range: at(0, 0), newText: ' ' }]);
    const actions = await c.codeActions(uri, d.range, [d]);
    const fix = actions.find((a) => a.isPreferred)!;
    assert.equal(c.preview(uri, fix.edit), ' ' + SEED_002);
    // A diagnostic that no longer exists gets no fix.
    await c.change(uri, SEED_002);
    assert.equal((await c.codeActions(uri, d.range, [d])).filter((a) => a.isPreferred).length, 0);
    await c.close(uri);
  });

  it('source.fixAll.xxgk applies the preferred fixes as minimal per-number edits', async () => {
    const uri = uniqueUri('002-two-errors.txt');
    await c.open(uri, TWO_ERRORS_002);
    const ds = await c.diagnostics(uri);
    assert.ok(ds.some((d) => d.code === 'XR101') && ds.some((d) => d.code === 'XR104'), ds.map((d) => d.code).join(' '));
    assert.equal((await c.codeActions(uri, fullRange(TWO_ERRORS_002))).filter((a) => a.kind?.startsWith('source')).length, 0, 'source actions only when asked');
    // Table 四's 总计 has no other identity to vouch for its four results: its recompute is offered, not applied.
    const t4 = ds.find((d) => d.code === 'XR104')!;
    assert.match(t4.message, /也可能是某个明细数字有误/);
    const t4Fix = (await c.codeActions(uri, t4.range, [t4])).find((a) => a.title === '重算为 1')!;
    assert.equal(t4Fix.isPreferred, undefined);
    for (const only of [['source.fixAll'], ['source'], ['source.fixAll.xxgk']]) {
      const actions = await c.codeActions(uri, fullRange(TWO_ERRORS_002), [], only);
      assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.xxgk'], JSON.stringify(only));
      const edits = LspClient.editsFor(actions[0].edit, uri);
      assert.deepEqual(
        edits.map((e) => [e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character, e.newText]).sort(),
        [[WRONG_LINE, 1, WRONG_LINE, 2, '4']],
      );
      assert.equal(c.preview(uri, actions[0].edit), replaceLine(SEED_002, T4_TOTAL_LINE, '\t1', '\t5'));
    }
    // The same on CRLF text: per-number edits, line ends kept.
    const crlf = uniqueUri('002-two-errors-crlf.txt');
    await c.open(crlf, TWO_ERRORS_002.replace(/\n/g, '\r\n'));
    const [crlfFix] = await c.codeActions(crlf, fullRange(c.text(crlf)), [], ['source.fixAll']);
    assert.equal(LspClient.editsFor(crlfFix.edit, crlf).length, 1);
    assert.equal(c.preview(crlf, crlfFix.edit), replaceLine(SEED_002, T4_TOTAL_LINE, '\t1', '\t5').replace(/\n/g, '\r\n'));
    await c.close(crlf);
    // Only quick fixes asked for: no fix-all.
    assert.equal((await c.codeActions(uri, fullRange(TWO_ERRORS_002), [], ['quickfix'])).filter((a) => a.kind === 'source.fixAll.xxgk').length, 0);
    await c.close(uri);

    // A markdown report: the same text as the core's fix-all, every other line untouched.
    const md = uniqueUri('errors.md');
    await c.open(md, EXAMPLE_MD_ERRORS, 'markdown');
    const [action] = await c.codeActions(md, fullRange(EXAMPLE_MD_ERRORS), [], ['source.fixAll']);
    const edits = LspClient.editsFor(action.edit, md);
    assert.ok(edits.length > 0);
    for (const e of edits) {
      assert.equal(e.range.start.line, e.range.end.line, 'one line per edit');
      assert.ok(!/[\r\n]/.test(e.newText));
      assert.match(e.newText, /^\d+$/);
    }
    const after = c.preview(md, action.edit);
    assert.equal(after, fixAll(EXAMPLE_MD_ERRORS).text);
    const changed = new Set(edits.map((e) => e.range.start.line));
    const a = EXAMPLE_MD_ERRORS.split('\n');
    const b = after.split('\n');
    assert.equal(a.length, b.length);
    a.forEach((l, i) => {
      if (!changed.has(i)) assert.equal(b[i], l, `line ${i + 1} changed`);
    });
    await c.close(md);
  });

  it('"recompute every total in this table" fixes that table only', async () => {
    const uri = uniqueUri('002-table.txt');
    await c.open(uri, TWO_ERRORS_002);
    const ds = await c.diagnostics(uri);
    const d = ds.find((x) => x.code === 'XR101')!;
    const actions = await c.codeActions(uri, d.range, [d]);
    const table = actions.find((a) => a.title === '重算表三全部总计');
    assert.ok(table, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(table.kind, 'quickfix');
    assert.equal(c.preview(uri, table.edit), replaceLine(SEED_002, T4_TOTAL_LINE, '\t1', '\t5'));
    const d4 = ds.find((x) => x.code === 'XR104')!;
    const t4 = (await c.codeActions(uri, d4.range, [d4])).find((a) => a.title === '重算表四全部总计')!;
    assert.equal(c.preview(uri, t4.edit), MUTATED_002);
    await c.close(uri);
  });

  it('"disable for this line" writes a comment above in the file\'s line ending, and the finding goes', async () => {
    const crlf = MUTATED_002.replace(/\n/g, '\r\n');
    const uri = uniqueUri('002-crlf.txt');
    await c.open(uri, crlf);
    const before = await c.diagnostics(uri);
    const d = before.find((x) => x.code === 'XR101')!;
    const disable = (await c.codeActions(uri, d.range, [d])).find((a) => a.title === '在此行停用规则 XR101');
    assert.ok(disable);
    assert.deepEqual(LspClient.editsFor(disable.edit, uri), [{ range: at(WRONG_LINE, 0), newText: '<!-- xxgk-disable-next-line XR101 -->\r\n' }]);
    c.applyWorkspaceEdit(disable.edit!);
    const lines = c.text(uri).split('\r\n');
    assert.equal(lines[WRONG_LINE], '<!-- xxgk-disable-next-line XR101 -->');
    assert.equal(lines[WRONG_LINE + 1], '\t7');
    assert.ok(!c.text(uri).replace(/\r\n/g, '').includes('\n'), 'only CRLF line ends');
    const after = await c.diagnostics(uri);
    assert.ok(!after.some((x) => x.code === 'XR101'));
    assert.deepEqual(after.map((x) => x.code), before.filter((x) => x.code !== 'XR101').map((x) => x.code));
    await c.close(uri);
  });

  it('"disable for this file" writes a comment at the top; in a pipe table the comment closes the row', async () => {
    const uri = uniqueUri('002-file.txt');
    await c.open(uri, SEED_002);
    const before = await c.diagnostics(uri);
    const d = before.find((x) => x.code === 'XR308')!;
    const disable = (await c.codeActions(uri, d.range, [d])).find((a) => a.title === '在本文件停用规则 XR308')!;
    c.applyWorkspaceEdit(disable.edit!);
    assert.ok(c.text(uri).startsWith('<!-- xxgk-disable-file XR308 -->\n区卫生健康委2020年'));
    const after = await c.diagnostics(uri);
    assert.deepEqual(after.map((x) => x.code), before.filter((x) => x.code !== 'XR308').map((x) => x.code));
    await c.close(uri);

    const md = uniqueUri('errors-disable.md');
    await c.open(md, EXAMPLE_MD_ERRORS, 'markdown');
    const mdBefore = await c.diagnostics(md);
    const row = mdBefore.find((x) => x.code === 'XR101')!;
    const line = (await c.codeActions(md, row.range, [row])).find((a) => a.title === '在此行停用规则 XR101')!;
    const [edit] = LspClient.editsFor(line.edit, md);
    assert.equal(edit.newText, ' <!-- xxgk-disable-line XR101 -->');
    assert.equal(edit.range.start.line, row.range.start.line);
    c.applyWorkspaceEdit(line.edit!);
    const mdAfter = await c.diagnostics(md);
    assert.deepEqual(mdAfter.map(key), mdBefore.filter((x) => x !== row).map(key));
    await c.close(md);
  });

  it('"insert the missing section heading" (the core\'s XR001 fix) puts the heading back', async () => {
    const uri = uniqueUri('errors-heading.xxgk.md');
    await c.open(uri, EXAMPLE_MD_ERRORS, 'xxgk-report');
    const d = (await c.diagnostics(uri)).find((x) => x.code === 'XR001')!;
    assert.ok(d.message.includes('其他需要报告的事项'));
    const insert = (await c.codeActions(uri, d.range, [d])).find((a) => a.title === '插入标题「六、其他需要报告的事项」');
    assert.ok(insert);
    c.applyWorkspaceEdit(insert.edit!);
    assert.ok(c.text(uri).endsWith('六、其他需要报告的事项\n'));
    const after = await c.diagnostics(uri);
    assert.ok(!after.some((x) => x.code === 'XR001'));
    const symbols = await c.request<Sym[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols.length, 6);
    await c.close(uri);
  });

  it('checks each document version once, whatever the number of features asking', async () => {
    const uri = uniqueUri('002-once.txt');
    const statuses = () => c.statuses.filter((s) => s.uri === uri).length;
    await c.open(uri, MUTATED_002);
    await c.pull(uri);
    const d = (await c.diagnostics(uri)).find((x) => x.code === 'XR101')!;
    await c.request('textDocument/hover', { textDocument: { uri }, position: d.range.start });
    await c.request('textDocument/documentSymbol', { textDocument: { uri } });
    await c.request('textDocument/foldingRange', { textDocument: { uri } });
    await c.request('textDocument/codeLens', { textDocument: { uri } });
    await c.request('textDocument/inlayHint', { textDocument: { uri }, range: fullRange(MUTATED_002) });
    await c.codeActions(uri, d.range, [d]);
    await c.waitFor(() => statuses() >= 1, 'a status notification');
    assert.equal(statuses(), 1, 'one check for version 1');
    await c.change(uri, SEED_002);
    await c.request('textDocument/hover', { textDocument: { uri }, position: d.range.start });
    await c.pull(uri);
    await c.waitFor(() => statuses() >= 2, 'a second status notification');
    assert.equal(statuses(), 2, 'one check for version 2');
    await c.close(uri);
  });

  it('document symbols: six sections → tables → the row groups of table 三', async () => {
    const uri = uniqueUri('002-symbols.txt');
    await c.open(uri, SEED_002);
    const symbols = await c.request<Sym[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), [
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
    checkNesting(symbols);
    assert.deepEqual(symbols.map((s) => (s.children ?? []).map((t) => t.name)), [[], ['表二'], ['表三'], ['表四'], [], []]);
    const t3 = symbols[2].children![0];
    assert.equal(t3.detail, '2019 年版');
    assert.deepEqual(t3.children!.map((s) => s.name), ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '三、本年度办理结果', '四、结转下年度继续办理']);
    const results = t3.children![2];
    assert.deepEqual(results.children!.map((s) => s.name), [
      '（一）予以公开',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      '（三）不予公开',
      '（四）无法提供',
      '（五）不予处理',
      '（六）其他处理',
      '（七）总计',
    ]);
    assert.equal(results.children![2].children!.length, 8);
    assert.equal(results.children![3].children!.length, 3);
    assert.equal(results.children![4].children!.length, 5);
    const t2 = symbols[1].children![0];
    assert.deepEqual(t2.children!.map((s) => s.name), ['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项', '第二十条第（九）项']);
    await c.close(uri);

    // A 2021 report: （六）其他处理 is a group of three rows.
    const uri21 = uniqueUri('003.txt');
    await c.open(uri21, readFileSync(join(FIXTURES, SEEDS[3]), 'utf8'));
    const s21 = await c.request<Sym[]>('textDocument/documentSymbol', { textDocument: { uri: uri21 } });
    checkNesting(s21);
    const other = s21[2].children![0].children!.find((s) => s.name === '三、本年度办理结果')!.children!.find((s) => s.name === '（六）其他处理')!;
    assert.equal(other.children!.length, 3);
    await c.close(uri21);

    const md = uniqueUri('example.md');
    await c.open(md, EXAMPLE_MD, 'markdown');
    const smd = await c.request<Sym[]>('textDocument/documentSymbol', { textDocument: { uri: md } });
    checkNesting(smd);
    assert.equal(smd.length, 6);
    assert.deepEqual(smd[2].children![0].children!.map((s) => s.name).length, 4);
    await c.close(md);
  });

  it('folding ranges for the six sections and the three tables', async () => {
    const uri = uniqueUri('002-folding.txt');
    await c.open(uri, SEED_002);
    const ranges = await c.request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', { textDocument: { uri } });
    const model = parseReport(SEED_002);
    for (const s of model.sections) assert.ok(ranges.some((r) => r.startLine === s.line && r.endLine > s.line), `section ${s.number}`);
    for (const id of ['二', '三', '四'] as const) {
      const t = model.tables[id]!;
      const first = Math.min(...t.rows.map((r) => r.line));
      assert.ok(ranges.some((r) => r.startLine === first && r.endLine > first + 5 && r.endLine <= t.endLine), `table ${id}`);
    }
    for (const r of ranges) assert.ok(r.endLine > r.startLine);
    await c.close(uri);
  });

  it('hover on a value cell names table, row and column; on a total, its formula with the computed value', async () => {
    const uri = uniqueUri('002-hover.txt');
    await c.open(uri, MUTATED_002);
    const h = await c.request<{ contents: { kind: string; value: string }; range: Range }>('textDocument/hover', { textDocument: { uri }, position: { line: WRONG_LINE, character: 1 } });
    assert.equal(h.contents.kind, 'markdown');
    for (const s of ['表三', '自然人', '（一）予以公开', '三、本年度办理结果', '申请人情况', '`7`']) assert.ok(h.contents.value.includes(s), `${s} in ${h.contents.value}`);
    assert.deepEqual(h.range, { start: { line: WRONG_LINE, character: 1 }, end: { line: WRONG_LINE, character: 2 } });
    // The row total disagrees with its terms (7 + 0 + … ≠ 4).
    const total = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 158, character: 1 } });
    assert.match(total.contents.value, /T3-ROW/);
    assert.match(total.contents.value, /总计 = 自然人 \+ 商业企业 \+ 科研机构 \+ 社会公益组织 \+ 法律服务机构 \+ 其他 = 7 \+ 0 \+ 0 \+ 0 \+ 0 \+ 0 = \*\*7\*\*/);
    assert.match(total.contents.value, /表中为 4，应为 7/);
    await c.change(uri, SEED_002);
    // （七）总计 × 自然人: the sum of the results, grouped as the template groups them.
    const seven = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 364, character: 1 } });
    assert.match(seven.contents.value, /T3-RESULT/);
    assert.match(seven.contents.value, /（七）总计 = （一）予以公开 \+ （二）部分公开 \+ （三）不予公开 \+ （四）无法提供 \+ （五）不予处理 \+ （六）其他处理 = 4 \+ 1 \+ 2 \+ 7 \+ 0 \+ 0 = \*\*14\*\* — ✓/);
    // The balance: 四 = 一 + 二 − （七）.
    const carriedOut = parseReport(SEED_002).tables['三']!.rows.find((r) => r.key === 'carriedOut')!.cells.find((x) => x.columnKey === 'natural')!;
    const carried = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: carriedOut.range.start });
    assert.match(carried.contents.value, /T3-BAL.*四 = 一 \+ 二 − （七）总计 = 15 \+ 0 − 14 = \*\*1\*\*/);
    // Not on a value: nothing.
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 150, character: 2 } }), null);
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 5000, character: 0 } }), null);
    await c.close(uri);
  });

  it('hover on tables 二 and 四: sub-table and column, amounts as written, a blank total that cannot be checked', async () => {
    const uri = uniqueUri('002-hover-2.txt');
    await c.open(uri, SEED_002);
    const model = parseReport(SEED_002);
    const amount = model.tables['二']!.rows.find((r) => r.key === 't9.central')!.cells[1];
    const h2 = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: amount.range.start });
    assert.match(h2.contents.value, /第二十条第（九）项 › 政府集中采购/);
    assert.match(h2.contents.value, /`5,542\.3607` → \*\*5542\.3607\*\*（数字 · 金额）/);
    await c.close(uri);
    const tsv = uniqueUri('001-hover.txt');
    const text = readFileSync(join(FIXTURES, SEEDS[1]), 'utf8');
    await c.open(tsv, text);
    const row = parseReport(text).tables['四']!.rows.find((r) => r.kind === 'data')!;
    const blank = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: tsv }, position: row.cells[4].range.start });
    assert.match(blank.contents.value, /行政复议 › 总计/);
    assert.match(blank.contents.value, /空白：表示未知，不等于 0/);
    assert.match(blank.contents.value, /T4-SUM 「行政复议」: 总计 = 结果维持 \+ 结果纠正 \+ 其他结果 \+ 尚未审结 = \? \+ \? \+ \? \+ \? = \*\*\?\*\* — 有空白或非数字的项，无法核对/);
    await c.close(tsv);
  });

  it('works on plaintext, markdown, xxgk-report and other editors\' plain-text id (Neovim: text)', async () => {
    for (const lang of ['plaintext', 'markdown', 'xxgk-report', 'text']) {
      const uri = uniqueUri(`002-${lang}.txt`);
      await c.open(uri, MUTATED_002, lang);
      assert.ok((await c.diagnostics(uri)).some((d) => d.code === 'XR101'), lang);
      await c.close(uri);
    }
  });

  it('inlay hints: column names before the numbers of flattened tables 三/四 and `= 4` after a wrong total', async () => {
    const uri = uniqueUri('002-hints.txt');
    await c.open(uri, MUTATED_002);
    const range = { start: { line: 150, character: 0 }, end: { line: 160, character: 0 } };
    const hints = await c.request<{ position: { line: number; character: number }; label: string }[]>('textDocument/inlayHint', { textDocument: { uri }, range });
    assert.deepEqual(
      hints.map((h) => `${h.position.line}:${h.position.character} ${h.label}`),
      ['152:1 自然人:', '152:2 = 4', '153:1 商业企业:', '154:1 科研机构:', '155:1 社会公益组织:', '156:1 法律服务机构:', '157:1 其他:', '158:1 总计:'],
    );
    const t4 = await c.request<{ label: string }[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 414, character: 0 }, end: { line: 428, character: 9 } } });
    assert.deepEqual(t4.map((h) => h.label), ['复议·维持:', '复议·纠正:', '复议·其他:', '复议·未结:', '复议·总计:', '直诉·维持:', '直诉·纠正:', '直诉·其他:', '直诉·未结:', '直诉·总计:', '复议后诉·维持:', '复议后诉·纠正:', '复议后诉·其他:', '复议后诉·未结:', '复议后诉·总计:']);

    // TSV tables get them too; markdown tables (visible headers) do not.
    const tsv = uniqueUri('001.txt');
    await c.open(tsv, readFileSync(join(FIXTURES, SEEDS[1]), 'utf8'));
    const tsvHints = await c.request<{ label: string }[]>('textDocument/inlayHint', { textDocument: { uri: tsv }, range: fullRange(c.text(tsv)) });
    assert.equal(tsvHints.filter((h) => h.label === '自然人:').length, 23, 'one per data row of 三 (2019 format: 23 rows)');
    assert.equal(tsvHints.filter((h) => h.label === '复议·维持:').length, 1);
    const md = uniqueUri('example-hints.md');
    await c.open(md, EXAMPLE_MD, 'markdown');
    assert.deepEqual(await c.request('textDocument/inlayHint', { textDocument: { uri: md }, range: fullRange(EXAMPLE_MD) }), []);

    // The setting turns them off.
    await c.setSettings({ inlayHints: { enabled: false } });
    assert.deepEqual(await c.request('textDocument/inlayHint', { textDocument: { uri }, range }), []);
    await c.setSettings({});
    assert.ok((await c.request<unknown[]>('textDocument/inlayHint', { textDocument: { uri }, range })).length > 0);
    for (const u of [uri, tsv, md]) await c.close(u);
  });

  it('code lenses above each table; "全部重算" runs xxgkReport.recomputeTable through workspace/applyEdit', async () => {
    const uri = uniqueUri('002-lens.txt');
    await c.open(uri, SEED_002);
    type Lens = { range: Range; command: { title: string; command: string; arguments?: unknown[] } };
    const ok = await c.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(ok.map((l) => l.command.title), ['表二：未发现异常', '表三：勾稽关系全部成立', '表四：勾稽关系全部成立']);
    assert.deepEqual(ok.map((l) => l.range.start.line), [34, 115, 384]);
    await c.change(uri, TWO_ERRORS_002);
    const bad = await c.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(bad[1].command.title, '表三：1 处不一致 · 全部重算');
    assert.deepEqual(bad[1].command, { title: '表三：1 处不一致 · 全部重算', command: 'xxgkReport.recomputeTable', arguments: [uri, '三'] });
    const before = c.appliedEdits.length;
    const r = await c.request<{ applied: boolean }>('workspace/executeCommand', { command: bad[1].command.command, arguments: bad[1].command.arguments });
    assert.equal(r.applied, true);
    assert.equal(c.appliedEdits.length, before + 1);
    assert.equal(c.text(uri), MUTATED_002.replace(/\n\t7\n/, '\n\t4\n').split('\n').map((l, i) => (i === T4_TOTAL_LINE ? '\t5' : l)).join('\n'));
    await c.close(uri);

    // Blank cells (seed 001's table 四): the identities that cannot be evaluated are said so.
    const tsv = uniqueUri('001-lens.txt');
    await c.open(tsv, readFileSync(join(FIXTURES, SEEDS[1]), 'utf8'));
    const lenses = await c.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: tsv } });
    assert.match(lenses[2].command.title, /^表四：勾稽关系成立（另有 1 项因空白或缺行无法核对）$/);
    await c.close(tsv);
  });

  it('converts table 三 of seed 000 to an aligned markdown table (code action and command): same values, no new arithmetic findings', async () => {
    const text = readFileSync(join(FIXTURES, SEEDS[0]), 'utf8');
    const uri = uniqueUri('000-convert.txt');
    await c.open(uri, text);
    const before = await c.diagnostics(uri);
    const model = parseReport(text);
    const t3 = model.tables['三']!;
    const cell = t3.rows.find((r) => r.key === 'open')!.cells[0];
    const actions = await c.codeActions(uri, cell.range, [], ['refactor.rewrite']);
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['将表三转换为 Markdown 表格', 'refactor.rewrite']]);
    const converted = c.preview(uri, actions[0].edit);
    c.applyWorkspaceEdit(actions[0].edit!);
    const after = await c.diagnostics(uri);
    assert.deepEqual(tableValues(converted, '三'), tableValues(text, '三'), 'same values in every cell');
    assert.equal(parseReport(converted).tables['三']!.flattening, 'markdown');
    assert.deepEqual(after.filter((d) => ARITHMETIC.has(d.code as string)), []);
    // Findings outside table 三 are unchanged; inside it only label variants went (labels are canonical now).
    const outside = (ds: Diagnostic[], t: { startLine: number; endLine: number }) => ds.filter((d) => d.range.start.line < t.startLine || d.range.start.line > t.endLine).map((d) => d.code);
    const t3After = parseReport(converted).tables['三']!;
    assert.deepEqual(outside(after, t3After), outside(before, t3));
    assert.deepEqual(after.filter((d) => d.range.start.line >= t3After.startLine && d.range.start.line <= t3After.endLine), []);
    // The pipe table: 3 header rows + delimiter + 23 data rows, pipes aligned (East-Asian wide = 2 columns).
    // (Tables 二 and 四 stay one cell per line: the only pipe lines are table 三's.)
    const t3Lines = converted.split('\n').filter((l) => l.startsWith('|'));
    assert.equal(t3Lines.length, 4 + 23);
    assert.equal(new Set(t3Lines.map(width)).size, 1, 'every row equally wide');
    assert.match(t3Lines[0], /^\| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） \| +\| +\| 申请人情况 +\|/);
    assert.match(t3Lines[1], /^\| -+ \| -+ \|/);
    const symbols = await c.request<Sym[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols.length, 6);
    await c.close(uri);

    // The command does the same through workspace/applyEdit.
    const uri2 = uniqueUri('000-convert-command.txt');
    await c.open(uri2, text);
    const r = await c.request<{ applied: boolean }>('workspace/executeCommand', { command: 'xxgkReport.convertTableToMarkdown', arguments: [uri2, '三'] });
    assert.equal(r.applied, true);
    assert.equal(c.text(uri2), converted);
    // A markdown table is not converted again.
    const cell2 = parseReport(converted).tables['三']!.rows.find((r) => r.key === 'open')!.cells[0];
    assert.deepEqual(await c.codeActions(uri2, cell2.range, [], ['refactor.rewrite']), []);
    await c.close(uri2);
  });

  it('Format Document aligns the pipe tables of a markdown report without changing cells or findings', async () => {
    for (const [name, text] of [
      ['example.md', EXAMPLE_MD],
      ['example-errors.md', EXAMPLE_MD_ERRORS],
    ] as const) {
      const uri = uniqueUri(name);
      await c.open(uri, text, 'markdown');
      const before = await c.diagnostics(uri);
      const edits = await c.request<{ range: Range; newText: string }[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
      assert.ok(edits.length > 0, name);
      for (const e of edits) assert.ok(text.split('\n')[e.range.start.line].startsWith('|'), 'only table lines');
      await c.edit(uri, edits);
      const formatted = c.text(uri);
      const cells = (t: string) => t.split('\n').map((l) => (l.startsWith('|') ? l.split('|').map((x) => x.trim()).join('|').replace(/-+/g, '-') : l));
      assert.deepEqual(cells(formatted), cells(text), 'cell contents unchanged');
      const after = await c.diagnostics(uri);
      assert.deepEqual(after.map((d) => `${d.code}@${d.range.start.line}`), before.map((d) => `${d.code}@${d.range.start.line}`), name);
      const symbols = await c.request<Sym[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.equal(symbols.length, name === 'example.md' ? 6 : 5);
      // Every table's rows are equally wide; formatting again changes nothing.
      let block: string[] = [];
      for (const l of [...formatted.split('\n'), '']) {
        if (l.startsWith('|')) block.push(l);
        else if (block.length > 0) {
          assert.equal(new Set(block.map(width)).size, 1, block.join('\n'));
          block = [];
        }
      }
      assert.deepEqual(await c.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } }), []);
      await c.close(uri);
    }
  });

  it('executeCommand: recomputeAll and recomputeTable (by position) apply their edits; bad arguments are errors', async () => {
    const uri = uniqueUri('002-commands.txt');
    await c.open(uri, TWO_ERRORS_002);
    const r = await c.request<{ applied: boolean; edits: number }>('workspace/executeCommand', { command: 'xxgkReport.recomputeAll', arguments: [uri] });
    assert.deepEqual(r, { applied: true, edits: 2 });
    assert.equal(c.text(uri), SEED_002);
    const nothing = await c.request<{ applied: boolean; message: string }>('workspace/executeCommand', { command: 'xxgkReport.recomputeAll', arguments: [uri] });
    assert.equal(nothing.applied, false);
    assert.equal(nothing.message, '没有需要重算的总计');

    await c.change(uri, TWO_ERRORS_002);
    const byPosition = await c.request<{ applied: boolean }>('workspace/executeCommand', { command: 'xxgkReport.recomputeTable', arguments: [uri, { line: 420, character: 1 }] });
    assert.equal(byPosition.applied, true);
    assert.equal(c.text(uri), MUTATED_002, 'only table 四 recomputed');

    await assert.rejects(c.request('workspace/executeCommand', { command: 'xxgkReport.recomputeAll', arguments: [] }), (e: { code: number }) => e.code === -32602);
    await assert.rejects(c.request('workspace/executeCommand', { command: 'xxgkReport.nope', arguments: [uri] }), (e: { code: number }) => e.code === -32602);
    const unknown = await c.request<{ applied: boolean }>('workspace/executeCommand', { command: 'xxgkReport.recomputeAll', arguments: ['file:///nowhere.txt'] });
    assert.equal(unknown.applied, false);
    await c.close(uri);
  });

  it('stays silent on a file that is not a report', async () => {
    for (const [name, lang] of [
      ['notes.txt', 'plaintext'],
      ['notes.md', 'markdown'],
    ] as const) {
      const uri = uniqueUri(name);
      const statuses = c.statuses.length;
      await c.open(uri, PROSE, lang);
      const report = await c.pull(uri);
      assert.deepEqual(report.items, []);
      assert.deepEqual(await c.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
      assert.deepEqual(await c.request('textDocument/foldingRange', { textDocument: { uri } }), []);
      assert.deepEqual(await c.request('textDocument/codeLens', { textDocument: { uri } }), []);
      assert.deepEqual(await c.request('textDocument/inlayHint', { textDocument: { uri }, range: fullRange(PROSE) }), []);
      assert.deepEqual(await c.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }), []);
      assert.deepEqual(await c.codeActions(uri, fullRange(PROSE), [], ['source.fixAll']), []);
      assert.equal(await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 9, character: 3 } }), null);
      assert.equal(c.statuses.length, statuses, 'no status for a non-report');
      await c.close(uri);
    }
    // Another language is not looked at at all.
    const js = uniqueUri('report.js');
    await c.open(js, SEED_002, 'javascript');
    assert.deepEqual((await c.pull(js)).items, []);
    await c.close(js);
  });

  it('a malformed request gets an error response and the server keeps answering', async () => {
    await assert.rejects(c.request('textDocument/hover', {}), (e: { code: number }) => e.code === -32602);
    await assert.rejects(c.request('textDocument/hover', null), (e: { code: number }) => e.code === -32602);
    await assert.rejects(c.request('textDocument/codeAction', { textDocument: { uri: 'file:///x.txt' } }), (e: { code: number }) => e.code === -32602);
    await assert.rejects(c.request('textDocument/inlayHint', { textDocument: { uri: 'file:///x.txt' }, range: { start: 1 } }), (e: { code: number }) => e.code === -32602);
    await assert.rejects(c.request('textDocument/diagnostic', { textDocument: {} }), (e: { code: number }) => e.code === -32602);
    // Unknown documents: empty answers.
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri: 'file:///unknown.txt' }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await c.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///unknown.txt' } }), []);
    assert.deepEqual((await c.pull('file:///unknown.txt')).items, []);
    assert.ok(c.alive);
    const uri = uniqueUri('002-after-errors.txt');
    await c.open(uri, SEED_002);
    assert.equal((await c.request<Sym[]>('textDocument/documentSymbol', { textDocument: { uri } })).length, 6);
    await c.close(uri);
  });

  it('above the size limits: a section-level check only, and the status says so', async () => {
    const arithmetic = (ds: Diagnostic[]) => ds.filter((d) => ARITHMETIC.has(String(d.code)));
    const lines = MUTATED_002.split('\n');
    const headingSix = lines.indexOf('六、其他需要报告的事项');
    // 1. More than 5,000 lines inside the table sections (here 三), section 六's heading gone.
    const manyLines = [...lines.slice(0, 382), ...Array<string>(5_100).fill('\t0'), ...lines.slice(382, headingSix), ...lines.slice(headingSix + 1)].join('\n');
    // 2. More than 4 M characters of narrative in section 六 (the tables are the seed's).
    const manyChars = MUTATED_002 + '\n' + '本机关持续推进政务公开标准化规范化建设，'.repeat(210_000);
    assert.ok(manyChars.length > 4_000_000);
    for (const [name, text, missing] of [['lines', manyLines, true], ['chars', manyChars, false]] as const) {
      const uri = uniqueUri(`002-huge-${name}.txt`);
      await c.open(uri, text);
      const ds = await c.diagnostics(uri);
      assert.deepEqual(arithmetic(ds), [], `${name}: no table checks`);
      assert.equal(ds.some((d) => d.code === 'XR001'), missing, `${name}: section checks still run`);
      const status = c.statuses.filter((s) => s.uri === uri).at(-1)!;
      assert.equal(status.degraded, true, `${name}: status says degraded`);
      assert.deepEqual([status.limitChars, status.limitTableLines], [4_000_000, 5_000]);
      assert.deepEqual(await c.request('textDocument/codeLens', { textDocument: { uri } }), []);
      assert.deepEqual(await c.request('textDocument/inlayHint', { textDocument: { uri }, range: fullRange(text) }), []);
      const symbols = await c.request<Sym[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.equal(symbols.length, missing ? 5 : 6, `${name}: the outline still lists the sections`);
      await c.close(uri);
    }
    // 3. Over 200,000 lines: not a plausible report; not checked at all, and the status says so.
    const endless = MUTATED_002 + '\n\t0'.repeat(200_001);
    const huge = uniqueUri('002-endless.txt');
    await c.open(huge, endless);
    assert.deepEqual(await c.diagnostics(huge), []);
    const unchecked = c.statuses.filter((s) => s.uri === huge).at(-1)!;
    assert.deepEqual([unchecked.unchecked, unchecked.limitChars, unchecked.limitLines], [true, 10_000_000, 200_000]);
    assert.deepEqual(await c.request('textDocument/documentSymbol', { textDocument: { uri: huge } }), []);
    await c.close(huge);
    // Just under the line limit the same report is checked fully.
    const uri = uniqueUri('002-big-but-full.txt');
    await c.open(uri, [...lines.slice(0, 382), ...Array<string>(4_000).fill(''), ...lines.slice(382)].join('\n'));
    assert.equal(arithmetic(await c.diagnostics(uri)).length > 0, true, 'a full check under the limit');
    assert.equal(c.statuses.filter((s) => s.uri === uri).at(-1)!.degraded, undefined);
    await c.close(uri);
  });

  it('settings: rule severities and "off", English messages; a status notification per check', async () => {
    const uri = uniqueUri('002-settings.txt');
    await c.open(uri, MUTATED_002);
    await c.setSettings({ rules: { XR308: 'off', 'conversion-artifact': 'error' }, locale: 'en' });
    const ds = await c.diagnostics(uri);
    assert.ok(!ds.some((d) => d.code === 'XR308'));
    assert.equal(ds.find((d) => d.code === 'XR013')!.severity, 1);
    assert.ok(ds.find((d) => d.code === 'XR101')!.message.startsWith('This cell should be 4'), ds.find((d) => d.code === 'XR101')!.message);
    const h = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: WRONG_LINE, character: 1 } });
    assert.ok(h.contents.value.startsWith('**Table 三**'));
    await c.setSettings({ enable: false });
    assert.deepEqual((await c.pull(uri)).items, []);
    assert.deepEqual(await c.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
    await c.setSettings({});
    assert.ok((await c.diagnostics(uri)).some((d) => d.code === 'XR308'));
    const status = c.statuses.filter((s) => s.uri === uri).at(-1)!;
    assert.equal(status.template, '2019');
    assert.equal(status.year, 2020);
    assert.ok(status.checkedMs >= 0);
    await c.close(uri);
  });

  it('.xxgkrc.json from the document\'s folder applies, settings win over it, and a change to it is picked up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-lsp-'));
    try {
      const rc = join(dir, '.xxgkrc.json');
      writeFileSync(rc, JSON.stringify({ rules: { XR009: 'off' } }));
      const uri = pathToFileURL(join(dir, 'sub', 'report.txt')).href;
      await c.open(uri, SEED_002);
      let codes = (await c.diagnostics(uri)).map((d) => d.code);
      assert.ok(!codes.includes('XR009'), codes.join(' '));
      await c.setSettings({ rules: { XR009: 'hint' } });
      const ds = await c.diagnostics(uri);
      assert.deepEqual(ds.filter((d) => d.code === 'XR009').map((d) => d.severity), [4, 4]);
      await c.setSettings({});
      writeFileSync(rc, JSON.stringify({ rules: { XR013: 'off' } }));
      await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(rc).href, type: 2 }] });
      codes = (await c.diagnostics(uri)).map((d) => d.code);
      assert.ok(codes.includes('XR009') && !codes.includes('XR013'), codes.join(' '));
      await c.close(uri);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('run "onSave": findings change on save, not while typing', async () => {
    const uri = uniqueUri('002-onsave.txt');
    await c.setSettings({ run: 'onSave' });
    try {
      await c.open(uri, SEED_002);
      const first = await c.pull(uri);
      assert.ok(!first.items!.some((d) => d.code === 'XR101'));
      await c.change(uri, MUTATED_002);
      const typing = await c.pull(uri, first.resultId);
      assert.equal(typing.kind, 'unchanged');
      await c.save(uri);
      const saved = await c.pull(uri, first.resultId);
      assert.equal(saved.kind, 'full');
      assert.ok(saved.items!.some((d) => d.code === 'XR101'));
    } finally {
      await c.setSettings({});
      await c.close(uri);
    }
  });
});

describe('language server without pull diagnostics, and over IPC', () => {
  before(() => {
    ensureBuilt();
  });

  it('pushes diagnostics (debounced) to a client that cannot pull', async () => {
    const c = await LspClient.start({ pull: false });
    try {
      assert.equal((c.capabilities as Record<string, unknown>).diagnosticProvider, undefined);
      const uri = uniqueUri('002-push.txt');
      await c.open(uri, MUTATED_002);
      await c.waitFor(() => c.published.get(uri)?.diagnostics.some((d) => d.code === 'XR101') ?? false, 'XR101 pushed');
      const pushed = c.published.get(uri)!;
      assert.equal(pushed.version, 1);
      assert.deepEqual(pushed.diagnostics.find((d) => d.code === 'XR101')!.range, { start: { line: WRONG_LINE, character: 1 }, end: { line: WRONG_LINE, character: 2 } });
      await c.change(uri, SEED_002);
      await c.waitFor(() => c.published.get(uri)?.version === 2, 'diagnostics of version 2');
      assert.ok(!c.published.get(uri)!.diagnostics.some((d) => d.code === 'XR101'));
      // Quick fixes read their edits back from the pushed diagnostic's data.
      await c.change(uri, MUTATED_002);
      await c.waitFor(() => c.published.get(uri)?.version === 3, 'diagnostics of version 3');
      const d = c.published.get(uri)!.diagnostics.find((x) => x.code === 'XR101')!;
      const fix = (await c.codeActions(uri, d.range, [d])).find((a: CodeAction) => a.isPreferred)!;
      assert.equal(c.preview(uri, fix.edit), SEED_002);
      await c.close(uri);
      await c.waitFor(() => c.published.get(uri)?.diagnostics.length === 0, 'cleared on close');
    } finally {
      await c.stop();
    }
  });

  it('serves over --node-ipc (the transport of the VS Code client)', async () => {
    const c = await LspClient.start({ transport: 'ipc', locale: 'en' });
    try {
      const uri = uniqueUri('002-ipc.txt');
      await c.open(uri, MUTATED_002);
      const zh = (await c.diagnostics(uri)).find((x) => x.code === 'XR101')!;
      assert.ok(zh.message.startsWith('此处应为 4'), `Chinese by default, even in an English editor: ${zh.message}`);
      await c.setSettings({ locale: 'display' });
      const d = (await c.diagnostics(uri)).find((x) => x.code === 'XR101')!;
      assert.ok(d.message.startsWith('This cell should be 4'), 'locale "display": from initialize params');
      const symbols = await c.request<Sym[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.equal(symbols.length, 6);
    } finally {
      await c.stop();
    }
  });
});
