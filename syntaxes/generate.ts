// Generates the two TextMate grammars from the template data, so the grammar colours exactly the labels
// the checker knows (server/src/core/templates/*.json):
//   syntaxes/xxgk-report.tmLanguage.json             source.xxgk-report (language id xxgk-report)
//   syntaxes/xxgk-report.markdown.injection.json     injected into text.html.markdown
// Run `node --import tsx syntaxes/generate.ts` after editing the templates or this file;
// test/manifest.test.ts fails while the JSON files are stale.
//
// Every regex is written so that JavaScript and Oniguruma read it the same way (the manifest test
// compiles them with `new RegExp`): no \h, \A, \z, possessive or atomic groups, fixed-length
// lookbehind only, literal CJK characters instead of \uXXXX escapes, explicit space classes instead
// of \s (a TAB is a cell boundary, never a space here).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import common from '../server/src/core/templates/common.json';
import v2019 from '../server/src/core/templates/2019.json';
import v2021 from '../server/src/core/templates/2021.json';

const SP = '[ 　]'; // space or U+3000 (Word's full-width indent)
const CELL_START = '(?:^|(?<=[\\t|]))' + SP + '*(?:\\*\\*)?';
const CELL_END = '(?:\\*\\*)?(?=' + SP + '*(?:[\\t|]|$))';

function escapeChar(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? '\\' + c : c;
}

/** Characters Word exports in either width or quote style, as a class. */
const VARIANTS: Record<string, string> = {
  '（': '[（(]',
  '(': '[（(]',
  '）': '[）)]',
  ')': '[）)]',
  '，': '[，,]',
  ',': '[，,]',
  '：': '[：:]',
  ':': '[：:]',
  '“': '[“”"]',
  '”': '[“”"]',
  '"': '[“”"]',
  '/': '[/／]',
};

/**
 * A label as a regex: half- and full-width brackets and punctuation, `1.`/`1．`/`1、`, and spaces where
 * Word puts them (around punctuation, `(二) 部分公开 (区分处理的, 只计…)`; anywhere inside a short label such
 * as `商业 企业`, `总 计`).
 */
export function labelPattern(label: string): string {
  const chars = [...label];
  const anywhere = chars.length <= 8;
  const ordinal = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])/.exec(label);
  const ordinalEnd = ordinal ? [...ordinal[0]].length : 0;
  let out = '';
  chars.forEach((c, i) => {
    if (i < ordinalEnd && /[.．、]/.test(c)) out += '[.．、]';
    else out += VARIANTS[c] ?? escapeChar(c);
    const last = i === chars.length - 1;
    const punctuation = /[（()）、，,：:“”".．]/.test(c) || /[（(]/.test(chars[i + 1] ?? '');
    if (!last && (anywhere || punctuation || i === ordinalEnd - 1)) out += SP + '*';
  });
  return out;
}

function alternation(labels: Iterable<string>): string {
  // Longest first, so a label never loses to its own prefix (（二）部分公开（…） before （二）部分公开).
  const unique = [...new Set([...labels].filter((l) => l !== ''))].sort((a, b) => b.length - a.length || a.localeCompare(b));
  return '(?:' + unique.map(labelPattern).join('|') + ')';
}

/** A parenthetical note after a column label, e.g. the unit in `采购总金额（万元，保留四位小数）`. */
const UNIT_NOTE = '(?:' + SP + '*[（(][^）)\\t|]{1,20}[）)])?';

function cell(body: string): string {
  return CELL_START + '(' + body + ')' + CELL_END;
}

interface Labelled {
  label: string;
  aliases?: string[];
  kind?: string;
}

const forms = (xs: readonly Labelled[]) => xs.flatMap((x) => [x.label, ...(x.aliases ?? [])]);
const templates = [v2019, v2021];

