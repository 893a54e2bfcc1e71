// dist/cli.js: starts the command line (dist/cli-main.js) through V8's code cache. A check is a short
// process, and compiling the bundle and the functions a run uses is a good part of it; Node 20 has no
// module compile cache (module.enableCompileCache came in 22), so the cache is kept here: the bytecode
// of everything the first run compiled, in the user's own cache folder, keyed by the bundle and by Node.
// The readers of Word files and web pages (dist/import.js, required by the CLI on first need) go through
// the same cache. Without a usable cache folder, or with XXGK_REPORT_NO_CACHE=1, the CLI runs uncached.
// A short check runs with Turbofan off (node/short-run.ts); V8 checks a cache against its flags, so each
// cache is read and written with V8's defaults.

import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { withDefaultFlags } from './node/short-run';

function cacheFile(file: string, prefix: string): string | null {
  if (process.env.XXGK_REPORT_NO_CACHE === '1') return null;
  try {
    const base = process.env.XXGK_REPORT_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'xxgk-report');
    const { size, mtimeMs } = statSync(file);
    // A new bundle or another Node gets its own file (V8 would reject a stale one anyway).
    return join(base, `${prefix}-${process.version}-${process.arch}-${size}-${Math.round(mtimeMs)}.v8cache`);
  } catch {
    return null;
  }
}

/** Each bundle and Node leaves a file: the folder keeps the newest few of each kind (several installs may share it). */
const KEEP_CACHES = 4;
function pruneCaches(dir: string, current: string, prefix: string): void {
  const kind = new RegExp(`^${prefix}-.*\\.v8cache(?:\\.\\d+\\.tmp)?$`);
  const old = readdirSync(dir)
    .filter((f) => f !== current && kind.test(f))
    .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of old.slice(KEEP_CACHES - 1)) rmSync(join(dir, f), { force: true });
}

/**
 * Runs a CommonJS bundle of dist/ from its cached bytecode and returns its exports. The cache is written
 * at exit when it was missing or stale and `writeCache` holds, so that it holds every function the run compiled.
 */
function runCached(name: string, prefix: string, writeCache: boolean, requireFor: (file: string) => NodeJS.Require, prewrapped = false): unknown {
  const file = join(__dirname, name);
  // A prewrapped bundle (cli-main.js) is its own function expression: no second copy to add the wrapper.
  const text = readFileSync(file, 'utf8');
  const source = prewrapped ? text : `(function (exports, require, module, __filename, __dirname) {${text}\n})`;
  const cache = cacheFile(file, prefix);
  let cachedData: Buffer | undefined;
  if (cache) {
    try {
      cachedData = readFileSync(cache);
    } catch {
      cachedData = undefined;
    }
  }
  const script = withDefaultFlags(() => new Script(source, { filename: file, cachedData }));
  if (cache && writeCache && (!cachedData || script.cachedDataRejected)) {
    process.once('exit', () => {
      try {
        const data = withDefaultFlags(() => script.createCachedData());
        mkdirSync(join(cache, '..'), { recursive: true, mode: 0o700 });
        const tmp = `${cache}.${process.pid}.tmp`;
        writeFileSync(tmp, data, { mode: 0o600 });
        renameSync(tmp, cache);
        pruneCaches(dirname(cache), basename(cache), prefix);
      } catch {
        // No cache this time: the next run compiles again.
      }
    });
  }
  const mod = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(mod.exports, requireFor(file), mod, file, __dirname);
  return mod.exports;
}

let readers: unknown;
/** cli-main's require: the readers' bundle through the cache, anything else as Node would. */
function mainRequire(file: string): NodeJS.Require {
  const req = createRequire(file);
  return Object.assign((id: string) => (id === './import.js' ? (readers ??= runCached('import.js', 'import', true, createRequire)) : req(id)), req);
}

// Written after a check (which compiles what later checks need; `--version` would leave most out).
runCached('cli-main.js', 'cli', process.argv.includes('check'), mainRequire, true);
