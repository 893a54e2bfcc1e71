// The language server's index of the reports in the workspace, for XR501–XR503: which file is which
// agency's report for which year. Built lazily (on the first report that needs last year's), in the
// background (a few files per turn of the event loop, so requests keep being answered), from files that
// look like reports (.txt/.md, at most MAX_FILE_BYTES, the title's words near the top). Memory is bounded:
// an entry is a path, an agency and a year; digests (a few kilobytes each) are kept for a few reports only,
// read again from disk when needed. A changed file is re-read on the next look-up.

import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as CoreModule from '../core';
import type { ReportDigest } from '../core';

/** What the index needs of the core, passed in: the server's lazily loaded bundle of it (dist/cross.js) carries no core of its own. */
export type IndexCore = Pick<typeof CoreModule, 'agencyOf' | 'digestReport' | 'parseReport'>;

/**
 * A report file's text: UTF-8 (BOM or not), UTF-16 by BOM, else GB18030. The same reading as the CLI's
 * text-file.ts, but through the platform's TextDecoder: iconv-lite's tables would double the server bundle.
 */
function decode(bytes: Buffer): string | null {
  const attempt = (encoding: string, from: number) => {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(from));
    } catch {
      return null;
    }
  };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return attempt('utf-8', 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return attempt('utf-16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return attempt('utf-16be', 2);
  if (bytes.includes(0)) return null;
  return attempt('utf-8', 0) ?? attempt('gb18030', 0);
}

export interface IndexEntry {
  path: string;
  uri: string;
  agency: string;
  year: number;
  mtimeMs: number;
  size: number;
}

export interface IndexOptions {
  /** Files indexed at most (the rest of a huge workspace is not looked at). */
  maxFiles?: number;
  /** Larger files are not reports. */
  maxFileBytes?: number;
  /** Digests kept in memory. */
  maxDigests?: number;
  /** Files read per turn of the event loop. */
  batch?: number;
}

const EXTENSIONS = /\.(txt|md)$/i;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'out', 'build', 'target']);
/** The title's words (政府信息公开) in UTF-8, UTF-16LE/BE and GB18030, within the first bytes: a cheap test before decoding and parsing a file. */
const REPORT_WORDS = [
  Buffer.from('政府信息公开', 'utf8').toString('latin1'),
  Buffer.from('政府信息公开', 'utf16le').toString('latin1'),
  Buffer.from('政府信息公开', 'utf16le').swap16().toString('latin1'),
  '\xD5\xFE\xB8\xAE\xD0\xC5\xCF\xA2\xB9\xAB\xBF\xAA',
];
const HEAD_BYTES = 4096;

export class WorkspaceIndex {
  private readonly entries = new Map<string, IndexEntry>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly digests = new Map<string, { mtimeMs: number; digest: ReportDigest }>();
  private readonly dirty = new Set<string>();
  private scanning: Promise<void> | undefined;
  private scanned = false;
  private readonly opts: Required<IndexOptions>;
  /** Bumped whenever an entry appears, changes or goes: results computed from the index are stale. */
  version = 0;
  /** Files looked at during the last scan (reports or not). */
  filesSeen = 0;

  constructor(
    private readonly roots: readonly string[],
    private readonly core: IndexCore,
    options: IndexOptions = {},
  ) {
    this.opts = { maxFiles: options.maxFiles ?? 10_000, maxFileBytes: options.maxFileBytes ?? 4 * 1024 * 1024, maxDigests: options.maxDigests ?? 32, batch: options.batch ?? 8 };
  }

