// Evaluates the arithmetic identities of the templates (spec §4.1) over a parsed model, locates the
// wrong cell where a row and a column identity disagree by the same amount, and plans fixes that never
// break an identity that holds (spec §4.2). Rules turn the plan into diagnostics; fix-all applies it.

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
  /** Why it cannot be evaluated: a missing row or a cell that is not a number. */
  skipped?: 'missing' | 'unknown';
}

export interface Located {
  term: Term;
  expected: number;
  actual: number;
  delta: number;
  instances: Instance[];
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
}

export interface Computable {
  term: Term;
  expected: number;
  instance: Instance;
}

export interface Analysis {
  instances: Instance[];
  located: Located[];
  totals: TotalFinding[];
  /** Blank output cells whose terms are all known. */
  computable: Computable[];
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
  if (inst.skipped === 'missing') return null;
  const l = sum(inst.left, values);
  const r = sum(inst.right, values);
  return l === null || r === null ? null : l - r;
}

/** How much the output cell must change to make the identity hold. */
function outputDelta(inst: Instance, diff: number): number {
  return inst.left.some((t) => t.cell === inst.output.cell) ? -diff : diff;
}

export function analyze(model: ReportModel, blankAsZero = false): Analysis {
  const template = TEMPLATES[model.template ?? '2021'];
  const instances = instancesFor(model, template);
  const values: Values = new Map();
  for (const inst of instances) {
    for (const t of [...inst.left, ...inst.right]) if (!values.has(t.cell)) values.set(t.cell, countOf(t.cell, blankAsZero));
  }
  for (const inst of instances) {
    if (!inst.skipped && diffOf(inst, values) === null) inst.skipped = 'unknown';
  }

  const evaluable = instances.filter((i) => !i.skipped);
  const failing = new Set(evaluable.filter((i) => diffOf(i, values) !== 0));
  const byCell = new Map<ValueCell, { inst: Instance; side: 1 | -1; term: Term }[]>();
  for (const inst of evaluable) {
    for (const t of inst.left) push(byCell, t.cell, { inst, side: 1, term: t });
    for (const t of inst.right) push(byCell, t.cell, { inst, side: -1, term: t });
  }

  // 1. A cell explains a set of failures when every identity it is in fails by the same amount.
  const candidates: Located[] = [];
  for (const [cell, uses] of byCell) {
    if (uses.length < 2 || !uses.every((u) => failing.has(u.inst))) continue;
    const deltas = uses.map((u) => (u.side === 1 ? -diffOf(u.inst, values)! : diffOf(u.inst, values)!));
    if (!deltas.every((d) => d === deltas[0])) continue;
    const actual = values.get(cell)!;
    const expected = actual + deltas[0];
    if (expected < 0) continue;
    candidates.push({ term: uses[0].term, expected, actual, delta: deltas[0], instances: uses.map((u) => u.inst) });
  }
  const located: Located[] = [];
  for (const c of candidates) {
    const sole = c.instances.every((inst) => candidates.filter((o) => o.instances.includes(inst)).length === 1);
    if (sole) located.push(c);
  }
  const planned: Values = new Map(values);
  for (const l of located) {
    planned.set(l.term.cell, l.expected);
    for (const inst of l.instances) failing.delete(inst);
  }

  // 2. Remaining failures, in the order of spec §4.2: row totals, then （七）总计, then the balance.
  const totals: TotalFinding[] = [];
  const ordered = [...evaluable].sort((a, b) => PRIORITY.indexOf(a.spec.id) - PRIORITY.indexOf(b.spec.id));
  for (const inst of ordered) {
    if (!failing.has(inst)) continue;
    const diff = diffOf(inst, planned);
    if (diff === null || diff === 0) continue; // a consequence of an earlier finding
    const out = inst.output.cell;
    const actual = planned.get(out)!;
    const expected = actual + outputDelta(inst, diff);
    // It wants back the printed value an earlier finding planned to change: that finding stands alone.
    if (expected === values.get(out) && actual !== expected) continue;
    let wouldBreak: Instance | undefined;
    if (expected >= 0) {
      planned.set(out, expected);
      wouldBreak = (byCell.get(out) ?? []).map((u) => u.inst).find((o) => o !== inst && !failing.has(o) && diffOf(o, values) === 0 && diffOf(o, planned) !== 0);
      if (wouldBreak || !inst.preferredFix) planned.set(out, actual);
    }
    const safe = expected >= 0 && !wouldBreak && inst.preferredFix;
    totals.push({ instance: inst, expected, actual: values.get(out)!, diff, safe, wouldBreak });
  }

  // The balance has no natural output cell: its fix sets 四 in every failing column at once, and is
  // offered only if that breaks nothing (四's own row total moves with it).
  const explicit = totals.filter((f) => !f.instance.preferredFix && f.expected >= 0);
  if (explicit.length > 0) {
    const trial: Values = new Map(planned);
    for (const f of explicit) trial.set(f.instance.output.cell, f.expected);
    const harms = evaluable.some((o) => !explicit.some((f) => f.instance === o) && diffOf(o, values) === 0 && diffOf(o, trial) !== 0);
    if (!harms) {
      const together = explicit.map((f) => ({ term: f.instance.output, value: f.expected }));
      for (const f of explicit) {
        f.wouldBreak = undefined;
        f.together = together;
      }
    }
  }

  // 3. Blank totals whose terms are all known: offer the sum.
  const computable: Computable[] = [];
  for (const inst of instances) {
    if (inst.skipped !== 'unknown' || !inst.preferredFix) continue;
    const out = inst.output.cell;
    if (out.value.kind !== 'blank') continue;
    const others = [...inst.left, ...inst.right].filter((t) => t.cell !== out);
    if (sum(others, values) === null || computable.some((c) => c.term.cell === out)) continue;
    const onLeft = inst.left.some((t) => t.cell === out);
    const rest = (terms: Term[]) => sum(terms.filter((t) => t.cell !== out), values)!;
    const value = onLeft ? rest(inst.right) - rest(inst.left) : rest(inst.left) - rest(inst.right);
    if (value >= 0) computable.push({ term: inst.output, expected: value, instance: inst });
  }

  return { instances, located, totals, computable, valueOf: (cell) => values.get(cell) ?? numericValue(cell.value, blankAsZero) };
}

/** Tables 三 and 四 hold counts: a decimal or an integer beyond exact arithmetic is not one (XR204/XR203). */
function countOf(cell: ValueCell, blankAsZero: boolean): number | null {
  const v = numericValue(cell.value, blankAsZero);
  return v !== null && Number.isSafeInteger(v) ? v : null;
}

function push<K, V>(map: Map<K, V[]>, key: K, v: V): void {
  const list = map.get(key);
  if (list) list.push(v);
  else map.set(key, [v]);
}
