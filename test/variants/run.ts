// The full variation run (part of `npm run fuzz`; alone: `npm run variants`).
//
//   --singles N      documents per seed × data × flattening × class (default 3)
//   --combined N     documents combining 2–4 classes per seed × data × flattening (default 30)
//   --mutations M    mutation targets per document: a number (default 24), or `all`; the canonical
//                    rendering and the first document of each class always mutate every cell
//   --base N         first RNG seed (default 1)
//   --workers N      processes (default: min(2, CPUs))
//   --class NAME     only this class (repeatable)
//   --json FILE      write every count and example as JSON
//   --show SPEC      print one variant (`seed,data,flattening,class+class,rngSeed`), its findings and
//                    the violations, then exit
//
// Prints, for each class × flattening, how many documents violate P1–P4 (see properties.ts), the number
// of documents and mutations covered, and one concrete example per class and kind of violation.

import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { checkText } from '../../server/src/core';
import { rng } from './abstract';
import { CLASS_NAMES, FLATTENINGS, classLabel, corpus, generate, type VariantSpec } from './generate';
import { checkVariant, type PropertyName, type Violation } from './properties';

export interface RunOptions {
  singles: number;
  combined: number;
  mutations: 'all' | number;
  base: number;
  workers: number;
  classes: string[];
  json?: string;
}

interface Example {
  spec: VariantSpec;
  kind: string;
  property: PropertyName;
  detail: string;
  excerpt: string[];
  finding?: Violation['finding'];
  /** Violations in the whole document: the fewer, the clearer the example. */
  noise: number;
}

interface Tally {
  docs: number;
  mutations: number;
  failedDocs: number;
  byProperty: Record<PropertyName, number>;
  kinds: Record<string, number>;
}

export interface RunResult {
  docs: number;
  mutations: number;
  /** `${class}|${flattening}` → counts of documents. */
  tallies: Record<string, Tally>;
  /** `${class}|${kind}` → the clearest example. */
  examples: Record<string, Example>;
  ms: number;
}

const PROPS: PropertyName[] = ['P1', 'P2', 'P3', 'P4'];

function excerpt(text: string, line: number | undefined): string[] {
  if (line === undefined) return [];
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = Math.max(0, line - 2); i <= Math.min(lines.length - 1, line + 2); i++) {
    const l = lines[i].replace(/\t/g, '→');
    out.push(`${String(i).padStart(4)}${i === line ? '>' : ' '} ${l.length > 150 ? l.slice(0, 150) + '…' : l}`);
  }
  return out;
}

export function runShare(specs: VariantSpec[], o: Pick<RunOptions, 'mutations' | 'base'>, progress?: (n: number) => void): RunResult {
  const started = performance.now();
  const r: RunResult = { docs: 0, mutations: 0, tallies: {}, examples: {}, ms: 0 };
  let k = 0;
  for (const spec of specs) {
    if (++k % 100 === 0) progress?.(k);
    const v = generate(spec);
    if (!v) continue;
    const out = checkVariant(v, { mutations: spec.everyCell ? 'all' : o.mutations, rand: rng(spec.rngSeed ^ 0x9e3779b9) });
    const cls = classLabel(spec);
    const key = `${cls}|${spec.flattening}`;
    const t = (r.tallies[key] ??= { docs: 0, mutations: 0, failedDocs: 0, byProperty: { P1: 0, P2: 0, P3: 0, P4: 0 }, kinds: {} });
    t.docs++;
    t.mutations += out.mutations;
    r.docs++;
    r.mutations += out.mutations;
    if (out.violations.length === 0) continue;
    t.failedDocs++;
    for (const p of PROPS) if (out.violations.some((x) => x.property === p)) t.byProperty[p]++;
    const seenKinds = new Set<string>();
    for (const x of out.violations) {
      if (seenKinds.has(x.kind)) continue;
      seenKinds.add(x.kind);
      t.kinds[x.kind] = (t.kinds[x.kind] ?? 0) + 1;
      const ek = `${cls}|${x.kind}`;
      const old = r.examples[ek];
      const noise = out.violations.length + (spec.data === 'seed' ? 0 : 0.5);
      if (!old || noise < old.noise) r.examples[ek] = { spec, kind: x.kind, property: x.property, detail: x.detail, excerpt: excerpt(v.text, x.line), finding: x.finding, noise };
    }
  }
  r.ms = performance.now() - started;
  return r;
}

