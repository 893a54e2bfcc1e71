// Message catalogues. Chinese is the default (the users are Chinese civil servants); English is
// selectable. The CLI and the server both format through here; rule codes are never translated.

import type { Locale } from './types';

const zh = {
  'table.name': '表{table}',
  'where.cell': '表{table}「{row}」行「{column}」列',
  'where.row': '表{table}「{row}」行',
  'where.column': '表{table}「{column}」列',
  'joiner.and': '与',
  'list.sep': '、',

  'section.missing': '缺少第{num}部分「{title}」',
  'section.order': '第{num}部分出现在第{prev}部分之后：六个部分应按一至六的顺序排列',
  'section.duplicate': '第{num}部分重复出现（第 {first} 行已有此部分）',
  'section.variant': '标题「{found}」不是规范写法，应为「{canonical}」',
  'section.numbering': '标题编号「{found}」不规范，应写作「{num}、」',
  'section.empty': '第{num}部分「{title}」没有内容',
  'table.missing': '第{num}部分缺少可识别的表格（{table}）',
  'row.missing': '{table}缺少「{row}」行',
  'row.extra': '{table}中的「{row}」不是模板中的行',
  'row.extraSub': '{table}中的「{row}」不是模板中的行：作为「{parent}」的细分行，按合计处理',
  'row.order': '{table}中「{row}」的位置不对：模板中它在「{after}」之后',
  'row.valueCount': '{table}「{row}」行应有 {expected} 个数值，实际为 {actual} 个：无法确定各数值所属的列',
  'label.variant': '「{found}」不是模板用语，应为「{canonical}」',
  'label.format': '「{found}」与模板用语「{canonical}」只差空格或全角半角',
  'label.formatMore': '「{found}」与模板用语「{canonical}」只差空格或全角半角；本表另有 {more} 处同类写法',
  'artifact': '文档转换残留「{text}」，应删除',

  'arith.rowTotal': '「{row}」行：总计应为 {expected}，实际为 {actual}（{terms}）',
  'arith.resultTotal': '「{column}」列：（七）总计应为 {expected}，实际为 {actual}（{terms}）',
  'arith.balance': '「{column}」列：一 + 二 应等于（七）总计 + 四（{a} + {b} ≠ {c} + {d}）；按此四应为 {expected}，实际为 {actual}',
  'arith.t4': '{group}：总计应为 {expected}，实际为 {actual}（结果维持 + 结果纠正 + 其他结果 + 尚未审结）',
  'arith.subtotal': '「{row}」「{column}」列：小计应为 {expected}，实际为 {actual}（本组各行之和）',
  'arith.located': '此处应为 {expected}，实际为 {actual}（{where}均差 {delta}）',
  'arith.where.T3-ROW': '「{row}」行合计',
  'arith.where.T3-RESULT': '「{column}」列（七）总计',
  'arith.where.T3-BAL': '「{column}」列 一 + 二 = （七）+ 四',
  'arith.where.T4-SUM': '{group}总计',
  'arith.where.T3-SUB': '「{row}」小计',
  'arith.noFix': '{message}。未提供自动修复：重算此处会使{broken}不再成立，请先核对明细数字',
  'arith.negative': '{message}。未提供自动修复：结果为负数，请核对明细数字',
  'arith.term': '{label} {value}',
  'group.t4.c5': '行政复议',
  'group.t4.c10': '行政诉讼（未经复议直接起诉）',
  'group.t4.c15': '行政诉讼（复议后起诉）',

  'fix.recompute': '重算为 {value}',
  'fix.setCell': '改为 {value}',
  'fix.balance': '设 四 = 一 + 二 − （七）总计 = {value}',
  'fix.balanceAll': '按 四 = 一 + 二 − （七）总计 重设第四行（{count} 列）',
  'fix.fillZero': '填入 0',
  'fix.compute': '计算：填入 {value}',
  'fix.placeholder': '替换为 0',
  'fix.removeSign': '删除正号',
  'fix.removeUnit': '删除单位「{unit}」',
  'fix.normalizeNumber': '改写为 {value}',
  'fix.canonical': '改为「{canonical}」',
  'fix.removeArtifact': '删除「{text}」',
  'fix.insertHeading': '插入标题「{heading}」',

  'cell.blank': '空白单元格（{where}）：空白表示未知，不等于 0；如为 0 请填写 0',
  'cell.placeholder': '「{text}」不是数字（{where}）：按 0 计算，请直接填写 0',
  'cell.nonNumeric': '「{text}」不是数字（{where}）',
  'cell.nonInteger': '「{text}」不是整数（{where}）：件数应为整数',
  'cell.negative': '件数不能为负数：「{text}」（{where}）',
  'cell.sign': '「{text}」带有正负号，但{where}不是增减列',
  'cell.unit': '件数单元格中写了单位「{unit}」（{where}）',
  'cell.amountUnitMissing': '采购总金额「{text}」没有单位：请在表头或单元格中注明万元或元',
  'cell.amountUnitConflict': '单元格单位「{unit}」与表头单位「{header}」不一致（{where}）',
  'cell.numberFormat': '数字写法不规范「{text}」（{why}），应写作 {value}',
  'why.fullwidth': '全角数字',
  'why.separators': '件数中有千位分隔符',
  'why.spaces': '数字中有空格',

  'meta.yearMissing': '标题中没有报告年度',
  'meta.yearMissingNoTitle': '未找到标题，无法确定报告年度',
  'meta.yearMismatch': '{source}中的年份 {year} 与{firstSource}的年份 {first} 不一致',
  'source.title': '标题',
  'source.period': '统计期限',
  'source.overview': '“总体情况”开头',
  'source.signing': '落款日期（减一年）',
  'meta.versionMismatch': '{year} 年度报告应使用 {expected} 年版格式，{table}却是 {actual} 年版格式',
  'meta.versionMismatchTitle': '{table}是 {actual} 年版格式，而报告年度为 {year}：2021 年版格式在 {year} 年度报告报送时尚未发布，请核对标题年份',
  'meta.mixedVersion': '表二符合 {t2} 年版格式，表三却符合 {t3} 年版格式',
  'meta.unsupportedYear': '{year} 年度报告早于 2019 年版格式：表格仍按现行模板检查，结果仅供参考',
  'meta.titleNonstandard': '标题「{title}」不规范，应为「<机关名称>{year}年政府信息公开工作年度报告」',
  'meta.lateSigning': '落款日期 {date} 晚于报送期限 {deadline}（《条例》第四十九条）',
  'meta.dateMissing': '未找到落款日期',
  'meta.partCount': '前言称报告分为 {count} 个部分，年度报告应为六个部分',

  'plaus.items': '「{row}」：上一年项目数量 {items} 加本年增/减 {change} 为 {sum}，项目数不能为负',
  'plaus.published': '「{row}」：本年新公开数量 {published} 大于对外公开总数量 {total}',
  'plaus.procPair': '政府集中采购：采购项目数量 {items} 与采购总金额 {amount} 应同为零或同不为零',
  'plaus.made': '「{row}」：本年新公开数量 {published} 大于本年新制作数量 {made}（去年制作的文件今年公开时可能如此）',
  'plaus.decisions': '「{row}」：处理决定数量 {decisions}，但上一年项目数量与本年增/减之和为 0',
  'plaus.docs': '「{row}」：本年制发件数 {issued} 大于现行有效件数 {inForce} 与本年废止件数 {repealed} 之和',
  'plaus.fee': '本年收费金额 {amount} 万元超过 {threshold} 万元：请确认单位是否误写为元',

  'narr.mismatch': '文中「{phrase}」为 {written}，而{reading}为 {value}',
  'narr.mismatchAny': '文中「{phrase}」为 {written}，与表格不符：{readings}',
  'narr.readingValue': '{reading}为 {value}',
  'narr.or': '；或',
  'narr.none': '文中称「{phrase}」，但{reading}为 {value}',
  'narr.percent': '文中比例 {written} 与表格不符：「{phrase}」{count} ÷ {denominator}（{reading}）应为 {expected}',
  'narr.sum': '表{table}{rows}行{columns}列之和',
  'narr.sumColumns': '表{table}{columns}之和',
  'narr.groupRows': '{rows}各',
  'narr.quote': '「{text}」',
  'narr.quoteSep': '',
  'narr.wan': ' 万元',
  'narr.orCorrected': '{value}（勾稽关系修正后为 {corrected}）',
  'narr.tableBroken': '。表格本身的勾稽关系也不成立，请先核对表格',
  'fix.narrative': '将文中数字改为 {value}',

  'content.thin': '第五部分只有「{text}」（{count} 个字）：应写明存在的主要问题和改进情况',
  'content.noMeasures': '第五部分列出了问题，但没有写改进措施或改进情况',
  'content.topics': '第一部分未涉及：{topics}（2021 年版格式要求总体情况涵盖这些方面）',
  'content.feeSilent': '第六部分未说明信息处理费的收取情况（2021 年版格式要求）',
  'content.noFeeButTable': '第六部分称「{phrase}」，但表二「行政事业性收费」本年收费金额为 {amount} 万元；如指信息处理费，请写明“信息处理费”',
  'topic.proactive': '主动公开',
  'topic.request': '依申请公开',
  'topic.management': '政府信息管理',
  'topic.platform': '政府信息公开平台建设',
  'topic.oversight': '监督保障',
  'meta.yearInText': '第一部分写的是 {year} 年，而本报告为 {report} 年度：可能沿用了其他年度报告的文字',

  'cross.report': '{year} 年度报告',
  'cross.reportNamed': '{year} 年度报告（{name}）',
  'cross.related': '{report}：{label}{value}',
  'cross.part': '第{number}部分',
  'cross.carry': '上年结转「{column}」为 {actual}，而 {report}「四、结转下年度继续办理」为 {expected}',
  'cross.items': '「{row}」上一年项目数量为 {actual}，而 {report}的上一年项目数量加本年增/减为 {expected}',
  'cross.valid': '「{row}」现行有效件数为 {actual}，按 {report}的现行有效件数加本年制发、减本年废止应约为 {expected}',
  'cross.same': '第{section}部分与 {report}的第{section}部分有 {percent}% 相同（内容雷同）',
  'cross.sameTable': '表三的数字与 {report}完全相同（内容雷同）',

  'config.invalidJson': '配置文件不是有效的 JSON：{detail}',
  'config.unknownKey': '配置文件中的未知字段「{key}」',
  'config.badValue': '配置字段「{key}」的值无效：{detail}',
  'config.unknownRule': '未知规则「{rule}」',
};

