// XR402–XR404: what the text sections say, as reviewers check it (spec §2.2, §7.3): 五 reduced to `无` or
// naming problems without measures; 一 of a 2021-format report missing the topics the format lists; 六
// silent on 信息处理费, or saying no fee was collected while table 二 shows fees.

import { contentLength, sectionText } from '../narrative/sections';
import { formatNumber } from '../numbers';
import type { Range } from '../types';
import { type Rule, type RuleContext } from './rule';

function rule(code: string, alias: string, severity: Rule['severity'], check: (ctx: RuleContext) => void): Rule {
  return { code, alias, severity, check };
}

/** Below this many characters of content, 五 says nothing a reviewer can use. */
const THIN = 20;
const PROBLEMS = /问题|不足|差距|短板|薄弱|有待|不够|欠缺|不到位|不及时|不规范|不完善|不高|不强|滞后|仍需|还需|尚需/;
const MEASURES = /改进措施|整改措施|改进情况|改进方向|下一步|下一年度?|今后|明年|新的一年|措施[:：]|改进[:：]|加以改进|将[^，。；]{0,12}?(?:细化|推出|制定|优化|提高|开展|组织|定期|加快|实行|探索|改进)|将(?:继续|进一步|加强|加大|完善|做好|着力|强化|推进|健全|建立|持续|积极|认真|不断|切实|深化|提升|规范|落实|围绕|重点|结合|按照|以)|[一二三四五]是(?:加强|完善|提升|强化|健全|建立|规范|加大|推进|做好|落实|持续|深化)|(?:我|本)[局委办厅处署院室镇乡区县市站所队中心单位机关们]{1,2}将|压实|已(?:整改|完成整改|改进)|整改/;
const TOPICS: { key: string; re: RegExp }[] = [
  { key: 'topic.proactive', re: /主动公开|主动[^。；，]{0,6}公开/ },
  { key: 'topic.request', re: /依申请|公开申请|申请公开|信息公开申请/ },
  { key: 'topic.management', re: /信息管理|公开属性|属性认定|保密审查|源头|文件清理|规范性文件(?:清理|管理)|信息资源|发布审核|发布审查|公文/ },
  { key: 'topic.platform', re: /平台|网站|政务新媒体|公众号|专栏|公开栏|查阅点|查阅场所|微信|微博|客户端/ },
  { key: 'topic.oversight', re: /监督|保障|考核|培训|问责|责任追究|评议|考评|领导小组/ },
];
const FEE_WORD = '信息处理费';
/** `未收取任何费用` and the like without naming which fee. */
const NO_FEE = /(?:未|没有|均未|并未|不)(?:收取|收)(?:过)?(?:任何)?(?:费用|收费)|无(?:任何)?收费|未收费|零收费/;

function headingRange(ctx: RuleContext, number: '一' | '五' | '六'): Range | undefined {
  return ctx.model.sections.find((s) => s.number === number)?.range;
}

export const contentRules: Rule[] = [
  rule('XR402', 'thin-section', 'information', (ctx) => {
    const five = sectionText(ctx.model, '五');
    if (!five || five.empty) return; // absent or empty: XR001 / XR006
    const length = five.longerThan(THIN * 8) ? THIN : contentLength(five.text, THIN);
    if (length < THIN) {
      const first = five.lines[0];
      const last = five.lines[five.lines.length - 1];
      const body: Range = { start: { line: first[0], character: 0 }, end: { line: last[0], character: last[1].length } };
      ctx.report({ message: ctx.msg('content.thin', { text: five.text.trim().slice(0, 20), count: length }), range: body });
      return;
    }
    // Line by line: a problem and its measure are rarely split over a line break, and 五 can be long.
    if (five.some(PROBLEMS) && five.some(MEASURES) === false) ctx.report({ message: ctx.msg('content.noMeasures'), range: headingRange(ctx, '五') ?? five.section.range });
  }),
  rule('XR403', 'overview-topics', 'hint', (ctx) => {
    if (ctx.model.template !== '2021') return;
    const one = sectionText(ctx.model, '一');
    if (!one || one.empty) return;
    const found = TOPICS.map((t) => one.some(t.re));
    if (found.includes(null)) return; // too long to tell
    const missing = TOPICS.filter((_, i) => !found[i]).map((t) => ctx.msg(t.key as Parameters<RuleContext['msg']>[0]));
    if (missing.length === 0) return;
    ctx.report({ message: ctx.msg('content.topics', { topics: missing.join(ctx.msg('list.sep')) }), range: one.section.range });
  }),
  rule('XR404', 'fee-statement', 'hint', (ctx) => {
    const six = sectionText(ctx.model, '六');
    if (!six) return; // missing section: XR001
    // A statement that no fee at all was collected, against table 二's 行政事业性收费 (not 信息处理费).
    const feeRow = ctx.model.tables['二']?.rows.find((r) => r.key === 't8.fee' && r.aligned);
    const feeCell = feeRow?.cells.find((c) => c.columnKey === 'feeAmount');
    const fee = feeCell ? ctx.analysis.valueOf(feeCell) : null;
    // Only a table with fees can contradict the text.
    if (feeCell && fee !== null && fee > 0)
      for (const [line, text] of six.lines) {
        const m = text.includes('费') ? NO_FEE.exec(text) : null; // every form of NO_FEE says 费
        if (!m || text.includes(FEE_WORD)) continue;
        ctx.report({
          message: ctx.msg('content.noFeeButTable', { phrase: m[0], amount: formatNumber(fee, feeCell.value.decimals ?? 0) }),
          range: { start: { line, character: m.index }, end: { line, character: m.index + m[0].length } },
          severity: 'warning',
          table: '二',
          related: [{ range: feeCell.range, message: `${feeRow!.label}：${feeCell.text}` }],
        });
        return;
      }
    if (ctx.model.template !== '2021') return;
    // Said, or too long to tell (`some` is then null, not false): stop at the first section that says it.
    const saidIn = (n: '六' | '一' | '五') => {
      const s = sectionText(ctx.model, n);
      return !!s && s.includes(FEE_WORD) !== false;
    };
    if (saidIn('六') || saidIn('一') || saidIn('五')) return;
    ctx.report({ message: ctx.msg('content.feeSilent'), range: six.section.range });
  }),
];
