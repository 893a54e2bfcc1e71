// Messages of the readers (why a file cannot be read, what was dropped or inlined), Chinese by default,
// English selectable, in the style of ../cli-messages.ts. The import bundle carries them so the editor
// command and the CLI say the same thing.

import type { NoticeId } from './types';

export type Locale = 'zh-cn' | 'en';

const zh = {
  'read.ole': '这是 Word 97–2003（.doc）、WPS（.wps）或加密的文档（OLE 复合文件），无法直接读取：请另存为 .docx',
  'read.encrypted': '文档已加密（设有打开密码），无法读取：请取消密码后另存为 .docx',
  'read.pdf': 'PDF 暂不支持：请使用 .docx 或网页版本',
  'read.rtf': '这是 RTF 文件（扩展名可能是 .doc），无法读取：请另存为 .docx',
  'read.mhtNoHtml': '这是 MHT 网页存档，但其中没有 HTML 正文：请另存为 .docx 或 .html',
  'read.unknown': '无法识别的文件格式（既不是 .docx，也不是网页）：请另存为 .docx',
  'read.notDocx': '这是 ZIP 文件，但不是 Word 文档（缺少 word/document.xml）：请另存为 .docx',
  'read.zipBroken': '.docx 文件已损坏（ZIP 结构无法读取：{detail}）',
  'read.partMissing': '.docx 文件已损坏：缺少部件 {part}',
  'read.partBroken': '.docx 文件已损坏：部件 {part} 不是有效的 XML（第 {line} 行第 {col} 列：{detail}）',
  'read.partTooLarge': '.docx 中的部件 {part} 解压后超过 {limit} MiB，疑似压缩炸弹，已拒绝读取',
  'read.tooLarge': '文件超过 {limit} MiB，未读取',
  'read.doctype': '.docx 文件的部件 {part} 含有 DOCTYPE 声明（可能引用外部实体），已拒绝读取',
  'read.htmlEncoding': '网页编码无法识别（声明为 {charset}）',
  'fix.html': '网页文件不能用 --fix 原地修复：请先用 xxgk-report convert 转换为 .md 再修复',
  'fix.cellNotFound': '修复无法写回 .docx：转换文本第 {line} 行的修改不在任何表格单元格内',
  'fix.noRun': '修复无法写回 .docx：表格 {table} 第 {row} 行第 {col} 列没有可写入的文字',

  'notice.nestedTable': '表格 {table} 中有嵌套表格，其文字已并入所在单元格',
  'notice.textBox': '文本框中的文字已按位置并入正文（{count} 处）',
  'notice.orphanMerge': '表格 {table} 第 {row} 行第 {col} 列：纵向合并的续格上方没有起始单元格，按独立单元格读取',
  'notice.trackedChanges': '文档含有修订：按“接受全部修订”读取',
  'notice.deletedRows': '已删除的表格行（修订）未读取：{count} 行',
  'notice.hiddenText': '隐藏文字未读取（{count} 处）',
  'notice.placeholderText': '内容控件中的占位提示文字未读取（{count} 处）',
  'notice.noTitle': '网页中没有找到报告标题，从第一段正文开始读取',
  'notice.titleFromPage': '正文中没有报告标题：标题取自网页标题（<title>）「{title}」',
  'notice.charsetGuessed': '网页没有声明编码，按 {charset} 读取',
  'notice.charsetOverridden': '网页声明的编码是 {declared}，但内容是 UTF-8，按 UTF-8 读取',

  'source.docx': 'Word 文档',
  'source.html': '网页',
};

export type ImportMessageId = keyof typeof zh;

const en: Record<ImportMessageId, string> = {
  'read.ole': 'This is a Word 97–2003 (.doc), WPS (.wps) or encrypted document (an OLE compound file) and cannot be read directly: save it as .docx',
  'read.encrypted': 'The document is encrypted (it has an opening password) and cannot be read: remove the password and save it as .docx',
  'read.pdf': 'PDF is not supported yet: use the .docx or the web page',
  'read.rtf': 'This is an RTF file (possibly named .doc) and cannot be read: save it as .docx',
  'read.mhtNoHtml': 'This MHT web archive holds no HTML page: save it as .docx or .html',
  'read.unknown': 'Unknown file format (neither .docx nor a web page): save it as .docx',
  'read.notDocx': 'This is a ZIP file but not a Word document (word/document.xml is missing): save it as .docx',
  'read.zipBroken': 'The .docx file is broken (its ZIP structure cannot be read: {detail})',
  'read.partMissing': 'The .docx file is broken: part {part} is missing',
  'read.partBroken': 'The .docx file is broken: part {part} is not valid XML (line {line}, column {col}: {detail})',
  'read.partTooLarge': 'Part {part} of the .docx inflates to more than {limit} MiB (a zip bomb?): not read',
  'read.tooLarge': 'The file is larger than {limit} MiB: not read',
  'read.doctype': 'Part {part} of the .docx has a DOCTYPE declaration (possibly external entities): not read',
  'read.htmlEncoding': 'Unknown web page encoding (declared as {charset})',
  'fix.html': 'A web page cannot be fixed in place with --fix: convert it with xxgk-report convert to .md first',
  'fix.cellNotFound': 'The fix cannot be written back into the .docx: the change on converted line {line} is in no table cell',
  'fix.noRun': 'The fix cannot be written back into the .docx: table {table} row {row} column {col} has no text run to write into',

  'notice.nestedTable': 'Table {table} holds a nested table; its text was merged into the cell',
  'notice.textBox': 'Text in text boxes was merged into the body where it is anchored ({count})',
  'notice.orphanMerge': 'Table {table} row {row} column {col}: a vertical merge continuation has no cell above; read as a cell of its own',
  'notice.trackedChanges': 'The document has tracked changes: read as if all were accepted',
  'notice.deletedRows': 'Deleted table rows (tracked changes) were not read: {count}',
  'notice.hiddenText': 'Hidden text was not read ({count})',
  'notice.placeholderText': 'Placeholder text of content controls was not read ({count})',
  'notice.noTitle': 'No report title found on the page: reading from the first paragraph',
  'notice.titleFromPage': 'The article has no report title: it is taken from the page\'s <title>, "{title}"',
  'notice.charsetGuessed': 'The page declares no encoding: read as {charset}',
  'notice.charsetOverridden': 'The page declares {declared} but is UTF-8: read as UTF-8',

  'source.docx': 'Word document',
  'source.html': 'web page',
};

const CATALOGUE: Record<Locale, Record<ImportMessageId, string>> = { 'zh-cn': zh, en };

export function im(locale: Locale, id: ImportMessageId, args: Record<string, string | number> = {}): string {
  return CATALOGUE[locale][id].replace(/\{(\w+)\}/g, (all, k: string) => (k in args ? String(args[k]) : all));
}

export function noticeText(locale: Locale, id: NoticeId, args: Record<string, string | number>): string {
  return im(locale, `notice.${id}` as ImportMessageId, args);
}

/** A file the readers refuse, with the message to show (both languages from one id). */
export class ImportError extends Error {
  constructor(
    readonly id: ImportMessageId,
    readonly args: Record<string, string | number> = {},
  ) {
    super(im('en', id, args));
  }
  text(locale: Locale): string {
    return im(locale, this.id, this.args);
  }
}
