// Bundles the CLI, the language server and the VS Code client into dist/ (CommonJS, minified).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const quiet = process.argv.includes('--quiet');
const entries = [
  { in: 'server/src/cli.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'server/src/server.ts', out: 'server' },
  { in: 'client/src/extension.ts', out: 'client', external: ['vscode'] },
].filter((e) => existsSync(e.in));

await Promise.all(
  entries.map((e) =>
    build({
      entryPoints: [e.in],
      outfile: `dist/${e.out}.js`,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify: true,
      sourcemap: 'linked',
      legalComments: 'none',
      // Chinese strings as UTF-8, not \uXXXX escapes: a third of the size.
      charset: 'utf8',
      external: e.external ?? [],
      banner: e.banner ? { js: e.banner } : undefined,
      metafile: true,
      logLevel: quiet ? 'error' : 'info',
    }),
  ),
);
