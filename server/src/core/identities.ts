// Evaluates the arithmetic identities of the templates (spec §4.1) over a parsed model, locates the
// wrong cell where a row and a column identity disagree by the same amount, and plans fixes that never
// break an identity that holds (spec §4.2). Rules turn the plan into diagnostics; fix-all applies it.
//
// Blank cells are unknown non-negative integers (spec §4.2, revised). Identities with blanks are still
// evaluated, in three tiers: broken whatever the blanks hold (certain); broken if the blanks are 0 and the
// table itself shows its blanks are zeros (zero-evident); broken if the blanks are 0, without that
// evidence (zero-assumed). Locating and planning work in that "blanks are 0" world. A blank *total* is
// "not filled in": it takes no part, and where its terms are known it can be computed.

import { numericValue } from './numbers';
import { TEMPLATES, type CellRefSpec, type IdentitySpec, type Template } from './templates';
import type { ReportModel, Table, TableId, TableRow, ValueCell } from './types';

export interface Term {
  row: TableRow;
  cell: ValueCell;
}

export interface Instance {
  spec: IdentitySpec;
  /** 'XR105' for subtotal rows, else the spec's code. */
  code: string;
  table: TableId;
  /** The row (over rows) or column label (over columns) the instance is about. */
  scopeRow?: TableRow;
  scopeColumn?: string;
  left: Term[];
  right: Term[];
  output: Term;
  preferredFix: boolean;
  /**
   * Why it is not evaluated: a missing row, a cell that is no number, or 'defines-blank': its output is a
   * blank total, which it defines (the total is "not filled in", and other identities use its terms).
   */
  skipped?: 'missing' | 'unknown' | 'defines-blank';
  /** The sides as evaluated: each blank total replaced by the terms that define it. */
  evalLeft: Term[];
  evalRight: Term[];
  /** Blank cells among the evaluated terms (each an unknown non-negative integer). */
  blanks: number;
}

/**
 * How sure a finding is: 'certain' (no blank involved, or broken whatever the blanks hold),
 * 'zero-evident' (broken with blanks as 0, and the table shows its blanks are zeros), 'zero-assumed'
 * (broken with blanks as 0, without that evidence: a warning).
 */
export type Tier = 'certain' | 'zero-evident' | 'zero-assumed';

export interface Located {
  term: Term;
  expected: number;
  actual: number | null;
  delta: number;
  instances: Instance[];
  tier: Tier;
}

export interface TotalFinding {
  instance: Instance;
  expected: number;
  actual: number;
  /** Left minus right on the values used (after earlier fixes in the plan). */
  diff: number;
  /** The fix is safe: it breaks no identity that holds. */
  safe: boolean;
  /** Identity a recompute would break (why there is no safe fix). */
  wouldBreak?: Instance;
  /** For a non-preferred fix (T3-BAL): every cell the fix sets, so that together they harm nothing. */
  together?: { term: Term; value: number }[];
  tier: Tier;
  /** A total whose detail cells no other identity can check (every group of 四, an extra row of 三): one of them may be the wrong one. */
  detailsUnchecked?: boolean;
  /** The output is a blank total another identity defines, and the two computations disagree (actual vs expected). */
  blankConflict?: boolean;
}

export interface Computable {
  term: Term;
  expected: number;
  instance: Instance;
}

/** The blank cells of one table and what its identities say about them (XR201, once per table). */
export interface BlankCells {
  table: TableId;
  cells: Term[];
  /** What each blank holds once filled: 0, and a blank total the sum of its terms with the blanks as 0. */
  fills: number[];
  /** 'zeros': identities with blanks all hold with blanks as 0; 'broken': some do not; 'unknown': none tells. */
  verdict: 'zeros' | 'broken' | 'unknown';
}

export interface Analysis {
  instances: Instance[];
  located: Located[];
  totals: TotalFinding[];
  /** Blank output cells whose terms are all known. */
  computable: Computable[];
  blanks: BlankCells[];
  /** A cell's value in arithmetic: its number, or null (blank or not a number). */
  valueOf(cell: ValueCell): number | null;
}

const PRIORITY = ['T3-ROW', 'T3-SUB', 'T4-SUM', 'T3-RESULT', 'T3-BAL'];