function merge(a: RunResult, b: RunResult): RunResult {
  const out: RunResult = { docs: a.docs + b.docs, mutations: a.mutations + b.mutations, tallies: { ...a.tallies }, examples: { ...a.examples }, ms: Math.max(a.ms, b.ms) };
  for (const [k, t] of Object.entries(b.tallies)) {
    const s = out.tallies[k];
    if (!s) {
      out.tallies[k] = t;
      continue;
    }
    out.tallies[k] = {
      docs: s.docs + t.docs,
      mutations: s.mutations + t.mutations,
      failedDocs: s.failedDocs + t.failedDocs,
      byProperty: Object.fromEntries(PROPS.map((p) => [p, s.byProperty[p] + t.byProperty[p]])) as Record<PropertyName, number>,
      kinds: { ...s.kinds },
    };
    for (const [kind, n] of Object.entries(t.kinds)) out.tallies[k].kinds[kind] = (out.tallies[k].kinds[kind] ?? 0) + n;
  }
  for (const [k, e] of Object.entries(b.examples)) if (!out.examples[k] || e.noise < out.examples[k].noise) out.examples[k] = e;
  return out;
}

export const specText = (s: VariantSpec) => `${s.seed.slice(0, 3)},${s.data},${s.flattening},${s.classes.join('+') || '-'},${s.rngSeed}`;

/** A readable report of a run: the class × flattening table, then one example per class and kind. */
export function report(r: RunResult): string {
  const out: string[] = [];
  const classes = ['canonical', ...CLASS_NAMES, 'combined'].filter((c) => FLATTENINGS.some((f) => r.tallies[`${c}|${f}`]));
  out.push(`variants: ${r.docs} documents, ${r.mutations} mutations, ${(r.ms / 1000).toFixed(1)} s`);
  out.push('');
  out.push('documents violating P1 / P2 / P3 / P4 (of N), by class and flattening');
  out.push(`${'class'.padEnd(20)}${FLATTENINGS.map((f) => f.padEnd(28)).join('')}`);
  for (const c of classes) {
    const cols = FLATTENINGS.map((f) => {
      const t = r.tallies[`${c}|${f}`];
      return (t ? `${PROPS.map((p) => t.byProperty[p]).join('/')} of ${t.docs}` : '-').padEnd(28);
    });
    out.push(`${c.padEnd(20)}${cols.join('')}`);
  }
  out.push('');
  out.push('kinds of violation (documents), with the clearest example of each');
  for (const c of classes) {
    const kinds = new Map<string, number>();
    for (const f of FLATTENINGS) for (const [k, n] of Object.entries(r.tallies[`${c}|${f}`]?.kinds ?? {})) kinds.set(k, (kinds.get(k) ?? 0) + n);
    if (kinds.size === 0) continue;
    out.push('');
    out.push(`== ${c}`);
    for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1])) {
      const e = r.examples[`${c}|${k}`];
      out.push(`  ${k} (${n} docs) e.g. --show ${specText(e.spec)}`);
      out.push(`    ${e.detail.length > 400 ? e.detail.slice(0, 400) + '…' : e.detail}`);
      for (const l of e.excerpt) out.push(`    ${l}`);
    }
  }
  return out.join('\n');
}

/** The full run's size: about 3,400 documents, every cell mutated in about 900 of them. */
export const VARIANTS_DEFAULTS: Omit<RunOptions, 'workers'> = { singles: 3, combined: 30, mutations: 24, base: 1, classes: [] };

function parseArgs(argv: string[]): RunOptions & { child: number | null; show?: string } {
  const o: RunOptions & { child: number | null; show?: string } = { ...VARIANTS_DEFAULTS, classes: [], workers: Math.min(2, availableParallelism()), child: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--singles') o.singles = Number(value());
    else if (a === '--combined') o.combined = Number(value());
    else if (a === '--mutations') {
      const v = value();
      o.mutations = v === 'all' ? 'all' : Number(v);
    } else if (a === '--base') o.base = Number(value());
    else if (a === '--workers') o.workers = Math.max(1, Number(value()));
    else if (a === '--class') o.classes.push(value());
    else if (a === '--json') o.json = value();
    else if (a === '--show') o.show = value();
    else if (a === '--child') o.child = Number(value());
    else throw new Error(`unknown option ${a} (see the head of test/variants/run.ts)`);
  }
  for (const c of o.classes) if (!CLASS_NAMES.includes(c)) throw new Error(`unknown class ${c}: ${CLASS_NAMES.join(', ')}`);
  return o;
}

