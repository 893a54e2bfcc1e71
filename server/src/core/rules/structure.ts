// XR001–XR013: the document's structure — sections (spec §2), tables and their rows (§3, §5.5), labels.

import { SECTIONS, TEMPLATES, indexesOf, type LabelIndex } from '../templates';
import { normalizeLabel } from '../text';
import type { LabelCell, Range, Section, SectionNumber, Table, TableId, TableRow } from '../types';
import { SECTION_NUMBERS } from '../types';
import { fix, replace, type Rule, type RuleContext } from './rule';

const TEXT_SECTIONS: SectionNumber[] = ['一', '五', '六'];
const TABLE_SECTIONS: TableId[] = ['二', '三', '四'];

function titleOf(n: SectionNumber): string {
  return SECTIONS.find((s) => s.number === n)!.title;
}

function firstOf(ctx: RuleContext, n: SectionNumber): Section | undefined {
  return ctx.model.sections.find((s) => s.number === n);
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
  description: { 'zh-cn': '六个部分缺少其中之一', en: 'One of the six sections is missing' },
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
        insertAt = { start: { line: after.line, character: 0 }, end: { line: after.line, character: 0 } };
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
  description: { 'zh-cn': '六个部分顺序颠倒', en: 'Sections out of order' },
  check(ctx) {
    let maxSeen = -1;
    const seen = new Set<SectionNumber>();
    for (const s of ctx.model.sections) {
      const i = SECTION_NUMBERS.indexOf(s.number);
      if (seen.has(s.number)) continue;
      seen.add(s.number);
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
  description: { 'zh-cn': '同一部分出现两次', en: 'A section appears twice' },
  check(ctx) {
    const first = new Map<SectionNumber, Section>();
    for (const s of ctx.model.sections) {
      const f = first.get(s.number);
      if (f) ctx.report({ message: ctx.msg('section.duplicate', { num: s.number, first: f.line + 1 }), range: s.range });
      else first.set(s.number, s);
    }
  },
};

const headingVariant: Rule = {
  code: 'XR004',
  alias: 'heading-variant',
  severity: 'information',
  level: 'sections',
  description: { 'zh-cn': '部分标题不是规范写法', en: 'Section heading is a known variant' },
  check(ctx) {
    for (const s of ctx.model.sections) {
      if (s.canonical) continue;
      ctx.report({
        message: ctx.msg('section.variant', { found: ctx.model.lines[s.line].slice(s.range.start.character, s.range.end.character), canonical: s.canonicalTitle }),
        range: s.range,
        fixes: [fix(ctx.msg('fix.canonical', { canonical: s.canonicalTitle }), [replace(s.range, s.canonicalTitle)])],
      });
    }
  },
};

const headingNumbering: Rule = {
  code: 'XR005',
  alias: 'heading-numbering',
  severity: 'information',
  level: 'sections',
  description: { 'zh-cn': '部分标题编号不规范', en: 'Non-standard numeral or separator in a heading' },
  check(ctx) {
    for (const s of ctx.model.sections) {
      if (!s.oddNumbering) continue;
      const fixed = `${s.number}、${s.title}`;
      ctx.report({
        message: ctx.msg('section.numbering', { found: s.oddNumbering, num: s.number }),
        range: s.range,
        fixes: [fix(ctx.msg('fix.canonical', { canonical: fixed }), [replace(s.range, fixed)])],
      });
    }
  },
};

const emptySection: Rule = {
  code: 'XR006',
  alias: 'empty-section',
  severity: 'warning',
  level: 'sections',
  description: { 'zh-cn': '文字部分没有内容', en: 'A text section has no body' },
  check(ctx) {
    const lines = ctx.model.lines;
    for (const s of ctx.model.sections) {
      if (!TEXT_SECTIONS.includes(s.number)) continue;
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
  description: { 'zh-cn': '表格部分没有可识别的表格', en: 'Section 二/三/四 without a recognisable table' },
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
  description: { 'zh-cn': '表格缺少模板中的行', en: 'A template row is absent' },
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
  description: { 'zh-cn': '表格中有模板之外的行（细分行、小计行）', en: 'A row not in the template (sub-rows, subtotals)' },
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
  description: { 'zh-cn': '模板中的行顺序颠倒', en: 'Template rows out of order' },
  check(ctx) {
    for (const table of Object.values(ctx.model.tables)) {
      const order = templateRows(table).map((r) => r.key);
      let max = -1;
      for (const r of table.rows) {
        if (r.kind !== 'data' || !r.key) continue;
        const i = order.indexOf(r.key);
        if (i < max) {
          const after = templateRows(table)[i - 1]?.label ?? '';
          ctx.report({
            message: ctx.msg('row.order', { table: ctx.msg('table.name', { table: table.id }), row: r.label, after }),
            range: r.labelCells[r.labelCells.length - 1]?.range ?? r.range,
            table: table.id,
            row: r.label,
          });
        }
        max = Math.max(max, i);
      }
    }
  },
};

const valueCount: Rule = {
  code: 'XR011',
  alias: 'value-count',
  severity: 'error',
  description: { 'zh-cn': '一行的数值个数与模板不符', en: 'More or fewer values than the template' },
  check(ctx) {
    for (const table of Object.values(ctx.model.tables)) {
      for (const r of table.rows) {
        if (r.aligned || r.expected === 0 || (r.kind !== 'data' && r.kind !== 'extra')) continue;
        ctx.report({
          message: ctx.msg('row.valueCount', { table: ctx.msg('table.name', { table: table.id }), row: r.label || '—', expected: r.expected, actual: r.cells.filter((c) => c.text !== '').length }),
          range: r.labelCells[r.labelCells.length - 1]?.range ?? r.range,
          table: table.id,
          row: r.label || undefined,
        });
      }
    }
  },
};

interface LabelFinding {
  cell: LabelCell;
  canonical: string;
  wording: boolean;
}

function labelFindings(table: Table): LabelFinding[] {
  const ix = indexesOf(table.version ?? '2021');
  const out: LabelFinding[] = [];
  const check = (cell: LabelCell, index: LabelIndex<{ label: string; group?: string }>, group?: string) => {
    const m = index.match(cell.norm, group);
    if (!m) return;
    const canonical = m.spec.label;
    const norm = normalizeLabel(canonical);
    // A header that adds a note to the template's words (`采购总金额（万元，保留四位小数）`) is fine.
    if (cell.norm.startsWith(norm.replace(/（.*$/, '') + '（') && index !== ix.t2Rows && index !== ix.t3Rows) return;
    if (cell.norm !== norm) out.push({ cell, canonical, wording: true });
    else if (cell.text !== canonical && !cell.text.includes('\n') && cell.range.start.line === cell.range.end.line) out.push({ cell, canonical, wording: false });
  };
  for (const r of table.rows) {
    if (r.kind === 'header' || r.kind === 'caption') {
      for (const c of r.labelCells) {
        if (table.id === '二') check(c, ix.t2Columns);
        else if (table.id === '三') check(c, ix.t3Columns);
        else if (c.norm === '未经复议直接诉讼') out.push({ cell: c, canonical: '未经复议直接起诉', wording: true });
      }
      continue;
    }
    if (!r.key || (r.kind !== 'data' && r.kind !== 'group')) continue;
    for (const c of r.labelCells) check(c, table.id === '二' ? ix.t2Rows : ix.t3Rows, r.group);
  }
  return out;
}

const labelVariant: Rule = {
  code: 'XR012',
  alias: 'label-variant',
  severity: 'information',
  description: { 'zh-cn': '固定标签不是模板用语（社会组织、只记、空格、半角）', en: 'A fixed label is not canonical (社会组织, 只记, spacing, half-width)' },
  check(ctx) {
    for (const table of Object.values(ctx.model.tables)) {
      const findings = labelFindings(table);
      for (const f of findings.filter((x) => x.wording)) {
        ctx.report({
          message: ctx.msg('label.variant', { found: f.cell.text, canonical: f.canonical }),
          range: f.cell.range,
          table: table.id,
          fixes: singleLine(f.cell) ? [fix(ctx.msg('fix.canonical', { canonical: f.canonical }), [replace(f.cell.range, f.canonical)])] : [],
        });
      }
      // Formatting-only differences are common across a whole table: one finding, with the count.
      const format = findings.filter((x) => !x.wording);
      if (format.length > 0) {
        const f = format[0];
        const more = format.length - 1;
        ctx.report({
          message: more > 0 ? ctx.msg('label.formatMore', { found: f.cell.text, canonical: f.canonical, more }) : ctx.msg('label.format', { found: f.cell.text, canonical: f.canonical }),
          range: f.cell.range,
          table: table.id,
          fixes: [fix(ctx.msg('fix.canonical', { canonical: f.canonical }), [replace(f.cell.range, f.canonical)])],
        });
      }
    }
  },
};

function singleLine(c: LabelCell): boolean {
  return c.range.start.line === c.range.end.line;
}

const conversionArtifact: Rule = {
  code: 'XR013',
  alias: 'conversion-artifact',
  severity: 'information',
  description: { 'zh-cn': '文中残留文档转换标记（[image: …]、[bookmark: …]）', en: 'Converter artefacts left in the text' },
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
];
