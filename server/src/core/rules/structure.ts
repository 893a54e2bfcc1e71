// XR001–XR013: the document's structure — sections (spec §2), tables and their rows (§3, §5.5), labels.

import { SECTIONS, TEMPLATES } from '../templates';
import { stripOrdinal } from '../matcher';
import { LINE_BREAK_TAG, normalizeLabel } from '../text';
import type { LabelCell, LabelMatch, Range, Section, SectionNumber, Table, TableId, TableRow, TextEdit } from '../types';
import { SECTION_NUMBERS } from '../types';
import { fix, replace, type Rule, type RuleContext } from './rule';

const TEXT_SECTIONS: SectionNumber[] = ['一', '五', '六'];
const TABLE_SECTIONS: TableId[] = ['二', '三', '四'];

function titleOf(n: SectionNumber): string {
  return SECTIONS.find((s) => s.number === n)!.title;
}

function firstOf(ctx: RuleContext, n: SectionNumber): Section | undefined {
  return ctx.model.sections.find((s) => s.number === n && s.duplicateOf === undefined);
}

/** The document's own line end (its first one), for inserted lines. */
function lineEnd(ctx: RuleContext): string {
  return /\r\n|\r|\n/.exec(ctx.model.text)?.[0] ?? '\n';
}

const missingSection: Rule = {
  code: 'XR001',
  alias: 'missing-section',
  severity: 'error',
  level: 'sections',
  check(ctx) {
    const { model } = ctx;
    if (model.sections.length === 0 && !model.isReport) return;
    for (const n of SECTION_NUMBERS) {
      if (firstOf(ctx, n)) continue;
      const title = titleOf(n);
      const after = model.sections.find((s) => SECTION_NUMBERS.indexOf(s.number) > SECTION_NUMBERS.indexOf(n));
      const eol = lineEnd(ctx);
      let range: Range;
      let insertAt: Range;
      let text: string;
      if (after) {
        range = after.range;
        // Before the heading's first line (one broken over two lines is not split).
        const at = after.range.start.line;
        insertAt = { start: { line: at, character: 0 }, end: { line: at, character: 0 } };
        text = `${n}、${title}${eol}${eol}`;
      } else {
        // Underline the last non-blank line; insert after the end of the text.
        const lines = model.lines;
        let last = lines.length - 1;
        while (last > 0 && lines[last].trim() === '') last--;
        range = { start: { line: last, character: 0 }, end: { line: last, character: lines[last].length } };
        const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
        insertAt = { start: end, end };
        // After a final CR, an inserted LF would merge with it into one line end: keep to CR there.
        const endEol = model.text.endsWith('\r') ? '\r' : eol;
        text = `${lines[lines.length - 1] === '' ? '' : endEol}${endEol}${n}、${title}${endEol}`;
      }
      ctx.report({
        message: ctx.msg('section.missing', { num: n, title }),
        range,
        fixes: [fix(ctx.msg('fix.insertHeading', { heading: `${n}、${title}` }), [replace(insertAt, text)])],
      });
    }
  },
};

const sectionOrder: Rule = {
  code: 'XR002',
  alias: 'section-order',
  severity: 'warning',
  level: 'sections',
  check(ctx) {
    let maxSeen = -1;
    for (const s of ctx.model.sections) {
      if (s.duplicateOf !== undefined) continue;
      const i = SECTION_NUMBERS.indexOf(s.number);
      if (i < maxSeen) ctx.report({ message: ctx.msg('section.order', { num: s.number, prev: SECTION_NUMBERS[maxSeen] }), range: s.range });
      maxSeen = Math.max(maxSeen, i);
    }
  },
};

const duplicateSection: Rule = {
  code: 'XR003',
  alias: 'duplicate-section',
  severity: 'warning',
  level: 'sections',
  check(ctx) {
    for (const s of ctx.model.sections) {
      if (s.duplicateOf !== undefined) ctx.report({ message: ctx.msg('section.duplicate', { num: s.number, first: s.duplicateOf + 1 }), range: s.range });
    }
  },
};

