// Debug aid: prints the parsed model of a report.
import { readFileSync } from 'node:fs';
import { parseReport } from '../server/src/core/parse';
const m = parseReport(readFileSync(process.argv[2], 'utf8'));
console.log('title', m.title?.text, 'year', m.year, m.yearSources.map((y) => y.source + ':' + y.year).join(' '), 'template', m.template, 'isReport', m.isReport);
console.log('sections', m.sections.map((s) => `${s.number}@${s.line}${s.canonical ? '' : '*'}`).join(' '));
console.log('signing', m.signingDate && `${m.signingDate.year}-${m.signingDate.month}-${m.signingDate.day}`, 'parts', m.partCount?.count, 'artifacts', m.artifacts.length);
for (const t of Object.values(m.tables)) {
  console.log(`== table ${t!.id} ${t!.flattening} v${t!.version}`);
  for (const r of t!.rows) {
    if (process.argv[3] !== 'all' && (r.kind === 'header' || r.kind === 'caption')) continue;
    console.log(`  ${r.line + 1} ${r.kind} ${r.key ?? '-'} ${r.aligned ? '' : 'UNALIGNED '}[${r.labelCells.map((l) => l.text).join('|')}] ${r.cells.map((c) => c.text === '' ? '∅' : c.text).join(' ')}${r.parentKey ? ' parent=' + r.parentKey : ''}`);
  }
}
