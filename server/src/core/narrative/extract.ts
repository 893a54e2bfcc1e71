// Finds the numbers of the narrative that restate table cells (spec §4.5) and what they restate. Pure and
// linear: one pass of two regular expressions over each text line of sections 一–四 and 六 (五 is about
// plans and problems), then a few look-ups in a window of the clause before each number.
//
// Conservative by design: a number is compared only when the nearest phrase before it maps to one cell or
// one sum of cells; approximations, comparisons with other years, plans, document numbers, dates and
// counts of published information items are never compared. Several readings (`收到` = 一 or 一 + 二) are
// alternatives: the text agrees when any of them holds, and also when the value the table would have once
// its own arithmetic is repaired does.

import type { Analysis } from '../identities';
import { runInBody } from './sections';
import { TEMPLATES } from '../templates';
import { HeldMemo, isCommentLine, LongKeyMemo } from '../text';
import type { Range, ReportModel, Table, TableId, TableRow, TemplateVersion, ValueCell } from '../types';
import {
  APPROX_AFTER,
  APPROX_BEFORE,
  COMPARISON,
  CUES,
  DEFAULT_COLUMN_ROWS,
  NOT_A_COUNT_AFTER,
  OTHER_BUSINESS,
  PLAN,
  PUBLISHED_ITEMS,
  type Cue,
  type RowSum,
  type T2Cell,
} from './cues';

export interface Term {
  table: TableId;
  row: TableRow;
  cell: ValueCell;
}

/** One way of reading a phrase: a cell or a sum of cells, with its value. */
export interface Reading {
  table: TableId;
  terms: Term[];
  /** Row labels for messages (a group's label when the whole group is added). */
  rows: string[];
  /** The rows are whole groups (`（三）不予公开` 各行). */
  group: boolean;
  columns: string[];
  /** Sum of the printed cells; null when one is blank or not a number. */
  value: number | null;
  /** The sum once the table's located wrong cells and totals are corrected, when that differs. */
  corrected: number | null;
  /** In 万元 (an amount), else a count. */
  amount: boolean;
}

export type MentionKind = 'count' | 'amount' | 'percent' | 'none';

export interface Mention {
  kind: MentionKind;
  /** The digits of the number (what a fix replaces), or the words of a "none" statement. */
  range: Range;
  written: string;
  number: number;
  decimals: number;
  /** 件, 万元, 元, %; '' for a statement. */
  unit: string;
  /** The phrase as written that says what the number is (`不予公开`, `收到…申请`). */
  phrase: string;
  readings: Reading[];
  verdict: 'agree' | 'disagree' | 'unknown';
  /** For a percentage: the count it is a share of, and the share the table gives. */
  share?: { of: Mention; expected: number; denominator: Reading };
  /** The values a "change the text" fix may write (one when unambiguous). */
  expected: readonly number[];
  /**
   * What the line's reading found, shared by every repetition of the line in any document: two mentions
   * with one source, checked against the same tables, say the same (a key for per-check memos).
   */
  readonly source: object;
}

const SCANNED = new Set(['一', '二', '三', '四', '六']);
/**
 * Characters of text read at most (the longest real reports have some 30,000 in all): beyond, nothing is
 * compared. Restatements of the tables sit in the first pages; the bound keeps a pathological document's
 * check linear and cheap, as the server's section-level check does for huge files.
 */
export const NARRATIVE_BUDGET = 32_768;

/** 1: ends a clause; 2: ends a sentence (and a clause). One table look-up per character. */
const BOUND = new Uint8Array(0x10000);
for (const c of '，,：:（）()【】[]') BOUND[c.charCodeAt(0)] = 1;
for (const c of '。！？!?；;') BOUND[c.charCodeAt(0)] = 2;

/** A line's clause and sentence boundaries, found once, and its cue matches, found per clause on demand. */
interface SentenceInfo {
  start: number;
  end: number;
  plan: boolean;
  /** Position of the first year other than the report's (Infinity if none). */
  otherYearAt: number;
}

class LineIndex {
  /** Positions of clause and sentence boundaries, found in one pass when the line has a candidate. */
  private readonly clauses: number[] = [];
  private readonly sentences: number[] = [];
  private readonly cueCache = new Map<number, CueMatch[]>();

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const b = BOUND[text.charCodeAt(i)];
      if (b === 0) continue;
      this.clauses.push(i);
      if (b === 2) this.sentences.push(i);
    }
  }

  clause(at: number): [number, number] {
    return around(this.clauses, at, this.text.length);
  }

  sentence(at: number): [number, number] {
    return around(this.sentences, at, this.text.length);
  }

  private readonly sentenceCache = new Map<number, SentenceInfo>();

  /** What excludes a whole sentence (a plan, next year), and where it first names another year. */
  sentenceInfo(at: number, year: number | null): SentenceInfo {
    const [start, end] = this.sentence(at);
    let info = this.sentenceCache.get(start);
    if (!info) {
      const sentence = this.text.slice(start, end);
      info = { start, end, plan: PLAN.test(sentence) || (year !== null && sentence.includes(`${year + 1}年`)), otherYearAt: Infinity };
      // Several years in a row (`近三年…分别为5件、3件和2件`): no number after it is this year's alone.
      const span = SEVERAL_YEARS.exec(sentence);
      if (span) info.otherYearAt = start + span.index;
      if (year !== null) {
        YEAR_RE.lastIndex = 0;
        for (let m = YEAR_RE.exec(sentence); m; m = YEAR_RE.exec(sentence)) {
          if (Number(m[1]) !== year) {
            info.otherYearAt = start + m.index;
            break;
          }
        }
      }
      this.sentenceCache.set(start, info);
    }
    return info;
  }

  /** The last cue match lying within [from, to), looking clause by clause from the end. */
  lastCueIn(from: number, to: number): CueMatch | undefined {
    let at = to - 1;
    while (at >= from) {
      const [cs, ce] = this.clause(at);
      const list = this.clauseCues(cs, ce);
      for (let i = list.length - 1; i >= 0; i--) if (list[i].start >= from && list[i].end <= to) return list[i];
      at = cs - 2;
    }
    return undefined;
  }

  clauseCues(cs: number, ce: number): CueMatch[] {
    let list = this.cueCache.get(cs);
    if (!list) {
      list = cueMatches(this.text.slice(cs, ce), cs);
      this.cueCache.set(cs, list);
    }
    return list;
  }
}