/** A heading's text as written; one broken over two lines reads joined. */
function headingText(lines: readonly string[], r: Range): string {
  const { start, end } = r;
  if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
  return lines[start.line].slice(start.character).trimEnd() + lines[end.line].slice(0, end.character).trimStart();
}

/**
 * Edits that make a heading read `text`. One broken over two lines stays on two (a fix touches the heading,
 * not the lines around it): the words on its first line are kept where `text` starts with them, or take
 * as many characters of it; its second line takes the rest.
 */
function rewriteHeading(lines: readonly string[], r: Range, text: string): TextEdit[] {
  const { start, end } = r;
  if (start.line === end.line) return [replace(r, text)];
  const first = lines[start.line].slice(start.character).trimEnd();
  const second = lines[end.line].slice(0, end.character);
  const secondStart = { line: end.line, character: second.length - second.trimStart().length };
  if (text.startsWith(first)) return [replace({ start: secondStart, end }, text.slice(first.length))];
  const k = Math.min(first.length, text.length);
  return [
    replace({ start, end: { line: start.line, character: start.character + first.length } }, text.slice(0, k)),
    replace({ start: secondStart, end }, text.slice(k)),
  ];
}

const headingVariant: Rule = {
  code: 'XR004',
  alias: 'heading-variant',
  severity: 'information',
  level: 'sections',
  check(ctx) {
    for (const s of ctx.model.sections) {
      if (s.canonical) continue;
      ctx.report({
        message: ctx.msg(s.local ? 'section.local' : 'section.variant', { found: headingText(ctx.model.lines, s.range), canonical: s.canonicalTitle, num: s.number }),
        range: s.range,
        fixes: [fix(ctx.msg('fix.canonical', { canonical: s.canonicalTitle }), rewriteHeading(ctx.model.lines, s.range, s.canonicalTitle))],
      });
    }
  },
};

const headingNumbering: Rule = {
  code: 'XR005',
  alias: 'heading-numbering',
  severity: 'information',
  level: 'sections',
  check(ctx) {
    for (const s of ctx.model.sections) {
      if (s.oddNumbering === undefined) continue;
      if (s.oddNumbering === '') {
        const at = { start: s.range.start, end: s.range.start };
        ctx.report({
          message: ctx.msg('section.noNumber', { num: s.number, title: s.title }),
          range: s.range,
          fixes: [fix(ctx.msg('fix.canonical', { canonical: `${s.number}、${s.title}` }), [replace(at, `${s.number}、`)])],
        });
        continue;
      }
      const fixed = `${s.number}、${s.title}`;
      ctx.report({
        message: ctx.msg('section.numbering', { found: s.oddNumbering, num: s.number }),
        range: s.range,
        fixes: [fix(ctx.msg('fix.canonical', { canonical: fixed }), rewriteHeading(ctx.model.lines, s.range, fixed))],
      });
    }
  },
};

const sectionMisnumbered: Rule = {
  code: 'XR014',
  alias: 'section-misnumbered',
  severity: 'warning',
  level: 'sections',
  check(ctx) {
    for (const s of ctx.model.sections) {
      if (!s.misnumbered) continue;
      ctx.report({
        message: ctx.msg('section.misnumbered', { written: s.misnumbered.written, title: s.title, num: s.number }),
        range: s.range,
        fixes: [fix(ctx.msg('fix.numeral', { num: s.number }), [replace(s.misnumbered.range, s.number)])],
      });
    }
  },
};

const emptySection: Rule = {
  code: 'XR006',
  alias: 'empty-section',
  severity: 'warning',
  level: 'sections',
  check(ctx) {
    const lines = ctx.model.lines;
    for (const s of ctx.model.sections) {
      if (!TEXT_SECTIONS.includes(s.number) || s.runIn) continue;
      let empty = true;
      for (let i = s.line + 1; i <= s.endLine && empty; i++) if (lines[i].trim() !== '') empty = false;
      if (empty) ctx.report({ message: ctx.msg('section.empty', { num: s.number, title: titleOf(s.number) }), range: s.range });
    }
  },
};

