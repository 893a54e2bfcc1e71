// What vscode-jsonrpc's connection uses of its LinkedMap, for its message queue: set (a new key goes last,
// an existing one keeps its place), get, delete, size and shift (the first in order). A Map keeps insertion
// order the same way, so this is all the queue needs; esbuild.mjs puts it in place of the library's
// lib/common/linkedMap.js in the language server's bundle (4.7 KiB of LRU and touch logic unused there).
// test/server-robustness.test.ts checks it against the library's own on random operation sequences.

export class LinkedMap<K, V> extends Map<K, V> {
  /** Removes and returns the first value in insertion order. */
  shift(): V | undefined {
    const first = this.entries().next();
    if (first.done) return undefined;
    this.delete(first.value[0]);
    return first.value[1];
  }
}
