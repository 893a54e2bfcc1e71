// The whole-process figure of issue 10: the CLI on a 1 MiB report that is mostly prose (seed 002 with
// section 一 grown by repeating its own paragraphs), against markdownlint run as a whole process on the
// same file, Node's own start (`node -e 0`) subtracted from both. Runs are interleaved (node, ours,
// markdownlint in turn) so that the machine's load falls on all three alike; medians of wall time, and
// the mean CPU time (user + system, all threads) from the children's accounting.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ColdResult {
  bytes: number;
  runs: number;
  /** Medians of wall time, ms. */
  nodeMs: number;
  oursMs: number;
  markdownlintMs: number;
  /** (markdownlint − node) / (ours − node), on the medians. */
  ratio: number;
  /** Mean CPU time per run (all threads), ms; null where /proc is missing. */
  cpu: { node: number; ours: number; markdownlint: number; ratio: number } | null;
}

/** Seed 002 with section 一's paragraphs repeated until the text is `bytes` long. */
export function proseReport(root: string, bytes = 1024 * 1024): string {
  const seed = readFileSync(join(root, 'test', 'fixtures', '002_3f5e56868c97c344.txt'), 'utf8');
  const lines = seed.split('\n');
  const a = lines.findIndex((l) => l.startsWith('一、总体情况'));
  const b = lines.findIndex((l) => l.startsWith('二、主动公开政府信息情况'));
  const body = lines.slice(a + 1, b).join('\n') + '\n';
  let grown = '';
  while (Buffer.byteLength(grown) + Buffer.byteLength(seed) < bytes) grown += body;
  return [...lines.slice(0, a + 1), grown, ...lines.slice(b)].join('\n');
}

function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[13]) + Number(fields[14]); // cutime + cstime, USER_HZ = 100
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export function coldProcessBench(root: string, runs = 15, progress: (s: string) => void = () => undefined): ColdResult {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-cold-'));
  try {
    const report = join(dir, 'report.txt');
    const text = proseReport(root);
    writeFileSync(report, text);
    const lint = join(dir, 'markdownlint.mjs');
    const ml = join(root, 'node_modules', 'markdownlint', 'lib', 'exports-sync.mjs');
    writeFileSync(
      lint,
      `import { lint } from ${JSON.stringify(ml)};\nimport { readFileSync } from 'node:fs';\n` +
        `const r = lint({ strings: { doc: readFileSync(process.argv[2], 'utf8') } });\nprocess.stdout.write(String(r.doc.length));\n`,
    );
    const commands: Record<'node' | 'ours' | 'markdownlint', string[]> = {
      node: ['-e', '0'],
      ours: [join(root, 'dist', 'cli.js'), 'check', '--format', 'json', report],
      markdownlint: [lint, report],
    };
    const wall: Record<keyof typeof commands, number[]> = { node: [], ours: [], markdownlint: [] };
    const cpu: Record<keyof typeof commands, number> = { node: 0, ours: 0, markdownlint: 0 };
    let cpuKnown = true;
    const order = Object.keys(commands) as (keyof typeof commands)[];
    // One warm-up round: the files in the page cache, the code cache (if any) written.
    for (const k of order) spawnSync(process.execPath, commands[k], { encoding: 'utf8', maxBuffer: 1 << 28 });
    for (let i = 0; i < runs; i++) {
      progress(`whole process: round ${i + 1}/${runs}`);
      for (let j = 0; j < order.length; j++) {
        const k = order[(i + j) % order.length];
        const c0 = childrenCpuMs();
        const t0 = process.hrtime.bigint();
        const res = spawnSync(process.execPath, commands[k], { encoding: 'utf8', maxBuffer: 1 << 28 });
        wall[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
        const c1 = childrenCpuMs();
        if (c0 === null || c1 === null) cpuKnown = false;
        else cpu[k] += c1 - c0;
        if (res.status !== 0 && !(k === 'ours' && res.status === 1)) throw new Error(`${k} exited with ${res.status}: ${res.stderr}`);
      }
    }
    const [node, ours, markdownlint] = order.map((k) => median(wall[k]));
    const meanCpu = (k: keyof typeof commands) => cpu[k] / runs;
    return {
      bytes: Buffer.byteLength(text),
      runs,
      nodeMs: node,
      oursMs: ours,
      markdownlintMs: markdownlint,
      ratio: (markdownlint - node) / (ours - node),
      cpu: cpuKnown
        ? {
            node: meanCpu('node'),
            ours: meanCpu('ours'),
            markdownlint: meanCpu('markdownlint'),
            ratio: (meanCpu('markdownlint') - meanCpu('node')) / (meanCpu('ours') - meanCpu('node')),
          }
        : null,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const root = join(__dirname, '..');
  const r = coldProcessBench(root, Number(process.argv[2] ?? 15), (s) => process.stderr.write(`\r${s}   `));
  process.stderr.write('\n');
  console.log(JSON.stringify(r, null, 2));
}
