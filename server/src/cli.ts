// Entry point of `xxgk-report` (bundled to dist/cli.js). Everything happens in node/cli-run.ts; here only
// the process: arguments in, text out, an exit code, and never a stack trace.

import { version } from '../../package.json';
import { earlyLocale } from './node/cli-args';
import { m } from './node/cli-messages';
import { run } from './node/cli-run';

const argv = process.argv.slice(2);

// A reader that goes away early (`| head`) ends the run quietly; any other output error is exit 2.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.exit(2);
  });
}

try {
  process.exitCode = run(
    argv,
    {
      cwd: process.cwd(),
      env: process.env,
      isTTY: process.stdout.isTTY,
      out: (s) => process.stdout.write(s),
      err: (s) => process.stderr.write(s),
    },
    version,
  );
} catch (e) {
  const detail = e instanceof Error ? e.message : String(e);
  process.stderr.write(m(earlyLocale(argv) ?? 'zh-cn', 'internal', { detail }) + '\n');
  process.exitCode = 2;
}
