// Language-server figures over the real protocol (the bundled dist/server.js over stdio, driven by
// vscode-jsonrpc): start → initialize answered vs `node -e 0` in the same run; didChange → pull
// diagnostics on a ~100 KiB report; source.fixAll.xxgk; hover and code actions. Exported for
// bench/run.ts as runLspBench(); `node --import tsx bench/lsp.ts` runs it alone (building first if
// dist/server.js is missing or older than the sources).

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { ensureBuilt } from '../scripts/ensure-built';
import { parseReport, type ValueCell } from '../server/src/core';
import { LspClient, SERVER, fullRange, type Diagnostic } from '../test/helpers/lsp-client';

const ROOT = join(__dirname, '..');
const SEED = join(ROOT, 'test', 'fixtures', '002_3f5e56868c97c344.txt');
const TARGET_BYTES = 100 * 1024;

function quantile(sorted: number[], q: number): number {
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[k];
}

function stats(samples: number[]): { median: number; p95: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p95: quantile(s, 0.95), n: s.length };
}

/**
 * A ~100 KiB report: seed 002 (one cell per line, the seed with a non-zero table 三) with the narrative
 * paragraphs of its sections 一 and 五 repeated inside section 一; each table appears once.
 */
export function bigReport(bytes = TARGET_BYTES): string {
  const text = readFileSync(SEED, 'utf8');
  const model = parseReport(text);
  const lines = text.split('\n');
  const paragraphs: string[] = [];
  for (const n of ['一', '五'] as const) {
    const s = model.sections.find((x) => x.number === n)!;
    for (let i = s.line + 1; i <= s.endLine; i++) if (lines[i].trim().length > 20) paragraphs.push(lines[i]);
  }
  const one = model.sections.find((x) => x.number === '一')!;
  const extra: string[] = [];
  let size = Buffer.byteLength(text, 'utf8');
  for (let k = 0; size < bytes; k++) {
    const p = paragraphs[k % paragraphs.length];
    extra.push('', p);
    size += Buffer.byteLength(p, 'utf8') + 2;
  }
  lines.splice(one.endLine, 0, ...extra);
  return lines.join('\n');
}

/** The value cells of tables 三 and 四 (hover and code-action targets). */
function valueCells(text: string): ValueCell[] {
  const m = parseReport(text);
  return (['三', '四'] as const).flatMap((id) => m.tables[id]!.rows.flatMap((r) => r.cells.filter((c) => c.text !== '')));
}

