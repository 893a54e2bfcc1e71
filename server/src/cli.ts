// Entry point of `xxgk-report` (bundled to dist/cli.js). Everything happens in node/cli-run.ts; here only
// the process: arguments in, text out, an exit code, and never a stack trace.

import { writeSync } from 'node:fs';
import { version } from '../../package.json';
import { earlyLocale } from './node/cli-args';
import { m } from './node/cli-messages';
import { run } from './node/cli-run';

const argv = process.argv.slice(2);

/** The stream of a descriptor, created on first need: a reader that goes away early (`| head`) ends the run quietly; any other output error is exit 2. */
function streamOf(fd: 1 | 2): NodeJS.WriteStream {
  const stream = fd === 1 ? process.stdout : process.stderr;
  if (stream.listenerCount('error') === 0) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      process.exit(2);
    });
  }
  return stream;
}

/**
 * Output straight to the descriptor: creating process.stdout loads Node's stream modules, ~2 ms of a
 * cold run. A full non-blocking pipe (EAGAIN) hands the rest, and all later output, to the stream, which
 * waits for the reader.
 */
function writer(fd: 1 | 2): ((s: string) => void) & { queued: () => boolean } {
  let stream: NodeJS.WriteStream | undefined;
  const write = (s: string) => {
    if (stream) {
      stream.write(s);
      return;
    }
    const bytes = Buffer.from(s, 'utf8');
    for (let done = 0; done < bytes.length; ) {
      try {
        done += writeSync(fd, bytes, done);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
        if (code !== 'EAGAIN') process.exit(2);
        stream = streamOf(fd);
        stream.write(bytes.subarray(done));
        return;
      }
    }
  };
  /** Whether output went to the stream, which may still hold some of it. */
  return Object.assign(write, { queued: () => stream !== undefined });
}

const out = writer(1);
const err = writer(2);

try {
  process.exitCode = run(
    argv,
    {
      cwd: process.cwd(),
      env: process.env,
      // node:tty loads the stream modules too: asked only where colour is decided (text output).
      get isTTY() {
        return (require('node:tty') as typeof import('node:tty')).isatty(1);
      },
      out,
      err,
    },
    version,
  );
} catch (e) {
  const detail = e instanceof Error ? e.message : String(e);
  err(m(earlyLocale(argv) ?? 'zh-cn', 'internal', { detail }) + '\n');
  process.exitCode = 2;
}
// A check is synchronous: with all output written, leave now. Node's orderly shutdown (freeing the heap,
// waiting for background compile jobs) is ~10 ms of a cold run; a stream still draining keeps the process.
if (!out.queued() && !err.queued()) process.exit();
