// `--fix` on a .docx: the fixed cells' new text written into word/document.xml, nothing else. A fix
// changes the digits of one cell; the changed characters are mapped back through the rendered cell to
// the `w:t` runs they came from, so a number split across runs ends up in the first of them and the
// others lose their part. Every other part of the package is carried over with the same content.

import { zipSync, type Zippable } from 'fflate';
import { ImportError } from './messages';
import { renderCell, type SourceMap } from './render';
import type { DocxCell } from './docx';
import type { TextSegment } from './types';
import { listEntries, readAll } from './zip';

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The cells of a rendered pipe row (`| a | b \| c |` → ['a', 'b \| c']). */
export function pipeCells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && line[i + 1] === '|') {
      cur += '\\|';
      i++;
    } else if (c === '|') {
      if (started) out.push(cur.trim());
      started = true;
      cur = '';
    } else cur += c;
  }
  return out;
}

interface Splice {
  start: number;
  end: number;
  text: string;
}

/**
 * The new main-part XML for a fixed text, or an error. `before` is the converted text, `after` the same
 * text with fixes applied (same lines; only cell text changed).
 */
export function fixedXml(xml: string, map: SourceMap, before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length !== b.length) throw new ImportError('fix.cellNotFound', { line: 1 });
  const newSeg = new Map<TextSegment, string>();
  const inserts: Splice[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const src = map.lines[i];
    if (!src || src.kind !== 'row') throw new ImportError('fix.cellNotFound', { line: i + 1 });
    const oldCells = pipeCells(a[i]);
    const newCells = pipeCells(b[i]);
    if (oldCells.length !== newCells.length || oldCells.length !== src.cells.length) throw new ImportError('fix.cellNotFound', { line: i + 1 });
    const grid = map.tables[src.table];
    for (let k = 0; k < oldCells.length; k++) {
      if (oldCells[k] === newCells[k]) continue;
      const span = src.cells[k];
      const cell = span.cell >= 0 ? (grid.cells[span.cell] as DocxCell) : undefined;
      const where = { table: src.table + 1, row: src.row + 1, col: span.col + 1 };
      if (!cell || !cell.segments) throw new ImportError('fix.noRun', where);
      const r = renderCell(cell);
      const o = oldCells[k];
      const n = newCells[k];
      if (r.text !== o) throw new ImportError('fix.cellNotFound', { line: i + 1 });
      let p = 0;
      while (p < o.length && p < n.length && o[p] === n[p]) p++;
      let s = 0;
      while (s < o.length - p && s < n.length - p && o[o.length - 1 - s] === n[n.length - 1 - s]) s++;
      const from = p;
      const to = o.length - s;
      const ins = n.slice(p, n.length - s);
      if (/[\\|]/.test(ins)) throw new ImportError('fix.cellNotFound', { line: i + 1 });
      const text = (seg: TextSegment) => newSeg.get(seg) ?? seg.text;
      // Characters removed from their runs (back to front, so offsets stay valid), then the insertion
      // into the run of the first changed character (or next to the nearest one for a pure insertion).
      let target: { seg: number; off: number } | null = null;
      for (let c = from; c < to; c++) if (r.seg[c] >= 0) {
        target = { seg: r.seg[c], off: r.off[c] };
        break;
      }
      if (!target) {
        if (from > 0 && r.seg[from - 1] >= 0) target = { seg: r.seg[from - 1], off: r.off[from - 1] + 1 };
        else if (to < o.length && r.seg[to] >= 0) target = { seg: r.seg[to], off: r.off[to] };
        // A cell that reads empty but has a run (empty or spaces only): the text goes into its first run.
        else if (o === '' && cell.segments.length > 0) target = { seg: 0, off: cell.segments[0].text.length };
      }
      for (let c = to - 1; c >= from; c--) {
        if (r.seg[c] < 0) continue;
        const seg = cell.segments[r.seg[c]];
        const t = text(seg);
        newSeg.set(seg, t.slice(0, r.off[c]) + t.slice(r.off[c] + 1));
      }
      if (ins === '') continue;
      if (target) {
        const seg = cell.segments[target.seg];
        const t = text(seg);
        newSeg.set(seg, t.slice(0, target.off) + ins + t.slice(target.off));
      } else if (cell.segments.length === 0 && cell.insertAt !== undefined) {
        // A new run at the end of the cell's first paragraph, with the paragraph's own prefix.
        const w = /^<\/([\w.-]+:)?p\s*>/.exec(xml.slice(cell.insertAt, cell.insertAt + 40))?.[1] ?? '';
        inserts.push({ start: cell.insertAt, end: cell.insertAt, text: `<${w}r><${w}t>${escapeXml(ins)}</${w}t></${w}r>` });
      } else if (cell.segments.length === 0 && cell.emptyParagraph !== undefined) {
        const { start, end } = cell.emptyParagraph;
        const m = /^<([\w.-]+:)?p(\s[^>]*)?\/>$/.exec(xml.slice(start, end));
        if (!m) throw new ImportError('fix.noRun', where);
        const w = m[1] ?? '';
        inserts.push({ start, end, text: `<${w}p${(m[2] ?? '').replace(/\s+$/, '')}><${w}r><${w}t>${escapeXml(ins)}</${w}t></${w}r></${w}p>` });
      } else throw new ImportError('fix.noRun', where);
    }
  }
  const splices: Splice[] = [...inserts];
  for (const [seg, t] of newSeg) splices.push({ start: seg.start, end: seg.end, text: escapeXml(t) });
  splices.sort((x, y) => y.start - x.start);
  let out = xml;
  for (const sp of splices) out = out.slice(0, sp.start) + sp.text + out.slice(sp.end);
  return out;
}

/** The package with `part` replaced; every other entry inflated and stored again with the same content. */
export function replacePart(bytes: Uint8Array, part: string, data: Uint8Array): Uint8Array {
  const stored = new Set(listEntries(bytes).filter((e) => e.size === e.originalSize).map((e) => e.name));
  const files: Zippable = {};
  for (const [name, content] of readAll(bytes)) {
    const d = name === part ? data : content;
    files[name] = [d, { level: stored.has(name) && name !== part ? 0 : 6 }];
  }
  return zipSync(files);
}
