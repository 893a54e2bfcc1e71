// Applying edits, and fix-all: apply every preferred fix, re-check, repeat until nothing changes.

import { checkText, type CheckOptions } from './check';
import { offsetAt, splitLines } from './text';
import type { Diagnostic, TextEdit } from './types';

/** Applies non-overlapping edits (any order) to the text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text;
  const lines = splitLines(text);
  const spans = edits
    .map((e, index) => ({ from: offsetAt(lines, e.range.start), to: offsetAt(lines, e.range.end), text: e.newText, index }))
    // From the end backwards; insertions at one point go in reverse so they read in the given order.
    .sort((a, b) => b.from - a.from || b.to - a.to || b.index - a.index);
  let out = text;
  let limit = Infinity;
  for (const s of spans) {
    if (s.to > limit) continue; // overlaps an edit already applied
    out = out.slice(0, s.from) + s.text + out.slice(s.to);
    limit = s.from;
  }
  return out;
}

/** The edits of every preferred fix, without overlaps (the first diagnostic wins). */
export function preferredEdits(diagnostics: readonly Diagnostic[]): TextEdit[] {
  const edits: TextEdit[] = [];
  const key = (e: TextEdit) => `${e.range.start.line}:${e.range.start.character}`;
  const taken = new Set<string>();
  for (const d of diagnostics) {
    const f = d.fixes.find((x) => x.preferred && x.fixAll !== false);
    if (!f || f.edits.some((e) => taken.has(key(e)))) continue;
    for (const e of f.edits) {
      taken.add(key(e));
      edits.push(e);
    }
  }
  return edits;
}

export interface FixAllResult {
  text: string;
  rounds: number;
  /** Diagnostics whose fixes were applied, over all rounds. */
  fixed: Diagnostic[];
}

export function fixAll(text: string, options: CheckOptions = {}, maxRounds = 8): FixAllResult {
  let current = text;
  const fixed: Diagnostic[] = [];
  let rounds = 0;
  while (rounds < maxRounds) {
    const { diagnostics } = checkText(current, options);
    const edits = preferredEdits(diagnostics);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    rounds++;
    if (next === current) break;
    fixed.push(...diagnostics.filter((d) => d.fixes.some((f) => f.preferred)));
    current = next;
  }
  return { text: current, rounds, fixed };
}
