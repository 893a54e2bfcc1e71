// Annotated fixtures: the report text with the expected findings written under the cells they belong
// to, as comment lines the reader never sees (rust-analyzer's `//^ error` lines, in HTML comments):
//
//   | | | 2.重申 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
//   <!--  ^^^^ XR012 fix -->
//
// The carets mark characters of the line above (the nearest line that is no annotation); a finding with
// that code must cover one of them (an empty range — a blank cell — must sit among them). After the code: `error`/`warning`/`information`/`hint` (its
// severity), `fix` / `nofix` (a fix with edits is offered or not), `expected=N`, free words ignored.
// Every error and warning must be annotated; information and hints only when they are.

import assert from 'node:assert/strict';
import { checkText, type Diagnostic } from '../../server/src/core';

const ANNOTATION = /^<!--( *)(\^+) (XR\d{3})((?: [\w=.-]+)*) *-->$/;

interface Expectation {
  line: number;
  from: number;
  to: number;
  code: string;
  severity?: string;
  fix?: boolean;
  expected?: number;
}

function expectations(text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  const out: Expectation[] = [];
  let target = -1;
  lines.forEach((l, i) => {
    const m = ANNOTATION.exec(l);
    if (!m) {
      target = i;
      return;
    }
    const from = '<!--'.length + m[1].length;
    const e: Expectation = { line: target, from, to: from + m[2].length, code: m[3] };
    for (const word of m[4].trim().split(' ').filter(Boolean)) {
      if (['error', 'warning', 'information', 'hint'].includes(word)) e.severity = word;
      else if (word === 'fix') e.fix = true;
      else if (word === 'nofix') e.fix = false;
      else if (word.startsWith('expected=')) e.expected = Number(word.slice('expected='.length));
    }
    out.push(e);
  });
  return out;
}

const show = (d: Diagnostic) => `${d.code} ${d.severity} ${d.range.start.line + 1}:${d.range.start.character} ${d.message}`;

/** Checks the text and compares its findings with the annotations; returns the findings. */
export function assertAnnotated(text: string): Diagnostic[] {
  const { diagnostics, failedRules } = checkText(text);
  assert.deepEqual(failedRules, []);
  const wanted = expectations(text);
  const matched = new Set<Diagnostic>();
  for (const e of wanted) {
    const covers = (x: Diagnostic) => {
      const start = x.range.start.character;
      const end = x.range.end.line > e.line ? Infinity : x.range.end.character;
      return x.range.start.line === e.line && (start === end ? start >= e.from && start <= e.to : start < e.to && end > e.from);
    };
    const d = diagnostics.find((x) => !matched.has(x) && x.code === e.code && covers(x));
    const near = diagnostics.filter((x) => x.range.start.line === e.line).map(show);
    assert.ok(d, `no ${e.code} at line ${e.line + 1}, characters ${e.from}–${e.to}; on that line: ${near.join(' | ') || 'nothing'}`);
    matched.add(d);
    if (e.severity) assert.equal(d.severity, e.severity, show(d));
    if (e.fix !== undefined) assert.equal(d.fixes.some((f) => f.edits.length > 0), e.fix, `${show(d)}: fix ${e.fix ? 'expected' : 'not expected'}`);
    if (e.expected !== undefined) assert.equal(d.expected, e.expected, show(d));
  }
  const unexpected = diagnostics.filter((d) => !matched.has(d) && (d.severity === 'error' || d.severity === 'warning'));
  assert.deepEqual(unexpected.map(show), [], 'errors and warnings nobody annotated');
  return diagnostics;
}
