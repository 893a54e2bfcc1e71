// The two official templates, loaded from data (templates/*.json), and label matching against them.
// Adding a template means adding a JSON file and one line in TEMPLATES; no code branches on versions.

import common from './templates/common.json';
import v2019 from './templates/2019.json';
import v2021 from './templates/2021.json';
import { normalizeLabel } from './text';
import type { TableId, TemplateVersion } from './types';

export type ValueKindSpec = 'count' | 'delta' | 'amount';

export interface RowSpec {
  key: string;
  label: string;
  aliases?: string[];
  /** 'group' rows carry no values (三、本年度办理结果, （三）不予公开 …). */
  kind?: 'group';
  group?: string;
  /** Counted in （七）总计 (T3-RESULT). */
  result?: boolean;
}

export interface ColumnSpec {
  key: string;
  label: string;
  kind?: ValueKindSpec;
  /** Unit the template's header fixes (万元 for the 2021 fee column). */
  unit?: string;
  aliases?: string[];
}

export interface SubtableSpec {
  key: string;
  caption: string;
  columns: ColumnSpec[];
  rows: RowSpec[];
}

export interface CellRefSpec {
  row?: string;
  col?: string;
  rowTag?: 'result';
}

export interface IdentitySpec {
  id: string;
  code: string;
  table: TableId;
  over: 'rows' | 'columns' | 'once';
  left: CellRefSpec[];
  right: CellRefSpec[];
  output?: CellRefSpec;
  preferredFix?: boolean;
}

export interface SectionSpec {
  number: string;
  title: string;
  aliases?: string[];
  keywords: string[][];
}

export interface Template {
  version: TemplateVersion;
  firstYear: number;
  lastYear: number;
  t2: SubtableSpec[];
  t3Rows: RowSpec[];
  t3Columns: ColumnSpec[];
  t4Columns: ColumnSpec[];
  identities: IdentitySpec[];
}

function build(data: typeof v2019 | typeof v2021): Template {
  return {
    version: data.version as TemplateVersion,
    firstYear: data.firstYear,
    lastYear: data.lastYear,
    t2: data.t2 as SubtableSpec[],
    t3Rows: [...common.t3.rowsBeforeOther, ...(data.t3Other as RowSpec[]), ...common.t3.rowsAfterOther] as RowSpec[],
    t3Columns: common.t3.columns,
    t4Columns: common.t4.columns,
    identities: common.identities as IdentitySpec[],
  };
}

export const TEMPLATES: Record<TemplateVersion, Template> = { '2019': build(v2019), '2021': build(v2021) };
export const VERSIONS = Object.keys(TEMPLATES) as TemplateVersion[];
export const SECTIONS: SectionSpec[] = common.sections;
export const T3_HEADER_LABELS = new Set(common.t3.headerLabels.map(normalizeLabel));
export const T4_HEADER_LABELS = new Set(common.t4.headerLabels.map(normalizeLabel));
export const T4_HEADER_ALIASES: Record<string, string> = common.t4.headerAliases;

export function templateForYear(year: number | null): TemplateVersion | null {
  if (year === null) return null;
  for (const v of VERSIONS) if (year >= TEMPLATES[v].firstYear && year <= TEMPLATES[v].lastYear) return v;
  return null;
}

const ORDINAL_RE = /^(?:[一二三四五六七八九十]+[、.]|（[一二三四五六七八九十]+）|\d+[.、]|（\d+）)/;

/** The label without its ordinal (`（一）`, `1.`, `一、`). */
export function stripOrdinal(norm: string): string {
  return norm.replace(ORDINAL_RE, '');
}

export interface LabelMatch<T> {
  spec: T;
  /** 'exact' matches the canonical wording; 'wording' an alias, a typo or a missing ordinal. */
  how: 'exact' | 'wording';
}

interface Labelled {
  label: string;
  aliases?: string[];
  group?: string;
}

/** Matches normalised labels to template entries: exact, alias, without ordinal, then by leading words. */
export class LabelIndex<T extends Labelled> {
  private readonly exact = new Map<string, T>();
  private readonly alias = new Map<string, T>();
  private readonly bare = new Map<string, T[]>();
  private readonly cores: { core: string; spec: T }[] = [];

  constructor(specs: readonly T[]) {
    for (const spec of specs) {
      const norm = normalizeLabel(spec.label);
      if (norm === '') continue;
      this.exact.set(norm, spec);
      for (const a of spec.aliases ?? []) this.alias.set(normalizeLabel(a), spec);
      for (const form of [norm, ...(spec.aliases ?? []).map(normalizeLabel)]) {
        const b = stripOrdinal(form);
        const list = this.bare.get(b) ?? [];
        if (!list.includes(spec)) list.push(spec);
        this.bare.set(b, list);
      }
      // Leading words before a parenthetical note: `部分公开` of `（二）部分公开（区分处理的…）`.
      const core = stripOrdinal(norm).replace(/（.*$/, '');
      if (core.length >= 4) this.cores.push({ core, spec });
    }
  }

  match(norm: string, group?: string): LabelMatch<T> | null {
    if (norm === '') return null;
    const e = this.exact.get(norm);
    if (e) return { spec: e, how: 'exact' };
    const a = this.alias.get(norm);
    if (a) return { spec: a, how: 'wording' };
    const bare = stripOrdinal(norm);
    const list = this.bare.get(bare);
    if (list) {
      const pick = list.length === 1 ? list[0] : list.find((s) => s.group === group);
      if (pick) return { spec: pick, how: 'wording' };
    }
    if (bare.length >= 4) {
      for (const { core, spec } of this.cores) if (bare.startsWith(core)) return { spec, how: 'wording' };
    }
    return null;
  }
}

export interface TemplateIndexes {
  t2Captions: LabelIndex<{ label: string; sub: SubtableSpec }>;
  t2Rows: LabelIndex<RowSpec>;
  t2Columns: LabelIndex<ColumnSpec>;
  t3Rows: LabelIndex<RowSpec>;
  t3Columns: LabelIndex<ColumnSpec>;
}

const indexCache = new Map<TemplateVersion, TemplateIndexes>();

/** Label indexes of a template, built once and shared by the parser and the rules. */
export function indexesOf(version: TemplateVersion): TemplateIndexes {
  let ix = indexCache.get(version);
  if (!ix) {
    const t = TEMPLATES[version];
    ix = {
      t2Captions: new LabelIndex(t.t2.map((s) => ({ label: s.caption, sub: s }))),
      t2Rows: new LabelIndex(t.t2.flatMap((s) => s.rows.map((r) => ({ ...r, group: s.key })))),
      t2Columns: new LabelIndex(t.t2.flatMap((s) => s.columns)),
      t3Rows: new LabelIndex(t.t3Rows),
      t3Columns: new LabelIndex(t.t3Columns),
    };
    indexCache.set(version, ix);
  }
  return ix;
}