const missingTable: Rule = {
  code: 'XR007',
  alias: 'missing-table',
  severity: 'error',
  check(ctx) {
    for (const id of TABLE_SECTIONS) {
      const s = firstOf(ctx, id);
      if (!s) continue;
      const t = ctx.model.tables[id];
      if (t && t.rows.some((r) => r.kind === 'data')) continue;
      ctx.report({ message: ctx.msg('table.missing', { num: id, table: ctx.msg('table.name', { table: id }) }), range: s.range, table: id });
    }
  },
};

/** Template rows (with values) in order, for the version the table was read with. */
function templateRows(table: Table): { key: string; label: string }[] {
  const t = TEMPLATES[table.version ?? '2021'];
  if (table.id === '二') return t.t2.flatMap((s) => s.rows);
  if (table.id === '三') return t.t3Rows.filter((r) => r.kind !== 'group');
  return [{ key: 'row', label: t.t4Columns.map((c) => c.label).join(' ') }];
}

function present(table: Table): Map<string, TableRow> {
  const m = new Map<string, TableRow>();
  for (const r of table.rows) {
    if (r.key && r.kind === 'data' && !m.has(r.key)) m.set(r.key, r);
    if (r.parentKey && !m.has(r.parentKey)) m.set(r.parentKey, r);
  }
  return m;
}

const missingRow: Rule = {
  code: 'XR008',
  alias: 'missing-row',
  severity: 'error',
  check(ctx) {
    for (const table of Object.values(ctx.model.tables)) {
      if (!table.rows.some((r) => r.kind === 'data')) continue;
      const found = present(table);
      const rows = templateRows(table);
      rows.forEach((spec, i) => {
        if (found.has(spec.key)) return;
        // Point at the row that should follow it, else the one before, else the table.
        const next = rows.slice(i + 1).map((r) => found.get(r.key)).find((r) => r);
        const prev = rows.slice(0, i).reverse().map((r) => found.get(r.key)).find((r) => r);
        const anchor = next ?? prev;
        const range = anchor ? (anchor.labelCells[anchor.labelCells.length - 1]?.range ?? anchor.range) : table.range;
        const label = table.id === '四' ? ctx.msg('table.name', { table: '四' }) : spec.label;
        ctx.report({ message: ctx.msg('row.missing', { table: ctx.msg('table.name', { table: table.id }), row: label }), range, table: table.id, row: spec.label || undefined });
      });
    }
  },
};

const extraRow: Rule = {
  code: 'XR009',
  alias: 'extra-row',
  severity: 'warning',
  check(ctx) {
    for (const table of Object.values(ctx.model.tables)) {
      const rowsByKey = new Map(templateRows(table).map((r) => [r.key, r.label]));
      for (const r of table.rows) {
        if (r.kind !== 'extra') continue;
        const name = ctx.msg('table.name', { table: table.id });
        const range = r.labelCells[r.labelCells.length - 1]?.range ?? r.range;
        const parent = r.parentKey ? rowsByKey.get(r.parentKey) : undefined;
        ctx.report({
          message: parent ? ctx.msg('row.extraSub', { table: name, row: r.label, parent }) : ctx.msg('row.extra', { table: name, row: r.label || '—' }),
          range,
          table: table.id,
          row: r.label || undefined,
        });
      }
    }
  },
};

const rowOrder: Rule = {
  code: 'XR010',
  alias: 'row-order',
  severity: 'warning',
  check(ctx) {
    for (const table of Object.values(ctx.model.tables)) {
      const rows = templateRows(table);
      for (const r of table.rows) {
        if (!r.outOfOrder || !r.key) continue;
        const i = rows.findIndex((x) => x.key === r.key);
        const after = i > 0 ? rows[i - 1].label : '';
        ctx.report({
          message: after ? ctx.msg('row.order', { table: ctx.msg('table.name', { table: table.id }), row: r.label, after }) : ctx.msg('row.orderFirst', { table: ctx.msg('table.name', { table: table.id }), row: r.label }),
          range: r.labelCells[r.labelCells.length - 1]?.range ?? r.range,
          table: table.id,
          row: r.label,
        });
      }
    }
  },
};

