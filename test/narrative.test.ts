// XR401: the narrative against the tables. Phrase tables from the spec (§4.5) and the seeds, the trap
// corpus that must stay silent, annotated fixtures (the expected finding written beside the sentence), and
// a property: change a restated cell (and its totals, so the table still balances) and exactly the
// sentences that restate a changed figure get one XR401 each, on their number.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import './helpers/english';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyEdits, checkText, fixAll, narrativeMentions, parseReport, splitLines, type Diagnostic } from '../server/src/core';
import { FIXTURES, readFixture, textAt } from './helpers/reports';

const EXAMPLE_2021 = readFileSync(join(__dirname, '..', 'examples', '2022-示例县交通运输局.md'), 'utf8');
const EXAMPLE_2019 = readFileSync(join(__dirname, '..', 'examples', '2020-示例市统计局-制表符.txt'), 'utf8');

/** The report with its section 一 body replaced by `body` (one paragraph a line). */
function withOverview(report: string, body: string[]): string {
  const lines = report.split('\n');
  const one = lines.findIndex((l) => /^(?:## )?一、总体情况/.test(l));
  const two = lines.findIndex((l) => /^(?:## )?二、主动公开政府信息情况/.test(l));
  return [...lines.slice(0, one + 1), '', ...body.flatMap((b) => [b, '']), ...lines.slice(two)].join('\n');
}

const xr401 = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'XR401');

/** The mentions found on the first line of section 一's body, with their written number. */
function mentionsOf(report: string, sentence: string) {
  const text = withOverview(report, [sentence]);
  const result = checkText(text);
  const line = splitLines(text).findIndex((l) => l.text === sentence);
  return { text, result, mentions: narrativeMentions(result.model, result.analysis).filter((m) => m.range.start.line === line) };
}

// The 2021 example's tables: 一 26 (自然人 18, 法人 8), 二 2, （七） 25, 予以公开 12, 部分公开 3, 不予公开 2, 无法提供 6,
// 不予处理 1, 其他处理 1, 四 3; 行政复议 2, 直接起诉 2, 复议后起诉 1; 规范性文件 2/1/9, 许可 1268, 处罚 356, 强制 0, 收费 0.
// Each row: sentence, the number as written, 'agree' or the values the table states.
const PHRASES_2021: [string, string, 'agree' | number[]][] = [
  ['2022年，我局共收到政府信息公开申请26件。', '26', 'agree'],
  ['2022年，我局共收到政府信息公开申请28件。', '28', 'agree'], // 一 + 二
  ['2022年，我局共收到政府信息公开申请27件。', '27', [26, 28]],
  ['本年度共收到26件政府信息公开申请。', '26', 'agree'],
  ['本年新收政府信息公开申请26件。', '26', 'agree'],
  ['本年新收政府信息公开申请28件。', '28', [26]],
  ['依申请公开工作中，上年结转2件。', '2', 'agree'],
  ['依申请公开工作中，上年结转3件。', '3', [2]],
  ['全年办结政府信息公开申请25件。', '25', 'agree'],
  ['全年办结政府信息公开申请24件。', '24', [25]],
  ['政府信息公开申请办理结果中，予以公开12件。', '12', 'agree'],
  ['政府信息公开申请办理结果中，予以公开11件。', '11', [12]],
  ['政府信息公开申请办理结果中，部分公开3件。', '3', 'agree'],
  ['政府信息公开申请办理结果中，予以公开及部分公开15件。', '15', 'agree'],
  ['政府信息公开申请办理结果中，予以公开及部分公开14件。', '14', [15]],
  ['政府信息公开申请办理结果中，予以公开、部分公开共15件。', '15', 'agree'],
  ['政府信息公开申请办理结果中，不予公开2件。', '2', 'agree'],
  ['政府信息公开申请办理结果中，“不予公开”的9件。', '9', [2]],
  ['政府信息公开申请办理结果中，不予公开和无法提供的共8件。', '8', 'agree'],
  ['政府信息公开申请办理结果中，无法提供6件。', '6', 'agree'],
  ['政府信息公开申请中，本机关不掌握相关政府信息5件。', '5', 'agree'],
  ['政府信息公开申请中，本机关不掌握相关政府信息7件。', '7', [5]],
  ['政府信息公开申请办理结果中，不予处理1件，其他处理1件。', '1', 'agree'],
  ['对政府信息公开申请，结转下年度继续办理3件。', '3', 'agree'],
  ['对政府信息公开申请，结转下年度继续办理1件。', '1', [3]],
  ['政府信息公开申请中，涉及自然人18件。', '18', 'agree'],
  ['政府信息公开申请中，涉及自然人30件。', '30', [18, 20, 19]],
  ['政府信息公开申请中，法人或其他组织申请8件。', '8', 'agree'],
  ['我局因政府信息公开工作被申请行政复议2件。', '2', 'agree'],
  ['我局因政府信息公开工作被申请行政复议4件。', '4', [2]],
  ['我局因政府信息公开工作被提起行政诉讼3件。', '3', 'agree'],
  ['我局因政府信息公开工作被提起行政诉讼2件。', '2', [3]],
  ['我局因政府信息公开工作被申请行政复议、提起行政诉讼共5件。', '5', 'agree'],
  ['制发行政规范性文件2件。', '2', 'agree'],
  ['现行有效行政规范性文件9件。', '9', 'agree'],
  ['现行有效行政规范性文件8件。', '8', [9]],
  ['作出行政许可决定1268件。', '1268', 'agree'],
  ['作出行政许可决定1,268件。', '1,268', 'agree'],
  ['作出行政许可决定1200件。', '1200', [1268]],
  ['全年共有356件行政处罚。', '356', 'agree'],
  ['行政事业性收费本年收费金额0万元。', '0', 'agree'],
];

const PHRASES_2019: [string, string, 'agree' | number[]][] = [
  // 统计局 2020 (2019 format): 许可 1/0/0, 其他对外管理服务事项 3/+3/126, 处罚 14/-2/9, 强制 0/0/0, 收费 0/0, 采购 6 / 86.35万元.
  ['主动公开行政权力清单，共计19项。', '19', 'agree'], // (1+0)+(3+3)+(14−2)+(0+0)
  ['主动公开行政权力清单，共计25项。', '25', [19]],
  ['全年作出行政处罚决定9件。', '9', 'agree'],
  ['全年政府集中采购6项，采购金额86.35万元。', '6', 'agree'],
  ['政府集中采购金额863500元。', '863500', 'agree'],
  ['政府集中采购金额86.4万元。', '86.4', 'agree'], // rounded
  ['政府集中采购金额90万元。', '90', [86.35]],
];

describe('XR401 phrase tables (spec §4.5)', () => {
  for (const [name, report, table] of [['2021 format', EXAMPLE_2021, PHRASES_2021], ['2019 format', EXAMPLE_2019, PHRASES_2019]] as const) {
    describe(name, () => {
      for (const [sentence, written, want] of table) {
        it(`${sentence} → ${want === 'agree' ? 'agrees' : `contradicts (${want.join(' / ')})`}`, () => {
          const { mentions, result, text } = mentionsOf(report, sentence);
          const m = mentions.find((x) => x.written === written);
          assert.ok(m, `no mention of ${written} in ${sentence}: ${mentions.map((x) => x.written).join(', ')}`);
          const found = xr401(result.diagnostics).filter((d) => d.range.start.line === m.range.start.line);
          if (want === 'agree') {
            assert.equal(m.verdict, 'agree');
            assert.deepEqual(found, []);
          } else {
            assert.equal(m.verdict, 'disagree');
            assert.deepEqual([...m.expected].sort((a, b) => a - b), [...want].sort((a, b) => a - b));
            assert.equal(found.length, 1);
            assert.equal(textAt(text, found[0].range), written, 'the squiggle is on the number');
            assert.ok(found[0].related && found[0].related.length > 0, 'the cell is a related location');
          }
        });
      }
    });
  }
});

// Sentences that name numbers near the words of a cue but restate no cell: with the 2021 example's tables
// every one of them would be "wrong" if it were read as a restatement.
const TRAPS = [
  '主动公开政府信息7700余条，其中工作动态近300个。',
  '本年度共收到政府信息公开申请约30件。',
  '共收到政府信息公开申请30余件。',
  '受理12345便民服务热线27条，办结27条，办结率100%。',
  '2022年共收到政府信息公开申请26件，同比上年增加9件。',
  '依据《同江市人民政府办公室关于做好2021年政府信息公开工作的通知》（同政办函〔2021〕1号）办理政府信息公开申请。',
  '2023年，我局将继续做好依申请公开工作，力争办结政府信息公开申请30件。',
  '下一步将加强行政复议应诉工作，力争行政复议0件。',
  '主动公开行政许可信息36条，行政处罚信息28条。',
  '共收到网上来访来信来电咨询信访件213件，均及时进行了处理。',
  '所有政府信息公开申请均在15个工作日内答复。',
  '其中当面申请1件，通过互联网提交申请8件，以信函形式申请 6 件。',
  '认真落实《条例》第20条、第21条，做好政府信息公开申请答复。',
  '全年开展信息发布保密审查312次，发布政策解读6篇。',
  '受理行政许可事项申请56件。',
  '我局被行政复议机关纠正1件。',
  '未经复议直接起诉的行政诉讼1件。',
  '2021年，我局共收到政府信息公开申请10件。',
  '本报告所列数据的统计期限为2022年1月1日至2022年12月31日，联系电话0000-0000000。',
  '申请人均为自然人，政府信息公开工作人员3名。',
  '办理群众热线问题213件，问题答复率100%。',
  '收到人大代表建议5件、政协委员提案7件，已全部按期办结。',
  '2022年，我局未发生行政复议案件尚未审结的情况。',
  '本年度收取信息处理费0元。',
  // From 上海市 2020 (test/fixtures/real/002): a cue inside a document title, a cue after its number naming
  // another noun, a part of the area's figure, a stage of the lawsuits.
  '先后发布《关于集中行使一批行政审批和行政处罚等事项的决定》，分别将1170项事权交由管委会集中行使，61项市级行政审批事项下放实施。',
  '制定发布19个行政处罚裁量基准文件。',
  '公开本市生态环境系统查处违法企业名单834家，市级生态环境部门行政处罚案件29件，处罚听证公告12件。',
  '信息公开类行政诉讼立案3件。一审行政诉讼案件2件，结果纠正1件。',
];

describe('XR401 trap corpus: numbers that restate no cell stay silent', () => {
  for (const sentence of TRAPS) {
    it(sentence, () => {
      const { result, mentions } = mentionsOf(EXAMPLE_2021, sentence);
      assert.deepEqual(
        mentions.filter((m) => m.verdict === 'disagree').map((m) => `${m.written}${m.unit} [${m.phrase}]`),
        [],
      );
      assert.deepEqual(xr401(result.diagnostics), []);
    });
  }

  it('the seeds: only seed 002\'s “不予公开”的9件 (不予公开 2 and 无法提供 7 lumped) is flagged', () => {
    for (const seed of ['000_3725ac3a3e618302.txt', '001_61ad5134df80a2d8.txt', '003_31cf96be23961926.txt', '004_53e0ee0f0d02d1f7.txt']) {
      assert.deepEqual(xr401(checkText(readFixture(seed)).diagnostics), [], seed);
    }
    const text = readFixture('002_3f5e56868c97c344.txt');
    const { diagnostics, model, analysis } = checkText(text);
    const found = xr401(diagnostics);
    assert.equal(found.length, 1);
    assert.equal(textAt(text, found[0].range), '9');
    assert.equal(found[0].expected, 2);
    assert.match(found[0].message, /不予公开/);
    // The other restatements agree: 15 received, 14 answered (twice), 1 carried over (不含转下年度办理1件),
    // 予以公开 4 (28.57%), 部分公开 1 (7%), 行政执法案卷 2, 无法提供 7; the 64.28% share of the wrong 9 is not a
    // second finding.
    const agreeing = narrativeMentions(model, analysis).filter((m) => m.verdict === 'agree').map((m) => m.written + m.unit);
    assert.deepEqual(agreeing, ['15件', '14件', '1件', '14件', '4件', '28.57%', '1件', '7%', '2件', '7件']);
    // 003: 共有36件行政许可事项 = 行政许可 36; 004: 共计204项 = the 2019 item counts after the change.
    for (const [seed, written] of [['003_31cf96be23961926.txt', '36'], ['004_53e0ee0f0d02d1f7.txt', '204']]) {
      const r = checkText(readFixture(seed));
      assert.ok(narrativeMentions(r.model, r.analysis).some((m) => m.written === written && m.verdict === 'agree'), seed);
    }
    // 000: 未收到政府信息公开申请 and 未收到…行政复议、行政诉讼 agree with its zero tables.
    const r0 = checkText(readFixture('000_3725ac3a3e618302.txt'));
    assert.deepEqual(narrativeMentions(r0.model, r0.analysis).map((m) => `${m.kind}:${m.verdict}`), ['none:agree', 'none:agree', 'none:agree']);
  });
});

describe('XR401 annotated fixtures', () => {
  // Each `<!-- expect XR401 "N" -->` line marks a finding on the number N of the line above; every other
  // line must have none.
  const dir = join(FIXTURES, 'narrative');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md') || f.endsWith('.txt'))) {
    it(file, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const lines = splitLines(text).map((l) => l.text);
      const expected: string[] = [];
      lines.forEach((l, i) => {
        const m = /^<!-- expect XR401 "([^"]+)" -->$/.exec(l.trim());
        if (!m) return;
        let at = i - 1;
        while (at >= 0 && (lines[at].trim() === '' || lines[at].includes('<!-- expect'))) at--;
        expected.push(`${at + 1}:${m[1]}`);
      });
      const found = xr401(checkText(text).diagnostics).map((d) => `${d.range.start.line + 1}:${textAt(text, d.range)}`);
      assert.deepEqual(found, expected);
    });
  }
});

