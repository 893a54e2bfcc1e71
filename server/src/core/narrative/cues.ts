// The phrases of the narrative that restate table cells (spec §4.5), as data: what a phrase looks like and
// which cell, or sum of cells, it restates. A number is matched to the cue that ends nearest before it in
// its clause; a cue with several readings (`收到` = 一 or 一 + 二) is satisfied by any of them.

import type { TemplateVersion } from '../types';

/** Row keys of table 三 to add up; a group key (deny, unable, reject, other) means every row of the group. */
export type RowSum = readonly string[];

export type Target =
  /** Table 三 rows, in the 总计 column (or the column a column cue names). Each alternative is one reading. */
  | { kind: 't3row'; rows: readonly RowSum[] }
  /** Table 三 applicant columns, summed; the row comes from the sentence (else 一, 一 + 二 or （七）). */
  | { kind: 't3col'; cols: readonly string[] }
  /** Table 四 columns, summed. */
  | { kind: 't4'; cols: readonly string[] }
  /** Table 二: per template version, alternative readings, each a sum of (row, columns) cells. */
  | { kind: 't2'; byVersion: Partial<Record<TemplateVersion, readonly (readonly T2Cell[])[]>> }
  /** 2019 `行政权力清单…共计N项`: the item counts after the change of (五)(六) (with or without (八)). */
  | { kind: 'power' };

export interface T2Cell {
  row: string;
  col: string;
}

export interface Cue {
  id: string;
  re: RegExp;
  target: Target;
  /** Only in a paragraph about 政府信息公开申请 (the cue's words also name other things). */
  domain?: boolean;
  /** Generic verbs (收到, 办结): never in a clause about 热线, 信访, 舆情 … */
  generic?: boolean;
  /** Text between the cue and the number that makes it another figure (a sub-count, an outcome). */
  notBetween?: RegExp;
  /** Only with an amount (元, 万元) or only with a count (件, 项 …); default count. */
  unit?: 'amount' | 'count';
  /** Needs 申请 between the cue and the number or right after the number (`收到…申请15件`, `收到15件申请`). */
  needsApplication?: boolean;
}

const ALL_ROWS: readonly RowSum[] = [['new'], ['new', 'carriedIn'], ['resultsTotal']];
export const DEFAULT_COLUMN_ROWS = ALL_ROWS;
export const ORG_COLUMNS = ['business', 'research', 'publicWelfare', 'legalService', 'otherOrg'] as const;

const t3 = (id: string, re: RegExp, rows: readonly RowSum[], extra: Partial<Cue> = {}): Cue => ({ id, re, target: { kind: 't3row', rows }, domain: true, ...extra });
const col = (id: string, re: RegExp, cols: readonly string[]): Cue => ({ id, re, target: { kind: 't3col', cols }, domain: true });
const t4 = (id: string, re: RegExp, cols: readonly string[]): Cue => ({
  id,
  re,
  target: { kind: 't4', cols },
  // `行政复议 … 纠正1件` (`被纠错2件`, `判决…`) is an outcome, not the total; `行政复议后又起诉5件` is a lawsuit.
  notBetween: /维持|纠正|纠错|判决|起诉|其他结果|审结|败诉|胜诉|撤销|确认违法|驳回|终止|机关|申请人/,
});

/** 2019: a 许可/处罚/强制 count may be the items, the items after the change, or the decisions. */
const items2019 = (row: string): readonly (readonly T2Cell[])[] => [[{ row, col: 'items' }], [{ row, col: 'items' }, { row, col: 'change' }], [{ row, col: 'decisions' }]];
// `受理行政许可事项申请56件` counts applications, not decisions or items.
const t2 = (id: string, re: RegExp, byVersion: Extract<Target, { kind: 't2' }>['byVersion'], unit: 'amount' | 'count' = 'count'): Cue => ({ id, re, target: { kind: 't2', byVersion }, unit, notBetween: /申请/ });

