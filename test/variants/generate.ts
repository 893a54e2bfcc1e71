// Generating variants: a seed, its data (as published or refilled with non-zero numbers), a flattening
// and a list of classes applied in turn with one seeded RNG. The same spec always gives the same text.

import { SEEDS } from '../helpers/reports';
import { cloneReport, fromSeed, nonZero, rng, type Report, type TableId } from './abstract';
import { CLASSES, CLASS_NAMES, type Deserved, type Doc } from './classes';
import { FLATTENINGS, canonicalPresentation, render, type Flattening, type Rendered } from './render';

export { SEEDS, FLATTENINGS, CLASS_NAMES };
export type { Flattening };

export interface VariantSpec {
  seed: string;
  data: 'seed' | 'nonzero';
  flattening: Flattening;
  /** Class names, applied in the order of CLASSES; empty for the canonical rendering. */
  classes: string[];
  rngSeed: number;
  /** Mutate every count of 三 and 四 (else a sample): the canonical and first single of each class. */
  everyCell?: boolean;
}

export interface Variant extends Rendered {
  spec: VariantSpec;
  /** Classes that applied (a combination skips those that do not fit what came before). */
  applied: string[];
  deserved: Deserved[];
  /** The same abstract report written the careful way, in the same flattening. */
  canonical: Rendered;
  doc: Doc;
}

const seedReports = new Map<string, Report>();

/** The abstract report of a seed and data kind (non-zero data depend on the seed only, not on the variant). */
export function abstractReport(seed: string, data: 'seed' | 'nonzero'): Report {
  const key = `${seed}|${data}`;
  let r = seedReports.get(key);
  if (!r) {
    const base = seedReports.get(`${seed}|seed`) ?? fromSeed(seed);
    seedReports.set(`${seed}|seed`, base);
    r = data === 'seed' ? base : nonZero(base, rng(7919 * (SEEDS.indexOf(seed) + 1)));
    seedReports.set(key, r);
  }
  return r;
}

/** Renders a variant with its ground truth; null when one of its classes does not apply alone. */
export function generate(spec: VariantSpec): Variant | null {
  const doc: Doc = { report: cloneReport(abstractReport(spec.seed, spec.data)), p: canonicalPresentation(), deserved: [] };
  // Consecutive seeds start mulberry32 close together: mix first.
  const rand = rng(Math.imul(spec.rngSeed ^ (spec.rngSeed >>> 16), 0x45d9f3b) ^ 0x2545f491);
  const applied: string[] = [];
  for (const cls of CLASSES) {
    if (!spec.classes.includes(cls.name)) continue;
    if (cls.apply(doc, rand, spec.flattening)) applied.push(cls.name);
    else if (spec.classes.length === 1) return null;
  }
  const rendered = render(doc.report, doc.p, spec.flattening);
  const canonical = render(doc.report, canonicalPresentation(), spec.flattening);
  // Blank cells: one XR201 per table that has any (spec §4.2), whatever made them blank.
  const blankTables = new Set(rendered.truth.values.filter((v) => v.text === '').map((v) => v.table));
  for (const t of blankTables) doc.deserved.push({ code: 'XR201', at: { kind: 'table', table: t as TableId }, required: true, once: true, why: 'blank cells are reported once per table (spec §4.2)' });
  return { ...rendered, spec, applied, deserved: doc.deserved, canonical, doc };
}

/** Classes that can apply to a seed (outdated.row needs a 2021-format report). */
/** The classes that fit a seed (and a flattening, where given). */
export function classesFor(seed: string, flattening?: Flattening): string[] {
  return CLASSES.filter((c) => c.name !== 'outdated.row' || abstractReport(seed, 'seed').version === '2021')
    .filter((c) => !flattening || !c.flattenings || c.flattenings.includes(flattening))
    .map((c) => c.name);
}

export interface CorpusOptions {
  /** RNG seeds per single-class document. */
  singles: number;
  /** Combined documents (2–4 classes) per seed × data × flattening. */
  combined: number;
  base: number;
  seeds?: string[];
  flattenings?: readonly Flattening[];
  classes?: string[];
}

/** Every seed × data × flattening × (canonical, each class `singles` times, `combined` random combinations). */
export function corpus(o: CorpusOptions): VariantSpec[] {
  const out: VariantSpec[] = [];
  const mix = rng(o.base ^ 0x5bd1e995);
  let n = o.base;
  for (const seed of o.seeds ?? SEEDS)
    for (const data of ['seed', 'nonzero'] as const)
      for (const flattening of o.flattenings ?? FLATTENINGS) {
        const names = classesFor(seed, flattening).filter((c) => !o.classes || o.classes.includes(c));
        out.push({ seed, data, flattening, classes: [], rngSeed: n++, everyCell: true });
        for (const c of names) for (let k = 0; k < o.singles; k++) out.push({ seed, data, flattening, classes: [c], rngSeed: n++, everyCell: k === 0 });
        for (let k = 0; k < o.combined; k++) {
          const pool = [...names];
          const size = 2 + Math.floor(mix() * 3);
          const chosen: string[] = [];
          while (chosen.length < size && pool.length > 0) chosen.push(pool.splice(Math.floor(mix() * pool.length), 1)[0]);
          out.push({ seed, data, flattening, classes: chosen, rngSeed: n++ });
        }
      }
  return out;
}

/** A short name for reports: `label.typo` or `combined`. */
export const classLabel = (spec: VariantSpec) => (spec.classes.length === 0 ? 'canonical' : spec.classes.length === 1 ? spec.classes[0] : 'combined');