function dataRows(table: Table): Map<string, TableRow> {
  const map = new Map<string, TableRow>();
  for (const r of table.rows) if (r.key && (r.kind === 'data' || r.kind === 'extra') && r.cells.length > 0 && !map.has(r.key)) map.set(r.key, r);
  return map;
}

function cellOf(row: TableRow | undefined, col: string): ValueCell | undefined {
  return row?.aligned ? row.cells.find((c) => c.columnKey === col) : undefined;
}

function instancesFor(model: ReportModel, template: Template): Instance[] {
  const out: Instance[] = [];
  for (const id of ['三', '四'] as TableId[]) {
    const table = model.tables[id];
    if (!table) continue;
    const t = table.version ? TEMPLATES[table.version] : template;
    const rows = dataRows(table);
    const columns = id === '三' ? t.t3Columns : t.t4Columns;
    const resultRows = t.t3Rows.filter((r) => r.result).map((r) => r.key);
    const make = (spec: IdentitySpec, code: string, rowKey: string | undefined, colKey: string | undefined, left: CellRefSpec[], right: CellRefSpec[], output: CellRefSpec) => {
      let missing = false;
      const resolve = (refs: CellRefSpec[]): Term[] => {
        const terms: Term[] = [];
        for (const ref of refs) {
          const keys = ref.rowTag === 'result' ? resultRows : [ref.row ?? rowKey!];
          for (const k of keys) {
            const row = rows.get(k);
            const cell = cellOf(row, ref.col ?? colKey!);
            if (!row || !cell) missing = true;
            else terms.push({ row, cell });
          }
        }
        return terms;
      };
      const l = resolve(left);
      const r = resolve(right);
      const o = resolve([output]);
      if (o.length === 0) return;
      const inst: Instance = {
        spec,
        code,
        table: id,
        scopeRow: rowKey ? rows.get(rowKey) : undefined,
        scopeColumn: colKey ? columns.find((c) => c.key === colKey)?.label : undefined,
        left: l,
        right: r,
        output: o[0],
        preferredFix: spec.preferredFix !== false,
        evalLeft: l,
        evalRight: r,
        blanks: 0,
      };
      if (missing) inst.skipped = 'missing';
      out.push(inst);
    };
    for (const spec of t.identities) {
      if (spec.table !== id) continue;
      const output = spec.output ?? spec.left[0];
      if (spec.over === 'rows') {
        for (const key of rows.keys()) make(spec, spec.code, key, undefined, spec.left, spec.right, output);
      } else if (spec.over === 'columns') {
        for (const c of columns) make(spec, spec.code, undefined, c.key, spec.left, spec.right, output);
      } else {
        make(spec, spec.code, undefined, undefined, spec.left, spec.right, output);
      }
    }
    // Authors' subtotal rows (spec T3-SUB): not in the template, so derived from the rows found.
    if (id === '三') {
      for (const [key, row] of rows) {
        if (!key.endsWith('.subtotal')) continue;
        const group = key.slice(0, -'.subtotal'.length);
        const members = t.t3Rows.filter((r) => r.group === group).map((r) => ({ row: r.key }));
        const spec: IdentitySpec = { id: 'T3-SUB', code: 'XR105', table: '三', over: 'columns', left: [{ row: key }], right: members };
        for (const c of columns) make(spec, 'XR105', row.key!, c.key, [{ row: key }], members, { row: key });
      }
    }
  }
  return out;
}

type Values = Map<ValueCell, number | null>;

function sum(terms: Term[], values: Values): number | null {
  let s = 0;
  for (const t of terms) {
    const v = values.get(t.cell);
    if (v === null || v === undefined) return null;
    s += v;
  }
  return s;
}

/** Left minus right, or null when the identity cannot be evaluated. */
function diffOf(inst: Instance, values: Values): number | null {
  if (inst.skipped) return null;
  const l = sum(inst.evalLeft, values);
  const r = sum(inst.evalRight, values);
  return l === null || r === null ? null : l - r;
}

/** How much the output cell must change to make the identity hold. */
function outputDelta(inst: Instance, diff: number): number {
  return inst.evalLeft.some((t) => t.cell === inst.output.cell) ? -diff : diff;
}