/** A bare vscode-languageserver server (connection + initialize, nothing else), bundled like ours: a reference. */
async function bareServer(): Promise<string> {
  const { build } = await import('esbuild');
  const out = join(mkdtempSync(join(tmpdir(), 'xxgk-bench-')), 'bare-server.js');
  await build({
    stdin: {
      contents: "import { createConnection, TextDocuments } from 'vscode-languageserver/node'; import { TextDocument } from 'vscode-languageserver-textdocument'; const c = createConnection(); const d = new TextDocuments(TextDocument); c.onInitialize(() => ({ capabilities: { hoverProvider: true } })); d.listen(c); c.listen();",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    outfile: out,
    logLevel: 'error',
  });
  return out;
}

/** Spawn → initialize answered, for any server file. */
async function serverStartMs(file: string): Promise<number> {
  const t0 = performance.now();
  const p = spawn(process.execPath, [file, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const c = createMessageConnection(new StreamMessageReader(p.stdout!), new StreamMessageWriter(p.stdin!));
  c.listen();
  await c.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  const ms = performance.now() - t0;
  c.dispose();
  p.kill();
  return ms;
}

/** Nanoseconds the server's main thread has been on a CPU (Linux), or null. */
function serverCpuNs(pid: number | undefined): number | null {
  try {
    const v = Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
    return Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}

async function nodeStartMs(): Promise<number> {
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const p = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    p.on('exit', () => resolve());
    p.on('error', reject);
  });
  return performance.now() - t0;
}

export async function runLspBench(): Promise<Record<string, number>> {
  ensureBuilt();
  const out: Record<string, number> = {};
  // Bundle sizes (targets of the editor issue: server ≤ 250 KiB, client ≤ 450 KiB).
  out['bundle.serverKiB'] = statSync(SERVER).size / 1024;
  out['bundle.clientKiB'] = statSync(join(dirname(SERVER), 'client.js')).size / 1024;

  // 1. Start-up, interleaved with `node -e 0` (and a bare vscode-languageserver server) so all see the
  //    same machine load.
  const bare = await bareServer();
  const node: number[] = [];
  const floor: number[] = [];
  const server: number[] = [];
  try {
    for (let i = 0; i < 15; i++) {
      node.push(await nodeStartMs());
      floor.push(await serverStartMs(bare));
      server.push(await serverStartMs(SERVER));
    }
  } finally {
    rmSync(dirname(bare), { recursive: true, force: true });
  }
  const n = stats(node);
  const f = stats(floor);
  const s = stats(server);
  out['startup.nodeMedianMs'] = n.median;
  out['startup.bareLspServerMedianMs'] = f.median;
  out['startup.serverMedianMs'] = s.median;
  out['startup.overNodeMs'] = s.median - n.median;
  out['startup.overBareLspMs'] = s.median - f.median;

  // 2. didChange → pull diagnostics on ~100 KiB, alternating a wrong and a right number in table 三.
  const text = bigReport();
  out['report.bytes'] = Buffer.byteLength(text, 'utf8');
  const client = await LspClient.start();
  try {
    const uri = 'file:///bench/report-100k.txt';
    await client.open(uri, text);
    let first = await client.pull(uri);
    const cells = valueCells(text);
    const target = parseReport(text).tables['三']!.rows.find((r) => r.key === 'open')!.cells.find((c) => c.columnKey === 'natural')!;
    const original = target.text;
    const wrong = String(Number(original) + 3);
    const change: number[] = [];
    let resultId = first.resultId;
    const cpu0 = serverCpuNs(client.process.pid);
    for (let i = 0; i < 80; i++) {
      const t0 = performance.now();
      await client.edit(uri, [{ range: target.valueRange, newText: i % 2 === 0 ? wrong : original }]);
      const r = await client.pull(uri, resultId);
      change.push(performance.now() - t0);
      if (r.kind !== 'full') throw new Error('expected a full report after a change');
      resultId = r.resultId;
      if (i % 2 === 0 && !r.items!.some((d) => d.code === 'XR101')) throw new Error('the wrong number was not reported');
    }
    const cpu1 = serverCpuNs(client.process.pid);
    if (cpu0 !== null && cpu1 !== null) out['didChange→diagnostics.serverCpuMeanMs'] = (cpu1 - cpu0) / 1e6 / 80;
    const ch = stats(change.slice(5));
    out['didChange→diagnostics.medianMs'] = ch.median;
    out['didChange→diagnostics.p95Ms'] = ch.p95;

    // 3. Fix-all as the editor asks on save: source.fixAll, the document holding wrong totals.
    await client.edit(uri, [{ range: target.valueRange, newText: wrong }]);
    first = await client.pull(uri);
    const fixAll: number[] = [];
    const fcpu0 = serverCpuNs(client.process.pid);
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      const actions = await client.codeActions(uri, fullRange(client.text(uri)), [], ['source.fixAll']);
      fixAll.push(performance.now() - t0);
      if (!actions.some((a) => a.kind === 'source.fixAll.xxgk')) throw new Error('no fix-all action');
    }
    const fcpu1 = serverCpuNs(client.process.pid);
    if (fcpu0 !== null && fcpu1 !== null) out['fixAll.serverCpuMeanMs'] = (fcpu1 - fcpu0) / 1e6 / 30;
    const fa = stats(fixAll.slice(3));
    out['fixAll.medianMs'] = fa.median;
    out['fixAll.p95Ms'] = fa.p95;

    // 4. Hover and code actions on value cells of tables 三 and 四 (the wrong number stays in).
    const diagnostics: Diagnostic[] = first.items ?? [];
    const hover: number[] = [];
    const actions: number[] = [];
    for (let i = 0; i < 200; i++) {
      const c = cells[(i * 37) % cells.length];
      const t0 = performance.now();
      const h = await client.request('textDocument/hover', { textDocument: { uri }, position: c.range.start });
      hover.push(performance.now() - t0);
      if (!h) throw new Error('no hover on a value cell');
      const context = diagnostics.filter((d) => d.range.start.line === c.range.start.line);
      const t1 = performance.now();
      await client.codeActions(uri, c.range, context);
      actions.push(performance.now() - t1);
    }
    // The worst case: the wrong cell itself (its quick fix, recompute-table, disable, convert).
    const onError: number[] = [];
    const err = diagnostics.find((d) => d.code === 'XR101')!;
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      await client.codeActions(uri, err.range, [err]);
      onError.push(performance.now() - t0);
    }
    const hv = stats(hover.slice(10));
    const ca = stats(actions.slice(10));
    const ce = stats(onError.slice(5));
    out['hover.medianMs'] = hv.median;
    out['hover.p95Ms'] = hv.p95;
    out['codeAction.medianMs'] = ca.median;
    out['codeAction.p95Ms'] = ca.p95;
    out['codeAction.onError.medianMs'] = ce.median;
    out['codeAction.onError.p95Ms'] = ce.p95;
  } finally {
    await client.stop();
  }
  return out;
}

function print(figures: Record<string, number>): void {
  const targets: Record<string, string> = {
    'bundle.serverKiB': '≤ 250',
    'bundle.clientKiB': '≤ 450',
    'startup.overNodeMs': '≤ 50',
    'didChange→diagnostics.p95Ms': '≤ 50',
    'fixAll.medianMs': '≤ 50',
    'hover.p95Ms': '≤ 20',
    'codeAction.p95Ms': '≤ 20',
    'codeAction.onError.p95Ms': '≤ 20',
  };
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) {
    const value = k === 'report.bytes' ? String(v) : v.toFixed(2);
    console.log(`${k.padEnd(width)}  ${value.padStart(10)}${targets[k] ? `   target ${targets[k]}` : ''}`);
  }
}

if (require.main === module) {
  runLspBench().then(print, (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
