// Finds and reads `.xxgkrc.json` up the folder tree (shared by the CLI and the language server).

import { readFileSync, statSync } from 'node:fs';
import { dirname, join, parse as parsePath, resolve } from 'node:path';
import { parseConfig, type Config, type ConfigProblem, type Locale } from '../core';

export const CONFIG_FILE = '.xxgkrc.json';

export interface LoadedConfig {
  path: string | null;
  config: Config;
  problems: ConfigProblem[];
}

/** The nearest `.xxgkrc.json` at or above `dir`, or null. */
export function findConfigFile(dir: string): string | null {
  let current = resolve(dir);
  const root = parsePath(current).root;
  for (;;) {
    const candidate = join(current, CONFIG_FILE);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here: go up
    }
    if (current === root) return null;
    current = dirname(current);
  }
}

export function loadConfig(dir: string, locale: Locale = 'zh-cn'): LoadedConfig {
  const path = findConfigFile(dir);
  if (!path) return { path: null, config: {}, problems: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { path, config: {}, problems: [{ message: (e as Error).message, position: { line: 0, character: 0 } }] };
  }
  const { config, problems } = parseConfig(text, locale);
  return { path, config, problems };
}
