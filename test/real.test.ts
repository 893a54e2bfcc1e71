// Real published reports beyond the seeds (test/fixtures/real): what they really contain is found,
// nothing else, in all three flattenings; and every changed number of tables 三 and 四 is caught.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, checkText, containsPosition, fixAll, parseReport, type Diagnostic } from '../server/src/core';
import { convert } from '../server/src/node/import';
import { FIXTURES, numericCells, reflatten, textAt } from './helpers/reports';

const real = (name: string) => readFileSync(join(FIXTURES, 'real', name), 'utf8');
const FLATTENINGS = ['cell-per-line', 'tsv', 'markdown'] as const;
const key = (d: Diagnostic) => [d.code, d.severity, d.table ?? '', d.row ?? '', d.column ?? '', d.expected ?? '', d.actual ?? ''].join('|');
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');

describe('上海市人民政府办公厅 2019: zeros left blank', () => {
  const text = real('001_shanghai-szfbgt_2019.txt');
  it('reads the 2019 format, all 23 rows of table 三 and the 15 cells of table 四', () => {
    const { model } = checkText(text);
    assert.equal(model.year, 2019);
    assert.equal(model.template, '2019');
    const t3 = model.tables['三']!.rows.filter((r) => r.kind === 'data');
    assert.equal(t3.length, 23);
    assert.ok(t3.every((r) => r.aligned && r.cells.length === 7));
    assert.equal(model.tables['四']!.rows.find((r) => r.key === 'row')!.cells.length, 15);
  });

  it('no error: one blank-cell finding per table, saying the identities hold with blanks as 0', () => {
    const ds = checkText(text).diagnostics;
    assert.deepEqual(errors(ds), []);
    assert.deepEqual(ds.filter((d) => /^XR1/.test(d.code) && d.severity !== 'hint'), []);
    const blanks = ds.filter((d) => d.code === 'XR201');
    assert.deepEqual(blanks.map((d) => [d.table, d.related!.length]), [['三', 126], ['四', 9]]);
    assert.ok(blanks.every((d) => /按 0 计时本表勾稽关系成立/.test(d.message)));
  });

  it("XR201's fix fills the blanks, its blank totals with their sums: no identity breaks, in every flattening", () => {
    for (const f of FLATTENINGS) {
      let filled = reflatten(text, f);
      for (const table of ['三', '四']) {
        const d = checkText(filled).diagnostics.find((x) => x.code === 'XR201' && x.table === table)!;
        filled = applyEdits(filled, d.fixes[0].edits);
      }
      const { model, diagnostics } = checkText(filled);
      assert.deepEqual(diagnostics.filter((d) => /^XR[12]/.test(d.code)).map(key), [], f);
      const t3 = model.tables['三']!.rows.filter((r) => r.kind === 'data');
      assert.ok(t3.every((r) => r.cells.every((c) => c.value.kind === 'number')), f);
      // 一、本年新收: 自然人 821, 商业企业 35, 法律服务机构 2, 其他 1, 总计 859 as published.
      assert.equal(t3.find((r) => r.key === 'new')!.cells.map((c) => c.text).join(' '), '821 35 0 0 2 1 859', f);
      // （二）部分公开: only 自然人 3 published, its 总计 blank: filled with the sum.
      assert.equal(t3.find((r) => r.key === 'partial')!.cells.map((c) => c.text).join(' '), '3 0 0 0 0 0 3', f);
    }
  });

  it('the same findings in every flattening', () => {
    const base = checkText(text).diagnostics.map(key).sort();
    for (const f of FLATTENINGS) assert.deepEqual(checkText(reflatten(text, f)).diagnostics.map(key).sort(), base, f);
  });

  it('every changed number is caught; where its row total is filled in it is located and fix-all restores it', () => {
    let mutations = 0;
    let located = 0;
    for (const f of FLATTENINGS) {
      const original = reflatten(text, f);
      for (const { table, row, cell } of numericCells(parseReport(original))) {
        const v = cell.value.number!;
        const changed = String(v >= 5 && v % 2 === 0 ? v - 3 : v + 3);
        const mutated = applyEdits(original, [{ range: cell.valueRange, newText: changed }]);
        const arithmetic = checkText(mutated).diagnostics.filter((d) => /^XR1/.test(d.code) && d.severity !== 'hint');
        const where = `${f} 表${table} ${row.label} ${cell.column} ${v}→${changed}`;
        assert.ok(arithmetic.length > 0, `not flagged: ${where}`);
        mutations++;
        const total = row.cells.find((c) => c.columnKey === (table === '三' ? 'total' : `c${Math.ceil(Number(cell.columnKey!.slice(1)) / 5) * 5}`))!;
        if (total.value.kind === 'blank') continue; // a row whose total is not filled in crosses no column
        if (table === '四' && cell !== total) continue; // a 复议/诉讼 result is checked by its group total only
        const on = arithmetic.find((d) => containsPosition(d.range, cell.range.start));
        assert.ok(on, `not on the changed cell: ${where}`);
        assert.equal(on.expected, v, where);
        if (table === '三') assert.equal(fixAll(mutated).text, original, `fix-all does not restore: ${where}`);
        // A group 总计 of 四: its recompute is offered (a result may be the wrong one), fix-all leaves it.
        else assert.equal(applyEdits(mutated, on.fixes[0].edits), original, `the offered fix does not restore: ${where}`);
        located++;
      }
    }
    assert.ok(mutations >= 3 * 40 && located >= 3 * 10, `${mutations} mutations, ${located} located`);
  });
});

