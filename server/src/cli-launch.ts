// dist/cli.js: starts the command line (dist/cli-main.js) through V8's code cache. A check is a short
// process, and compiling the bundle and the functions a run uses is a good part of it; Node 20 has no
// module compile cache (module.enableCompileCache came in 22), so the cache is kept here: the bytecode
// of everything the first run compiled, in the user's own cache folder, keyed by the bundle and by Node.
// Without a usable cache folder, or with XXGK_REPORT_NO_CACHE=1, the CLI simply runs uncached.

import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

const file = join(__dirname, 'cli-main.js');
const source = readFileSync(file, 'utf8');
const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;

function cacheFile(): string | null {
  if (process.env.XXGK_REPORT_NO_CACHE === '1') return null;
  try {
    const base = process.env.XXGK_REPORT_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'xxgk-report');
    const { size, mtimeMs } = statSync(file);
    // A new bundle or another Node gets its own file (V8 would reject a stale one anyway).
    return join(base, `cli-${process.version}-${process.arch}-${size}-${Math.round(mtimeMs)}.v8cache`);
  } catch {
    return null;
  }
}

/** Each bundle and Node leaves a file: the folder keeps the newest few (several installs may share it). */
const KEEP_CACHES = 4;
function pruneCaches(dir: string, current: string): void {
  const old = readdirSync(dir)
    .filter((f) => f !== current && /^cli-.*\.v8cache(?:\.\d+\.tmp)?$/.test(f))
    .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of old.slice(KEEP_CACHES - 1)) rmSync(join(dir, f), { force: true });
}

const cache = cacheFile();
let cachedData: Buffer | undefined;
if (cache) {
  try {
    cachedData = readFileSync(cache);
  } catch {
    cachedData = undefined;
  }
}
const script = new Script(wrapped, { filename: file, cachedData });
// Written after a check (which compiles what later checks need; `--version` would leave most out), so
// that the functions the run compiled are in it; written whole, then renamed into place.
if (cache && (!cachedData || script.cachedDataRejected) && process.argv.includes('check')) {
  process.once('exit', () => {
    try {
      const data = script.createCachedData();
      mkdirSync(join(cache, '..'), { recursive: true, mode: 0o700 });
      const tmp = `${cache}.${process.pid}.tmp`;
      writeFileSync(tmp, data, { mode: 0o600 });
      renameSync(tmp, cache);
      pruneCaches(dirname(cache), basename(cache));
    } catch {
      // No cache this time: the next run compiles again.
    }
  });
}
const mod = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(mod.exports, createRequire(file), mod, file, __dirname);
