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
