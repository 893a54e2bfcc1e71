// The command line as a user runs it: `node dist/cli.js check …` on real files in a temporary folder.
// Exit codes, the three output formats (JSON and SARIF validated against their schemas), encodings,
// --fix round trips, refusals, locale, skipping and I/O problems.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import iconv from 'iconv-lite';
import type { Log } from 'sarif';
import { version } from '../package.json';
import { RULES } from '../server/src/core';
import { ensureBuilt } from '../scripts/ensure-built';
import { toDocx } from './helpers/office';
import { wantColour } from '../server/src/node/output-text';
import { readSnapshot, writeAtomically } from '../server/src/node/write-file';
import { isLongRun, LONG_RUN_BYTES } from '../server/src/node/short-run';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIXTURES = join(__dirname, 'fixtures');
const SEEDS = readdirSync(FIXTURES).filter((f) => /^\d{3}_[0-9a-f]+\.txt$/.test(f)).sort();
const SEED_002 = '002_3f5e56868c97c344.txt';

// ---------------------------------------------------------------------------------------------------
// Setup: build dist/ when it is missing or older than its sources (so this file also runs alone).


let tmp = '';
let dirCount = 0;
/** A fresh folder inside the test's temporary folder. */
function folder(name = 'd'): string {
  const d = join(tmp, `${name}-${++dirCount}`);
  mkdirSync(d, { recursive: true });
  return d;
}

before(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'xxgk-cli-'));
});
after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const env = { ...process.env, ...opts.env };
  if (!opts.env || !('FORCE_COLOR' in opts.env)) delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? tmp, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(r: Run): JsonOut {
  return JSON.parse(r.stdout) as JsonOut;
}

interface JsonDiag {
  code: string;
  rule: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  table?: string;
  row?: string;
  column?: string;
  expected?: number;
  actual?: number | null;
  fixable: boolean;
}
interface JsonOut {
  version: 1;
  files: { path: string; encoding: string; template: string | null; year: number | null; sections: { number: string; title: string; line: number }[]; diagnostics: JsonDiag[] }[];
}

const seedText = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/** Seed 002 with the table 三 cell （一）予以公开 × 自然人 (line 153, 1-based) changed from 4 to 7. */
function mutated002(): string {
  const lines = seedText(SEED_002).split('\n');
  assert.equal(lines[152], '\t4');
  assert.equal(lines[151], '\t（一）予以公开');
  lines[152] = '\t7';
  return lines.join('\n');
}

const toCrlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
/** Stack traces have lines like "    at fn (file:1:2)". */
const hasTrace = (s: string) => /^\s+at\s/m.test(s);

// ---------------------------------------------------------------------------------------------------

