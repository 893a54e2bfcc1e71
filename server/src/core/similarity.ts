// How alike two normalised labels are (spec §5.5 rules 4–5): the reader aligns what a report wrote
// with the template's wording, so a dropped, doubled or changed character still finds its row, column
// or section. Pure string arithmetic on UTF-16 code units; bounded so hostile labels stay cheap.

/** Labels longer than this are compared on their first characters only: template labels are shorter. */
const MAX_COMPARED = 96;

/** Rows of the distance table, reused: a long table compares thousands of labels. */
const prevRow = new Uint16Array(MAX_COMPARED + 1);
const curRow = new Uint16Array(MAX_COMPARED + 1);
/** Per code unit, a count: how many characters two strings share, whatever their order. */
const shared = new Int16Array(0x10000);

/**
 * Characters of the longer string that the other lacks (multisets, order ignored): a lower bound of the
 * edit distance, found in linear time, so most unlike pairs never reach the quadratic table.
 */
function unsharedBound(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) shared[a.charCodeAt(i)]++;
  let common = 0;
  for (let j = 0; j < b.length; j++) {
    const c = b.charCodeAt(j);
    if (shared[c] > 0) {
      shared[c]--;
      common++;
    }
  }
  for (let i = 0; i < a.length; i++) shared[a.charCodeAt(i)] = 0;
  return Math.max(a.length, b.length) - common;
}

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
  if (limit < Math.max(a.length, b.length) && unsharedBound(a, b) > limit) return limit + 1;
  let prev = prevRow;
  let cur = curRow;
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
  let prev = prevRow.fill(0, 0, b.length + 1);
  let cur = curRow.fill(0, 0, b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      cur[j] = ca === b.charCodeAt(j - 1) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    [prev, cur] = [cur, prev];
    cur.fill(0, 0, b.length + 1);
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
