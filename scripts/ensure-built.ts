// dist/ is built by `npm test` and `npm run bench` before anything runs. A test file or benchmark run alone
// builds it when a bundle is missing or older than the sources. Never unconditionally: test files run two
// at a time, and a rebuild truncates a bundle that a concurrent file may be starting
// (`server.js: Unexpected end of input`).

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const BUNDLES = ['cli.js', 'cli-main.js', 'server.js', 'import.js'].map((f) => join(ROOT, 'dist', f));

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function ensureBuilt(): void {
  const sources = Math.max(newest(join(ROOT, 'server', 'src')), statSync(join(ROOT, 'esbuild.mjs')).mtimeMs, statSync(join(ROOT, 'package.json')).mtimeMs);
  if (BUNDLES.every((f) => existsSync(f) && statSync(f).mtimeMs >= sources)) return;
  execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
}
