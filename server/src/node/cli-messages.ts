// The command line's own strings (headers, summary, I/O and usage messages), in both languages. Rule
// messages come from the core catalogue (`t()` in core/i18n.ts); only what the core does not say is here.

import { formatMessage, type Locale, type Severity } from '../core';

const zh = {
  'severity.error': '错误',
  'severity.warning': '警告',
  'severity.information': '提示',
  'severity.hint': '建议',

  'header': '{path}  模板 {template} · 年度 {year} · {errors} 错误 {warnings} 警告 {infos} 提示',
  'header.unknown': '未知',
  'header.notReport': '{path}  未识别为政府信息公开工作年度报告（没有找到各部分标题或表格），未检查规则',
  'summary': '检查了 {files} 个文件，跳过 {skipped} 个：{errors} 个错误，{warnings} 个警告，{infos} 个提示',
  'summary.problems': '；{problems} 个文件无法处理',
  'summary.fixed': '；修复了 {fixes} 处（{files} 个文件）',

  'fix.done': '已修复 {path}：{count} 处',
  'fix.changedOnDisk': '{path}：未写入修复：检查期间文件已被修改',
  'fix.readOnly': '{path}：未写入修复：文件是只读的',
  'fix.outsideTree': '{path}：未写入修复：符号链接指向给定目录之外（{target}）',
  'fix.notLossless': '{path}：未写入修复：按 {encoding} 重新编码无法逐字节还原原文件',
  'fix.lineEnds': '{path}：未写入修复：修复会改变换行符（内部错误）',
  'fix.writeFailed': '{path}：写入失败：{detail}',

  'io.notFound': '{path}：找不到文件或文件夹',
  'io.readFailed': '{path}：无法读取：{detail}',
  'io.binary': '{path}：无法读取：不是文本文件',
  'io.encoding': '{path}：无法读取：编码无法识别（既不是 UTF-8、UTF-16，也不是 GB18030）',
  'io.notFile': '{path}：不是普通文件或文件夹',
  'rule.failed': '{path}：规则 {code} 运行出错，其结果缺失：{detail}',
  'config.problem': '{path}:{line}:{col}  警告  {message}',
  'config.notFound': '找不到配置文件：{path}',
  'internal': '内部错误：{detail}',

  'usage.unknownOption': '未知选项：{option}（xxgk-report --help 查看用法）',
  'usage.missingValue': '选项 {option} 需要一个值',
  'usage.noValue': '选项 {option} 不接受值',
  'usage.badFormat': '--format 的值无效：{value}（可用 text、json、sarif）',
  'usage.badLocale': '--locale 的值无效：{value}（可用 zh-cn、en）',
  'usage.unknownRule': '--disable 中的未知规则：{rule}（xxgk-report --list-rules 查看全部规则）',
  'usage.unknownCommand': '未知命令：{command}（可用 check、convert、next；xxgk-report --help 查看用法）',
  'next.usage': '用法：xxgk-report next [-o <文件>] [--force] <本年度报告>',
  'next.notReport': '{path}：未识别为政府信息公开工作年度报告，无法生成下一年度框架',
  'next.noYear': '{path}：无法确定报告年度，无法生成下一年度框架',
  'next.exists': '{path} 已存在：加 --force 覆盖，或用 -o 指定其他文件',
  'next.written': '已写入 {path}：{year} 年度报告框架（2021 年版格式），从本年度报告带入 {carried} 个数字',
  'usage.noCommand': '缺少命令：xxgk-report check [选项] <文件或文件夹…>（xxgk-report --help 查看用法）',
  'usage.noFiles': '请指定要检查的文件或文件夹：xxgk-report check [选项] <文件或文件夹…>',

  'rules.header': '代码\t别名\t默认级别\t说明',
  'timing.header': '规则\t耗时（毫秒）\t占比',
  'timing.total': '合计\t{ms}\t100%（{files} 个文件）',

  // Word documents and web pages (cli-import.ts)
  'import.failed': '{path}：{message}',
  'import.notice': '{path}：注意：{message}',
  'where.cell': '第{table}个表格第{row}行第{col}列',
  'where.table': '第{table}个表格',
  'where.paragraph': '第{paragraph}段',
  'where.converted': '（转换文本 {line}:{col}）',
  'convert.written': '已将 {from} 转换为 {path}',
  'usage.convertOne': '请指定一个要转换的文件：xxgk-report convert <文件> [-o 输出.md]',
  'usage.outputOnlyConvert': '-o/--output 只能用于 convert 和 next 命令',

  'help': `用法：xxgk-report check [选项] <文件或文件夹…>
      xxgk-report convert <文件> [-o 输出.md]

检查政府信息公开工作年度报告（.txt、.md，以及 Word 的 .docx 和网页 .html/.htm）：六个部分、
表格勾稽关系、单元格数值、年度与格式。.docx 和网页先转换为 markdown 文本再检查，问题指明所在的
表格、行和列。文件夹会递归查找 .txt、.md、.docx、.html 和 .htm 文件，只检查看起来像年度报告的文件
（跳过的文件数在汇总中给出；不进入以“.”开头的文件夹和 node_modules）。直接给出的文件总会检查。
.doc、.wps 和 PDF 不能直接读取（请另存为 .docx）。

convert 把 .docx 或网页转换为 markdown 文本，输出到标准输出或 -o 指定的文件。

选项：
  -f, --format <text|json|sarif>  输出格式（默认 text）
      --fix                       应用全部首选修复并原地写回文件（保持编码、BOM 和换行符；
                                  .docx 只改写被修复单元格的文字，网页不修复）
      --disable <代码或别名,…>    关闭规则，如 --disable XR201,heading-variant
      --locale <zh-cn|en>         消息语言（默认 zh-cn，或配置文件中的 locale）
  -q, --quiet                     只报告错误
  -c, --config <路径>             使用指定的配置文件，不再逐级查找 .xxgkrc.json
      --list-rules                列出全部规则
      --color, --no-color         强制开启或关闭颜色（默认：输出到终端且未设置 NO_COLOR 时开启）
  -o, --output <路径>             convert、next：写入该文件（默认：convert 输出到标准输出）
      --no-cross-year             不对照上一年度报告（默认：给出的报告中同一机关相邻两年的互相对照，XR501–XR503）
      --timing                    检查结束后在标准错误输出各规则耗时（最慢的 10 条）
  -h, --help                      显示本帮助
  -v, --version                   显示版本号

xxgk-report next [-o <文件>] [--force] <本年度报告>
  生成下一年度报告框架（2021 年版格式，与本报告相同的表格写法）：六个部分标题、空表格，
  “上年结转”取本报告的“结转下年度继续办理”，现行有效件数取本报告的数字。默认写在本报告旁，
  文件名中的年份加一；-o - 输出到标准输出。

配置：从每个文件所在的文件夹逐级向上查找 .xxgkrc.json；命令行选项优先于配置文件。

退出码：0 没有错误；1 有错误级别的诊断；2 用法错误、文件无法读取或写入，或某条规则运行出错（其余文件照常检查）。`,
};

