// The core on the five real reports: model, findings, the three flattenings, and fixes.

import assert from 'node:assert/strict';
import './helpers/english';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SECTIONS, applyEdits, checkText, fixAll, parseReport, type Diagnostic, type Range, type ReportModel } from '../server/src/core';
import { candidateLines, headingCandidate } from '../server/src/core/sections';
import { documentSymbols, foldingRanges } from '../server/src/providers/symbols';
import { corpus, generate } from './variants/generate';
import { HeldMemo, splitLines as toLinesOf } from '../server/src/core/text';
import { FIXTURES, SEEDS, nonZeroVariant, readFixture, reflatten, textAt } from './helpers/reports';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const byCode = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);
const codes = (ds: Diagnostic[]) => [...new Set(ds.map((d) => d.code))].sort();

interface SeedFacts {
  year: number;
  template: '2019' | '2021';
  t3Rows: number;
  /** 总计 column: 一, 二, （七）, 四 */
  t3Totals: [number, number, number, number];
  t4Totals: [number | null, number, number];
  codes: string[];
}

const FACTS: Record<string, SeedFacts> = {
  '000_3725ac3a3e618302.txt': { year: 2020, template: '2019', t3Rows: 23, t3Totals: [0, 0, 0, 0], t4Totals: [0, 0, 0], codes: ['XR004', 'XR012'] },
  '001_61ad5134df80a2d8.txt': { year: 2020, template: '2019', t3Rows: 23, t3Totals: [0, 0, 0, 0], t4Totals: [null, 0, 0], codes: ['XR012', 'XR201', 'XR301', 'XR306', 'XR308'] },
  '002_3f5e56868c97c344.txt': { year: 2020, template: '2019', t3Rows: 23, t3Totals: [15, 0, 14, 1], t4Totals: [0, 1, 0], codes: ['XR009', 'XR013', 'XR308', 'XR401'] },
  '003_31cf96be23961926.txt': { year: 2021, template: '2021', t3Rows: 25, t3Totals: [0, 0, 0, 0], t4Totals: [0, 0, 0], codes: ['XR012', 'XR013', 'XR306', 'XR403', 'XR404'] },
  '004_53e0ee0f0d02d1f7.txt': { year: 2020, template: '2019', t3Rows: 23, t3Totals: [0, 0, 0, 0], t4Totals: [0, 0, 0], codes: ['XR012', 'XR402'] },
};

function valueAt(text: string, table: '三' | '四', key: string, col: string): number | null {
  const t = parseReport(text).tables[table]!;
  const cell = t.rows.find((r) => r.key === key)?.cells.find((c) => c.columnKey === col);
  return cell && cell.value.kind === 'number' ? cell.value.number! : null;
}

describe('seed reports', () => {
  it('has all five seeds as fixtures', () => assert.equal(SEEDS.length, 5));

  for (const seed of SEEDS) {
    const facts = FACTS[seed];
    describe(seed, () => {
      const text = readFixture(seed);
      const { model, diagnostics } = checkText(text);

      it('reads year, template version and the six sections', () => {
        assert.equal(model.year, facts.year);
        assert.equal(model.template, facts.template);
        assert.deepEqual(model.sections.map((s) => s.number), ['一', '二', '三', '四', '五', '六']);
      });

      it('resolves every data row of table 三 and the 15 cells of table 四', () => {
        const t3 = model.tables['三']!;
        const data = t3.rows.filter((r) => r.kind === 'data');
        assert.equal(data.length, facts.t3Rows);
        assert.ok(data.every((r) => r.aligned && r.cells.length === 7));
        const t4 = model.tables['四']!.rows.filter((r) => r.kind === 'data');
        assert.equal(t4.length, 1);
        assert.equal(t4[0].cells.length, 15);
      });

      it('reads the key totals', () => {
        const got = (['new', 'carriedIn', 'resultsTotal', 'carriedOut'] as const).map((k) => valueAt(text, '三', k, 'total'));
        assert.deepEqual(got, facts.t3Totals);
        assert.deepEqual(['c5', 'c10', 'c15'].map((c) => valueAt(text, '四', 'row', c)), facts.t4Totals);
      });

      it('has no arithmetic error and exactly its known findings', () => {
        assert.deepEqual(diagnostics.filter((d) => /^XR1/.test(d.code)), []);
        assert.deepEqual(codes(diagnostics), facts.codes);
      });

      it('points every diagnostic at text inside the document', () => {
        for (const d of diagnostics) {
          assert.ok(d.range.start.line < model.lineCount && d.range.end.line < model.lineCount);
          textAt(text, d.range);
        }
      });
    });
  }

  it('001: the five blank 行政复议 cells of table 四 are one finding, with each cell as a related location', () => {
    const text = readFixture('001_61ad5134df80a2d8.txt');
    const blanks = byCode(checkText(text).diagnostics, 'XR201');
    assert.equal(blanks.length, 1);
    const [d] = blanks;
    assert.equal(d.table, '四');
    assert.equal(d.range.start.line, 75);
    assert.equal(textAt(text, d.range), '');
    assert.equal(d.actual, null);
    assert.match(d.message, /表四有 5 个空白单元格/);
    assert.equal(d.related!.length, 5);
    for (const r of d.related!) {
      assert.equal(r.range.start.line, 75);
      assert.equal(textAt(text, r.range), '');
    }
    assert.deepEqual(
      d.related!.map((r) => r.message),
      ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((c) => `表四「行政复议·${c}」列`),
    );
    // One explicit fix fills all five; filling a blank with 0 is never automatic.
    assert.equal(d.fixes.length, 1);
    assert.equal(d.fixes[0].preferred, false);
    assert.equal(d.fixes[0].edits.length, 5);
    assert.equal(applyEdits(text, d.fixes[0].edits).split('\n')[75], '0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0');
    // No T4-SUM evaluation for 行政复议 while its total is blank too.
    assert.deepEqual(byCode(checkText(text).diagnostics, 'XR104'), []);
  });

  it('001: the local label 社会组织 is a wording variant with the canonical text as fix', () => {
    const text = readFixture('001_61ad5134df80a2d8.txt');
    const d = byCode(checkText(text).diagnostics, 'XR012').find((x) => textAt(text, x.range) === '社会组织');
    assert.ok(d);
    assert.equal(applyEdits(text, d.fixes[0].edits).split('\n')[44].includes('社会公益组织'), true);
  });

  it('002: sub-rows of 其他对外管理服务事项 are extra rows, not errors', () => {
    const text = readFixture('002_3f5e56868c97c344.txt');
    const extra = byCode(checkText(text).diagnostics, 'XR009');
    assert.deepEqual(extra.map((d) => textAt(text, d.range)), ['行政检查', '行政确认']);
    assert.deepEqual(byCode(checkText(text).diagnostics, 'XR008'), []);
  });

  it('003: the bookmark artefact is reported and the heading behind it is still found', () => {
    const text = readFixture('003_31cf96be23961926.txt');
    const { model, diagnostics } = checkText(text);
    assert.equal(model.sections.find((s) => s.number === '三')!.line, 58);
    assert.equal(textAt(text, byCode(diagnostics, 'XR013').find((d) => d.range.start.line === 58)!.range), '[bookmark: _GoBack]');
  });

  it('000: the sub-heading （五）政府信息公开行政复议、行政诉讼情况 inside 一 is not a section', () => {
    const model = parseReport(readFixture('000_3725ac3a3e618302.txt'));
    assert.equal(model.sections.filter((s) => s.number === '四').length, 1);
    assert.equal(model.sections.find((s) => s.number === '四')!.line, 357);
  });

  it('000 with 一\'s sub-headings numbered 一、…五、 and section 四\'s heading lost: 四 is missing, its table still read', () => {
    const lines = readFixture('000_3725ac3a3e618302.txt').split('\n');
    for (let i = 11; i < 18; i++) lines[i] = lines[i].replace(/^([\s\u3000]*)（([一二三四五])）/, '$1$2、');
    assert.match(lines[17], /^\s*五、政府信息公开行政复议、行政诉讼情况/);
    assert.equal(lines[357], '四、政府信息公开行政复议、行政诉讼情况');
    lines[357] = '';
    const { model, diagnostics } = checkText(lines.join('\n'));
    // The sub-heading 五、 with 四's title sits in 一, before 二, with no table: not 四 misnumbered.
    assert.deepEqual(model.sections.map((s) => s.number).join(''), '一二三五六');
    assert.deepEqual(codes(diagnostics.filter((d) => d.severity === 'error')), ['XR001']);
    assert.equal(byCode(diagnostics, 'XR001')[0].message.includes('第四部分'), true);
    assert.deepEqual(codes(diagnostics).filter((c) => c === 'XR002' || c === 'XR014'), []);
    assert.equal(model.tables['四']?.rows.some((r) => r.kind === 'data' && r.cells.length === 15), true);
  });

  it('English messages with --locale en; rule codes unchanged', () => {
    const text = readFixture('001_61ad5134df80a2d8.txt');
    const zh = checkText(text).diagnostics;
    const en = checkText(text, { locale: 'en' }).diagnostics;
    assert.deepEqual(en.map((d) => d.code), zh.map((d) => d.code));
    assert.match(en.find((d) => d.code === 'XR201')!.message, /has 5 blank cells/);
    assert.match(zh.find((d) => d.code === 'XR201')!.message, /5 个空白单元格/);
  });
});