describe('exit codes', () => {
  it('0 for every seed report (no error-severity finding)', () => {
    const d = folder('seeds');
    for (const s of SEEDS) copyFileSync(join(FIXTURES, s), join(d, s));
    const r = cli(['check', d]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    for (const s of SEEDS) assert.match(r.stdout, new RegExp(`${s}  模板 20(19|21) · 年度 20(20|21) · 0 错误 \\d+ 警告 \\d+ 提示`));
    assert.match(r.stdout, /检查了 5 个文件，跳过 0 个：0 个错误/);
    assert.equal(r.stderr, '');
  });

  it('1 for a wrong cell in table 三, pointing at that cell', () => {
    const d = folder();
    writeFileSync(join(d, 'wrong.txt'), mutated002());
    const r = cli(['check', join(d, 'wrong.txt')], { cwd: d });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^wrong\.txt  模板 2019 · 年度 2020 · 1 错误 3 警告 2 提示$/m);
    assert.match(r.stdout, /^wrong\.txt:153:2  错误  XR101  此处应为 4，实际为 7（「（一）予以公开」行合计与「自然人」列（七）总计均差 3）$/m);
    assert.match(r.stdout, /1 个错误/);
  });

  it('2 for a missing path, with one clear line on stderr, and the other files still checked', () => {
    const d = folder();
    copyFileSync(join(FIXTURES, SEEDS[0]), join(d, 'good.txt'));
    const r = cli(['check', 'no-such-report.txt', 'good.txt'], { cwd: d });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'no-such-report.txt：找不到文件或文件夹\n');
    assert.match(r.stdout, /^good\.txt  模板 2019 · 年度 2020/m);
    assert.match(r.stdout, /1 个文件无法处理/);
  });

  it('2 takes precedence over 1', () => {
    const d = folder();
    writeFileSync(join(d, 'wrong.txt'), mutated002());
    const r = cli(['check', 'wrong.txt', 'missing'], { cwd: d });
    assert.equal(r.code, 2);
    assert.match(r.stdout, /XR101/);
  });

  for (const [args, message] of [
    [['check', '--bogus', 'x.txt'], '未知选项：--bogus（xxgk-report --help 查看用法）'],
    [['check', '--format', 'xml', 'x.txt'], '--format 的值无效：xml（可用 text、json、sarif）'],
    [['check', '--locale', 'fr', 'x.txt'], '--locale 的值无效：fr（可用 zh-cn、en）'],
    [['check', '--disable', 'XR999', 'x.txt'], '--disable 中的未知规则：XR999（xxgk-report --list-rules 查看全部规则）'],
    [['check'], '请指定要检查的文件或文件夹：xxgk-report check [选项] <文件或文件夹…>'],
    [['lint', 'x.txt'], '未知命令：lint（可用 check、convert、next；xxgk-report --help 查看用法）'],
    [['check', '--format'], '选项 --format 需要一个值'],
    [['check', '--fix=yes', 'x.txt'], '选项 --fix 不接受值'],
    [['--locale', 'en', 'check', '--bogus'], 'Unknown option: --bogus (see xxgk-report --help)'],
  ] as const) {
    it(`2 for a usage error: ${args.join(' ')}`, () => {
      const r = cli([...args]);
      assert.equal(r.code, 2);
      assert.equal(r.stderr, message + '\n');
      assert.equal(r.stdout, '');
    });
  }

  it('--help and --version exit 0', () => {
    const h = cli(['--help']);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /^用法：xxgk-report check \[选项\] <文件或文件夹…>/);
    assert.match(h.stdout, /--format <text\|json\|sarif>/);
    const he = cli(['check', '--help', '--locale', 'en']);
    assert.match(he.stdout, /^Usage: xxgk-report check \[options\] <files or folders…>/);
    const v = cli(['--version']);
    assert.equal(v.code, 0);
    assert.equal(v.stdout, `${version}\n`);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('--format json', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, 'cli-output.schema.json'), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(schema);

  function valid(out: unknown): void {
    assert.ok(validate(out), JSON.stringify(validate.errors, null, 2));
  }

  it('validates against cli-output.schema.json for every seed and a mutated one', () => {
    const d = folder();
    for (const s of SEEDS) copyFileSync(join(FIXTURES, s), join(d, s));
    writeFileSync(join(d, 'zz-wrong.txt'), mutated002());
    const r = cli(['check', '--format', 'json', '.'], { cwd: d });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const out = json(r);
    valid(out);
    assert.deepEqual(
      out.files.map((f) => f.path),
      [...SEEDS, 'zz-wrong.txt'],
    );
    for (const f of out.files) {
      assert.equal(f.encoding, 'utf-8');
      assert.deepEqual(
        f.sections.map((s) => s.number),
        ['一', '二', '三', '四', '五', '六'],
      );
    }
  });

  it('seed 001: its template, year, sections and the five blank cells of table 四', () => {
    const d = folder();
    const name = '001_61ad5134df80a2d8.txt';
    copyFileSync(join(FIXTURES, name), join(d, name));
    const r = cli(['check', '--format', 'json', name], { cwd: d });
    assert.equal(r.code, 0);
    const [f] = json(r).files;
    assert.equal(f.template, '2019');
    assert.equal(f.year, 2020);
    assert.deepEqual(f.sections[0], { number: '一', title: '总体情况', line: 4 });
    const lines = seedText(name).split('\n');
    for (const s of f.sections) assert.ok(lines[s.line].includes(s.title), `${s.number} at ${s.line}`);

    // The five blank cells of table 四 are one finding (spec §4.2), on the first of them.
    const blanks = f.diagnostics.filter((x) => x.code === 'XR201');
    assert.equal(blanks.length, 1);
    const [b] = blanks;
    assert.equal(b.rule, 'blank-cell');
    assert.equal(b.severity, 'warning');
    assert.equal(b.table, '四');
    assert.equal(b.column, '行政复议·结果维持');
    assert.equal(b.actual, null);
    assert.equal(b.fixable, true);
    assert.equal('expected' in b, false);
    // An empty range where the first blank cell sits: the first empty field of the TAB-separated row.
    assert.deepEqual(b.range, { start: { line: 75, character: 0 }, end: { line: 75, character: 0 } });
    assert.match(lines[75], /^\t{5}0(\t0){9}$/);
    // A finding without table data carries no such keys at all.
    const missingYear = f.diagnostics.find((x) => x.code === 'XR301')!;
    assert.deepEqual(Object.keys(missingYear), ['code', 'rule', 'severity', 'message', 'range', 'fixable']);
  });

  it('the mutated seed: XR101 on the changed cell with expected, actual and a fix', () => {
    const d = folder();
    writeFileSync(join(d, 'wrong.txt'), mutated002());
    const r = cli(['check', '--format', 'json', 'wrong.txt'], { cwd: d });
    assert.equal(r.code, 1);
    const out = json(r);
    valid(out);
    const errors = out.files[0].diagnostics.filter((x) => x.severity === 'error');
    assert.equal(errors.length, 1);
    const [e] = errors;
    assert.equal(e.code, 'XR101');
    assert.equal(e.rule, 't3-row-total');
    assert.equal(e.expected, 4);
    assert.equal(e.actual, 7);
    assert.equal(e.fixable, true);
    assert.equal(e.table, '三');
    assert.equal(e.row, '（一）予以公开');
    assert.equal(e.column, '自然人');
    assert.deepEqual(e.range, { start: { line: 152, character: 1 }, end: { line: 152, character: 2 } });
    assert.ok(e.message.startsWith('此处应为 4，实际为 7'));
  });

  it('--quiet keeps errors only; --disable by code or alias turns rules off', () => {
    const d = folder();
    writeFileSync(join(d, 'wrong.txt'), mutated002());
    const q = json(cli(['check', '--format', 'json', '--quiet', 'wrong.txt'], { cwd: d }));
    assert.deepEqual(
      q.files[0].diagnostics.map((x) => x.code),
      ['XR101'],
    );
    const off = cli(['check', '--format', 'json', '--disable', 'XR013,extra-row,narrative-mismatch', '--disable=date-missing', 'wrong.txt'], { cwd: d });
    const codes = json(off).files[0].diagnostics.map((x) => x.code);
    assert.deepEqual(codes, ['XR101']);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('--timing', () => {
  it('prints each rule\'s time on stderr after the run, the output on stdout unchanged', () => {
    const d = folder();
    for (const s of SEEDS) copyFileSync(join(FIXTURES, s), join(d, s));
    const plain = cli(['check', '--format', 'json', '.'], { cwd: d });
    const timed = cli(['check', '--format', 'json', '--timing', '.'], { cwd: d });
    assert.equal(timed.code, plain.code);
    assert.deepEqual(json(timed), json(plain));
    const lines = timed.stderr.trim().split('\n');
    assert.equal(lines[0], '规则\t耗时（毫秒）\t占比');
    const rows = lines.slice(1, -1).map((l) => l.split('\t'));
    assert.ok(rows.length >= 5 && rows.length <= 10, timed.stderr);
    for (const [code, ms, share] of rows) {
      assert.match(code, /^XR\d{3}$/);
      assert.match(ms, /^\d+\.\d{3}$/);
      assert.match(share, /^\d+\.\d%$/);
    }
    // Slowest first, and the total over every rule is at least their sum.
    const times = rows.map((r) => Number(r[1]));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    const total = lines[lines.length - 1].split('\t');
    assert.equal(total[0], '合计');
    assert.ok(Number(total[1]) >= times.reduce((a, b) => a + b, 0) - 0.01);
    assert.match(total[2], new RegExp(`（${SEEDS.length} 个文件）`));
    assert.match(cli(['check', '--timing', '--locale', 'en', '.'], { cwd: d }).stderr, /^rule\ttime \(ms\)\tshare\n/);
  });
});

describe('--format sarif', () => {
  // The SARIF 2.1.0 schema as Microsoft ships it (@microsoft/jest-sarif, a devDependency). It is written
  // in draft-04 syntax; its only draft-04-specific keyword is the top-level "id", so it is read as draft-07.
  const raw = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const { id, $schema: _draft04, ...rest } = raw;
  const schema = { $schema: 'http://json-schema.org/draft-07/schema#', $id: id, ...rest };
  // Not strict (it is a third-party schema with quirks ajv's strict mode rejects), and unicodeRegExp off:
  // one of its patterns (`…{2}]?$`) is valid only without the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  function run(files: Record<string, string>, extra: string[] = []): { r: Run; log: Log; dir: string } {
    const dir = folder('sarif');
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const r = cli(['check', '--format', 'sarif', ...extra, '.'], { cwd: dir });
    const log = JSON.parse(r.stdout) as Log;
    return { r, log, dir };
  }

  it('is valid SARIF 2.1.0 (official schema) with rules, levels, regions and fixes', () => {
    const files: Record<string, string> = { 'wrong.txt': mutated002(), '西城 区#1.txt': seedText(SEED_002) };
    for (const s of SEEDS) files[s] = seedText(s);
    const { r, log } = run(files);
    assert.equal(r.code, 1);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));

    const [runObj] = log.runs;
    assert.equal(log.version, '2.1.0');
    assert.equal(runObj.columnKind, 'utf16CodeUnits');
    const rules = runObj.tool.driver.rules!;
    const xr101 = rules.find((x) => x.id === 'XR101')!;
    assert.equal(xr101.name, 't3-row-total');
    assert.equal(xr101.helpUri, 'https://github.com/xxgk-report/xxgk-report/blob/main/docs/rules/XR101.md');
    assert.equal(xr101.defaultConfiguration?.level, 'error');
    assert.ok(xr101.shortDescription?.text);
    assert.equal(rules.find((x) => x.id === 'XR013')!.defaultConfiguration?.level, 'note');
    assert.equal(rules.find((x) => x.id === 'XR109')!.defaultConfiguration?.level, 'note'); // hint → note

    const results = runObj.results!;
    const err = results.filter((x) => x.level === 'error');
    assert.equal(err.length, 1);
    const [e] = err;
    assert.equal(e.ruleId, 'XR101');
    assert.equal(rules[e.ruleIndex!].id, 'XR101');
    assert.ok(e.message.text!.startsWith('此处应为 4，实际为 7'));
    const loc = e.locations![0].physicalLocation!;
    assert.equal(loc.artifactLocation!.uri, 'wrong.txt');
    assert.deepEqual(loc.region, { startLine: 153, startColumn: 2, endLine: 153, endColumn: 3 });
    const change = e.fixes![0].artifactChanges[0];
    assert.equal(change.artifactLocation.uri, 'wrong.txt');
    assert.deepEqual(change.replacements, [{ deletedRegion: { startLine: 153, startColumn: 2, endLine: 153, endColumn: 3 }, insertedContent: { text: '4' } }]);

    // information → note, and the Chinese file names are valid URI references.
    const artefacts = results.filter((x) => x.ruleId === 'XR013');
    assert.ok(artefacts.every((a) => a.level === 'note'));
    assert.ok(artefacts.some((a) => a.locations![0].physicalLocation!.artifactLocation!.uri === '%E8%A5%BF%E5%9F%8E%20%E5%8C%BA%231.txt'));
    const blank = results.find((x) => x.ruleId === 'XR201')!;
    assert.equal(blank.level, 'warning');
    assert.deepEqual(blank.locations![0].physicalLocation!.region, { startLine: 76, startColumn: 1, endLine: 76, endColumn: 1 });
    assert.equal(runObj.invocations![0].executionSuccessful, true);

    // The validator is live: a 0-based line, as the JSON format has them, is not SARIF.
    const broken = JSON.parse(JSON.stringify(log)) as Log;
    broken.runs[0].results![0].locations![0].physicalLocation!.region!.startLine = 0;
    assert.equal(validate(broken), false);
  });

  it('reports I/O problems as tool notifications and stays valid', () => {
    const { r, log } = run({ 'bin.txt': '\u0000\u0001binary', 'ok.txt': seedText(SEEDS[0]) });
    assert.equal(r.code, 2);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const inv = log.runs[0].invocations![0];
    assert.equal(inv.executionSuccessful, false);
    assert.equal(inv.toolExecutionNotifications![0].message.text, 'bin.txt：无法读取：不是文本文件');
    assert.deepEqual(
      log.runs[0].artifacts!.map((a) => a.location!.uri),
      ['ok.txt'],
    );
  });
});

// ---------------------------------------------------------------------------------------------------

describe('encodings and --fix', () => {
  const original002 = seedText(SEED_002);

  const cases: { name: string; encoding: string; bytes: (text: string) => Buffer }[] = [
    { name: 'GB18030 + CRLF', encoding: 'gb18030', bytes: (t) => iconv.encode(toCrlf(t), 'gb18030') },
    { name: 'GB18030 + LF', encoding: 'gb18030', bytes: (t) => iconv.encode(t, 'gb18030') },
    { name: 'UTF-8 BOM + CRLF', encoding: 'utf-8-bom', bytes: (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toCrlf(t), 'utf8')]) },
    { name: 'UTF-8 + CRLF', encoding: 'utf-8', bytes: (t) => Buffer.from(toCrlf(t), 'utf8') },
    { name: 'UTF-16LE + CRLF', encoding: 'utf-16le', bytes: (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(toCrlf(t), 'utf-16le')]) },
    { name: 'UTF-16BE', encoding: 'utf-16be', bytes: (t) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(t, 'utf-16be')]) },
  ];

  for (const c of cases) {
    it(`${c.name}: read, fixed in place, byte-identical except the fixed digit`, () => {
      const d = folder('enc');
      const file = join(d, 'report.txt');
      const before = c.bytes(mutated002());
      const expected = c.bytes(original002);
      assert.notDeepEqual(before, expected);
      writeFileSync(file, before);
      chmodSync(file, 0o640);

      const check = cli(['check', '--format', 'json', 'report.txt'], { cwd: d });
      assert.equal(check.code, 1, check.stderr);
      const f = json(check).files[0];
      assert.equal(f.encoding, c.encoding);
      assert.equal(f.year, 2020);
      assert.ok(f.diagnostics.some((x) => x.code === 'XR101' && x.expected === 4 && x.actual === 7));

      const fix = cli(['check', '--fix', 'report.txt'], { cwd: d });
      assert.equal(fix.code, 0, fix.stdout + fix.stderr);
      assert.match(fix.stdout, /^已修复 report\.txt：1 处$/m);
      assert.match(fix.stdout, /^report\.txt  模板 2019 · 年度 2020 · 0 错误/m);
      assert.match(fix.stdout, /修复了 1 处（1 个文件）/);
      const after = readFileSync(file);
      assert.ok(after.equals(expected), `${c.name}: bytes differ after --fix`);
      assert.equal(statSync(file).mode & 0o777, 0o640, 'mode kept');
      assert.deepEqual(
        readdirSync(d),
        ['report.txt'],
        'no temporary file left',
      );

      // Nothing left to fix: a second run writes nothing.
      const again = cli(['check', '--fix', 'report.txt'], { cwd: d });
      assert.equal(again.code, 0);
      assert.doesNotMatch(again.stdout, /已修复/);
      assert.ok(readFileSync(file).equals(expected));
    });
  }

  it('--fix with --format json prints the remaining findings as JSON and the change on stderr', () => {
    const d = folder();
    writeFileSync(join(d, 'r.txt'), mutated002());
    const r = cli(['check', '--fix', '--format', 'json', 'r.txt'], { cwd: d });
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '已修复 r.txt：1 处\n');
    assert.equal(
      json(r).files[0].diagnostics.filter((x) => x.severity === 'error').length,
      0,
    );
    assert.equal(readFileSync(join(d, 'r.txt'), 'utf8'), original002);
  });

  it('refuses to fix a read-only file and leaves it untouched', () => {
    const d = folder();
    const file = join(d, 'ro.txt');
    const text = mutated002();
    writeFileSync(file, text);
    chmodSync(file, 0o444);
    const r = cli(['check', '--fix', 'ro.txt'], { cwd: d });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'ro.txt：未写入修复：文件是只读的\n');
    assert.doesNotMatch(r.stdout, /已修复/);
    assert.match(r.stdout, /ro\.txt:153:2  错误  XR101/); // still reported
    assert.equal(readFileSync(file, 'utf8'), text);
    assert.equal(statSync(file).mode & 0o777, 0o444);
  });

  it('never fixes through a symbolic link to a file outside the given tree', () => {
    const outside = folder('outside');
    const target = join(outside, 'real.txt');
    writeFileSync(target, mutated002());
    const tree = folder('tree');
    symlinkSync(target, join(tree, 'link.txt'));
    copyFileSync(join(FIXTURES, SEEDS[0]), join(tree, 'own.txt'));

    // Walking the folder: the link is not followed (counted as skipped).
    const walk = cli(['check', '--fix', relative(tmp, tree)]);
    assert.equal(walk.code, 0, walk.stdout + walk.stderr);
    assert.match(walk.stdout, /检查了 1 个文件，跳过 1 个/);
    assert.doesNotMatch(walk.stdout, /link\.txt/);

    // Named directly: checked (reading is harmless), but not written.
    const named = cli(['check', '--fix', 'link.txt'], { cwd: tree });
    assert.equal(named.code, 2);
    assert.equal(named.stderr, `link.txt：未写入修复：符号链接指向给定目录之外（${target}）\n`);
    assert.match(named.stdout, /link\.txt:153:2  错误  XR101/);
    assert.equal(readFileSync(target, 'utf8'), mutated002());
  });

  it('fixes through a symbolic link inside the tree, keeping the link', () => {
    const tree = folder('tree');
    mkdirSync(join(tree, 'data'));
    const target = join(tree, 'data', 'real.txt');
    writeFileSync(target, mutated002());
    symlinkSync(join('data', 'real.txt'), join(tree, 'link.txt'));
    const r = cli(['check', '--fix', 'link.txt'], { cwd: tree });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(target, 'utf8'), original002);
    assert.equal(readdirSync(tree).sort().join(','), 'data,link.txt');
    assert.ok(statSync(join(tree, 'link.txt')).isFile());
  });

  it('a binary .txt: exit 2 with a message, the other files still checked', () => {
    const d = folder();
    writeFileSync(join(d, 'a.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff]));
    copyFileSync(join(FIXTURES, SEEDS[0]), join(d, 'b.txt'));
    writeFileSync(join(d, 'c.txt'), mutated002());
    const r = cli(['check', '.'], { cwd: d });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'a.txt：无法读取：不是文本文件\n');
    assert.match(r.stdout, /^b\.txt  模板 2019/m);
    assert.match(r.stdout, /^c\.txt:153:2  错误  XR101/m);
    assert.match(r.stdout, /检查了 2 个文件，跳过 0 个：1 个错误.*；1 个文件无法处理/);
    assert.equal(hasTrace(r.stderr), false);
  });

  it('bytes that are neither UTF-8 nor GB18030: exit 2, "unknown encoding"', () => {
    const d = folder();
    writeFileSync(join(d, 'x.txt'), Buffer.concat([iconv.encode('一、总体情况\n', 'gb18030'), Buffer.from([0xff, 0xfe - 1, 0x0a])]));
    const r = cli(['check', 'x.txt', '--locale', 'en'], { cwd: d });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'x.txt: cannot read: unknown encoding (neither UTF-8, UTF-16 nor GB18030)\n');
  });
});

