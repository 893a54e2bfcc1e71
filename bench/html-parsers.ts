// Measures the two candidate HTML parsers for the .html reader (issue 12): bundle size (esbuild, minified,
// platform node, as esbuild.mjs builds) and the time to parse and walk a report page with a large table.
// Run: node --import tsx bench/html-parsers.ts. The figures decided the choice recorded in bench/README.md.

import { build } from 'esbuild';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

const ENTRIES = {
  htmlparser2: `import { Parser } from 'htmlparser2';
export function run(s) { let n = 0; const p = new Parser({ onopentag() { n++; }, ontext(t) { n += t.length; } }, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }); p.write(s); p.end(); return n; }`,
  parse5: `import { parse } from 'parse5';
export function run(s) { let n = 0; const walk = (x) => { n++; if (x.value) n += x.value.length; for (const c of x.childNodes ?? []) walk(c); }; walk(parse(s)); return n; }`,
};

function page(rows: number): string {
  const row = (i: number) => `<tr><td rowspan="1">（${i}）予以公开</td>${'<td>12&nbsp;</td>'.repeat(7)}</tr>`;
  const body = Array.from({ length: rows }, (_, i) => row(i)).join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title><script>var a=1<2;</script></head><body><div class="nav">首页</div><p>一、总体情况</p><table>${body}</table></body></html>`;
}

async function main(): Promise<void> {
  const small = page(40);
  const big = page(20_000);
  console.log(`page sizes: ${(Buffer.byteLength(small) / 1024).toFixed(0)} KiB and ${(Buffer.byteLength(big) / 1024 / 1024).toFixed(1)} MiB`);
  for (const [name, contents] of Object.entries(ENTRIES)) {
    const out = await build({ stdin: { contents, resolveDir: ROOT, loader: 'js' }, bundle: true, minify: true, platform: 'node', format: 'cjs', target: 'node20', write: false, legalComments: 'none' });
    const code = out.outputFiles[0].text;
    const mod = { exports: {} as { run(s: string): number } };
    new Function('module', 'exports', 'require', code)(mod, mod.exports, require);
    const time = (s: string, n: number) => {
      const t: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = process.hrtime.bigint();
        mod.exports.run(s);
        t.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      t.sort((a, b) => a - b);
      return t[Math.floor(t.length / 2)];
    };
    time(small, 30);
    console.log(`${name.padEnd(12)} bundle ${(Buffer.byteLength(code) / 1024).toFixed(1)} KiB · ${(Buffer.byteLength(small) / 1024).toFixed(0)} KiB page ${time(small, 50).toFixed(2)} ms · ${(Buffer.byteLength(big) / 1024 / 1024).toFixed(1)} MiB page ${time(big, 5).toFixed(0)} ms (medians)`);
  }
}

void main();
