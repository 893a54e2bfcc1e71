// Entry point of the extension-host tests: VS Code (test-electron) and code-server load the bundled
// dist/test/suite/index.js as `extensionTestsPath` and call run(). Mocha is bundled into that file, so
// the suite needs nothing from node_modules at run time except `vscode`, which the host provides.

import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false });
  // Define describe/it on the global object, then load the test modules (bundled, evaluated here).
  mocha.suite.emit('pre-require', globalThis, 'extension.test', mocha);
  require('./extension.test');
  require('./cross-year.test');
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // One summary line that CI scripts can read from the host's log.
      console.log(`${runner.stats?.passes ?? 0} passed, ${runner.stats?.failures ?? failures} failed`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