describe('XR401 fixes', () => {
  it('"change the text" replaces only the digits, preferred when the table adds up, never part of fix-all', () => {
    const text = withOverview(EXAMPLE_2021, ['2022年，我局共收到政府信息公开申请26件，上年结转2件，办结24件，结转下年度继续办理3件。']);
    const [d] = xr401(checkText(text).diagnostics);
    assert.equal(textAt(text, d.range), '24');
    assert.equal(d.fixes.length, 1);
    assert.ok(d.fixes[0].preferred);
    assert.equal(d.fixes[0].fixAll, false);
    const fixed = applyEdits(text, d.fixes[0].edits);
    assert.equal(fixed, text.replace('办结24件', '办结25件'));
    assert.deepEqual(xr401(checkText(fixed).diagnostics), []);
    // A balanced table can hold a swapped figure the text has right: fix-all leaves the text alone.
    assert.equal(fixAll(text).text, text);
  });

  it('a wrong share: a non-preferred fix with the share of the applications handled', () => {
    const text = withOverview(EXAMPLE_2021, ['政府信息公开申请办理结果中，予以公开12件，占总数的50%。']);
    const [d] = xr401(checkText(text).diagnostics);
    assert.equal(textAt(text, d.range), '50');
    assert.deepEqual(d.fixes.map((f) => [f.edits[0].newText, f.preferred]), [['48', false]]);
  });

  it('a wrong row total of the table: the text may match the printed or the repaired figure; otherwise no preferred fix, and the message says the table is suspect', () => {
    // 1.本机关不掌握相关政府信息: 4 + 1 printed as 7 (the erroneous example's error b): 无法提供 is 8 as printed, 6 repaired.
    const broken = EXAMPLE_2021.replace('| 4 | 0 | 0 | 0 | 0 | 1 | 5 |', '| 4 | 0 | 0 | 0 | 0 | 1 | 7 |');
    for (const agreeing of ['6', '8']) {
      const text = withOverview(broken, [`政府信息公开申请办理结果中，无法提供${agreeing}件。`]);
      assert.deepEqual(xr401(checkText(text).diagnostics), [], agreeing);
    }
    const text = withOverview(broken, ['政府信息公开申请办理结果中，无法提供7件。']);
    const found = xr401(checkText(text).diagnostics);
    assert.equal(found.length, 1);
    assert.ok(found[0].fixes.every((f) => !f.preferred));
    assert.match(found[0].message, /为 8（勾稽关系修正后为 6）/);
    assert.match(found[0].message, /勾稽关系也不成立/);
  });

  it('ambiguous readings get one non-preferred fix per value', () => {
    const text = withOverview(EXAMPLE_2021, ['2022年，我局共收到政府信息公开申请27件。']);
    const [d] = xr401(checkText(text).diagnostics);
    assert.deepEqual(d.fixes.map((f) => [f.edits[0].newText, f.preferred]), [['26', false], ['28', false]]);
  });

  it('English messages name the cell; rule codes unchanged', () => {
    const text = withOverview(EXAMPLE_2021, ['政府信息公开申请办理结果中，予以公开11件。']);
    const [d] = xr401(checkText(text, { locale: 'en' }).diagnostics);
    assert.equal(d.code, 'XR401');
    assert.match(d.message, /table 三, row "（一）予以公开", column "总计" is 12/);
  });
});