/** What a finding says, without its place: findings of two renderings of one report compare by it. */
const key = (d: Diagnostic) => [d.code, d.table ?? '', d.row ?? '', d.column ?? '', d.expected ?? '', d.actual ?? ''].join('|');

/** A wrong number in one cell of table 三 is found on that cell, and fix-all writes the right one back. */
function wrongNumberFoundAndFixed(text: string, model: ReportModel, row: string, column: string, by: number): void {
  const cell = model.tables['三']!.rows.find((r) => r.key === row)!.cells.find((c) => c.columnKey === column)!;
  const wrong = applyEdits(text, [{ range: cell.valueRange!, newText: String(Number(cell.text) + by) }]);
  const found = checkText(wrong).diagnostics.filter((d) => d.severity === 'error');
  assert.ok(found.some((d) => d.range.start.line === cell.range.start.line && d.range.start.character === cell.range.start.character), JSON.stringify(found.map((d) => d.message)));
  assert.equal(fixAll(wrong).text, text);
}

/** Row （二） of table 三, its label broken over two lines: read whole, a wrong number in it found and fixed. */
function wrongNumberUnderBrokenLabel(text: string, column: string, by: number): void {
  const model = parseReport(text);
  const row = model.tables['三']!.rows.find((r) => r.key === 'partial')!;
  assert.ok(row.labelCells[0].range.end.line > row.labelCells[0].range.start.line, 'the label runs over two lines');
  assert.equal(row.label, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
  wrongNumberFoundAndFixed(text, model, 'partial', column, by);
}

describe('the three flattenings give the same findings', () => {
  for (const seed of SEEDS) {
    for (const variant of [0, 1]) {
      const original = variant === 0 ? readFixture(seed) : nonZeroVariant(readFixture(seed), 7 + seed.charCodeAt(2));
      it(`${seed}${variant ? ' (non-zero variant)' : ''}`, () => {
        const base = checkText(original).diagnostics.map(key).sort();
        for (const f of ['cell-per-line', 'tsv', 'markdown'] as const) {
          const text = reflatten(original, f);
          const { model, diagnostics } = checkText(text);
          assert.equal(model.tables['三']!.flattening, f);
          assert.deepEqual(diagnostics.map(key).sort(), base, `flattening ${f}`);
        }
      });
    }
  }
});

describe('pipe rows as web pages give them: a bar after each cell, no leading bar', () => {
  // Government pages turned into text write `信息内容 | 本年制发件数 | … |`, and a row whose first (merged)
  // label cell is empty as `| （二）部分公开… | … |`. Read as the markdown table it came from.
  const barAfterCell = (markdown: string) =>
    markdown
      .split('\n')
      .filter((l) => !/^\|\s*-{3}/.test(l))
      .map((l) => (l.startsWith('|') ? l.slice(1, -1).split('|').map((c) => `${c.trim()} |`).join(' ').trim() : l))
      .join('\n');
  for (const seed of SEEDS) {
    it(seed, () => {
      // Three label columns, merged cells empty: header and sub-rows start with empty cells.
      const markdown = generate({ seed, data: 'nonzero', flattening: 'markdown', classes: ['merge.labelColumns'], rngSeed: 11 })!.text;
      const text = barAfterCell(markdown);
      assert.ok(/\n\| /.test(text) && !/\n\| -/.test(text), 'rows start with their empty label cells, no separator line');
      const { model, diagnostics } = checkText(text);
      assert.equal(model.tables['三']!.flattening, 'markdown');
      assert.deepEqual(diagnostics.map(key).sort(), checkText(markdown).diagnostics.map(key).sort());
      // The seed as it is (001's table 四 writes its one row of values after five empty cells).
      for (const original of [readFixture(seed), nonZeroVariant(readFixture(seed), 11 + seed.charCodeAt(2))]) {
        const asIs = checkText(barAfterCell(reflatten(original, 'markdown'))).diagnostics;
        assert.deepEqual(asIs.map(key).sort(), checkText(original).diagnostics.map(key).sort());
        // Rows as Word's TSV has them (a merged label cell left out, the row shorter), a bar after each cell.
        const fromTsv = reflatten(original, 'tsv')
          .split('\n')
          .map((l) => (l.includes('\t') ? l.split('\t').map((c) => `${c.trim()} |`).join(' ').trim() : l))
          .join('\n');
        assert.deepEqual(checkText(fromTsv).diagnostics.map(key).sort(), checkText(original).diagnostics.map(key).sort(), 'TSV rows');
      }
      wrongNumberFoundAndFixed(text, model, 'new', 'business', 3);
    });
  }
  it('every class of the variation corpus, written so, gives the findings of its markdown form', () => {
    let documents = 0;
    // Not cell.paragraphs: its broken rows open with a bar and close on a later line, and this rewriting
    // (a bar after each cell) is defined for whole rows only.
    for (const spec of corpus({ singles: 1, combined: 5, base: 0 }).filter((x) => x.flattening === 'markdown' && !x.classes.includes('cell.paragraphs'))) {
      const v = generate(spec);
      if (!v) continue;
      documents++;
      const text = barAfterCell(v.text);
      assert.deepEqual(checkText(text).diagnostics.map(key).sort(), checkText(v.text).diagnostics.map(key).sort(), `${spec.seed} ${spec.classes.join('+')} ${spec.rngSeed}`);
    }
    assert.ok(documents > 200, `${documents} documents`);
  });
  it('column names wrapped onto the next header line (`商业 | 科研 |` over `企业 | 机构 |`) are one name each', () => {
    // Each cell of a header line split in two at the same places: the names the halves make together.
    const wrap = (line: string, sep: string, end: string) => {
      const cells = (end ? line.slice(0, line.lastIndexOf(end)) : line).split(sep);
      const upper = cells.map((c) => c.replace(/^(\s*)(商业|科研)(企业|机构)(\s*)$/, '$1$2$4'));
      const lower = cells.map((c) => (/^\s*(商业企业|科研机构)\s*$/.test(c) ? c.replace(/商业企业|科研机构/, (w) => w.slice(2)) : c.replace(/\S.*\S|\S/, '')));
      return [upper.join(sep) + end, lower.join(sep) + end];
    };
    for (const seed of SEEDS) {
      for (const flattening of ['tsv', 'markdown'] as const) {
        const v = generate({ seed, data: 'nonzero', flattening, classes: ['merge.labelColumns'], rngSeed: 5 })!;
        const text = flattening === 'tsv' ? v.text : barAfterCell(v.text);
        const lines = text.split('\n');
        const at = lines.findIndex((l) => l.includes('商业企业') && l.includes('科研机构'));
        lines.splice(at, 1, ...(flattening === 'tsv' ? wrap(lines[at], '\t', '') : wrap(lines[at], '|', '|')));
        const wrapped = lines.join('\n');
        assert.ok(/^\s*(\|\s*)*企业\s*[|\t]\s*机构/m.test(wrapped), wrapped.split('\n')[at + 1]);
        assert.deepEqual(checkText(wrapped).diagnostics.map(key).sort(), checkText(v.text).diagnostics.map(key).sort(), `${seed} ${flattening}`);
      }
    }
  });
  it('a row without its leading bar, and one without any outer bar, in a table written with them', () => {
    const rows = ['| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |', '| --- | --- | --- | --- |', '规章 | 1 | 0 | 3 |', '行政规范性文件 | 2 | 1 | 9'];
    const t = parseReport(['二、主动公开政府信息情况', '', '| 第二十条第（一）项 | | | |', ...rows, ''].join('\n')).tables['二']!;
    const cells = (k: string) => t.rows.find((r) => r.key === k)!.cells.map((c) => c.text);
    assert.deepEqual(cells('t1.rules').slice(0, 3), ['1', '0', '3']);
    assert.deepEqual(cells('t1.norms').slice(0, 3), ['2', '1', '9']);
  });
});

describe('merged cells written into every position they span (tables exported by pandas or python-docx)', () => {
  const t2Readings = (text: string) =>
    parseReport(text)
      .tables['二']!.rows.filter((r) => r.kind === 'data' || r.kind === 'extra')
      .map((r) => `${r.key ?? r.label}:${r.aligned ? '' : '!'}${r.cells.map((c) => `${c.columnKey}=${c.text}`).join(',')}`);
  it('table 二 reads as it does written the Word way, every seed in every flattening', () => {
    let repeatedValues = 0;
    for (const seed of SEEDS)
      for (const flattening of ['cell-per-line', 'tsv', 'markdown'] as const) {
        const v = generate({ seed, data: 'seed', flattening, classes: ['merge.repeated'], rngSeed: 1 })!;
        const label = `${seed} ${flattening}`;
        // The rendering repeats what it must: captions across the table, and values of spanning columns.
        assert.ok(v.text.includes('第二十条第（一）项' + (flattening === 'markdown' ? ' | ' : flattening === 'tsv' ? '\t' : '\n\t') + '第二十条第（一）项'), label);
        if (/(\d+(?:\.\d+)?(?:万元)?)\t\1\t\1\s*$|\| (\d+(?:\.\d+)?(?:万元)?) \| \2 \|\s*$/m.test(v.text)) repeatedValues++;
        assert.deepEqual(t2Readings(v.text), t2Readings(v.canonical.text), label);
        const wrong = checkText(v.text).diagnostics.filter((d) => d.severity === 'error' || d.code === 'XR011');
        assert.deepEqual(wrong.map((d) => `${d.code} ${d.message}`), [], label);
      }
    assert.ok(repeatedValues >= 5, `renderings with a repeated value: ${repeatedValues}`);
  });
  it('a misspelt label written into each position it spans: one XR012, on the first, whose fix renames every copy', () => {
    for (const flattening of ['tsv', 'markdown', 'cell-per-line'] as const) {
      const v = generate({ seed: '003_31cf96be23961926.txt', data: 'seed', flattening, classes: ['merge.repeated'], rngSeed: 1 })!;
      const right = '二、上年结转政府信息公开申请数量';
      const wrong = '二、上年结转府息公开申请数量';
      const copies = v.text.split(right).length - 1;
      assert.ok(copies >= 3, `${flattening}: ${copies}`);
      const text = v.text.replaceAll(right, wrong);
      const found = byCode(checkText(text).diagnostics, 'XR012').filter((d) => d.message.includes(wrong));
      assert.equal(found.length, 1, flattening);
      const line = text.split('\n')[found[0].range.start.line];
      assert.equal(found[0].range.start.character, line.indexOf(wrong), flattening);
      assert.equal(applyEdits(text, found[0].fixes[0].edits), v.text, flattening);
    }
  });
  const table2 = (...rows: string[]) => parseReport(['二、主动公开政府信息情况', '', ...rows, ''].join('\n')).tables['二']!;
  const cells = (t: ReturnType<typeof table2>, key: string) => t.rows.find((r) => r.key === key)!.cells.map((c) => `${c.columnKey}=${c.text}`);
  it('equal values in two columns stay two values: the header says which positions are one column', () => {
    const t = table2(
      '| 第二十条第（一）项 | 第二十条第（一）项 | 第二十条第（一）项 | 第二十条第（一）项 | 第二十条第（一）项 |',
      '| --- | --- | --- | --- | --- |',
      '| 信息内容 | 本年新制作数量 | 本年新公开数量 | 本年新公开数量 | 对外公开总数量 |',
      '| 规章 | 12 | 12 | 12 | 287 |',
      '| 规范性文件 | 554 | 554 | 554 | 2804 |',
    );
    assert.deepEqual(cells(t, 't1.rules'), ['made=12', 'published=12', 'publicTotal=287']);
    assert.deepEqual(cells(t, 't1.norms'), ['made=554', 'published=554', 'publicTotal=2804']);
  });
  it('a row whose spans differ from the header\'s (web pages): its repeated cells are one value', () => {
    const t = table2(
      '第二十条第（五）项\t第二十条第（五）项\t第二十条第（五）项\t第二十条第（五）项\t第二十条第（五）项',
      '信息内容\t上一年项目数量\t本年增/减\t本年增/减\t处理决定数量',
      '行政许可\t893\t893\t-183\t12854581',
      '其他对外管理服务事项\t16334\t16334\t+5174\t77300440',
    );
    assert.deepEqual(cells(t, 't5.license'), ['items=893', 'change=-183', 'decisions=12854581']);
    assert.deepEqual(cells(t, 't5.other'), ['items=16334', 'change=+5174', 'decisions=77300440']);
  });
  it('without repeated captions or headers, a row with a value too many is still not guessed', () => {
    const t = table2('第二十条第（五）项', '信息内容\t上一年项目数量\t本年增/减\t处理决定数量', '行政许可\t893\t893\t-183\t12854581');
    const row = t.rows.find((r) => r.key === 't5.license')!;
    assert.equal(row.aligned, false);
    assert.equal(row.placement, 'more');
  });
});

describe('Word TSV with merged label positions left out and zeros and totals blank', () => {
  // Rows end where the table ends; a row that lacks leading positions lost them to a merge, and a row
  // as wide as the table lost none, however many shifts its blank cells would allow.
  const rows = [
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况\t\t\t\t\t\t',
    '\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计',
    '\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t',
    '一、本年新收政府信息公开申请数量\t\t\t15\t\t\t\t\t\t',
    '二、上年结转政府信息公开申请数量\t\t\t\t\t\t\t\t\t',
    '三、本年度办理结果\t\t',
    '（一）予以公开\t\t4\t\t\t\t\t\t',
    '（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t\t1\t\t\t\t\t\t',
    '（三）不予公开\t1.属于国家秘密\t\t\t\t\t\t\t',
    ...['2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息'].map((l) => `${l}\t\t\t\t\t\t\t`),
    '7.属于行政执法案卷\t2\t\t\t\t\t\t',
    '8.属于行政查询事项\t\t\t\t\t\t\t',
    '（四）无法提供\t',
    '1.本机关不掌握相关政府信息\t7\t\t\t\t\t\t',
    ...['2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确'].map((l) => `${l}\t\t\t\t\t\t\t`),
    '（五）不予处理 1.信访举报投诉类申请\t\t\t\t\t\t\t\t',
    ...['2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息'].map((l) => `${l}\t\t\t\t\t\t\t`),
    '（六）其他处理\t\t\t\t\t\t\t\t',
    '（七）总计\t\t14\t\t\t\t\t\t',
    '四、结转下年度继续办理\t\t\t1\t\t\t\t\t\t',
  ];
  const text = ['三、收到和处理政府信息公开申请情况', '', ...rows, ''].join('\n');
  it('a full-width row keeps its values under the header', () => {
    assert.equal(valueAt(text, '三', 'new', 'natural'), 15);
    assert.equal(valueAt(text, '三', 'carriedOut', 'natural'), 1);
    assert.equal(valueAt(text, '三', 'resultsTotal', 'natural'), 14);
    assert.equal(valueAt(text, '三', 'open', 'natural'), 4);
  });
  it('so 一 + 二 = （七）总计 + 四 holds (15 + 0 = 14 + 1) and no balance finding is made up', () => {
    assert.deepEqual(byCode(checkText(text).diagnostics, 'XR103'), []);
  });
});

describe('TSV whose cells hold several paragraphs (python-docx cell.text, Word table to text; CSV quoting)', () => {
  /** Every field of a TAB row with six characters or more and no digit, broken in its middle. */
  const breakCells = (tsv: string, quote: boolean) =>
    tsv
      .split('\n')
      .map((line) =>
        !line.includes('\t')
          ? line
          : line
              .split('\t')
              .map((f) => {
                const t = f.trim();
                if (t.length < 6 || /\d/.test(t)) return f;
                const broken = `${t.slice(0, t.length >> 1)}\n${t.slice(t.length >> 1)}`;
                return quote ? `"${broken.replaceAll('"', '""')}"` : broken;
              })
              .join('\t'),
      )
      .join('\n');
  const rowLabels = (text: string, id: '二' | '三') =>
    parseReport(text)
      .tables[id]!.rows.filter((r) => r.kind === 'data' || r.kind === 'extra' || r.kind === 'unknown')
      .map((r) => `${r.key}:${r.cells.map((c) => `${c.columnKey}=${c.text}`).join(',')}`);
  for (const quote of [false, true]) {
    it(`${quote ? 'quoted the CSV way' : 'broken where the cell breaks'}: every seed reads as its one-line TSV`, () => {
      let broken = 0;
      for (const seed of SEEDS)
        for (const original of [readFixture(seed), nonZeroVariant(readFixture(seed), 5 + seed.charCodeAt(2))]) {
          const tsv = reflatten(original, 'tsv');
          const text = breakCells(tsv, quote);
          broken += text.split('\n').length - tsv.split('\n').length;
          assert.deepEqual(checkText(text).diagnostics.map(key).sort(), checkText(tsv).diagnostics.map(key).sort(), seed);
          for (const id of ['二', '三'] as const) assert.deepEqual(rowLabels(text, id), rowLabels(tsv, id), `${seed} 表${id}`);
        }
      assert.ok(broken > 100, `lines added by breaking cells: ${broken}`);
    });
  }
  it('broken before a note in brackets (`（二）部分公开` / `（区分处理的，…）`, two paragraphs of one cell): read as one line', () => {
    // The note alone is most of the long label, so it scores high on its own; only the two together are exact.
    const breakBeforeNote = (tsv: string) =>
      tsv.replace(/^([^\t\n]*?[^\t\n（(]{2,})([（(][^\t\n（）()]{6,}[）)])(?=\t)/gm, '$1\n$2');
    let broken = 0;
    for (const seed of SEEDS) {
      const tsv = reflatten(nonZeroVariant(readFixture(seed), 7 + seed.charCodeAt(2)), 'tsv');
      const text = breakBeforeNote(tsv);
      broken += text.split('\n').length - tsv.split('\n').length;
      assert.deepEqual(checkText(text).diagnostics.map(key).sort(), checkText(tsv).diagnostics.map(key).sort(), seed);
      assert.deepEqual(rowLabels(text, '三'), rowLabels(tsv, '三'), seed);
    }
    assert.ok(broken >= SEEDS.length, `lines added by breaking before notes: ${broken}`);
    wrongNumberUnderBrokenLabel(breakBeforeNote(reflatten(nonZeroVariant(readFixture('001_61ad5134df80a2d8.txt'), 9), 'tsv')), 'natural', 4);
  });
  it('a wrong number in a row whose label is broken is found on its cell and fixed back', () => {
    for (const quote of [false, true]) {
      wrongNumberUnderBrokenLabel(breakCells(reflatten(nonZeroVariant(readFixture('003_31cf96be23961926.txt'), 9), 'tsv'), quote), 'natural', 4);
    }
  });
  it('lines stay apart without evidence: a group label on its own line, quotes that open no field', () => {
    const t3 = (...rows: string[]) => parseReport(['三、收到和处理政府信息公开申请情况', '', ...rows, ''].join('\n')).tables['三']!;
    const own = t3('\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计', '（三）不予公开', '1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0');
    assert.deepEqual(own.rows.filter((r) => r.kind !== 'header').map((r) => r.key), ['deny', 'deny.1']);
    // A quote in the author's words, closed inside the cell: the text as written.
    const quoted = t3('\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计', '"三安全一稳定"类\t1\t0\t0\t0\t0\t0\t1');
    assert.equal(quoted.rows.find((r) => r.kind !== 'header')!.labelCells[0].text, '"三安全一稳定"类');
    // The corner note opening the second header line is a cell of its own, not the tail of 总计 above it.
    const corner = t3(
      '\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计',
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t',
      '一、本年新收政府信息公开申请数量\t\t\t1\t2\t3\t4\t5\t6\t21',
    );
    assert.deepEqual(corner.rows.find((r) => r.key === 'new')!.cells.map((c) => `${c.columnKey}=${c.text}`), ['natural=1', 'business=2', 'research=3', 'publicWelfare=4', 'legalService=5', 'otherOrg=6', 'total=21']);
    assert.ok(corner.headerCells.some((c) => c.text === '总计'), corner.headerCells.map((c) => c.text).join('|'));
  });
});

describe('markdown tables whose cells hold several paragraphs (a line break inside a cell)', () => {
  /** Every cell of a pipe row with six characters or more and no digit, broken in its middle. */
  const breakCells = (markdown: string) =>
    markdown
      .split('\n')
      .map((line) =>
        !line.startsWith('|')
          ? line
          : line
              .split(/(?<!\\)\|/)
              .map((f) => {
                const t = f.trim();
                if (t.length < 6 || /\d/.test(t)) return f;
                return ` ${t.slice(0, t.length >> 1)}\n${t.slice(t.length >> 1)} `;
              })
              .join('|'),
      )
      .join('\n');
  const rowLabels = (text: string, id: '二' | '三' | '四') =>
    parseReport(text)
      .tables[id]!.rows.filter((r) => r.kind === 'data' || r.kind === 'extra' || r.kind === 'unknown')
      .map((r) => `${r.key}:${r.cells.map((c) => `${c.columnKey}=${c.text}`).join(',')}`);
  it('every seed reads as its one-line markdown', () => {
    let broken = 0;
    for (const seed of SEEDS)
      for (const original of [readFixture(seed), nonZeroVariant(readFixture(seed), 3 + seed.charCodeAt(2))]) {
        const markdown = reflatten(original, 'markdown');
        const text = breakCells(markdown);
        broken += text.split('\n').length - markdown.split('\n').length;
        assert.deepEqual(checkText(text).diagnostics.map(key).sort(), checkText(markdown).diagnostics.map(key).sort(), seed);
        for (const id of ['二', '三', '四'] as const) assert.deepEqual(rowLabels(text, id), rowLabels(markdown, id), `${seed} 表${id}`);
      }
    assert.ok(broken > 100, `lines added by breaking cells: ${broken}`);
  });
  it('a wrong number in a row whose label is broken is found on its cell and fixed back', () => {
    wrongNumberUnderBrokenLabel(breakCells(reflatten(nonZeroVariant(readFixture('001_61ad5134df80a2d8.txt'), 11), 'markdown')), 'business', 5);
  });
  it('rows stay apart in a table written without closing bars, and at a blank line', () => {
    const t3 = (...rows: string[]) => parseReport(['三、收到和处理政府信息公开申请情况', '', ...rows, ''].join('\n')).tables['三']!;
    const header = '| | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计';
    const open = t3(header, '|---|---|---|---|---|---|---|---', '| （三）不予公开', '| 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0');
    assert.deepEqual(open.rows.filter((r) => r.kind !== 'header').map((r) => r.key), ['deny', 'deny.1']);
    const closed = t3(`${header} |`, '|---|---|---|---|---|---|---|---|', '| （一）予以公开', '', '| 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
    assert.deepEqual(
      closed.rows.filter((r) => r.kind !== 'header').map((r) => [r.line, r.cells.length]),
      [
        [4, 0],
        [6, 7],
      ],
      'no row runs over the blank line',
    );
  });
});

describe('rows as PDF text gives them: a label, then its values apart by spaces', () => {
  // `四、结转下年度继续办理 0 0 0 0 0 0 0`, header lines as words apart by spaces, blank cells lost.
  const spaced = (tsv: string) =>
    tsv
      .split('\n')
      .map((l) => (l.includes('\t') ? l.split('\t').filter((c) => c.trim() !== '').map((c) => c.trim()).join(' ') : l))
      .join('\n');
  // What the text can no longer say: a label notice where two label cells ran together (`其他对外管理服务事项
  // 行政检查`), a spacing notice about a header word (`商业 企业`).
  const notice = (k: string) => /^XR0(09|12)\|/.test(k);
  for (const seed of SEEDS) {
    it(seed, () => {
      const original = nonZeroVariant(readFixture(seed), 7);
      const text = spaced(reflatten(original, 'tsv'));
      assert.ok(/\S \d+ \d+ \d+ \d+ \d+ \d+ \d+$/m.test(text), 'a table 三 row as spaced text');
      const { model, diagnostics } = checkText(text);
      assert.deepEqual(diagnostics.map(key).filter((k) => !notice(k)).sort(), checkText(original).diagnostics.map(key).filter((k) => !notice(k)).sort());
      wrongNumberFoundAndFixed(text, model, 'resultsTotal', 'natural', 2);
    });
  }
  it('narrative lines ending with numbers stay narrative', () => {
    const text = ['三、收到和处理政府信息公开申请情况', '', '本年度，我单位收到申请，同比增长 12 3', '共计办理 2 件', ''].join('\n');
    const t = parseReport(text).tables['三'];
    assert.ok(!t || t.rows.every((r) => r.cells.length === 0), JSON.stringify(t?.rows.map((r) => r.cells.map((c) => c.text))));
  });
});

describe('one cell per line with its leading TABs lost (trimmed by an editor or a web form)', () => {
  const trimmed = (text: string) => text.replace(/^\t/gm, '');
  // What such text can no longer say: a label continued on the next line (`（三）不予` / `公开`, header
  // `本年新` / `制作数量`) is two cells, so a label notice may name its first part.
  const notice = (k: string) => /^XR012\|/.test(k);
  for (const seed of SEEDS) {
    for (const variant of [0, 1]) {
      it(`${seed}${variant ? ' (non-zero variant)' : ''}`, () => {
        const original = variant === 0 ? readFixture(seed) : nonZeroVariant(readFixture(seed), 5);
        const text = trimmed(reflatten(original, 'cell-per-line'));
        assert.ok(!text.includes('\t'));
        const { model, diagnostics } = checkText(text);
        assert.equal(model.tables['三']!.flattening, 'cell-per-line');
        // A blank cell is lost with its TAB: its table may say it cannot place a row's values (XR011),
        // and there is no blank left to report (XR201). Nothing else changes.
        const canonical = checkText(original).diagnostics;
        const blankTables = new Set(canonical.filter((d) => d.code === 'XR201').map((d) => d.table));
        for (const d of diagnostics.filter((x) => x.code === 'XR011')) assert.ok(blankTables.has(d.table), `XR011 in 表${d.table}, which has no blank cell`);
        const comparable = (ds: Diagnostic[]) => ds.filter((d) => d.code !== 'XR011' && d.code !== 'XR201').map(key).filter((k) => !notice(k)).sort();
        assert.deepEqual(comparable(diagnostics), comparable(canonical));
        if (variant === 1) wrongNumberFoundAndFixed(text, model, 'resultsTotal', 'natural', 3);
      });
    }
  }
  it('narrative sections with numbers in sentences are not read as cells', () => {
    const text = ['三、收到和处理政府信息公开申请情况', '', '本年度共收到申请 12 件。', '', '办结 12 件。', ''].join('\n');
    const t = parseReport(text).tables['三'];
    assert.ok(!t || t.rows.every((r) => r.cells.every((c) => !/^\d+$/.test(c.text))), JSON.stringify(t?.rows.map((r) => r.cells.map((c) => c.text))));
  });
});

describe('one cell per line without the blank lines that end rows (a table copied out of a PDF or a web page)', () => {
  // Blank lines inside each table dropped; the blank lines around a table stay (they are the document's).
  const runOn = (text: string) => {
    const lines = text.split('\n');
    return lines.filter((l, i) => !(l.trim() === '' && !l.includes('\t') && lines[i - 1]?.startsWith('\t') && lines[i + 1]?.startsWith('\t'))).join('\n');
  };
  for (const seed of SEEDS) {
    for (const variant of [0, 1]) {
      it(`${seed}${variant ? ' (non-zero variant)' : ''}`, () => {
        const original = variant === 0 ? readFixture(seed) : nonZeroVariant(readFixture(seed), 13);
        const cells = reflatten(original, 'cell-per-line');
        const text = runOn(cells);
        assert.ok(text.split('\n').length < cells.split('\n').length - 40, 'the rows run on');
        const { model, diagnostics } = checkText(text);
        assert.deepEqual(diagnostics.map(key).sort(), checkText(cells).diagnostics.map(key).sort());
        const rowsOf = (m: ReportModel) => m.tables['三']!.rows.filter((r) => r.kind === 'data').map((r) => `${r.key}:${r.cells.map((c) => c.text).join(',')}`);
        assert.deepEqual(rowsOf(model), rowsOf(parseReport(cells)));
        if (variant === 1) wrongNumberFoundAndFixed(text, model, 'deny.1', 'total', 4);
      });
    }
  }
  it('without TABs and blank cells too (text copied out of a PDF), a zero-filled table reads as before', () => {
    const original = nonZeroVariant(readFixture('003_31cf96be23961926.txt'), 3);
    const text = runOn(reflatten(original, 'cell-per-line'))
      .split('\n')
      .filter((l) => l !== '\t')
      .map((l) => l.replace(/^\t/, ''))
      .join('\n');
    const { model, diagnostics } = checkText(text);
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error').map(key), []);
    assert.equal(model.tables['三']!.rows.filter((r) => r.kind === 'data' && r.cells.length === 7).length, 25);
    wrongNumberFoundAndFixed(text, model, 'resultsTotal', 'natural', 2);
  });
});

describe('one cell per line with a bar after each (`规章 |`), empty cells as bars alone (`|||`), as web pages turn into text', () => {
  // Rows run on (no blank lines inside a table); a run of empty cells is one line of bars.
  const barred = (cells: string) => {
    const out: string[] = [];
    const lines = cells.split('\n');
    lines.forEach((l, i) => {
      if (l.trim() === '' && !l.includes('\t') && lines[i - 1]?.startsWith('\t') && lines[i + 1]?.startsWith('\t')) return;
      if (!l.startsWith('\t')) return void out.push(l);
      const cell = l.slice(1).trim();
      if (cell !== '') return void out.push(`${cell} |`);
      if (/^\|+$/.test(out[out.length - 1] ?? '')) out[out.length - 1] += '|';
      else out.push('|');
    });
    return out.join('\n');
  };
  for (const seed of SEEDS) {
    it(seed, () => {
      const cells = reflatten(nonZeroVariant(readFixture(seed), 17), 'cell-per-line');
      const text = barred(cells);
      assert.ok(/^\S.* \|$/m.test(text) && !text.includes('\t'));
      const { model, diagnostics } = checkText(text);
      assert.deepEqual(diagnostics.map(key).sort(), checkText(cells).diagnostics.map(key).sort());
      const rowsOf = (m: ReportModel) => m.tables['三']!.rows.filter((r) => r.kind === 'data').map((r) => `${r.key}:${r.cells.map((c) => c.text).join(',')}`);
      assert.deepEqual(rowsOf(model), rowsOf(parseReport(cells)));
      wrongNumberFoundAndFixed(text, model, 'open', 'natural', 5);
    });
  }
  it('table 四 left blank: its one row is a single line of fifteen bars, read as fifteen blank cells', () => {
    const cells = reflatten(readFixture(SEEDS[2]), 'cell-per-line');
    const from = cells.indexOf('\n四、政府信息公开行政复议');
    const to = cells.indexOf('\n五、', from);
    const text = barred(cells.slice(0, from) + cells.slice(from, to).replace(/^\t\d+$/gm, '\t') + cells.slice(to));
    assert.ok(/\n\|{15}\n/.test(text));
    const { model, diagnostics } = checkText(text);
    const t4 = model.tables['四']!;
    assert.deepEqual(t4.rows.flatMap((r) => r.cells).map((c) => c.value.kind), Array(15).fill('blank'));
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error').map(key), []);
    assert.equal(diagnostics.filter((d) => d.code === 'XR201' && d.table === '四').length, 1);
  });
  it('filling the blanks (XR201) writes each value before its bar and the table reads the same', () => {
    const text = barred(reflatten(readFileSync(join(FIXTURES, 'real', '001_shanghai-szfbgt_2019.txt'), 'utf8'), 'cell-per-line'));
    assert.ok(text.includes('\n|||'));
    const d = checkText(text).diagnostics.find((x) => x.code === 'XR201' && x.table === '三')!;
    const filled = applyEdits(text, d.fixes[0].edits);
    assert.ok(/\n0\|0\|/.test(filled));
    const t3 = parseReport(filled).tables['三']!.rows.filter((r) => r.kind === 'data');
    assert.equal(t3.length, 23);
    assert.ok(t3.every((r) => r.cells.length === 7 && r.cells.every((c) => c.value.kind === 'number')));
    assert.deepEqual(checkText(filled).diagnostics.filter((x) => /^XR1/.test(x.code)), []);
  });
});

describe('row labels of table 三 numbered in a house style (`（1）`, `1、`, no number)', () => {
  const styles: [string, (d: string) => string][] = [
    ['（1）', (d) => `（${d}）`],
    ['1、', (d) => `${d}、`],
    ['no number', () => ''],
  ];
  for (const seed of SEEDS) {
    for (const [style, numbered] of styles) {
      it(`${seed}: ${style}`, (t) => {
        const canonical = readFixture(seed);
        const lines = canonical.split('\n');
        const from = lines.findIndex((l) => /^(?:\s|\[bookmark: \w+\])*三、收到和处理/.test(l));
        const to = lines.findIndex((l, i) => i > from && /^\s*四、/.test(l));
        let changed = 0;
        for (let i = from; i < to; i++) {
          lines[i] = lines[i].replace(/^(\t?)(\d)[.．](?=\S)/, (_, tab: string, d: string) => (changed++, tab + numbered(d)));
        }
        // 001 is TSV with spaced labels (`1. 属于…` after other cells): the fix gives the template's words, not its text.
        if (changed === 0) return t.skip('no row label opens a line (001)');
        const text = lines.join('\n');
        const before = checkText(canonical).diagnostics.filter((d) => d.code === 'XR012' && d.table === '三');
        const found = checkText(text).diagnostics.filter((d) => d.code === 'XR012' && d.table === '三' && !before.some((b) => b.message === d.message));
        // One finding for the table, not one per row; its fix renames every such label back.
        assert.equal(found.length, 1, found.map((d) => d.message).join('\n'));
        assert.match(found[0].message, new RegExp(`只差编号写法；本表另有 ${changed - 1} 处同类写法`));
        assert.equal(applyEdits(text, found[0].fixes[0].edits), canonical);
        // Other findings are those of the canonical text.
        assert.deepEqual(
          checkText(text).diagnostics.filter((d) => d !== found[0] && !(d.code === 'XR012' && d.message === found[0].message)).map(key).sort(),
          checkText(canonical).diagnostics.map(key).sort(),
        );
      });
    }
  }
});

describe('section headings numbered `（一）` or `第一部分` throughout', () => {
  const styles: [string, (n: string) => string][] = [
    ['（一）', (n) => `（${n}）`],
    ['第一部分', (n) => `第${n}部分　`],
  ];
  for (const seed of SEEDS) {
    for (const [style, numbered] of styles) {
      it(`${seed}: ${style}`, () => {
        const canonical = readFixture(seed);
        const before = parseReport(canonical);
        const lines = canonical.split('\n');
        let changed = 0;
        for (const sec of before.sections) {
          const t = lines[sec.line];
          const m = /^(\s*(?:\[bookmark: \w+\])?)([一二三四五六])、/.exec(t);
          if (!m || m[2] !== sec.number) continue;
          lines[sec.line] = m[1] + numbered(m[2]) + t.slice(m[0].length);
          changed++;
        }
        assert.ok(changed >= 5, `${changed} headings restyled`);
        const text = lines.join('\n');
        const after = parseReport(text);
        // The same sections on the same lines, the same tables.
        assert.deepEqual(after.sections.map((x) => `${x.number}@${x.line}`), before.sections.map((x) => `${x.number}@${x.line}`));
        const rowsOf = (m: ReportModel) => (['二', '三', '四'] as const).map((id) => (m.tables[id]?.rows ?? []).map((r) => `${r.key}:${r.cells.map((c) => c.text).join(',')}`).join('|'));
        assert.deepEqual(rowsOf(after), rowsOf(before));
        // One XR005 per restyled heading (a fix back to `一、…`), the rest as for the canonical text.
        const found = checkText(text).diagnostics;
        const mark = style === '（一）' ? '「（' : '「第';
        const restyled = found.filter((d) => d.code === 'XR005' && d.message.includes(mark));
        assert.equal(restyled.length, changed);
        assert.deepEqual(
          found.filter((d) => !restyled.includes(d)).map(key).sort(),
          checkText(canonical).diagnostics.filter((d) => d.code !== 'XR005').map(key).sort(),
        );
        assert.equal(found.filter((d) => d.code === 'XR001').length, 0);
      });
    }
  }
});

describe('a heading run into its first paragraph on the same line, and a table of contents', () => {
  const tablesOf = (m: ReportModel) => (['二', '三', '四'] as const).map((id) => (m.tables[id]?.rows ?? []).map((r) => `${r.key}:${r.cells.map((c) => c.text).join(',')}`).join('|'));
  const errors = (text: string) => checkText(text).diagnostics.filter((d) => d.severity === 'error').map(key).sort();
  for (const seed of SEEDS) {
    for (const joint of ['　', '。', '']) {
      it(`${seed}: 一、五、六 run into their paragraphs with ${joint ? `\`${joint}\`` : 'nothing'} between`, (t) => {
        const canonical = readFixture(seed);
        const before = parseReport(canonical);
        const lines = canonical.split('\n');
        let joined = 0;
        // From the end, so that earlier line numbers stay valid.
        for (const sec of [...before.sections].reverse()) {
          if (!['一', '五', '六'].includes(sec.number) || !/^\s*[一五六]、/.test(lines[sec.line])) continue;
          let next = sec.line + 1;
          while (next <= sec.endLine && lines[next].trim() === '') next++;
          // A paragraph of prose, not a numbered sub-heading or a table.
          if (next > sec.endLine || lines[next].trim().length < 10 || lines[next].includes('\t') || /^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])/.test(lines[next])) continue;
          lines.splice(sec.line, next - sec.line + 1, lines[sec.line].trimEnd() + joint + lines[next].trim());
          joined++;
        }
        if (joined === 0) return t.skip('no heading of 一、五、六 here is followed by a paragraph of prose');
        assert.ok(joined >= 1);
        const text = lines.join('\n');
        const after = parseReport(text);
        assert.deepEqual(after.sections.map((x) => x.number), before.sections.map((x) => x.number));
        assert.ok(after.sections.filter((x) => x.runIn).length === joined, 'each joined heading is read as run in');
        assert.deepEqual(tablesOf(after), tablesOf(before));
        const found = checkText(text).diagnostics;
        assert.deepEqual(found.filter((d) => d.code === 'XR001' || d.code === 'XR006'), []);
        assert.deepEqual(errors(text), errors(canonical));
      });
    }
    it(`${seed}: a table of contents before 一 (with and without leaders and page numbers)`, () => {
      const canonical = readFixture(seed);
      const before = parseReport(canonical);
      const one = before.sections.find((x) => x.number === '一')!;
      for (const entry of [(t: string) => t, (t: string, k: number) => `${t}……………${k + 1}`]) {
        const lines = canonical.split('\n');
        const toc = ['目  录', '', ...before.sections.map((x, k) => entry(x.canonicalTitle, k)), ''];
        lines.splice(one.line, 0, ...toc);
        const text = lines.join('\n');
        const after = parseReport(text);
        assert.deepEqual(after.sections.map((x) => `${x.number}@${x.line}`), before.sections.map((x) => `${x.number}@${x.line + toc.length}`));
        assert.deepEqual(tablesOf(after), tablesOf(before));
        const codes = (t: string) => checkText(t).diagnostics.filter((d) => /^XR00/.test(d.code)).map(key).sort();
        assert.deepEqual(codes(text), codes(canonical));
      }
    });
  }
});

describe("a table of the author's own beside table 三 (the ways applications came in)", () => {
  const extra: Record<string, string[]> = {
    markdown: ['| 申请方式 | 当面 | 信函 | 网络 | 合计 |', '| --- | --- | --- | --- | --- |', '| 件数 | 3 | 5 | 12 | 20 |', ''],
    tsv: ['申请方式\t当面\t信函\t网络\t合计', '件数\t3\t5\t12\t20', ''],
    'cell-per-line': ['\t申请方式', '\t当面', '\t信函', '\t网络', '\t合计', '', '\t件数', '\t3', '\t5', '\t12', '\t20', ''],
  };
  for (const seed of SEEDS) {
    for (const flattening of ['markdown', 'tsv', 'cell-per-line'] as const) {
      it(`${seed}, ${flattening}: after an introducing sentence, before table 三 (with a sentence between, and adjacent: no sentence before table 三's corner note), and after it`, () => {
        const clean = reflatten(nonZeroVariant(readFixture(seed), 31), flattening);
        const lines = clean.split('\n');
        const sections = parseReport(clean).sections;
        const heading = sections.find((x) => x.number === '三')!.line;
        const next = sections.find((x) => x.number === '四')!.line;
        const after = [...lines.slice(0, next), '本年度申请办理方式如下表：', '', ...extra[flattening], ...lines.slice(next)];
        // Before table 三: in markdown the two tables may touch; elsewhere a sentence stands between them.
        const beforeLines = flattening === 'markdown' ? ['本年度收到申请的方式如下表：', '', ...extra[flattening]] : ['本年度收到申请的方式如下表：', '', ...extra[flattening], '收到和处理申请的情况如下：', ''];
        const before = [...lines.slice(0, heading + 1), '', ...beforeLines, ...lines.slice(heading + 1)];
        // Adjacent in every flattening: table 三's corner note opens its header right after the other table.
        const adjacent = [...lines.slice(0, heading + 1), '', '本年度收到申请的方式如下表：', '', ...extra[flattening], ...lines.slice(heading + 1)];
        const rowsOf = (m: ReportModel) => m.tables['三']!.rows.filter((r) => r.kind === 'data').map((r) => `${r.key}:${r.cells.map((c) => c.text).join(',')}`);
        for (const text of [after.join('\n'), before.join('\n'), adjacent.join('\n')]) {
          const { model, diagnostics } = checkText(text);
          assert.deepEqual(rowsOf(model), rowsOf(parseReport(clean)));
          assert.deepEqual(diagnostics.map(key).sort(), checkText(clean).diagnostics.map(key).sort());
          wrongNumberFoundAndFixed(text, model, 'open', 'natural', 6);
        }
      });
    }
  }
});

describe('a section heading broken over two lines (a line break inside its paragraph: PDF text, some web pages)', () => {
  for (const seed of SEEDS) {
    for (const flattening of ['cell-per-line', 'tsv', 'markdown'] as const) {
      it(`${seed}, ${flattening}: every heading of six characters or more, broken in its middle, reads as written whole`, () => {
        const clean = reflatten(readFixture(seed), flattening);
        const lines = clean.split('\n');
        const { sections } = parseReport(clean);
        const split = [...lines];
        const broken = new Set<string>();
        // From the last, so that earlier line numbers stay put.
        for (const s of [...sections].reverse()) {
          const { start, end } = s.range;
          if (start.line !== end.line || s.title.length < 6) continue;
          const at = end.character - Math.floor(s.title.length / 2);
          const t = lines[start.line];
          split.splice(start.line, 1, t.slice(0, at), t.slice(at));
          broken.add(s.number);
        }
        assert.ok(broken.size >= 4, `${broken.size} headings broken`);
        const text = split.join('\n');
        const model = parseReport(text);
        assert.deepEqual(model.sections.map((x) => x.number), sections.map((x) => x.number));
        for (const x of model.sections) if (broken.has(x.number)) assert.equal(x.range.end.line, x.range.start.line + 1, `${x.number}: its range spans both lines`);
        assert.deepEqual(checkText(text).diagnostics.map(key).sort(), checkText(clean).diagnostics.map(key).sort());
      });
    }
  }
});

describe('fixes and the outline around a heading broken over two lines', () => {
  // Seed 002 with every heading broken after its numeral, 五 in its variant wording and 一's heading gone.
  const clean = readFixture('002_3f5e56868c97c344.txt');
  const lines = clean.split('\n');
  const { sections } = parseReport(clean);
  for (const x of [...sections].reverse()) {
    const t = lines[x.range.start.line];
    const at = x.range.start.character + 2;
    const second = x.number === '五' ? t.slice(at).replace('改进情况', '改进措施') : t.slice(at);
    if (x.number === '一') lines.splice(x.range.start.line, 1);
    else lines.splice(x.range.start.line, 1, t.slice(0, at), second);
  }
  const text = lines.join('\n');
  const { model, diagnostics } = checkText(text);
  const two = model.sections.find((x) => x.number === '二')!;
  const five = model.sections.find((x) => x.number === '五')!;

  it('reads the broken headings (the premise)', () => {
    assert.deepEqual(model.sections.map((x) => x.number), ['二', '三', '四', '五', '六']);
    assert.equal(five.range.end.line, five.range.start.line + 1);
  });

  it('XR004 rewrites the second line only, and fix-all keeps every line', () => {
    const variant = diagnostics.find((d) => d.code === 'XR004' && d.range.start.line === five.range.start.line)!;
    assert.ok(variant, diagnostics.map((d) => d.code).join());
    const edits = variant.fixes[0].edits;
    assert.deepEqual(edits.map((e) => [e.range.start.line, e.newText]), [[five.range.end.line, '存在的主要问题及改进情况']]);
    const fixed = applyEdits(text, edits).split('\n');
    assert.equal(fixed.length, lines.length);
    assert.equal(fixed[five.range.start.line] + fixed[five.range.end.line], '五、存在的主要问题及改进情况');
    assert.equal(fixAll(text).text.split('\n').length, lines.length);
  });

  it('XR001 inserts the missing heading above the first line of the next heading, not between its two lines', () => {
    const missing = diagnostics.find((d) => d.code === 'XR001')!;
    assert.equal(missing.fixes[0].edits[0].range.start.line, two.range.start.line);
    const after = parseReport(applyEdits(text, missing.fixes[0].edits));
    assert.deepEqual(after.sections.map((x) => x.number), ['一', '二', '三', '四', '五', '六']);
  });

  it('the outline and folding start at the first line of a heading', () => {
    const contains = (outer: Range, inner: Range) =>
      (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
      (outer.end.line > inner.end.line || (outer.end.line === inner.end.line && outer.end.character >= inner.end.character));
    for (const sym of documentSymbols(model, 'zh-cn')) assert.ok(contains(sym.range, sym.selectionRange), sym.name);
    const folds = foldingRanges(model);
    for (const x of model.sections) assert.ok(folds.some((f) => f.startLine === x.range.start.line), x.number);
  });
});

describe('a heading numbered （一） or 第一部分 with a character of its title changed or dropped', () => {
  // The styled forms open many sub-headings, so they were held to their keywords or an exact title: a typo
  // in `行政诉讼` or `主动公开`, or a short title with a character dropped, lost the section (a false XR001).
  const misspelt = (title: string) => (title.length <= 4 ? title.slice(1) : title.slice(0, title.length >> 1) + '某' + title.slice((title.length >> 1) + 1));
  for (const seed of SEEDS) {
    for (const flattening of ['cell-per-line', 'tsv', 'markdown'] as const) {
      for (const style of [(n: string) => `（${n}）`, (n: string) => `第${n}部分　`]) {
        it(`${seed}, ${flattening}: ${style('一')}…`, () => {
          const clean = reflatten(readFixture(seed), flattening);
          const lines = clean.split('\n');
          const { sections } = parseReport(clean);
          // Whatever precedes the heading on its line (a converter's bookmark) stays.
          for (const x of sections) lines[x.line] = lines[x.line].slice(0, x.range.start.character) + style(x.number) + misspelt(x.canonicalTitle);
          const text = lines.join('\n');
          const { model, diagnostics } = checkText(text);
          assert.deepEqual(model.sections.map((x) => `${x.number}@${x.line}`), sections.map((x) => `${x.number}@${x.line}`));
          for (const x of sections) {
            const at = diagnostics.filter((d) => d.range.start.line === x.line).map((d) => d.code);
            assert.ok(at.includes('XR004') && at.includes('XR005'), `${x.number}: ${at.join(' ')}`);
          }
          assert.ok(!diagnostics.some((d) => d.code === 'XR001'), 'no section missing');
          const rest = (t: string) => checkText(t).diagnostics.filter((d) => !/^XR00[145]$/.test(d.code)).map(key).sort();
          assert.deepEqual(rest(text), rest(clean));
        });
      }
    }
  }
});

describe('a wholly blank table 四 in one cell per line, a paragraph right after it (the next heading missing)', () => {
  // The blank line after a row of blanks once let the paragraph continue the row's last (empty) cell, as a
  // label broken over a blank line does: the row was blanks and prose, and table 四 unread (XR007).
  // Seed 001's table 四 has one empty cell for five blanks, which only its header rows place (XR011): left out.
  for (const seed of SEEDS.filter((s) => !s.startsWith('001'))) {
    it(seed, () => {
      const clean = reflatten(readFixture(seed), 'cell-per-line');
      const model = parseReport(clean);
      const lines = clean.split('\n');
      const five = model.sections.find((x) => x.number === '五')!;
      const paragraph = lines.findIndex((l, i) => i > five.line && l.trim().length > 20);
      const blanked = model.tables['四']!.rows.flatMap((r) => r.cells).filter((c) => c.text !== '');
      assert.ok(blanked.length >= 15);
      const edits = blanked.map((c) => ({ range: c.range, newText: '' }));
      // The heading and what stands between it and its first paragraph go: one blank line is left after the row.
      const withoutFive = applyEdits(clean, edits).split('\n');
      let from = five.line;
      while (withoutFive[from - 2] === '') from--;
      withoutFive.splice(from, paragraph - from);
      const text = withoutFive.join('\n');
      const { model: after, diagnostics } = checkText(text);
      assert.ok(!diagnostics.some((d) => d.code === 'XR007'), 'table 四 is read');
      const cells = after.tables['四']!.rows.flatMap((r) => r.cells);
      assert.equal(cells.length, blanked.length);
      assert.ok(cells.every((c) => c.text === ''));
      assert.equal(diagnostics.filter((d) => d.code === 'XR201' && d.table === '四').length, 1);
    });
  }
});

describe('table 四 with an empty column from a merge, its zeros left blank', () => {
  // The body of section 四 of seed 000 (markdown or TSV) replaced by the given lines.
  const withTable4 = (flattening: 'markdown' | 'tsv', table: string[]) => {
    const text = reflatten(readFixture(SEEDS[0]), flattening);
    const model = parseReport(text);
    const four = model.sections.find((x) => x.number === '四')!;
    const five = model.sections.find((x) => x.number === '五')!;
    const lines = text.split('\n');
    lines.splice(four.line + 1, five.line - four.line - 1, '', ...table, '');
    return lines.join('\n');
  };

  for (const extra of [1, 2]) {
    it(`three rows of five, all blank, ${extra} empty header place(s) last: read, one XR201 (was: table missing, XR007)`, () => {
      // Header rows without the label column: the table is 5 + extra wide, a group's row one place short.
      const row = (cells: string[], width: number) => `| ${[...cells, ...Array<string>(width - cells.length).fill('')].join(' | ')} |`;
      const width = 5 + extra;
      const text = withTable4('markdown', [
        row(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'], width),
        row(Array<string>(width).fill('---'), width),
        ...['行政复议', '行政诉讼（未经复议直接起诉）', '行政诉讼（复议后起诉）'].map((label) => row([label], width)),
      ]);
      const { model, diagnostics } = checkText(text);
      assert.ok(!diagnostics.some((d) => d.code === 'XR007' || d.code === 'XR011'), diagnostics.map((d) => d.code).join());
      const cells = model.tables['四']!.rows.filter((r) => r.kind === 'data').flatMap((r) => r.cells);
      assert.equal(cells.length, 15);
      assert.ok(cells.every((c) => c.text === ''));
      assert.equal(diagnostics.filter((d) => d.code === 'XR201' && d.table === '四').length, 1);
    });
  }

  it('one TSV row with two empty places, a blank value and the empty column: the reading every 总计 confirms (was: XR011)', () => {
    const row = ['1', '1', '3', '1', '6', '', '1', '3', '2', '6', '', '3', '1', '2', '2', '8'];
    const text = withTable4('tsv', [
      '行政复议\t行政诉讼',
      '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t复议后起诉',
      '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计',
      row.join('\t'),
    ]);
    const { model, diagnostics } = checkText(text);
    assert.deepEqual(diagnostics.filter((d) => d.table === '四' && d.severity === 'error').map((d) => d.code), []);
    const cells = model.tables['四']!.rows.filter((r) => r.kind === 'data').flatMap((r) => r.cells);
    // The sixth place (the first of 未经复议直接起诉) is the blank one; the eleventh is the empty column.
    assert.deepEqual(cells.map((c) => c.text), [...row.slice(0, 10), ...row.slice(11)]);
    const line = text.split('\n').indexOf(row.join('\t'));
    assert.equal(cells[5].range.start.line, line);
    assert.equal(cells[5].range.start.character, 10);
  });
});

describe('a page number left on a line of its own inside a table (text converted from PDF or a print layout)', () => {
  // Before a row of table 三 (at a row boundary: in one cell per line after the blank line that ends the
  // row before), as a page break leaves it.
  const withPageMark = (text: string, flattening: string, mark: string) => {
    const lines = text.split('\n');
    const t3 = lines.findIndex((l) => l.includes('收到和处理政府信息公开申请情况'));
    let at = lines.findIndex((l, i) => i > t3 && l.includes('无法提供'));
    if (flattening === 'cell-per-line') while (lines[at - 1].trim() !== '' || lines[at - 1].includes('\t')) at--;
    lines.splice(at, 0, ...(flattening === 'cell-per-line' ? [mark, ''] : [mark]));
    return lines.join('\n');
  };
  for (const seed of SEEDS) {
    for (const [flattening, mark] of [
      ['cell-per-line', '- 2 -'],
      ['tsv', '— 12 —'],
      ['markdown', '第 3 页 共 9 页'],
    ] as const) {
      it(`${seed}, ${flattening}: \`${mark}\``, () => {
        const clean = reflatten(nonZeroVariant(readFixture(seed), 23), flattening);
        const text = withPageMark(clean, flattening, mark);
        const { model, diagnostics } = checkText(text);
        const marks = diagnostics.filter((d) => d.code === 'XR013' && textAt(text, d.range) === mark);
        assert.equal(marks.length, 1, 'XR013 names the page number');
        assert.deepEqual(
          diagnostics.filter((d) => !marks.includes(d)).map(key).sort(),
          checkText(clean).diagnostics.map(key).sort(),
        );
        const rowsOf = (m: ReportModel) => m.tables['三']!.rows.filter((r) => r.kind === 'data').map((r) => `${r.key}:${r.cells.map((c) => c.text).join(',')}`);
        assert.deepEqual(rowsOf(model), rowsOf(parseReport(clean)));
        wrongNumberFoundAndFixed(text, model, 'unable.1', 'natural', 4);
      });
    }
  }
});

describe('table 四 group by group, the lawsuit groups named with their parent, every result blank', () => {
  // The layout of test/fixtures/annotated/t4-by-group-named-blank.md, written in each flattening.
  const groups = ['行政复议', '行政诉讼（未经复议直接起诉）', '行政诉讼（复议后起诉）'];
  const results = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const layouts = {
    markdown: [`| | ${results.join(' | ')} |`, '|---|---|---|---|---|---|', ...groups.map((g) => `| ${g} | | | | | |`)],
    tsv: [`\t${results.join('\t')}`, ...groups.map((g) => `${g}\t\t\t\t\t`)],
    'cell-per-line': [...results.map((r) => `\t${r}`), '', ...groups.flatMap((g) => [`\t${g}`, ...Array(5).fill('\t'), ''])],
  };
  const base = readFileSync(join(FIXTURES, 'annotated', 't4-by-group-named-blank.md'), 'utf8');
  const lines = base.split('\n');
  const from = lines.findIndex((l) => l.startsWith('| | 结果维持'));
  const to = lines.findIndex((l, i) => i > from && l.startsWith('## 五'));
  for (const [flattening, table] of Object.entries(layouts)) {
    it(flattening, () => {
      const text = [...lines.slice(0, from), ...table, '', ...lines.slice(to)].join('\n');
      const { model, diagnostics } = checkText(text);
      const row = model.tables['四']!.rows.find((r) => r.kind === 'data')!;
      assert.equal(row.cells.length, 15);
      assert.ok(row.cells.every((c) => c.value.kind === 'blank'));
      assert.deepEqual(diagnostics.filter((d) => d.table === '四').map((d) => d.code), ['XR201']);
    });
  }
});

describe('non-zero variants are consistent', () => {
  for (const seed of SEEDS) {
    it(seed, () => {
      const text = nonZeroVariant(readFixture(seed), 11);
      const { model, diagnostics } = checkText(text);
      assert.deepEqual(diagnostics.filter((d) => /^XR1/.test(d.code)), []);
      assert.ok(valueAt(text, '三', 'resultsTotal', 'total')! > 0);
      assert.ok(model.tables['四']!.rows.some((r) => r.cells.some((c) => c.value.number! > 0)));
    });
  }
});

describe('fix-all', () => {
  it('is idempotent and touches only digits', () => {
    const seed = readFixture('002_3f5e56868c97c344.txt');
    const broken = seed.replace('\t（七）总计\n\t14', '\t（七）总计\n\t41');
    assert.notEqual(broken, seed);
    const once = fixAll(broken).text;
    assert.equal(once, seed);
    assert.equal(fixAll(once).text, once);
    assert.equal(fixAll(once).rounds, 0);
  });

  it('never writes a balance fix on its own (XR103 fix is not preferred)', () => {
    const seed = readFixture('002_3f5e56868c97c344.txt');
    // 四、结转 total 1 → 4 and its 自然人 1 → 4: the row holds, the balance fails in two columns.
    const lines = seed.split('\n');
    const i = lines.indexOf('\t四、结转下年度继续办理');
    lines[i + 1] = '\t4';
    lines[i + 7] = '\t4';
    const broken = lines.join('\n');
    const { diagnostics } = checkText(broken);
    const bal = byCode(diagnostics, 'XR103');
    assert.equal(bal.length, 2);
    assert.ok(bal.every((d) => d.fixes.length === 1 && !d.fixes[0].preferred));
    assert.equal(fixAll(broken).text, broken);
    // Taken on request, the fix resets both cells of row 四 and everything holds again.
    assert.equal(applyEdits(broken, bal[0].fixes[0].edits), seed);
  });
});

describe('section-level check (level: "sections")', () => {
  it('reads no table and reports only what the section headings show', () => {
    const seed = readFixture('002_3f5e56868c97c344.txt');
    const broken = seed.replace('\t（七）总计\n\t14', '\t（七）总计\n\t41').replace('五、存在的主要问题及改进情况\n', '');
    const full = checkText(broken);
    assert.ok(full.diagnostics.some((d) => d.code.startsWith('XR1')), 'the full check sees the wrong total');
    const sections = checkText(broken, { level: 'sections' });
    assert.deepEqual(sections.model.tables, {});
    assert.deepEqual(
      sections.diagnostics.map((d) => d.code),
      full.diagnostics.filter((d) => /^XR00[1-6]$/.test(d.code)).map((d) => d.code),
    );
    assert.ok(sections.diagnostics.some((d) => d.code === 'XR001'), 'the missing section 五');
    assert.equal(sections.model.sections.length, full.model.sections.length);
  });
});

describe('heading candidates: the quick look at each line misses no heading', () => {
  // candidateLines filters lines by their length and first character so that headingCandidate (much
  // dearer) sees few of them; it must pass every line headingCandidate would accept.
  const toLines = (texts: string[]) => toLinesOf(texts.join('\n'));
  const titles = SECTIONS.flatMap((s) => [s.title, ...(s.aliases ?? [])]);
  const missed = (texts: string[]) => {
    const lines = toLines(texts);
    const passed = new Set(candidateLines(lines));
    return lines.filter((l, i) => headingCandidate(l, i) !== null && !passed.has(i)).map((l) => l.text);
  };

  it('on every line of every fixture', () => {
    const files = (readdirSync(FIXTURES, { recursive: true }) as string[]).filter((f) => /\.(txt|md)$/.test(f));
    assert.ok(files.length >= 10);
    for (const f of files) assert.deepEqual(missed(readFixture(f).split(/\r?\n|\r/)), [], f);
  });

  it('on generated lines: titles and their pieces behind numerals, marks, artefacts, quotes and odd characters', () => {
    const piece = fc.oneof(
      fc.constantFrom(...titles),
      fc.constantFrom(...titles).chain((t) => fc.tuple(fc.nat(t.length), fc.nat(t.length)).map(([a, b]) => t.slice(Math.min(a, b), Math.max(a, b)))),
      fc.constantFrom(' ', '\u3000', '\u00a0', '\ufeff', '\t', '\u2003', '#', '## ', '**', '__', '`', '<', '<!-- x -->', '<!-- xxgk-disable-line XR001 -->', '[bookmark: _Toc1]', '[image: image2]', `[bookmark: _Toc${'4'.repeat(60)}]`),
      fc.constantFrom('一', '二', '六', '十', '1', '6', '１', '、', '.', '．', '，', ':', '：', '（一）', '㈠', '㊀', '\u{2F800}', '\uF900', '“', '”', '"', "'"),
      fc.constantFrom('情况', '事项', '措施', '问题', '总体', '是', '2020年', '本机关', 'ｶﾞ', 'ㄱㅏ'),
      fc.string({ unit: 'binary', maxLength: 3 }),
    );
    const line = fc.array(piece, { maxLength: 10 }).map((ps) => ps.join('').replace(/[\r\n]/g, ''));
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), (texts) => assert.deepEqual(missed(texts), [])), { numRuns: 3000 });
  });
});

describe('per-check memos held by their object', () => {
  it('are found on the object they were set on, and not carried along by a spread or Object.assign', () => {
    const memo = new HeldMemo<object, string>('test');
    const model = { text: 'x' };
    assert.equal(memo.get(model), undefined);
    memo.set(model, 'first');
    memo.set(model, 'second');
    assert.equal(memo.get(model), 'second');
    assert.equal(memo.get({ ...model }), undefined);
    assert.equal(memo.get(Object.assign({}, model)), undefined);
    assert.deepEqual(Object.keys(model), ['text']);
    assert.equal(JSON.stringify(model), '{"text":"x"}');
  });
});

describe('labels in markdown emphasis (spec §5.3: **bold** labels are accepted)', () => {
  const example = readFileSync(join(__dirname, '..', 'examples', '2022-示例县交通运输局.md'), 'utf8');
  // Every cell with Chinese text of every pipe row, bold.
  const bold = example
    .split('\n')
    .map((l) => (l.startsWith('|') && !l.includes('---') ? l.replace(/\| ([^|]*[\u4e00-\u9fff][^|]*?) (?=\|)/g, '| **$1** ') : l))
    .join('\n');
  it('bold labels and column names are the template words: no notice, the same findings', () => {
    assert.ok((bold.match(/\*\*/g) ?? []).length > 80);
    assert.deepEqual(checkText(bold).diagnostics.map(key), checkText(example).diagnostics.map(key));
  });
  it('a line break written into a cell (`<br>`, as pages turned into markdown have it) is layout, not wording', () => {
    const text = example
      .replace('（二）部分公开（区分处理的', '（二）部分公开<br>（区分处理的')
      .replace('| 本年制发件数 |', '| 本年制发<br/>件数 |')
      .replace('（七）总计', '（七）<BR>总计');
    assert.equal((text.match(/<br/gi) ?? []).length, 3);
    assert.deepEqual(checkText(text).diagnostics.map(key), checkText(example).diagnostics.map(key));
  });
  it('a variant inside the emphasis is named without it, and renamed inside it', () => {
    const text = bold.replace('**社会公益组织**', '**社会组织**').replace('| **（七）总计** |', '| **(七) 总计** |');
    const found = byCode(checkText(text).diagnostics, 'XR012');
    assert.deepEqual(found.map((d) => d.message), ['「社会组织」不是模板用语，应为「社会公益组织」', '「(七) 总计」与模板用语「（七）总计」只差空格或全角半角']);
    for (const d of found) {
      const fixed = applyEdits(text, d.fixes[0].edits);
      assert.ok(fixed.includes('**社会公益组织**') || fixed.includes('| **（七）总计** |'), d.message);
      assert.equal((fixed.match(/\*\*/g) ?? []).length, (text.match(/\*\*/g) ?? []).length);
    }
  });
});
