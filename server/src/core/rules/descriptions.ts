// What each rule checks, in both languages: for the rule list (`--list-rules`), SARIF and the config
// schema. Apart from the rules so that the language server, which shows none of it, bundles none of it.

import type { Locale } from '../types';

export const RULE_DESCRIPTIONS: Readonly<Record<string, Record<Locale, string>>> = {
  XR001: { 'zh-cn': '六个部分缺少其中之一', en: 'One of the six sections is missing' },
  XR002: { 'zh-cn': '六个部分顺序颠倒', en: 'Sections out of order' },
  XR003: { 'zh-cn': '同一部分出现两次', en: 'A section appears twice' },
  XR004: { 'zh-cn': '部分标题不是规范写法', en: 'Section heading is a known variant' },
  XR005: { 'zh-cn': '部分标题编号不规范', en: 'Non-standard numeral or separator in a heading' },
  XR006: { 'zh-cn': '文字部分没有内容', en: 'A text section has no body' },
  XR007: { 'zh-cn': '表格部分没有可识别的表格', en: 'Section 二/三/四 without a recognisable table' },
  XR008: { 'zh-cn': '表格缺少模板中的行', en: 'A template row is absent' },
  XR009: { 'zh-cn': '表格中有模板之外的行（细分行、小计行）', en: 'A row not in the template (sub-rows, subtotals)' },
  XR010: { 'zh-cn': '模板中的行顺序颠倒', en: 'Template rows out of order' },
  XR011: { 'zh-cn': '一行的数值无法对应到模板的列', en: 'A row\'s values cannot be placed in the template\'s columns' },
  XR012: { 'zh-cn': '固定标签不是模板用语（社会组织、只记、错字漏字、空格、半角）', en: 'A fixed label is not canonical (社会组织, 只记, a typo, spacing, half-width)' },
  XR013: { 'zh-cn': '文中残留文档转换标记（[image: …]、[bookmark: …]、单独成行的页码）', en: 'Converter artefacts left in the text (image and bookmark marks, page numbers on lines of their own)' },
  XR014: { 'zh-cn': '按标题文字是某一部分，编号却是另一部分的', en: 'A section found by its title under another section\'s numeral' },
  XR101: { 'zh-cn': '表三每行的总计等于六类申请人之和', en: 'Table 三: each row\'s 总计 equals the six applicant columns' },
  XR102: { 'zh-cn': '表三（七）总计等于各项办理结果之和', en: 'Table 三: （七）总计 equals the sum of the handling results' },
  XR103: { 'zh-cn': '表三每列：一 + 二 = （七）总计 + 四', en: 'Table 三, per column: 一 + 二 = （七）总计 + 四' },
  XR104: { 'zh-cn': '表四每组总计等于四项结果之和', en: 'Table 四: each group\'s 总计 equals its four results' },
  XR105: { 'zh-cn': '表三中作者自加的小计行等于本组各行之和', en: 'Table 三: an added subtotal row equals its group\'s rows' },
  XR106: { 'zh-cn': '2019 年版表二：上一年项目数量加本年增/减不应为负', en: '2019 table 二: items plus change must not be negative' },
  XR107: { 'zh-cn': '2019 年版表二：本年新公开数量不应大于对外公开总数量', en: '2019 table 二: newly published must not exceed the public total' },
  XR108: { 'zh-cn': '2019 年版表二：采购项目数量与采购总金额应同为零或同不为零', en: '2019 table 二: procurement count and amount both zero or both non-zero' },
  XR109: { 'zh-cn': '表二其他可疑数字（公开多于制作、无项目有决定、制发多于现行、收费金额过大）', en: 'Table 二 hints: published > made, decisions without items, issued > in force, fee too large' },
  XR201: { 'zh-cn': '表中有空白的数值单元格（空白不等于 0），每表报告一次', en: 'Blank value cells in a table (blank is not zero), once per table' },
  XR202: { 'zh-cn': '用“—”“/”“无”等代替数字（一表多处时每表报告一次）', en: 'A placeholder such as —, / or 无 instead of a number (once per table where it has several)' },
  XR203: { 'zh-cn': '单元格内容不是数字', en: 'Not a number' },
  XR204: { 'zh-cn': '件数中出现小数', en: 'A decimal in a count' },
  XR205: { 'zh-cn': '件数为负数', en: 'A negative count' },
  XR206: { 'zh-cn': '非增减列中出现正号', en: 'A plus sign outside a change column' },
  XR207: { 'zh-cn': '件数单元格中写了单位（一表多处时每表报告一次）', en: 'A unit written in a count cell (once per table where it has several)' },
  XR208: { 'zh-cn': '2019 年版采购总金额没有单位', en: '2019 procurement amount without a unit' },
  XR209: { 'zh-cn': '单元格中的单位与表头不一致', en: 'The cell\'s unit contradicts the header' },
  XR210: { 'zh-cn': '数字写法不规范（全角数字、件数中的千位分隔符、数字中的空格；一表多处时每表报告一次）', en: 'Full-width digits, separators in counts, inner spaces (once per table where it has several)' },
  XR301: { 'zh-cn': '标题中没有报告年度', en: 'No year in the title' },
  XR302: { 'zh-cn': '标题、统计期限与“总体情况”中的年份不一致', en: 'Title, statistics period and 总体情况 disagree on the year' },
  XR303: { 'zh-cn': '表格格式与报告年度应使用的版本不符', en: 'Table format differs from the one the year requires' },
  XR304: { 'zh-cn': '表二与表三分别符合不同版本的格式', en: 'Tables 二 and 三 follow different versions' },
  XR305: { 'zh-cn': '报告年度早于 2019 年版格式', en: 'Report year before 2019' },
  XR306: { 'zh-cn': '标题不是“<机关名称>YYYY年政府信息公开工作年度报告”', en: 'Title not in the standard form' },
  XR307: { 'zh-cn': '落款日期晚于报送期限', en: 'Signing date after the deadline' },
  XR308: { 'zh-cn': '没有落款日期', en: 'No signing date' },
  XR309: { 'zh-cn': '前言所称部分数不是六', en: 'The preface counts other than six parts' },
  XR401: { 'zh-cn': '正文中的数字与其复述的表格单元格不一致', en: 'A number in the text contradicts the table cell it restates' },
  XR402: { 'zh-cn': '“存在的主要问题及改进情况”只有“无”或寥寥数字，或只谈问题不谈改进措施', en: 'Section 五 reduced to 无 or a few characters, or naming problems without measures' },
  XR403: { 'zh-cn': '2021 年版报告的“总体情况”未涉及格式所列方面', en: 'Section 一 of a 2021-format report misses topics the format lists' },
  XR404: { 'zh-cn': '2021 年版报告的“其他需要报告的事项”未说明信息处理费，或称未收费而表二有收费金额', en: 'Section 六 of a 2021-format report silent on 信息处理费, or saying no fee was collected while table 二 shows fees' },
  XR501: { 'zh-cn': '本年“上年结转”与上一年度报告的“结转下年度继续办理”不一致', en: "二、上年结转 differs from last year's 四、结转下年度继续办理" },
  XR502: { 'zh-cn': '表二的数量与上一年度报告接不上（2019 年版项目数量；2021 年版现行有效件数，提示）', en: "Table 二 does not follow on from last year's (2019 item counts; 2021 documents in force, a hint)" },
  XR503: { 'zh-cn': '与上一年度报告内容雷同（第一、五部分文字或表三数字）', en: "Near-identical to last year's report (text of 一 or 五, or table 三)" },
};

/** A rule's description in both languages. */
export function ruleDescription(code: string): Record<Locale, string> {
  return RULE_DESCRIPTIONS[code] ?? { 'zh-cn': code, en: code };
}
