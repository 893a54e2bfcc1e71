// Smaller pieces of the core: cell values, catalogues, config, inline suppressions, rule registry.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULE_DESCRIPTIONS } from '../server/src/core/rules/descriptions';
import { RULES, registerCatalogue, catalogueOf, hasCatalogue, t, applyEdits, checkText, findRule, fixAll, parseConfig, parseValue } from '../server/src/core';
import { EN } from '../server/src/core/i18n-en';
import { commonSubsequence, editDistance } from '../server/src/core/similarity';
import { LongKeyMemo, splitLines } from '../server/src/core/text';
import fc from 'fast-check';
import { configSchema } from '../scripts/gen-schema';
import { readFixture, textAt } from './helpers/reports';

describe('cell values (spec §6.2)', () => {
  const cases: [string, string, number | undefined, Partial<ReturnType<typeof parseValue>>?][] = [
    ['315', 'number', 315],
    ['0', 'number', 0],
    ['', 'blank', undefined],
    ['—', 'placeholder', 0],
    ['/', 'placeholder', 0],
    ['无', 'placeholder', 0],
    ['+15', 'number', 15, { sign: '+' }],
    ['-166', 'number', -166, { sign: '-' }],
    ['5,542.3607', 'number', 5542.3607, { separators: true, decimals: 4 }],
    ['580.1万元', 'number', 580.1, { unit: '万元' }],
    ['92 万元', 'number', 92, { unit: '万元' }],
    ['3件', 'number', 3, { unit: '件' }],
    ['１２', 'number', 12, { oddFormat: true }],
    ['2.5', 'number', 2.5, { decimals: 1 }],
    ['见附件', 'invalid', undefined],
    ['十余', 'invalid', undefined],
    // A change written in words, as 2019 本年增/减 cells have it.
    ['减4', 'number', -4, { sign: '-', signLength: 1 }],
    ['减少12', 'number', -12, { sign: '-', signLength: 2 }],
    ['增2', 'number', 2, { sign: '+', signLength: 1 }],
    ['增加 3', 'number', 3, { sign: '+', signLength: 2 }],
    ['减', 'invalid', undefined],
    ['增减', 'invalid', undefined],
  ];
  for (const [text, kind, number, extra] of cases) {
    it(JSON.stringify(text), () => {
      const v = parseValue(text);
      assert.equal(v.kind, kind);
      assert.equal(v.number, number);
      for (const [k, val] of Object.entries(extra ?? {})) assert.equal((v as unknown as Record<string, unknown>)[k], val, k);
    });
  }
  it('a change in words: understood in the 本年增/减 column; a count so written is negative or signed, and the plus sign\'s fix removes the whole word', () => {
    const report = readFileSync(join(__dirname, '..', 'examples', '2020-示例市统计局-制表符.txt'), 'utf8');
    const row = report.split('\n').find((l) => l.startsWith('行政许可\t'))!;
    const cells = row.split('\t');
    // 上一年项目数量 9, 本年增/减 减4: an item count of 5, nothing to say.
    const written = report.replace(row, ['行政许可', '9', '减4', ...cells.slice(3)].join('\t'));
    assert.deepEqual(checkText(written).diagnostics.filter((d) => d.severity !== 'information'), []);
    // 上一年项目数量 1, 减4: the item count would be -3 (XR106), the change itself is read.
    assert.deepEqual(checkText(report.replace(row, ['行政许可', '1', '减4', ...cells.slice(3)].join('\t'))).diagnostics.map((d) => d.code), ['XR106']);
    // In a count column: 减4 is a negative count (XR205), 增加4 a sign outside a change column (XR206).
    const inCount = (v: string) => report.replace(row, ['行政许可', v, ...cells.slice(2)].join('\t'));
    // (and an item count of -4 + 0: XR106)
    assert.deepEqual(checkText(inCount('减4')).diagnostics.map((d) => d.code).sort(), ['XR106', 'XR205']);
    const [plus] = checkText(inCount('增加4')).diagnostics.filter((d) => d.code === 'XR206');
    assert.equal(applyEdits(inCount('增加4'), plus.fixes[0].edits), inCount('4'));
  });
  it('the numeric token excludes the unit, so a fix replaces only the digits', () => {
    const v = parseValue('580.1万元');
    assert.equal('580.1万元'.slice(v.tokenStart, v.tokenEnd), '580.1');
  });
});

describe('message catalogues', () => {
  it('zh-cn and en have the same keys and placeholders', () => {
    const zh = catalogueOf('zh-cn');
    const en = EN;
    assert.deepEqual(Object.keys(en).sort(), Object.keys(zh).sort());
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join(',');
    for (const k of Object.keys(zh) as (keyof typeof zh)[]) assert.equal(holes(en[k]), holes(zh[k]), k);
  });
});

