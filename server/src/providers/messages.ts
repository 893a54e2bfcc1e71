// Strings of the editor features (outline, hover, lenses, actions, hints, commands), in the two
// languages of the core's catalogue. Kept apart from core/i18n.ts, which belongs to the checker.

import { formatMessage, type Locale } from '../core';

const zh = {
  'table.name': '表{table}',
  'table.detail': '{version} 年版',
  'table.t2': '主动公开政府信息情况',
  'table.t3': '收到和处理政府信息公开申请情况',
  'table.t4': '政府信息公开行政复议、行政诉讼情况',
  'symbol.header': '表头',
  'symbol.dataRow': '数据行',

  'hover.row': '行',
  'hover.column': '列',
  'hover.value': '值',
  'hover.unaligned': '（本行数值个数与模板不符，无法确定所属列）',
  'hover.kind.number': '数字',
  'hover.kind.blank': '空白：表示未知，不等于 0',
  'hover.kind.placeholder': '占位符：按 0 计算',
  'hover.kind.invalid': '不是数字',
  'hover.col.count': '件数',
  'hover.col.delta': '增减数',
  'hover.col.amount': '金额',
  'hover.formula': '计算',
  'hover.agrees': '与表中数值一致',
  'hover.differs': '表中为 {actual}，应为 {expected}',
  'hover.unknown': '有空白或非数字的项，无法核对',
  'hover.missing': '缺少所需的行，无法核对',
  'hover.t4row': '（表四只有一行数据）',
  'hover.narrative.title': '正文复述的表格数字',
  'hover.narrative.text': '正文',
  'hover.narrative.restates': '复述',
  'hover.narrative.share': '比例',
  'hover.narrative.agrees': '与表格一致',
  'hover.narrative.differs': '与表格不一致',

  'lens.ok': '表{table}：勾稽关系全部成立',
  'lens.bad': '表{table}：{count} 处不一致',
  'lens.badFix': '表{table}：{count} 处不一致 · 全部重算',
  'lens.skipped': '表{table}：勾稽关系成立（另有 {count} 项因空白或缺行无法核对）',
  'lens.t2ok': '表{table}：未发现异常',
  'lens.t2bad': '表{table}：{count} 处疑点',

  'action.recomputeTable': '重算表{table}全部总计',
  'action.fixAll': '重算全部总计',
  'action.disableLine': '在此行停用规则 {code}',
  'action.disableFile': '在本文件停用规则 {code}',
  'action.convert': '将表{table}转换为 Markdown 表格',
  'action.revealCell': '转到正文所复述的表格单元格',
  'action.openLastYear': '并排打开上一年度报告中的对应位置',

  'command.noDocument': '找不到文档 {uri}',
  'command.notReport': '此文档不是政府信息公开工作年度报告',
  'command.noTable': '找不到要处理的表格',
  'command.nothingToRecompute': '没有需要重算的总计',
  'command.alreadyMarkdown': '表格已是 Markdown 表格',
  'command.applyFailed': '编辑未能应用：{reason}',
  'command.recomputeAll': '重算全部总计',
  'command.recomputeTable': '重算表{table}全部总计',
  'command.convert': '将表{table}转换为 Markdown 表格',

  'inlay.c1': '复议·维持',
  'inlay.c2': '复议·纠正',
  'inlay.c3': '复议·其他',
  'inlay.c4': '复议·未结',
  'inlay.c5': '复议·总计',
  'inlay.c6': '直诉·维持',
  'inlay.c7': '直诉·纠正',
  'inlay.c8': '直诉·其他',
  'inlay.c9': '直诉·未结',
  'inlay.c10': '直诉·总计',
  'inlay.c11': '复议后诉·维持',
  'inlay.c12': '复议后诉·纠正',
  'inlay.c13': '复议后诉·其他',
  'inlay.c14': '复议后诉·未结',
  'inlay.c15': '复议后诉·总计',
};

export type ProviderMessageId = keyof typeof zh;

const catalogues = new Map<Locale, Record<ProviderMessageId, string>>([['zh-cn', zh]]);

/** English lives in `messages-en.ts`, registered with the core's English catalogue. */
export function registerProviderCatalogue(locale: Locale, messages: Record<ProviderMessageId, string>): void {
  catalogues.set(locale, messages);
}

export function providerCatalogueOf(locale: Locale): Record<ProviderMessageId, string> {
  return catalogues.get(locale) ?? zh;
}

export function pm(locale: Locale, id: ProviderMessageId, args: Record<string, string | number> = {}): string {
  return formatMessage(providerCatalogueOf(locale)[id], args);
}
