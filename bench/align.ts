// Alignment at scale (issue 10): table 三 with thousands of rows that are no template row, short and long
// labels. Every run gets labels it has never seen (a salt in each), so no memo of an earlier run helps and
// what is timed is the reader itself. A quadratic step anywhere in header, alignment, placement or rules
// shows as a growth exponent towards 2; linear is 1.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './generate';

export interface AlignFigures {
  rows: { labelChars: number; rows: number; medianMs: number; usPerRow: number }[];
  /** Per label length: log(t(most) / t(fewest)) / log(most / fewest). */
  exponents: { labelChars: number; exponent: number }[];
}

const ROW_COUNTS = [1000, 5000, 20000];
const LABEL_CHARS = [20, 200];
const FILL = '根据申请人补充提交的材料对相关政府信息进行核查并说明办理依据和过程的情况记录';

export function alignBench(checkText: (text: string) => unknown): AlignFigures {
  const base = readFileSync(join(ROOT, 'examples', '2022-示例县交通运输局.md'), 'utf8').split('\n');
  const at = base.findIndex((l) => l.includes('（一）予以公开'));
  let salt = 0;
  const report = (rows: number, chars: number): string => {
    salt++;
    const extra: string[] = [];
    for (let k = 0; k < rows; k++) {
      let label = `补充说明${salt}第${k}项`;
      while (label.length < chars) label += FILL;
      extra.push(`| | ${label.slice(0, chars)} | | 0 | 0 | 0 | 0 | 0 | 0 | 0 |`);
    }
    return [...base.slice(0, at + 1), ...extra, ...base.slice(at + 1)].join('\n');
  };
  const out: AlignFigures = { rows: [], exponents: [] };
  for (const chars of LABEL_CHARS) {
    for (const rows of ROW_COUNTS) {
      const reps = rows >= 20000 ? 3 : 7;
      const times: number[] = [];
      for (let i = 0; i < reps + 1; i++) {
        const text = report(rows, chars);
        const t0 = performance.now();
        checkText(text);
        if (i > 0) times.push(performance.now() - t0); // the first is warm-up
      }
      times.sort((a, b) => a - b);
      const medianMs = times[times.length >> 1];
      out.rows.push({ labelChars: chars, rows, medianMs, usPerRow: (1000 * medianMs) / rows });
    }
    const few = out.rows.find((r) => r.labelChars === chars && r.rows === ROW_COUNTS[0])!;
    const most = out.rows.find((r) => r.labelChars === chars && r.rows === ROW_COUNTS[ROW_COUNTS.length - 1])!;
    out.exponents.push({ labelChars: chars, exponent: Math.log(most.medianMs / few.medianMs) / Math.log(most.rows / few.rows) });
  }
  return out;
}
