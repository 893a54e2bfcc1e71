// Writing a fixed report back: atomically (a temporary file in the same folder, then rename), only if the
// file is still what was read, never through a symbolic link that leaves the given tree, never over a
// read-only file.

import { chmodSync, chownSync, closeSync, fstatSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isInside } from './collect';

export interface Snapshot {
  bytes: Buffer;
  mtimeMs: number;
  size: number;
}

/** The file's bytes together with the size and mtime of the same open file. */
export function readSnapshot(path: string): Snapshot {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    const bytes = readFileSync(fd);
    return { bytes, mtimeMs: st.mtimeMs, size: st.size };
  } finally {
    closeSync(fd);
  }
}

export type WriteOutcome =
  | { ok: true }
  | { ok: false; reason: 'changedOnDisk' | 'readOnly' }
  | { ok: false; reason: 'outsideTree'; target: string }
  | { ok: false; reason: 'writeFailed'; detail: string };

function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err && err.code ? `${err.code} ${err.syscall ?? ''}`.trim() : String(e);
}

export function writeAtomically(path: string, root: string, before: Snapshot, bytes: Buffer): WriteOutcome {
  let real: string;
  let st;
  try {
    real = realpathSync(path);
    st = statSync(real);
  } catch {
    return { ok: false, reason: 'changedOnDisk' }; // gone since it was read
  }
  if (!isInside(root, real)) return { ok: false, reason: 'outsideTree', target: real };
  // Permission bits, not access(2): a root user may write anything, but a file marked read-only is
  // meant to stay as it is.
  if ((st.mode & 0o222) === 0) return { ok: false, reason: 'readOnly' };
  if (st.mtimeMs !== before.mtimeMs || st.size !== before.size) return { ok: false, reason: 'changedOnDisk' };
  try {
    if (!readFileSync(real).equals(before.bytes)) return { ok: false, reason: 'changedOnDisk' };
  } catch (e) {
    return { ok: false, reason: 'writeFailed', detail: errorText(e) };
  }

  // node:crypto only here (with --fix): loading it costs every run ~5 ms of start-up.
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  const tmp = join(dirname(real), `.${basename(real)}.${process.pid}.${randomBytes(4).toString('hex')}.xxgk-tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx', 0o600);
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    chmodSync(tmp, st.mode & 0o7777);
    try {
      chownSync(tmp, st.uid, st.gid);
    } catch {
      // only possible for root or the owner; the mode is what matters
    }
    renameSync(tmp, real);
  } catch (e) {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      // never created
    }
    return { ok: false, reason: 'writeFailed', detail: errorText(e) };
  }
  try {
    const dfd = openSync(dirname(real), 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    // not every file system lets a folder be synced
  }
  return { ok: true };
}
