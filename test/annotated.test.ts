// The reader and the rules on annotated fixtures (test/fixtures/annotated): each report carries its
// expected findings under the cells they belong to (see test/helpers/annotated.ts). The same report
// re-flattened into the other two forms gives the same findings.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkText, type Diagnostic } from '../server/src/core';
import { assertAnnotated } from './helpers/annotated';
import { FIXTURES, reflatten } from './helpers/reports';

const DIR = join(FIXTURES, 'annotated');
const key = (d: Diagnostic) => [d.code, d.severity, d.table ?? '', d.row ?? '', d.column ?? '', d.expected ?? '', d.actual ?? ''].join('|');

describe('annotated fixtures', () => {
  for (const name of readdirSync(DIR).filter((f) => /\.(md|txt)$/.test(f)).sort()) {
    const text = readFileSync(join(DIR, name), 'utf8');
    it(name, () => {
      const found = assertAnnotated(text);
      // Sections and tables never go missing in these variants.
      assert.deepEqual(found.filter((d) => d.code === 'XR001' || d.code === 'XR007' || d.code === 'XR008'), []);
      // A fixture about cell positions themselves (a row one cell short) has no equivalent elsewhere.
      if (text.includes('@flattening-specific')) return;
      for (const f of ['cell-per-line', 'tsv', 'markdown'] as const) {
        assert.deepEqual(checkText(reflatten(text, f)).diagnostics.map(key).sort(), found.map(key).sort(), f);
      }
    });
  }
});
