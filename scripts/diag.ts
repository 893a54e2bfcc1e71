// Debug aid: prints the diagnostics of reports.
import { readFileSync } from 'node:fs';
import { checkText } from '../server/src/core';
import '../test/helpers/english';
for (const f of process.argv.slice(2)) {
  const r = checkText(readFileSync(f, 'utf8'), { locale: process.env.XL === 'en' ? 'en' : 'zh-cn' });
  console.log(`## ${f} template=${r.model.template} year=${r.model.year} failed=${JSON.stringify(r.failedRules)}`);
  for (const d of r.diagnostics) console.log(`  ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.severity[0]} ${d.code} ${d.message}${d.fixes.length ? ' [' + d.fixes.map((x) => (x.preferred ? '*' : '') + x.title).join('; ') + ']' : ''}`);
}