export type MessageId = keyof typeof zh;

const en: Record<MessageId, string> = {
  'table.name': 'table {table}',
  'where.cell': 'table {table}, row "{row}", column "{column}"',
  'where.row': 'table {table}, row "{row}"',
  'where.column': 'table {table}, column "{column}"',
  'joiner.and': ' and ',
  'list.sep': ', ',

  'section.missing': 'Section {num} "{title}" is missing',
  'section.order': 'Section {num} comes after section {prev}: the six sections must be in order 一 to 六',
  'section.duplicate': 'Section {num} appears twice (already at line {first})',
  'section.variant': 'Heading "{found}" is not the standard wording "{canonical}"',
  'section.numbering': 'Heading numbering "{found}" is not standard; write "{num}、"',
  'section.empty': 'Section {num} "{title}" has no content',
  'table.missing': 'Section {num} has no recognisable table ({table})',
  'row.missing': '{table} lacks the row "{row}"',
  'row.extra': '"{row}" in {table} is not a row of the template',
  'row.extraSub': '"{row}" in {table} is not a row of the template: taken as a sub-row of "{parent}" and added into it',
  'row.order': '"{row}" in {table} is out of place: the template puts it after "{after}"',
  'row.valueCount': '{table}, row "{row}" should have {expected} values but has {actual}: the columns cannot be assigned',
  'label.variant': '"{found}" is not the template wording "{canonical}"',
  'label.format': '"{found}" differs from the template wording "{canonical}" only in spacing or character width',
  'label.formatMore': '"{found}" differs from the template wording "{canonical}" only in spacing or character width; {more} more such labels in this table',
  'artifact': 'Conversion artefact "{text}" left in the text',

  'arith.rowTotal': 'Row "{row}": 总计 should be {expected}, found {actual} ({terms})',
  'arith.resultTotal': 'Column "{column}": （七）总计 should be {expected}, found {actual} ({terms})',
  'arith.balance': 'Column "{column}": 一 + 二 must equal （七）总计 + 四 ({a} + {b} ≠ {c} + {d}); 四 would be {expected}, found {actual}',
  'arith.t4': '{group}: 总计 should be {expected}, found {actual} (结果维持 + 结果纠正 + 其他结果 + 尚未审结)',
  'arith.subtotal': 'Subtotal "{row}", column "{column}" should be {expected}, found {actual} (sum of the group\'s rows)',
  'arith.located': 'This cell should be {expected}, found {actual} ({where} are both off by {delta})',
  'arith.where.T3-ROW': 'the total of row "{row}"',
  'arith.where.T3-RESULT': 'the （七）总计 of column "{column}"',
  'arith.where.T3-BAL': '一 + 二 = （七） + 四 in column "{column}"',
  'arith.where.T4-SUM': 'the total of {group}',
  'arith.where.T3-SUB': 'the subtotal "{row}"',
  'arith.noFix': '{message}. No automatic fix: recomputing this cell would break {broken}; check the detail figures first',
  'arith.negative': '{message}. No automatic fix: the result would be negative; check the detail figures',
  'arith.term': '{label} {value}',
  'group.t4.c5': '行政复议 (administrative reconsideration)',
  'group.t4.c10': '行政诉讼 (litigation, direct)',
  'group.t4.c15': '行政诉讼 (litigation after reconsideration)',

  'fix.recompute': 'Recompute as {value}',
  'fix.setCell': 'Change to {value}',
  'fix.balance': 'Set 四 = 一 + 二 − （七）总计 = {value}',
  'fix.balanceAll': 'Reset row 四 as 一 + 二 − （七）总计 ({count} columns)',
  'fix.fillZero': 'Fill in 0',
  'fix.compute': 'Compute: fill in {value}',
  'fix.placeholder': 'Replace with 0',
  'fix.removeSign': 'Remove the plus sign',
  'fix.removeUnit': 'Remove the unit "{unit}"',
  'fix.normalizeNumber': 'Rewrite as {value}',
  'fix.canonical': 'Change to "{canonical}"',
  'fix.removeArtifact': 'Delete "{text}"',
  'fix.insertHeading': 'Insert the heading "{heading}"',

  'cell.blank': 'Blank cell ({where}): blank means unknown, not 0; write 0 if it is 0',
  'cell.placeholder': '"{text}" is not a number ({where}): counted as 0; write 0 instead',
  'cell.nonNumeric': '"{text}" is not a number ({where})',
  'cell.nonInteger': '"{text}" is not a whole number ({where}): counts are integers',
  'cell.negative': 'A count cannot be negative: "{text}" ({where})',
  'cell.sign': '"{text}" has a sign, but {where} is not a change column',
  'cell.unit': 'A unit "{unit}" is written in a count cell ({where})',
  'cell.amountUnitMissing': 'Procurement amount "{text}" has no unit: state 万元 or 元 in the header or the cell',
  'cell.amountUnitConflict': 'The cell\'s unit "{unit}" contradicts the header\'s unit "{header}" ({where})',
  'cell.numberFormat': 'Number written as "{text}" ({why}); write {value}',
  'why.fullwidth': 'full-width digits',
  'why.separators': 'thousands separators in a count',
  'why.spaces': 'spaces inside the number',

  'meta.yearMissing': 'The title does not state the report year',
  'meta.yearMissingNoTitle': 'No title found: the report year cannot be determined',
  'meta.yearMismatch': 'The year {year} in the {source} disagrees with the year {first} in the {firstSource}',
  'source.title': 'title',
  'source.period': 'statistics period',
  'source.overview': 'opening of 总体情况',
  'source.signing': 'signing date (minus one year)',
  'meta.versionMismatch': 'A report for {year} must use the {expected} format, but {table} follows the {actual} format',
  'meta.versionMismatchTitle': '{table} follows the {actual} format but the report year is {year}: that format did not exist when {year} reports were due; check the title year',
  'meta.mixedVersion': 'Table 二 follows the {t2} format but table 三 follows the {t3} format',
  'meta.unsupportedYear': 'A report for {year} predates the 2019 format: its tables are still checked against the current templates, for reference only',
  'meta.titleNonstandard': 'Title "{title}" is not in the standard form "<agency>{year}年政府信息公开工作年度报告"',
  'meta.lateSigning': 'Signing date {date} is after the deadline {deadline} (条例 article 49)',
  'meta.dateMissing': 'No signing date found',
  'meta.partCount': 'The preface says the report has {count} parts; an annual report has six',

  'plaus.items': '"{row}": 上一年项目数量 {items} plus 本年增/减 {change} is {sum}; an item count cannot be negative',
  'plaus.published': '"{row}": 本年新公开数量 {published} exceeds 对外公开总数量 {total}',
  'plaus.procPair': '政府集中采购: 采购项目数量 {items} and 采购总金额 {amount} should be both zero or both non-zero',
  'plaus.made': '"{row}": 本年新公开数量 {published} exceeds 本年新制作数量 {made} (possible when last year\'s documents are published this year)',
  'plaus.decisions': '"{row}": {decisions} decisions but the item count (上一年项目数量 + 本年增/减) is 0',
  'plaus.docs': '"{row}": 本年制发件数 {issued} exceeds 现行有效件数 {inForce} plus 本年废止件数 {repealed}',
  'plaus.fee': '本年收费金额 {amount} 万元 exceeds {threshold} 万元: check whether 元 was typed into a 万元 column',

  'narr.mismatch': 'The text gives {written} for "{phrase}", but {reading} is {value}',
  'narr.mismatchAny': 'The text gives {written} for "{phrase}", which matches none of: {readings}',
  'narr.readingValue': '{reading} is {value}',
  'narr.or': '; or ',
  'narr.none': 'The text says "{phrase}", but {reading} is {value}',
  'narr.percent': 'The share {written} does not match the table: "{phrase}" {count} ÷ {denominator} ({reading}) is {expected}',
  'narr.sum': 'the sum of table {table}, rows {rows}, columns {columns}',
  'narr.sumColumns': 'the sum of table {table} {columns}',
  'narr.groupRows': 'all rows of {rows}',
  'narr.quote': '"{text}"',
  'narr.quoteSep': ', ',
  'narr.wan': ' 万元',
  'narr.orCorrected': '{value} ({corrected} once the table\'s totals are corrected)',
  'narr.tableBroken': '. The table\'s own totals do not add up either: check the table first',
  'fix.narrative': 'Change the text to {value}',

  'content.thin': 'Section 五 says only "{text}" ({count} characters): state the main problems and how they are being addressed',
  'content.noMeasures': 'Section 五 names problems but no measures or improvements',
  'content.topics': 'Section 一 does not cover: {topics} (the 2021 format asks the overview to cover these)',
  'content.feeSilent': 'Section 六 does not state the 信息处理费 (information processing fees) collected, as the 2021 format asks',
  'content.noFeeButTable': 'Section 六 says "{phrase}", but table 二 shows 行政事业性收费 of {amount} 万元; if 信息处理费 is meant, say so',
  'topic.proactive': '主动公开 (proactive disclosure)',
  'topic.request': '依申请公开 (requests)',
  'topic.management': '政府信息管理 (information management)',
  'topic.platform': '政府信息公开平台建设 (platforms)',
  'topic.oversight': '监督保障 (oversight)',
  'meta.yearInText': 'Section 一 speaks of {year} in a report for {report}: text possibly kept from another year\'s report',

  'cross.report': 'the report for {year}',
  'cross.reportNamed': 'the report for {year} ({name})',
  'cross.related': '{report}: {label}{value}',
  'cross.part': 'section {number}',
  'cross.carry': '二、上年结转, column "{column}", is {actual}, but {report} carried over {expected} (四、结转下年度继续办理)',
  'cross.items': '"{row}": 上一年项目数量 is {actual}, but {report} gives 上一年项目数量 plus 本年增/减 = {expected}',
  'cross.valid': '"{row}": 现行有效件数 is {actual}; from {report}\'s documents in force plus this year\'s issued minus repealed it would be about {expected}',
  'cross.same': 'Section {section} is {percent}% the same as section {section} of {report} (内容雷同)',
  'cross.sameTable': 'The figures of table 三 are identical to {report} (内容雷同)',

  'config.invalidJson': 'The config file is not valid JSON: {detail}',
  'config.unknownKey': 'Unknown key "{key}" in the config file',
  'config.badValue': 'Invalid value for "{key}": {detail}',
  'config.unknownRule': 'Unknown rule "{rule}"',
};

export const CATALOGUES: Record<Locale, Record<MessageId, string>> = { 'zh-cn': zh, en };

export type MessageArgs = Record<string, string | number>;

/** Fills `{name}` holes; holes without an argument stay as they are. Shared by every catalogue. */
/** Templates split once at their holes: [text, hole, text, hole, …, text]. */
const compiled = new Map<string, string[]>();

export function formatMessage(template: string, args: MessageArgs = {}): string {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    if (compiled.size < 2048) compiled.set(template, parts);
  }
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const k = parts[i];
    out += (k in args ? String(args[k]) : `{${k}}`) + parts[i + 1];
  }
  return out;
}

export function t(locale: Locale, id: MessageId, args: MessageArgs = {}): string {
  return formatMessage(CATALOGUES[locale][id], args);
}

export function resolveLocale(value: string | undefined): Locale {
  return value && value.toLowerCase().startsWith('en') ? 'en' : 'zh-cn';
}
