// How alike two normalised labels are (spec §5.5 rules 4–5): the reader aligns what a report wrote
// with the template's wording, so a dropped, doubled or changed character still finds its row, column
// or section. Pure string arithmetic on UTF-16 code units; bounded so hostile labels stay cheap.

/** Labels longer than this are compared on their first characters only: template labels are shorter. */
const MAX_COMPARED = 96;

/**
 * Levenshtein distance, or `limit + 1` as soon as it must exceed `limit` (banded: O(len × limit)).
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a.length > MAX_COMPARED) a = a.slice(0, MAX_COMPARED);
  if (b.length > MAX_COMPARED) b = b.slice(0, MAX_COMPARED);
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** Length of the longest common subsequence (characters in order, not necessarily adjacent). */
export function commonSubsequence(a: string, b: string): number {
  if (a.length > MAX_COMPARED) a = a.slice(0, MAX_COMPARED);
  if (b.length > MAX_COMPARED) b = b.slice(0, MAX_COMPARED);
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      cur[j] = ca === b.charCodeAt(j - 1) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    [prev, cur] = [cur, prev];
    cur.fill(0);
  }
  return prev[b.length];
}

/**
 * 1 for equal strings, 0 for nothing in common: one minus the edit distance over the longer length.
 * Below `floor` the exact figure does not matter and 0 is returned early.
 */
export function textSimilarity(a: string, b: string, floor = 0): number {
  if (a === b) return 1;
  const longer = Math.max(Math.min(a.length, MAX_COMPARED), Math.min(b.length, MAX_COMPARED));
  if (longer === 0) return 0;
  const limit = Math.floor((1 - floor) * longer);
  const d = editDistance(a, b, limit);
  return d > limit ? 0 : 1 - d / longer;
}
