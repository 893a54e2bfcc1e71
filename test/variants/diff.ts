// Which characters of `a` a rewrite `b` changes: a shortest edit script (Myers' O(ND) algorithm) over the
// part between the common prefix and suffix. Used to tell whether fix-all touched anything but values.

export interface Changes {
  /** Offsets in a of deleted (or replaced) characters. */
  deleted: number[];
  /** Offsets in a before which b inserts characters. */
  inserted: number[];
}

const MAX_D = 1000;

export function changes(a: string, b: string): Changes {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const x = a.slice(pre, a.length - suf);
  const y = b.slice(pre, b.length - suf);
  const n = x.length;
  const m = y.length;
  const out: Changes = { deleted: [], inserted: [] };
  if (n === 0 && m === 0) return out;
  const max = Math.min(n + m, MAX_D);
  const offset = max;
  let v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let i = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let j = i - k;
      while (i < n && j < m && x[i] === y[j]) {
        i++;
        j++;
      }
      v[offset + k] = i;
      if (i >= n && j >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) {
    // Too different to align cheaply: everything between prefix and suffix changed.
    for (let i = 0; i < n; i++) out.deleted.push(pre + i);
    if (m > 0) out.inserted.push(pre);
    return out;
  }
  v = new Int32Array(0);
  // Walk back through the trace.
  let i = n;
  let j = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d];
    const k = i - j;
    const down = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]);
    const pk = down ? k + 1 : k - 1;
    const pi = vd[offset + pk];
    const pj = pi - pk;
    while (i > pi + (down ? 0 : 1) && j > pj + (down ? 1 : 0)) {
      i--;
      j--;
    }
    if (down) out.inserted.push(pre + i);
    else out.deleted.push(pre + i - 1);
    i = pi;
    j = pj;
  }
  return out;
}
