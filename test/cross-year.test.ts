// Last year's report against this year's (XR501–XR503) and next year's skeleton: the pure core (digest and
// checks), the command line's agency-year chains and `next`, and the language server's workspace index
// with related locations in the other file and the navigation commands.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { agencyOf, checkText, digestReport, parseReport, type ReportDigest } from '../server/src/core';
import { nextYearSkeleton } from '../server/src/core/skeleton';
import { chainReports } from '../server/src/node/cross-year';
import { ensureBuilt } from '../scripts/ensure-built';
import { LspClient, type Diagnostic } from './helpers/lsp-client';
import { readFixture, textAt } from './helpers/reports';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const EXAMPLE_2022 = readFileSync(join(ROOT, 'examples', '2022-示例县交通运输局.md'), 'utf8');
const STATS_2020 = readFileSync(join(ROOT, 'examples', '2020-示例市统计局-制表符.txt'), 'utf8');

const codes = <T extends { code?: string | number }>(ds: T[], prefix = 'XR50'): T[] => ds.filter((d) => String(d.code).startsWith(prefix));


function digestOf(text: string, where: { uri?: string; name?: string } = {}): ReportDigest {
  const r = checkText(text);
  return digestReport(r.model, r.analysis, where);
}

const OVERVIEW_2023 = [
  '2023年，示例县交通运输局围绕农村公路“四好”建设和城乡客运一体化，推进政务公开标准化规范化，重点做好惠民政策和项目建设信息公开。',
  '（一）主动公开。全年主动公开政府信息286条；制发行政规范性文件1件，现行有效行政规范性文件10件。',
  '（二）依申请公开。2023年，我局共收到政府信息公开申请23件，上年结转3件，办结25件。',
  '（三）政府信息管理。坚持公开属性源头认定，落实保密审查，完成规范性文件清理。',
  '（四）政府信息公开平台建设。整合县政府门户网站专栏，更新政策文件库，政务新媒体发布信息390条。',
  '（五）监督保障。开展政务公开专题培训，将公开工作纳入年度考核。',
].join('\n\n');

