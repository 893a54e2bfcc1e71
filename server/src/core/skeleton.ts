// Next year's report, as a skeleton to fill in: the 2021 format (the one in force), in the flattening this
// year's report uses, with the six headings, the tables' canonical labels and empty value cells (blank is
// "not filled in yet", never 0), except what this year's report already determines: 二、上年结转 is this
// year's 四、结转下年度继续办理, column by column, and table 二's 现行有效件数 starts from this year's (the
// 2021 format's running count; a 2019-format report's 对外公开总数量 is another figure and is not carried).

import { agencyOf } from './cross';
import { SECTIONS, TEMPLATES } from './templates';
import type { Flattening, ReportModel, ValueCell } from './types';

export interface Skeleton {
  text: string;
  year: number;
  flattening: Flattening;
  /** Cells filled from this year's report. */
  carried: { carriedIn: number; inForce: number };
}

type Grid = string[][];

const T3_HEADER_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const TOPICS = ['（一）主动公开', '（二）依申请公开', '（三）政府信息管理', '（四）政府信息公开平台建设', '（五）监督保障'];

function valueText(cell: ValueCell | undefined): string {
  const v = cell?.value;
  return v && v.kind === 'number' && v.number !== undefined && v.number >= 0 && Number.isInteger(v.number) ? String(v.number) : '';
}

function table2(model: ReportModel, carried: { inForce: number }): Grid {
  const t = TEMPLATES['2021'];
  const inForceOf = (key: string) => {
    if (model.tables['二']?.version !== '2021') return '';
    const row = model.tables['二']?.rows.find((r) => r.key === key && r.aligned);
    const v = valueText(row?.cells.find((c) => c.columnKey === 'inForce'));
    if (v !== '') carried.inForce++;
    return v;
  };
  const grid: Grid = [];
  for (const sub of t.t2) {
    grid.push([sub.caption, '', '', '']);
    const header = ['信息内容', ...sub.columns.map((c) => c.label)];
    while (header.length < 4) header.push('');
    grid.push(header);
    for (const row of sub.rows) {
      const values = sub.columns.map((c) => (c.key === 'inForce' ? inForceOf(row.key) : ''));
      while (values.length < 3) values.push('');
      grid.push([row.label, ...values]);
    }
  }
  return grid;
}

function table3(model: ReportModel, carried: { carriedIn: number }): Grid {
  const t = TEMPLATES['2021'];
  const cols = t.t3Columns;
  const out = model.tables['三']?.rows.find((r) => r.key === 'carriedOut' && r.aligned);
  const grid: Grid = [
    [T3_HEADER_NOTE, '', '', '申请人情况', '', '', '', '', '', ''],
    ['', '', '', '自然人', '法人或其他组织', '', '', '', '', '总计'],
    ['', '', '', '', ...cols.slice(1, 6).map((c) => c.label), ''],
  ];
  const empty = () => cols.map(() => '');
  let group = '';
  let top = '';
  for (const row of t.t3Rows) {
    if (row.kind === 'group') {
      if (row.key === 'results') top = row.label;
      else group = row.label;
      continue;
    }
    let values = empty();
    if (row.key === 'carriedIn') {
      values = cols.map((c) => valueText(out?.cells.find((x) => x.columnKey === c.key)));
      carried.carriedIn += values.filter((v) => v !== '').length;
    }
    let labels: string[];
    if (row.key === 'new' || row.key === 'carriedIn' || row.key === 'carriedOut') labels = [row.label, '', ''];
    else if (row.group) {
      labels = [top, group, row.label];
      group = '';
    } else labels = [top, row.label, ''];
    top = '';
    grid.push([...labels, ...values]);
  }
  return grid;
}

function table4(): Grid {
  const outcomes = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  return [
    ['行政复议', '', '', '', '', '行政诉讼', '', '', '', '', '', '', '', '', ''],
    [...outcomes, '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', ''],
    ['', '', '', '', '', ...outcomes, ...outcomes],
    new Array<string>(15).fill(''),
  ];
}

function render(grid: Grid, flattening: Flattening): string[] {
  if (flattening === 'markdown') {
    return grid.flatMap((r, k) => {
      const line = `| ${r.join(' | ')} |`.replace(/ {2}\|/g, ' |').replace(/\| {2}/g, '| ');
      return k === 0 ? [line, `|${'---|'.repeat(r.length)}`] : [line];
    });
  }
  if (flattening === 'tsv') return grid.map((r) => r.join('\t'));
  // One cell per line: a TAB before each cell, a blank line after each row (what Word exports).
  return grid.flatMap((r) => [...r.map((c) => `\t${c}`), '']);
}

/** The flattening this year's report uses for its tables (markdown for a report without them). */
function flatteningOf(model: ReportModel): Flattening {
  return model.tables['三']?.flattening ?? model.tables['二']?.flattening ?? model.tables['四']?.flattening ?? 'markdown';
}

/** Next year's skeleton, or null when this report's year is unknown. */
export function nextYearSkeleton(model: ReportModel): Skeleton | null {
  if (model.year === null) return null;
  const year = model.year + 1;
  const flattening = flatteningOf(model);
  const md = flattening === 'markdown';
  const eol = /\r\n/.test(model.text) ? '\r\n' : '\n';
  const agency = agencyOf(model.title?.text) ?? '（机关名称）';
  const heading = (n: string) => {
    const s = SECTIONS.find((x) => x.number === n)!;
    return `${md ? '## ' : ''}${n}、${s.title}`;
  };
  const carried = { carriedIn: 0, inForce: 0 };
  const lines: string[] = [
    `${md ? '# ' : ''}${agency}${year}年政府信息公开工作年度报告`,
    '',
    `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六个部分。本报告所列数据的统计期限为${year}年1月1日至${year}年12月31日。`,
    '',
    heading('一'),
    '',
    ...TOPICS.flatMap((t) => [t, '']),
    heading('二'),
    '',
    ...render(table2(model, carried), flattening),
    '',
    heading('三'),
    '',
    ...render(table3(model, carried), flattening),
    '',
    heading('四'),
    '',
    ...render(table4(), flattening),
    '',
    heading('五'),
    '',
    heading('六'),
    '',
  ];
  return { text: lines.join(eol), year, flattening, carried };
}
