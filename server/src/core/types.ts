// Plain data types shared by every layer. LSP-shaped (0-based lines, UTF-16 characters) so the
// server can pass them through unchanged, but nothing here depends on the LSP libraries.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type Locale = 'zh-cn' | 'en';
export type TemplateVersion = '2019' | '2021';
export type TableId = '二' | '三' | '四';
export type SectionNumber = '一' | '二' | '三' | '四' | '五' | '六';
export type Flattening = 'cell-per-line' | 'tsv' | 'markdown';

export const SECTION_NUMBERS: readonly SectionNumber[] = ['一', '二', '三', '四', '五', '六'];

/** What a cell's text means (spec §6). */
export type ValueKind =
  | 'number' // digits, possibly signed, with separators or a unit
  | 'blank' // nothing written: unknown, never 0
  | 'placeholder' // — / 无 …: an explicit "none", 0 in arithmetic
  | 'invalid'; // text that is no number

export interface ParsedValue {
  kind: ValueKind;
  /** The number for 'number' (and 0 for 'placeholder'). */
  number?: number;
  /** Decimal digits after the point, for exact re-printing of amounts. */
  decimals?: number;
  /** Sign as written ('+', '-'; `增`/`增加` is '+', `减`/`减少` is '-') or undefined. */
  sign?: '+' | '-';
  /** Characters the sign takes when written as a word (`减少4`: 2); undefined for '+' or '-'. */
  signLength?: number;
  /** Unit written in the cell (万元, 元, 件 …). */
  unit?: string;
  /** Thousands separators were present. */
  separators?: boolean;
  /** Full-width digits or inner spaces were present. */
  oddFormat?: boolean;
  /** Start and end offsets (within the cell's trimmed text) of the numeric token, for edits. */
  tokenStart?: number;
  tokenEnd?: number;
}

/** A value position of a table row, resolved to its template column. */
export interface ValueCell {
  /** Canonical column label (e.g. 自然人, 总计, 本年新制作数量); null when the row could not be aligned. */
  column: string | null;
  /** Column key of the template (natural, total, c1 …). */
  columnKey: string | null;
  /** The cell text as written, trimmed. */
  text: string;
  /** Range of the trimmed cell text (an empty range where a blank cell sits). */
  range: Range;
  /** Range of the numeric token alone: what a fix replaces (equals range for blank cells). */
  valueRange: Range;
  value: ParsedValue;
}

export interface LabelCell {
  text: string;
  /** Normalised for matching (spec §5.5 rule 2). */
  norm: string;
  range: Range;
}

/** How a label cell was placed against the template (spec §5.5 rules 5 and 8). */
export interface LabelMatch {
  cell: LabelCell;
  /** The template's wording for it. */
  canonical: string;
  /** 'exact': the template's words (perhaps spaced or half-width); 'wording': an alias or a near miss. */
  how: 'exact' | 'wording';
  /** Placed with confidence: only then may a fix rename the cell. */
  confident: boolean;
  /** One of two labels the cell holds (a group and its first row): never renamed. */
  part?: boolean;
  /** The same merged cell written again in the positions it spans (pandas, python-docx): renamed with it. */
  copies?: LabelCell[];
}

export type RowKind =
  | 'caption' // 第二十条第（一）项
  | 'header' // 信息内容 … / column headers
  | 'group' // a group label without values (三、本年度办理结果 …)
  | 'data' // a template row with values
  | 'extra' // a row not in the template (sub-rows, subtotals)
  | 'unknown';

export interface TableRow {
  kind: RowKind;
  /** Template row key (new, open, deny.1 …, 二: t1.rules …); null for rows not in the template. */
  key: string | null;
  /** Canonical label of the template row, or the most specific label as written. */
  label: string;
  labelCells: LabelCell[];
  cells: ValueCell[];
  /** Number of values the template expects in this row (0 for non-data rows). */
  expected: number;
  /** True when the row's values could be assigned to columns. */
  aligned: boolean;
  /** 0-based line of the row's first cell. */
  line: number;
  /** Range covering the row's text. */
  range: Range;
  /** For table 二: the sub-table key (t1, t5, t6, t8, t9). For 三: the group (deny, unable, reject, other). */
  group?: string;
  /** Template row key this extra row belongs under (e.g. 行政检查 under 其他对外管理服务事项). */
  parentKey?: string;
  /** Label cells the alignment placed against template labels (the row's own and its group's). */
  labelMatches?: LabelMatch[];
  /** A template row found out of order (a real swap, spec §5.5 rule 5). */
  outOfOrder?: boolean;
  /** Why the values could not be placed: more non-empty values, or fewer cells, than columns. */
  placement?: 'more' | 'fewer';
}

