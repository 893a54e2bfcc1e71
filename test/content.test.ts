// XR402–XR404 (what the text sections say) and XR302's years in the text of 一: positive cases, negative
// cases, and traps (texts that look like a finding and are not), on the seeds and the 2021 example.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import './helpers/english';
import fc from 'fast-check';
import { checkText, parseReport, type Diagnostic } from '../server/src/core';
import { sectionText } from '../server/src/core/narrative/sections';
import { readFixture, textAt } from './helpers/reports';

const EXAMPLE = readFileSync(join(__dirname, '..', 'examples', '2022-示例县交通运输局.md'), 'utf8');
const of = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);

/** The example with a section's body replaced (the heading kept). */
function withSection(number: '一' | '五' | '六', body: string, text = EXAMPLE): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`## ${number}、`));
  let end = lines.findIndex((l, i) => i > start && /^## [一二三四五六]、/.test(l));
  if (end === -1) end = lines.findIndex((l, i) => i > start && l === '示例县交通运输局');
  return [...lines.slice(0, start + 1), '', body, '', ...lines.slice(end)].join('\n');
}

describe('XR402 thin-section: 五 reduced to 无, or problems without measures', () => {
  it('五 that says only 无, or a line', () => {
    for (const body of ['无', '无。', '暂无。', '工作中存在一些不足。']) {
      const found = of(checkText(withSection('五', body)).diagnostics, 'XR402');
      assert.equal(found.length, 1, body);
      assert.match(found[0].message, /只有/);
    }
  });
  it('problems named, no measure (seed 004)', () => {
    const found = of(checkText(readFixture('004_53e0ee0f0d02d1f7.txt')).diagnostics, 'XR402');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /没有写改进措施/);
  });
  it('problems and measures, in any of the usual wordings: silent', () => {
    for (const seed of ['000_3725ac3a3e618302.txt', '001_61ad5134df80a2d8.txt', '002_3f5e56868c97c344.txt', '003_31cf96be23961926.txt']) {
      assert.deepEqual(of(checkText(readFixture(seed)).diagnostics, 'XR402'), [], seed);
    }
    assert.deepEqual(of(checkText(EXAMPLE).diagnostics, 'XR402'), []);
    // Trap: "进一步" inside a problem statement is not a measure, but "将进一步" is.
    const measured = withSection('五', '一是主动公开的力度还需进一步加大；二是信息公开的标准有待统一。我局将进一步完善工作机制，加强业务培训。');
    assert.deepEqual(of(checkText(measured).diagnostics, 'XR402'), []);
    const unmeasured = withSection('五', '一是主动公开的力度还需进一步加大；二是信息公开的标准有待统一；三是人员业务水平参差不齐。');
    assert.equal(of(checkText(unmeasured).diagnostics, 'XR402').length, 1);
    // The agency's own 将 (`我局将压实责任`, `本机关将…`) opens a measure whatever verb follows.
    for (const body of ['问题是结果公开不够及时。我局将压实责任，确保抽查结果在规定时限内公开。', '信息更新不够及时。本机关将安排专人每周核查栏目内容。', '部分公开栏目内容更新滞后，个别栏目长期未更新。我委将明确专人负责栏目维护，每月开展自查。']) {
      assert.deepEqual(of(checkText(withSection('五', body)).diagnostics, 'XR402'), [], body);
    }
  });
  it('an empty 五 is XR006, not XR402', () => {
    const ds = checkText(withSection('五', '')).diagnostics;
    assert.deepEqual(of(ds, 'XR402'), []);
    assert.equal(of(ds, 'XR006').length, 1);
  });
});