/** A number with a unit. Digits may be full-width; `,` only as a thousands separator. */
const NUMBER_RE = /([0-9０-９]{1,3}(?:,[0-9]{3})+|[0-9０-９]+)(?:[.．]([0-9０-９]+))?[ \u00a0\u3000]{0,2}(余|多)?[ \u00a0\u3000]{0,2}(万元|元|件|起|条|项|个|宗|%|％)/g;

/** [start, end) of the span between the boundaries around `at` (sorted boundary positions). */
function around(bounds: number[], at: number, length: number): [number, number] {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return [lo > 0 ? bounds[lo - 1] + 1 : 0, lo < bounds.length ? bounds[lo] : length];
}

/** A character that makes a digit part of a longer token (`12345`, `2.5`, `1,268`). */
const NUMBER_BEFORE = /[\d０-９.．,]/;

/** "No applications this year." */
const NO_APPLICATION = /(?:未|没有|均未|并未)(?:收到|接到|受理|接收|发生)(?:过|到)?(?:任何)?[^，。；;,\d]{0,8}?申请(?!人)|无(?:任何)?(?:政府信息公开|依申请公开)申请(?!人)/g;
/** Years in a row named as one (`近三年`, `连续两年`, `历年`). */
const SEVERAL_YEARS = /近[两二三四五六七八九十\d]+年|连续[两二三四五六七八九十\d]+年|历年/;
/** One kind of applicant named in a "no applications" statement (`未收到科研机构提出的申请`): not every application. */
const APPLICANT_KIND = /自然人|公民|个人|法人|组织|企业|机构|律师/;
/** "No 行政复议 / 行政诉讼 this year": the negation, then the nouns in the same clause. */
const NO_REVIEW = /(?:未(?!经)|没有|均未|并未|无(?!法|正当))(?:收到|接到|发生|出现|产生|被|涉及|因)?[^，。；;,\d]{0,20}?(?:行政复议|行政诉讼)/g;
const REVIEW_NOUN = /行政复议|行政诉讼/g;
const NEGATION = /未|没有|无/;
const OUTCOME = /审结|纠正|纠错|维持|败诉|胜诉|撤销|确认违法|驳回|结果/;
const OUTCOME_AFTER = /^\s*(?:的)?(?:尚未审结|未审结|已审结|审结|被?维持|被?纠正|被纠错|被撤销|败诉|胜诉)/;
/** A sub-heading of a text section: `（二）`, `二、`, `2.` at the start of the line. */
const SUB_HEADING = /^[\s\u3000#*]*(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d))/;
/** A markdown table row outside the tables read (a pipe at the start). */
const PIPE_ROW = /^\s*\|/;
/** Words without which a line restates no cell of tables 二 and 四 and no carried-over count. */
const LINE_TOPIC = /复议|诉讼|起诉|应诉|结转|许可|处罚|强制|收费|采购|规范性文件|规章|权力清单|对外管理/;

/** After a cue that follows its number: nothing but the counted noun (`事项`, `决定`, `案件`) to the clause end. */
const COUNTED_NOUN_END = /^(?:事项|决定|案件|类事项)?(?:的)?[\s”"」]*$/;
/** A subject naming a part of the agency or of the area (`市级…部门`, `各区`), not the reporting body itself. */
const PART_SUBJECT = /(?<![本我全])(?:部门|系统|条线)|市级|区级|县级|省级|各区|各县|各部门|各单位|各街道|各乡镇/;
/** A stage of a lawsuit (`一审…687件`): table 四 counts cases, not first-instance judgments. */
const INSTANCE = /[一二]审|再审|终审/;
const SUM_WORDS = /^[、\s]*(?:其中)?(?:共计|合计|总计|共|累计|计|总数|总量)?(?:为|达)?[\s]*$/;
const CONJUNCTION = /^[”"」\s]*(?:[、和及与或]|以及)(?:被)?(?:提起|申请|发生)?[“"「\s]*$/;
/** `收到26件政府信息公开申请`: the noun after the number. */
const APPLICATION_AFTER = /^(?:的)?(?:政府信息公开|信息公开|依申请公开)?申请/;
const EACH = /各|均|分别|都/;
const YEAR_RE = /(?<![\d〔［\[(（])((?:19|20)\d{2})(?=年)/g;

interface Combined {
  re: RegExp;
  /** Cues by capture group (1-based), cues sharing a trigger together. */
  groups: Cue[][];
}

let combined: Combined | undefined;
function cueRegex(): Combined {
  if (combined) return combined;
  const sources: string[] = [];
  const groups: Cue[][] = [];
  for (const cue of CUES) {
    const i = sources.indexOf(cue.re.source);
    if (i >= 0) groups[i].push(cue);
    else {
      sources.push(cue.re.source);
      groups.push([cue]);
    }
  }
  combined = { re: new RegExp(sources.map((s) => `(${s})`).join('|'), 'g'), groups };
  return combined;
}

interface CueMatch {
  start: number;
  end: number;
  cues: Cue[];
  text: string;
}

function cueMatches(clause: string, offset: number): CueMatch[] {
  const { re, groups } = cueRegex();
  const out: CueMatch[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(clause); m; m = re.exec(clause)) {
    let g = 1;
    while (g < m.length && m[g] === undefined) g++;
    out.push({ start: offset + m.index, end: offset + m.index + m[0].length, cues: groups[g - 1], text: m[0] });
  }
  return out;
}

function toAscii(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0xff10 && c <= 0xff19 ? String.fromCharCode(c - 0xff10 + 48) : c === 0xff0e ? '.' : s[i];
  }
  return out;
}

/** Values of cells, as the analysis reads them, and as they would be once the table is repaired. */
interface Values {
  analysis: Analysis;
  corrections: Map<ValueCell, number>;
}

function correctionsOf(analysis: Analysis): Map<ValueCell, number> {
  const map = new Map<ValueCell, number>();
  for (const l of analysis.located) map.set(l.term.cell, l.expected);
  for (const t of analysis.totals) if (t.expected >= 0 && !map.has(t.instance.output.cell)) map.set(t.instance.output.cell, t.expected);
  return map;
}

function dataRows(table: Table | undefined): Map<string, TableRow> {
  const map = new Map<string, TableRow>();
  if (!table) return map;
  for (const r of table.rows) if (r.key && (r.kind === 'data' || r.kind === 'extra') && r.aligned && !map.has(r.key)) map.set(r.key, r);
  return map;
}

/** The model's tables 二/三/四 by row key, read once per mention list. */
interface Tables {
  /**
   * Readings by the identity of what they add up (the cues' constant lists, or a line's memoised
   * candidates): a phrase repeated through a long text reads its cells once.
   */
  byT2: Map<readonly T2Cell[], [Reading | undefined, Reading | undefined]>;
  byT4: Map<readonly string[], Reading>;
  byCue: Map<Cue, Map<readonly RowSum[], Reading[]>>;
  byRows: Map<RowSum, Map<readonly string[], Reading>>;
  /** A count's "disagree" verdict by its one reading. */
  disagreements: Map<Reading, Verdict>;
  /** Table 三's rows by group (deny, unable, reject, other: a 2019 `other` row is its own group). */
  t3Groups: Map<string, TableRow[]>;
  model: ReportModel;
  version: TemplateVersion | null;
  t2: Map<string, TableRow>;
  t3: Map<string, TableRow>;
  t4: Map<string, TableRow>;
  values: Values;
}

const GROUPS = new Set(['deny', 'unable', 'reject', 'other']);

/** A line of prose among a table's lines: long, ending a sentence, no TAB or bar. */
function isSentenceLine(text: string): boolean {
  const t = text.trimEnd();
  return t.length >= 12 && /[。；]$/.test(t) && !t.includes('\t') && !t.includes('|');
}

/** The words of each group's numbered rows, in both formats, without ordinal or a leading 属于: `保护第三方合法权益`. */
const SUB_ROW_WORDS = new Map<string, string[]>();
for (const t of Object.values(TEMPLATES)) {
  for (const r of t.t3Rows) {
    if (r.group === undefined || !GROUPS.has(r.group) || r.kind === 'group') continue;
    const words = r.label.replace(/^\d+[.．、]\s*/, '').replace(/^属于/, '');
    if (words.length < 4) continue;
    const list = SUB_ROW_WORDS.get(r.group) ?? [];
    if (!list.includes(words)) list.push(words);
    SUB_ROW_WORDS.set(r.group, list);
  }
}

function namesSubRow(rows: readonly (readonly string[])[], lead: string): boolean {
  if (rows.length !== 1 || rows[0].length !== 1) return false;
  // Their first words are enough: `因本机关不掌握相关信息无法提供` shortens the row's own words.
  return (SUB_ROW_WORDS.get(rows[0][0]) ?? []).some((w) => lead.includes(w.slice(0, 6)));
}
const TOTAL = ['total'];
const HANDLED = ['resultsTotal'];
const NEW = ['new'];
const RECEIVED = ['new', 'carriedIn'];
const C5 = ['c5'];
const C10_C15 = ['c10', 'c15'];

function shortRow(label: string): string {
  const at = label.indexOf('（区分处理的');
  return at === -1 ? label : label.slice(0, at);
}

function makeReading(tables: Tables, table: TableId, terms: Term[] | null, rows: string[], group: boolean, columns: string[], amount = false): Reading {
  if (!terms || terms.length === 0) return { table, terms: [], rows, group, columns, value: null, corrected: null, amount };
  let value: number | null = 0;
  let corrected: number | null = 0;
  for (const t of terms) {
    const v = amount ? amountInWan(tables, t) : tables.values.analysis.valueOf(t.cell);
    // A negative count (only 本年增/减 may be negative), or one beyond exact arithmetic (an amount beyond any
    // budget), is not a figure to compare (XR205, XR203 and XR204 are about it): unknown.
    if (v === null || value === null || corrected === null || (v < 0 && t.cell.columnKey !== 'change') || !(amount ? v < 1e12 : Number.isSafeInteger(v))) {
      value = corrected = null;
      break;
    }
    value += v;
    corrected += amount ? v : (tables.values.corrections.get(t.cell) ?? v);
  }
  if (value !== null && corrected !== null && !amount && !(Number.isSafeInteger(value) && Number.isSafeInteger(corrected))) value = corrected = null;
  if (value !== null && corrected !== null) {
    // Sums of decimals: keep what the digits say.
    value = Math.round(value * 1e6) / 1e6;
    corrected = Math.round(corrected * 1e6) / 1e6;
  }
  return { table, terms, rows, group, columns, value, corrected: corrected === value ? null : corrected, amount };
}

function t3Reading(tables: Tables, sum: RowSum, cols: readonly string[]): Reading {
  let byCols = tables.byRows.get(sum);
  if (!byCols) tables.byRows.set(sum, (byCols = new Map()));
  let r = byCols.get(cols);
  if (!r) byCols.set(cols, (r = t3ReadingOf(tables, sum, cols)));
  return r;
}

/** Template labels of table 三's groups (`（三）不予公开`), by version and key. */
const groupLabels = new Map<TemplateVersion, Map<string, string>>();
function groupLabel(version: TemplateVersion, key: string): string {
  let labels = groupLabels.get(version);
  if (!labels) groupLabels.set(version, (labels = new Map(TEMPLATES[version].t3Rows.map((r) => [r.key, r.label]))));
  return labels.get(key) ?? key;
}

function t3ReadingOf(tables: Tables, sum: RowSum, cols: readonly string[]): Reading {
  const rows: TableRow[] = [];
  const labels: string[] = [];
  let group = false;
  for (const key of sum) {
    if (GROUPS.has(key)) {
      const members = tables.t3Groups.get(key) ?? [];
      if (members.length === 0) return makeReading(tables, '三', null, labels, group, []);
      for (const m of members) rows.push(m);
      labels.push(groupLabel(tables.version ?? '2021', key));
      group = group || members.length > 1;
    } else {
      const r = tables.t3.get(key);
      if (!r) return makeReading(tables, '三', null, labels, group, []);
      rows.push(r);
      labels.push(shortRow(r.label));
    }
  }
  const terms: Term[] = [];
  const columns: string[] = [];
  for (const c of cols) {
    for (const r of rows) {
      const cell = r.cells.find((x) => x.columnKey === c);
      if (!cell) return makeReading(tables, '三', null, labels, group, columns);
      terms.push({ table: '三', row: r, cell });
    }
    const label = rows[0].cells.find((x) => x.columnKey === c)?.column;
    if (label) columns.push(label);
  }
  return makeReading(tables, '三', terms, labels, group, columns);
}

function t4Reading(tables: Tables, cols: readonly string[]): Reading {
  let r = tables.byT4.get(cols);
  if (!r) tables.byT4.set(cols, (r = t4ReadingOf(tables, cols)));
  return r;
}

function t4ReadingOf(tables: Tables, cols: readonly string[]): Reading {
  const row = tables.t4.get('row');
  const terms: Term[] = [];
  for (const c of cols) {
    const cell = row?.cells.find((x) => x.columnKey === c);
    if (!row || !cell) return makeReading(tables, '四', null, [], false, []);
    terms.push({ table: '四', row, cell });
  }
  return makeReading(tables, '四', terms, [], false, terms.map((t) => (t.cell.column ?? '').replace(/·/g, ' › ')));
}

function t2Reading(tables: Tables, cells: readonly T2Cell[], amount: boolean): Reading {
  let byUnit = tables.byT2.get(cells);
  if (!byUnit) tables.byT2.set(cells, (byUnit = [undefined, undefined]));
  return (byUnit[amount ? 1 : 0] ??= t2ReadingOf(tables, cells, amount));
}

function t2ReadingOf(tables: Tables, cells: readonly T2Cell[], amount: boolean): Reading {
  const terms: Term[] = [];
  for (const { row, col } of cells) {
    const r = tables.t2.get(row);
    const cell = r?.cells.find((x) => x.columnKey === col);
    if (!r || !cell) return makeReading(tables, '二', null, [], false, [], amount);
    terms.push({ table: '二', row: r, cell });
  }
  const rows = [...new Set(terms.map((t) => t.row.label))];
  const columns = [...new Set(terms.map((t) => t.cell.column ?? ''))];
  return makeReading(tables, '二', terms, rows, false, columns, amount);
}

/** An amount cell in 万元: its own unit, else the header's (2021: 万元 by the template), else unknown. */
function amountInWan(tables: Tables, t: Term): number | null {
  const v = tables.values.analysis.valueOf(t.cell);
  if (v === null) return null;
  const unit = t.cell.value.unit;
  if (unit === '万元') return v;
  if (unit === '元') return v / 10000;
  if (unit === '亿元') return v * 10000;
  if (t.cell.columnKey === 'feeAmount') return v;
  const header = tables.model.tables['二']?.headerCells.find((h) => h.norm.includes('采购总金额') || h.norm.includes('采购金额'));
  if (header?.norm.includes('万元')) return v;
  if (header?.norm.includes('元')) return v / 10000;
  return null;
}

/** The 2019 item counts of (五)(六) after the year's change, without and with (八). */
const POWER_ROWS = ['t5.license', 't5.other', 't6.penalty', 't6.coercion'];
const powerCells = (keys: string[]): T2Cell[] => keys.flatMap((row) => [{ row, col: 'items' }, { row, col: 'change' }]);
const POWER = powerCells(POWER_ROWS);
const POWER_AND_FEE = powerCells([...POWER_ROWS, 't8.fee']);

function powerReadings(tables: Tables): Reading[] {
  if (tables.version !== '2019') return [];
  return [t2Reading(tables, POWER, false), t2Reading(tables, POWER_AND_FEE, false)];
}

function readingsOf(tables: Tables, cue: Cue, rowContext: readonly RowSum[]): Reading[] {
  // A cue's readings depend only on the tables and, for a column, the sentence's rows (an array of the
  // line's memoised analysis, so the same one each time the line is read): read them once.
  let byContext = tables.byCue.get(cue);
  if (!byContext) tables.byCue.set(cue, (byContext = new Map()));
  let readings = byContext.get(rowContext);
  if (!readings) {
    readings = readingsFor(tables, cue, rowContext);
    byContext.set(rowContext, readings);
  }
  return readings;
}

function readingsFor(tables: Tables, cue: Cue, rowContext: readonly RowSum[]): Reading[] {
  const t = cue.target;
  switch (t.kind) {
    case 't3row':
      return t.rows.map((rows) => t3Reading(tables, rows, TOTAL));
    case 't3col': {
      const rows: RowSum[] = [...DEFAULT_COLUMN_ROWS];
      for (const r of rowContext) if (!rows.some((x) => x.join() === r.join())) rows.push(r);
      return rows.map((r) => t3Reading(tables, r, t.cols));
    }
    case 't4':
      return [t4Reading(tables, t.cols)];
    case 't2': {
      const alts = tables.version ? t.byVersion[tables.version] : undefined;
      return (alts ?? []).map((cells) => t2Reading(tables, cells, cue.unit === 'amount'));
    }
    case 'power':
      return powerReadings(tables);
  }
}

function applicable(cue: Cue, amount: boolean, version: TemplateVersion | null): boolean {
  if ((cue.unit === 'amount') !== amount) return false;
  if (cue.target.kind === 't2') return !!version && !!cue.target.byVersion[version];
  if (cue.target.kind === 'power') return version === '2019';
  return true;
}

const NONE_EXPECTED: number[] = [];
const AGREE = { verdict: 'agree' as const, expected: NONE_EXPECTED };
const UNKNOWN = { verdict: 'unknown' as const, expected: NONE_EXPECTED };

/**
 * A mention as the pass finds it. Its range is made when asked for: a long text restates hundreds of
 * cells, most mentions agree and are never shown, and the objects saved are a good part of the pass.
 */
class Found implements Mention {
  share?: Mention['share'];
  private made: Range | undefined;
  constructor(
    private readonly line: number,
    private readonly start: number,
    private readonly end: number,
    readonly kind: MentionKind,
    readonly written: string,
    readonly number: number,
    readonly decimals: number,
    readonly unit: string,
    readonly phrase: string,
    readonly readings: Reading[],
    readonly verdict: Mention['verdict'],
    readonly expected: readonly number[],
    readonly source: object,
  ) {}

  get range(): Range {
    return (this.made ??= { start: { line: this.line, character: this.start }, end: { line: this.line, character: this.end } });
  }
}

type Verdict = { verdict: Mention['verdict']; expected: readonly number[] };

/** Compares a written number with the readings. */
function verdictOf(tables: Tables, m: Written, readings: Reading[]): Verdict {
  if (readings.length === 0) return UNKNOWN;
  if (readings.length === 1 && !(m.amount && m.unit === '元')) {
    const r = readings[0];
    if (r.value === null) return UNKNOWN;
    if (matches(m, r.value) || (r.corrected !== null && matches(m, r.corrected))) return AGREE;
    // Made once per reading: a long text contradicts the same cells again and again, and what a verdict
    // keeps lives as long as the check (costly to allocate by the hundred).
    let v = tables.disagreements.get(r);
    if (!v) tables.disagreements.set(r, (v = { verdict: 'disagree', expected: [r.value] }));
    return v;
  }
  let unknown = false;
  let expected: number[] | undefined;
  for (const r of readings) {
    if (r.value === null) {
      unknown = true;
      continue;
    }
    if (matches(m, r.value) || (r.corrected !== null && matches(m, r.corrected))) return AGREE;
    const shown = m.amount && m.unit === '元' ? Math.round(r.value * 10000 * 100) / 100 : r.value;
    if (!expected) expected = [shown];
    else if (!expected.includes(shown)) expected.push(shown);
  }
  return unknown || !expected ? UNKNOWN : { verdict: 'disagree', expected };
}

/** A number as written: a candidate of the text is one. */
interface Written {
  number: number;
  decimals: number;
  unit: string;
  amount: boolean;
}

function matches(m: Written, value: number): boolean {
  if (!m.amount) return m.number === value;
  // Amounts: the text may be rounded or truncated to its decimals, in 元 or 万元.
  const inTextUnit = m.unit === '元' ? value * 10000 : value;
  const tolerance = Math.pow(10, -m.decimals) + 1e-9;
  return Math.abs(inTextUnit - m.number) < tolerance;
}

interface LineContext {
  year: number | null;
  version: TemplateVersion | null;
  text: string;
  /** This paragraph, the one before, or its sub-heading speaks of 申请. */
  domain: boolean;
}

/**
 * What a line restates, before any table is looked at: which numbers (and "none" statements) restate
 * which cells. It depends on the line's text and context only, so it is memoised: a re-check after an edit
 * reads again only the lines that changed, and a long text repeating its sentences reads each once.
 */
type Candidate =
  | {
      type: 'number';
      numStart: number;
      digitsEnd: number;
      unitEnd: number;
      written: string;
      number: number;
      decimals: number;
      unit: string;
      amount: boolean;
      phrase: string;
      cue: Cue;
      /** The sentence's row for an applicant column (`予以公开12件，其中自然人8件`). */
      rowContext: RowSum[];
      /** Cues joined by 、和及 (`予以公开、部分公开共12件`): their sum is the one reading. */
      joined: { kind: 't3row'; keys: string[] } | { kind: 't4'; cols: string[] } | null;
      /** `收到…申请14件全部按期答复`: also the handled count. */
      handledToo: boolean;
    }
  | { type: 'percent'; numStart: number; digitsEnd: number; written: string; number: number; decimals: number; /** Index of the count it is a share of. */ of: number }
  | { type: 'statement'; start: number; end: number; phrase: string; cells: 'new' | 'c5' | 'c10c15' };

type NumberCandidate = Extract<Candidate, { type: 'number' }>;

interface LineNumber {
  candidate: number;
  start: number;
  end: number;
  rows: RowSum[];
  sentenceStart: number;
  kind: 'count' | 'amount';
}

const NO_CANDIDATES: Candidate[] = [];
/** One empty row context for every number without one: readings are memoised by the context's identity. */
const NO_ROWS: RowSum[] = [];
/** What a line is, by its text alone: found once per distinct line, whatever the document. */
interface LineFacts {
  /** A markdown or TSV row (tab or leading pipe): inside a table section, not narrative. */
  tableRow: boolean;
  comment: boolean;
  /** Says 申请. */
  application: boolean;
  subHeading: boolean;
  /** Names a topic of tables 二 and 四 or a carried-over count. */
  topic: boolean;
  /**
   * The candidates by document context (`version|year`), without and with the 申请 domain: a line is
   * nearly always read in one context, so a short list.
   */
  candidates: { context: string; byDomain: [Candidate[] | undefined, Candidate[] | undefined] }[];
}

/**
 * By line text. Bounded like the core's other memos: a document's lines, and the lines of the last few
 * versions; a long text repeating its sentences reads each once.
 */
const lineMemo = new LongKeyMemo<LineFacts>(8192);

function factsOf(text: string): LineFacts {
  let facts = lineMemo.get(text);
  if (!facts) {
    facts = {
      tableRow: text.includes('\t') || PIPE_ROW.test(text),
      comment: text.includes('<!--') && isCommentLine(text),
      application: text.includes('申请'),
      subHeading: SUB_HEADING.test(text),
      topic: LINE_TOPIC.test(text),
      candidates: [],
    };
    lineMemo.set(text, facts);
  }
  return facts;
}

function candidatesOf(facts: LineFacts, text: string, model: ReportModel, context: string, domain: boolean): Candidate[] {
  let entry: LineFacts['candidates'][number] | undefined;
  for (const c of facts.candidates) if (c.context === context) entry = c;
  if (!entry) facts.candidates.push((entry = { context, byDomain: [undefined, undefined] }));
  const byDomain = entry.byDomain;
  const slot = domain ? 1 : 0;
  return (byDomain[slot] ??= analyseLine({ year: model.year, version: model.template, text, domain }));
}

function analyseLine(ctx: LineContext): Candidate[] {
  const { text, version } = ctx;
  NUMBER_RE.lastIndex = 0;
  const first = NUMBER_RE.exec(text);
  const statements = text.includes('申请') || text.includes('复议') || text.includes('诉讼');
  if (!first && !statements) return NO_CANDIDATES;
  const index = new LineIndex(text);
  let books: [number, number][] | undefined;
  const inBook = (i: number) => (books ??= text.includes('《') ? bookSpans(text) : []).some(([a, b]) => i > a && i < b);
  const out: Candidate[] = [];
  const numbers: LineNumber[] = [];
  let prevNumberEnd = 0;

  for (let n = first; n; n = NUMBER_RE.exec(text)) {
    const numStart = n.index;
    if (numStart > 0 && NUMBER_BEFORE.test(text[numStart - 1])) continue; // inside a longer number
    const unitEnd = numStart + n[0].length;
    const lastEnd = prevNumberEnd;
    prevNumberEnd = unitEnd;
    const digitsEnd = numStart + n[1].length + (n[2] !== undefined ? n[2].length + 1 : 0);
    const unit = n[4] === '％' ? '%' : n[4];
    const [clauseStart, clauseEnd] = index.clause(numStart);
    if (unit === '%') {
      // `占总数的28.57%` right after a count of table 三 in the same sentence: its share.
      const prev = numbers[numbers.length - 1];
      if (!prev || prev.sentenceStart !== index.sentence(numStart)[0] || prev.kind !== 'count' || prev.rows.length === 0) continue;
      const between = text.slice(prev.end, numStart);
      if (between.length > 16 || /\d/.test(between) || !/占|比例/.test(between)) continue;
      out.push({ type: 'percent', numStart, digitsEnd, written: text.slice(numStart, digitsEnd), number: numberOf(n), decimals: n[2] ? n[2].length : 0, of: prev.candidate });
      continue;
    }
    const windowStart = Math.max(clauseStart, lastEnd);
    const amount = unit === '万元' || unit === '元';

    // The cue: nearest before the number in its window; else a sum word inheriting the previous clause's
    // cue; else a noun right after the number (`共有36件行政许可事项`). Most numbers have none: cheap first.
    const clauseCues = index.clauseCues(clauseStart, clauseEnd);
    let chosen = pickCue(index.lastCueIn(windowStart, numStart), amount, version);
    let inherited = false;
    let sentenceStart = -1;
    if (!chosen && clauseStart > 0 && windowStart === clauseStart && SUM_WORDS.test(text.slice(windowStart, numStart))) {
      sentenceStart = index.sentence(numStart)[0];
      if (windowStart > sentenceStart) {
        // Inherit only across clauses without a number: `…分别将1170项…，61项…` names two other figures.
        const from = Math.max(sentenceStart, lastEnd);
        chosen = pickCue(index.lastCueIn(from, windowStart), amount, version);
        inherited = !!chosen;
      }
    }
    if (!chosen && clauseCues.length > 0) {
      // The noun must be what is counted: `36件行政许可事项`, not `19个行政处罚裁量基准文件`.
      const c = clauseCues.find((x) => x.start >= unitEnd && x.start <= unitEnd + 2 && COUNTED_NOUN_END.test(text.slice(x.end, clauseEnd)));
      const cue = c?.cues.find((x) => applicable(x, amount, version) && x.target.kind === 't2');
      if (c && cue) chosen = { match: c, cue };
    }
    if (!chosen) continue;

    // Not the figure of a cell: approximations, ordinals, document titles, comparisons, plans, other years.
    const { match, cue } = chosen;
    if (cue.domain && !ctx.domain) continue;
    const before = text.slice(windowStart, numStart);
    const after = text.slice(unitEnd, Math.min(clauseEnd, unitEnd + 16));
    if (n[3] !== undefined || APPROX_BEFORE.test(before.slice(-4)) || APPROX_AFTER.test(after)) continue;
    if (!amount && NOT_A_COUNT_AFTER.test(after)) continue;
    if (before.endsWith('第') || inBook(numStart) || inBook(match.start) || COMPARISON.test(before)) continue;
    // `市级生态环境部门行政处罚案件29件`, `一审行政诉讼案件687件`: a part of the figure, not the figure.
    const lead = text.slice(clauseStart, match.start);
    if (PART_SUBJECT.test(lead) || (cue.target.kind === 't4' && INSTANCE.test(lead))) continue;
    const sentence = index.sentenceInfo(numStart, ctx.year);
    sentenceStart = sentence.start;
    if (sentence.plan || sentence.otherYearAt < numStart) continue;
    const clause = text.slice(clauseStart, clauseEnd);
    const kind = cue.target.kind;

    if (cue.generic && OTHER_BUSINESS.test(clause)) continue;
    if (cue.needsApplication && !text.slice(match.start, numStart).includes('申请') && !APPLICATION_AFTER.test(after)) continue;
    if (cue.notBetween?.test(text.slice(match.end, numStart))) continue;
    // `均为未经复议直接起诉，其中1件尚未审结`: a count of an outcome, not of the group.
    if (kind === 't4' && OUTCOME_AFTER.test(after)) continue;
    // `因保护第三方合法权益不予公开1件`: a reason that names one row of the group is about that row.
    if (cue.target.kind === 't3row' && namesSubRow(cue.target.rows, lead)) continue;
    if (kind === 't2' || kind === 'power') {
      if (unit === '条' || (kind === 't2' && (PUBLISHED_ITEMS.test(before) || PUBLISHED_ITEMS.test(after)))) continue;
      if (clause.includes('处理费')) continue;
    }
    if ((kind === 't3row' || kind === 't3col') && !cue.id.startsWith('carried') && /复议|诉讼/.test(clause)) continue;
    // `未经复议直接起诉的行政诉讼1件`: two 四 cues not joined by 、和及 name the figure twice; which is unclear.
    if (kind === 't4' && clauseCues.some((c) => c !== match && c.start >= windowStart && c.end <= match.start && c.cues.some((x) => x.target.kind === 't4') && !CONJUNCTION.test(text.slice(c.end, match.start)))) continue;

    // An applicant column restates the row the sentence is about (`予以公开12件，其中自然人8件`), or 一 / （七）.
    let rowContext: RowSum[] = NO_ROWS;
    if (kind === 't3col') for (const x of numbers) if (x.sentenceStart === sentenceStart && x.rows.length > 0) rowContext = x.rows;
    let rows: RowSum[] = cue.target.kind === 't3row' ? [...cue.target.rows] : [];
    let phrase = match.text;
    let joined: NumberCandidate['joined'] = null;
    // `予以公开、部分公开共12件`, `不予公开和无法提供的9件`, `行政复议、行政诉讼共3件`: sums of cues joined by 、和及.
    if (!inherited && (kind === 't3row' || kind === 't4')) {
      let firstMatch = match;
      const cues: Cue[] = [cue];
      for (let i = clauseCues.indexOf(match) - 1; i >= 0; i--) {
        const p = clauseCues[i];
        if (p.start < windowStart || !CONJUNCTION.test(text.slice(p.end, firstMatch.start))) break;
        const pc = p.cues.find((x) => x.target.kind === kind);
        if (!pc) break;
        cues.unshift(pc);
        firstMatch = p;
      }
      if (cues.length > 1) {
        if (EACH.test(text.slice(match.end, numStart))) continue;
        joined = joinedCells(cues);
        if (!joined) continue;
        rows = joined.kind === 't3row' ? [joined.keys] : [];
        phrase = text.slice(firstMatch.start, match.end);
      }
    }
    const handledToo = cue.id === 'receive' && /^[^，。；]{0,8}?(?:答复|办结|办理完毕)/.test(after);
    numbers.push({ candidate: out.length, start: numStart, end: unitEnd, rows, sentenceStart, kind: amount ? 'amount' : 'count' });
    out.push({ type: 'number', numStart, digitsEnd, unitEnd, written: text.slice(numStart, digitsEnd), number: numberOf(n), decimals: n[2] ? n[2].length : 0, unit, amount, phrase, cue, rowContext, joined, handledToo });
  }

  if (statements && NEGATION.test(text)) statementCandidates(ctx, index, out);
  return out.length === 0 ? NO_CANDIDATES : out;
}

/** Spans inside 《…》 (titles of documents: their numbers are not report data). */
function bookSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '《' && open === -1) open = i;
    else if (text[i] === '》' && open !== -1) {
      spans.push([open, i]);
      open = -1;
    }
  }
  return spans;
}