export interface Table {
  id: TableId;
  flattening: Flattening;
  /** Version whose template the table was read with (its structure, else the report year's). */
  version: TemplateVersion | null;
  /** Version-specific labels or rows found: above 0 when the structure itself decided the version. */
  versionEvidence: number;
  startLine: number;
  endLine: number;
  range: Range;
  rows: TableRow[];
  /** Every label cell of header/caption rows, for label checks and version detection. */
  headerCells: LabelCell[];
  /** Header cells placed against template column (or group) names. */
  headerMatches?: LabelMatch[];
  /** The table was found by its content, not under its section heading (the heading is missing). */
  orphan?: boolean;
}

export interface Section {
  number: SectionNumber;
  /** Heading text as written (artefacts and markdown marks removed). */
  title: string;
  canonicalTitle: string;
  /** The heading matches the canonical text exactly (after normalisation). */
  canonical: boolean;
  /** Numbering as written when not `一、`-style (e.g. `一.`, `1、`; '' when no numeral is written), else undefined. */
  oddNumbering?: string;
  /** Found by its title under another section's numeral (spec §5.5 rule 1): what was written, and where. */
  misnumbered?: { written: string; range: Range };
  /** A second heading of a section that was already found (the line of the first). */
  duplicateOf?: number;
  line: number;
  /** Range of the heading text (without markdown marks and artefacts). */
  range: Range;
  /** Range of the whole line. */
  lineRange: Range;
  /** Last line of the body (inclusive). */
  endLine: number;
  /** The heading runs into its first paragraph on the same line (`一、总体情况。2023年，…`). */
  runIn?: boolean;
  /** A title of the author's own (`三、依申请公开情况`), the section found by its numeral, place and table. */
  local?: boolean;
}

export interface Artifact {
  text: string;
  range: Range;
}

export interface DatedLine {
  year: number;
  month: number;
  day: number;
  range: Range;
}

export interface ReportModel {
  text: string;
  /** Line texts without line ends (LF, CRLF or CR). */
  lines: readonly string[];
  /** Offset in `text` of each line's first character. */
  lineStarts: readonly number[];
  lineCount: number;
  title: { text: string; range: Range } | null;
  year: number | null;
  /** Where each year candidate came from (spec §7.1). */
  yearSources: { source: 'title' | 'period' | 'overview' | 'signing'; year: number; range: Range }[];
  /** Template version of the report (tables decide, see spec §3.7). */
  template: TemplateVersion | null;
  sections: Section[];
  tables: Partial<Record<TableId, Table>>;
  artifacts: Artifact[];
  signingDate: DatedLine | null;
  /** Preface statement of the number of parts (…等六个部分 / 6部分). */
  partCount: { count: number; range: Range } | null;
  /** Inline disable comments (xxgk-disable-next-line / xxgk-disable-file / xxgk-disable-line). */
  suppressions: Suppression[];
  /** The text looks like an annual report at all. */
  isReport: boolean;
}

export interface Suppression {
  scope: 'file' | 'line';
  /** Line the suppression applies to (for scope 'line'). */
  line: number;
  /** Codes or aliases; empty means every rule. */
  rules: string[];
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Preferred fixes are what "fix all" applies; others are offered only on request. */
  preferred: boolean;
  /** Recomputes a total: what "recompute every total in this table" applies, even when not preferred. */
  recompute?: boolean;
  /**
   * false: preferred for its own diagnostic (the editor's default quick fix) but never applied by fix-all,
   * because the checker cannot know which side is right (a narrative number against its table, XR401).
   */
  fixAll?: false;
}

export interface Diagnostic {
  code: string;
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  table?: TableId;
  row?: string;
  column?: string;
  expected?: number;
  actual?: number | null;
  /**
   * Cells the message refers to (terms of a failed identity). `uri` when the place is in another document
   * (last year's report, XR501–XR503); absent means this document.
   */
  related?: { range: Range; message: string; uri?: string }[];
  fixes: Fix[];
}
