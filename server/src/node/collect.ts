// Which files a `check` run looks at: files named on the command line always; inside folders, .txt, .md,
// .docx, .html and .htm files found recursively (the caller then keeps those that look like reports). Symbolic links to
// files are followed only when their target stays inside the folder that was named; links to folders are
// never followed (no cycles, no escaping the tree).

import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface Candidate {
  /** Absolute path as reached (may be a symbolic link). */
  path: string;
  /** Path to show: relative to the working directory when inside it, else absolute. */
  display: string;
  /** Real path of the folder the file was found under (its own folder for files named directly). */
  root: string;
  /** Named on the command line (checked even when it does not look like a report). */
  explicit: boolean;
}

export interface Collected {
  files: Candidate[];
  /** Files found in folders but not considered (symbolic links leaving the tree). */
  skipped: number;
  /** Arguments that do not exist or are neither file nor folder. */
  missing: { arg: string; reason: 'notFound' | 'notFile' }[];
}

const EXTENSIONS = /\.(txt|md|docx|html?)$/i;

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

/** Relative to the working directory when inside it, else absolute. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  if (rel === '') return '.';
  return isInside(cwd, abs) ? rel : abs;
}

function walk(dir: string, root: string, cwd: string, out: Candidate[], state: { skipped: number }): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // an unreadable sub-folder: nothing to check there
  }
  const names = entries.map((e) => e.name).sort(compare);
  const byName = new Map(entries.map((e) => [e.name, e]));
  for (const name of names) {
    const entry = byName.get(name)!;
    const path = join(dir, name);
    if (entry.isDirectory()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      walk(path, root, cwd, out, state);
    } else if (entry.isFile()) {
      if (EXTENSIONS.test(name)) out.push({ path, display: displayPath(path, cwd), root, explicit: false });
    } else if (entry.isSymbolicLink() && EXTENSIONS.test(name)) {
      let real: string;
      try {
        real = realpathSync(path);
        if (!statSync(real).isFile()) continue;
      } catch {
        continue; // dangling link
      }
      if (isInside(root, real)) out.push({ path, display: displayPath(path, cwd), root, explicit: false });
      else state.skipped++;
    }
  }
}

/** Plain code-unit order: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function collect(args: readonly string[], cwd: string): Collected {
  const files: Candidate[] = [];
  const missing: Collected['missing'] = [];
  const state = { skipped: 0 };
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    let isDir: boolean;
    try {
      const st = statSync(abs);
      if (st.isDirectory()) isDir = true;
      else if (st.isFile()) isDir = false;
      else {
        missing.push({ arg, reason: 'notFile' });
        continue;
      }
    } catch {
      // a dangling link is "not found" too
      missing.push({ arg, reason: lstatOk(abs) ? 'notFile' : 'notFound' });
      continue;
    }
    let root: string;
    try {
      root = realpathSync(isDir ? abs : dirname(abs));
    } catch {
      missing.push({ arg, reason: 'notFound' });
      continue;
    }
    if (isDir) walk(abs, root, cwd, files, state);
    else files.push({ path: abs, display: displayPath(abs, cwd), root, explicit: true });
  }
  // One entry per file (a file can be reached through two arguments); named files win.
  const seen = new Map<string, Candidate>();
  for (const f of files) {
    const prev = seen.get(f.path);
    if (!prev || (f.explicit && !prev.explicit)) seen.set(f.path, f);
  }
  const unique = [...seen.values()].sort((a, b) => compare(a.display, b.display));
  return { files: unique, skipped: state.skipped, missing };
}

function lstatOk(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