function show(text: string): void {
  const [seed3, data, flattening, classes, rngSeed] = text.split(',');
  const seed = corpus({ singles: 0, combined: 0, base: 0 }).find((s) => s.seed.startsWith(seed3))!.seed;
  const spec: VariantSpec = { seed, data: data as VariantSpec['data'], flattening: flattening as VariantSpec['flattening'], classes: classes === '-' ? [] : classes.split('+'), rngSeed: Number(rngSeed) };
  const v = generate(spec);
  if (!v) {
    console.log('this class does not apply to this seed');
    return;
  }
  v.text.split('\n').forEach((l, i) => console.log(`${String(i).padStart(4)} ${l.replace(/\t/g, '→')}`));
  console.log(`\napplied: ${v.applied.join(', ') || '(canonical)'}`);
  console.log(`deserved: ${v.deserved.map((d) => `${d.code}${d.required ? '!' : '?'}${d.at ? JSON.stringify(d.at) : ''}`).join(' ')}`);
  console.log('\nfindings:');
  for (const d of checkText(v.text).diagnostics) console.log(`  ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.code} ${d.message}`);
  const o = checkVariant(v, { mutations: 'all', rand: rng(spec.rngSeed ^ 0x9e3779b9) });
  console.log(`\nviolations (${o.mutations} mutations):`);
  for (const x of o.violations) console.log(`  ${x.property} ${x.kind}: ${x.detail}`);
}

export async function runVariants(o: RunOptions): Promise<RunResult> {
  const specs = corpus({ singles: o.singles, combined: o.combined, base: o.base, classes: o.classes.length ? o.classes : undefined });
  console.log(`variants: ${specs.length} specs, mutations ${o.mutations}, ${o.workers} worker(s)`);
  const started = performance.now();
  let result: RunResult;
  if (o.workers === 1) result = runShare(specs, o, (n) => n % 500 === 0 && console.log(`  ${n} documents, ${((performance.now() - started) / 1000).toFixed(0)} s`));
  else {
    const args = ['--singles', String(o.singles), '--combined', String(o.combined), '--mutations', String(o.mutations), '--base', String(o.base), ...o.classes.flatMap((c) => ['--class', c])];
    const shares = await Promise.all(
      Array.from(
        { length: o.workers },
        (_, k) =>
          new Promise<RunResult>((resolve, reject) => {
            const child = fork(__filename, [...args, '--workers', String(o.workers), '--child', String(k)], { execArgv: process.execArgv });
            let done: RunResult | null = null;
            child.on('message', (m: { type: 'progress'; n: number } | { type: 'done'; result: RunResult }) => {
              if (m.type === 'progress') {
                if (k === 0) console.log(`  ${m.n * o.workers} documents, ${((performance.now() - started) / 1000).toFixed(0)} s`);
              } else done = m.result;
            });
            child.on('exit', (code) => (done ? resolve(done) : reject(new Error(`worker ${k} exited with ${code}`))));
          }),
      ),
    );
    result = shares.reduce(merge);
  }
  result.ms = performance.now() - started;
  console.log(report(result));
  if (o.json) writeFileSync(o.json, JSON.stringify(result, null, 1));
  return result;
}

/** Violating documents in a run. */
export const failures = (r: RunResult) => Object.values(r.tallies).reduce((s, t) => s + t.failedDocs, 0);

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  if (o.show) {
    show(o.show);
    return 0;
  }
  if (o.child !== null) {
    const k = o.child;
    const specs = corpus({ singles: o.singles, combined: o.combined, base: o.base, classes: o.classes.length ? o.classes : undefined }).filter((_, i) => i % o.workers === k);
    const result = runShare(specs, o, (n) => n % 250 === 0 && process.send!({ type: 'progress', n }));
    await new Promise<void>((resolve) => process.send!({ type: 'done', result }, () => resolve()));
    return 0;
  }
  const r = await runVariants(o);
  return failures(r) > 0 ? 1 : 0;
}

if (require.main === module)
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      console.error(e instanceof Error ? e.stack : e);
      process.exitCode = 2;
    },
  );
