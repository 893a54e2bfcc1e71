// Reading Word files and web pages: the .docx and .html of every seed give exactly the findings of its
// text form; the grid rules (merges, tracked changes, content controls, nested tables, text boxes…);
// numbering; charsets; the source map; and bad input (OLE, RTF, PDF, broken zips and XML, zip bombs,
// DOCTYPEs, a 50 MB .docx, a 10 MB page) — each a clear message, never a crash or a hang.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { strToU8, unzipSync, Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { checkText, type Diagnostic } from '../server/src/core';
import { convert, fixDocx, ImportError, locate, readDocument } from '../server/src/node/import';
import { chineseCounting } from '../server/src/node/import/numbering';
import { listEntries, readAll, readParts } from '../server/src/node/import/zip';
import type { Grid } from '../server/src/node/import/types';
import { docxPackage, esc, toDocx, toHtml } from './helpers/office';
import { SEEDS, nonZeroVariant, readFixture } from './helpers/reports';

const key = (d: Diagnostic) => [d.code, d.table ?? '', d.row ?? '', d.column ?? '', d.expected ?? '', d.actual ?? ''].join('|');
const findings = (text: string) => checkText(text).diagnostics.map(key).sort();

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
/** A .docx whose body is the given WordprocessingML. */
const docx = (body: string) => docxPackage(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>${body}</w:body></w:document>`);
const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
const tc = (inner: string, pr = '') => `<w:tc><w:tcPr>${pr}</w:tcPr>${inner.startsWith('<') ? inner : p(inner)}</w:tc>`;
const tbl = (cols: number, rows: string) => `<w:tbl><w:tblGrid>${'<w:gridCol/>'.repeat(cols)}</w:tblGrid>${rows}</w:tbl>`;
const tables = (bytes: Uint8Array) => readDocument(bytes).blocks.filter((b): b is Grid => b.kind === 'table');
/** The grid as rows of anchored texts ('' where covered or empty). */
function rowsOf(g: Grid): string[][] {
  const out: string[][] = [];
  for (let r = 0; r < g.rows; r++) {
    const row: string[] = [];
    for (let c = 0; c < g.cols; c++) {
      const i = g.at[r * g.cols + c];
      const cell = i >= 0 ? g.cells[i] : undefined;
      row.push(cell && cell.row === r && cell.col === c ? cell.paragraphs.join('/') : i >= 0 ? '·' : '∅');
    }
    out.push(row);
  }
  return out;
}

/** Seed 002 with the 自然人 cell of （七）总计 changed from 14 to 41. */
const broken002 = () => readFixture('002_3f5e56868c97c344.txt').replace('\t（七）总计\n\t14', '\t（七）总计\n\t41');

describe('a report as .docx or .html gives exactly the findings of its text form', () => {
  const ALL = { numbered: true, splitRuns: true, tracked: true, contentControls: true, noise: true } as const;
  const cases: [string, string][] = SEEDS.flatMap((s) => [
    [s, readFixture(s)],
    [`${s} (non-zero variant)`, nonZeroVariant(readFixture(s), 5 + s.charCodeAt(2))],
  ]);
  cases.push(['002 with a wrong total', broken002()]);
  for (const [name, text] of cases) {
    it(name, () => {
      const base = findings(text);
      const forms: [string, Uint8Array][] = [
        ['docx', toDocx(text)],
        ['docx with numbering, split runs, tracked changes, content controls, hidden text', toDocx(text, ALL)],
        ['docx with each table in a one-cell frame', toDocx(text, { framed: true })],
        ['html utf-8', toHtml(text)],
        ['html gb2312', toHtml(text, { charset: 'gbk' })],
        ['html gbk undeclared', toHtml(text, { charset: 'gbk', declare: false })],
        ['html in a page-layout table', toHtml(text, { layoutTable: true })],
      ];
      for (const [form, bytes] of forms) assert.deepEqual(findings(convert(bytes).text), base, form);
    });
  }

  it('the planted wrong total is found in the .docx with its expected value', () => {
    const c = convert(toDocx(broken002(), ALL));
    const d = checkText(c.text).diagnostics.find((x) => x.code === 'XR101');
    assert.ok(d);
    assert.equal(d.expected, 14);
    assert.equal(d.actual, 41);
    // … and the map names the cell: table 2 (三), the （七）总计 row, the 自然人 column (4th grid column).
    const loc = locate(c.map, d.range.start.line, d.range.start.character)!;
    const grid = tables(toDocx(broken002()))[1];
    assert.equal(rowsOf(grid)[loc.row! - 1][1], '（七）总计');
    assert.deepEqual([loc.table, loc.col], [2, 4]);
  });
});

describe('.docx grid: the merges of the official template', () => {
  const [t2, t3, t4] = tables(toDocx(readFixture('003_31cf96be23961926.txt')));
  it('table 三: the 3×3 corner, 申请人情况 across seven columns, 三、本年度办理结果 down its rows', () => {
    assert.equal(t3.cols, 10);
    const corner = t3.cells[0];
    assert.deepEqual([corner.row, corner.col, corner.rowSpan, corner.colSpan], [0, 0, 3, 3]);
    const applicant = t3.cells.find((c) => c.paragraphs[0] === '申请人情况')!;
    assert.deepEqual([applicant.col, applicant.colSpan], [3, 7]);
    const results = t3.cells.find((c) => c.paragraphs[0] === '三、本年度办理结果')!;
    assert.equal(results.rowSpan, 22); // （一）…（七）总计 of the 2021 format: 2 + 8 + 3 + 5 + 3 + 1 rows
    const rows = rowsOf(t3);
    assert.deepEqual(rows[1].slice(3), ['自然人', '法人或其他组织', '·', '·', '·', '·', '总计']);
    assert.deepEqual(rows[2].slice(0, 5), ['·', '·', '·', '·', '商业企业']);
  });
  it('table 四: two header levels', () => {
    const rows = rowsOf(t4);
    assert.deepEqual(rows[0].filter((x) => x !== '·'), ['行政复议', '行政诉讼']);
    assert.deepEqual(rows[1].slice(5), ['未经复议直接起诉', '·', '·', '·', '·', '复议后起诉', '·', '·', '·', '·']);
    assert.equal(rows[3].length, 15);
  });
  it('table 二: caption rows across the grid, a single value spanning three columns (2021)', () => {
    const rows = rowsOf(t2);
    assert.deepEqual(rows[0], ['第二十条第（一）项', '·', '·', '·']);
    assert.deepEqual(rows.find((r) => r[0] === '行政许可'), ['行政许可', '36', '·', '·']);
  });
  it('renders one pipe row per grid row, merged positions empty, the first row as the header', () => {
    const text = convert(toDocx(readFixture('003_31cf96be23961926.txt'))).text;
    assert.match(text, /^\| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） \|  \|  \| 申请人情况 \|  \|  \|  \|  \|  \|  \|\n\|( --- \|){10}\n\|  \|  \|  \| 自然人 \| 法人或其他组织 \|  \|  \|  \|  \| 总计 \|$/m);
    assert.match(text, /^\|  \| （三）不予公开 \| 1\.属于国家秘密 \| 0 \|/m);
  });
});

describe('.docx reading rules', () => {
  it('numbered headings from numbering.xml: chineseCounting %1、, a restart by startOverride', () => {
    const text = convert(toDocx(readFixture('003_31cf96be23961926.txt'), { numbered: true })).text;
    for (const h of ['一、总体情况', '二、主动公开政府信息情况', '四、政府信息公开行政复议、行政诉讼情况', '六、其他需要报告的事项']) assert.match(text, new RegExp(`^${h}$`, 'm'));
    // 三 carries a bookmark artefact before it, so it is typed; 四 restarts the list at 4.
    assert.match(text, /^\[bookmark: _GoBack\]三、收到和处理政府信息公开申请情况$/m);
    assert.deepEqual(checkText(text).model.sections.map((s) => s.number), ['一', '二', '三', '四', '五', '六']);
  });
  it('chineseCounting as Word writes it', () => {
    assert.deepEqual([1, 9, 10, 11, 20, 21, 99, 100, 105, 110].map(chineseCounting), ['一', '九', '十', '十一', '二十', '二十一', '九十九', '一百', '一百零五', '一百一十']);
  });
  it('gridBefore/gridAfter, legacy hMerge, an orphan vMerge continuation (with a notice)', () => {
    const rows =
      `<w:tr>${tc('a')}${tc('', '<w:vMerge/>')}${tc('c')}</w:tr>` +
      `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc('x')}${tc('y')}</w:tr>` +
      `<w:tr><w:trPr><w:gridAfter w:val="1"/></w:trPr>${tc('h', '<w:hMerge w:val="restart"/>')}${tc('', '<w:hMerge/>')}</w:tr>` +
      `<w:tr>${tc('', '<w:vMerge/>')}${tc('q')}${tc('r')}</w:tr>`;
    const doc = readDocument(docx(tbl(3, rows)));
    const g = doc.blocks[0] as Grid;
    assert.deepEqual(rowsOf(g), [['a', '', 'c'], ['∅', 'x', 'y'], ['h', '·', '∅'], ['·', 'q', 'r']]);
    assert.ok(doc.notices.some((n) => n.id === 'orphanMerge'));
  });
  it('tracked changes read as accepted: deleted and moved-from text, deleted rows and old spans skipped', () => {
    const rows =
      `<w:tr>${tc(`<w:p><w:r><w:t>1</w:t></w:r><w:del w:id="1"><w:r><w:delText>9</w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t>2</w:t></w:r></w:ins></w:p>`)}${tc('b', '<w:gridSpan w:val="2"/><w:tcPrChange w:id="3"><w:tcPr><w:gridSpan w:val="1"/></w:tcPr></w:tcPrChange>')}</w:tr>` +
      `<w:tr><w:trPr><w:del w:id="4"/></w:trPr>${tc('gone')}${tc('gone')}${tc('gone')}</w:tr>` +
      `<w:tr>${tc(`<w:p><w:moveFrom w:id="5"><w:r><w:t>old</w:t></w:r></w:moveFrom><w:moveTo w:id="6"><w:r><w:t>new</w:t></w:r></w:moveTo></w:p>`)}${tc('c')}${tc('d')}</w:tr>`;
    const doc = readDocument(docx(tbl(3, rows)));
    assert.deepEqual(rowsOf(doc.blocks[0] as Grid), [['12', 'b', '·'], ['new', 'c', 'd']]);
    assert.deepEqual(doc.notices.map((n) => n.id).sort(), ['deletedRows', 'trackedChanges']);
  });
  it('content controls, customXml, smart tags, hyperlinks and simple fields are transparent; field codes and hidden text are not read', () => {
    const body =
      `<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>${p('甲')}</w:sdtContent></w:sdt>` +
      `<w:p><w:customXml w:element="a"><w:smartTag w:element="b"><w:r><w:t>乙</w:t></w:r></w:smartTag></w:customXml><w:hyperlink w:anchor="x"><w:r><w:t>丙</w:t></w:r></w:hyperlink><w:fldSimple w:instr=" =SUM(ABOVE) "><w:r><w:t>15</w:t></w:r></w:fldSimple></w:p>` +
      `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:tab/><w:t>丁</w:t><w:br/><w:t>戊</w:t><w:sym w:font="Symbol" w:char="F0B4"/></w:r></w:p>`;
    const doc = readDocument(docx(body));
    assert.deepEqual(doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : '')), ['甲', '乙丙15', '7\t丁\n戊´']);
    assert.ok(doc.notices.some((n) => n.id === 'hiddenText'));
    assert.equal(convert(docx(body)).text, '甲\n\n乙丙15\n\n7 丁\n戊´\n');
  });
  it('a nested table is inlined into its cell, a text box into the body (once, not again from mc:Fallback), each with a notice', () => {
    const nested = tbl(2, `<w:tr>${tc('内1')}${tc('内2')}</w:tr>`);
    const box = `<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>${p('框中文字')}</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>${p('框中文字')}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`;
    const doc = readDocument(docx(tbl(2, `<w:tr>${tc(`${p('外')}${nested}`)}${tc('b')}</w:tr>`) + box));
    assert.deepEqual(rowsOf(doc.blocks[0] as Grid), [['外/内1/内2', 'b']]);
    assert.deepEqual(doc.blocks.slice(1).map((b) => (b.kind === 'paragraph' ? b.text : '')), ['正文', '框中文字']);
    assert.deepEqual(doc.notices.map((n) => n.id).sort(), ['nestedTable', 'textBox']);
  });
  it('a one-cell table holding a table is a frame: the inner table is read, the frame\'s text is body text', () => {
    const inner = tbl(2, `<w:tr>${tc('a')}${tc('1')}</w:tr>`);
    const doc = readDocument(docx(p('前') + tbl(1, `<w:tr>${tc(`${p('框上')}${inner}${p('框下')}`)}</w:tr><w:tr>${tc('第二行')}</w:tr>`) + p('后')));
    assert.deepEqual(
      doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : rowsOf(b).map((r) => r.join(',')).join(';'))),
      ['前', '框上', 'a,1', '框下', '第二行', '后'],
    );
    assert.equal((doc.blocks[2] as Grid).index, 0);
    assert.deepEqual(doc.notices, []);
  });
  it('a number split across runs reads as one number, and maps back to both runs', () => {
    const doc = readDocument(docx(tbl(1, `<w:tr>${tc('<w:p><w:r><w:t>1</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>5</w:t></w:r></w:p>')}</w:tr>`)));
    const cell = (doc.blocks[0] as Grid).cells[0];
    assert.deepEqual(cell.paragraphs, ['15']);
    assert.equal(cell.segments!.length, 2);
  });
});

describe('.html reading', () => {
  it('rowspan and colspan placed as browsers do', () => {
    const html = `<html><body><p>某局2024年政府信息公开工作年度报告</p><table><tr><td rowspan="2" colspan="2">A</td><td>B</td></tr><tr><td>C</td></tr><tr><td>D</td><td rowspan="2">E</td><td>F</td></tr><tr><td>G</td><td>H</td></tr></table></body></html>`;
    const g = readDocument(Buffer.from(html)).blocks.find((b): b is Grid => b.kind === 'table')!;
    assert.deepEqual(rowsOf(g), [['A', '·', 'B'], ['·', '·', 'C'], ['D', 'E', 'F'], ['G', '·', 'H']]);
  });
  it('ordered lists get the numbers a browser draws', () => {
    const html = `<html><body><h1>某局2024年政府信息公开工作年度报告</h1><ol><li><h2>总体情况</h2><p>正文</p></li></ol><ol start="2" style="list-style-type: cjk-ideographic"><li>主动公开政府信息情况</li><li>收到和处理政府信息公开申请情况</li></ol><ul><li>要点</li></ul></body></html>`;
    assert.deepEqual(readDocument(Buffer.from(html)).blocks.map((b) => (b.kind === 'paragraph' ? b.text : '')), ['某局2024年政府信息公开工作年度报告', '1.总体情况', '正文', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '要点']);
  });
  it('scripts, styles, navigation and the site footer are not read; the title starts the report', () => {
    const text = convert(toHtml(readFixture('000_3725ac3a3e618302.txt'))).text;
    assert.ok(text.startsWith('波密县卫生健康委员会\n\n2020年政府信息公开工作年度报告\n'), text.slice(0, 80));
    for (const junk of ['首页', '脚本里的文字', 'color', '版权所有', '打印本页', '发布时间', '当前位置']) assert.ok(!text.includes(junk), junk);
  });
  it("an article without its title takes the report title from the page's <title>, the site's name left out", () => {
    // Seed 002 with its title on one line: the page helper prints it as the article's <h1> and in <title>.
    const seed = readFixture('002_3f5e56868c97c344.txt').split('\n');
    assert.deepEqual([seed[0], seed[2]], ['区卫生健康委2020年政府信息公开', '工作年度报告']);
    const title = '区卫生健康委2020年政府信息公开工作年度报告';
    const report = [title, ...seed.slice(3)].join('\n');
    const page = Buffer.from(toHtml(report)).toString('utf8');
    const untitled = page.replace(/<h1 class="title">[^<]*<\/h1>/, '');
    assert.notEqual(untitled, page);
    assert.ok(untitled.includes(`<title>${title}_`));
    const c = convert(Buffer.from(untitled));
    assert.ok(c.text.startsWith(title + '\n'), c.text.slice(0, 80));
    assert.ok(readDocument(Buffer.from(untitled)).notices.some((n) => n.id === 'titleFromPage' && n.args.title === title));
    // The same findings as the report's text; the page's first paragraph is still paragraph 1.
    assert.deepEqual(findings(c.text), findings(report));
    assert.equal(locate(c.map, 0, 0), null);
    const first = c.text.split('\n').findIndex((l, i) => i > 0 && l.trim() !== '');
    assert.deepEqual(locate(c.map, first, 0), { paragraph: 1 });
    // A <title> that names no report: the article is read from its first paragraph, as before; an icon's
    // SVG <title> in the article is not the page's.
    const plain = untitled.replace(/<title>[^<]*<\/title>/, '<title>政务公开_示例市人民政府</title>');
    const icon = plain.replace('<div class="main">', '<div class="main"><svg><title>政府信息公开工作年度报告下载</title></svg>');
    assert.notEqual(icon, plain);
    for (const page of [plain, icon]) assert.deepEqual(readDocument(Buffer.from(page)).notices.map((n) => n.id), ['noTitle']);
  });
  it('charsets: GB2312 declared, GBK undeclared (with a notice), UTF-8 declared but GBK bytes, a BOM', () => {
    const page = (meta: string, body: string) => `<html><head>${meta}</head><body><h1>某局2024年政府信息公开工作年度报告</h1><p>${body}</p></body></html>`;
    const gb = (s: string) => iconv.encode(s, 'gbk');
    assert.equal(readDocument(gb(page('<meta charset="gb2312">', '申请人情况'))).charset, 'gbk');
    const undeclared = readDocument(gb(page('', '申请人情况')));
    assert.match(convert(gb(page('', '申请人情况'))).text, /申请人情况/);
    assert.ok(undeclared.notices.some((n) => n.id === 'charsetGuessed'));
    assert.match(convert(gb(page('<meta charset="utf-8">', '申请人情况'))).text, /申请人情况/);
    assert.match(convert(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('<meta charset="gbk">', '申请人情况'))])).text, /申请人情况/);
    assert.throws(() => readDocument(Buffer.from(page('<meta charset="x-klingon">', 'x'))), (e: unknown) => e instanceof ImportError && e.id === 'read.htmlEncoding');
  });
  it('charsets: a UTF-8 page still declaring gb2312 is read as UTF-8 with a notice; a declaration after a long script is found', () => {
    const page = (meta: string, body: string, script = '') => `<html><head>${script}${meta}</head><body><h1>某局2024年政府信息公开工作年度报告</h1><p>${body}</p></body></html>`;
    const resaved = readDocument(Buffer.from(page('<meta charset="gb2312">', '申请人情况')));
    assert.equal(resaved.charset, 'utf-8');
    assert.deepEqual(resaved.notices.map((n) => [n.id, n.args]), [['charsetOverridden', { declared: 'gb2312' }]]);
    assert.match(convert(Buffer.from(page('<meta charset="gb2312">', '申请人情况'))).text, /申请人情况/);
    // Real GBK bytes under the same declaration stay GBK, without a notice.
    assert.deepEqual(readDocument(iconv.encode(page('<meta charset="gb2312">', '申请人情况'), 'gbk')).notices, []);
    const script = `<script>${'var a = 1; // 注释\n'.repeat(600)}</script>`;
    const late = readDocument(iconv.encode(page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', '申请人情况', script), 'gbk'));
    assert.equal(late.charset, 'gbk');
    assert.deepEqual(late.notices, []);
  });
  it('an MHT web archive (quoted-printable) is read as its page', () => {
    const html = Buffer.from(toHtml(readFixture('004_53e0ee0f0d02d1f7.txt'))).toString('utf8');
    const qp = Buffer.from(html, 'utf8').toString('latin1').replace(/[=\u0080-\u00ff]/g, (ch) => '=' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
    const mht = `MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_000"\r\n\r\n------=_NextPart_000\r\nContent-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${qp}\r\n------=_NextPart_000--\r\n`;
    assert.deepEqual(findings(convert(Buffer.from(mht, 'latin1')).text), findings(readFixture('004_53e0ee0f0d02d1f7.txt')));
  });
});