describe('XR401 re-checks', () => {
  // The rule keeps the findings of recent checks (a re-check while typing in the text says the same): a
  // finding must follow every change of what it says, whichever check came before.
  it('a finding follows a changed cell, a moved table, the locale and a share, check after check', () => {
    const text = withOverview(EXAMPLE_2021, ['政府信息公开申请办理结果中，予以公开11件，占总数的50%。']);
    const only = (t: string, locale?: 'en') => {
      const found = xr401(checkText(t, { locale }).diagnostics);
      assert.equal(found.length, 1, t);
      return found[0];
    };
    const cellText = (t: string, d: Diagnostic) => d.related!.map((r) => textAt(t, r.range));
    const first = only(text);
    assert.match(first.message, /为 12$/);
    assert.deepEqual(cellText(text, first), ['12']);

    // The same text again: the same finding, word for word.
    assert.deepEqual(only(text), first);

    // The table moved down two lines: the related place moves with it.
    const moved = text.replace('## 三、收到和处理政府信息公开申请情况', '## 三、收到和处理政府信息公开申请情况\n\n（本表数据截至12月31日。）');
    const second = only(moved);
    assert.equal(second.message, first.message);
    assert.equal(second.related![0].range.start.line, first.related![0].range.start.line + 2);
    assert.deepEqual(cellText(moved, second), ['12']);

    // The cell changed (the row no longer adds up): the message gives the new figure and says so.
    const row = '| （一）予以公开 | | 8 | 3 | 0 | 0 | 1 | 0 | 12 |';
    const changed = text.replace(row, row.replace('| 12 |', '| 13 |'));
    assert.notEqual(changed, text);
    const third = only(changed);
    assert.match(third.message, /为 13（勾稽关系修正后为 12）/);
    assert.match(third.message, /勾稽关系也不成立/);
    assert.deepEqual(cellText(changed, third), ['13']);
    // Another detail cell of the row changed: the same cell as written, another repaired figure.
    const repaired = changed.replace(row.replace('| 12 |', '| 13 |'), row.replace('| 8 | 3 |', '| 8 | 1 |').replace('| 12 |', '| 13 |'));
    assert.notEqual(repaired, changed);
    assert.match(only(repaired).message, /为 13（勾稽关系修正后为 10）/);

    // Another locale, then back.
    assert.match(only(text, 'en').message, /table 三, row "（一）予以公开", column "总计" is 12/);
    assert.deepEqual(only(text), first);

    // The count right, its share wrong: the share's finding, and it follows the handled total too.
    const share = text.replace('予以公开11件', '予以公开12件');
    assert.deepEqual(only(share).fixes.map((f) => f.edits[0].newText), ['48']);
    const handled = share.replace(/\| （七）总计 \|(.*)\| 25 \|$/m, (row, mid: string) => row.replace(`|${mid}| 25 |`, `|${mid}| 20 |`));
    assert.notEqual(handled, share);
    assert.deepEqual(only(handled).fixes.map((f) => f.edits[0].newText), ['60']);
  });
});

