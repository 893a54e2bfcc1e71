// `.xxgkrc.json`: per-rule severity or off, locale and a few thresholds. Parsed here from text (the
// CLI and the server find and read the file); JSON only, so nothing in it can run code.

import { t } from './i18n';
import { findRule } from './rules';
import type { Locale, Position, Severity } from './types';

export type RuleSetting = Severity | 'off';

export interface Config {
  locale?: Locale;
  rules?: Record<string, RuleSetting>;
  blankAsZero?: boolean;
  feeThresholdWanYuan?: number;
  /** Deadline as MM-DD of the year after the report year (default 01-31). */
  deadline?: string;
}

export interface ConfigProblem {
  message: string;
  position: Position;
}

const KEYS = new Set(['$schema', 'locale', 'rules', 'blankAsZero', 'feeThresholdWanYuan', 'deadline']);
const SETTINGS = new Set(['off', 'error', 'warning', 'information', 'hint']);

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** Offsets of every object key in valid JSON text, with its nesting depth (1 = top level). */
function keyOffsets(text: string): { key: string; depth: number; offset: number }[] {
  const keys: { key: string; depth: number; offset: number }[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      let k = j + 1;
      while (k < text.length && /\s/.test(text[k])) k++;
      if (text[k] === ':') keys.push({ key: JSON.parse(text.slice(i, j + 1)), depth, offset: i });
      i = j;
    }
  }
  return keys;
}

export function parseConfig(text: string, locale: Locale = 'zh-cn'): { config: Config; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(detail);
    problems.push({ message: t(locale, 'config.invalidJson', { detail }), position: positionOf(text, m ? Number(m[1]) : 0) });
    return { config: {}, problems };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push({ message: t(locale, 'config.invalidJson', { detail: 'not an object' }), position: { line: 0, character: 0 } });
    return { config: {}, problems };
  }
  const obj = raw as Record<string, unknown>;
  const config: Config = {};
  const offsets = keyOffsets(text);
  const keyPosition = (key: string, depth = 1) => positionOf(text, offsets.find((k) => k.key === key && k.depth === depth)?.offset ?? 0);
  const bad = (key: string, detail: string, depth = 1) => problems.push({ message: t(locale, 'config.badValue', { key, detail }), position: keyPosition(key, depth) });
  for (const [key, value] of Object.entries(obj)) {
    if (!KEYS.has(key)) {
      problems.push({ message: t(locale, 'config.unknownKey', { key }), position: keyPosition(key) });
      continue;
    }
    switch (key) {
      case 'locale':
        if (value === 'zh-cn' || value === 'en') config.locale = value;
        else bad(key, '"zh-cn" | "en"');
        break;
      case 'blankAsZero':
        if (typeof value === 'boolean') config.blankAsZero = value;
        else bad(key, 'true | false');
        break;
      case 'feeThresholdWanYuan':
        if (typeof value === 'number' && value >= 0) config.feeThresholdWanYuan = value;
        else bad(key, '≥ 0');
        break;
      case 'deadline':
        if (typeof value === 'string' && /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value)) config.deadline = value;
        else bad(key, 'MM-DD');
        break;
      case 'rules': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          bad(key, '{ "XR201": "off" }');
          break;
        }
        config.rules = {};
        for (const [name, setting] of Object.entries(value as Record<string, unknown>)) {
          if (!findRule(name)) problems.push({ message: t(locale, 'config.unknownRule', { rule: name }), position: keyPosition(name, 2) });
          else if (typeof setting !== 'string' || !SETTINGS.has(setting)) bad(name, [...SETTINGS].join(' | '), 2);
          else config.rules[name] = setting as RuleSetting;
        }
        break;
      }
    }
  }
  return { config, problems };
}