/** A row's name in a message: its label, else (table 四's unlabelled row) the table's value row. */
function rowName(ctx: RuleContext, table: Table, r: TableRow): string {
  if (r.label) return r.label;
  return ctx.msg('row.values', { table: ctx.msg('table.name', { table: table.id }) });
}

const valueCount: Rule = {
  code: 'XR011',
  alias: 'value-count',
  severity: 'error',
  check(ctx) {
    for (const table of Object.values(ctx.model.tables)) {
      for (const r of table.rows) {
        if (r.aligned || r.expected === 0 || (r.kind !== 'data' && r.kind !== 'extra')) continue;
        const args = { table: ctx.msg('table.name', { table: table.id }), row: rowName(ctx, table, r), expected: r.expected, actual: r.cells.length };
        ctx.report({
          message: ctx.msg(args.actual > r.expected ? 'row.valueCountMore' : args.actual < r.expected ? 'row.valueCountFewer' : 'row.valueCountUnplaced', args),
          range: r.labelCells[r.labelCells.length - 1]?.range ?? r.range,
          table: table.id,
          row: r.label || undefined,
        });
      }
    }
  },
};

const EMPHASIS = /^(\*\*|__|\*|_)(?=\S)(.*\S)\1$/s;

/**
 * A label's own words and their range: inside markdown emphasis (`**（七）总计**`, spec §5.3 accepts bold
 * labels) when the cell is wrapped in it, so that a fix renames the words and keeps the emphasis; line
 * breaks (`<br>`) left out of the words.
 */
function labelWords(cell: LabelCell): { text: string; range: Range } {
  const m = singleLine(cell) ? EMPHASIS.exec(cell.text) : null;
  if (!m) return { text: cell.text.replace(LINE_BREAK_TAG, ''), range: cell.range };
  const n = m[1].length;
  const { start, end } = cell.range;
  return { text: m[2].replace(LINE_BREAK_TAG, ''), range: { start: { line: start.line, character: start.character + n }, end: { line: end.line, character: end.character - n } } };
}

/** Label cells placed against the template with other wording, or only other spacing and width. */
function labelFindings(table: Table): { match: LabelMatch; kind: 'wording' | 'numbering' | 'format' }[] {
  const out: { match: LabelMatch; kind: 'wording' | 'numbering' | 'format' }[] = [];
  const consider = (m: LabelMatch) => {
    if (m.part && m.how === 'exact') return;
    // The template's words as written (a numbered row placed before its group's label in PDF text scores
    // below exact): no other words to suggest, at most a formatting difference.
    const sameWords = normalizeLabel(labelWords(m.cell).text) === normalizeLabel(m.canonical);
    if (m.how === 'wording' && !sameWords) out.push({ match: m, kind: numberingOnly(m) ? 'numbering' : 'wording' });
    else if (singleLine(m.cell) && labelWords(m.cell).text !== m.canonical) out.push({ match: m, kind: 'format' });
  };
  for (const m of table.headerMatches ?? []) {
    // A header that adds a note to the template's words (`采购总金额（万元，保留四位小数）`) is fine.
    const core = m.canonical.replace(/（.*$/, '');
    if (m.how === 'wording' && m.cell.norm.startsWith(core + '（') && m.cell.norm.length > core.length + 2) continue;
    consider(m);
  }
  for (const r of table.rows) {
    if (r.kind !== 'data' && r.kind !== 'group' && r.kind !== 'extra') continue;
    for (const m of r.labelMatches ?? []) consider(m);
  }
  return out;
}

/** The template's words under another numbering (`（1）`, `1、`, none for `1.`): a house style, often table-wide. */
function numberingOnly(m: LabelMatch): boolean {
  if (m.part || !singleLine(m.cell)) return false;
  const found = normalizeLabel(labelWords(m.cell).text);
  const canonical = normalizeLabel(m.canonical);
  if (found === canonical) return false;
  const words = stripOrdinal(found);
  return words !== '' && words === stripOrdinal(canonical);
}

