// Reading parts out of a .docx (a ZIP package) with fflate, inflating only the parts asked for and never
// more than a cap: the central directory's declared sizes are checked before inflating, and fflate inflates
// into a buffer of the declared size, so a part that lies about its size comes out truncated (and then
// fails as XML) instead of filling memory.

import { unzipSync } from 'fflate';
import { ImportError } from './messages';

/** Inflated size allowed for one part, and for all parts read together. */
export const PART_LIMIT = 64 * 1024 * 1024;
export const TOTAL_LIMIT = 128 * 1024 * 1024;

export interface ZipEntryInfo {
  name: string;
  size: number;
  originalSize: number;
}

/** Names (and sizes) of every entry, from the central directory, without inflating anything. */
export function listEntries(bytes: Uint8Array): ZipEntryInfo[] {
  const out: ZipEntryInfo[] = [];
  unzipOrThrow(bytes, (f) => {
    out.push({ name: f.name, size: f.size, originalSize: f.originalSize });
    return false;
  });
  return out;
}

function unzipOrThrow(bytes: Uint8Array, filter: (f: ZipEntryInfo & { compression: number }) => boolean): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes, { filter });
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('read.zipBroken', { detail: e instanceof Error ? e.message : String(e) });
  }
}

/** The named parts that exist, inflated (names compared case-insensitively, as Word does). */
export function readParts(bytes: Uint8Array, names: readonly string[]): Map<string, Uint8Array> {
  const wanted = new Map(names.map((n) => [n.toLowerCase(), n] as const));
  let total = 0;
  const found = unzipOrThrow(bytes, (f) => {
    const want = wanted.get(f.name.toLowerCase());
    if (want === undefined) return false;
    if (f.originalSize > PART_LIMIT) throw new ImportError('read.partTooLarge', { part: f.name, limit: PART_LIMIT / 1024 / 1024 });
    total += f.originalSize;
    if (total > TOTAL_LIMIT) throw new ImportError('read.partTooLarge', { part: f.name, limit: TOTAL_LIMIT / 1024 / 1024 });
    return true;
  });
  const out = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(found)) out.set(wanted.get(name.toLowerCase()) ?? name, data);
  return out;
}

/** Every entry, inflated, in directory order (for rewriting one part of the package). */
export function readAll(bytes: Uint8Array): [string, Uint8Array][] {
  let total = 0;
  const found = unzipOrThrow(bytes, (f) => {
    total += f.originalSize;
    if (f.originalSize > PART_LIMIT * 4 || total > TOTAL_LIMIT * 4) throw new ImportError('read.partTooLarge', { part: f.name, limit: (TOTAL_LIMIT * 4) / 1024 / 1024 });
    return true;
  });
  return Object.entries(found);
}