/** The 2022 example as the next year's report: years moved on, 二、上年结转 = 2022's 四 (1 1 0 0 1 0 3), 五 rewritten. */
function example2023(carriedIn = '| 1 | 1 | 0 | 0 | 1 | 0 | 3 |'): string {
  return EXAMPLE_2022.replace(/2023年1月20日/, '2024年1月18日')
    .replace(/2022/g, '2023')
    .replace('| 二、上年结转政府信息公开申请数量 | | | 2 | 0 | 0 | 0 | 0 | 0 | 2 |', `| 二、上年结转政府信息公开申请数量 | | | ${carriedIn.slice(2)}`)
    .replace('| 一、本年新收政府信息公开申请数量 | | | 18 | 5 | 0 | 0 | 2 | 1 | 26 |', '| 一、本年新收政府信息公开申请数量 | | | 17 | 4 | 0 | 0 | 1 | 1 | 23 |')
    .replace('| 行政规范性文件 | 2 | 1 | 9 |', '| 行政规范性文件 | 1 | 0 | 10 |')
    .replace(/## 一、总体情况\n\n[\s\S]*?\n\n## 二、/, `## 一、总体情况\n\n${OVERVIEW_2023}\n\n## 二、`)
    .replace(/## 五、存在的主要问题及改进情况\n\n[\s\S]*?\n\n示例县交通运输局/, '## 五、存在的主要问题及改进情况\n\n2023年，我局针对上年度指出的重点项目信息更新不及时问题建立了按月更新机制，已全部整改到位。当前仍存在政策解读形式不够丰富、基层人员业务能力不均衡等问题。下一步将加强培训，并把政策解读纳入绩效考核。\n\n## 六、其他需要报告的事项\n\n本年度我局未收取信息处理费。\n\n示例县交通运输局');
}

describe('cross-year core: digests and the checks (spec §4.4)', () => {
  it('the agency comes from the title, whatever its layout', () => {
    assert.equal(agencyOf('波密县卫生健康委员会2020年政府信息公开工作年度报告'), '波密县卫生健康委员会');
    assert.equal(agencyOf('和田地区卫健委2021年度政府信息公开工作报告'), '和田地区卫健委');
    assert.equal(agencyOf('青铜峡市卫生健康局 政府信息公开工作年度报告'), '青铜峡市卫生健康局');
    assert.equal(agencyOf('# 示例县交通运输局 2022 年政府信息公开工作年度报告'), '示例县交通运输局');
    assert.equal(agencyOf('2022年政府信息公开工作年度报告'), null);
  });

  it('consecutive years of one agency that agree: nothing to say', () => {
    const previous = digestOf(EXAMPLE_2022);
    assert.deepEqual(codes(checkText(example2023(), { previous }).diagnostics), []);
  });

  it('X-CARRY: 二、上年结转 against last year\'s 四, per column, on this year\'s cell with last year\'s as related', () => {
    const previous = digestOf(EXAMPLE_2022, { uri: 'file:///w/2022.md', name: '2022.md' });
    const text = example2023('| 1 | 1 | 0 | 0 | 2 | 0 | 4 |');
    const found = codes(checkText(text, { previous }).diagnostics);
    assert.deepEqual(found.map((d) => [d.code, d.severity, d.column, d.actual, d.expected]), [
      ['XR501', 'warning', '法律服务机构', 2, 1],
      ['XR501', 'warning', '总计', 4, 3],
    ]);
    assert.equal(textAt(text, found[1].range), '4');
    assert.equal(found[1].related![0].uri, 'file:///w/2022.md');
    assert.equal(textAt(EXAMPLE_2022, found[1].related![0].range), '3');
    assert.match(found[1].message, /2022 年度报告（2022\.md）「四、结转下年度继续办理」为 3/);
  });

  it('X-CARRY across the 2020 → 2021 format switch (seed 002 carried 1 case into 2021)', () => {
    const previous = digestOf(readFixture('002_3f5e56868c97c344.txt'));
    const next = nextYearSkeleton(parseReport(readFixture('002_3f5e56868c97c344.txt')))!;
    assert.deepEqual(codes(checkText(next.text, { previous }).diagnostics), []);
    const wrong = next.text.replace('\t二、上年结转政府信息公开申请数量\n\t\n\t\n\t1\n', '\t二、上年结转政府信息公开申请数量\n\t\n\t\n\t0\n');
    assert.notEqual(wrong, next.text);
    assert.deepEqual(codes(checkText(wrong, { previous }).diagnostics).map((d) => [d.code, d.column, d.actual, d.expected]), [['XR501', '自然人', 0, 1]]);
  });

  it('X-ITEMS (2019 format both years): 上一年项目数量 = last year\'s items + change', () => {
    // A 2019 report of the same bureau whose items after the change lead to 2020's: 其他 2 + 1 = 3, 处罚 15 − 1 = 14.
    const y2019 = STATS_2020.replace(/2020年/g, '2019年').replace(/2021年1月26日/, '2020年1月20日').replace('\t3\t+3\t126', '\t2\t+1\t120').replace('\t14\t-2\t9', '\t15\t-1\t11');
    const previous = digestOf(y2019);
    assert.equal(previous.year, 2019);
    assert.deepEqual(codes(checkText(STATS_2020, { previous }).diagnostics, 'XR502'), []);
    const off = STATS_2020.replace('\t14\t-2\t9', '\t13\t-2\t9');
    const found = codes(checkText(off, { previous }).diagnostics, 'XR502');
    assert.deepEqual(found.map((d) => [d.code, d.severity, d.row, d.actual, d.expected]), [['XR502', 'warning', '行政处罚', 13, 14]]);
    assert.equal(found[0].related!.length, 2, 'last year\'s items and change');
  });

  it('X-VALID (2021 format both years) is a hint: 现行有效件数 ≈ last year\'s + 制发 − 废止', () => {
    const previous = digestOf(EXAMPLE_2022);
    // example2023: 行政规范性文件 1 issued, 0 repealed, 10 in force = 9 + 1 − 0.
    assert.deepEqual(codes(checkText(example2023(), { previous }).diagnostics), []);
    const off = example2023().replace('| 行政规范性文件 | 1 | 0 | 10 |', '| 行政规范性文件 | 1 | 0 | 12 |');
    assert.deepEqual(codes(checkText(off, { previous }).diagnostics).map((d) => [d.code, d.severity, d.actual, d.expected]), [['XR502', 'hint', 12, 10]]);
  });

  it('X-SAME: section 五 or 一 near-identical to last year\'s, with the percentage; an identical non-zero table 三', () => {
    const previous = digestOf(EXAMPLE_2022);
    // The 2022 text carried over unchanged but for its years and figures.
    const copied = EXAMPLE_2022.replace(/2022/g, '2023').replace(/2023年1月20日/, '2024年1月18日').replace('| 二、上年结转政府信息公开申请数量 | | | 2 | 0 | 0 | 0 | 0 | 0 | 2 |', '| 二、上年结转政府信息公开申请数量 | | | 1 | 1 | 0 | 0 | 1 | 0 | 3 |');
    const found = codes(checkText(copied, { previous }).diagnostics, 'XR503');
    assert.deepEqual(found.map((d) => d.message.match(/第(.)部分/)?.[1] ?? 'table'), ['一', '五']);
    for (const d of found) assert.match(d.message, /有 100% 相同（内容雷同）/);
    const sameTable = EXAMPLE_2022.replace(/2022/g, '2023').replace(/2023年1月20日/, '2024年1月18日');
    assert.ok(codes(checkText(sameTable, { previous }).diagnostics, 'XR503').some((d) => /表三的数字/.test(d.message)));
  });

  it('not last year\'s: another agency, a gap year, the same year, or no previous report at all', () => {
    const text = example2023('| 9 | 9 | 9 | 9 | 9 | 9 | 54 |');
    for (const other of [EXAMPLE_2022.replace(/示例县交通运输局/g, '示例县水务局'), EXAMPLE_2022.replace(/2022/g, '2021'), example2023()]) {
      assert.deepEqual(codes(checkText(text, { previous: digestOf(other) }).diagnostics), []);
    }
    assert.deepEqual(codes(checkText(text).diagnostics), []);
  });

  it('settings and inline comments apply to the cross-year rules like to any other', () => {
    const previous = digestOf(EXAMPLE_2022);
    const text = example2023('| 1 | 1 | 0 | 0 | 2 | 0 | 4 |');
    assert.deepEqual(codes(checkText(text, { previous, rules: { 'carry-over': 'off' } }).diagnostics), []);
    assert.equal(codes(checkText(text, { previous, rules: { XR501: 'error' } }).diagnostics)[0].severity, 'error');
    assert.deepEqual(codes(checkText(`<!-- xxgk-disable-file XR501 -->\n${text}`, { previous }).diagnostics), []);
  });
});

describe('next year\'s skeleton (core)', () => {
  const sources: [string, string][] = [
    ['markdown, 2021 format', EXAMPLE_2022],
    ['one cell per line, 2019 format', readFixture('002_3f5e56868c97c344.txt')],
    ['tab-separated, 2019 format', readFixture('001_61ad5134df80a2d8.txt')],
    ['one cell per line, 2021 format', readFixture('003_31cf96be23961926.txt')],
  ];
  for (const [name, text] of sources) {
    it(`${name}: the 2021 format, the same flattening, 上年结转 = this year's 四, the rest blank`, () => {
      const model = parseReport(text);
      const s = nextYearSkeleton(model)!;
      const next = parseReport(s.text);
      assert.equal(s.year, model.year! + 1);
      assert.equal(next.year, s.year);
      assert.equal(next.template, '2021');
      assert.equal(next.tables['三']!.flattening, model.tables['三']!.flattening);
      assert.deepEqual(next.sections.map((x) => x.number), ['一', '二', '三', '四', '五', '六']);
      const row = (m: typeof model, key: string) => m.tables['三']!.rows.find((r) => r.key === key)!.cells.map((c) => c.text);
      assert.deepEqual(row(next, 'carriedIn'), row(model, 'carriedOut'));
      assert.ok(row(next, 'new').every((c) => c === ''), 'this year\'s own figures are blank, not 0');
      const inForce = (m: typeof model) => m.tables['二']!.rows.filter((r) => r.key?.startsWith('t1.')).map((r) => r.cells.find((c) => c.columnKey === 'inForce')?.text);
      assert.deepEqual(inForce(next), model.template === '2021' ? inForce(model) : ['', '']);
      // Last year's check of the skeleton finds nothing to object to in what was carried.
      assert.deepEqual(codes(checkText(s.text, { previous: digestReport(model) }).diagnostics), []);
    });
  }
  it('keeps CRLF line ends', () => {
    const s = nextYearSkeleton(parseReport(EXAMPLE_2022.replace(/\n/g, '\r\n')))!;
    assert.ok(!/[^\r]\n/.test(s.text));
  });
  it('no year, no skeleton', () => assert.equal(nextYearSkeleton(parseReport(EXAMPLE_2022.replace(/20\d\d年/g, ''))), null));
});

describe('command line: the agency-year index', () => {
  const files = [
    { path: '/r/2022-示例县交通运输局.md', display: '2022-示例县交通运输局.md', text: EXAMPLE_2022 },
    { path: '/r/2023-示例县交通运输局.md', display: '2023-示例县交通运输局.md', text: example2023() },
    { path: '/r/2020-示例市统计局.txt', display: '2020-示例市统计局.txt', text: STATS_2020 },
    { path: '/r/notes.txt', display: 'notes.txt', text: '会议记录\n\n今天讨论了年度报告的写法。\n' },
  ].map((f) => ({ ...f, root: '/r', explicit: false }));
  const reader = () => {
    const reads: string[] = [];
    return { reads, read: (f: { path: string }) => (reads.push(f.path), files.find((x) => x.path === f.path)!.text) };
  };
  const full = (digest: ReportDigest | undefined) => digest && { ...digest };
  const expected = digestReport(parseReport(EXAMPLE_2022), undefined, { uri: '2022-示例县交通运输局.md', name: '2022-示例县交通运输局.md' });

  it("last year's digest is the report's own, made from the model its check parsed when that came first", () => {
    const { reads, read } = reader();
    const chains = chainReports(files, read);
    assert.equal(chains.size, 3);
    assert.equal(reads.length, 4);
    chains.parsed(files[0], parseReport(EXAMPLE_2022));
    chains.parsed(files[2], parseReport(STATS_2020)); // no 2021 report of 示例市统计局: not kept
    assert.deepEqual(full(chains.previousFor(files[1], parseReport(files[1].text))), { ...expected });
    assert.equal(reads.length, 4, 'no file read again');
    assert.equal(chains.previousFor(files[0], parseReport(EXAMPLE_2022)), undefined);
    assert.equal(chains.previousFor(files[2], parseReport(STATS_2020)), undefined);
  });

  it('or read and parsed again, once, when this year\'s report is checked first', () => {
    const { reads, read } = reader();
    const chains = chainReports(files, read);
    const model2023 = parseReport(files[1].text);
    assert.deepEqual(full(chains.previousFor(files[1], model2023)), { ...expected });
    assert.deepEqual(full(chains.previousFor(files[1], model2023)), { ...expected });
    assert.deepEqual(reads.slice(4), ['/r/2022-示例县交通运输局.md']);
  });
});

describe('command line: agency-year chains and `next`', () => {
  let dir: string;
  before(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'xxgk-cross-'));
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', '2022-示例县交通运输局.md'), EXAMPLE_2022);
    writeFileSync(join(dir, 'a', '2023-示例县交通运输局.md'), example2023('| 1 | 1 | 0 | 0 | 2 | 0 | 4 |'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });

  it('a folder: each report against last year\'s of its agency; --no-cross-year turns it off', () => {
    const r = cli(['check', '.']);
    assert.match(r.stdout, /2023-示例县交通运输局\.md:\d+:\d+  警告  XR501  上年结转「总计」为 4，而 2022 年度报告（2022-示例县交通运输局\.md）/);
    assert.equal((r.stdout.match(/XR501/g) ?? []).length, 2);
    assert.doesNotMatch(cli(['check', '--no-cross-year', '.']).stdout, /XR50/);
    // One file on its own sees nothing of the other.
    assert.doesNotMatch(cli(['check', 'a/2023-示例县交通运输局.md']).stdout, /XR50/);
  });

  it('SARIF: the related location is in last year\'s file', () => {
    const log = JSON.parse(cli(['check', '--format', 'sarif', '.']).stdout);
    const result = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'XR501');
    const loc = result.relatedLocations[0].physicalLocation;
    assert.equal(decodeURIComponent(loc.artifactLocation.uri), 'a/2022-示例县交通运输局.md');
    assert.equal(loc.region.startLine, 67);
  });

  it('`next` writes the skeleton beside the report, refuses to overwrite, prints with -o -', () => {
    const r = cli(['next', 'a/2022-示例县交通运输局.md', '-o', 'next.md']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /已写入 next\.md：2023 年度报告框架/);
    const again = cli(['next', 'a/2022-示例县交通运输局.md', '-o', 'next.md']);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /已存在/);
    const printed = cli(['next', '-o', '-', 'a/2022-示例县交通运输局.md']);
    assert.equal(printed.stdout, readFileSync(join(dir, 'next.md'), 'utf8'));
    assert.equal(cli(['next']).status, 2);
  });
});

