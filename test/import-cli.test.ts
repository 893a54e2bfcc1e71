// The command line on Word files and web pages: `check` names table, row and column; JSON carries the
// source location (and stays valid against test/cli-output.schema.json); folders yield .docx/.html that
// look like reports; a PDF is exit 2 for itself only; `convert`; `--fix` on a .docx rewrites only the
// fixed cell inside word/document.xml, and a second, independent reader (mammoth) still opens it.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { strToU8, unzipSync, zipSync } from 'fflate';
import mammoth from 'mammoth';
import type { Log } from 'sarif';
import { ensureBuilt } from '../scripts/ensure-built';
import { toDocx, toHtml } from './helpers/office';
import { readFixture } from './helpers/reports';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
let tmp = '';

before(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'xxgk-import-cli-'));
});
after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function cli(args: string[], cwd = tmp) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Seed 002 with the 自然人 cell of （七）总计 changed from 14 to 41 (a number the .docx splits over two runs). */
const broken002 = () => readFixture('002_3f5e56868c97c344.txt').replace('\t（七）总计\n\t14', '\t（七）总计\n\t41');

let n = 0;
function dir(): string {
  const d = join(tmp, `d${++n}`);
  mkdirSync(d);
  return d;
}

describe('xxgk-report check on .docx and .html', () => {
  it('names table, row and column and the converted line; same findings as the text form', () => {
    const d = dir();
    writeFileSync(join(d, 'report.docx'), toDocx(broken002(), { numbered: true, splitRuns: true, tracked: true }));
    writeFileSync(join(d, 'page.html'), toHtml(broken002(), { charset: 'gbk' }));
    writeFileSync(join(d, 'report.txt'), broken002());
    const r = cli(['check', 'report.docx', 'page.html', 'report.txt'], d);
    assert.equal(r.code, 1, r.stderr);
    const line = (file: string) => r.stdout.split('\n').find((l) => l.startsWith(file) && l.includes('XR101'))!;
    assert.match(line('report.docx'), /^report\.docx  第2个表格第25行第4列 （转换文本 \d+:\d+）  错误  XR101  此处应为 14，实际为 41/);
    assert.match(line('page.html'), /^page\.html  第2个表格第25行第4列 （转换文本 \d+:\d+）  错误  XR101/);
    assert.match(r.stdout, /report\.docx：注意：文档含有修订/);
    const en = cli(['check', '--locale', 'en', 'report.docx'], d);
    assert.match(en.stdout, /report\.docx  table 2 row 25 col 4 \(converted \d+:\d+\)  error  XR101/);
  });

  it('--format json: source locations and the converted form, valid against the schema', () => {
    const d = dir();
    writeFileSync(join(d, 'report.docx'), toDocx(broken002()));
    writeFileSync(join(d, 'report.txt'), broken002());
    const r = cli(['check', '--format', 'json', 'report.docx', 'report.txt'], d);
    const out = JSON.parse(r.stdout) as { files: { converted?: unknown; diagnostics: { code: string; source?: unknown }[] }[] };
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'test', 'cli-output.schema.json'), 'utf8')));
    assert.ok(validate(out), JSON.stringify(validate.errors));
    const [docx, txt] = out.files;
    assert.deepEqual(docx.converted, { from: 'docx', notices: [] });
    assert.equal(txt.converted, undefined);
    const d101 = docx.diagnostics.find((x) => x.code === 'XR101')!;
    assert.deepEqual(d101.source, { table: 2, row: 25, col: 4 });
    const strip = (ds: { code: string; table?: string; row?: string; column?: string; expected?: number; actual?: number | null }[]) => ds.map((x) => [x.code, x.table, x.row, x.column, x.expected, x.actual].join('|')).sort();
    assert.deepEqual(strip(docx.diagnostics), strip(txt.diagnostics));
  });

  it('--format sarif: valid SARIF 2.1.0; a .docx finding points at the file (no lines) with its cell in properties', () => {
    const raw = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const { id, $schema: _draft04, ...rest } = raw;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile({ $schema: 'http://json-schema.org/draft-07/schema#', $id: id, ...rest });
    const d = dir();
    writeFileSync(join(d, 'report.docx'), toDocx(broken002()));
    const log = JSON.parse(cli(['check', '--format', 'sarif', 'report.docx'], d).stdout) as Log;
    assert.ok(validate(log), JSON.stringify(validate.errors));
    const run = log.runs[0];
    assert.equal(run.artifacts![0].sourceLanguage, 'docx');
    const r101 = run.results!.find((x) => x.ruleId === 'XR101')!;
    assert.equal(r101.locations![0].physicalLocation!.region, undefined);
    assert.equal(r101.fixes, undefined);
    assert.deepEqual(r101.properties!.source, { table: 2, row: 25, col: 4 });
  });

  it('folders yield .docx and .html that look like reports; a PDF is exit 2 for itself only', () => {
    const d = dir();
    writeFileSync(join(d, 'a.docx'), toDocx(readFixture('003_31cf96be23961926.txt')));
    writeFileSync(join(d, 'b.htm'), toHtml(readFixture('004_53e0ee0f0d02d1f7.txt')));
    writeFileSync(join(d, 'index.html'), '<html><body><p>网站首页</p></body></html>');
    writeFileSync(join(d, 'scan.pdf'), '%PDF-1.4\n');
    const folder = cli(['check', '--format', 'json', '.'], d);
    assert.equal(folder.code, 0, folder.stderr);
    assert.deepEqual(JSON.parse(folder.stdout).files.map((f: { path: string }) => f.path), ['a.docx', 'b.htm']);
    const r = cli(['check', 'scan.pdf', 'a.docx'], d);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^scan\.pdf：PDF 暂不支持：请使用 \.docx 或网页版本$/m);
    assert.match(r.stdout, /^a\.docx  模板 2021/m);
    writeFileSync(join(d, 'old.doc'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048)]));
    const doc = cli(['check', 'old.doc'], d);
    assert.equal(doc.code, 2);
    assert.match(doc.stderr, /^old\.doc：.*请另存为 \.docx$/m);
  });

  it('convert writes the markdown text to stdout or -o', () => {
    const d = dir();
    writeFileSync(join(d, 'r.docx'), toDocx(readFixture('001_61ad5134df80a2d8.txt')));
    const out = cli(['convert', 'r.docx'], d);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /^\| 第二十条第（一）项 \|  \|  \|  \|$/m);
    assert.equal(cli(['convert', 'r.docx', '-o', 'r.md'], d).code, 0);
    assert.equal(readFileSync(join(d, 'r.md'), 'utf8'), out.stdout);
    assert.equal(cli(['check', '-o', 'x.md', 'r.docx'], d).code, 2);
    assert.equal(cli(['convert'], d).code, 2);
    writeFileSync(join(d, 'x.pdf'), '%PDF-1.4\n');
    const pdf = cli(['convert', '--locale', 'en', 'x.pdf'], d);
    assert.equal(pdf.code, 2);
    assert.match(pdf.stderr, /PDF is not supported yet/);
  });
});

