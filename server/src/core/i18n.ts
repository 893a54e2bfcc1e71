// Message catalogues. Chinese is the default (the users are Chinese civil servants); English is
// selectable (its catalogue, `i18n-en.ts`, is registered by whoever loads it). The CLI and the server both format through here; rule codes are never translated.

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
  'section.local': '标题「{found}」不是模板中的标题，按编号、位置和其后内容读作第{num}部分；应为「{canonical}」',
  'section.numbering': '标题编号「{found}」不规范，应写作「{num}、」',
  'section.noNumber': '标题「{title}」没有编号，应写作「{num}、{title}」',
  'section.misnumbered': '标题「{title}」是第{num}部分，编号却写作「{written}」',
  'section.empty': '第{num}部分「{title}」没有内容',
  'table.missing': '第{num}部分缺少可识别的表格（{table}）',
  'row.missing': '{table}缺少「{row}」行',
  'row.extra': '{table}中的「{row}」不是模板中的行',
  'row.extraSub': '{table}中的「{row}」不是模板中的行：作为「{parent}」的细分行，按合计处理',
  'row.order': '{table}中「{row}」的位置不对：模板中它在「{after}」之后',
  'row.orderFirst': '{table}中「{row}」的位置不对：模板中它是第一行',
  'row.values': '{table}的数值行',
  'row.valueCountMore': '{table}「{row}」有 {actual} 个数值，多于模板的 {expected} 列：无法确定各数值所属的列',
  'row.valueCountFewer': '{table}「{row}」只有 {actual} 个数值，少于模板的 {expected} 列，又无法按位置对齐：无法确定缺少的是哪一列',
  'row.valueCountUnplaced': '{table}「{row}」的 {actual} 个数值无法与模板的 {expected} 列一一对应：无法确定各数值所属的列',
  'label.variant': '「{found}」不是模板用语，应为「{canonical}」',
  'label.unsure': '「{found}」不是模板用语；按所在位置读作「{canonical}」，请核对',
  'label.numbering': '「{found}」与模板用语「{canonical}」只差编号写法',
  'label.numberingMore': '「{found}」与模板用语「{canonical}」只差编号写法；本表另有 {more} 处同类写法',
  'label.format': '「{found}」与模板用语「{canonical}」只差空格或全角半角',
  'label.formatMore': '「{found}」与模板用语「{canonical}」只差空格或全角半角；本表另有 {more} 处同类写法',
  'artifact': '文档转换残留「{text}」，应删除',

  'arith.rowTotal': '「{row}」行：总计应为 {expected}，实际为 {actual}（{terms}）',
  'arith.resultTotal': '「{column}」列：（七）总计应为 {expected}，实际为 {actual}（{terms}）',
  'arith.balance': '「{column}」列：一 + 二 应等于（七）总计 + 四（{a} + {b} ≠ {c} + {d}）；按此四应为 {expected}，实际为 {actual}',
  'arith.t4': '{group}：总计应为 {expected}，实际为 {actual}（结果维持 + 结果纠正 + 其他结果 + 尚未审结）',
  'arith.subtotal': '「{row}」「{column}」列：小计应为 {expected}，实际为 {actual}（本组各行之和）',
  'arith.located': '此处应为 {expected}，实际为 {actual}（{where}均差 {delta}）',
  'arith.locatedBlank': '此处空白，但{where}均表明应为 {expected}',
  'arith.zeroEvident': '{message}（按空白为 0 计：本表其他含空白单元格的勾稽关系均按 0 成立）',
  'arith.zeroAssumed': '若空白单元格为 0：{message}（空白不等于 0，请核对）',
  'arith.detailsUnchecked': '{message}。各项明细没有别的勾稽关系可以核对，也可能是某个明细数字有误：重算只在请求时进行',
  'arith.blankTotal': '{where}未填写；按各项之和应为 {expected}',
  'arith.blankConflict': '{where}未填写，两种算法结果不一致：{a} 与 {b}',
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
  'fix.fill': '填入 {value}',
  'fix.fillTableZeros': '将{table}的 {count} 个空白单元格填为 0（空白的合计填为各项之和）',
  'fix.numeral': '编号改为「{num}」',
  'fix.compute': '计算：填入 {value}',
  'fix.placeholders': '将{table}的 {count} 个占位符替换为 0',
  'fix.placeholder': '替换为 0',
  'fix.removeSign': '删除正号',
  'fix.removeUnit': '删除单位「{unit}」',
  'fix.removeUnits': '删除{table}这 {count} 个单元格中的单位',
  'fix.normalizeNumbers': '将{table}这 {count} 个数字改为规范写法',
  'fix.normalizeNumber': '改写为 {value}',
  'fix.canonical': '改为「{canonical}」',
  'fix.canonicalAll': '本表 {count} 处都改为模板用语',
  'fix.removeArtifact': '删除「{text}」',
  'fix.insertHeading': '插入标题「{heading}」',

  'cell.blanks.zeros': '{table}有 {count} 个空白单元格：空白表示未知，不等于 0；按 0 计时本表勾稽关系成立，如确为 0 请填写 0',
  'cell.blanks.totals': '{table}有 {count} 个空白单元格：空白表示未知，不等于 0；其中 {totals} 个总计空白而其各项之和不为 0（{example}应为 {value}），按各项之和填写总计、其余按 0 计时本表勾稽关系成立',
  'cell.blanks.broken': '{table}有 {count} 个空白单元格：空白表示未知，不等于 0；按 0 计时本表有勾稽关系不成立（见相应提示）',
  'cell.blanks.unknown': '{table}有 {count} 个空白单元格：空白表示未知，不等于 0；本表的勾稽关系无法判断它们是否为 0',
  'value.blank': '（空白）',
  'cell.placeholders': '{table}有 {count} 个单元格用「{text}」等代替数字：按 0 计算，请直接填写 0',
  'cell.placeholder': '「{text}」不是数字（{where}）：按 0 计算，请直接填写 0',
  'cell.nonNumeric': '「{text}」不是数字（{where}）',
  'cell.nonInteger': '「{text}」不是整数（{where}）：件数应为整数',
  'cell.negative': '件数不能为负数：「{text}」（{where}）',
  'cell.sign': '「{text}」带有正负号，但{where}不是增减列',
  'cell.unit': '件数单元格中写了单位「{unit}」（{where}）',
  'cell.units': '{table}有 {count} 个件数单元格写了单位（如「{unit}」）',
  'cell.amountUnitMissing': '采购总金额「{text}」没有单位：请在表头或单元格中注明万元或元',
  'cell.amountUnitConflict': '单元格单位「{unit}」与表头单位「{header}」不一致（{where}）',
  'cell.numberFormat': '数字写法不规范「{text}」（{why}），应写作 {value}',
  'cell.numberFormats': '{table}有 {count} 个数字写法不规范（如「{text}」，{why}）',
  'why.fullwidth': '全角数字',
  'why.separators': '件数中有千位分隔符',
  'why.spaces': '数字中有空格',

  'meta.yearMissing': '标题中没有报告年度',
  'meta.yearMissingNoTitle': '未找到标题，无法确定报告年度',
  'meta.yearFromElsewhere': '未找到标题；报告年度取自{source}：{year} 年',
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