describe('the source map', () => {
  it('every rendered cell and paragraph maps back; merged positions map to their anchor', () => {
    const c = convert(toDocx(readFixture('002_3f5e56868c97c344.txt')));
    const lines = c.text.split('\n');
    const row = lines.findIndex((l) => l.startsWith('|  | （二）部分公开'));
    // Three header rows, 一, 二, then （一） in grid row 6 and （二） in row 7.
    assert.deepEqual(locate(c.map, row, lines[row].indexOf('（二）')), { table: 2, row: 7, col: 2 });
    // The empty L1 position under 三、本年度办理结果 belongs to that merged cell (row 6, column 1).
    assert.deepEqual(locate(c.map, row, 1), { table: 2, row: 6, col: 1 });
    assert.deepEqual(locate(c.map, 0, 0), { paragraph: 1 });
    assert.equal(locate(c.map, 1, 0), null);
  });
});

describe('bad input: a clear message, never a crash or a hang', () => {
  const refuses = (bytes: Uint8Array, id: string, zh?: RegExp) =>
    assert.throws(
      () => readDocument(bytes),
      (e: unknown) => {
        assert.ok(e instanceof ImportError, String(e));
        assert.equal(e.id, id);
        if (zh) assert.match(e.text('zh-cn'), zh);
        assert.ok(e.text('en').length > 10);
        return true;
      },
    );
  const ole = (extra = '') => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from(extra, 'utf16le'), Buffer.alloc(1024)]);

  it('.doc / .wps (OLE) → save as .docx; an encrypted .docx says so', () => {
    refuses(ole(), 'read.ole', /请另存为 \.docx/);
    refuses(ole('EncryptionInfo'), 'read.encrypted', /另存为 \.docx/);
  });
  it('PDF → not supported yet', () => refuses(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'read.pdf', /^PDF 暂不支持：请使用 \.docx 或网页版本$/));
  it('RTF named .doc → refused clearly; HTML named .doc → read as HTML', () => {
    refuses(Buffer.from('{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}}'), 'read.rtf', /RTF/);
    const wordHtml = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"></head><body>${Buffer.from(toHtml(readFixture('001_61ad5134df80a2d8.txt'))).toString('utf8')}</body></html>`;
    assert.deepEqual(findings(convert(Buffer.from(wordHtml)).text), findings(readFixture('001_61ad5134df80a2d8.txt')));
  });
  it('anything else → unknown format', () => refuses(Buffer.from('just some text, not a document'), 'read.unknown'));
  it('a corrupt zip says the ZIP is broken; a broken part is named', () => {
    const good = toDocx(readFixture('001_61ad5134df80a2d8.txt'));
    refuses(good.subarray(0, good.length >> 1), 'read.zipBroken', /ZIP/);
    refuses(docxPackage('<w:document><w:body><w:p></w:body></w:document>'), 'read.partBroken', /word\/document\.xml/);
    refuses(zipSync({ 'foo.txt': strToU8('x') }), 'read.notDocx');
  });
  it('a DOCTYPE (external or expanding entities) is refused before anything is resolved', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document ${W}><w:body>${p('&x;&b;')}</w:body></w:document>`;
    refuses(docxPackage(xxe), 'read.doctype', /DOCTYPE/);
  });
  it('zip bombs: a part declared too large is refused, and so is one that inflates to more than it declares', () => {
    const good = toDocx(readFixture('001_61ad5134df80a2d8.txt'));
    // Patch word/document.xml's uncompressed size in the central directory to 1 GiB.
    const buf = Buffer.from(good);
    const name = Buffer.from('word/document.xml');
    const cd = buf.lastIndexOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x01, 0x02])]), buf.lastIndexOf(name));
    buf.writeUInt32LE(1 << 30, cd + 24);
    refuses(buf, 'read.partTooLarge', /压缩炸弹/);
    // A real bomb: 66 MiB of one repeated tag in a few hundred KiB.
    const unit = strToU8('<w:p/>'.repeat(1 << 14));
    const big = new Uint8Array(unit.length * 704);
    for (let i = 0; i < 704; i++) big.set(unit, i * unit.length);
    const bomb = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': [big, { level: 1 }] });
    assert.ok(bomb.length < 2 * 1024 * 1024);
    refuses(bomb, 'read.partTooLarge');
    // Shrink the declared size: the part is inflated into at most that size, and refused when it holds more.
    const liar = Buffer.from(good);
    const cd2 = liar.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), liar.lastIndexOf(name));
    liar.writeUInt32LE(liar.readUInt32LE(cd2 + 24) >> 1, cd2 + 24);
    refuses(liar, 'read.zipBroken', /word\/document\.xml inflates to more than its declared/);
  });
  it('a 50 MB .docx (media) is read in a moment, with the same findings', () => {
    const text = readFixture('002_3f5e56868c97c344.txt');
    const media = new Uint8Array(50 * 1024 * 1024);
    for (let i = 0; i < media.length; i += 4096) media[i] = (i * 2654435761) >>> 24; // sparse, stored as is
    const bytes = toDocx(text, { extraParts: { 'word/media/image1.png': media } });
    assert.ok(bytes.length > 50 * 1024 * 1024);
    const t0 = Date.now();
    const c = convert(bytes);
    assert.ok(Date.now() - t0 < 3000, `${Date.now() - t0} ms`);
    assert.deepEqual(findings(c.text), findings(text));
  });
  it('a 10 MB page of one table is read without hanging', () => {
    const row = '<tr><td rowspan="2">（一）予以公开</td><td colspan="2">12</td><td>3</td></tr><tr><td>4</td><td>5</td><td>6</td></tr>\n';
    const page = `<html><body><h1>某局2024年政府信息公开工作年度报告</h1><table>${row.repeat(Math.ceil((10 * 1024 * 1024) / Buffer.byteLength(row)))}</table></body></html>`;
    const t0 = Date.now();
    const c = convert(Buffer.from(page));
    const ms = Date.now() - t0;
    assert.ok(ms < 20_000, `${ms} ms`); // a guard against hangs, not a benchmark (about 2 s on a quiet machine)
    assert.ok(c.text.split('\n').length > 100_000);
  });
  it('unzipSync itself is never handed a part of another package (sanity: the fixture is a valid zip)', () => {
    const parts = unzipSync(toDocx(readFixture('001_61ad5134df80a2d8.txt')));
    assert.ok(parts['word/document.xml'] && parts['word/numbering.xml']);
  });
});

/** The same package with a ZIP64 directory: every size and offset in the ZIP64 extra field, the 32-bit fields full. */
function asZip64(zip: Uint8Array): Uint8Array {
  const b = Buffer.from(zip);
  const end = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = b.readUInt16LE(end + 10);
  const cdStart = b.readUInt32LE(end + 16);
  const records: Buffer[] = [];
  for (let i = 0, at = cdStart; i < count; i++) {
    const n = b.readUInt16LE(at + 28), x = b.readUInt16LE(at + 30), c = b.readUInt16LE(at + 32);
    const head = Buffer.from(b.subarray(at, at + 46));
    const extra = Buffer.alloc(28);
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(24, 2);
    extra.writeBigUInt64LE(BigInt(head.readUInt32LE(24)), 4);
    extra.writeBigUInt64LE(BigInt(head.readUInt32LE(20)), 12);
    extra.writeBigUInt64LE(BigInt(head.readUInt32LE(42)), 20);
    for (const f of [20, 24, 42]) head.writeUInt32LE(0xffffffff, f);
    head.writeUInt16LE(x + 28, 30);
    records.push(head, b.subarray(at + 46, at + 46 + n + x), extra, b.subarray(at + 46 + n + x, at + 46 + n + x + c));
    at += 46 + n + x + c;
  }
  const cd = Buffer.concat(records);
  const end64 = Buffer.alloc(56);
  end64.writeUInt32LE(0x06064b50, 0);
  end64.writeBigUInt64LE(44n, 4);
  end64.writeUInt16LE(45, 12);
  end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(BigInt(count), 24);
  end64.writeBigUInt64LE(BigInt(count), 32);
  end64.writeBigUInt64LE(BigInt(cd.length), 40);
  end64.writeBigUInt64LE(BigInt(cdStart), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(cdStart + cd.length), 8);
  locator.writeUInt32LE(1, 16);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(0xffff, 8);
  eocd.writeUInt16LE(0xffff, 10);
  eocd.writeUInt32LE(0xffffffff, 12);
  eocd.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([b.subarray(0, cdStart), cd, end64, locator, eocd]);
}

/** A package written by fflate's streaming writer: sizes after the data (data descriptors), as some writers do. */
function streamedZip(files: [string, Uint8Array, number][]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  for (const [name, data, level] of files) {
    const f = level === 0 ? new ZipPassThrough(name) : new ZipDeflate(name, { level: level as 1 });
    zip.add(f);
    f.push(data, true);
  }
  zip.end();
  return Buffer.concat(chunks);
}

describe('ZIP packages (the central directory read by hand, parts inflated by zlib), against fflate', () => {
  const entry = fc.record({
    name: fc.oneof(fc.constantFrom('word/document.xml', '[Content_Types].xml', '_rels/.rels', 'word/media/图片1.png', 'docProps/'), fc.stringMatching(/^[a-z0-9_\/\u4e00-\u4e0f]{1,20}$/)),
    data: fc.oneof(fc.uint8Array({ maxLength: 3000 }), fc.string({ maxLength: 2000 }).map((t) => strToU8(t.repeat(3)))),
    level: fc.constantFrom(0, 1, 6, 9),
  });
  const files = fc.uniqueArray(entry, { minLength: 1, maxLength: 8, selector: (e) => e.name });
  // By name: fflate answers with an object, whose integer-like keys come first whatever the package order.
  const oracle = (zip: Uint8Array) => Object.fromEntries(Object.entries(unzipSync(zip)).map(([n, d]) => [n, Buffer.from(d)]));
  const ours = (zip: Uint8Array) => Object.fromEntries(readAll(zip).map(([n, d]) => [n, Buffer.from(d)]));

  it('every entry as fflate reads it: stored and deflated, UTF-8 names, a comment, sizes after the data, ZIP64', () => {
    let packages = 0;
    fc.assert(
      fc.property(files, fc.string({ maxLength: 40 }), (list, comment) => {
        const plain = zipSync(Object.fromEntries(list.map((e) => [e.name, [e.data, { level: e.level as 0 }]])), { comment });
        const streamed = streamedZip(list.map((e) => [e.name, e.data, e.level]));
        for (const zip of [plain, streamed, asZip64(plain), asZip64(streamed)]) {
          assert.deepEqual(ours(zip), oracle(zip));
          assert.deepEqual(
            listEntries(zip).map((e) => e.name),
            readAll(zip).map(([n]) => n),
          );
          assert.deepEqual(new Set(listEntries(zip).map((e) => e.name)), new Set(list.map((e) => e.name)));
          packages++;
        }
        const wanted = list[list.length - 1].name;
        assert.deepEqual(Buffer.from(readParts(plain, [wanted.toUpperCase(), 'missing']).get(wanted.toUpperCase())!), Buffer.from(list[list.length - 1].data));
      }),
      { numRuns: 150, seed: 20261206 },
    );
    assert.ok(packages >= 600, `${packages} packages`);
  });

  it('a cut, shifted or scribbled-on package is refused as a broken ZIP, never a crash', () => {
    const good = toDocx(readFixture('002_3f5e56868c97c344.txt'));
    fc.assert(
      fc.property(fc.nat(good.length - 1), fc.nat(255), fc.boolean(), (at, value, cut) => {
        const bad = cut ? good.subarray(0, at) : Buffer.from(good).fill(value, at, at + 1);
        try {
          for (const [, d] of readAll(bad)) assert.ok(d instanceof Uint8Array);
        } catch (e) {
          assert.ok(e instanceof ImportError, String(e));
          assert.ok(['read.zipBroken', 'read.partTooLarge'].includes(e.id), e.id);
        }
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});

describe('.docx numbering details', () => {
  const numbering = (xml: string) => `<?xml version="1.0"?><w:numbering ${W}>${xml}</w:numbering>`;
  const styles = (xml: string) => `<?xml version="1.0"?><w:styles ${W}>${xml}</w:styles>`;
  /** A package with its own numbering.xml and styles.xml. */
  function pkg(body: string, num: string, sty: string): Uint8Array {
    const parts = unzipSync(docx(body));
    parts['word/numbering.xml'] = strToU8(num);
    parts['word/styles.xml'] = strToU8(sty);
    return zipSync(parts);
  }
  const lvl = (i: number, fmt: string, text: string) => `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/></w:lvl>`;
  const np = (text: string, pPr: string) => `<w:p><w:pPr>${pPr}</w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;

  it('a heading style with numbering, two levels, a level restarting under its parent, a list style link', () => {
    const num = numbering(
      `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'chineseCounting', '（%2）')}${lvl(2, 'decimal', '%3.')}</w:abstractNum>` +
        `<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ReportList"/></w:abstractNum>` +
        `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>`,
    );
    const sty = styles(
      `<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>` +
        `<w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>` +
        `<w:style w:type="numbering" w:styleId="ReportList"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>`,
    );
    const body = [np('总体情况', '<w:pStyle w:val="H1"/>'), np('主动公开', '<w:pStyle w:val="H2"/>'), np('依申请公开', '<w:pStyle w:val="H2"/>'), np('细项', '<w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr>'), np('主动公开政府信息情况', '<w:pStyle w:val="H1"/>'), np('数据', '<w:pStyle w:val="H2"/>'), np('无编号', '<w:pStyle w:val="H1"/><w:numPr><w:numId w:val="0"/></w:numPr>')].join('');
    const texts = readDocument(pkg(body, num, sty)).blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''));
    assert.deepEqual(texts, ['一、总体情况', '（一）主动公开', '（二）依申请公开', '1.细项', '二、主动公开政府信息情况', '（一）数据', '无编号']);
  });
});

