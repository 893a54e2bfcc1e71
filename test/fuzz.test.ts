// The robustness properties (issue 6) inside `npm test`: a seeded run of the fuzzer (the full one is
// `npm run fuzz`), every named regression fixture, and checks that the properties catch what they
// should (a property that cannot fail proves nothing).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkText, type Diagnostic } from '../server/src/core';
import { BASES, fuzzArb, optionsOf, render } from './fuzz/generators';
import { readRegressions } from './fuzz/minimize';
import { PropertyFailure, checkDocument, lineCount, nonValueChange, rangeProblem, lineTable, verifyDiagnostics } from './fuzz/properties';

const SEED = 20_250_601;
const RUNS = 1500;

describe('fuzz: the seeded run', () => {
  it(`${RUNS} damaged reports (seed ${SEED}) satisfy every property`, () => {
    fc.assert(
      fc.property(fuzzArb, (c) => {
        const text = render(c);
        try {
          checkDocument(text, [], optionsOf(c));
        } catch (e) {
          if (e instanceof PropertyFailure) e.message += `\n  text: ${JSON.stringify(text).slice(0, 4000)}`;
          throw e;
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('every base document satisfies every property as it is', () => {
    for (const b of BASES) checkDocument(b.lines.join('\n'));
  });
});

describe('fuzz: regression fixtures (test/fixtures/regressions)', () => {
  for (const { name, text, options } of readRegressions()) {
    it(name, () => {
      checkDocument(text, [], options);
    });
  }
});

describe('fuzz: the properties catch what they should', () => {
  const text = '一、总体情况\r\n\t5\t6\n|a|';
  const at = (line: number, a: number, b: number) => ({ start: { line, character: a }, end: { line, character: b } });
  const diag = (over: Partial<Diagnostic>): Diagnostic => ({ code: 'XR999', rule: 'test', severity: 'error', message: 'm', range: at(0, 0, 1), fixes: [], ...over });
  const kindOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof PropertyFailure) return e.kind;
      throw e;
    }
    return null;
  };

  it('counts lines as LSP does (LF, CRLF, lone CR)', () => {
    assert.equal(lineCount(''), 1);
    assert.equal(lineCount('a\r\nb\rc\nd'), 4);
    assert.equal(lineCount('\n\r'), 3);
    assert.equal(lineCount(text), checkText(text).model.lineCount);
  });

  it('rejects ranges outside the document', () => {
    const lines = lineTable(text);
    assert.equal(rangeProblem(lines, at(0, 0, 6)), null);
    assert.match(rangeProblem(lines, at(0, 0, 7))!, /character 7 > length 6/);
    assert.match(rangeProblem(lines, at(3, 0, 0))!, /line 3 ≥ line count 3/);
    assert.match(rangeProblem(lines, at(1, 3, 2))!, /start after end/);
    assert.equal(kindOf(() => verifyDiagnostics(text, [diag({ range: at(1, 0, 9) })])), 'range-outside-document-XR999');
    assert.equal(kindOf(() => verifyDiagnostics(text, [diag({ related: [{ range: at(5, 0, 0), message: 'r' }] })])), 'related-range-outside-document-XR999');
  });

  it('rejects a preferred fix that edits outside its cell, touches more than a number, or writes anything but digits', () => {
    // The diagnostic covers `5\t6` (line 1, characters 1–4); its fix edits inside it.
    const fix = (a: number, b: number, newText: string) => diag({ range: at(1, 1, 4), fixes: [{ title: 't', preferred: true, edits: [{ range: at(1, a, b), newText }] }] });
    assert.equal(kindOf(() => verifyDiagnostics(text, [fix(1, 2, '7')])), null);
    assert.equal(kindOf(() => verifyDiagnostics(text, [fix(1, 1, '7')])), null);
    assert.equal(kindOf(() => verifyDiagnostics(text, [fix(1, 3, '7')])), 'preferred-fix-replaces-non-digits-XR999');
    assert.equal(kindOf(() => verifyDiagnostics(text, [fix(1, 2, '7e+21')])), 'preferred-fix-writes-non-digits-XR999');
    assert.equal(kindOf(() => verifyDiagnostics(text, [fix(0, 1, '7')])), 'preferred-fix-outside-its-cell-XR999');
  });

  it('rejects a fix that changes the line count, and overlapping edits', () => {
    const joins = diag({ fixes: [{ title: 't', preferred: false, edits: [{ range: { start: { line: 0, character: 6 }, end: { line: 1, character: 0 } }, newText: '' }] }] });
    assert.equal(kindOf(() => verifyDiagnostics(text, [joins])), 'fix-changes-line-count-XR999');
    const overlap = diag({ fixes: [{ title: 't', preferred: false, edits: [{ range: at(1, 1, 3), newText: '' }, { range: at(1, 2, 4), newText: '' }] }] });
    assert.equal(kindOf(() => verifyDiagnostics(text, [overlap])), 'fix-edits-overlap-XR999');
  });

  it('tells a rewritten value from any other change', () => {
    assert.equal(nonValueChange('a\t-3\t1,234\t80.5\t—\t\n', 'a\t0\t1235\t81\t0\t7\n'), null);
    assert.match(nonValueChange('a\t5\tb', 'a\t5b')!, /cells/);
    assert.match(nonValueChange('a\t5件', 'a\t5')!, /line 0/);
    assert.match(nonValueChange('a\n5', 'a5')!, /lines/);
    assert.match(nonValueChange('a\tx', 'a\t1')!, /line 0/);
  });
});
