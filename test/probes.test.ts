// Probe reports (test/fixtures/probes): reports written for this project by agencies that do not exist,
// each in a form real reports take that the seeds do not show, reduced to what misread it. Each holds the
// findings it should give, and a planted wrong number is flagged on its cell and fixed back.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, checkText, fixAll, parseReport } from '../server/src/core';
import { FIXTURES } from './helpers/reports';

const probe = (name: string) => readFileSync(join(FIXTURES, 'probes', name), 'utf8');
/** `XR101@34:28`: code, 1-based line and column of the finding's start. */
const findings = (text: string) => checkText(text).diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`);

describe('probe reports: forms the seeds do not show', () => {
  it('TSV with row （二）\'s label in two paragraphs, the note on a line of its own: one row, no finding', () => {
    assert.deepEqual(findings(probe('tsv-partial-label-two-paragraphs.txt')), []);
  });

  it('the same with a number of that row changed: flagged on the cell, fix-all restores the text', () => {
    const wrong = probe('tsv-partial-label-two-paragraphs-wrong-number.txt');
    assert.deepEqual(findings(wrong), ['XR101@34:28']);
    assert.equal(fixAll(wrong).text, probe('tsv-partial-label-two-paragraphs.txt'));
  });

  it('PDF text with a group label after its first sub-row: no label "variant" that names the same words', () => {
    assert.deepEqual(findings(probe('pdf-group-label-after-first-row.txt')), []);
  });

  it('one cell per line, table 二\'s unit on the line under its number (`→17` / `件`, `→1268.45` / `万元`): one cell', () => {
    assert.deepEqual(findings(probe('table2-amount-unit-on-next-line.txt')), []);
    // The count's unit is noted (XR207), as on one line; no value goes missing.
    assert.deepEqual(findings(probe('table2-count-unit-on-next-line.txt')), ['XR207@75:2']);
  });

  it('one cell per line, a blank line cutting a row before its 总计: fix-all writes over no number', () => {
    // The row's two labels and six numbers under `三、本年度办理结果` were an author's subtotal of that
    // group, and fix-all "recomputed" it, zeroing 14, 2 and 1 of row （一）. The misreading stays reported.
    const text = probe('cpl-blank-line-before-row-total.txt');
    assert.equal(fixAll(text).text, text);
    assert.ok(!checkText(text).diagnostics.some((d) => d.code === 'XR105'));
  });

  it('markdown with a number in bold (`**2**`, a bold Word cell converted): the number, fixed inside its marks', () => {
    assert.deepEqual(findings(probe('md-bold-total.md')), []);
    const wrong = probe('md-bold-total-wrong.md');
    assert.deepEqual(findings(wrong), ['XR101@31:54']);
    assert.equal(fixAll(wrong).text, probe('md-bold-total.md'));
  });

  it('markdown whose header swaps two applicant columns (in every row too): each value under its own name', () => {
    // The narrative's 社会公益组织 1件 and 法律服务机构 2件 agree with the cells under those names.
    assert.deepEqual(findings(probe('md-columns-swapped.md')), []);
    const wrong = probe('md-columns-swapped-wrong.md');
    const [d] = checkText(wrong).diagnostics;
    assert.equal(`${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1} ${d.column}`, 'XR101@31:40 法律服务机构');
    assert.equal(fixAll(wrong).text, probe('md-columns-swapped.md'));
  });

  it('PDF text (one cell per line, no TAB, no blank lines) with labels wrapped onto the next lines: one cell each', () => {
    // `一、本年新收政府信息公开申请` / `数量`; `1.本机关不掌握相关` / `政府信息`; `（二）部分公开（区分处理的，` / `只计…`.
    for (const name of ['pdf-label-wrapped.txt', 'pdf-sub-row-label-wrapped.txt', 'pdf-partial-label-wrapped.txt']) {
      assert.deepEqual(findings(probe(name)), [], name);
      const t3 = parseReport(probe(name)).tables['三']!;
      assert.equal(t3.rows.filter((r) => r.kind === 'data' && r.aligned && r.cells.length === 7).length, 25, name);
    }
  });

  it('zeros written `—` across a table: one XR202 for the table, every cell a related location', () => {
    const seed = readFileSync(join(FIXTURES, '000_3725ac3a3e618302.txt'), 'utf8');
    const at = seed.indexOf('三、收到和处理政府信息公开申请情况');
    const end = seed.indexOf('四、政府信息公开行政复议');
    const dashed = seed.slice(0, at) + seed.slice(at, end).replace(/^\t0$/gm, '\t—') + seed.slice(end);
    const found = checkText(dashed).diagnostics.filter((d) => d.code === 'XR202');
    assert.equal(found.length, 1);
    assert.equal(found[0].related?.length, 161);
    assert.match(found[0].message, /^表三有 161 个单元格用「—」等代替数字/);
    // Its fix (offered, not applied by fix-all, as for one cell) gives the zeros back.
    assert.equal(fixAll(dashed).text, dashed);
    assert.equal(applyEdits(dashed, found[0].fixes![0].edits), seed);
    // Two placeholders stay two findings, each on its cell.
    const two = seed.slice(0, at) + seed.slice(at, end).replace(/^\t0$/m, '\t—').replace(/^\t0$/m, '\t/') + seed.slice(end);
    assert.deepEqual(checkText(two).diagnostics.filter((d) => d.code === 'XR202').map((d) => d.message.slice(0, 4)), ['「—」不', '「/」不']);
  });

  it('full-width digits or a unit in many cells of a table: one finding for the table (XR210, XR207), one fix for all', () => {
    const seed = readFileSync(join(FIXTURES, '000_3725ac3a3e618302.txt'), 'utf8');
    const at = seed.indexOf('三、收到和处理政府信息公开申请情况');
    const end = seed.indexOf('四、政府信息公开行政复议');
    const some = (to: string, n: number) => {
      let t3 = seed.slice(at, end);
      for (let k = 0; k < n; k++) t3 = t3.replace(/^\t0$/m, `\t${to}`);
      return seed.slice(0, at) + t3 + seed.slice(end);
    };
    for (const [to, code, message] of [['０', 'XR210', /^表三有 5 个数字写法不规范（如「０」，全角数字）/], ['0件', 'XR207', /^表三有 5 个件数单元格写了单位（如「件」）/]] as const) {
      const many = some(to, 5);
      const found = checkText(many).diagnostics.filter((d) => d.code === code);
      assert.equal(found.length, 1, code);
      assert.match(found[0].message, message);
      assert.equal(found[0].related?.length, 5);
      assert.equal(applyEdits(many, found[0].fixes![0].edits), seed);
      // Two stay two findings, each on its cell.
      assert.equal(checkText(some(to, 2)).diagnostics.filter((d) => d.code === code).length, 2, code);
    }
  });

  it('the narrative: outcomes, reasons naming one row, subtotal rows and one kind of lawsuit are not group totals', () => {
    // `其中行政复议被纠错2件`, `行政复议后又起诉5件`; `因保护第三方合法权益不予公开1件`; `其中1件尚未审结`;
    // `未发生复议后起诉的行政诉讼`; an author's 小计 rows (their XR009 stays: they are not the template's).
    assert.deepEqual(findings(probe('narrative-review-outcomes.txt')), []);
    assert.deepEqual(findings(probe('narrative-sub-row-reasons.md')), []);
    assert.deepEqual(findings(probe('narrative-outcome-after-number.md')), []);
    assert.deepEqual(findings(probe('narrative-one-kind-of-lawsuit.md')), []);
    assert.deepEqual(findings(probe('narrative-subtotal-rows.txt')), ['XR009@42:3', 'XR009@46:3', 'XR009@52:3']);
    // The totals in the same sentences are still compared.
    const wrong = (name: string, from: string, to: string) => {
      const text = probe(name);
      assert.ok(text.includes(from), from);
      return findings(text.replace(from, to)).filter((f) => f.startsWith('XR401'));
    };
    assert.equal(wrong('narrative-review-outcomes.txt', '被申请行政复议15件', '被申请行政复议16件').length, 1);
    assert.equal(wrong('narrative-one-kind-of-lawsuit.md', '被提起行政诉讼2件', '被提起行政诉讼3件').length, 1);
    assert.equal(wrong('narrative-outcome-after-number.md', '被提起行政诉讼2件', '被提起行政诉讼3件').length, 1);
  });

  it('the narrative: one kind of applicant or outcome negated, a series of years, `办理中`: not this year\'s totals', () => {
    // `未收到科研机构提出的申请`, `全年未发生行政复议纠错案件`; `近三年…分别为5件、3件和2件`; `办理中发现…的有1件`.
    for (const name of ['narrative-qualified-negation.md', 'narrative-several-years.md', 'narrative-while-handling.md']) assert.deepEqual(findings(probe(name)), [], name);
    // The plain statements are still compared.
    const text = probe('narrative-qualified-negation.md');
    assert.equal(findings(text.replace('未收到科研机构提出的申请', '未收到政府信息公开申请')).filter((f) => f.startsWith('XR401')).length, 1);
    assert.equal(findings(text.replace('全年未发生行政复议纠错案件', '全年未发生行政复议案件')).filter((f) => f.startsWith('XR401')).length, 1);
  });

  it('section 一 naming last year on purpose (its report, its evaluation, its carry-over): no XR302', () => {
    const text = probe('overview-last-years-business.md');
    assert.deepEqual(findings(text), []);
    // Last year written where this year belongs is still found.
    assert.deepEqual(findings(text.replace('在2022年度全市政务公开评估中，本局获评优秀等次。', '2022年，本局收到申请240件。')).map((f) => f.split('@')[0]), ['XR302']);
  });

  it('sentences of sections 二, 三 and 四 among their tables\' lines are compared too', () => {
    // `我局作出行政许可决定480件。` (486), `共新收政府信息公开申请31件` before table 三 (30), `被申请行政复议3件。`
    // under table 四 (2): each was taken for a row of its table and never read.
    assert.deepEqual(findings(probe('narrative-in-table-sections.txt')), ['XR401@5:17', 'XR401@37:20', 'XR401@288:13']);
  });

  it('section 五 with measures written as `我局将推出…并制定…`: no XR402', () => {
    assert.deepEqual(findings(probe('section5-measures-will.md')), []);
  });

  it('a signing date in Chinese numerals, or after the agency on its line: found', () => {
    const dateOf = (last: string) => {
      const d = parseReport(`示例局2022年政府信息公开工作年度报告\n一、总体情况\n本年度……\n${last}\n`).signingDate;
      return d && `${d.year}-${d.month}-${d.day}`;
    };
    assert.equal(dateOf('二〇二三年一月十八日'), '2023-1-18');
    assert.equal(dateOf('　　二○二一年一月二十二日'), '2021-1-22');
    assert.equal(dateOf('二〇二三年十二月三十一日'), '2023-12-31');
    assert.equal(dateOf('示例市生态环境局    2023年1月18日'), '2023-1-18');
    // Dotted, dashed and bracketed forms.
    assert.equal(dateOf('2024.1.20'), '2024-1-20');
    assert.equal(dateOf('2024-01-20'), '2024-1-20');
    assert.equal(dateOf('（2024年1月20日）'), '2024-1-20');
    assert.equal(dateOf('2024.1-20'), null);
    // Not a date: a month that does not exist, or a sentence ending with one.
    assert.equal(dateOf('二〇二三年十三月一日'), null);
    assert.equal(dateOf('统计期限为2022年1月1日至2022年12月31日'), null);
  });

  it('markdown with each row\'s whole path in one label column (`三、本年度办理结果/（三）不予公开/1.属于国家秘密`): every row its own', () => {
    assert.deepEqual(findings(probe('md-label-paths.md')), []);
    const text = probe('md-label-paths.md');
    for (const [from, to, at] of [
      ['| 三、本年度办理结果/（三）不予公开/4.保护第三方合法权益 | 1 |', '| 三、本年度办理结果/（三）不予公开/4.保护第三方合法权益 | 4 |', 'XR101@50:'],
      ['| 三、本年度办理结果/（一）予以公开 | 8 | 3 |', '| 三、本年度办理结果/（一）予以公开 | 8 | 5 |', 'XR101@45:'],
    ]) {
      const wrong = text.replace(from, to);
      assert.notEqual(wrong, text);
      const found = findings(wrong);
      assert.equal(found.length, 1, found.join());
      assert.ok(found[0].startsWith(at), found[0]);
      assert.equal(fixAll(wrong).text, text);
    }
  });

  it('markdown with an empty row after table 四\'s values (Word\'s web export adds one to every table): no finding', () => {
    const text = probe('md-table4-empty-row.md');
    assert.deepEqual(findings(text), []);
    // A wrong result is still found: its group\'s 总计 disagrees.
    const wrong = text.replace('| 1 | 0 | 0 | 0 | 1 | 0 |', '| 1 | 2 | 0 | 0 | 1 | 0 |');
    assert.deepEqual(findings(wrong).map((f) => f.split('@')[0]), ['XR104']);
  });

  it('table 四 with its zeros blank and a group\'s 总计 blank over a 1: XR201 says that 总计 is no 0', () => {
    const blank = probe('md-table4-empty-row.md').replace('| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |', '| 1 |  |  |  | 1 | 1 |  |  |  |  |  |  |  |  |  |');
    const [d] = checkText(blank).diagnostics;
    assert.equal(d.code, 'XR201');
    assert.match(d.message, /其中 1 个总计空白而其各项之和不为 0（表四「行政诉讼·未经复议直接起诉·总计」列应为 1）/);
    assert.doesNotMatch(d.message, /；按 0 计时本表勾稽关系成立/);
  });

  it('a heading run into its paragraph in bold (`**六、其他需要报告的事项。**本年度…`, Word\'s bold heading as markdown): the section', () => {
    assert.deepEqual(findings(probe('md-bold-run-in-section6.md')), []);
    assert.deepEqual(findings(probe('md-bold-run-in-section1.md')), []);
    // A short paragraph after it is no part of the title (no XR004 whose fix would delete the sentence).
    assert.deepEqual(findings(probe('md-bold-run-in-short.md')), []);
    const model = parseReport(probe('md-bold-run-in-short.md'));
    assert.equal(model.sections[0].title, '总体情况');
  });

  it('the text after a run-in heading is the section\'s: 六\'s fee statement read (no XR404), its numbers compared (XR401)', () => {
    assert.deepEqual(findings(probe('md-run-in-section6-fee.md')), []);
    // `六、其他需要报告的事项。本年度共收到政府信息公开申请3件` against 2 in table 三.
    assert.deepEqual(findings(probe('md-run-in-section6-narrative.md')), ['XR401@69:27']);
  });

  it('a title of the author\'s own under the right numeral, in its place, over its table (`三、依申请公开情况`): that section, a notice', () => {
    const [d] = checkText(probe('md-local-title-section3.md')).diagnostics;
    assert.equal(`${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`, 'XR004@25:1');
    assert.match(d.message, /^标题「三、依申请公开情况」不是模板中的标题，按编号、位置和其后内容读作第三部分/);
    assert.deepEqual(findings(probe('md-local-title-section1.md')), ['XR004@3:1']);
    // Without its table after it, a `三、…` line is no section: 三 is missing.
    const noTable = probe('md-local-title-section3.md').replace(/^\|.*\n/gm, '');
    assert.ok(findings(noTable).some((f) => f.startsWith('XR001')));
  });

  it('tables as pandas writes them (a row of column numbers, a column of row numbers): read without either', () => {
    for (const name of ['md-pandas-index.md', 'tsv-pandas-index.txt']) {
      const text = probe(name);
      assert.deepEqual(findings(text), ['XR403@3:1'], name);
      // The 自然人 cell of （一）予以公开 (line 33, after the row number and three copies of the label).
      const lines = text.split('\n');
      const at = lines[32].search(/(?<=[|\t]\s*)0(?=\s*[|\t])/);
      lines[32] = lines[32].slice(0, at) + '2' + lines[32].slice(at + 1);
      const wrong = lines.join('\n');
      const [d] = checkText(wrong).diagnostics.filter((x) => x.severity === 'error');
      assert.deepEqual([d.code, d.range.start.line, d.range.start.character, d.column], ['XR101', 32, at, '自然人'], name);
      assert.equal(fixAll(wrong).text, text, name);
    }
  });

  it('pandas with a header of several levels (MultiIndex: tuples, or rows with an empty index cell) and table 四\'s one row numbered 0', () => {
    for (const name of ['md-pandas-multiindex.md', 'tsv-pandas-multiindex.txt']) {
      const text = probe(name);
      assert.deepEqual(findings(text), ['XR306@1:1'], name);
      // Table 四's 行政复议·结果维持 7 → 8: its group 总计 disagrees.
      const lines = text.split('\n');
      const i = lines.findIndex((l) => /^(?:\|\s*)?0(?:\s*\||\t)\s*7/.test(l));
      lines[i] = lines[i].replace(/7/, '8');
      const t4 = checkText(lines.join('\n')).diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(t4.map((d) => [d.code, d.expected, d.actual]), [['XR104', 14, 13]], name);
    }
  });

  it('pandas\' `nan` is a blank cell, pandoc\'s `\\-` a placeholder: one finding a table, no "not a number" errors', () => {
    const nan = checkText(probe('md-pandas-nan.md')).diagnostics;
    assert.deepEqual(nan.map((d) => d.code), ['XR403', 'XR201', 'XR201', 'XR201']);
    assert.match(nan[2].message, /^表三有 167 个空白单元格/);
    // A blank's fix writes over the mark.
    const fill = nan[2].fixes![0].edits[0];
    assert.equal(probe('md-pandas-nan.md').split('\n')[fill.range.start.line].slice(fill.range.start.character, fill.range.end.character), 'nan');
    const dashed = checkText(probe('md-pandoc-escaped-dash.md')).diagnostics;
    assert.deepEqual(dashed.map((d) => d.code), ['XR403', 'XR202', 'XR202', 'XR202']);
    assert.match(dashed[2].message, /^表三有 175 个单元格用「-」等代替数字/);
  });

  it('markdown as html2text writes it (no outer bars, zeros blank): a row ending in a bar keeps its blank last cell', () => {
    const text = probe('md-html2text-blank-zeros.md');
    assert.deepEqual(checkText(text).diagnostics.map((d) => d.code), ['XR403', 'XR201', 'XR201', 'XR201']);
    // The 自然人 cell of row 一 changed 3 → 6: on the cell, and fix-all writes 3 back.
    const wrong = text.replace('一、本年新收政府信息公开申请数量 | 3 |', '一、本年新收政府信息公开申请数量 | 6 |');
    const errors = checkText(wrong).diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => [d.code, d.column, d.expected]), [['XR101', '自然人', 3]]);
    assert.equal(fixAll(wrong).text, text);
  });

  it('table 四\'s header in one row of compound names (`未经复议直接起诉总计`): no notice, no fix renaming it to its group', () => {
    assert.deepEqual(findings(probe('md-table4-compound-header.md')), []);
  });

  it('a title with its year in brackets on a line of its own, `（2022年度）`: the year is the title\'s', () => {
    for (const year of ['（2022年度）', '(2022年)', '（ 2022 年度 ）']) {
      const model = parseReport(`示例局政府信息公开工作年度报告\n${year}\n一、总体情况\n本年度……\n`);
      assert.equal(model.title?.text, `示例局政府信息公开工作年度报告${year}`);
      assert.equal(model.title?.range.end.line, 1);
      assert.ok(!checkText(`示例局政府信息公开工作年度报告\n${year}\n一、总体情况\n`).diagnostics.some((d) => d.code === 'XR301'), year);
    }
    // A line of prose after the title stays out of it.
    assert.equal(parseReport('示例局政府信息公开工作年度报告\n（本报告由示例局编制）\n一、总体情况\n').title?.text, '示例局政府信息公开工作年度报告');
  });
});
