// Finds last year's report for an open report in the editor: among the open documents first (their live
// text), then in the workspace index (files on disk). Pure of the protocol: server.ts asks it and turns
// the answer into diagnostics, related locations and the "open last year's report" command.

import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckResult, ReportDigest } from '../core';
import { WorkspaceIndex, type IndexCore, type IndexOptions } from './workspace-index';

/** How long a report whose last year's report was not found waits before the folders are walked again for it. */
const RESCAN_AFTER_MISS_MS = 30_000;

export interface OpenReport {
  uri: string;
  /** Changes whenever the document's text changes. */
  revision: number;
  result: CheckResult;
}

export interface Previous {
  digest: ReportDigest;
  /** Identity of what the digest was read from: `open:<uri>:<revision>` or `disk:<path>:<mtime>`. */
  key: string;
}

function pathOf(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

function nameOf(uri: string): string {
  return decodeURIComponent(uri.split('/').pop() ?? uri);
}

export class CrossYearService {
  readonly index: WorkspaceIndex | null;
  private readonly openDigests = new WeakMap<CheckResult, ReportDigest>();

  constructor(
    roots: readonly string[],
    /** The open reports the server has analysed. */
    private readonly open: () => Iterable<OpenReport>,
    /** Called once the first scan is done, so diagnostics that had no index yet can be refreshed. */
    onIndexed: () => void,
    /** The server's core (this module is a bundle of its own, loaded on first use, without one). */
    private readonly core: IndexCore,
    options: IndexOptions = {},
  ) {
    this.index = roots.length > 0 ? new WorkspaceIndex(roots, core, options) : null;
    this.onIndexed = onIndexed;
  }

  private readonly onIndexed: () => void;

  private readonly misses = new Map<string, number>();

  /**
   * Last year's report not found: it may have been written since the last walk, and not every editor sends
   * file events. Walk again — at once for a report not asked about before, then at most every
   * RESCAN_AFTER_MISS_MS for the same one (a report without a previous year asks on every re-check) — and
   * refresh the diagnostics if anything changed.
   */
  private rescanOnMiss(key: string): void {
    const index = this.index;
    if (!index) return;
    const last = this.misses.get(key);
    if (last !== undefined && Date.now() - last < RESCAN_AFTER_MISS_MS) return;
    if (index.age < 1000 && last !== undefined) return;
    if (this.misses.size > 1000) this.misses.clear();
    this.misses.set(key, Date.now());
    void index.rescan().then((changed) => changed && this.onIndexed(), () => undefined);
  }

  /** A file on disk changed (a watched .txt/.md). */
  fileChanged(uri: string): void {
    const path = pathOf(uri);
    if (path && this.index) this.index.invalidate(path);
  }

  /**
   * Last year's report of this report's agency, or null. Starts the workspace scan on first use and answers
   * from the open documents until it is done.
   */
  async previousFor(uri: string, result: CheckResult): Promise<Previous | null> {
    const { model } = result;
    const agency = this.core.agencyOf(model.title?.text);
    if (agency === null || model.year === null) return null;
    const year = model.year - 1;
    const here = pathOf(uri);
    const openUris = new Set<string>();
    const openCandidates: OpenReport[] = [];
    for (const o of this.open()) {
      openUris.add(o.uri);
      if (o.uri === uri) continue;
      if (o.result.model.year === year && this.core.agencyOf(o.result.model.title?.text) === agency) openCandidates.push(o);
    }
    if (openCandidates.length > 0) {
      const o = nearest(here, openCandidates, (x) => pathOf(x.uri));
      let digest = this.openDigests.get(o.result);
      if (!digest) {
        digest = this.core.digestReport(o.result.model, o.result.analysis, { uri: o.uri, name: nameOf(o.uri) });
        this.openDigests.set(o.result, digest);
      }
      return { digest, key: `open:${o.uri}:${o.revision}` };
    }
    if (!this.index) return null;
    if (!this.index.ready) {
      void this.index.scan().then(this.onIndexed, () => undefined);
      return null;
    }
    // Files open in the editor speak through their live text (above), not their saved copy.
    const entries = (await this.index.lookup(agency, year)).filter((e) => !openUris.has(e.uri) && e.path !== here);
    if (entries.length === 0) {
      this.rescanOnMiss(`${agency}|${year}`);
      return null;
    }
    const entry = nearest(here, entries, (e) => e.path);
    const digest = await this.index.digestOf(entry);
    return digest ? { digest, key: `disk:${entry.path}:${entry.mtimeMs}` } : null;
  }
}

/** The candidate nearest `here` in the folder tree (same folder first), then by path. */
function nearest<T>(here: string | null, candidates: T[], path: (t: T) => string | null): T {
  if (!here || candidates.length === 1) return candidates[0];
  const distance = (t: T) => {
    const p = path(t);
    return p === null ? Infinity : relative(dirname(here), dirname(p)).split(/[\\/]/).filter((x) => x !== '').length;
  };
  return [...candidates].sort((a, b) => distance(a) - distance(b) || String(path(a)).localeCompare(String(path(b))))[0];
}