const catalogues = new Map<Locale, Record<MessageId, string>>([['zh-cn', zh]]);

/** English lives in `i18n-en.ts`; whoever reads it registers it (the server and the CLI when asked for it). */
export function registerCatalogue(locale: Locale, messages: Record<MessageId, string>): void {
  catalogues.set(locale, messages);
  compiledById.delete(locale);
}

export function hasCatalogue(locale: Locale): boolean {
  return catalogues.has(locale);
}

/** A locale not registered reads Chinese, the default, rather than failing. */
export function catalogueOf(locale: Locale): Record<MessageId, string> {
  return catalogues.get(locale) ?? zh;
}

export type MessageArgs = Record<string, string | number>;

/** Templates split once at their holes: [text, hole, text, hole, …, text]. */
type Parts = string[];
const compiled = new Map<string, Parts>();
/** The same by locale and id: a finding's message is one look-up away from its parts. */
const compiledById = new Map<Locale, Map<MessageId, Parts>>();

function partsOf(template: string): Parts {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    if (compiled.size < 2048) compiled.set(template, parts);
  }
  return parts;
}

function fill(parts: Parts, args: MessageArgs): string {
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const k = parts[i];
    const v = args[k];
    out += (v === undefined ? `{${k}}` : typeof v === 'string' ? v : String(v)) + parts[i + 1];
  }
  return out;
}

/** Fills `{name}` holes; holes without an argument stay as they are. Shared by every catalogue. */
export function formatMessage(template: string, args: MessageArgs = {}): string {
  return fill(partsOf(template), args);
}

const NO_ARGS: MessageArgs = {};

export function t(locale: Locale, id: MessageId, args: MessageArgs = NO_ARGS): string {
  let byId = compiledById.get(locale);
  if (!byId) compiledById.set(locale, (byId = new Map()));
  let parts = byId.get(id);
  if (!parts) byId.set(id, (parts = partsOf(catalogueOf(locale)[id])));
  return fill(parts, args);
}

export function resolveLocale(value: string | undefined): Locale {
  return value && value.toLowerCase().startsWith('en') ? 'en' : 'zh-cn';
}