describe('XR403 overview-topics: 一 of a 2021-format report and the five topics', () => {
  it('the example covers all five; seed 003 leaves out 依申请公开', () => {
    assert.deepEqual(of(checkText(EXAMPLE).diagnostics, 'XR403'), []);
    const [d] = of(checkText(readFixture('003_31cf96be23961926.txt')).diagnostics, 'XR403');
    assert.equal(d.severity, 'hint');
    assert.match(d.message, /未涉及：依申请公开（/);
  });
  it('names every missing topic, on 一\'s heading', () => {
    const text = withSection('一', '2022年，我局认真贯彻落实《条例》，扎实推进政务公开工作。');
    const [d] = of(checkText(text).diagnostics, 'XR403');
    assert.match(d.message, /主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障/);
    assert.equal(textAt(text, d.range), '一、总体情况');
  });
  it('2019-format reports are not held to the 2021 list', () => {
    for (const seed of ['000_3725ac3a3e618302.txt', '002_3f5e56868c97c344.txt', '004_53e0ee0f0d02d1f7.txt']) assert.deepEqual(of(checkText(readFixture(seed)).diagnostics, 'XR403'), [], seed);
  });
});

describe('XR404 fee-statement: 信息处理费 in 六', () => {
  it('a 2021-format 六 silent on 信息处理费: a hint (seed 003, whose 471.56 万元 is 行政事业性收费, not 信息处理费)', () => {
    const [d] = of(checkText(readFixture('003_31cf96be23961926.txt')).diagnostics, 'XR404');
    assert.equal(d.severity, 'hint');
    assert.match(d.message, /信息处理费/);
  });
  it('stated in 六: silent; a missing 六 is XR001\'s, not XR404\'s', () => {
    assert.deepEqual(of(checkText(EXAMPLE).diagnostics, 'XR404'), []);
    const ds = checkText(readFileSync(join(__dirname, '..', 'examples', '2022-示例县交通运输局-有错误.md'), 'utf8')).diagnostics;
    assert.deepEqual(of(ds, 'XR404'), []);
    assert.equal(of(ds, 'XR001').length, 1);
  });
  it('"no fee collected" while table 二 shows 行政事业性收费: a warning; naming 信息处理费 is fine', () => {
    const withFee = EXAMPLE.replace('| 行政事业性收费 | 0 | | |', '| 行政事业性收费 | 12.5 | | |');
    const general = withSection('六', '本年度我局未收取任何费用。', withFee);
    const [d] = of(checkText(general).diagnostics, 'XR404');
    assert.equal(d.severity, 'warning');
    assert.equal(textAt(general, d.range), '未收取任何费用');
    assert.match(d.message, /12\.5 万元/);
    assert.equal(textAt(general, d.related![0].range), '12.5');
    // Trap: 信息处理费 named: another fee than table 二's.
    assert.deepEqual(of(checkText(withSection('六', '本年度我局未收取信息处理费，未收取任何费用。', withFee)).diagnostics, 'XR404'), []);
    // Table 二 at 0: nothing contradicts "no fee".
    assert.equal(of(checkText(withSection('六', '本年度我局未收取任何费用。')).diagnostics, 'XR404')[0]?.severity, 'hint');
  });
  it('2019-format reports: no hint', () => {
    for (const seed of ['000_3725ac3a3e618302.txt', '001_61ad5134df80a2d8.txt', '004_53e0ee0f0d02d1f7.txt']) assert.deepEqual(of(checkText(readFixture(seed)).diagnostics, 'XR404'), [], seed);
  });
});

