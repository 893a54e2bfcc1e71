// Strings of the editor features (outline, hover, lenses, actions, hints, commands), in the two
// languages of the core's catalogue. Kept apart from core/i18n.ts, which belongs to the checker.

import type { Locale } from '../core';

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

const en: Record<ProviderMessageId, string> = {
  'table.name': 'Table {table}',
  'table.detail': '{version} format',
  'table.t2': 'proactive disclosure',
  'table.t3': 'requests received and handled',
  'table.t4': 'reconsideration and litigation',
  'symbol.header': 'header',
  'symbol.dataRow': 'data row',

  'hover.row': 'Row',
  'hover.column': 'Column',
  'hover.value': 'Value',
  'hover.unaligned': '(this row has more or fewer values than the template: its columns cannot be assigned)',
  'hover.kind.number': 'number',
  'hover.kind.blank': 'blank: unknown, not 0',
  'hover.kind.placeholder': 'placeholder: counted as 0',
  'hover.kind.invalid': 'not a number',
  'hover.col.count': 'count',
  'hover.col.delta': 'change',
  'hover.col.amount': 'amount',
  'hover.formula': 'Computation',
  'hover.agrees': 'agrees with the table',
  'hover.differs': 'the table says {actual}, should be {expected}',
  'hover.unknown': 'a term is blank or not a number: cannot be checked',
  'hover.missing': 'a row it needs is missing: cannot be checked',
  'hover.t4row': '(table 四 has a single data row)',

  'lens.ok': 'Table {table}: every identity holds',
  'lens.bad': 'Table {table}: {count} inconsistencies',
  'lens.badFix': 'Table {table}: {count} inconsistencies · recompute all',
  'lens.skipped': 'Table {table}: identities hold ({count} more cannot be checked: blank cells or missing rows)',
  'lens.t2ok': 'Table {table}: nothing suspicious',
  'lens.t2bad': 'Table {table}: {count} suspicious values',

  'action.recomputeTable': 'Recompute every total of table {table}',
  'action.fixAll': 'Recompute all totals',
  'action.disableLine': 'Disable rule {code} for this line',
  'action.disableFile': 'Disable rule {code} for this file',
  'action.convert': 'Convert table {table} to a markdown table',

  'command.noDocument': 'Document not found: {uri}',
  'command.notReport': 'This document is not a government information disclosure annual report',
  'command.noTable': 'No table to work on',
  'command.nothingToRecompute': 'No total needs recomputing',
  'command.alreadyMarkdown': 'The table already is a markdown table',
  'command.applyFailed': 'The edit was not applied: {reason}',
  'command.recomputeAll': 'Recompute all totals',
  'command.recomputeTable': 'Recompute every total of table {table}',
  'command.convert': 'Convert table {table} to markdown',

  'inlay.c1': 'Recons.·upheld',
  'inlay.c2': 'Recons.·corrected',
  'inlay.c3': 'Recons.·other',
  'inlay.c4': 'Recons.·pending',
  'inlay.c5': 'Recons.·total',
  'inlay.c6': 'Suit·upheld',
  'inlay.c7': 'Suit·corrected',
  'inlay.c8': 'Suit·other',
  'inlay.c9': 'Suit·pending',
  'inlay.c10': 'Suit·total',
  'inlay.c11': 'Suit after recons.·upheld',
  'inlay.c12': 'Suit after recons.·corrected',
  'inlay.c13': 'Suit after recons.·other',
  'inlay.c14': 'Suit after recons.·pending',
  'inlay.c15': 'Suit after recons.·total',
};

export const PROVIDER_CATALOGUES: Record<Locale, Record<ProviderMessageId, string>> = { 'zh-cn': zh, en };

export function pm(locale: Locale, id: ProviderMessageId, args: Record<string, string | number> = {}): string {
  const template = PROVIDER_CATALOGUES[locale][id];
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
}