describe('files another office suite wrote (LibreOffice, test/fixtures/import/)', () => {
  const DIR = join(__dirname, 'fixtures', 'import');
  for (const seed of SEEDS) {
    it(`${seed.slice(0, 3)}-libreoffice.docx: the findings of the text form`, () => {
      assert.deepEqual(findings(convert(readFileSync(join(DIR, `${seed.slice(0, 3)}-libreoffice.docx`))).text), findings(readFixture(seed)));
    });
  }
  for (const n of ['001']) {
    it(`${n}-libreoffice.html: the same tables and findings; only the six headings differ (the browser numbers them 1.–6.)`, () => {
      const seed = SEEDS.find((s) => s.startsWith(n))!;
      const base = findings(readFixture(seed));
      const got = findings(convert(readFileSync(join(DIR, `${n}-libreoffice.html`))).text);
      assert.deepEqual(got.filter((k) => !k.startsWith('XR005|')), base.filter((k) => !k.startsWith('XR005|')));
      assert.equal(got.filter((k) => k.startsWith('XR005|')).length, 6);
    });
  }
  it('004-libreoffice.doc (Word 97, OLE) → save as .docx', () => {
    assert.throws(() => readDocument(readFileSync(join(DIR, '004-libreoffice.doc'))), (e: unknown) => e instanceof ImportError && e.id === 'read.ole');
  });
});

