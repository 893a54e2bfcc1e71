// The extension's static parts, without VS Code: the manifest (package.json contributions), its two
// localisations, the TextMate grammars, the language configuration, the report templates and the
// packaging allow-list.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkText, parseReport, SECTIONS, TEMPLATES } from '../server/src/core';
import { diagnosticLine, style } from '../server/src/node/output-text';
import { buildGrammars, GRAMMAR_FILES, readGrammarFile, render } from '../syntaxes/generate';

const ROOT = join(__dirname, '..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
const json = (p: string) => JSON.parse(read(p));

const pkg = json('package.json');
const nls: Record<string, Record<string, string>> = { en: json('package.nls.json'), 'zh-cn': json('package.nls.zh-cn.json') };
const contributes = pkg.contributes;

/** Every string value anywhere in a JSON value. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}
const usedKeys = new Set(strings(pkg).flatMap((s) => [...s.matchAll(/^%([^%\s]+)%$/g)].map((m) => m[1])));

describe('manifest: localisation', () => {
  it('uses nls keys', () => assert.ok(usedKeys.size >= 20, `only ${usedKeys.size} keys`));
  for (const [lang, table] of Object.entries(nls)) {
    it(`every %key% of package.json exists in the ${lang} file`, () => {
      const missing = [...usedKeys].filter((k) => !(k in table));
      assert.deepEqual(missing, []);
    });
    it(`every key of the ${lang} file is used by package.json`, () => {
      const unused = Object.keys(table).filter((k) => !usedKeys.has(k));
      assert.deepEqual(unused, []);
    });
    it(`no empty ${lang} strings`, () => {
      for (const [k, v] of Object.entries(table)) assert.ok(typeof v === 'string' && v.trim() !== '', k);
    });
  }
  it('the Chinese file is actually Chinese', () => {
    for (const k of Object.keys(nls['zh-cn']).filter((k) => k.startsWith('command.'))) assert.match(nls['zh-cn'][k], /[\u4e00-\u9fff]/, k);
  });
  it('user-facing strings of the contributions go through nls', () => {
    for (const c of contributes.commands) assert.match(c.title, /^%.+%$/, c.command);
    for (const [name, p] of Object.entries<Record<string, string>>(contributes.configuration.properties)) {
      assert.match(p.description ?? p.markdownDescription, /^%.+%$/, name);
    }
    assert.match(contributes.configuration.title, /^%.+%$/);
    assert.match(pkg.capabilities.untrustedWorkspaces.description, /^%.+%$/);
  });
});

describe('manifest: activation, commands, settings', () => {
  const ids = ['newReport2021', 'newReport2019', 'recomputeAll', 'recomputeTable', 'convertTableToMarkdown', 'checkWorkspace'].map((c) => `xxgkReport.${c}`);

  it('activates only on its languages and commands', () => {
    const ev: string[] = pkg.activationEvents;
    assert.ok(!ev.includes('*') && !ev.includes('onStartupFinished'), JSON.stringify(ev));
    for (const l of ['xxgk-report', 'markdown', 'plaintext']) assert.ok(ev.includes(`onLanguage:${l}`), l);
    for (const e of ev) assert.match(e, /^(onLanguage|onCommand):/, e);
  });

  it('contributes every command with a title and a category', () => {
    const byId = new Map<string, { title?: string; category?: string }>(contributes.commands.map((c: { command: string }) => [c.command, c]));
    for (const id of ids) {
      assert.ok(byId.get(id)?.title, `${id} has no title`);
      assert.ok(byId.get(id)?.category, `${id} has no category`);
    }
    for (const [id, c] of byId) assert.ok(c.title, `${id} has no title`);
  });

  it('menus name only contributed commands', () => {
    const known = new Set(contributes.commands.map((c: { command: string }) => c.command));
    for (const items of Object.values<{ command: string }[]>(contributes.menus)) for (const i of items) assert.ok(known.has(i.command), i.command);
  });

  it('declares the settings of the server contract, all resource-scoped', () => {
    const p = contributes.configuration.properties;
    const expect: Record<string, unknown> = {
      'xxgkReport.enable': true,
      'xxgkReport.run': 'onType',
      'xxgkReport.rules': {},
      'xxgkReport.inlayHints.enabled': true,
      'xxgkReport.locale': 'auto',
      'xxgkReport.blankAsZero': false,
    };
    for (const [k, d] of Object.entries(expect)) {
      assert.ok(p[k], `${k} missing`);
      assert.deepEqual(p[k].default, d, k);
      assert.equal(p[k].scope, 'resource', k);
    }
    assert.deepEqual(p['xxgkReport.run'].enum, ['onType', 'onSave']);
    assert.deepEqual(p['xxgkReport.locale'].enum, ['auto', 'zh-cn', 'en', 'display']);
    assert.deepEqual(p['xxgkReport.rules'].additionalProperties.enum, ['error', 'warning', 'information', 'hint', 'off']);
    for (const [k, v] of Object.entries<{ enum?: unknown[]; enumDescriptions?: unknown[] }>(p)) {
      if (v.enumDescriptions) assert.equal(v.enumDescriptions.length, v.enum!.length, k);
    }
  });

  it('declares restricted-mode and virtual-workspace support', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, []);
    assert.ok(pkg.capabilities.virtualWorkspaces);
  });

  it('keeps engines.vscode at the language client minimum', () => {
    const lc = json('node_modules/vscode-languageclient/package.json');
    assert.equal(pkg.engines.vscode, '^1.91.0');
    assert.equal(lc.engines.vscode, pkg.engines.vscode);
  });

  it('declares source.fixAll.xxgk without turning it on', () => {
    const kinds = contributes.codeActions.flatMap((c: { actions: { kind: string }[] }) => c.actions.map((a) => a.kind));
    assert.ok(kinds.includes('source.fixAll.xxgk'));
    const defaults = JSON.stringify(contributes.configurationDefaults ?? {});
    assert.ok(!defaults.includes('codeActionsOnSave'), 'fix-all must stay opt-in');
  });

  it('points at files that exist', () => {
    for (const p of [pkg.main, pkg.icon]) assert.ok(p && (p.startsWith('./dist/') || existsSync(join(ROOT, p))), p);
    for (const l of contributes.languages) if (l.configuration) assert.ok(existsSync(join(ROOT, l.configuration)), l.configuration);
    for (const g of contributes.grammars) assert.ok(existsSync(join(ROOT, g.path)), g.path);
    for (const j of contributes.jsonValidation) assert.ok(existsSync(join(ROOT, j.url)), j.url);
    assert.match(read('images/icon.png').slice(1, 4), /PNG/);
  });

  it('contributes the xxgk-report language with a first-line match', () => {
    const lang = contributes.languages.find((l: { id: string }) => l.id === 'xxgk-report');
    assert.ok(lang.aliases.includes('政府信息公开年报'));
    assert.deepEqual(lang.extensions, ['.xxgk.txt', '.xxgk.md']);
    const first = new RegExp(lang.firstLine);
    for (const t of ['示例县交通运输局2022年政府信息公开工作年度报告', '# （机关名称）2024年政府信息公开工作年度报告', '\uFEFF北京市西城区卫生健康委员会2020年度政府信息公开工作年度报告']) {
      assert.ok(first.test(t), t);
    }
    for (const t of ['# README', '关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知。', '\t0']) assert.ok(!first.test(t), t);
  });

  it('contributes the task type and the $xxgk-report problem matchers', () => {
    assert.equal(contributes.taskDefinitions[0].type, 'xxgk-report');
    const names = contributes.problemMatchers.map((m: { name: string }) => m.name);
    assert.ok(names.includes('xxgk-report'));
    const re = new RegExp(contributes.problemMatchers[0].pattern.regexp);
    assert.equal(re.exec('2 files, 3 problems'), null);
    assert.equal(re.exec('b.md  template 2021 · year 2022 · 0 errors 1 warning 0 notes'), null);
  });

  // The CLI's own formatter writes the lines the task's problem matchers read, in both languages.
  for (const locale of ['en', 'zh-cn'] as const) {
    it(`the problem matchers read every line of the CLI's ${locale} text output`, () => {
      type Matcher = { name: string; severity?: string; pattern: Record<string, string | number> };
      const matchers: Matcher[] = contributes.problemMatchers;
      const sevOf = (m: Matcher, groups: RegExpExecArray): string => {
        // VS Code: error / warning / info (also hint) from the severity group, else the matcher's own.
        const word = m.pattern.severity ? groups[m.pattern.severity as number] : m.severity!;
        return word === 'hint' ? 'info' : word;
      };
      const expected: Record<string, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'info' };
      let checked = 0;
      for (const name of ['2022-示例县交通运输局-有错误.md', '2020-青铜峡市卫生健康局-制表符.txt', '2020-北京市西城区卫生健康委员会-逐格.txt']) {
        const path = `examples/${name}`;
        const r = checkText(read(path), { locale });
        for (const d of r.diagnostics) {
          const line = diagnosticLine(path, d, locale, style(false));
          const hits = matchers.map((m) => [m, new RegExp(m.pattern.regexp as string).exec(line)] as const).filter(([, g]) => g !== null);
          assert.equal(hits.length, 1, `${hits.length} matchers read: ${line}`);
          const [m, g] = hits[0] as [Matcher, RegExpExecArray];
          assert.equal(g[m.pattern.file as number], path);
          assert.equal(Number(g[m.pattern.line as number]), d.range.start.line + 1);
          assert.equal(Number(g[m.pattern.column as number]), d.range.start.character + 1);
          assert.equal(g[m.pattern.code as number], d.code);
          assert.equal(g[m.pattern.message as number], d.message);
          assert.equal(sevOf(m, g), expected[d.severity], line);
          checked++;
        }
      }
      assert.ok(checked >= 10, `only ${checked} lines`);
    });
  }
});

describe('grammars', () => {
  const g = buildGrammars();
  const main = g.main as { scopeName: string; repository: Record<string, { match?: string; begin?: string; end?: string; patterns?: unknown[] }> };
  const inj = g.injection as typeof main & { injectionSelector: string };

  it('are up to date with syntaxes/generate.ts and the template data', () => {
    assert.equal(readGrammarFile('main'), render(g.main), `run: node --import tsx syntaxes/generate.ts`);
    assert.equal(readGrammarFile('injection'), render(g.injection), `run: node --import tsx syntaxes/generate.ts`);
  });

  it('are registered in package.json, the injection into markdown', () => {
    const byPath = new Map(contributes.grammars.map((x: { path: string }) => [x.path.replace(/^\.\//, ''), x]));
    const m = byPath.get(`syntaxes/${GRAMMAR_FILES.main}`) as { scopeName: string; language: string };
    const i = byPath.get(`syntaxes/${GRAMMAR_FILES.injection}`) as { scopeName: string; injectTo: string[]; language?: string };
    assert.equal(m.scopeName, 'source.xxgk-report');
    assert.equal(m.language, 'xxgk-report');
    assert.equal(i.scopeName, inj.scopeName);
    assert.deepEqual(i.injectTo, ['text.html.markdown']);
    assert.equal(i.language, undefined, 'the injection must not replace markdown');
    assert.match(inj.injectionSelector, /^L:text\.html\.markdown\b/);
  });

  /** Every regex of a grammar, with where it sits. */
  function regexes(rep: Record<string, unknown>): [string, string][] {
    const out: [string, string][] = [];
    const walk = (v: unknown, where: string) => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}[${i}]`));
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if ((k === 'match' || k === 'begin' || k === 'end' || k === 'while') && typeof x === 'string') out.push([`${where}.${k}`, x]);
          else walk(x, `${where}.${k}`);
        }
      }
    };
    walk(rep, '');
    return out;
  }

  for (const [name, grammar] of [
    ['main', main],
    ['injection', inj],
  ] as const) {
    it(`${name}: every regex compiles (JavaScript-compatible patterns only)`, () => {
      const rs = regexes(grammar.repository);
      assert.ok(rs.length >= 10);
      for (const [where, src] of rs) {
        assert.doesNotThrow(() => new RegExp(src), where);
        assert.doesNotMatch(src, /\\[hHAzZG]|\(\?[>~]|\\u[0-9a-fA-F]{4}|[*+?}]\+/, `${where}: Oniguruma-only or ambiguous syntax`);
      }
    });
    it(`${name}: every include resolves`, () => {
      const includes = strings(grammar).filter((s) => s.startsWith('#'));
      for (const inc of includes) if (!/^#[0-9a-f]{3,6}$/i.test(inc)) assert.ok(grammar.repository[inc.slice(1)], inc);
    });
  }

  const headingForms = [
    '一、总体情况',
    '二、主动公开政府信息情况',
    '三、收到和处理政府信息公开申请情况',
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况',
    '六、其他需要报告的事项',
    // spec §2.3 variants
    '四、因政府信息公开工作被申请行政复议、提起行政诉讼情况',
    '四、政府信息公开行政复议和行政诉讼情况',
    '五、存在的主要问题及改进措施',
    '五、政府信息公开工作存在的主要问题及改进情况',
    '五、存在的问题及改进措施',
    '五、存在问题和改进措施',
    // numbering and marks
    '一.总体情况',
    '一．总体情况',
    '1、总体情况',
    '　一、总体情况',
    '一、总体情况。',
    '**二、主动公开政府信息情况**',
    '[bookmark: _GoBack]三、收到和处理政府信息公开申请情况',
  ];
  const notHeadings = [
    '一、本年新收政府信息公开申请数量',
    '四、结转下年度继续办理',
    '三、本年度办理结果',
    '　　（五）政府信息公开行政复议、行政诉讼情况。',
    '\t一、总体情况',
    '一、总体情况\t0',
    '我局一、总体情况良好',
  ];

  it('main: the heading pattern matches the six headings and their variants, never a row label', () => {
    const re = new RegExp(main.repository.heading.match!);
    for (const h of [...headingForms, '## 一、总体情况', '# 六、其他需要报告的事项']) assert.ok(re.test(h), h);
    for (const h of notHeadings) assert.ok(!re.test(h), h);
  });

  it('injection: the heading pattern matches the same headings, also as the text of a markdown heading', () => {
    const re = new RegExp(inj.repository.heading.match!);
    for (const h of headingForms) assert.ok(re.test(h), h);
    for (const h of notHeadings.filter((x) => !x.startsWith('我局'))) assert.ok(!re.test(h), h);
    // Markdown retokenises a heading's text as a capture: the pattern must match right after `## `.
    const inHeading = new RegExp(inj.repository.heading.match!, 'y');
    inHeading.lastIndex = 3;
    assert.ok(inHeading.test('## 一、总体情况'));
  });

  it('every section title of the template data is a heading', () => {
    const re = new RegExp(main.repository.heading.match!);
    for (const s of SECTIONS) for (const t of [s.title, ...(s.aliases ?? [])]) assert.ok(re.test(`${s.number}、${t}`), t);
  });

  for (const [name, grammar] of [
    ['main', main],
    ['injection', inj],
  ] as const) {
    it(`${name}: the number pattern matches counts, signed deltas, separators and units as whole cells`, () => {
      const re = new RegExp(grammar.repository.number.match!);
      for (const [text, number, unit] of [
        ['+15', '+15', undefined],
        ['-166', '-166', undefined],
        ['5,542.3607', '5,542.3607', undefined],
        ['580.1万元', '580.1', '万元'],
        ['92 万元', '92', '万元'],
        ['0', '0', undefined],
        ['3件', '3', '件'],
      ] as const) {
        for (const context of [text, `\t${text}`, `| ${text} |`, `规章\t${text}\t0`]) {
          const m = re.exec(context);
          assert.ok(m, JSON.stringify(context));
          assert.equal(m[1], number, JSON.stringify(context));
          assert.equal(m[3], unit, JSON.stringify(context));
        }
      }
      for (const text of ['1.属于国家秘密', '2020年，我局', '0000-0000000', '第二十条第（一）项', '12a']) assert.equal(re.exec(text), null, text);
    });
  }

  it('colours every template label: row labels, group labels, totals, captions, column labels', () => {
    const rep = main.repository;
    const kinds = ['total', 'rowGroup', 'rowLabel', 'caption', 'columnLabel'].map((k) => [k, new RegExp(rep[k].match!)] as const);
    const kindOf = (cell: string) => kinds.find(([, re]) => re.exec(cell)?.[1] !== undefined && re.exec(cell)![1].length === cell.replace(/^\t/, '').length)?.[0];
    // （六）其他处理 is a data row in 2019 and a group in 2021: the grammar colours it as a group.
    const groups = new Set(Object.values(TEMPLATES).flatMap((t) => t.t3Rows.filter((r) => r.kind === 'group').map((r) => r.label)));
    for (const t of Object.values(TEMPLATES)) {
      for (const r of t.t3Rows) {
        const expected = r.key === 'resultsTotal' ? 'total' : groups.has(r.label) ? 'rowGroup' : 'rowLabel';
        assert.equal(kindOf(`\t${r.label}`), expected, r.label);
      }
      for (const s of t.t2) {
        assert.equal(kindOf(`\t${s.caption}`), 'caption', s.caption);
        for (const r of s.rows) assert.equal(kindOf(r.label), 'rowLabel', r.label);
        for (const c of s.columns) assert.equal(kindOf(c.label), 'columnLabel', c.label);
      }
      for (const c of t.t3Columns) assert.equal(kindOf(c.label), c.label === '总计' ? 'total' : 'columnLabel', c.label);
    }
    // Flattening quirks of spec §5.4: half-width brackets, spaces inside labels, totals spelt out.
    assert.equal(kindOf('(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)'), 'rowLabel');
    assert.equal(kindOf('1. 属于国家秘密'), 'rowLabel');
    assert.equal(kindOf('商业 企业'), 'columnLabel');
    assert.equal(kindOf('总 计'), 'total');
    assert.equal(kindOf('七、总计'), 'total');
    assert.equal(kindOf('(七)总计'), 'total');
    assert.equal(kindOf('未经复议直接诉讼'), 'columnLabel');
    // Narrative text is not a table cell.
    assert.equal(kindOf('全年予以公开12件'), undefined);
  });
});