const t3Rows: Labelled[] = [...common.t3.rowsBeforeOther, ...templates.flatMap((t) => t.t3Other as Labelled[]), ...common.t3.rowsAfterOther];
const TOTAL_KEYS = new Set(['resultsTotal']);
const totals = new Set<string>(['总计', ...forms(common.t3.rowsAfterOther.filter((r) => TOTAL_KEYS.has(r.key)))]);
const groupRows = forms(t3Rows.filter((r) => r.kind === 'group'));
const dataRows = forms(t3Rows.filter((r) => r.kind !== 'group' && !totals.has(r.label)));
const t2Rows = forms(templates.flatMap((t) => t.t2.flatMap((s) => s.rows as Labelled[])));
const captions = templates.flatMap((t) => t.t2.map((s) => s.caption));
const columnLabels = [
  '信息内容',
  ...forms(templates.flatMap((t) => t.t2.flatMap((s) => s.columns as Labelled[]))),
  ...forms(common.t3.columns),
  ...common.t3.headerLabels,
  ...common.t4.leafLabels,
  ...common.t4.groups.flatMap((g) => [g.label, ...((g as { aliases?: string[] }).aliases ?? [])]),
].filter((l) => !totals.has(l));

const titles = common.sections.map((s) => [s.title, ...((s as { aliases?: string[] }).aliases ?? [])]).flat();

// Section heading (spec §2.3, §2.4): optional BOM, indent, markdown marks, converter artefact; a numeral
// 一–六 (or 1–6), a separator, a known title, optional 。 and closing marks; nothing else on the line.
const HEADING_BODY =
  '(\\[(?:bookmark|image):[^\\]]*\\])?' +
  '([一二三四五六1-6](?:' + SP + '*[、.．，,:：]' + SP + '*|' + SP + '+))' +
  '(' + alternation(titles) + ')' +
  SP + '*[。.]?' + SP + '*(?:\\*\\*|__)?' + SP + '*$';
const HEADING_LINE = '^\ufeff?' + SP + '*(?:(#{1,6})[ \\t]+)?(?:\\*\\*|__)?' + HEADING_BODY;
// Inside markdown the heading text may be the retokenised capture of markdown's own heading rule,
// where ^ no longer applies: start at the line or right after a space, `#`, `*` or `_`.
const HEADING_INLINE = '(?:^|(?<=[ 　#*_]))(?:\\*\\*|__)?' + HEADING_BODY;

const TITLE_BODY = '([^ 　\\t|#。；;《》〈〉][^\\t|#。；;《》〈〉]{0,59}?政府信息公开(?:工作)?(?:年度)?报告)' + SP + '*(?:\\*\\*|__)?' + SP + '*$';
const TITLE_LINE = '^\ufeff?' + SP + '*(?:(#{1,6})[ \\t]+)?(?:\\*\\*|__)?' + TITLE_BODY;
const TITLE_INLINE = '(?:^|(?<=[ 　#*_]))(?:\\*\\*|__)?' + TITLE_BODY;

export const NUMBER =
  CELL_START +
  '((?:([+\\-＋－])' + SP + '*)?(?:[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+|[0-9０-９]+)(?:[.．][0-9０-９]+)?)' +
  SP + '*(万元|亿元|元|件|项|个|条|次|人|宗)?' +
  CELL_END;

// Placeholders only after a TAB or a pipe: a line holding just `无` is narrative (section 六), not a cell.
const PLACEHOLDER = '(?<=[\\t|])' + SP + '*(?:\\*\\*)?(——|—|--|-|－|–|―|/|／|\\\\|无|空|暂无|N/A|n/a)' + CELL_END;
const TABLE_RULE = '^' + SP + '*\\|?(?:' + SP + '*:?-{3,}:?' + SP + '*\\|)+' + SP + '*(?::?-{3,}:?' + SP + '*)?$';

type Pattern = Record<string, unknown>;

