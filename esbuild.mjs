// Bundles the CLI, the language server and the VS Code client into dist/ (CommonJS, minified).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';

const quiet = process.argv.includes('--quiet');
// The readers of .docx and web pages (dist/import.js) are loaded lazily by the CLI and the client:
// XXGK_IMPORT_BUNDLE tells server/src/node/import-loader.ts where, and keeps them out of both bundles.
const lazyImport = { define: { XXGK_IMPORT_BUNDLE: '"./import.js"' }, external: ['./import.js'] };
// iconv-lite (only to write GB18030 back with --fix) likewise: dist/gb18030.js, required on first use.
const lazyGb18030 = { define: { XXGK_GB18030_BUNDLE: '"./gb18030.js"' }, external: ['./gb18030.js'] };
// The server's JSON-RPC connection keeps its message queue in the library's LinkedMap; only insertion
// order is used, which server/src/node/linked-map.ts gives on a Map (see there).
const connection = `vscode-jsonrpc${sep}lib${sep}common${sep}connection.js`;
const jsonrpcQueue = {
  name: 'jsonrpc-queue',
  setup(b) {
    b.onResolve({ filter: /^\.\/linkedMap$/ }, (args) => (args.importer.endsWith(connection) ? { path: resolve('server/src/node/linked-map.ts') } : undefined));
  },
};
const entries = [
  // dist/cli.js starts dist/cli-main.js through V8's code cache (server/src/cli-launch.ts).
  { in: 'server/src/cli-launch.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  {
    in: 'server/src/cli.ts',
    out: 'cli-main',
    // Only ever run by the launcher: written as its module wrapper, so the source V8 compiles is the file as
    // read, not a second copy of it with the wrapper added.
    banner: '(function (exports, require, module, __filename, __dirname) {',
    footer: '\n})',
    define: { ...lazyImport.define, ...lazyGb18030.define },
    external: [...lazyImport.external, ...lazyGb18030.external],
  },
  { in: 'server/src/node/gb18030.ts', out: 'gb18030' },
  // English strings (dist/locale-en.js) are required by the server only when a document is read in English.
  // The markdown table formatter (dist/format.js) likewise: on the first formatting or conversion; the
  // workspace index (dist/cross.js) when a report is first checked against last year's.
  {
    in: 'server/src/server.ts',
    out: 'server',
    define: { XXGK_LOCALE_EN_BUNDLE: '"./locale-en.js"', XXGK_FORMAT_BUNDLE: '"./format.js"', XXGK_CROSS_BUNDLE: '"./cross.js"' },
    external: ['./locale-en.js', './format.js', './cross.js'],
    plugins: [jsonrpcQueue],
  },
  { in: 'server/src/providers/format.ts', out: 'format' },
  // Last year's report and the workspace index: the server's core is passed in, so none is bundled here.
  { in: 'server/src/node/cross-service.ts', out: 'cross' },
  { in: 'server/src/locale-en.ts', out: 'locale-en' },
  { in: 'client/src/extension.ts', out: 'client', ...lazyImport, external: ['vscode', ...lazyImport.external] },
  { in: 'server/src/node/import/index.ts', out: 'import' },
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
      define: e.define,
      banner: e.banner ? { js: e.banner } : undefined,
      footer: e.footer ? { js: e.footer } : undefined,
      plugins: e.plugins ?? [],
      metafile: true,
      logLevel: quiet ? 'error' : 'info',
    }),
  ),
);