describe('the English catalogue is registered by whoever loads it', () => {
  it('before registration English reads as Chinese; after, as English', () => {
    // This file registers nothing itself, and runs in a process of its own (node --test).
    assert.equal(hasCatalogue('en'), false);
    assert.equal(t('en', 'config.unknownRule', { rule: 'X' }), '未知规则「X」');
    registerCatalogue('en', EN);
    assert.equal(t('en', 'config.unknownRule', { rule: 'X' }), 'Unknown rule "X"');
  });
});

describe('rule registry', () => {
  it('has unique codes and aliases, a description in both languages and a docs page per rule', () => {
    const codes = new Set(RULES.map((r) => r.code));
    const aliases = new Set(RULES.map((r) => r.alias));
    assert.equal(codes.size, RULES.length);
    assert.equal(aliases.size, RULES.length);
    for (const r of RULES) {
      assert.match(r.code, /^XR\d{3}$/);
      assert.match(r.alias, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(RULE_DESCRIPTIONS[r.code]?.['zh-cn'] && RULE_DESCRIPTIONS[r.code].en, r.code);
      assert.ok(existsSync(join(__dirname, '..', 'docs', 'rules', `${r.code}.md`)), `docs/rules/${r.code}.md`);
      assert.equal(findRule(r.alias), r);
      assert.equal(findRule(r.code.toLowerCase()), r);
    }
  });

  it('the config schema in the repository is generated from the registry', () => {
    const onDisk = JSON.parse(readFileSync(join(__dirname, '..', 'schemas', 'xxgkrc.schema.json'), 'utf8'));
    assert.deepEqual(onDisk, JSON.parse(JSON.stringify(configSchema())));
  });
});

describe('configuration', () => {
  it('turns rules off or changes their severity by code or alias', () => {
    const text = readFixture('001_61ad5134df80a2d8.txt');
    const { config, problems } = parseConfig('{"rules": {"blank-cell": "off", "XR306": "error"}}');
    assert.deepEqual(problems, []);
    const ds = checkText(text, config).diagnostics;
    assert.equal(ds.filter((d) => d.code === 'XR201').length, 0);
    assert.equal(ds.find((d) => d.code === 'XR306')!.severity, 'error');
  });

  it('reports invalid JSON with its position, unknown keys and rules, bad values', () => {
    const bad = parseConfig('{\n  "rules": {"XR999": "off"},\n  "colour": 1,\n  "blankAsZero": "yes"\n}');
    assert.deepEqual(
      bad.problems.map((p) => p.position.line),
      [1, 2, 3],
    );
    assert.match(bad.problems[0].message, /XR999/);
    assert.match(bad.problems[1].message, /colour/);
    const broken = parseConfig('{\n  "rules": {\n    "XR201": "off",\n  }\n}');
    assert.equal(broken.problems.length, 1);
    assert.match(broken.problems[0].message, /JSON/);
    assert.equal(broken.problems[0].position.line, 3);
  });

  it('nothing in it runs code, pollutes prototypes or reaches the network', async () => {
    const { loadConfig } = await import('../server/src/node/config-file');
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-config-'));
    const ran = join(dir, 'ran');
    const script = `require('fs').writeFileSync(${JSON.stringify(ran)}, 'x')`;
    writeFileSync(join(dir, '.xxgkrc.js'), script);
    writeFileSync(join(dir, '.xxgkrc.cjs'), script);
    // As a user would type it: JSON.parse makes "__proto__" an own key, which must not reach a prototype.
    writeFileSync(
      join(dir, '.xxgkrc.json'),
      `{
  "$schema": "https://example.invalid/schema.json",
  "extends": "./.xxgkrc.js",
  "plugins": ["./.xxgkrc.cjs"],
  "__proto__": { "blankAsZero": true },
  "rules": { "__proto__": "off", "constructor": "off", "XR201": "off" }
}`,
    );
    const realFetch = globalThis.fetch;
    const calls: string[] = [];
    globalThis.fetch = (async (input: unknown) => {
      calls.push(String(input));
      throw new Error('no network in a config file');
    }) as typeof fetch;
    try {
      const loaded = loadConfig(dir);
      assert.deepEqual(Object.keys(loaded.config).sort(), ['rules']);
      assert.deepEqual(loaded.config.rules, { XR201: 'off' });
      assert.equal(loaded.config.blankAsZero, undefined);
      assert.equal(({} as { blankAsZero?: unknown }).blankAsZero, undefined, 'Object.prototype untouched');
      assert.deepEqual(
        loaded.problems.map((p) => p.message).filter((m) => /extends|plugins|__proto__|constructor/.test(m)).length,
        5,
        loaded.problems.map((p) => p.message).join('\n'),
      );
      assert.equal(existsSync(ran), false, 'no script ran');
      assert.deepEqual(calls, [], 'no request was made');
    } finally {
      globalThis.fetch = realFetch;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('blankAsZero makes blanks count: no XR201, and identities over them are evaluated', () => {
    const text = readFixture('001_61ad5134df80a2d8.txt');
    const ds = checkText(text, { blankAsZero: true }).diagnostics;
    assert.equal(ds.filter((d) => d.code === 'XR201').length, 0);
    assert.equal(ds.filter((d) => d.code === 'XR104').length, 0);
  });
});

describe('inline suppressions', () => {
  const seed = readFixture('001_61ad5134df80a2d8.txt');
  it('xxgk-disable-file with a code or alias', () => {
    for (const name of ['XR201', 'blank-cell']) {
      const text = `<!-- xxgk-disable-file ${name} -->\n${seed}`;
      assert.equal(checkText(text).diagnostics.filter((d) => d.code === 'XR201').length, 0);
      assert.ok(checkText(text).diagnostics.some((d) => d.code === 'XR012'));
    }
  });
  it('xxgk-disable-next-line only affects the following line', () => {
    const lines = seed.split('\n');
    lines.splice(75, 0, '<!-- xxgk-disable-next-line XR201 -->');
    const ds = checkText(lines.join('\n')).diagnostics;
    assert.equal(ds.filter((d) => d.code === 'XR201').length, 0);
    lines.splice(75, 1, '<!-- xxgk-disable-next-line XR012 -->');
    // One finding for the table's five blank cells, on the first of them (line 76).
    assert.equal(checkText(lines.join('\n')).diagnostics.filter((d) => d.code === 'XR201').length, 1);
  });
});

describe('fixes replace only what they are about', () => {
  it('a located wrong cell in a CRLF file with U+00A0 around it keeps every other byte', () => {
    const seed = readFixture('002_3f5e56868c97c344.txt').replace(/\n/g, '\r\n');
    const original = seed.replace('\t（一）予以公开\r\n\t4\r\n', '\t（一）予以公开\r\n\t\u00a04\u00a0\r\n');
    const broken = original.replace('\t\u00a04\u00a0\r\n', '\t\u00a09\u00a0\r\n');
    const d = checkText(broken).diagnostics.find((x) => x.code === 'XR101')!;
    assert.equal(textAt(broken, d.range), '9');
    assert.equal(d.expected, 4);
    assert.equal(applyEdits(broken, d.fixes[0].edits), original);
  });

  it('a blank total whose terms are known is a hint with a compute fix, which fix-all leaves alone', () => {
    const seed = readFixture('002_3f5e56868c97c344.txt');
    const broken = seed.replace('\t（七）总计\n\t14\n\t0\n\t0\n\t0\n\t0\n\t0\n\t14', '\t（七）总计\n\t14\n\t0\n\t0\n\t0\n\t0\n\t0\n\t');
    assert.notEqual(broken, seed);
    const ds = checkText(broken).diagnostics;
    const d = ds.find((x) => x.code === 'XR101')!;
    assert.equal(d.severity, 'hint');
    assert.equal(d.expected, 14);
    assert.equal(d.fixes.length, 1);
    assert.equal(d.fixes[0].preferred, false);
    assert.equal(applyEdits(broken, d.fixes[0].edits), seed);
    // Not wrong, only not filled in: no error anywhere, and blank is never filled automatically.
    assert.deepEqual(ds.filter((x) => x.severity === 'error'), []);
    assert.equal(fixAll(broken).text, broken);
  });

  it('a wrong total whose recompute would break a holding identity gets an explanation, not a fix', () => {
    const seed = readFixture('002_3f5e56868c97c344.txt');
    // Two detail cells of （一） wrong (自然人 4→5, 商业企业 0→1): the row fails, 总计 4 agrees with （七）.
    const lines = seed.split('\n');
    const i = lines.indexOf('\t（一）予以公开');
    lines[i + 1] = '\t5';
    lines[i + 2] = '\t1';
    const ds = checkText(lines.join('\n')).diagnostics.filter((d) => /^XR1/.test(d.code));
    const row = ds.find((d) => d.code === 'XR101' && d.row?.startsWith('（一）'))!;
    assert.ok(row);
    assert.equal(row.fixes.length, 0);
    assert.match(row.message, /未提供自动修复/);
  });
});

describe('configuration positions', () => {
  it('a problem is placed at the key at its own nesting level', () => {
    const { problems } = parseConfig('{\n  "rules": { "locale": "off" },\n  "locale": "fr"\n}');
    assert.deepEqual(problems.map((p) => p.position), [
      { line: 1, character: 13 },
      { line: 2, character: 2 },
    ]);
  });
});

describe('applyEdits', () => {
  it('several insertions at one point read in the given order (all missing headings at once)', () => {
    const text = '某市某局2020年政府信息公开工作年度报告';
    const fixes = checkText(text).diagnostics.filter((d) => d.code === 'XR001').flatMap((d) => d.fixes[0].edits);
    assert.equal(fixes.length, 6);
    const fixed = checkText(applyEdits(text, fixes));
    assert.deepEqual(fixed.model.sections.map((s) => s.number), ['一', '二', '三', '四', '五', '六']);
    assert.equal(fixed.diagnostics.filter((d) => d.code === 'XR002').length, 0);
  });
});

describe('line splitting', () => {
  // The definition: a line ends at CRLF, LF or a lone CR; every line is the text between two ends.
  const reference = (text: string) => {
    const out: { text: string; start: number }[] = [];
    let start = 0;
    for (let k = 0; k < text.length; k++) {
      const c = text[k];
      if (c !== '\n' && c !== '\r') continue;
      out.push({ text: text.slice(start, k), start });
      if (c === '\r' && text[k + 1] === '\n') k++;
      start = k + 1;
    }
    out.push({ text: text.slice(start), start });
    return out;
  };
  it('LF only (the fast path), CRLF, lone CR and mixed ends give the lines and offsets of the definition', () => {
    const piece = fc.constantFrom('\n', '\r\n', '\r', '\n\n', 'a', '总计', '\t', ' ', '');
    const texts = fc.oneof(
      fc.array(fc.constantFrom('\n', 'ab', '一、', '\t3', ''), { maxLength: 30 }).map((xs) => xs.join('')),
      fc.array(piece, { maxLength: 30 }).map((xs) => xs.join('')),
    );
    fc.assert(fc.property(texts, (text) => assert.deepEqual(splitLines(text), reference(text))), { numRuns: 3000 });
    assert.deepEqual(splitLines('a\n\nb\n'), [{ text: 'a', start: 0 }, { text: '', start: 2 }, { text: 'b', start: 3 }, { text: '', start: 5 }]);
  });
});

describe('label similarity', () => {
  // The plain Levenshtein table, as the textbook gives it: what editDistance must agree with whatever
  // shortcut it takes (the shared-characters bound, the early exit at `limit`, the reused rows).
  const reference = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length][b.length];
  };
  const label = fc.string({ unit: fc.constantFrom(...'予以公开部分不处理其他总计自然人（）一二三、'), maxLength: 24 });

  it('editDistance equals the textbook distance within its limit, and exceeds the limit exactly when the distance does', () => {
    fc.assert(
      fc.property(label, label, fc.integer({ min: 0, max: 30 }), (a, b, limit) => {
        const want = reference(a, b);
        assert.equal(editDistance(a, b), want);
        const got = editDistance(a, b, limit);
        if (want <= limit) assert.equal(got, want);
        else assert.ok(got > limit, `${got} for ${want} over ${limit}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('commonSubsequence is symmetric and bounded by the shorter string, after any editDistance call', () => {
    fc.assert(
      fc.property(label, label, (a, b) => {
        editDistance(b, a, 2); // leaves its rows dirty: the next call must not read them
        const n = commonSubsequence(a, b);
        assert.equal(n, commonSubsequence(b, a));
        assert.ok(n <= Math.min(a.length, b.length));
        assert.ok(reference(a, b) >= Math.max(a.length, b.length) - n);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the memo of long keys (lines of a document)', () => {
  it('finds what it remembers by equality, not by the sampled characters alone', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { maxLength: 60 }), (keys) => {
        const memo = new LongKeyMemo<number>(1000);
        const first = new Map<string, number>();
        keys.forEach((k, i) => {
          if (memo.get(k) === undefined) memo.set(k, i);
          if (!first.has(k)) first.set(k, i);
        });
        // Every key is either remembered with its first value or not remembered at all (a full bucket).
        for (const [k, i] of first) assert.ok([i, undefined].includes(memo.get(k)), k);
        assert.equal(memo.get('\u0000never a key'), undefined);
      }),
    );
  });

  it('keeps at most a few keys that share a bucket, and forgets everything at its capacity', () => {
    // Same length, same first and last characters, differing only in the second (between the samples).
    const alike = Array.from({ length: 20 }, (_, i) => `a${String.fromCharCode(0x4e00 + i)}${'x'.repeat(45)}z`);
    const memo = new LongKeyMemo<number>(1000);
    alike.forEach((k, i) => memo.set(k, i));
    const kept = alike.filter((k, i) => memo.get(k) === i).length;
    assert.ok(kept >= 1 && kept < alike.length, `kept ${kept}`);
    const small = new LongKeyMemo<number>(3);
    ['一', '二', '三'].forEach((k, i) => small.set(k, i));
    assert.equal(small.get('三'), 2);
    small.set('四', 3);
    assert.equal(small.get('一'), undefined);
    assert.equal(small.get('四'), 3);
  });
});