// ---------------------------------------------------------------------------------------------------
// The property. Each narrative phrase declares here, independently of the implementation, which cells
// (row keys × column keys of table 三) it may restate; the text agrees when any reading's sum equals it.

interface Phrase {
  sentence: string;
  written: string;
  readings: { rows: string[]; cols: string[] }[];
}

const ORGS = ['business', 'research', 'publicWelfare', 'legalService', 'otherOrg'];
const PROPERTY_PHRASES: Phrase[] = [
  { sentence: '2022年，我局共收到政府信息公开申请26件。', written: '26', readings: [{ rows: ['new'], cols: ['total'] }, { rows: ['new', 'carriedIn'], cols: ['total'] }] },
  { sentence: '政府信息公开申请中，涉及自然人18件。', written: '18', readings: ['new', 'resultsTotal'].map((r) => ({ rows: [r], cols: ['natural'] })).concat([{ rows: ['new', 'carriedIn'], cols: ['natural'] }]) },
  { sentence: '政府信息公开申请中，法人或其他组织申请8件。', written: '8', readings: ['new', 'resultsTotal'].map((r) => ({ rows: [r], cols: ORGS })).concat([{ rows: ['new', 'carriedIn'], cols: ORGS }]) },
  { sentence: '全年办结政府信息公开申请25件。', written: '25', readings: [{ rows: ['resultsTotal'], cols: ['total'] }] },
  { sentence: '政府信息公开申请办理结果中，予以公开12件。', written: '12', readings: [{ rows: ['open'], cols: ['total'] }] },
  { sentence: '政府信息公开申请办理结果中，部分公开3件。', written: '3', readings: [{ rows: ['partial'], cols: ['total'] }] },
  { sentence: '政府信息公开申请办理结果中，不予公开2件。', written: '2', readings: [{ rows: ['deny.1', 'deny.2', 'deny.3', 'deny.4', 'deny.5', 'deny.6', 'deny.7', 'deny.8'], cols: ['total'] }] },
  { sentence: '政府信息公开申请办理结果中，无法提供6件。', written: '6', readings: [{ rows: ['unable.1', 'unable.2', 'unable.3'], cols: ['total'] }] },
  { sentence: '政府信息公开申请办理结果中，不予处理1件。', written: '1', readings: [{ rows: ['reject.1', 'reject.2', 'reject.3', 'reject.4', 'reject.5'], cols: ['total'] }] },
];