function numberOf(n: RegExpExecArray): number {
  const digits = toAscii(n[1]).replace(/,/g, '');
  return Number(n[2] ? `${digits}.${toAscii(n[2])}` : digits);
}

/** The cells of cues joined by 、和及: one sum, or null when it names a cell twice or mixes readings. */
function joinedCells(cues: Cue[]): NumberCandidate['joined'] {
  const kind = cues[0].target.kind;
  if (kind === 't3row') {
    const keys: string[] = [];
    for (const c of cues) {
      const t = c.target;
      if (t.kind !== 't3row' || t.rows.length !== 1) return null;
      keys.push(...t.rows[0]);
    }
    return new Set(keys).size === keys.length ? { kind: 't3row', keys } : null;
  }
  const cols: string[] = [];
  for (const c of cues) if (c.target.kind === 't4') cols.push(...c.target.cols);
  return new Set(cols).size === cols.length ? { kind: 't4', cols } : null;
}

/** `未收到政府信息公开申请`, `未发生行政复议、行政诉讼`: the cells must be 0. */
function statementCandidates(ctx: LineContext, index: LineIndex, out: Candidate[]): void {
  const { text } = ctx;
  const sentenceOk = (at: number) => {
    const info = index.sentenceInfo(at, ctx.year);
    return !info.plan && info.otherYearAt > at;
  };
  const seen = new Set<number>();
  const push = (start: number, end: number, phrase: string, cells: 'new' | 'c5' | 'c10c15') => {
    if (seen.has(start)) return;
    seen.add(start);
    out.push({ type: 'statement', start, end, phrase, cells });
  };
  // 尚未 and 是否 are not negations of the statement (`尚未审结`): checked here, not by a look-behind that
  // would slow the scan of every line.
  const negated = (at: number) => at === 0 || (text[at - 1] !== '尚' && text[at - 1] !== '是');
  NO_APPLICATION.lastIndex = 0;
  for (let m = NO_APPLICATION.exec(text); m; m = NO_APPLICATION.exec(text)) {
    if (!negated(m.index)) continue;
    const [cs, ce] = index.clause(m.index);
    const clause = text.slice(cs, ce);
    if (/\d/.test(clause) || OTHER_BUSINESS.test(clause) || APPLICANT_KIND.test(m[0]) || !sentenceOk(m.index)) continue;
    push(m.index, m.index + m[0].length, m[0], 'new');
  }
  NO_REVIEW.lastIndex = 0;
  for (let m = NO_REVIEW.exec(text); m; m = NO_REVIEW.exec(text)) {
    if (!negated(m.index)) continue;
    const [cs, ce] = index.clause(m.index);
    const clause = text.slice(cs, ce);
    // `未发生行政复议案件尚未审结的情况` is about outcomes, not about whether there were any.
    if (/\d/.test(clause) || OUTCOME.test(clause) || !sentenceOk(m.index)) continue;
    // Every 行政复议 / 行政诉讼 after the negation in this clause is said to be none.
    REVIEW_NOUN.lastIndex = m.index;
    for (let k = REVIEW_NOUN.exec(text); k && k.index < ce; k = REVIEW_NOUN.exec(text)) {
      // `…直接起诉` or `复议后起诉` words are part of other cues; only the bare nouns are statements.
      if (index.clauseCues(cs, ce).some((c) => c.start <= k!.index && c.end > k!.index && c.text !== k![0])) continue;
      // `未发生复议后起诉的行政诉讼`: one kind of lawsuit is none, not every lawsuit.
      if (text.slice(m.index, k.index).includes('起诉')) continue;
      push(k.index, k.index + k[0].length, text.slice(m.index, k.index + k[0].length), k[0] === '行政复议' ? 'c5' : 'c10c15');
    }
    NO_REVIEW.lastIndex = Math.max(NO_REVIEW.lastIndex, ce);
  }
}

