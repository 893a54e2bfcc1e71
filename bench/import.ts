// Issue 12's speed and size targets for reading Word files and web pages (`npm run bench` runs it after
// the LSP figures; alone: node esbuild.mjs --quiet && node --import tsx bench/import.ts):
//   - a ~100 KB .docx read (dist/import.js) and checked (the core, bundled as shipped) ≤ 50 ms warm;
//   - the CLI on it ≤ node's own start + 200 ms;
//   - bundles: server ≤ 250 KiB, CLI grown by ≤ 80 KiB over its size before the readers, client ≤ 450
//     KiB, the readers apart in dist/import.js; the .vsix (when built) ≤ 1 MiB.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { toDocx, toHtml } from '../test/helpers/office';
import { generateReport, ROOT } from './generate';

/** dist/cli.js before the readers were added (commit a12919c), in bytes. */
const CLI_BEFORE_IMPORT = 372_592;
const KiB = 1024;

type Core = typeof import('../server/src/core');
type Importer = typeof import('../server/src/node/import');

async function bundledCore(): Promise<Core> {
  const out = await build({ entryPoints: [join(ROOT, 'server/src/core/index.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, write: false, charset: 'utf8' });
  const mod = { exports: {} as Core };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, require);
  return mod.exports;
}

/** CPU time of this thread (Linux), ms: what a busy machine inflates least. */
function threadCpuMs(): number | null {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

/** CPU time of finished child processes (user + system, Linux clock ticks of 10 ms). */
function childrenCpuMs(): number | null {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return null;
  }
}

function cpuPerCall(fn: () => unknown, n: number): number | null {
  const c0 = threadCpuMs();
  for (let i = 0; i < n; i++) fn();
  const c1 = threadCpuMs();
  return c0 === null || c1 === null ? null : (c1 - c0) / n;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => unknown, n: number): number {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(t);
}

/** A .docx of about `target` bytes: the generated report grown until its Word file is that large. */
function docxOfSize(target: number): { bytes: Uint8Array; text: string } {
  let size = 300 * KiB;
  for (let i = 0; i < 4; i++) {
    const text = generateReport('cell-per-line', size).text;
    const bytes = toDocx(text, { numbered: true, splitRuns: true });
    if (Math.abs(bytes.length - target) < target * 0.05) return { bytes, text };
    size = Math.round((size * target) / bytes.length);
  }
  const text = generateReport('cell-per-line', size).text;
  return { bytes: toDocx(text, { numbered: true, splitRuns: true }), text };
}

export interface ImportFigures {
  docxBytes: number;
  readMs: number;
  checkMs: number;
  readAndCheckMs: number;
  /** Main-thread CPU time per read + check (less inflated than wall time on a busy machine). */
  readAndCheckCpuMs: number | null;
  htmlBytes: number;
  htmlReadAndCheckMs: number;
  cli?: { nodeStartMs: number; cliMs: number; overNodeMs: number; exitCode: number | null; nodeCpuMs: number | null; cliCpuMs: number | null };
  bundles: Record<string, number | null>;
  targets: { target: string; measured: string; pass: boolean | null }[];
}

export async function runImportBench(): Promise<ImportFigures> {
  const imp = require(join(ROOT, 'dist', 'import.js')) as Importer;
  const core = await bundledCore();
  const { bytes } = docxOfSize(100_000);
  const check = (b: Uint8Array) => core.checkText(imp.convert(b).text);
  for (let i = 0; i < 30; i++) check(bytes); // warm
  const readMs = time(() => imp.convert(bytes), 40);
  const text = imp.convert(bytes).text;
  const checkMs = time(() => core.checkText(text), 40);
  const readAndCheckMs = time(() => check(bytes), 40);
  const readAndCheckCpuMs = cpuPerCall(() => check(bytes), 40);
  const page = toHtml(generateReport('cell-per-line', 100 * KiB).text, { charset: 'gbk' });
  for (let i = 0; i < 10; i++) check(page);
  const htmlReadAndCheckMs = time(() => check(page), 30);

  let cli: ImportFigures['cli'];
  const cliJs = join(ROOT, 'dist', 'cli.js');
  if (existsSync(cliJs)) {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-bench-import-'));
    try {
      writeFileSync(join(dir, 'report.docx'), bytes);
      const wall = (args: string[]) => {
        const t: number[] = [];
        let code: number | null = null;
        const c0 = childrenCpuMs();
        for (let i = 0; i < 7; i++) {
          const t0 = process.hrtime.bigint();
          code = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' }).status;
          t.push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
        const c1 = childrenCpuMs();
        return { ms: median(t), code, cpu: c0 === null || c1 === null ? null : (c1 - c0) / 7 };
      };
      const node = wall(['-e', '0']);
      const run = wall([cliJs, 'check', '--format', 'json', 'report.docx']);
      cli = { nodeStartMs: node.ms, cliMs: run.ms, overNodeMs: run.ms - node.ms, exitCode: run.code, nodeCpuMs: node.cpu, cliCpuMs: run.cpu };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const size = (f: string) => (existsSync(join(ROOT, 'dist', f)) ? statSync(join(ROOT, 'dist', f)).size : null);
  // The command line is dist/cli.js (its launcher through V8's code cache) and dist/cli-main.js.
  const cliParts = [size('cli.js'), size('cli-main.js')];
  const cliBytes = cliParts.every((x) => x !== null) ? cliParts.reduce((a, b) => a! + b!, 0) : size('cli.js');
  const bundles = { server: size('server.js'), cli: cliBytes, client: size('client.js'), import: size('import.js'), vsix: size('xxgk-report.vsix') };
  const kib = (n: number | null) => (n === null ? 'n/a' : `${(n / KiB).toFixed(1)} KiB`);
  const targets: ImportFigures['targets'] = [
    {
      target: '~100 KB .docx read + checked ≤ 50 ms (warm, in process)',
      measured: `${readAndCheckMs.toFixed(1)} ms wall, ${readAndCheckCpuMs?.toFixed(1) ?? 'n/a'} ms cpu (${bytes.length} bytes: read ${readMs.toFixed(1)}, check ${checkMs.toFixed(1)})`,
      pass: readAndCheckMs <= 50,
    },
    {
      target: 'CLI on it ≤ node start + 200 ms',
      measured: cli ? `${cli.cliMs.toFixed(0)} ms = node ${cli.nodeStartMs.toFixed(0)} + ${cli.overNodeMs.toFixed(0)} ms (cpu: ${cli.cliCpuMs?.toFixed(0) ?? 'n/a'} vs ${cli.nodeCpuMs?.toFixed(0) ?? 'n/a'} ms)` : 'n/a',
      pass: cli ? cli.overNodeMs <= 200 : null,
    },
    { target: 'server bundle ≤ 250 KiB (no readers in it)', measured: kib(bundles.server), pass: bundles.server === null ? null : bundles.server <= 250 * KiB },
    { target: 'CLI bundle grows ≤ 80 KiB', measured: bundles.cli === null ? 'n/a' : `${kib(bundles.cli)} (${bundles.cli >= CLI_BEFORE_IMPORT ? '+' : '−'}${(Math.abs(bundles.cli - CLI_BEFORE_IMPORT) / KiB).toFixed(1)} KiB against ${kib(CLI_BEFORE_IMPORT)} before the readers)`, pass: bundles.cli === null ? null : bundles.cli - CLI_BEFORE_IMPORT <= 80 * KiB },
    { target: 'client bundle ≤ 450 KiB', measured: kib(bundles.client), pass: bundles.client === null ? null : bundles.client <= 450 * KiB },
    { target: 'readers apart: dist/import.js', measured: kib(bundles.import), pass: bundles.import === null ? null : true },
    { target: '.vsix ≤ 1 MiB (npm run package)', measured: kib(bundles.vsix), pass: bundles.vsix === null ? null : bundles.vsix <= 1024 * KiB },
  ];
  return { docxBytes: bytes.length, readMs, checkMs, readAndCheckMs, readAndCheckCpuMs, htmlBytes: page.length, htmlReadAndCheckMs, cli, bundles, targets };
}

if (require.main === module) {
  void runImportBench().then((f) => {
    for (const t of f.targets) console.log(`${t.pass === null ? 'n/a ' : t.pass ? 'PASS' : 'MISS'}  ${t.target}: ${t.measured}`);
    console.log(`GBK web page of the 100 KiB report (${f.htmlBytes} bytes) read + checked: ${f.htmlReadAndCheckMs.toFixed(1)} ms`);
  });
}