/** Detail rows a property run may change, with the columns it may change them in. */
const DETAIL_ROWS = ['open', 'partial', 'deny.4', 'deny.6', 'unable.1', 'unable.3', 'reject.1', 'other.1'];

describe('XR401 property: a balanced change of a restated cell flags exactly the sentences restating it', () => {
  const base = withOverview(EXAMPLE_2021, PROPERTY_PHRASES.map((p) => p.sentence));
  const baseModel = parseReport(base);

  it('holds for changes of any detail cell in 自然人 or 商业企业, by 1 to 9, up or down', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DETAIL_ROWS), fc.constantFrom('natural', 'business'), fc.integer({ min: -9, max: 9 }).filter((d) => d !== 0), (row, col, delta) => {
        const t3 = baseModel.tables['三']!;
        const cell = (key: string, c: string) => t3.rows.find((r) => r.key === key)!.cells.find((x) => x.columnKey === c)!;
        const value = (key: string, c: string) => cell(key, c).value.number!;
        // Keep every identity: the detail cell, its row total, （七） in both columns, and 一 in both columns.
        const changed = new Map<string, number>();
        for (const [key, c] of [[row, col], [row, 'total'], ['resultsTotal', col], ['resultsTotal', 'total'], ['new', col], ['new', 'total']]) changed.set(`${key}|${c}`, value(key, c) + delta);
        if ([...changed.values()].some((v) => v < 0)) return;
        const edits = [...changed].map(([k, v]) => {
          const [key, c] = k.split('|');
          return { range: cell(key, c).valueRange, newText: String(v) };
        });
        const text = applyEdits(base, edits);
        const result = checkText(text);
        assert.deepEqual(result.diagnostics.filter((d) => /^XR1/.test(d.code)), [], 'the table still balances');
        const now = (key: string, c: string) => changed.get(`${key}|${c}`) ?? value(key, c);
        const lines = splitLines(text).map((l) => l.text);
        const expected = PROPERTY_PHRASES.filter((p) => !p.readings.some((r) => r.rows.reduce((s, k) => s + r.cols.reduce((t, c) => t + now(k, c), 0), 0) === Number(p.written))).map(
          (p) => `${lines.indexOf(p.sentence)}:${p.written}`,
        );
        const found = xr401(result.diagnostics).map((d) => `${d.range.start.line}:${textAt(text, d.range)}`);
        assert.deepEqual(found, expected);
      }),
      { numRuns: 120, seed: 401 },
    );
  });
});
