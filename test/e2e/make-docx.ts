// Writes the Word version of a seed report with a planted wrong number, for the e2e workspace:
//   node --import tsx test/e2e/make-docx.ts <seed.txt> <line (1-based)> <number> <out.docx>
// Headings numbered by Word, numbers split across runs: what the editor command has to read.
import { readFileSync, writeFileSync } from 'node:fs';
import { toDocx } from '../helpers/office';

const [seed, line, value, out] = process.argv.slice(2);
const lines = readFileSync(seed, 'utf8').split('\n');
lines[Number(line) - 1] = lines[Number(line) - 1].replace(/\d+/, value);
writeFileSync(out, toDocx(lines.join('\n'), { numbered: true, splitRuns: true }));
