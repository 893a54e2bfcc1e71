// `npm run test:vscode`: bundles the extension-host suite (test/suite → dist/test/suite/index.js) and runs
// it in a downloaded VS Code with @vscode/test-electron. Needs a machine that can download VS Code; the
// CI machines cannot (update.code.visualstudio.com is unreachable), where the same bundle runs inside
// code-server instead. `--build-only` stops after bundling (for such runners).
//
// Environment: VSCODE_VERSION (default "stable"; "1.91.0" tests the minimum engine).

import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
export const SUITE_BUNDLE = join(root, 'dist', 'test', 'suite', 'index.js');

export async function buildSuite(): Promise<void> {
  await build({
    entryPoints: [join(root, 'test', 'suite', 'index.ts')],
    outfile: SUITE_BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode'],
    // mocha's parallel mode (unused here) resolves worker files at run time.
    logOverride: { 'require-resolve-not-external': 'silent' },
    logLevel: 'warning',
  });
}

async function main(): Promise<void> {
  await buildSuite();
  if (process.argv.includes('--build-only')) {
    console.log(`built ${SUITE_BUNDLE}`);
    return;
  }
  const { runTests } = await import('@vscode/test-electron');
  const userData = mkdtempSync(join(tmpdir(), 'xxgk-vscode-'));
  try {
    await runTests({
      version: process.env.VSCODE_VERSION || 'stable',
      // Downloads go to the git-ignored .cache/, not to a .vscode-test/ in the work tree.
      cachePath: join(root, '.cache', 'vscode-test'),
      extensionDevelopmentPath: root,
      extensionTestsPath: SUITE_BUNDLE,
      launchArgs: [
        join(root, 'examples'),
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${join(userData, 'user')}`,
        `--extensions-dir=${join(userData, 'extensions')}`,
      ],
    });
  } finally {
    rmSync(userData, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