export type CliMessageId = keyof typeof zh;

const en: Record<CliMessageId, string> = {
  'severity.error': 'error',
  'severity.warning': 'warning',
  'severity.information': 'info',
  'severity.hint': 'hint',

  'header': '{path}  template {template} · year {year} · {errors} error{errorsS} {warnings} warning{warningsS} {infos} note{infosS}',
  'header.unknown': 'unknown',
  'header.notReport': '{path}  not recognised as a government information disclosure annual report (no section headings or tables found); no rules run',
  'summary': '{files} file{filesS} checked, {skipped} skipped: {errors} error{errorsS}, {warnings} warning{warningsS}, {infos} note{infosS}',
  'summary.problems': '; {problems} file{problemsS} could not be processed',
  'summary.fixed': '; {fixes} fix{fixesEs} applied in {files} file{filesS}',

  'fix.done': 'Fixed {path}: {count} fix{countEs}',
  'fix.changedOnDisk': '{path}: fixes not written: the file changed on disk while it was being checked',
  'fix.readOnly': '{path}: fixes not written: the file is read-only',
  'fix.outsideTree': '{path}: fixes not written: the symbolic link points outside the given folder ({target})',
  'fix.notLossless': '{path}: fixes not written: re-encoding as {encoding} does not reproduce the original bytes',
  'fix.lineEnds': '{path}: fixes not written: they would change line endings (internal error)',
  'fix.writeFailed': '{path}: write failed: {detail}',

  'io.notFound': '{path}: no such file or folder',
  'io.readFailed': '{path}: cannot read: {detail}',
  'io.binary': '{path}: cannot read: not a text file',
  'io.encoding': '{path}: cannot read: unknown encoding (neither UTF-8, UTF-16 nor GB18030)',
  'io.notFile': '{path}: not a regular file or folder',
  'rule.failed': '{path}: rule {code} failed, its findings are missing: {detail}',
  'config.problem': '{path}:{line}:{col}  warning  {message}',
  'config.notFound': 'Config file not found: {path}',
  'internal': 'Internal error: {detail}',

  'usage.unknownOption': 'Unknown option: {option} (see xxgk-report --help)',
  'usage.missingValue': 'Option {option} needs a value',
  'usage.noValue': 'Option {option} takes no value',
  'usage.badFormat': 'Invalid --format: {value} (text, json or sarif)',
  'usage.badLocale': 'Invalid --locale: {value} (zh-cn or en)',
  'usage.unknownRule': 'Unknown rule in --disable: {rule} (see xxgk-report --list-rules)',
  'usage.unknownCommand': 'Unknown command: {command} (check, convert or next; see xxgk-report --help)',
  'next.usage': 'Usage: xxgk-report next [-o <file>] [--force] <this year\'s report>',
  'next.notReport': '{path}: not recognised as an annual report; no skeleton written',
  'next.noYear': '{path}: the report year is unknown; no skeleton written',
  'next.exists': '{path} exists: add --force to overwrite it, or name another file with -o',
  'next.written': 'Wrote {path}: the skeleton of the report for {year} (2021 format), {carried} figures carried over from this year\'s',
  'usage.noCommand': 'Missing command: xxgk-report check [options] <files or folders…> (see xxgk-report --help)',
  'usage.noFiles': 'Name the files or folders to check: xxgk-report check [options] <files or folders…>',

  'rules.header': 'code\talias\tdefault\tdescription',
  'timing.header': 'rule\ttime (ms)\tshare',
  'timing.total': 'all rules\t{ms}\t100% ({files} file{filesS})',

  'import.failed': '{path}: {message}',
  'import.notice': '{path}: note: {message}',
  'where.cell': 'table {table} row {row} col {col}',
  'where.table': 'table {table}',
  'where.paragraph': 'paragraph {paragraph}',
  'where.converted': '(converted {line}:{col})',
  'convert.written': 'Converted {from} to {path}',
  'usage.convertOne': 'Name one file to convert: xxgk-report convert <file> [-o out.md]',
  'usage.outputOnlyConvert': '-o/--output is for the convert and next commands only',

  'help': `Usage: xxgk-report check [options] <files or folders…>
       xxgk-report convert <file> [-o out.md]

Checks government information disclosure annual reports (政府信息公开工作年度报告, .txt and .md, and Word
.docx files and web pages .html/.htm): the six sections, the table identities (勾稽关系), cell values, year
and template. A .docx or web page is converted to markdown text first; its findings name the table, row and
column. Folders are searched recursively for .txt, .md, .docx, .html and .htm files and only files that
look like annual reports are checked (the summary says how many were skipped; folders starting with "." and
node_modules are not entered). Files named directly are always checked. .doc, .wps and PDF files cannot be
read directly (save them as .docx).

convert turns a .docx or web page into the markdown text, on standard output or into the -o file.

Options:
  -f, --format <text|json|sarif>  output format (default text)
      --fix                       apply every preferred fix and write the files in place (encoding, BOM
                                  and line endings kept; in a .docx only the fixed cells' text changes;
                                  web pages are not fixed)
      --disable <code or alias,…> turn rules off, e.g. --disable XR201,heading-variant
      --locale <zh-cn|en>         message language (default zh-cn, or the config file's locale)
  -q, --quiet                     report errors only
  -c, --config <path>             use this config file instead of looking for .xxgkrc.json
      --list-rules                list every rule
      --color, --no-color         force colours on or off (default: on when writing to a terminal and
                                  NO_COLOR is not set)
  -o, --output <path>             convert, next: write to this file (convert: standard output by default)
      --no-cross-year             do not check reports against last year's (by default, reports of one
                                  agency for consecutive years among those given are compared: XR501–XR503)
      --timing                    after the check, print the time each rule took on stderr (the 10 slowest)
  -h, --help                      show this help
  -v, --version                   show the version

xxgk-report next [-o <file>] [--force] <this year's report>
  writes next year's report skeleton (2021 format, the same table flattening): the six headings, empty
  tables, 二、上年结转 from this report's 四、结转下年度继续办理 and 现行有效件数 from this report. By default it
  goes beside the report, the year in the file name plus one; -o - prints it.

Configuration: .xxgkrc.json is looked up from each file's folder upwards; command-line options win.

Exit codes: 0 no errors; 1 error-severity findings; 2 usage errors, files that could not be read or written, or
a rule that failed (the other files are still checked).`,
};

const CATALOGUE: Record<Locale, Record<CliMessageId, string>> = { 'zh-cn': zh, en };

/**
 * Formats a message. For English plurals, `{nameS}` becomes "s" and `{nameEs}` "es" unless the numeric
 * argument `name` is 1 (Chinese has no plural forms and never uses them).
 */
export function m(locale: Locale, id: CliMessageId, args: Record<string, string | number> = {}): string {
  const withPlurals: Record<string, string | number> = { ...args };
  for (const [k, v] of Object.entries(args)) {
    withPlurals[`${k}S`] = v === 1 ? '' : 's';
    withPlurals[`${k}Es`] = v === 1 ? '' : 'es';
  }
  return formatMessage(CATALOGUE[locale][id], withPlurals);
}

export function severityWord(locale: Locale, severity: Severity): string {
  return m(locale, `severity.${severity}`);
}