// Order matters only for ties (two cues ending at the same character): the longer match wins, then the first.
export const CUES: readonly Cue[] = [
  // Table 三, results (spec §3.4). `予以公开及部分公开` is the sum of two rows.
  t3('openPartial', /(?:予以|全部)公开[”"」]?(?:[、和及与或]|以及)[“"「]?部分公开/g, [['open', 'partial']]),
  t3('partial', /部分公开/g, [['partial']]),
  // `不予以公开` is taken by `deny` first (the leftmost match wins), so no look-behind is needed here.
  t3('open', /予以公开|同意公开|全部公开/g, [['open']]),
  t3('deny', /不予(?:以)?公开/g, [['deny']]),
  t3('unable', /无法提供|不能提供/g, [['unable']]),
  t3('reject', /不予(?:以)?处理/g, [['reject']]),
  t3('other', /其他处理/g, [['other']]),
  t3('deny.1', /国家秘密/g, [['deny.1']]),
  t3('deny.2', /法律行政法规禁止公开|法律法规禁止公开/g, [['deny.2']]),
  t3('deny.3', /三安全一稳定/g, [['deny.3']]),
  t3('deny.4', /第三方合法权益/g, [['deny.4']]),
  t3('deny.5', /内部事务信息/g, [['deny.5']]),
  t3('deny.6', /过程性信息/g, [['deny.6']]),
  t3('deny.7', /行政执法案卷/g, [['deny.7']]),
  t3('deny.8', /行政查询事项/g, [['deny.8']]),
  t3('unable.1', /不掌握/g, [['unable.1']]),
  t3('unable.2', /没有现成信息|另行制作/g, [['unable.2']]),
  t3('unable.3', /仍不明确/g, [['unable.3']]),
  t3('reject.1', /信访举报投诉/g, [['reject.1']]),
  t3('reject.2', /重复申请/g, [['reject.2']]),
  t3('reject.3', /公开出版物/g, [['reject.3']]),
  t3('reject.4', /大量反复/g, [['reject.4']]),
  t3('reject.5', /确认或重新出具/g, [['reject.5']]),
  t3('other.1', /逾期不补正/g, [['other.1']]),
  t3('other.2', /缴纳费用/g, [['other.2']]),
  // Carried over: specific enough to need no context.
  t3('carriedIn', /上(?:一)?年度?结转|去年结转|结转上年度?|往年结转/g, [['carriedIn']], { domain: false }),
  t3('carriedOut', /(?:结转|转入|转至|转)(?:到|入)?下(?:一)?年度?(?:继续)?(?:办理|处理)?/g, [['carriedOut']], { domain: false }),
  // Received: 一, or 一 + 二 (authors count both ways); 新收 is 一 only. Handled: （七）总计.
  t3('new', /新收(?:到)?/g, [['new']], { generic: true, needsApplication: true }),
  t3('receive', /收到|受理|接收|接到|收悉|共收/g, [['new'], ['new', 'carriedIn']], { generic: true, needsApplication: true }),
  t3('handled', /办结|答复|办理完毕|处理完毕/g, [['resultsTotal']], { generic: true, notBetween: /率|期限|时限|工作日/ }),
  // `办理中发现…` is while handling, no count of what was handled.
  t3('process', /(?:办理|处理)(?!中|过程)/g, ALL_ROWS, { generic: true, needsApplication: true }),
  // Applicant columns.
  col('natural', /自然人/g, ['natural']),
  col('orgs', /法人(?:或|和|及)?其他组织|法人/g, ORG_COLUMNS),
  col('business', /商业企业/g, ['business']),
  col('research', /科研机构/g, ['research']),
  col('publicWelfare', /社会公益组织|社会组织/g, ['publicWelfare']),
  col('legalService', /法律服务机构/g, ['legalService']),
  // Table 四.
  // The specific forms first: at one position the first alternative that matches wins.
  t4('afterReconsideration', /(?:行政)?复议后(?:提起)?(?:起诉|(?:行政)?诉讼)/g, ['c15']),
  t4('direct', /(?:未经(?:行政)?复议)?直接(?:提起)?(?:起诉|(?:行政)?诉讼)/g, ['c10']),
  t4('reconsideration', /行政复议/g, ['c5']),
  t4('litigation', /行政诉讼|行政应诉|被(?:提起)?起诉/g, ['c10', 'c15']),
  // Table 二.
  t2('license', /行政许可/g, { '2021': [[{ row: 't5.license', col: 'decisions' }]], '2019': items2019('t5.license') }),
  t2('otherServices', /其他对外管理服务事项/g, { '2019': items2019('t5.other') }),
  t2('penalty', /行政处罚/g, { '2021': [[{ row: 't6.penalty', col: 'decisions' }]], '2019': items2019('t6.penalty') }),
  t2('coercion', /行政强制/g, { '2021': [[{ row: 't6.coercion', col: 'decisions' }]], '2019': items2019('t6.coercion') }),
  // One trigger, two cues: the unit after the number decides (项 = 2019 fee items, 万元 = 2021 amount).
  t2('feeItems', /行政事业性收费/g, { '2019': [[{ row: 't8.fee', col: 'items' }], [{ row: 't8.fee', col: 'items' }, { row: 't8.fee', col: 'change' }]] }),
  t2('feeAmount', /行政事业性收费/g, { '2021': [[{ row: 't8.fee', col: 'feeAmount' }]] }, 'amount'),
  t2('feeAmountWords', /收费(?:金额|总额)/g, { '2021': [[{ row: 't8.fee', col: 'feeAmount' }]] }, 'amount'),
  t2('procItems', /(?:政府)?集中采购/g, { '2019': [[{ row: 't9.central', col: 'procItems' }]] }),
  t2('procAmount', /(?:政府)?集中采购/g, { '2019': [[{ row: 't9.central', col: 'procAmount' }]] }, 'amount'),
  t2('procAmountWords', /采购(?:总)?金额/g, { '2019': [[{ row: 't9.central', col: 'procAmount' }]] }, 'amount'),
  t2('normsIssued', /(?:制发|制定|印发|出台)(?:了)?(?:行政)?规范性文件/g, { '2021': [[{ row: 't1.norms', col: 'issued' }]], '2019': [[{ row: 't1.norms', col: 'made' }]] }),
  t2('normsRepealed', /废止(?:了)?(?:行政)?规范性文件|(?:行政)?规范性文件(?:被)?废止/g, { '2021': [[{ row: 't1.norms', col: 'repealed' }]] }),
  t2('normsInForce', /现行有效(?:的)?(?:行政)?规范性文件|(?:行政)?规范性文件现行有效/g, { '2021': [[{ row: 't1.norms', col: 'inForce' }]] }),
  t2('rulesIssued', /(?:制发|制定|出台)(?:了)?规章/g, { '2021': [[{ row: 't1.rules', col: 'issued' }]], '2019': [[{ row: 't1.rules', col: 'made' }]] }),
  t2('rulesInForce', /现行有效(?:的)?规章/g, { '2021': [[{ row: 't1.rules', col: 'inForce' }]] }),
  { id: 'power', re: /(?:行政)?权力清单/g, target: { kind: 'power' } },
];

