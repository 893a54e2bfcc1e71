// V8 tuned for a short command-line run. Turbofan's optimised code pays for its compile time only in
// long runs: on one report or a few hundred, a check spends more on compiling (several hundred ms of
// background compile for 50 reports, on two cores) than it gains. So a check starts without Turbofan
// (Ignition and Sparkplug only), unless its files add up to more than LONG_RUN_BYTES. The readers of
// Word files and web pages (unzipping, XML) need Turbofan even for one file: a file for them ends the
// short run.
//
// The flags are part of V8's code-cache check: they are V8's defaults whenever a cache is read or
// written (cli-launch.ts), and left alone entirely when the user gave Node or V8 options of their own.
// The state is shared through a global because the launcher and the CLI are separate bundles.

/**
 * Reports of more bytes than this make a long run. Measured on two cores (interleaved runs, medians):
 * 200 seed reports (1.7 MiB) 17 % faster without Turbofan, 400 (3.5 MiB) even, 1,000 (8.7 MiB) 60 % slower.
 */
export const LONG_RUN_BYTES = 2 * 1024 * 1024;

// Only Turbofan is switched: V8 reads that flag at each decision to optimise. (Switching the tier-up of
// regular expressions back on in a running process crashed V8 11.3.)
const SHORT_RUN_FLAG = '--no-opt';
const DEFAULT_FLAG = '--opt';

interface ShortRun {
  /** The short-run flag is set now. */
  on: boolean;
  /** A long run (or the user set V8 flags): V8's defaults stay. */
  over: boolean;
}

const SLOT = Symbol.for('xxgk-report.short-run');

function state(): ShortRun {
  const g = globalThis as { [SLOT]?: ShortRun };
  return (g[SLOT] ??= { on: false, over: userSetFlags() });
}

/** Node or V8 options from the user (command line or NODE_OPTIONS): theirs to decide, and ours could undo them. */
function userSetFlags(): boolean {
  return process.execArgv.length > 0 || /\S/.test(process.env.NODE_OPTIONS ?? '');
}

// node:v8 loads Node's stream modules (~3 ms): required only by a check that runs short.
function setFlag(flag: string): void {
  (require('node:v8') as typeof import('node:v8')).setFlagsFromString(flag);
}

/** Whether files add up to more than LONG_RUN_BYTES (sizes asked only until they do). */
export function isLongRun(paths: readonly string[], sizeOf: (path: string) => number): boolean {
  let bytes = 0;
  for (const p of paths) {
    bytes += sizeOf(p);
    if (bytes > LONG_RUN_BYTES) return true;
  }
  return false;
}

/**
 * Before the first check: Turbofan off for a short run. A long run has V8's defaults from the start
 * (switching Turbofan on part-way costs more than it saves: the functions already hot are all compiled at once).
 */
export function planRun(paths: readonly string[], sizeOf: (path: string) => number): void {
  const s = state();
  if (s.on || s.over) return;
  if (isLongRun(paths, sizeOf)) {
    s.over = true;
    return;
  }
  setFlag(SHORT_RUN_FLAG);
  s.on = true;
}

/** V8's defaults for the rest of the run. */
export function endShortRun(): void {
  const s = state();
  s.over = true;
  if (!s.on) return;
  setFlag(DEFAULT_FLAG);
  s.on = false;
}

/** Runs `f` (which reads or writes a code cache) under V8's defaults, then goes on as before. */
export function withDefaultFlags<T>(f: () => T): T {
  const s = state();
  if (!s.on) return f();
  setFlag(DEFAULT_FLAG);
  try {
    return f();
  } finally {
    setFlag(SHORT_RUN_FLAG);
  }
}
