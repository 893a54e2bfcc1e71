// Memory of the language server over 10,000 edits of one ~100 KiB report, as an editor makes them: each
// edit (a digit of table 三 changed, then changed back) is followed by a diagnostics pull, so every
// version is checked. Prints the server's resident memory every 1,000 edits and the pull latency.
//   npm run bench:memory            (EDITS=2000 for a shorter run)

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseReport } from '../server/src/core';
import { LspClient } from '../test/helpers/lsp-client';
import { ensureBuilt } from '../scripts/ensure-built';
import { bigReport } from './lsp';

const EDITS = Number(process.env.EDITS ?? 10_000);

function rssMiB(pid: number): number {
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kib / 1024;
}

async function main(): Promise<void> {
  ensureBuilt();
  const text = bigReport();
  const cell = parseReport(text).tables['三']!.rows.find((r) => r.key === 'open')!.cells.find((c) => c.columnKey === 'natural')!;
  const client = await LspClient.start();
  const uri = 'file:///bench/memory.txt';
  try {
    await client.open(uri, text);
    await client.pull(uri);
    const pid = client.process.pid!;
    const start = rssMiB(pid);
    console.log(`report ${Buffer.byteLength(text)} bytes; server RSS at start ${start.toFixed(1)} MiB`);
    const latency: number[] = [];
    let peak = start;
    for (let i = 1; i <= EDITS; i++) {
      const t0 = performance.now();
      await client.edit(uri, [{ range: cell.valueRange, newText: i % 2 ? '7' : cell.text }]);
      const r = await client.pull(uri);
      latency.push(performance.now() - t0);
      if (i % 2 === 1 && !r.items?.some((d) => d.code === 'XR101')) throw new Error(`edit ${i}: the wrong number was not reported`);
      if (i % 1000 === 0) {
        const now = rssMiB(pid);
        peak = Math.max(peak, now);
        console.log(`  after ${String(i).padStart(6)} edits: RSS ${now.toFixed(1)} MiB`);
      }
    }
    latency.sort((a, b) => a - b);
    const end = rssMiB(pid);
    console.log(`edit → diagnostics: median ${latency[latency.length >> 1].toFixed(2)} ms, p95 ${latency[Math.floor(latency.length * 0.95)].toFixed(2)} ms`);
    console.log(`memory: RSS start ${start.toFixed(1)} MiB, after ${EDITS.toLocaleString('en')} edits ${end.toFixed(1)} MiB (peak ${peak.toFixed(1)} MiB)`);
  } finally {
    await client.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