describe('writing fixed cells back (fixDocx)', () => {
  it('a number into an empty cell becomes a new run in its paragraph; a digit split over runs lands in the first run', () => {
    const cells = [
      tc('<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>'),
      tc('<w:p/>'),
      tc(''),
      tc('<w:p><w:r><w:t>1</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>2</w:t></w:r></w:p>'),
    ];
    const bytes = docx(tbl(4, `<w:tr>${cells.join('')}</w:tr>`));
    const c = convert(bytes);
    assert.equal(c.text, '|  |  |  | 12 |\n| --- | --- | --- | --- |\n');
    const after = '| 7 | 8 | 9 | 30 |\n| --- | --- | --- | --- |\n';
    const fixed = fixDocx(bytes, c, after);
    assert.equal(convert(fixed).text, after);
    const xml = Buffer.from(unzipSync(fixed)['word/document.xml']).toString('utf8');
    assert.match(xml, /<w:p><w:pPr><w:jc w:val="center"\/><\/w:pPr><w:r><w:t>7<\/w:t><\/w:r><\/w:p>/);
    assert.match(xml, /<w:p><w:r><w:t>8<\/w:t><\/w:r><\/w:p>/);
    assert.match(xml, /<w:t xml:space="preserve">9<\/w:t>/);
    assert.match(xml, /<w:t>30<\/w:t><\/w:r><w:r><w:rPr><w:i\/><\/w:rPr><w:t><\/w:t>/);
  });
  it('a wrong total inside a frame table is fixed in place, nothing else of the part changed', () => {
    const bytes = toDocx(broken002(), { framed: true });
    const c = convert(bytes);
    const fix = checkText(c.text).diagnostics.find((d) => d.code === 'XR101' && d.actual === 41)!.fixes![0].edits[0];
    const lines = c.text.split('\n');
    lines[fix.range.start.line] = lines[fix.range.start.line].slice(0, fix.range.start.character) + fix.newText + lines[fix.range.start.line].slice(fix.range.end.character);
    const fixed = fixDocx(bytes, c, lines.join('\n'));
    const xml = (b: Uint8Array) => Buffer.from(unzipSync(b)['word/document.xml']).toString('utf8');
    assert.equal(xml(fixed), xml(toDocx(readFixture('002_3f5e56868c97c344.txt'), { framed: true })));
  });
  it('refuses a change outside the table cells', () => {
    const bytes = docx(p('标题') + tbl(1, `<w:tr>${tc('5')}</w:tr>`));
    const c = convert(bytes);
    assert.throws(() => fixDocx(bytes, c, c.text.replace('标题', '题目')), (e: unknown) => e instanceof ImportError && e.id === 'fix.cellNotFound');
  });
});