/** The line's candidates against this report's tables: readings, verdicts, mentions. */
function mentionsOf(tables: Tables, line: number, candidates: Candidate[], out: Mention[]): void {
  const made: (Mention | undefined)[] = [];
  for (const c of candidates) {
    if (c.type === 'number') {
      let readings = c.joined ? [c.joined.kind === 't3row' ? t3Reading(tables, c.joined.keys, TOTAL) : t4Reading(tables, c.joined.cols)] : readingsOf(tables, c.cue, c.rowContext);
      if (c.handledToo) readings = [...readings, t3Reading(tables, HANDLED, TOTAL)];
      if (readings.length === 0) {
        made.push(undefined);
        continue;
      }
      const kind: MentionKind = c.amount ? 'amount' : 'count';
      const { verdict, expected } = verdictOf(tables, c, readings);
      const m = new Found(line, c.numStart, c.digitsEnd, kind, c.written, c.number, c.decimals, c.unit, c.phrase, readings, verdict, expected, c);
      out.push(m);
      made.push(m);
    } else if (c.type === 'percent') {
      made.push(undefined);
      const of = made[c.of];
      // A wrong count makes its share wrong too: one finding is enough.
      if (of && of.verdict === 'agree') percentMention(tables, line, c, of, out);
    } else {
      made.push(undefined);
      const reading = c.cells === 'new' ? t3Reading(tables, NEW, TOTAL) : c.cells === 'c5' ? t4Reading(tables, C5) : t4Reading(tables, C10_C15);
      let verdict: Mention['verdict'] = 'unknown';
      if (reading.value !== null) verdict = reading.value === 0 || reading.corrected === 0 ? 'agree' : 'disagree';
      out.push(new Found(line, c.start, c.end, 'none', c.phrase, 0, 0, '', c.phrase, [reading], verdict, NONE_EXPECTED, c));
    }
  }
}

