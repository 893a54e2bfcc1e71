// Reading parts out of a .docx (a ZIP package): the central directory is read from its records, and only the
// parts asked for are inflated, by Node's zlib (native: a 1 MB document part inflates in a few ms where
// a JavaScript inflater, run once in a short CLI process, takes 30–50 ms). Never more than a cap: declared
// sizes are checked before inflating, and a part is inflated into at most its declared size, so one that
// lies about its size is refused instead of filling memory. (Writing packages back is fflate's: docx-fix.ts.)

import { inflateRawSync } from 'node:zlib';
import { ImportError } from './messages';

/** Inflated size allowed for one part, and for all parts read together. */
export const PART_LIMIT = 64 * 1024 * 1024;
export const TOTAL_LIMIT = 128 * 1024 * 1024;

export interface ZipEntryInfo {
  name: string;
  /** Stored (compressed) size. */
  size: number;
  originalSize: number;
}

interface Entry extends ZipEntryInfo {
  compression: number;
  flags: number;
  /** Offset of the entry's local header. */
  local: number;
}

const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_END64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

function broken(detail: string): ImportError {
  return new ImportError('read.zipBroken', { detail });
}

class Reader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private check(at: number, length: number): void {
    if (at < 0 || at + length > this.bytes.length) throw broken('a record runs past the end of the file');
  }
  u16(at: number): number {
    this.check(at, 2);
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    this.check(at, 4);
    return this.view.getUint32(at, true);
  }
  u64(at: number): number {
    this.check(at, 8);
    const value = this.view.getBigUint64(at, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw broken('a ZIP64 size or offset is out of range');
    return Number(value);
  }
  slice(at: number, length: number): Uint8Array {
    this.check(at, length);
    return this.bytes.subarray(at, at + length);
  }
}

/** The end-of-central-directory record: within the last 64 KiB + 22 bytes (its comment is at most 64 KiB). */
function endRecord(r: Reader): number {
  const last = r.bytes.length - 22;
  for (let at = last; at >= 0 && at >= last - MAX16; at--) {
    if (r.bytes[at] === 0x50 && r.bytes[at + 1] === 0x4b && r.u32(at) === SIG_END) return at;
  }
  throw broken('no end of central directory');
}

/** Every entry of the central directory, in its order. */
function directory(bytes: Uint8Array): Entry[] {
  const r = new Reader(bytes);
  const end = endRecord(r);
  let count = r.u16(end + 10);
  let at = r.u32(end + 16);
  if (count === MAX16 || at === MAX32) {
    // ZIP64: a locator just before the record points at the 64-bit end record.
    if (end < 20 || r.u32(end - 20) !== SIG_END64_LOCATOR) throw broken('a ZIP64 directory without its locator');
    const end64 = r.u64(end - 12);
    if (r.u32(end64) !== SIG_END64) throw broken('no ZIP64 end of central directory');
    count = r.u64(end64 + 32);
    at = r.u64(end64 + 48);
  }
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (r.u32(at) !== SIG_CENTRAL) throw broken('a central directory record is missing');
    const flags = r.u16(at + 8);
    const nameLength = r.u16(at + 28);
    const extraLength = r.u16(at + 30);
    const name = Buffer.from(r.slice(at + 46, nameLength)).toString(flags & 0x800 ? 'utf8' : 'latin1');
    const entry: Entry = { name, compression: r.u16(at + 10), flags, size: r.u32(at + 20), originalSize: r.u32(at + 24), local: r.u32(at + 42) };
    if (entry.originalSize === MAX32 || entry.size === MAX32 || entry.local === MAX32) zip64Fields(r, at + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + r.u16(at + 32);
  }
  return entries;
}

/** The 64-bit values of an entry, from its ZIP64 extra field: only those whose 32-bit field is full, in this order. */
function zip64Fields(r: Reader, extra: number, length: number, e: Entry): void {
  for (let at = extra; at + 4 <= extra + length; at += 4 + r.u16(at + 2)) {
    if (r.u16(at) !== 0x0001) continue;
    let field = at + 4;
    const next = () => {
      const v = r.u64(field);
      field += 8;
      return v;
    };
    if (e.originalSize === MAX32) e.originalSize = next();
    if (e.size === MAX32) e.size = next();
    if (e.local === MAX32) e.local = next();
    return;
  }
  throw broken(`${e.name}: a ZIP64 entry without its extra field`);
}

function inflate(bytes: Uint8Array, e: Entry): Uint8Array {
  const r = new Reader(bytes);
  if (r.u32(e.local) !== SIG_LOCAL) throw broken(`${e.name}: no local header`);
  if (e.flags & 0x1) throw broken(`${e.name}: the entry is encrypted`);
  const data = r.slice(e.local + 30 + r.u16(e.local + 26) + r.u16(e.local + 28), e.size);
  if (e.compression === 0) {
    if (e.size !== e.originalSize) throw broken(`${e.name}: a stored entry whose two sizes differ`);
    return new Uint8Array(data);
  }
  if (e.compression !== 8) throw broken(`${e.name}: compression method ${e.compression} is not supported`);
  if (e.originalSize === 0) return new Uint8Array(0);
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: e.originalSize });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw broken(code === 'ERR_BUFFER_TOO_LARGE' ? `${e.name} inflates to more than its declared ${e.originalSize} bytes` : `${e.name}: ${(err as Error).message}`);
  }
  if (out.length !== e.originalSize) throw broken(`${e.name} inflates to ${out.length} bytes, not its declared ${e.originalSize}`);
  return out;
}

function directoryOrThrow(bytes: Uint8Array): Entry[] {
  try {
    return directory(bytes);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw broken(e instanceof Error ? e.message : String(e));
  }
}

/** Names (and sizes) of every entry, from the central directory, without inflating anything. */
export function listEntries(bytes: Uint8Array): ZipEntryInfo[] {
  return directoryOrThrow(bytes).map(({ name, size, originalSize }) => ({ name, size, originalSize }));
}

/** The named parts that exist, inflated (names compared case-insensitively, as Word does). */
export function readParts(bytes: Uint8Array, names: readonly string[]): Map<string, Uint8Array> {
  const wanted = new Map(names.map((n) => [n.toLowerCase(), n] as const));
  const chosen: [string, Entry][] = [];
  let total = 0;
  for (const e of directoryOrThrow(bytes)) {
    const want = wanted.get(e.name.toLowerCase());
    if (want === undefined) continue;
    if (e.originalSize > PART_LIMIT) throw new ImportError('read.partTooLarge', { part: e.name, limit: PART_LIMIT / 1024 / 1024 });
    total += e.originalSize;
    if (total > TOTAL_LIMIT) throw new ImportError('read.partTooLarge', { part: e.name, limit: TOTAL_LIMIT / 1024 / 1024 });
    chosen.push([want, e]);
  }
  return new Map(chosen.map(([name, e]) => [name, inflate(bytes, e)]));
}

/** Every entry, inflated, in directory order (for rewriting one part of the package). */
export function readAll(bytes: Uint8Array): [string, Uint8Array][] {
  const entries = directoryOrThrow(bytes);
  let total = 0;
  for (const e of entries) {
    total += e.originalSize;
    if (e.originalSize > PART_LIMIT * 4 || total > TOTAL_LIMIT * 4) throw new ImportError('read.partTooLarge', { part: e.name, limit: (TOTAL_LIMIT * 4) / 1024 / 1024 });
  }
  return entries.map((e) => [e.name, inflate(bytes, e)]);
}
