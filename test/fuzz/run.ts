// `npm run fuzz [-- options]`: property-based fuzzing of the core (issue 6).
//
//   --runs N      cases in all (default 100000), shared between the workers
//   --seed N      base seed (default: from the clock); worker k runs seed N+k
//   --workers N   processes (default: min(2, CPUs)); --workers 1 runs in this process
//   --path P      with --seed and --workers 1: replay fast-check's counterexample path P only
//   --skip KIND   pass over a known failure kind (prefix, repeatable) to look for others
//   --no-write    do not write regression fixtures
//   --no-variants     skip the variation corpus run that follows the fuzzing
//   --variants-only   run only the variation corpus (test/variants/run.ts; alone: npm run variants)
//
// Each case is a damaged report (test/fuzz/generators.ts) checked against every property of
// test/fuzz/properties.ts. On a failure the worker prints fast-check's shrunk case, minimises the text
// further, prints it and writes it to test/fixtures/regressions/<kind>-<hash>.txt — unless a fixture
// there already fails the same way (a known bug: rename new fixtures after what broke).
//
// Then the full variation corpus (issue 10): every seed × flattening × class of spec §5.6, alone and
// combined, every count of tables 三 and 四 mutated in turn, against properties P1–P4.

import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import fc from 'fast-check';
import { fuzzArb, optionsOf, render, type Case } from './generators';
import { knownFixture, minimize, writeRegression } from './minimize';
import { PropertyFailure, checkDocument } from './properties';
import { VARIANTS_DEFAULTS, failures as failedDocuments, runVariants } from '../variants/run';

interface Options {
  runs: number;
  seed: number;
  workers: number;
  path?: string;
  skip: string[];
  write: boolean;
  child: number | null;
  variants: 'yes' | 'no' | 'only';
}

function parseArgs(argv: string[]): Options {
  const o: Options = { runs: 100_000, seed: Date.now() % 2 ** 31, workers: Math.min(2, availableParallelism()), skip: [], write: true, child: null, variants: 'yes' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = () => {
      const v = value();
      if (!/^-?\d+$/.test(v)) throw new Error(`${a} needs an integer, got ${v}`);
      return Number(v);
    };
    if (a === '--runs') o.runs = int();
    else if (a === '--seed') o.seed = int();
    else if (a === '--workers') o.workers = Math.max(1, int());
    else if (a === '--path') o.path = value();
    else if (a === '--skip') o.skip.push(value());
    else if (a === '--no-write') o.write = false;
    else if (a === '--child') o.child = int();
    else if (a === '--no-variants') o.variants = 'no';
    else if (a === '--variants-only') o.variants = 'only';
    else throw new Error(`unknown option ${a} (see the head of test/fuzz/run.ts)`);
  }
  // A counterexample path belongs to one seed: replay it in this process (and nothing else).
  if (o.path !== undefined && o.child === null) {
    o.workers = 1;
    o.variants = 'no';
  }
  return o;
}

interface WorkerResult {
  worker: number;
  seed: number;
  runs: number;
  failed: boolean;
  ms: number;
}

type Message = { type: 'progress'; worker: number; count: number } | ({ type: 'done' } & WorkerResult);

