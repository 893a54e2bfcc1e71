// What a cell's text means (spec §6.2). Pure and allocation-light: called for every value cell.

import type { ParsedValue } from './types';

/** Explicit "none" marks: 0 in arithmetic, flagged (XR202). */
const PLACEHOLDERS = new Set(['—', '——', '-', '--', '－', '–', '―', '/', '／', '\\', '无', '空', '暂无', 'N/A', 'n/a']);

/** Units seen in cells; amounts use 万元/元/亿元, counts sometimes carry 件/项/个/条/次/人. */
const UNIT_RE = /^(万元|亿元|元|件|项|个|条|次|人|宗)$/;

/**
 * Parses one cell's trimmed text. Full-width digits, signs, points and commas are mapped one to one
 * so token offsets stay valid in the original text.
 */
export function parseValue(text: string): ParsedValue {
  if (text === '') return BLANK;
  const word = signWordLength(text);
  // Every label cell comes here too: no digit where the token must start means no number, decided
  // before the cache (whose key would hash a long label) and before the ASCII copy below.
  if (!digitStartsAt(text, word)) return text.length <= PLACEHOLDER_MAX && PLACEHOLDERS.has(text) ? PLACEHOLDER : INVALID;
  let v = valueCache.get(text);
  if (v === undefined) {
    v = Object.freeze(computeValue(text, word));
    if (valueCache.size >= 4096) valueCache.clear();
    valueCache.set(text, v);
  }
  return v;
}

/** Cell texts repeat endlessly (`0`): parsed values are immutable and shared. */
const valueCache = new Map<string, ParsedValue>();
const BLANK: ParsedValue = Object.freeze({ kind: 'blank' });
const INVALID: ParsedValue = Object.freeze({ kind: 'invalid' });
const PLACEHOLDER: ParsedValue = Object.freeze({ kind: 'placeholder', number: 0 });
const PLACEHOLDER_MAX = Math.max(...[...PLACEHOLDERS].map((p) => p.length));

/** A change written in words (`减4`, `增加2`, as 2019 本年增/减 cells have it): the sign, one to one, so
 * token offsets stay valid; `加`/`少` after it is part of the sign word. */
function signWordLength(text: string): number {
  return text[0] === '增' || text[0] === '减' ? (text[1] === (text[0] === '增' ? '加' : '少') ? 2 : 1) : 0;
}

/** `text` starts with a digit after its sign (digitStartsAt) and is no placeholder. */
function computeValue(text: string, word: number): ParsedValue {
  let ascii = word === 0 ? '' : (text[0] === '增' ? '+' : '-') + (word === 2 ? ' ' : '');
  let oddFormat = false;
  for (let i = word; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff10 && c <= 0xff19) {
      ascii += String.fromCharCode(c - 0xff10 + 48);
      oddFormat = true;
    } else if (c === 0xff0b) ascii += '+';
    else if (c === 0xff0d || c === 0x2212) ascii += '-';
    else if (c === 0xff0e) {
      ascii += '.';
      oddFormat = true;
    } else if (c === 0xff0c || c === 0x3001) ascii += ',';
    else ascii += text[i];
  }

  const m = /^([+-])?[ \u00a0\u3000]*(\d{1,3}(?:,\d{3})+|\d+(?:[ \u00a0]\d+)*)(?:\.(\d+))?/.exec(ascii);
  if (!m) return { kind: 'invalid' };
  const afterToken = m[0].length;
  const rest = ascii.slice(afterToken).replace(/^[ \u00a0\u3000]+/, '');
  let unit: string | undefined;
  if (rest !== '') {
    if (!UNIT_RE.test(rest)) return { kind: 'invalid' };
    unit = rest;
  }
  if (/\d[ \u00a0\u3000]+\d/.test(m[0])) oddFormat = true;
  const separators = m[2].includes(',');
  const digits = m[2].replace(/[, \u00a0]/g, '');
  const decimals = m[3] ? m[3].length : 0;
  let number = Number(m[3] ? `${digits}.${m[3]}` : digits);
  if (m[1] === '-') number = -number;
  return {
    kind: 'number',
    number,
    decimals,
    sign: m[1] as '+' | '-' | undefined,
    ...(word > 0 ? { signLength: word } : {}),
    unit,
    separators,
    oddFormat,
    tokenStart: 0,
    tokenEnd: afterToken,
  };
}

/**
 * Whether the number pattern of computeValue can match: after the sign word (if any) an optional sign
 * (only without a word), then spaces, then a digit; the same test the pattern makes on the ASCII copy.
 */
function digitStartsAt(text: string, from: number): boolean {
  let i = from;
  if (from === 0) {
    const c = text.charCodeAt(0);
    if (c === 0x2b || c === 0x2d || c === 0xff0b || c === 0xff0d || c === 0x2212) i++;
  }
  let c = text.charCodeAt(i);
  while (c === 0x20 || c === 0xa0 || c === 0x3000) c = text.charCodeAt(++i);
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}

/** Prints a count or amount the way a fix writes it: plain ASCII digits, no separators. */
export function formatNumber(n: number, decimals = 0): string {
  if (decimals > 0) return n.toFixed(decimals);
  return String(Math.round(n));
}

/** A value that takes part in arithmetic: numbers and placeholders (0); blank and invalid are unknown. */
export function numericValue(v: ParsedValue, blankAsZero = false): number | null {
  if (v.kind === 'number' || v.kind === 'placeholder') return v.number ?? 0;
  if (v.kind === 'blank' && blankAsZero) return 0;
  return null;
}