/** A clause about something else that happens to use a generic verb (收到, 办结, 受理). */
export const OTHER_BUSINESS = /热线|信访(?!举报投诉类)|舆情|来信|来电|来访|咨询|诉求|建议|提案|留言|投诉(?!类)|12345|网民|意见|事项申请|许可申请|审批|政务服务|办件|案件(?!中)|复议|诉讼/;

/** Table 二 phrases counting published information items, not the table's figures. */
export const PUBLISHED_ITEMS = /信息|公示|公告|公布|网站|专栏|栏目|目录|指南|流程|培训|宣传|解读|双随机|标准/;

/** Comparisons with another year: the figure is a difference or last year's. */
export const COMPARISON = /同比|环比|比上年|较上年|比去年|较去年|上年同期|去年同期|增加|减少|增长|下降|上升|提高|降低|翻番|较\d|比\d|相比/;

/** Plans for next year: the sentence is not about the report year. */
export const PLAN = /下一步|明年|今后|将于|计划|力争|预计|争取|目标|拟/;

/** Numbers that are not the figure itself: approximations and bounds before the number. */
export const APPROX_BEFORE = /(?:近|约|大约|将近|接近|超过|逾|不足|不到|不少于|至少|最多|达到近|上千|数)$/;
/** …and after it (`7700余条`, `30件以上`). */
export const APPROX_AFTER = /^(?:余|多|以上|左右|上下|以内|以下)/;
/** Units after which the number counts time or people, not cases (`15个工作日`, `1名`). */
export const NOT_A_COUNT_AFTER = /^(?:工作日|日|天|小时|月|年|周|人|次|批|名|篇|期|场|份|类|种|家|所|户|万|千|百|亿|平方|公里|米)/;
