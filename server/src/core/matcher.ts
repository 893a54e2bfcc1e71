// Scores a normalised label against the labels of a template (rows, columns, sections): exact, a known
// alias, the same words under another ordinal, the words before a parenthetical note, then fuzzily
// (a dropped, doubled or changed character). The reader aligns on these scores (spec §5.5).

import { textSimilarity } from './similarity';
import { normalizeLabel } from './text';

/** How an observed label relates to the template's wording. */
export type MatchHow = 'exact' | 'wording';

export interface Scored<T> {
  spec: T;
  /** 0..1; 1 for the canonical wording or a known alias. */
  score: number;
  how: MatchHow;
}

interface Labelled {
  label: string;
  aliases?: string[];
}

interface Entry<T> {
  spec: T;
  canonical: string;
  forms: string[];
  cores: string[];
  ordinal: string | null;
  /** Words before a parenthetical note (`部分公开` of `（二）部分公开（区分处理的…）`). */
  noteCore: string | null;
}

const ORDINAL_RE = /^(?:[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）|\d+[.、．]|（\d+）)/;

/** The label without its leading ordinal (`（一）`, `1.`, `一、`). */
export function stripOrdinal(norm: string): string {
  const m = ORDINAL_RE.exec(norm);
  return m ? norm.slice(m[0].length) : norm;
}

/** The ordinal as a bare numeral (`（三）` and `三、` both give `三`), or null. */
export function ordinalOf(norm: string): string | null {
  const m = ORDINAL_RE.exec(norm);
  return m ? m[0].replace(/[（）、.．]/g, '') : null;
}

/** Below this a fuzzy score is not worth computing exactly. */
const FUZZY_FLOOR = 0.5;
/** Labels remembered per matcher: more than a table of thousands of rows reads twice (alignment, swaps). */
const MEMO_SIZE = 8192;

export class LabelMatcher<T extends Labelled> {
  private readonly entries: Entry<T>[] = [];
  private readonly exact = new Map<string, { entry: Entry<T>; canonical: boolean }>();
  /** Per label: the scored candidates (labels repeat across tables, versions and edits). */
  private readonly cache = new Map<string, Scored<T>[]>();
  private readonly positions = new Map<T, number>();
  /** The template entries in order. */
  readonly specs: readonly T[];

  /**
   * @param prefix a label that is the start of a template label (≥ 2 characters) counts as a near
   *   miss: column names lose their last word (`法律服务` for `法律服务机构`). Off for row labels.
   */
  constructor(
    specs: readonly T[],
    private readonly prefix = false,
  ) {
    for (const spec of specs) {
      const canonical = normalizeLabel(spec.label);
      if (canonical === '') continue;
      const forms = [canonical, ...(spec.aliases ?? []).map(normalizeLabel)];
      const cores = forms.map(stripOrdinal);
      const bare = stripOrdinal(canonical);
      const note = bare.indexOf('（');
      const entry: Entry<T> = { spec, canonical, forms, cores, ordinal: ordinalOf(canonical), noteCore: note >= 2 ? bare.slice(0, note) : null };
      this.entries.push(entry);
      forms.forEach((f, k) => {
        if (!this.exact.has(f)) this.exact.set(f, { entry, canonical: k === 0 });
      });
    }
    this.specs = this.entries.map((e) => e.spec);
    this.specs.forEach((spec, j) => this.positions.set(spec, j));
  }

  /** Position of an entry in template order. */
  indexOf(spec: T): number {
    return this.positions.get(spec) ?? -1;
  }

  /** Every entry the label could be, best first, with a score of at least `floor` (≥ FUZZY_FLOOR). */
  candidates(norm: string, floor = FUZZY_FLOOR): Scored<T>[] {
    const list = this.scored(norm);
    if (floor <= FUZZY_FLOOR || list.length === 0 || list[list.length - 1].score >= floor) return list;
    const end = list.findIndex((c) => c.score < floor);
    return list.slice(0, end);
  }

  /** The best entry, if it scores at least `floor`. */
  best(norm: string, floor = FUZZY_FLOOR): Scored<T> | null {
    const first = this.scored(norm)[0];
    return first && first.score >= floor ? first : null;
  }

  /** Scored once per label at the lowest floor; a higher floor is a prefix of the list (best first). */
  private scored(norm: string): Scored<T>[] {
    if (norm === '') return [];
    let list = this.cache.get(norm);
    if (list === undefined) {
      list = this.compute(norm, FUZZY_FLOOR);
      // A bounded memo: hostile documents must not grow it without end.
      if (this.cache.size >= MEMO_SIZE) this.cache.clear();
      this.cache.set(norm, list);
    }
    return list;
  }

  private compute(norm: string, floor: number): Scored<T>[] {
    const hit = this.exact.get(norm);
    if (hit) return [{ spec: hit.entry.spec, score: 1, how: hit.canonical ? 'exact' : 'wording' }];
    const core = stripOrdinal(norm);
    const ordinal = ordinalOf(norm);
    const out: Scored<T>[] = [];
    for (const e of this.entries) {
      let score = 0;
      if (core !== '' && e.cores.includes(core)) score = ordinal && e.ordinal && ordinal !== e.ordinal ? 0.8 : 0.95;
      else if (e.noteCore && core !== '' && (core === e.noteCore || core.startsWith(e.noteCore + '（'))) score = 0.9;
      else if (core.length >= 2) {
        for (const c of e.cores) score = Math.max(score, textSimilarity(core, c, FUZZY_FLOOR));
        if (e.noteCore) score = Math.max(score, textSimilarity(core, e.noteCore, FUZZY_FLOOR) - 0.05);
        if (this.prefix) for (const c of e.cores) if (c.length > core.length && c.startsWith(core)) score = Math.max(score, 0.7 + (0.25 * core.length) / c.length);
        // A numbered label whose number agrees is likelier that row; one whose number differs, less.
        if (score > 0 && ordinal && e.ordinal) score += ordinal === e.ordinal ? 0.05 : -0.15;
        score = Math.min(score, 0.94);
      }
      if (score >= floor) out.push({ spec: e.spec, score, how: 'wording' });
    }
    return out.sort((a, b) => b.score - a.score);
  }
}