describe('--fix on a .docx', () => {
  it('writes the fixed number into its cell (the first of its runs) and leaves every other part as it was', async () => {
    const d = dir();
    const path = join(d, 'report.docx');
    const before = toDocx(broken002(), { splitRuns: true, tracked: true, contentControls: true, extraParts: { 'word/media/image1.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) } });
    writeFileSync(path, before);
    const r = cli(['check', '--fix', 'report.docx'], d);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /已修复 report\.docx：1 处/);
    const after = readFileSync(path);
    const a = unzipSync(before);
    const b = unzipSync(after);
    assert.deepEqual(Object.keys(b).sort(), Object.keys(a).sort());
    for (const name of Object.keys(a)) if (name !== 'word/document.xml') assert.deepEqual(Buffer.from(b[name]), Buffer.from(a[name]), name);
    // Only the cell changed: "4" + bold "1" became "14" + bold "".
    const xa = Buffer.from(a['word/document.xml']).toString('utf8');
    const xb = Buffer.from(b['word/document.xml']).toString('utf8');
    let i = 0;
    while (xa[i] === xb[i]) i++;
    let j = 0;
    while (xa[xa.length - 1 - j] === xb[xb.length - 1 - j]) j++;
    assert.equal(xa.slice(i, xa.length - j), '4</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">1');
    assert.equal(xb.slice(i, xb.length - j), '14</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">');
    // Our own reader: no arithmetic error left; a second reader opens the file and sees 14 in the row.
    assert.equal(cli(['check', 'report.docx'], d).code, 0);
    const html = (await mammoth.convertToHtml({ buffer: after })).value;
    const row = html.slice(html.indexOf('（七）总计'), html.indexOf('</tr>', html.indexOf('（七）总计')));
    assert.match(row, /<td><p>14<\/p><\/td>/);
    assert.doesNotMatch(row, /41/);
  });

  it('on a file LibreOffice wrote: the document part comes back exactly as LibreOffice wrote it', () => {
    const d = dir();
    const original = unzipSync(readFileSync(join(__dirname, 'fixtures', 'import', '002-libreoffice.docx')));
    const xml = Buffer.from(original['word/document.xml']).toString('utf8');
    const at = xml.indexOf('<w:t>14</w:t>', xml.indexOf('（七）总计'));
    assert.ok(at > 0);
    const broken = { ...original, 'word/document.xml': strToU8(xml.slice(0, at) + '<w:t>41</w:t>' + xml.slice(at + 13)) };
    writeFileSync(join(d, 'lo.docx'), zipSync(broken));
    assert.match(cli(['check', 'lo.docx'], d).stdout, /XR101  此处应为 14，实际为 41/);
    const r = cli(['check', '--fix', 'lo.docx'], d);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const fixed = unzipSync(readFileSync(join(d, 'lo.docx')));
    assert.equal(Buffer.from(fixed['word/document.xml']).toString('utf8'), xml);
    for (const name of Object.keys(original)) assert.deepEqual(Buffer.from(fixed[name]), Buffer.from(original[name]), name);
  });

  it('is refused on a web page, which stays as it was', () => {
    const d = dir();
    const page = toHtml(broken002());
    writeFileSync(join(d, 'page.html'), page);
    const r = cli(['check', '--fix', 'page.html'], d);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /网页文件不能用 --fix 原地修复/);
    assert.deepEqual(readFileSync(join(d, 'page.html')), Buffer.from(page));
  });
});
