// The extension-host suite (test/suite, bundled to dist/test/suite/index.js) inside code-server: the
// workbench loads the extension from its development path and runs the suite's run(); the result comes
// back through window.codeAutomationExit (0 = resolved, 1 = rejected). Usage:
//   node test/e2e/host-tests.mjs <extension dir> <suite dir> <workspace folder>
import { format } from 'node:util';
import { launch, remote, workbenchUrl } from './browser.mjs';

const [ext, tests, folder] = process.argv.slice(2);
const TIMEOUT_MS = 180_000;
const { page, close } = await launch();
const code = await new Promise((resolve) => {
  const timer = setTimeout(() => {
    console.log(`host tests: no result within ${TIMEOUT_MS / 1000} s`);
    resolve(124);
  }, TIMEOUT_MS);
  (async () => {
    await page.exposeFunction('codeAutomationLog', (level, args) => {
      const line = format(...args);
      // The extension host's own chatter stays out; the suite's lines (mocha) come through.
      if (/passing|failing|passed|failed|✔|✓|✖|[0-9]+\) |Error\b|^\s+at /.test(line)) console.log(`  ${line}`);
    });
    await page.exposeFunction('codeAutomationExit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
    await page.goto(workbenchUrl(folder, [['extensionDevelopmentPath', remote(ext)], ['extensionTestsPath', remote(tests)]]));
  })().catch((e) => {
    clearTimeout(timer);
    console.log(`host tests: ${e.message}`);
    resolve(1);
  });
});
await close();
process.exit(code);