/** Tables 三 and 四 hold counts: a decimal or an integer beyond exact arithmetic is not one (XR204/XR203). */
function countOf(cell: ValueCell): number | null {
  const v = numericValue(cell.value);
  return v !== null && Number.isSafeInteger(v) ? v : null;
}

const isBlank = (cell: ValueCell) => cell.value.kind === 'blank';

/** Could the blanks (unknown non-negative integers) make the identity hold? */
function feasible(inst: Instance, known: Values): boolean {
  let diff = 0;
  let blankLeft = 0;
  let blankRight = 0;
  for (const t of inst.evalLeft) {
    const v = known.get(t.cell);
    if (v === null || v === undefined) blankLeft++;
    else diff += v;
  }
  for (const t of inst.evalRight) {
    const v = known.get(t.cell);
    if (v === null || v === undefined) blankRight++;
    else diff -= v;
  }
  return diff === 0 || (diff < 0 && blankLeft > 0) || (diff > 0 && blankRight > 0);
}

export function analyze(model: ReportModel, blankAsZero = false): Analysis {
  const template = TEMPLATES[model.template ?? '2021'];
  const instances = instancesFor(model, template);
  for (const inst of instances) {
    if (inst.skipped) continue;
    for (const t of inst.left) if (t.cell.value.kind === 'invalid' || (t.cell.value.kind === 'number' && countOf(t.cell) === null)) inst.skipped = 'unknown';
    for (const t of inst.right) if (t.cell.value.kind === 'invalid' || (t.cell.value.kind === 'number' && countOf(t.cell) === null)) inst.skipped = 'unknown';
  }
  // A blank total is "not filled in": the first identity that computes it (row totals before column
  // totals) defines it, and every other identity reads it as the terms it stands for.
  const definer = new Map<ValueCell, Instance>();
  if (!blankAsZero) {
    const ordered = instances.filter((i) => !i.skipped && i.preferredFix).sort((a, b) => PRIORITY.indexOf(a.spec.id) - PRIORITY.indexOf(b.spec.id));
    for (const inst of ordered) {
      const out = inst.output.cell;
      if (isBlank(out) && !definer.has(out) && inst.left.length === 1 && inst.left[0].cell === out) {
        definer.set(out, inst);
        inst.skipped = 'defines-blank';
      }
    }
    const expand = (terms: Term[], seen: Set<Instance>): { plus: Term[]; minus: Term[] } => {
      const plus: Term[] = [];
      const minus: Term[] = [];
      for (const t of terms) {
        const d = definer.get(t.cell);
        if (!d || seen.has(d)) {
          plus.push(t);
          continue;
        }
        const next = new Set(seen).add(d);
        const inner = expand(d.right, next);
        plus.push(...inner.plus);
        minus.push(...inner.minus);
      }
      return { plus, minus };
    };
    for (const inst of instances) {
      if (inst.skipped) continue;
      const seen = new Set<Instance>([inst]);
      const l = expand(inst.left, seen);
      const r = expand(inst.right, seen);
      inst.evalLeft = [...l.plus, ...r.minus];
      inst.evalRight = [...r.plus, ...l.minus];
    }
  }
  // `known`: numbers only (blank unknown); `zero`: blanks as 0, the world locating and planning work in.
  const known: Values = new Map();
  const zero: Values = new Map();
  const record = (terms: Term[]) => {
    for (const t of terms) {
      if (known.has(t.cell)) continue;
      const blank = isBlank(t.cell);
      const v = blank ? (blankAsZero ? 0 : null) : countOf(t.cell);
      known.set(t.cell, v);
      zero.set(t.cell, blank ? 0 : v);
    }
  };
  for (const inst of instances) {
    record(inst.left);
    record(inst.right);
    record(inst.evalLeft);
    record(inst.evalRight);
  }
  for (const inst of instances) {
    if (inst.skipped) continue;
    let blanks = 0;
    for (const t of inst.evalLeft) if (isBlank(t.cell)) blanks++;
    for (const t of inst.evalRight) if (isBlank(t.cell)) blanks++;
    inst.blanks = blankAsZero ? 0 : blanks;
  }

  const evaluable = instances.filter((i) => !i.skipped);
  const failing = new Set(evaluable.filter((i) => diffOf(i, zero) !== 0));
  const byCell = new Map<ValueCell, { inst: Instance; side: 1 | -1; term: Term }[]>();
  for (const inst of evaluable) {
    for (const t of inst.evalLeft) push(byCell, t.cell, { inst, side: 1, term: t });
    for (const t of inst.evalRight) push(byCell, t.cell, { inst, side: -1, term: t });
  }

  // 1. A cell explains a set of failures when every identity it is in fails by the same amount.
  const candidates: Omit<Located, 'tier'>[] = [];
  for (const [cell, uses] of byCell) {
    if (uses.length < 2 || !uses.every((u) => failing.has(u.inst))) continue;
    const deltas = uses.map((u) => (u.side === 1 ? -diffOf(u.inst, zero)! : diffOf(u.inst, zero)!));
    if (!deltas.every((d) => d === deltas[0])) continue;
    const actual = zero.get(cell)!;
    const expected = actual + deltas[0];
    if (expected < 0) continue;
    candidates.push({ term: uses[0].term, expected, actual: isBlank(cell) ? null : actual, delta: deltas[0], instances: uses.map((u) => u.inst) });
  }
  const located: Omit<Located, 'tier'>[] = [];
  for (const c of candidates) {
    const sole = c.instances.every((inst) => candidates.filter((o) => o.instances.includes(inst)).length === 1);
    if (sole) located.push(c);
  }
  const planned: Values = new Map(zero);
  for (const l of located) {
    planned.set(l.term.cell, l.expected);
    for (const inst of l.instances) failing.delete(inst);
  }

  // 2. Remaining failures, in the order of spec §4.2: row totals, then （七）总计, then the balance.
  const totals: Omit<TotalFinding, 'tier'>[] = [];
  const ordered = [...evaluable].sort((a, b) => PRIORITY.indexOf(a.spec.id) - PRIORITY.indexOf(b.spec.id));
  for (const inst of ordered) {
    if (!failing.has(inst)) continue;
    const diff = diffOf(inst, planned);
    if (diff === null || diff === 0) continue; // a consequence of an earlier finding
    const out = inst.output.cell;
    if (definer.has(out)) {
      // Two ways to compute a blank total disagree: nothing of its own to recompute.
      const l = sum(inst.evalLeft, planned) ?? 0;
      const r = sum(inst.evalRight, planned) ?? 0;
      totals.push({ instance: inst, expected: r, actual: l, diff, safe: false, blankConflict: true });
      continue;
    }
    const actual = planned.get(out)!;
    const expected = actual + outputDelta(inst, diff);
    // It wants back the printed value an earlier finding planned to change: that finding stands alone.
    if (expected === zero.get(out) && actual !== expected) continue;
    let wouldBreak: Instance | undefined;
    if (expected >= 0) {
      planned.set(out, expected);
      wouldBreak = (byCell.get(out) ?? []).map((u) => u.inst).find((o) => o !== inst && !failing.has(o) && diffOf(o, zero) === 0 && diffOf(o, planned) !== 0);
      if (wouldBreak || !inst.preferredFix) planned.set(out, actual);
    }
    const safe = expected >= 0 && !wouldBreak && inst.preferredFix;
    totals.push({ instance: inst, expected, actual: zero.get(out)!, diff, safe, wouldBreak, detailsUnchecked: (inst.spec.id === 'T3-ROW' || inst.spec.id === 'T4-SUM') && !detailsChecked(inst, byCell, (o) => diffOf(o, zero) === 0) });
  }

  // The balance has no natural output cell: its fix sets 四 in every failing column at once, and is
  // offered only if that breaks nothing (四's own row total moves with it).
  const explicit = totals.filter((f) => !f.instance.preferredFix && f.expected >= 0);
  if (explicit.length > 0) {
    const trial: Values = new Map(planned);
    for (const f of explicit) trial.set(f.instance.output.cell, f.expected);
    const harms = evaluable.some((o) => !explicit.some((f) => f.instance === o) && diffOf(o, zero) === 0 && diffOf(o, trial) !== 0);
    if (!harms) {
      const together = explicit.map((f) => ({ term: f.instance.output, value: f.expected }));
      for (const f of explicit) {
        f.wouldBreak = undefined;
        f.together = together;
      }
    }
  }

  // 3. How sure each finding is (spec §4.2's three tiers).
  const withBlanks = evaluable.filter((i) => i.blanks > 0);
  const evidence = (involved: readonly Instance[]) => {
    const others = withBlanks.filter((i) => !involved.includes(i));
    return others.length > 0 && others.every((i) => diffOf(i, zero) === 0);
  };
  const tierOf = (involved: readonly Instance[]): Tier => {
    if (involved.some((i) => i.blanks === 0 || !feasible(i, known))) return 'certain';
    return evidence(involved) ? 'zero-evident' : 'zero-assumed';
  };

  // 4. Blank totals whose terms are all known: offer the sum.
  // What a blank holds once the table's blanks are filled: 0, or for a blank total the sum of its terms so.
  const zeroFill = (cell: ValueCell, seen: ReadonlySet<Instance> = new Set()): number => {
    const d = definer.get(cell);
    if (!d || seen.has(d)) return zero.get(cell) ?? countOf(cell) ?? 0;
    const next = new Set(seen).add(d);
    return d.right.reduce((sum, t) => sum + zeroFill(t.cell, next), 0);
  };
  const computable: Computable[] = [];
  for (const [out, inst] of definer) {
    const terms = { left: 0, right: 0, ok: true };
    const add = (list: Term[], side: 'left' | 'right') => {
      for (const t of list) {
        const v = known.get(t.cell) ?? (isBlank(t.cell) ? null : countOf(t.cell));
        if (v === null || v === undefined) terms.ok = false;
        else terms[side] += v;
      }
    };
    const seen = new Set<Instance>([inst]);
    const expandOne = (list: Term[]): Term[] =>
      list.flatMap((t) => {
        const d = definer.get(t.cell);
        if (!d || seen.has(d)) return [t];
        seen.add(d);
        return expandOne(d.right);
      });
    add(expandOne(inst.right), 'right');
    const value = terms.right;
    if (terms.ok && value >= 0) computable.push({ term: inst.output, expected: value, instance: inst });
    void out;
  }

  return {
    instances,
    located: located.map((l) => ({ ...l, tier: tierOf(l.instances) })),
    totals: totals.map((f) => ({ ...f, tier: tierOf([f.instance]) })),
    computable,
    blanks: blankAsZero ? [] : blankCellsOf(model, withBlanks, (i) => diffOf(i, zero) === 0, zeroFill),
    valueOf: (cell) => known.get(cell) ?? countOrNull(cell, blankAsZero),
  };
}