describe('language configuration', () => {
  const conf = json('language-configuration.json');
  it('parses and its word pattern selects whole numbers', () => {
    const re = new RegExp(conf.wordPattern, 'g');
    assert.deepEqual('5,542.3607 与 -166'.match(re), ['5,542.3607', '与', '-166']);
    assert.deepEqual(conf.comments.blockComment, ['<!--', '-->']);
  });
});

describe('report templates (client/templates)', () => {
  for (const [version, year] of [
    ['2019', 2020],
    ['2021', 2024],
  ] as const) {
    it(`${version}: a complete empty report of the ${version} format, without errors`, () => {
      const raw = read(`client/templates/${version}.md`);
      assert.match(raw, /\{\{year\}\}/);
      const text = raw.replace(/\{\{year\}\}/g, String(year)).replace(/\{\{nextYear\}\}/g, String(year + 1));
      const model = parseReport(text);
      assert.equal(model.template, version);
      assert.equal(model.year, year);
      assert.deepEqual(
        model.sections.map((s) => s.number),
        ['一', '二', '三', '四', '五', '六'],
      );
      assert.ok(model.sections.every((s) => s.canonical), 'headings in canonical form');
      for (const id of ['二', '三', '四'] as const) assert.ok(model.tables[id], `table ${id}`);
      const r = checkText(text);
      const errors = r.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
      assert.deepEqual(
        errors.map((d) => `${d.code} ${d.message}`),
        [],
      );
      // Every value cell is 0 (or 0 with the amount unit the 2019 format requires).
      for (const t of Object.values(model.tables)) {
        for (const row of t!.rows) for (const c of row.cells) if (c.value.kind === 'number') assert.equal(c.value.number, 0, c.text);
      }
    });
  }
});

describe('packaging allow-list (.vscodeignore)', () => {
  const lines = read('.vscodeignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  it('denies everything first, then allows the run-time files', () => {
    assert.equal(lines[0], '**');
    for (const f of ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'package.nls.json', 'package.nls.zh-cn.json', 'language-configuration.json', 'images/icon.png', 'LICENSE']) {
      assert.ok(lines.includes(`!${f}`), f);
    }
    assert.ok(!lines.some((l) => /node_modules|\.map$|!dist\/\*\*/.test(l)), 'no node_modules, no source maps');
  });
  it('allows every bundle esbuild.mjs writes (lazily required ones included)', () => {
    const outs = [...read('esbuild.mjs').matchAll(/\bout: '([\w-]+)'/g)].map((m) => m[1]);
    assert.ok(outs.length >= 8 && outs.includes('cross'), outs.join(', '));
    for (const o of outs) assert.ok(lines.includes(`!dist/${o}.js`), `dist/${o}.js`);
  });
});
