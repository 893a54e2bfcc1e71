// Order-preserving alignment of what a table shows with what its template lists (spec §5.5 rule 5):
// the observed labels are matched to template entries as a whole sequence, so a misspelt label sits
// where its neighbours put it, an extra row is an insertion and a missing row a deletion.

export interface Candidate {
  /** Template index. */
  j: number;
  /** Gain of matching (> 0); scores are compared as integers (thousandths), so ties are exact. */
  score: number;
}

/** Cells of the dynamic-programming table above which a greedy, still monotone, match is used. */
const MAX_CELLS = 4_000_000;

/**
 * For observed items 0..n-1 with their candidates among template entries 0..m-1, the monotone
 * one-to-one matching of greatest total score. Returns, per observed item, its template index or -1.
 */
export function alignMonotone(n: number, m: number, candidates: readonly (readonly Candidate[])[]): Int32Array {
  const match = new Int32Array(n).fill(-1);
  if (n === 0 || m === 0) return match;
  if ((n + 1) * (m + 1) > MAX_CELLS) return greedy(n, candidates, match);
  const W = m + 1;
  const best = new Int32Array((n + 1) * W);
  const gain = (s: number) => Math.max(1, Math.round(s * 1000));
  for (let i = 1; i <= n; i++) {
    const row = i * W;
    const prev = row - W;
    for (let j = 0; j <= m; j++) best[row + j] = best[prev + j];
    for (const c of candidates[i - 1]) {
      const v = best[prev + c.j] + gain(c.score);
      if (v > best[row + c.j + 1]) best[row + c.j + 1] = v;
    }
    for (let j = 1; j <= m; j++) if (best[row + j - 1] > best[row + j]) best[row + j] = best[row + j - 1];
  }
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const here = best[i * W + j];
    if (here === best[i * W + j - 1]) j--;
    else if (here === best[(i - 1) * W + j]) i--;
    else {
      match[i - 1] = j - 1;
      i--;
      j--;
    }
  }
  return match;
}

/** Hostile sizes only: each item takes its best candidate after the last one taken. */
function greedy(n: number, candidates: readonly (readonly Candidate[])[], match: Int32Array): Int32Array {
  let after = -1;
  for (let i = 0; i < n; i++) {
    let pick: Candidate | null = null;
    for (const c of candidates[i]) if (c.j > after && (!pick || c.score > pick.score)) pick = c;
    if (pick) {
      match[i] = pick.j;
      after = pick.j;
    }
  }
  return match;
}