describe('上海市 2020: real arithmetic errors', () => {
  const text = real('002_shanghai-city_2020.txt');
  const check = (t: string) => checkText(t).diagnostics;

  it('finds row 一 总计 29130 against its sum 29126, without a fix that would break the balance', () => {
    const d = check(text).find((x) => x.code === 'XR101')!;
    assert.equal(textAt(text, d.range), '29130');
    assert.equal(d.expected, 29126);
    assert.equal(d.actual, 29130);
    assert.equal(d.fixes.length, 0);
  });

  it('finds 一 + 二 ≠ （七）+ 四 in the five columns where it fails, and nothing else is an error', () => {
    const ds = check(text);
    assert.deepEqual(
      ds.filter((d) => d.code === 'XR103').map((d) => d.column),
      ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构'],
    );
    assert.deepEqual(errors(ds).map((d) => d.code).sort(), ['XR101', 'XR103', 'XR103', 'XR103', 'XR103', 'XR103']);
  });

  it('reads the caption with a footnote mark and the footnote row of table 二 without a finding', () => {
    const ds = check(text);
    assert.deepEqual(ds.filter((d) => d.table === '二'), []);
    const t2 = parseReport(text).tables['二']!;
    assert.equal(t2.rows.filter((r) => r.kind === 'caption').length, 5);
    assert.equal(t2.rows.filter((r) => r.kind === 'data').length, 8);
  });

  it('the same findings in every flattening', () => {
    const base = check(text).map(key).sort();
    for (const f of FLATTENINGS) assert.deepEqual(check(reflatten(text, f)).map(key).sort(), base, f);
  });
});

describe('the published web pages give the same findings as their text', () => {
  // Header and data rows of 上海's table 二 split their grid columns differently (a span written as a
  // value and an empty cell): the values are still placed, column by column.
  const key = (d: Diagnostic) => [d.code, d.severity, d.table ?? '', d.row ?? '', d.column ?? '', d.expected ?? '', d.actual ?? ''].join('|');
  for (const name of ['001_shanghai-szfbgt_2019', '002_shanghai-city_2020']) {
    it(name, () => {
      const page = convert(readFileSync(join(FIXTURES, 'real', `${name}.html`)));
      assert.deepEqual(checkText(page.text).diagnostics.map(key).sort(), checkText(real(`${name}.txt`)).diagnostics.map(key).sort());
    });
  }
});