/** A total's detail cells are vouched for when each is in another identity that is evaluated and holds. */
function detailsChecked(inst: Instance, byCell: Map<ValueCell, { inst: Instance }[]>, holds: (i: Instance) => boolean): boolean {
  return inst.right.every((t) => (byCell.get(t.cell) ?? []).some((u) => u.inst !== inst && holds(u.inst)));
}

function countOrNull(cell: ValueCell, blankAsZero: boolean): number | null {
  return numericValue(cell.value, blankAsZero);
}

/** Blank value cells of every table, with what the identities say about them. */
function blankCellsOf(model: ReportModel, withBlanks: readonly Instance[], holdsAsZero: (i: Instance) => boolean, fill: (cell: ValueCell) => number): BlankCells[] {
  const out: BlankCells[] = [];
  for (const table of Object.values(model.tables)) {
    const cells: Term[] = [];
    for (const row of table.rows) {
      if ((row.kind !== 'data' && row.kind !== 'extra') || !row.aligned) continue;
      for (const cell of row.cells) if (isBlank(cell)) cells.push({ row, cell });
    }
    if (cells.length === 0) continue;
    const relevant = withBlanks.filter((i) => i.table === table.id);
    const verdict = relevant.length === 0 ? 'unknown' : relevant.every(holdsAsZero) ? 'zeros' : 'broken';
    out.push({ table: table.id, cells, verdict, fills: cells.map((t) => fill(t.cell)) });
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, v: V): void {
  const list = map.get(key);
  if (list) list.push(v);
  else map.set(key, [v]);
}
