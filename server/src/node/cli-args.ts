// Command-line arguments. Hand-written so every mistake gets our own one-line message in the user's
// language (node's parseArgs answers in English only).

import { findRule, type Locale } from '../core';
import { m, type CliMessageId } from './cli-messages';

export type Format = 'text' | 'json' | 'sarif';

export interface Args {
  command: string | undefined;
  paths: string[];
  format: Format;
  fix: boolean;
  disable: string[];
  locale: Locale | undefined;
  quiet: boolean;
  config: string | undefined;
  listRules: boolean;
  help: boolean;
  version: boolean;
  colour: boolean | undefined;
  /** `convert -o <file>`, `next -o <file>` (`-` for stdout). */
  output: string | undefined;
  /** Match the given reports into agency-year chains (XR501–XR503); --no-cross-year turns it off. */
  crossYear: boolean;
  /** `next`: overwrite an existing file. */
  force: boolean;
  /** `check --timing`: the time each rule took, on stderr after the run. */
  timing: boolean;
}

export class UsageError extends Error {
  constructor(
    readonly id: CliMessageId,
    readonly args: Record<string, string> = {},
  ) {
    super(id);
  }
  text(locale: Locale): string {
    return m(locale, this.id, this.args);
  }
}

type Spec = { value: boolean; short?: string };
const OPTIONS: Record<string, Spec> = {
  format: { value: true, short: 'f' },
  fix: { value: false },
  disable: { value: true },
  locale: { value: true },
  quiet: { value: false, short: 'q' },
  config: { value: true, short: 'c' },
  'list-rules': { value: false },
  help: { value: false, short: 'h' },
  version: { value: false, short: 'v' },
  color: { value: false },
  'no-color': { value: false },
  output: { value: true, short: 'o' },
  'no-cross-year': { value: false },
  force: { value: false },
  timing: { value: false },
};
const SHORT = new Map(Object.entries(OPTIONS).flatMap(([name, s]) => (s.short ? [[s.short, name] as const] : [])));
SHORT.set('V', 'version');

export function parseLocale(value: string): Locale | null {
  const v = value.trim().toLowerCase().replace('_', '-');
  if (v === 'zh' || v === 'zh-cn' || v === 'zh-hans') return 'zh-cn';
  if (v === 'en' || v.startsWith('en-')) return 'en';
  return null;
}

/** The --locale given, if any and valid, for messages about the other arguments. */
export function earlyLocale(argv: readonly string[]): Locale | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    const v = a === '--locale' ? argv[i + 1] : a.startsWith('--locale=') ? a.slice(9) : undefined;
    if (v !== undefined) return parseLocale(v) ?? undefined;
  }
  return undefined;
}

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    command: undefined,
    paths: [],
    format: 'text',
    fix: false,
    disable: [],
    locale: undefined,
    quiet: false,
    config: undefined,
    listRules: false,
    help: false,
    version: false,
    colour: undefined,
    output: undefined,
    crossYear: true,
    timing: false,
    force: false,
  };
  const positional: string[] = [];

  const set = (name: string, value: string | undefined, shown: string) => {
    switch (name) {
      case 'format':
        if (value !== 'text' && value !== 'json' && value !== 'sarif') throw new UsageError('usage.badFormat', { value: value ?? '' });
        args.format = value;
        break;
      case 'disable':
        for (const part of (value ?? '').split(',')) {
          const code = part.trim();
          if (!code) continue;
          if (!findRule(code)) throw new UsageError('usage.unknownRule', { rule: code });
          args.disable.push(code);
        }
        break;
      case 'locale': {
        const locale = parseLocale(value ?? '');
        if (!locale) throw new UsageError('usage.badLocale', { value: value ?? '' });
        args.locale = locale;
        break;
      }
      case 'config':
        args.config = value;
        break;
      case 'output':
        args.output = value;
        break;
      case 'fix':
        args.fix = true;
        break;
      case 'quiet':
        args.quiet = true;
        break;
      case 'list-rules':
        args.listRules = true;
        break;
      case 'help':
        args.help = true;
        break;
      case 'version':
        args.version = true;
        break;
      case 'color':
        args.colour = true;
        break;
      case 'no-color':
        args.colour = false;
        break;
      case 'no-cross-year':
        args.crossYear = false;
        break;
      case 'force':
        args.force = true;
        break;
      case 'timing':
        args.timing = true;
        break;
      default:
        throw new UsageError('usage.unknownOption', { option: shown });
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      const inline = eq === -1 ? undefined : a.slice(eq + 1);
      const spec = OPTIONS[name];
      if (!spec) throw new UsageError('usage.unknownOption', { option: eq === -1 ? a : a.slice(0, eq) });
      if (!spec.value) {
        if (inline !== undefined) throw new UsageError('usage.noValue', { option: `--${name}` });
        set(name, undefined, a);
        continue;
      }
      let value = inline;
      if (value === undefined) {
        if (i + 1 >= argv.length) throw new UsageError('usage.missingValue', { option: `--${name}` });
        value = argv[++i];
      }
      set(name, value, a);
    } else if (a.startsWith('-') && a.length > 1) {
      // -q, -qf json, -fjson
      for (let k = 1; k < a.length; k++) {
        const name = SHORT.get(a[k]);
        if (!name) throw new UsageError('usage.unknownOption', { option: `-${a[k]}` });
        if (!OPTIONS[name].value) {
          set(name, undefined, `-${a[k]}`);
          continue;
        }
        let value: string | undefined = a.slice(k + 1) || undefined;
        if (value === undefined) {
          if (i + 1 >= argv.length) throw new UsageError('usage.missingValue', { option: `-${a[k]}` });
          value = argv[++i];
        }
        set(name, value, `-${a[k]}`);
        break;
      }
    } else {
      positional.push(a);
    }
  }
  args.command = positional[0];
  args.paths = positional.slice(1);
  return args;
}
