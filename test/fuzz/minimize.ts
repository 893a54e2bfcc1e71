// Text-level minimisation of a failing document, after fast-check's own shrinking of the case: drop
// lines, then characters, while the text still fails the same way (delta debugging, greedy). Writes
// the result as a named regression fixture.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckOptions } from '../../server/src/core';
import { failureKind } from './properties';

export const REGRESSIONS = join(__dirname, '..', 'fixtures', 'regressions');

/** Pieces of a text that keep their line ends, so that removing one keeps the others' endings. */
function linesWithEnds(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

function reduce(parts: string[], fails: (t: string) => boolean, budget: { left: number }): string[] {
  let current = parts;
  for (let size = Math.max(1, current.length >> 1); size >= 1; size = size === 1 ? 0 : Math.max(1, size >> 1)) {
    for (let i = 0; i + size <= current.length && budget.left > 0; ) {
      const candidate = [...current.slice(0, i), ...current.slice(i + size)];
      budget.left--;
      if (fails(candidate.join(''))) current = candidate;
      else i += size;
    }
  }
  return current;
}

/** The smallest text found that fails with the same kind (budget: checks of the properties). */
export function minimize(text: string, kind: string, maxChecks = 4000, skip: readonly string[] = [], options: CheckOptions = {}): string {
  const fails = (t: string) => failureKind(t, skip, options) === kind;
  if (!fails(text)) return text;
  const budget = { left: maxChecks };
  let lines = linesWithEnds(text);
  for (let before = Infinity; lines.length < before && budget.left > 0; ) {
    before = lines.length;
    lines = reduce(lines, fails, budget);
  }
  // Then characters, line by line, while the budget lasts.
  let current = lines.join('');
  for (let k = 0; k < lines.length && budget.left > 0; k++) {
    const chars = Array.from(lines[k].replace(/(\r\n|\r|\n)$/, ''));
    const end = lines[k].slice(chars.join('').length);
    const rest = (mid: string) => [...lines.slice(0, k), mid + end, ...lines.slice(k + 1)].join('');
    const kept = reduce(chars, (t) => fails(rest(t)), budget);
    lines[k] = kept.join('') + end;
    current = lines.join('');
  }
  return current;
}

/** True when the text survives a round trip through UTF-8 (no lone surrogates). */
export function utf8Safe(text: string): boolean {
  return Buffer.from(text, 'utf8').toString('utf8') === text;
}

/**
 * Writes `<name>.txt` under test/fixtures/regressions, and `<name>.json` ({ kind, text, options })
 * when the text needs check options or UTF-8 cannot hold it (lone surrogates). Returns the path of
 * the file the tests read.
 */
export function writeRegression(kind: string, text: string, options: CheckOptions = {}, dir = REGRESSIONS): string {
  mkdirSync(dir, { recursive: true });
  const hash = createHash('sha1').update(text).digest('hex').slice(0, 8);
  const name = `${kind.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${hash}`;
  const txt = join(dir, `${name}.txt`);
  if (!existsSync(txt)) writeFileSync(txt, text, 'utf8');
  if (!utf8Safe(text) || Object.keys(options).length > 0) {
    writeFileSync(join(dir, `${name}.json`), JSON.stringify({ kind, text, options }, null, 2) + '\n', 'utf8');
    return join(dir, `${name}.json`);
  }
  return txt;
}

/** Every regression fixture: `<name>.txt`, or `<name>.json` ({ text, options }) which then wins. */
export function readRegressions(dir = REGRESSIONS): { name: string; text: string; options: CheckOptions }[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => /\.(txt|json)$/.test(f)).sort();
  const out: { name: string; text: string; options: CheckOptions }[] = [];
  for (const f of files) {
    const name = f.replace(/\.(txt|json)$/, '');
    if (f.endsWith('.txt') && files.includes(`${name}.json`)) continue;
    const raw = readFileSync(join(dir, f), 'utf8');
    if (f.endsWith('.txt')) out.push({ name, text: raw, options: {} });
    else {
      const data = JSON.parse(raw) as { text: string; options?: CheckOptions };
      out.push({ name, text: data.text, options: data.options ?? {} });
    }
  }
  return out;
}

/** The fixture that already fails the same way (a known, reported bug), if any. */
export function knownFixture(kind: string, dir = REGRESSIONS): string | null {
  for (const r of readRegressions(dir)) if (failureKind(r.text, [], r.options) === kind) return r.name;
  return null;
}