describe('XR301: no year in the title', () => {
  it('without a title, the message says where the year came from, or that none was found', () => {
    const lines = EXAMPLE.split('\n');
    assert.match(lines[0], /^# .*2022年.*报告$/);
    const untitled = lines.slice(1).join('\n');
    const [d] = of(checkText(untitled).diagnostics, 'XR301');
    assert.equal(d.message, '未找到标题；报告年度取自统计期限：2022 年');
    assert.equal(of(checkText(untitled, { locale: 'en' }).diagnostics, 'XR301')[0].message, 'No title found; the report year is taken from the statistics period: 2022');
    // No year anywhere: it cannot be determined.
    const yearless = untitled.replace(/20\d\d年/g, '本年');
    assert.equal(of(checkText(yearless).diagnostics, 'XR301')[0].message, '未找到标题，无法确定报告年度');
    // A title without a year: said as before.
    const titled = `# 示例县交通运输局政府信息公开工作年度报告\n${untitled}`;
    assert.equal(of(checkText(titled).diagnostics, 'XR301')[0].message, '标题中没有报告年度');
  });
});

describe('XR302: a year in the text of 一 naming another report year', () => {
  const inOverview = (sentence: string) => withSection('一', `2022年，我局扎实推进政务公开工作。${sentence}\n\n（一）主动公开。全年主动公开政府信息312条。（二）依申请公开。共收到申请26件。（三）政府信息管理。落实保密审查。（四）政府信息公开平台建设。优化网站专栏。（五）监督保障。开展培训。`);
  it('`本单位2021年度…` and a paragraph opening `2021年，` in a 2022 report', () => {
    for (const [sentence, year] of [['本单位2021年度共主动公开信息300条。', '2021'], ['我局2023年度将继续推进。', null]] as const) {
      const text = inOverview(sentence);
      const found = of(checkText(text).diagnostics, 'XR302');
      if (year === null) assert.deepEqual(found, [], sentence);
      else {
        assert.equal(found.length, 1, sentence);
        assert.equal(textAt(text, found[0].range), year);
        assert.match(found[0].message, /2021 年，而本报告为 2022 年度/);
      }
    }
    const opening = withSection('一', '2022年，我局扎实推进政务公开工作。\n\n2021年，我局共收到政府信息公开申请20件，均按时答复。');
    assert.equal(of(checkText(opening).diagnostics, 'XR302').length, 1);
  });
  it('traps: document numbers, cited titles, dates, ranges, comparisons, next year\'s plans', () => {
    for (const sentence of [
      '依据《关于做好2021年政府信息公开工作的通知》（同政办函〔2021〕1号）开展工作。',
      '2021年12月，我局修订了公开目录。',
      '自2019年以来，我局持续完善公开制度。',
      '与2021年相比，申请数量增加6件。',
      '2023年，我局将继续深化政务公开。',
      '本报告所列数据的统计期限为2022年1月1日至2022年12月31日。',
      '2021年至2022年，我局连续两年获评先进单位。',
    ]) {
      assert.deepEqual(of(checkText(inOverview(sentence)).diagnostics, 'XR302'), [], sentence);
    }
  });
  it('the seeds: 004\'s `同政办函〔2021〕1号` is not a year of the report', () => {
    for (const seed of ['000_3725ac3a3e618302.txt', '001_61ad5134df80a2d8.txt', '002_3f5e56868c97c344.txt', '003_31cf96be23961926.txt', '004_53e0ee0f0d02d1f7.txt']) {
      assert.deepEqual(of(checkText(readFixture(seed)).diagnostics, 'XR302'), [], seed);
    }
  });
});

describe('a section\'s text, read line by line as the rules ask for it', () => {
  // The body as the rules must see it: non-blank lines that are not comments, in order (the example's
  // 一 and 五 have no table and 六 is followed by the signature, which the last section drops).
  const eager = (text: string, number: '一' | '五') => {
    const model = parseReport(text);
    const s = model.sections.find((x) => x.number === number)!;
    const out: [number, string][] = [];
    for (let i = s.line + 1; i <= s.endLine; i++) if (/\S/.test(model.lines[i]) && !/^\s*<!--.*-->\s*$/.test(model.lines[i])) out.push([i, model.lines[i]]);
    return out;
  };
  const bodies = fc.array(fc.oneof(fc.constantFrom('', '   ', '<!-- 注 -->', '依申请公开情况良好。', '全年未收取信息处理费。'), fc.string({ minLength: 1, maxLength: 30 })), { maxLength: 25 });
  const asks = fc.array(fc.constantFrom('some-fee', 'includes-fee', 'some-span', 'some-global', 'some-none', 'longer', 'empty', 'lines'), { minLength: 1, maxLength: 6 });
  // Matches across a line break in the document, never within one line.
  const SPAN = /。\s*全年/;
  it('whatever is asked first, the lines, their length, emptiness and matches are those of the whole body', () => {
    let runs = 0;
    fc.assert(
      fc.property(bodies, asks, fc.nat(400), fc.constantFrom('一', '五') as fc.Arbitrary<'一' | '五'>, (lines, order, n, number) => {
        const text = withSection(number, lines.join('\n'));
        const expected = eager(text, number);
        const chars = expected.reduce((k, [, t]) => k + t.length, 0);
        const body = sectionText(parseReport(text), number)!;
        for (const ask of order) {
          if (ask === 'some-fee') assert.equal(body.some(/信息处理费/), expected.some(([, t]) => t.includes('信息处理费')));
          if (ask === 'includes-fee') assert.equal(body.includes('信息处理费'), expected.some(([, t]) => t.includes('信息处理费')));
          if (ask === 'some-span') assert.equal(body.some(SPAN), expected.some(([, t]) => SPAN.test(t)));
          if (ask === 'some-global') assert.equal(body.some(/申请|处理费/g), expected.some(([, t]) => /申请|处理费/.test(t)));
          if (ask === 'some-none') assert.equal(body.some(/(?!)/), false);
          if (ask === 'longer') assert.equal(body.longerThan(n), chars > n);
          if (ask === 'empty') assert.equal(body.empty, expected.length === 0);
          if (ask === 'lines') assert.deepEqual(body.lines, expected);
        }
        assert.deepEqual(body.lines, expected);
        assert.ok(body.longerThan(chars - 1));
        assert.equal(body.longerThan(chars), false);
        runs++;
      }),
      { numRuns: 300, seed: 11 },
    );
    assert.equal(runs, 300);
  });
  it('the last section stops at the signature: the agency line and the date, blank lines or not', () => {
    const upToSix = EXAMPLE.slice(0, EXAMPLE.indexOf('## 六、'));
    const six = (body: string) => sectionText(parseReport(`${upToSix}## 六、其他需要报告的事项\n\n${body}`), '六')!;
    for (const gap of ['\n', '\n\n', '\n\n\n']) {
      const s = six(`无其他需要报告的事项。${gap}示例县交通运输局${gap}2023年1月20日${gap}`);
      assert.deepEqual(s.lines.map(([, t]) => t), ['无其他需要报告的事项。'], JSON.stringify(gap));
      assert.equal(s.some(/交通运输局|2023/), false);
    }
    // A long line above the date is text, not the agency: only the date is dropped.
    const s = six('无其他需要报告的事项。\n\n本报告由示例县交通运输局政务公开工作领导小组办公室负责解释和公开，欢迎监督。\n\n2023年1月20日\n');
    assert.deepEqual(s.lines.map(([, t]) => t), ['无其他需要报告的事项。', '本报告由示例县交通运输局政务公开工作领导小组办公室负责解释和公开，欢迎监督。']);
  });
  it('a long 一 is read only as far as the topics: the first paragraph names them all', () => {
    const long = withSection('一', ['2022年，我局主动公开政府信息312条，办理依申请公开事项，落实保密审查，优化网站专栏，开展培训。', ...Array(3000).fill('扎实推进政务公开工作。')].join('\n\n'));
    assert.deepEqual(of(checkText(long).diagnostics, 'XR403'), []);
    // 六 says nothing of the fee. A 一 longer than what is read says it only beyond that: too long to tell,
    // silent; a 一 that never says it, however long, is known not to: the hint stands.
    const silentSix = (one: string) => of(checkText(withSection('六', '无其他需要报告的事项。', one)).diagnostics, 'XR404');
    assert.equal(silentSix(long).length, 1);
    const saidLate = withSection('一', ['2022年，我局主动公开政府信息312条，办理依申请公开事项，落实保密审查，优化网站专栏，开展培训。', ...Array(3000).fill('扎实推进政务公开工作。'), '全年未收取信息处理费。'].join('\n\n'));
    assert.deepEqual(silentSix(saidLate), []);
  });
});