/** Runs one share of the cases in this process; prints and records a failure. */
function runShare(worker: number, seed: number, runs: number, o: Options, progress: (count: number) => void): WorkerResult {
  const started = performance.now();
  let count = 0;
  const property = fc.property(fuzzArb, (c: Case) => {
    count++;
    if (count % 5000 === 0) progress(count);
    checkDocument(render(c), o.skip, optionsOf(c));
  });
  const details = fc.check(property, { seed, numRuns: runs, path: o.path, endOnFailure: false });
  const ms = performance.now() - started;
  if (!details.failed) return { worker, seed, runs: details.numRuns, failed: false, ms };

  const c = details.counterexample![0];
  const text = render(c);
  const options = optionsOf(c);
  const error = details.errorInstance;
  const kind = error instanceof PropertyFailure ? error.kind : 'unexpected';
  const out: string[] = [];
  out.push('', `✗ worker ${worker} (seed ${seed}): property failed after ${details.numRuns} case(s), ${details.numShrinks} shrink(s)`);
  out.push(`  ${error instanceof Error ? error.message : String(error)}`);
  out.push(`  replay: npm run fuzz -- --workers 1 --seed ${seed} --path "${details.counterexamplePath}"`);
  out.push(`  shrunk case: ${JSON.stringify(c)}`);
  out.push(`  shrunk text (${text.length} chars): ${JSON.stringify(text)}`);
  if (Object.keys(options).length > 0) out.push(`  check options: ${JSON.stringify(options)}`);
  console.error(out.join('\n'));
  if (error instanceof PropertyFailure) {
    const small = minimize(text, kind, 4000, o.skip, options);
    console.error(`  minimised text (${small.length} chars): ${JSON.stringify(small)}`);
    const known = knownFixture(kind);
    if (known) console.error(`  known failure: test/fixtures/regressions/${known} fails the same way (not written again)`);
    else if (o.write) console.error(`  written to ${writeRegression(kind, small, options)}`);
  } else if (error instanceof Error) console.error(error.stack);
  return { worker, seed, runs: details.numRuns, failed: true, ms };
}

function shareOf(o: Options, k: number): number {
  return Math.floor(o.runs / o.workers) + (k < o.runs % o.workers ? 1 : 0);
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  if (o.child !== null) {
    const k = o.child;
    const send = (m: Message) => process.send!(m);
    const r = runShare(k, o.seed + k, shareOf(o, k), o, (count) => send({ type: 'progress', worker: k, count }));
    send({ type: 'done', ...r });
    return 0;
  }

  if (o.variants === 'only') return failedDocuments(await runVariants({ ...VARIANTS_DEFAULTS, workers: o.workers })) > 0 ? 1 : 0;

  const started = performance.now();
  const seeds = Array.from({ length: o.workers }, (_, k) => o.seed + k);
  console.log(`fuzz: ${o.runs} cases, seed ${o.seed}, ${o.workers} worker(s)${o.skip.length ? `, skipping ${o.skip.join(', ')}` : ''}`);
  const counts = new Array<number>(o.workers).fill(0);
  let lastPrint = 0;
  const onProgress = (k: number, count: number) => {
    counts[k] = count;
    const total = counts.reduce((a, b) => a + b, 0);
    if (total - lastPrint >= 10_000) {
      lastPrint = total;
      console.log(`  ${total} cases, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  };

  let results: WorkerResult[];
  if (o.workers === 1) {
    results = [runShare(0, o.seed, o.runs, o, (count) => onProgress(0, count))];
  } else {
    const forwarded = process.argv.slice(2);
    results = await Promise.all(
      seeds.map(
        (_, k) =>
          new Promise<WorkerResult>((resolve, reject) => {
            const child = fork(__filename, [...forwarded, '--seed', String(o.seed), '--child', String(k)], { execArgv: process.execArgv });
            let done: WorkerResult | null = null;
            child.on('message', (m: Message) => {
              if (m.type === 'progress') onProgress(m.worker, m.count);
              else done = m;
            });
            child.on('exit', (code) => (done ? resolve(done) : reject(new Error(`worker ${k} exited with ${code} before reporting`))));
          }),
      ),
    );
  }

  const total = results.reduce((a, r) => a + r.runs, 0);
  const failures = results.filter((r) => r.failed).length;
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `fuzz: ${total} cases, ${failures} failure(s), seed ${o.seed} (worker seeds ${seeds.join(', ')}), ${seconds.toFixed(1)} s` +
      ` (${((seconds * 1000) / Math.max(1, total)).toFixed(2)} ms a case)`,
  );
  if (o.variants === 'no') return failures > 0 ? 1 : 0;
  console.log('');
  const variantFailures = failedDocuments(await runVariants({ ...VARIANTS_DEFAULTS, workers: o.workers }));
  return failures > 0 || variantFailures > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 2;
  },
);
