// The two official templates, loaded from data (templates/*.json), and label matching against them.
// Adding a template means adding a JSON file and one line in TEMPLATES; no code branches on versions.

// Named imports: what the code does not read ($comment, the notes for people) stays out of the bundles.
import { identities, sections, t3, t4 } from './templates/common.json';
import { firstYear as firstYear2019, lastYear as lastYear2019, t2 as t2Of2019, t3Other as t3OtherOf2019, version as version2019 } from './templates/2019.json';
import { firstYear as firstYear2021, lastYear as lastYear2021, t2 as t2Of2021, t3Other as t3OtherOf2021, version as version2021 } from './templates/2021.json';
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

interface TemplateData {
  version: string;
  firstYear: number;
  lastYear: number;
  t2: unknown;
  t3Other: unknown;
}

function build(data: TemplateData): Template {
  return {
    version: data.version as TemplateVersion,
    firstYear: data.firstYear,
    lastYear: data.lastYear,
    t2: data.t2 as SubtableSpec[],
    t3Rows: [...t3.rowsBeforeOther, ...(data.t3Other as RowSpec[]), ...t3.rowsAfterOther] as RowSpec[],
    t3Columns: t3.columns,
    t4Columns: t4.columns,
    identities: identities as IdentitySpec[],
  };
}

export const TEMPLATES: Record<TemplateVersion, Template> = {
  '2019': build({ version: version2019, firstYear: firstYear2019, lastYear: lastYear2019, t2: t2Of2019, t3Other: t3OtherOf2019 }),
  '2021': build({ version: version2021, firstYear: firstYear2021, lastYear: lastYear2021, t2: t2Of2021, t3Other: t3OtherOf2021 }),
};
export const VERSIONS = Object.keys(TEMPLATES) as TemplateVersion[];
export const SECTIONS: SectionSpec[] = sections;
/** Header words of table 三 that name no column: 申请人情况, 法人或其他组织, the corner note. */
export const T3_HEADER_LABELS_LIST: readonly string[] = t3.headerLabels;
/** The five result columns each group of table 四 repeats. */
export const T4_LEAF_LABELS: readonly string[] = t4.leafLabels;
/** Group names of table 四's header, with the group (0–2) whose five columns they head; 行政诉讼 heads two. */
export const T4_GROUP_LABELS: readonly { label: string; aliases?: string[]; group: number | null }[] = t4.groups;

export function templateForYear(year: number | null): TemplateVersion | null {
  if (year === null) return null;
  for (const v of VERSIONS) if (year >= TEMPLATES[v].firstYear && year <= TEMPLATES[v].lastYear) return v;
  return null;
}