/** `占总数的28.57%` after a count: its share of the applications handled (or received). */
function percentMention(tables: Tables, line: number, c: Extract<Candidate, { type: 'percent' }>, of: Mention, out: Mention[]): void {
  const denominators = [t3Reading(tables, HANDLED, TOTAL), t3Reading(tables, NEW, TOTAL), t3Reading(tables, RECEIVED, TOTAL)];
  if (denominators.some((d) => d.value === null)) return; // 总数 unknown: nothing to compare with
  const tolerance = Math.pow(10, -c.decimals) + 1e-9;
  let best: { expected: number; denominator: Reading } | undefined;
  let agreeing: Reading | undefined;
  for (const d of denominators) {
    if (d.value === null || d.value <= 0) continue;
    const share = (100 * of.number) / d.value;
    if (Math.abs(share - c.number) < tolerance) {
      agreeing = d; // agrees with one reading of 总数 (rounded or truncated)
      break;
    }
    best ??= { expected: Math.round(share * Math.pow(10, c.decimals)) / Math.pow(10, c.decimals), denominator: d };
  }
  if (!agreeing && !best) return;
  const m = new Found(line, c.numStart, c.digitsEnd, 'percent', c.written, c.number, c.decimals, '%', of.phrase, of.readings, agreeing ? 'agree' : 'disagree', agreeing ? NONE_EXPECTED : [best!.expected], c);
  m.share = { of, ...(agreeing ? { expected: c.number, denominator: agreeing } : best!) };
  out.push(m);
}

