// The cost of the narrative pass and of the server's workspace index (issue 11): `npm run bench` runs it
// after the other sections (run.ts), `node --import tsx bench/narrative.ts` on its own.
//
// Narrative pass: the rules that read the text (XR401–XR404, with the narrative extraction they share) on
// the generated 100 KiB reports (whose sections 一/五/六 are paragraphs of every shipped report, so they
// restate other reports' tables: dozens of contradictions), and on a 100 KiB report that restates its own
// tables; against a full check of the same text: the medians of 200 interleaved calls of each. Two
// measures of the pass: inside a full check (checkText's own per-rule timing, `ruleTime`: what the pass
// adds to a check, the judged figure), and alone (the four rules run on a freshly parsed model that no
// other rule has read: stricter, since it also charges them what they share with other rules, such as the
// text of section 一 that XR302 reads too).
//
// Workspace index: 500 reports (the CLI corpus: real files and generated 4–8 KiB reports in the three
// flattenings) written to a temporary folder, then indexed by the server's WorkspaceIndex as the server
// does it (bundled like dist/server.js); wall time, and the heap the index keeps (after GC).

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { buildSync } from 'esbuild';
import type * as CoreModule from '../server/src/core';
import type * as IndexModule from '../server/src/node/workspace-index';
import { cliCorpus, FLATTENINGS, generateReport, REAL_FILES, ROOT } from './generate';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function bundle<T>(entry: string): T {
  const out = buildSync({ entryPoints: [join(ROOT, entry)], bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, write: false, logLevel: 'error' });
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-bench-narr-'));
  try {
    const file = join(dir, 'bundle.cjs');
    writeFileSync(file, out.outputFiles[0].text);
    return createRequire(file)(file) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface NarrativeFigures {
  /** Per flattening at 100 KiB: ms per call (main-thread CPU), and the share. */
  pass: {
    flattening: string;
    bytes: number;
    fullMs: number;
    /** Inside a full check (the judged figure). */
    narrativeMs: number;
    sharePercent: number;
    /** Alone, on a fresh model. */
    aloneMs: number;
    aloneSharePercent: number;
    mentions: number;
    contradictions: number;
  }[];
  /** The worst share among the 100 KiB reports (inside a full check). */
  worstSharePercent: number;
  index: { reports: number; filesSeen: number; indexed: number; seconds: number; retainedHeapMiB: number; bytesPerEntry: number; lookupMs: number; digestMs: number };
}

const NARRATIVE_RULES = ['XR401', 'XR402', 'XR403', 'XR404'];

/** A report of about `bytes` whose section 一 repeats its own paragraphs: long, and restating its own tables. */
function consistentReport(bytes: number): string {
  const base = readFileSync(join(ROOT, 'examples', '2022-示例县交通运输局.md'), 'utf8');
  const lines = base.split('\n');
  const one = lines.findIndex((l) => l.startsWith('## 一、'));
  const two = lines.findIndex((l) => l.startsWith('## 二、'));
  const own = lines.slice(one + 1, two).filter((l) => l.trim() !== '');
  const body: string[] = [];
  let size = Buffer.byteLength(base);
  for (let i = 0; size < bytes; i++) {
    const p = own[i % own.length];
    body.push(p, '');
    size += Buffer.byteLength(p) + 2;
  }
  return [...lines.slice(0, one + 1), '', ...body, ...lines.slice(two)].join('\n');
}

function passFigures(core: typeof CoreModule): NarrativeFigures['pass'] {
  const rules = core.RULES.filter((r) => NARRATIVE_RULES.includes(r.code));
  const offAll = Object.fromEntries(core.RULES.map((r) => [r.code, 'off' as const]));
  const out: NarrativeFigures['pass'] = [];
  const texts: { name: string; text: string }[] = [
    ...FLATTENINGS.map((f) => ({ name: f, text: generateReport(f, 100 * 1024).text })),
    { name: 'markdown, own narrative', text: consistentReport(100 * 1024) },
    // For scale: real reports as published (4–20 KiB).
    ...REAL_FILES.filter((f) => f.includes('test/fixtures/')).map((f) => ({ name: `real: ${f.split('/').pop()!.slice(0, 3)}`, text: readFileSync(join(ROOT, f), 'utf8') })),
  ];
  for (const { name, text } of texts) {
    const ns = () => process.hrtime.bigint();
    // The full check, as every other figure of the bench times it.
    const full = () => {
      const t0 = ns();
      core.checkText(text);
      return Number(ns() - t0) / 1e6;
    };
    // The pass inside a full check, as checkText times its rules (`ruleTime`).
    const inside = () => {
      let ms = 0;
      core.checkText(text, { ruleTime: (code, t) => void (NARRATIVE_RULES.includes(code) && (ms += t)) });
      return ms;
    };
    // The pass alone: the four rules run on a freshly parsed model and its analysis, as check.ts runs them
    // (a fresh model each time: nothing read from the previous call's model carries over); only the rules
    // are timed.
    const alone = () => {
      const { model, analysis } = core.checkModel(core.parseReport(text), { rules: offAll });
      const found: unknown[] = [];
      const ctx = {
        model,
        analysis,
        options: { locale: 'zh-cn' as const, blankAsZero: false, feeThresholdWanYuan: 10000, deadline: { month: 1, day: 31 } },
        msg: (id: Parameters<typeof core.t>[1], args?: Parameters<typeof core.t>[2]) => core.t('zh-cn', id, args),
        report: (d: unknown) => void found.push(d),
      };
      const t0 = ns();
      for (const r of rules) r.check(ctx);
      return Number(ns() - t0) / 1e6;
    };
    for (let i = 0; i < 30; i++) (full(), inside(), alone());
    const samples = { full: [] as number[], inside: [] as number[], alone: [] as number[] };
    for (let round = 0; round < 200; round++) {
      samples.full.push(full());
      samples.inside.push(inside());
      samples.alone.push(alone());
    }
    const fullMs = median(samples.full);
    const narrativeMs = median(samples.inside);
    const aloneMs = median(samples.alone);
    const result = core.checkText(text);
    out.push({
      flattening: name,
      bytes: Buffer.byteLength(text),
      fullMs,
      narrativeMs,
      sharePercent: (100 * narrativeMs) / fullMs,
      aloneMs,
      aloneSharePercent: (100 * aloneMs) / fullMs,
      mentions: core.narrativeMentions(result.model, result.analysis).length,
      contradictions: result.diagnostics.filter((d) => d.code === 'XR401').length,
    });
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function indexFigures(index: typeof IndexModule, core: IndexModule.IndexCore, n = 500): Promise<NarrativeFigures['index']> {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-bench-ws-'));
  try {
    const corpus = cliCorpus(n);
    corpus.forEach((r, i) => {
      // Folders of 50, as a review office keeps them (one folder a district, say).
      const sub = join(dir, `d${Math.floor(i / 50)}`);
      if (i % 50 === 0) mkdirSync(sub);
      writeFileSync(join(sub, r.name), r.text);
    });
    // Files that are not reports, as a real workspace has them.
    writeFileSync(join(dir, 'README.md'), '# 说明\n\n这些是各单位的年度报告。\n');
    gc();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const idx = new index.WorkspaceIndex([dir], core);
    await idx.scan();
    const seconds = (performance.now() - t0) / 1000;
    gc();
    const retained = process.memoryUsage().heapUsed - before;
    // A look-up and a digest of last year's report, as a check of an open report asks for them.
    const some = [...(idx as unknown as { entries: Map<string, IndexModule.IndexEntry> }).entries.values()][0];
    const l0 = performance.now();
    const found = await idx.lookup(some.agency, some.year);
    const lookupMs = performance.now() - l0;
    const d0 = performance.now();
    await idx.digestOf(found[0]);
    const digestMs = performance.now() - d0;
    return {
      reports: n,
      filesSeen: idx.filesSeen,
      indexed: idx.size,
      seconds,
      retainedHeapMiB: retained / 1024 / 1024,
      bytesPerEntry: Math.round(retained / Math.max(1, idx.size)),
      lookupMs,
      digestMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runNarrativeBench(): Promise<NarrativeFigures> {
  const core = bundle<typeof CoreModule>('server/src/core/index.ts');
  const index = bundle<typeof IndexModule>('server/src/node/workspace-index.ts');
  const pass = passFigures(core);
  const at100k = pass.filter((p) => p.bytes > 90 * 1024);
  return { pass, worstSharePercent: Math.max(...at100k.map((p) => p.sharePercent)), index: await indexFigures(index, core) };
}

if (require.main === module) {
  void runNarrativeBench().then((f) => console.log(JSON.stringify(f, null, 2)));
}