function repository(inline: boolean): Record<string, Pattern> {
  return {
    heading: inline
      ? {
          name: 'markup.heading.section.xxgk-report',
          match: HEADING_INLINE,
          captures: {
            1: { name: 'invalid.deprecated.artefact.xxgk-report' },
            2: { name: 'punctuation.definition.heading.ordinal.xxgk-report' },
            3: { name: 'entity.name.section.xxgk-report' },
          },
        }
      : {
          name: 'markup.heading.section.xxgk-report',
          match: HEADING_LINE,
          captures: {
            1: { name: 'punctuation.definition.heading.xxgk-report' },
            2: { name: 'invalid.deprecated.artefact.xxgk-report' },
            3: { name: 'punctuation.definition.heading.ordinal.xxgk-report' },
            4: { name: 'entity.name.section.xxgk-report' },
          },
        },
    title: inline
      ? { match: TITLE_INLINE, captures: { 1: { name: 'markup.heading.title.xxgk-report' } } }
      : {
          match: TITLE_LINE,
          captures: { 1: { name: 'punctuation.definition.heading.xxgk-report' }, 2: { name: 'markup.heading.title.xxgk-report' } },
        },
    caption: { match: cell(alternation(captions)), captures: { 1: { name: 'entity.name.type.caption.xxgk-report' } } },
    total: { match: cell(alternation(totals)), captures: { 1: { name: 'keyword.control.total.xxgk-report markup.bold.xxgk-report' } } },
    rowGroup: { match: cell(alternation(groupRows)), captures: { 1: { name: 'entity.name.function.row-label.group.xxgk-report' } } },
    rowLabel: { match: cell(alternation([...dataRows, ...t2Rows])), captures: { 1: { name: 'entity.name.function.row-label.xxgk-report' } } },
    columnLabel: { match: cell(alternation(columnLabels) + UNIT_NOTE), captures: { 1: { name: 'entity.other.attribute-name.column-label.xxgk-report' } } },
    number: {
      match: NUMBER,
      captures: {
        1: { name: 'constant.numeric.xxgk-report' },
        2: { name: 'keyword.operator.sign.xxgk-report' },
        3: { name: 'keyword.other.unit.xxgk-report' },
      },
    },
    placeholder: { match: PLACEHOLDER, captures: { 1: { name: 'constant.language.placeholder.xxgk-report' } } },
    artefact: { name: 'invalid.deprecated.artefact.xxgk-report', match: '\\[(?:bookmark|image):[^\\]]*\\]' },
    tableRule: { name: 'punctuation.definition.table.xxgk-report', match: TABLE_RULE },
    pipe: { name: 'punctuation.separator.table.xxgk-report', match: '\\|' },
    comment: {
      name: 'comment.block.xxgk-report',
      begin: '<!--',
      end: '-->',
      beginCaptures: { 0: { name: 'punctuation.definition.comment.xxgk-report' } },
      endCaptures: { 0: { name: 'punctuation.definition.comment.xxgk-report' } },
      patterns: [
        { name: 'keyword.other.directive.xxgk-report', match: 'xxgk-(?:disable|enable)(?:-next-line|-line|-file)?' },
        { name: 'constant.other.rule-code.xxgk-report', match: '\\bXR[0-9]{3}\\b' },
      ],
    },
  };
}

// Order matters where patterns can start at the same position: totals before row labels, labels before
// numbers (a label such as `1.属于国家秘密` starts with a digit), the markdown rule row before placeholders.
const ORDER = ['comment', 'heading', 'title', 'tableRule', 'artefact', 'caption', 'total', 'rowGroup', 'rowLabel', 'columnLabel', 'number', 'placeholder'];

export function buildGrammars(): { main: object; injection: object } {
  const note = 'Generated by syntaxes/generate.ts from server/src/core/templates/*.json. Edit the generator, not this file.';
  const main = {
    information_for_contributors: [note],
    name: 'xxgk-report',
    scopeName: 'source.xxgk-report',
    patterns: [...ORDER, 'pipe'].map((k) => ({ include: '#' + k })),
    repository: repository(false),
  };
  const injection = {
    information_for_contributors: [note],
    name: 'xxgk-report (markdown injection)',
    scopeName: 'markdown.xxgk-report.injection',
    injectionSelector: 'L:text.html.markdown -comment -markup.fenced_code -markup.inline.raw',
    patterns: ORDER.filter((k) => k !== 'comment').map((k) => ({ include: '#' + k })),
    repository: Object.fromEntries(Object.entries(repository(true)).filter(([k]) => k !== 'comment' && k !== 'pipe')),
  };
  return { main, injection };
}

export const GRAMMAR_FILES = {
  main: 'xxgk-report.tmLanguage.json',
  injection: 'xxgk-report.markdown.injection.json',
} as const;

export function render(grammar: object): string {
  return JSON.stringify(grammar, null, 2) + '\n';
}

if (process.argv[1] && /generate\.ts$/.test(process.argv[1])) {
  const g = buildGrammars();
  for (const k of ['main', 'injection'] as const) writeFileSync(join(__dirname, GRAMMAR_FILES[k]), render(g[k]));
  console.log('wrote', Object.values(GRAMMAR_FILES).join(', '));
}

// Keep readFileSync referenced for callers that compare files (tree-shaken otherwise).
export const readGrammarFile = (k: keyof typeof GRAMMAR_FILES): string => readFileSync(join(__dirname, GRAMMAR_FILES[k]), 'utf8');