  get ready(): boolean {
    return this.scanned;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Starts the scan once; resolves when it is done. */
  scan(): Promise<void> {
    this.scanning ??= this.walkAll().then(() => {
      this.scanned = true;
      this.version++;
    });
    return this.scanning;
  }

  /** When the folders were last walked (ms since the epoch). */
  private walkedAt = 0;
  private rewalking: Promise<boolean> | undefined;

  /**
   * Walks the folders again and re-reads what is new, changed (by mtime) or gone; resolves whether anything
   * was. For editors that send no file events (and files written behind the editor's back).
   */
  rescan(): Promise<boolean> {
    this.rewalking ??= this.rewalk().finally(() => (this.rewalking = undefined));
    return this.rewalking;
  }

  /** Milliseconds since the folders were last walked. */
  get age(): number {
    return Date.now() - this.walkedAt;
  }

  private async rewalk(): Promise<boolean> {
    await this.scan();
    const queue: string[] = [];
    for (const root of this.roots) await this.walk(root, queue);
    this.walkedAt = Date.now();
    const seen = new Set(queue);
    let changed = false;
    for (const path of [...this.entries.keys()]) {
      if (seen.has(path)) continue;
      this.remove(path);
      changed = true;
    }
    for (let i = 0; i < queue.length; i++) {
      const path = queue[i];
      const known = this.entries.get(path);
      let mtimeMs: number;
      try {
        mtimeMs = (await fs.stat(path)).mtimeMs;
      } catch {
        continue;
      }
      if (known && known.mtimeMs === mtimeMs) continue;
      if (!known && this.skipped.get(path) === mtimeMs) continue; // looked at before: not a report
      this.remove(path);
      this.digests.delete(path);
      const before = this.entries.size;
      await this.indexFile(path);
      if (this.entries.size !== before || known) changed = true;
      if (i % this.opts.batch === 0) await new Promise<void>((r) => setImmediate(r));
    }
    if (changed) this.version++;
    return changed;
  }

  /** Files looked at that are not reports, by mtime: a re-walk does not read them again. */
  private readonly skipped = new Map<string, number>();

  /** A file changed, appeared or was deleted: re-read it at the next look-up. */
  invalidate(path: string): void {
    this.dirty.add(path);
    this.digests.delete(path);
  }

  /** The reports of `agency` for `year`, after re-reading the files that changed. */
  async lookup(agency: string, year: number): Promise<IndexEntry[]> {
    await this.refreshDirty();
    return [...(this.byKey.get(`${agency}|${year}`) ?? [])].map((p) => this.entries.get(p)!).filter(Boolean);
  }

  /** Last year's digest of a file, read from disk (kept for the few most recently used). */
  async digestOf(entry: IndexEntry): Promise<ReportDigest | null> {
    // Changed on disk since it was indexed (and no file event said so): read it again.
    const mtimeMs = await fs.stat(entry.path).then((s) => s.mtimeMs, () => null);
    if (mtimeMs === null) return null;
    if (mtimeMs !== entry.mtimeMs) {
      this.remove(entry.path);
      this.digests.delete(entry.path);
      await this.indexFile(entry.path);
      this.version++;
      const again = this.entries.get(entry.path);
      if (!again || again.agency !== entry.agency || again.year !== entry.year) return null;
      entry = again;
    }
    const known = this.digests.get(entry.path);
    if (known && known.mtimeMs === entry.mtimeMs) {
      this.digests.delete(entry.path);
      this.digests.set(entry.path, known);
      return known.digest;
    }
    const text = await this.read(entry.path, Infinity);
    if (text === null) return null;
    const model = this.core.parseReport(text);
    const digest = this.core.digestReport(model, undefined, { uri: entry.uri, name: entry.path.split(/[\\/]/).pop() });
    this.digests.set(entry.path, { mtimeMs: entry.mtimeMs, digest });
    while (this.digests.size > this.opts.maxDigests) this.digests.delete(this.digests.keys().next().value!);
    return digest;
  }

  private async refreshDirty(): Promise<void> {
    if (this.dirty.size === 0) return;
    const paths = [...this.dirty];
    this.dirty.clear();
    for (const p of paths) {
      this.remove(p);
      await this.indexFile(p);
    }
    this.version++;
  }

  private remove(path: string): void {
    const e = this.entries.get(path);
    if (!e) return;
    this.entries.delete(path);
    this.byKey.get(`${e.agency}|${e.year}`)?.delete(path);
  }

  private async walkAll(): Promise<void> {
    const queue: string[] = [];
    for (const root of this.roots) await this.walk(root, queue);
    this.walkedAt = Date.now();
    // Files are read in small batches, each batch in its own turn of the event loop.
    for (let i = 0; i < queue.length; i += this.opts.batch) {
      await Promise.all(queue.slice(i, i + this.opts.batch).map((p) => this.indexFile(p)));
      await new Promise<void>((r) => setImmediate(r));
    }
  }

  private async walk(dir: string, queue: string[]): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (queue.length >= this.opts.maxFiles) return;
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && !SKIP_DIRS.has(e.name)) await this.walk(join(dir, e.name), queue);
      } else if (e.isFile() && EXTENSIONS.test(e.name)) queue.push(join(dir, e.name));
    }
  }

  private async indexFile(path: string): Promise<void> {
    this.filesSeen++;
    let stat;
    try {
      stat = await fs.stat(path);
    } catch {
      return; // deleted
    }
    const skip = () => {
      if (this.skipped.size >= this.opts.maxFiles) this.skipped.clear();
      this.skipped.set(path, stat.mtimeMs);
    };
    if (!stat.isFile() || stat.size > this.opts.maxFileBytes) return skip();
    const text = await this.read(path, HEAD_BYTES);
    if (text === null) return skip();
    // Title and year need no tables: the section-level reading is a fraction of a full parse.
    const model = this.core.parseReport(text, { tables: false });
    const agency = this.core.agencyOf(model.title?.text);
    if (!model.isReport || agency === null || model.year === null) return skip();
    this.skipped.delete(path);
    const entry: IndexEntry = { path, uri: pathToFileURL(path).href, agency, year: model.year, mtimeMs: stat.mtimeMs, size: stat.size };
    this.entries.set(path, entry);
    const key = `${agency}|${model.year}`;
    if (!this.byKey.has(key)) this.byKey.set(key, new Set());
    this.byKey.get(key)!.add(path);
  }

  /** The file's text, or null when it does not look like a report (checked on its first bytes) or cannot be decoded. */
  private async read(path: string, headCheck: number): Promise<string | null> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(path);
    } catch {
      return null;
    }
    if (headCheck !== Infinity) {
      const head = bytes.subarray(0, headCheck).toString('latin1');
      if (!REPORT_WORDS.some((w) => head.includes(w))) return null;
    }
    return decode(bytes);
  }
}