const labelVariant: Rule = {
  code: 'XR012',
  alias: 'label-variant',
  severity: 'information',
  check(ctx) {
    for (const table of Object.values(ctx.model.tables)) {
      const findings = labelFindings(table);
      for (const f of findings.filter((x) => x.kind === 'wording')) {
        const { cell, canonical, confident: placed, part } = f.match;
        const confident = placed && !part;
        const words = labelWords(cell);
        ctx.report({
          message: ctx.msg(confident ? 'label.variant' : 'label.unsure', { found: words.text, canonical }),
          range: cell.range,
          table: table.id,
          // Renaming only a cell the reader placed with confidence, and never across lines.
          fixes: confident && singleLine(cell) ? [fix(ctx.msg('fix.canonical', { canonical }), renames(f.match))] : [],
        });
      }
      // Numbering-only differences are one house style: one finding, with the count, and one fix renaming
      // every such label the reader placed with confidence.
      const numbering = findings.filter((x) => x.kind === 'numbering');
      if (numbering.length > 0) {
        const { cell, canonical } = numbering[0].match;
        const more = numbering.length - 1;
        const placed = numbering.filter((x) => x.match.confident);
        ctx.report({
          message: ctx.msg(more > 0 ? 'label.numberingMore' : 'label.numbering', { found: labelWords(cell).text, canonical, more }),
          range: cell.range,
          table: table.id,
          fixes:
            placed.length === 0
              ? []
              : [fix(placed.length > 1 ? ctx.msg('fix.canonicalAll', { count: placed.length }) : ctx.msg('fix.canonical', { canonical: placed[0].match.canonical }), placed.flatMap((x) => renames(x.match)))],
        });
      }
      // Formatting-only differences are common across a whole table: one finding, with the count.
      const format = findings.filter((x) => x.kind === 'format');
      if (format.length > 0) {
        const { cell, canonical } = format[0].match;
        const words = labelWords(cell);
        const more = format.length - 1;
        ctx.report({
          message: more > 0 ? ctx.msg('label.formatMore', { found: words.text, canonical, more }) : ctx.msg('label.format', { found: words.text, canonical }),
          range: cell.range,
          table: table.id,
          fixes: [fix(ctx.msg('fix.canonical', { canonical }), renames(format[0].match))],
        });
      }
    }
  },
};

/** The edits renaming a label into the template's words: the cell, and the copies of a repeated merged cell. */
function renames(m: LabelMatch): TextEdit[] {
  return [m.cell, ...(m.copies ?? []).filter(singleLine)].map((c) => replace(labelWords(c).range, m.canonical));
}

function singleLine(c: LabelCell): boolean {
  return c.range.start.line === c.range.end.line;
}

const conversionArtifact: Rule = {
  code: 'XR013',
  alias: 'conversion-artifact',
  severity: 'information',
  check(ctx) {
    for (const a of ctx.model.artifacts) {
      // Removing an artefact that is a whole line would leave an empty line: a CR and LF around it
      // would then merge into one line end. Offer the removal only when text stays on the line.
      const line = ctx.model.lines[a.range.start.line];
      const rest = line.slice(0, a.range.start.character) + line.slice(a.range.end.character);
      const fixes = rest.trim() === '' ? [] : [fix(ctx.msg('fix.removeArtifact', { text: a.text }), [replace(a.range, '')])];
      ctx.report({ message: ctx.msg('artifact', { text: a.text }), range: a.range, fixes });
    }
  },
};

export const structureRules: Rule[] = [
  missingSection,
  sectionOrder,
  duplicateSection,
  headingVariant,
  headingNumbering,
  emptySection,
  missingTable,
  missingRow,
  extraRow,
  rowOrder,
  valueCount,
  labelVariant,
  conversionArtifact,
  sectionMisnumbered,
];