describe('language server: the workspace index, related links to last year\'s file, navigation', () => {
  let dir: string;
  let c: LspClient;
  const thisYear = () => pathToFileURL(join(dir, '2023', '2023-示例县交通运输局.md')).href;
  const lastYear = () => pathToFileURL(join(dir, '2022', '2022-示例县交通运输局.md')).href;

  before(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'xxgk-ws-'));
    mkdirSync(join(dir, '2022'));
    mkdirSync(join(dir, '2023'));
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, '2022', '2022-示例县交通运输局.md'), EXAMPLE_2022);
    writeFileSync(join(dir, '2023', '2023-示例县交通运输局.md'), example2023('| 1 | 1 | 0 | 0 | 2 | 0 | 4 |'));
    writeFileSync(join(dir, 'notes', 'readme.md'), '# 说明\n\n不是年度报告。\n');
    c = await LspClient.start({ rootUri: pathToFileURL(dir).href });
  });
  after(async () => {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Pulls until the cross-year findings are there (the first pull may come before the index). */
  async function crossDiagnostics(uri: string): Promise<Diagnostic[]> {
    for (let i = 0; i < 50; i++) {
      const found = codes(await c.diagnostics(uri));
      if (found.length > 0) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    return [];
  }

  it('finds last year\'s report on disk: XR501 on this year\'s cell, last year\'s cell as the related location', async () => {
    await c.open(thisYear(), readFileSync(join(dir, '2023', '2023-示例县交通运输局.md'), 'utf8'), 'markdown');
    const found = await crossDiagnostics(thisYear());
    assert.deepEqual(found.map((d) => [d.code, d.severity]), [['XR501', 2], ['XR501', 2]]);
    const total = found[1];
    assert.equal(total.relatedInformation![0].location.uri, lastYear());
    assert.equal(total.relatedInformation![0].location.range.start.line, 66);
  });

  it('code actions: "open last year\'s report" runs xxgkReport.openLastYear; the server shows it where the client cannot', async () => {
    const [d] = codes(await c.diagnostics(thisYear()));
    const actions = await c.codeActions(thisYear(), d.range, [d]);
    const open = actions.find((a) => a.command?.command === 'xxgkReport.openLastYear')!;
    assert.ok(open, actions.map((a) => a.title).join(' | '));
    assert.equal(open.command!.arguments![0], lastYear());
    await c.request('workspace/executeCommand', { command: open.command!.command, arguments: open.command!.arguments });
    assert.equal(c.shown.at(-1)!.uri, lastYear());
    const found = await c.request<{ uri: string; year: number } | null>('xxgkReport/lastYear', { textDocument: { uri: thisYear() } });
    assert.deepEqual([found!.uri, found!.year], [lastYear(), 2022]);
  });

  it('last year\'s report open in the editor: its live text counts, and editing it refreshes this year\'s findings', async () => {
    await c.open(lastYear(), EXAMPLE_2022, 'markdown');
    const refreshes = c.refreshes;
    // Last year's 四 corrected to what this year carried in: the warnings go.
    await c.change(lastYear(), EXAMPLE_2022.replace('| 四、结转下年度继续办理 | | | 1 | 1 | 0 | 0 | 1 | 0 | 3 |', '| 四、结转下年度继续办理 | | | 1 | 1 | 0 | 0 | 2 | 0 | 4 |'));
    await c.diagnostics(lastYear());
    await c.diagnostics(thisYear()); // the open report now uses last year's live text
    await c.change(lastYear(), c.text(lastYear()) + '\n');
    await c.waitFor(() => c.refreshes > refreshes, 'a diagnostic refresh');
    assert.deepEqual(codes(await c.diagnostics(thisYear())), []);
    await c.close(lastYear());
  });

  it('reports written after the workspace was indexed, with no file event: found by walking the folders again', async () => {
    const agency = (t: string) => t.replace(/示例县交通运输局/g, '示例县水务局');
    mkdirSync(join(dir, 'later'));
    writeFileSync(join(dir, 'later', '2022-水务局.md'), agency(EXAMPLE_2022));
    writeFileSync(join(dir, 'later', '2023-水务局.md'), agency(example2023('| 1 | 1 | 0 | 0 | 2 | 0 | 4 |')));
    const uri = pathToFileURL(join(dir, 'later', '2023-水务局.md')).href;
    await c.open(uri, readFileSync(join(dir, 'later', '2023-水务局.md'), 'utf8'), 'markdown');
    const found = await crossDiagnostics(uri);
    assert.equal(found.length, 2);
    assert.equal(found[0].relatedInformation![0].location.uri, pathToFileURL(join(dir, 'later', '2022-水务局.md')).href);
    await c.close(uri);
  });

  it('hover on a narrative number names the cell it restates', async () => {
    const text = c.text(thisYear());
    const line = text.split('\n').findIndex((l) => l.includes('办结25件'));
    const character = text.split('\n')[line].indexOf('办结25件') + 2;
    const h = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: thisYear() }, position: { line, character } });
    assert.match(h!.contents.value, /表三「（七）总计」行「总计」列 = \*\*25\*\*/);
    assert.match(h!.contents.value, /✓/);
  });

  it('next year\'s skeleton on request', async () => {
    const r = await c.request<{ text: string; year: number; name: string } | null>('xxgkReport/nextYear', { textDocument: { uri: thisYear() } });
    assert.equal(r!.year, 2024);
    assert.equal(r!.name, '2024-示例县交通运输局.md');
    assert.match(r!.text, /^# 示例县交通运输局2024年政府信息公开工作年度报告/);
  });
});