/** The last cue match of a window, if one of its cues fits the number's unit and the template. */
function pickCue(c: CueMatch | undefined, amount: boolean, version: TemplateVersion | null): { match: CueMatch; cue: Cue } | undefined {
  const cue = c?.cues.find((x) => applicable(x, amount, version));
  return c && cue ? { match: c, cue } : undefined;
}

const cache = new HeldMemo<Analysis, Mention[]>('narrative mentions');

/** Every number (and "none" statement) of the narrative that restates table cells, in text order. */
export function narrativeMentions(model: ReportModel, analysis: Analysis): Mention[] {
  let mentions = cache.get(analysis);
  if (mentions) return mentions;
  mentions = [];
  if (model.isReport && (model.tables['三'] || model.tables['四'] || model.tables['二'])) {
    const tables: Tables = {
      byT2: new Map(),
      byT4: new Map(),
      byCue: new Map(),
      byRows: new Map(),
      disagreements: new Map(),
      model,
      version: model.template,
      t2: dataRows(model.tables['二']),
      t3: dataRows(model.tables['三']),
      t3Groups: new Map(),
      t4: dataRows(model.tables['四']),
      values: { analysis, corrections: correctionsOf(analysis) },
    };
    for (const r of tables.t3.values()) {
      const key = r.key!;
      // An author's subtotal row (`小计`) repeats its group's rows: counted once, by them.
      if (key.endsWith('.subtotal')) continue;
      const dot = key.indexOf('.');
      const g = dot === -1 ? key : key.slice(0, dot);
      if (!GROUPS.has(g)) continue;
      const list = tables.t3Groups.get(g);
      if (list) list.push(r);
      else tables.t3Groups.set(g, [r]);
    }
    // Tables by first line: the scan below moves down the document, so one pointer finds the next table.
    const tableLines = Object.values(model.tables)
      .map((t) => [t!.startLine, t!.endLine] as const)
      .sort((a, b) => a[0] - b[0]);
    let budget = NARRATIVE_BUDGET;
    const context = `${model.template}|${model.year}`;
    for (const section of model.sections) {
      if (!SCANNED.has(section.number) || budget <= 0) continue;
      const tableSection = section.number !== '一' && section.number !== '六';
      const last = Math.min(section.endLine, model.lines.length - 1);
      // Whether the text is about applications: this paragraph or the one before says 申请, or the
      // sub-heading it sits under does (`（二）依申请公开情况`, `1.申请情况`).
      let previousHasApplication = false;
      let headingHasApplication = false;
      let nextTable = 0;
      for (let i = section.runIn ? section.line : section.line + 1; i <= last; i++) {
        const text = i === section.line ? runInBody(model, section) ?? '' : model.lines[i];
        if (text.length < 3) continue;
        while (nextTable < tableLines.length && tableLines[nextTable][1] < i) nextTable++;
        // Inside a table's lines, only a sentence of its own (`2022年，我局共新收政府信息公开申请31件。`
        // before table 三, a note under table 四): no cell ends with 。
        if (nextTable < tableLines.length && tableLines[nextTable][0] <= i && !isSentenceLine(text)) continue;
        const facts = factsOf(text);
        if ((tableSection && facts.tableRow) || facts.comment) continue;
        if ((budget -= text.length) < 0) break;
        if (facts.subHeading) headingHasApplication = facts.application;
        const domain = facts.application || previousHasApplication || headingHasApplication;
        previousHasApplication = facts.application;
        // Only lines that can restate a cell: about applications, or naming a topic of tables 二 and 四.
        if (!domain && !facts.topic) continue;
        const candidates = candidatesOf(facts, text, model, context, domain);
        if (candidates.length > 0) mentionsOf(tables, i, candidates, mentions);
      }
    }
  }
  cache.set(analysis, mentions);
  return mentions;
}
