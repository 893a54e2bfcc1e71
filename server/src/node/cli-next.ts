// `xxgk-report next <report>`: next year's report skeleton (core/skeleton.ts) written beside this year's,
// in its encoding and flattening. Never overwrites a file unless told to (--force); `-o -` prints it.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseReport, type Locale } from '../core';
import { nextYearSkeleton } from '../core/skeleton';
import type { Args } from './cli-args';
import { m } from './cli-messages';
import { displayPath } from './collect';
import { decodeText, encodeText } from './text-file';

export interface NextIo {
  cwd: string;
  out(s: string): void;
  err(s: string): void;
}

/** `2022-示例县交通运输局.md` → `2023-示例县交通运输局.md`; a name without the year gets `-2023`. */
export function nextName(path: string, year: number): string {
  const base = basename(path);
  const renamed = base.includes(String(year - 1)) ? base.split(String(year - 1)).join(String(year)) : `${basename(base, extname(base))}-${year}${extname(base)}`;
  return join(dirname(path), renamed);
}

export function runNext(args: Args, io: NextIo, locale: Locale): number {
  if (args.paths.length !== 1) {
    io.err(m(locale, 'next.usage') + '\n');
    return 2;
  }
  const source = resolve(io.cwd, args.paths[0]);
  let bytes: Buffer;
  try {
    bytes = readFileSync(source);
  } catch (e) {
    io.err(m(locale, 'io.readFailed', { path: args.paths[0], detail: (e as NodeJS.ErrnoException).code ?? String(e) }) + '\n');
    return 2;
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    io.err(m(locale, decoded.reason === 'binary' ? 'io.binary' : 'io.encoding', { path: args.paths[0] }) + '\n');
    return 2;
  }
  const model = parseReport(decoded.text);
  const skeleton = model.isReport ? nextYearSkeleton(model) : null;
  if (!skeleton) {
    io.err(m(locale, model.isReport ? 'next.noYear' : 'next.notReport', { path: args.paths[0] }) + '\n');
    return 2;
  }
  if (args.output === '-') {
    io.out(skeleton.text);
    return 0;
  }
  const target = args.output !== undefined ? resolve(io.cwd, args.output) : nextName(source, skeleton.year);
  const shown = displayPath(target, io.cwd);
  if (existsSync(target) && !args.force) {
    io.err(m(locale, 'next.exists', { path: shown }) + '\n');
    return 2;
  }
  try {
    writeFileSync(target, encodeText(skeleton.text, decoded.encoding));
  } catch (e) {
    io.err(m(locale, 'fix.writeFailed', { path: shown, detail: (e as NodeJS.ErrnoException).code ?? String(e) }) + '\n');
    return 2;
  }
  io.out(m(locale, 'next.written', { path: shown, year: skeleton.year, carried: skeleton.carried.carriedIn + skeleton.carried.inForce }) + '\n');
  return 0;
}