// ---------------------------------------------------------------------------------------------------

describe('folders, locale, config, colours', () => {
  it('skips non-reports found in folders and says how many; named files are always checked', () => {
    const d = folder();
    mkdirSync(join(d, 'sub'));
    copyFileSync(join(FIXTURES, SEEDS[0]), join(d, 'sub', 'r.md'));
    copyFileSync(join(FIXTURES, SEEDS[1]), join(d, 'r.txt'));
    writeFileSync(join(d, 'notes.txt'), '会议纪要\n\n明天上午九点开会。\n');
    writeFileSync(join(d, 'README.md'), '# 说明\n\n这些是年度报告。\n');
    writeFileSync(join(d, 'data.csv'), '一、总体情况\n');
    mkdirSync(join(d, '.hidden'));
    copyFileSync(join(FIXTURES, SEEDS[2]), join(d, '.hidden', 'r.txt'));

    const r = cli(['check', '.'], { cwd: d });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /检查了 2 个文件，跳过 2 个/);
    const headers = r.stdout.split('\n').filter((l) => /  模板 /.test(l));
    assert.deepEqual(
      headers.map((l) => l.split('  ')[0]),
      ['r.txt', join('sub', 'r.md')],
      'sorted paths',
    );
    assert.doesNotMatch(r.stdout, /notes\.txt|README|\.hidden/);

    const named = cli(['check', 'notes.txt'], { cwd: d });
    assert.equal(named.code, 0);
    assert.match(named.stdout, /^notes\.txt  未识别为政府信息公开工作年度报告/m);
    assert.match(named.stdout, /检查了 1 个文件，跳过 0 个/);
  });

  it('--locale en gives English headers, messages and summary', () => {
    const d = folder();
    writeFileSync(join(d, 'wrong.txt'), mutated002());
    const r = cli(['check', '--locale', 'en', 'wrong.txt'], { cwd: d });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^wrong\.txt  template 2019 · year 2020 · 1 error 3 warnings 2 notes$/m);
    assert.match(r.stdout, /^wrong\.txt:153:2  error  XR101  This cell should be 4, found 7 /m);
    assert.match(r.stdout, /^1 file checked, 0 skipped: 1 error, 3 warnings, 2 notes$/m);
    assert.doesNotMatch(r.stdout, /[错误警告提示]/);
  });

  it('--list-rules lists code, alias, severity and description in the locale', () => {
    const zh = cli(['--list-rules']);
    assert.equal(zh.code, 0);
    assert.match(zh.stdout, /^XR101\tt3-row-total\t错误\t/m);
    const en = cli(['check', '--list-rules', '--locale', 'en']);
    assert.match(en.stdout, /^XR101\tt3-row-total\terror\tTable 三: each row's 总计 equals the six applicant columns$/m);
    assert.match(en.stdout, /^XR201\tblank-cell\twarning\tBlank value cells in a table \(blank is not zero\), once per table$/m);
    assert.equal(en.stdout.trim().split('\n').length, 1 + RULES.length);
  });

  it('.xxgkrc.json up the tree applies; its problems are warnings with path:line:col; options override it', () => {
    const d = folder();
    mkdirSync(join(d, 'a', 'b'), { recursive: true });
    writeFileSync(join(d, 'a', 'b', 'wrong.txt'), mutated002());
    writeFileSync(join(d, '.xxgkrc.json'), '{\n  "locale": "en",\n  "rules": { "t3-row-total": "warning" },\n  "colour": true\n}\n');
    const r = cli(['check', 'a'], { cwd: d });
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /wrong\.txt:153:2  warning  XR101  This cell should be 4/);
    assert.equal(r.stderr, '.xxgkrc.json:4:3  warning  Unknown key "colour" in the config file\n');

    const o = cli(['check', '--locale', 'zh-cn', '--disable', 'XR101', 'a'], { cwd: d });
    assert.equal(o.code, 0);
    assert.doesNotMatch(o.stdout, /XR101/);
    assert.match(o.stdout, /模板 2019/);
  });

  it('--config names the file explicitly; a missing one is a usage problem', () => {
    const d = folder();
    writeFileSync(join(d, 'wrong.txt'), mutated002());
    writeFileSync(join(d, '.xxgkrc.json'), '{ "rules": { "XR101": "off" } }');
    writeFileSync(join(d, 'strict.json'), '{ "rules": { "XR013": "error" } }');
    const own = cli(['check', '--format', 'json', 'wrong.txt'], { cwd: d });
    assert.equal(own.code, 0);
    const named = cli(['check', '--format', 'json', '--config', 'strict.json', 'wrong.txt'], { cwd: d });
    assert.equal(named.code, 1);
    const errs = json(named).files[0].diagnostics.filter((x) => x.severity === 'error').map((x) => x.code);
    assert.deepEqual(errs, ['XR013', 'XR101']);
    const missing = cli(['check', '--config', 'nope.json', 'wrong.txt'], { cwd: d });
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, '找不到配置文件：nope.json\n');
  });

  it('colours only on request or on a terminal, never with NO_COLOR', () => {
    const d = folder();
    writeFileSync(join(d, 'wrong.txt'), mutated002());
    const piped = cli(['check', 'wrong.txt'], { cwd: d });
    assert.equal(piped.stdout.includes('\x1b['), false);
    const forced = cli(['check', 'wrong.txt'], { cwd: d, env: { FORCE_COLOR: '1' } });
    assert.match(forced.stdout, /\x1b\[31m错误\x1b\[0m/);
    const flag = cli(['check', '--color', 'wrong.txt'], { cwd: d });
    assert.match(flag.stdout, /\x1b\[31m错误\x1b\[0m/);
    const no = cli(['check', 'wrong.txt'], { cwd: d, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    assert.equal(no.stdout.includes('\x1b['), false);
    const json = cli(['check', '--color', '--format', 'json', 'wrong.txt'], { cwd: d });
    assert.equal(json.stdout.includes('\x1b['), false);
  });

  it('colours on a real terminal (script(1) gives the CLI a pty), none there with NO_COLOR', () => {
    const d = folder();
    writeFileSync(join(d, 'wrong.txt'), mutated002());
    const onTty = (env: NodeJS.ProcessEnv) => {
      const e = { ...process.env, ...env };
      delete e.FORCE_COLOR;
      const r = spawnSync('script', ['-qec', `${process.execPath} ${CLI} check wrong.txt`, '/dev/null'], { cwd: d, env: e, encoding: 'utf8' });
      assert.equal(r.status, 1, r.stdout + r.stderr);
      return r.stdout;
    };
    assert.match(onTty({}), /\x1b\[31m错误\x1b\[0m  \x1b\[2mXR101\x1b\[0m  此处应为 4/);
    const plain = onTty({ NO_COLOR: '1' });
    assert.match(plain, /wrong\.txt:153:2  错误  XR101  此处应为 4/);
    assert.equal(plain.includes('\x1b['), false);
  });

  it('colour decision: terminal yes, pipe no, NO_COLOR wins over a terminal, flags win over all', () => {
    assert.equal(wantColour(undefined, true, {}), true);
    assert.equal(wantColour(undefined, false, {}), false);
    assert.equal(wantColour(undefined, undefined, {}), false);
    assert.equal(wantColour(undefined, true, { NO_COLOR: '1' }), false);
    assert.equal(wantColour(undefined, true, { NO_COLOR: '' }), true); // no-color.org: only a non-empty value counts
    assert.equal(wantColour(undefined, false, { FORCE_COLOR: '1' }), true);
    assert.equal(wantColour(undefined, true, { FORCE_COLOR: '0' }), true);
    assert.equal(wantColour(false, true, {}), false);
    assert.equal(wantColour(true, false, { NO_COLOR: '1' }), true);
  });

  it('the examples folder: every report checked, its README skipped', () => {
    const r = cli(['check', 'examples'], { cwd: ROOT });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /检查了 8 个文件，跳过 1 个/);
    assert.match(r.stdout, /2022-示例县交通运输局-有错误\.md:85:1  错误  XR001/);
    assert.equal(r.stderr, '');
  });
});

describe('paths outside the working directory', () => {
  it('are shown absolute, and as file URIs in SARIF', () => {
    const here = folder('cwd');
    const there = folder('elsewhere');
    const file = join(there, 'r.txt');
    writeFileSync(file, mutated002());
    const text = cli(['check', file], { cwd: here });
    assert.equal(text.code, 1);
    assert.ok(text.stdout.startsWith(`${file}  模板 2019`), text.stdout);
    assert.match(text.stdout, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:153:2  错误  XR101`, 'm'));
    const sarif = JSON.parse(cli(['check', '--format', 'sarif', file], { cwd: here }).stdout) as Log;
    const loc = sarif.runs[0].results![0].locations![0].physicalLocation!.artifactLocation!;
    assert.equal(loc.uri, pathToFileURL(file).href);
    assert.equal(loc.uriBaseId, undefined);
  });
});

describe('writing fixes back (server/src/node/write-file.ts)', () => {
  it('refuses when the file changed on disk after it was read, even with the same size and mtime', () => {
    const d = folder('race');
    const file = join(d, 'r.txt');
    writeFileSync(file, 'total 7\n');
    const snap = readSnapshot(file);

    // Changed size: caught by size/mtime.
    writeFileSync(file, 'total 17\n');
    assert.deepEqual(writeAtomically(file, d, snap, Buffer.from('total 4\n')), { ok: false, reason: 'changedOnDisk' });
    assert.equal(readFileSync(file, 'utf8'), 'total 17\n');

    // Same size, mtime put back: caught by comparing the bytes.
    writeFileSync(file, 'total 7\n');
    const snap2 = readSnapshot(file);
    writeFileSync(file, 'total 8\n');
    const t = new Date(snap2.mtimeMs);
    utimesSync(file, t, t);
    assert.deepEqual(writeAtomically(file, d, snap2, Buffer.from('total 4\n')), { ok: false, reason: 'changedOnDisk' });
    assert.equal(readFileSync(file, 'utf8'), 'total 8\n');

    // Unchanged: written, nothing else left in the folder.
    const snap3 = readSnapshot(file);
    assert.deepEqual(writeAtomically(file, d, snap3, Buffer.from('total 4\n')), { ok: true });
    assert.equal(readFileSync(file, 'utf8'), 'total 4\n');
    assert.deepEqual(readdirSync(d), ['r.txt']);
  });

  it('refuses when the file was deleted after it was read', () => {
    const d = folder('gone');
    const file = join(d, 'r.txt');
    writeFileSync(file, 'x');
    const snap = readSnapshot(file);
    rmSync(file);
    assert.deepEqual(writeAtomically(file, d, snap, Buffer.from('y')), { ok: false, reason: 'changedOnDisk' });
    assert.equal(existsSync(file), false);
  });
});

describe('start-up code cache and output (dist/cli.js)', () => {
  it('writes one cache file after a check, gives the same output from it, and keeps the folder to the newest four', () => {
    const d = folder('cache');
    const cacheDir = join(d, 'cache');
    mkdirSync(cacheDir);
    // Stale files of earlier bundles, oldest first.
    for (let i = 0; i < 6; i++) {
      const f = join(cacheDir, `cli-v0.0.${i}-x64-1-1.v8cache`);
      writeFileSync(f, 'old');
      utimesSync(f, 1_000_000 + i, 1_000_000 + i);
    }
    writeFileSync(join(d, 'r.txt'), seedText(SEED_002));
    const env = { XXGK_REPORT_CACHE_DIR: cacheDir };
    const first = cli(['check', '--format', 'json', 'r.txt'], { cwd: d, env });
    const files = readdirSync(cacheDir).sort();
    assert.equal(files.length, 4, files.join(', '));
    const current = files.filter((f) => f.startsWith(`cli-${process.version}-`));
    assert.equal(current.length, 1, 'the cache of this bundle and Node');
    assert.ok(files.includes('cli-v0.0.5-x64-1-1.v8cache') && files.includes('cli-v0.0.3-x64-1-1.v8cache'), 'the newest stale files stay');
    assert.ok(statSync(join(cacheDir, current[0])).size > 10_000);
    const second = cli(['check', '--format', 'json', 'r.txt'], { cwd: d, env });
    const uncached = cli(['check', '--format', 'json', 'r.txt'], { cwd: d, env: { XXGK_REPORT_NO_CACHE: '1' } });
    assert.equal(second.stdout, first.stdout);
    assert.equal(uncached.stdout, first.stdout);
    assert.equal(second.code, first.code);
  });

  it('keeps the readers of Word files (dist/import.js) in a cache of their own, with the same output', () => {
    const d = folder('cache-docx');
    const cacheDir = join(d, 'cache');
    writeFileSync(join(d, 'r.docx'), toDocx(seedText(SEED_002), { numbered: true }));
    const env = { XXGK_REPORT_CACHE_DIR: cacheDir };
    const text = cli(['check', '--format', 'json', 'r.docx'], { cwd: d, env: { XXGK_REPORT_NO_CACHE: '1' } });
    assert.equal(existsSync(cacheDir), false, 'no cache without a cache folder');
    const first = cli(['check', '--format', 'json', 'r.docx'], { cwd: d, env });
    const files = readdirSync(cacheDir).sort();
    assert.deepEqual(
      files.map((f) => f.replace(/-\d+-\d+\.v8cache$/, '')),
      [`cli-${process.version}-${process.arch}`, `import-${process.version}-${process.arch}`],
    );
    const written = files.map((f) => statSync(join(cacheDir, f)).mtimeMs);
    const second = cli(['check', '--format', 'json', 'r.docx'], { cwd: d, env });
    assert.deepEqual(readdirSync(cacheDir).sort(), files);
    assert.deepEqual(files.map((f) => statSync(join(cacheDir, f)).mtimeMs), written, 'a cache that was accepted is not written again');
    assert.ok(JSON.parse(text.stdout).files[0].diagnostics.length > 0);
    assert.equal(first.stdout, text.stdout);
    assert.equal(second.stdout, text.stdout);
    assert.equal(second.code, text.code);
  });

  it('runs short and long checks from one cache, with the same findings', () => {
    // A short run has Turbofan off (server/src/node/short-run.ts); the cache must be V8's-defaults either way.
    const d = folder('long-run');
    const cacheDir = join(d, 'cache');
    const env = { XXGK_REPORT_CACHE_DIR: cacheDir };
    const seed = seedText(SEED_002);
    writeFileSync(join(d, 'r.txt'), seed);
    const paragraph = '本机关坚持以公开为常态、不公开为例外，持续推进政府信息公开工作。\n';
    writeFileSync(join(d, 'big.txt'), seed + paragraph.repeat(Math.ceil(LONG_RUN_BYTES / Buffer.byteLength(paragraph)) + 1));
    const findings = (stdout: string, name: string) => JSON.stringify((JSON.parse(stdout) as JsonOut).files.find((f) => f.path === name));
    const short = cli(['check', '--format', 'json', 'r.txt'], { cwd: d, env });
    const [cache] = readdirSync(cacheDir);
    const written = statSync(join(cacheDir, cache)).mtimeMs;
    const long = cli(['check', '--format', 'json', 'r.txt', 'big.txt'], { cwd: d, env });
    assert.deepEqual(readdirSync(cacheDir), [cache]);
    assert.equal(statSync(join(cacheDir, cache)).mtimeMs, written, 'the long run accepted the short run\'s cache');
    assert.equal(findings(long.stdout, 'r.txt'), findings(short.stdout, 'r.txt'));
    // And the other way round: a cache written at the end of a long run serves a short one.
    rmSync(cacheDir, { recursive: true });
    cli(['check', '--format', 'json', 'r.txt', 'big.txt'], { cwd: d, env });
    const afterLong = statSync(join(cacheDir, cache)).mtimeMs;
    const again = cli(['check', '--format', 'json', 'r.txt'], { cwd: d, env });
    assert.equal(statSync(join(cacheDir, cache)).mtimeMs, afterLong, 'the short run accepted the long run\'s cache');
    assert.equal(again.stdout, short.stdout);
  });

  it('asks file sizes only until the run is known to be long', () => {
    const asked: string[] = [];
    const half = (p: string) => (asked.push(p), LONG_RUN_BYTES / 2 + 1);
    assert.equal(isLongRun(['a', 'b', 'c', 'd'], half), true);
    assert.deepEqual(asked, ['a', 'b']);
    assert.equal(isLongRun(['a', 'b'], () => LONG_RUN_BYTES / 2), false, 'exactly the limit is still short');
    assert.equal(isLongRun([], half), false);
  });

  it('writes a large output whole through a pipe that is read slowly', async () => {
    const d = folder('bigout');
    // 300 copies of a seed: far more JSON than a pipe's buffer holds.
    for (let i = 0; i < 300; i++) writeFileSync(join(d, `r${i}.txt`), seedText(SEED_002));
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [CLI, 'check', '--format', 'json', '.'], { cwd: d });
    const chunks: Buffer[] = [];
    child.stdout.pause();
    await new Promise((r) => setTimeout(r, 300));
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stdout.resume();
    const code = await new Promise<number | null>((r) => child.on('close', r));
    const out = JSON.parse(Buffer.concat(chunks).toString('utf8')) as JsonOut;
    assert.equal(out.files.length, 300);
    assert.ok(Buffer.concat(chunks).length > 1 << 20, 'more than a pipe buffer');
    assert.ok(code === 0 || code === 1);
  });
});
