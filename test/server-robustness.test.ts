// The language server under a hostile or careless client (issue: never crash, never hang): bad framing
// and bodies, requests out of order, cancellation, a client that goes away, and memory over many edits.
// Each test drives dist/server.js over a raw stdio pipe and checks the server still answers afterwards.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { LinkedMap as LibraryLinkedMap } from 'vscode-jsonrpc/lib/common/linkedMap';
import { LinkedMap } from '../server/src/node/linked-map';
import { bigReport } from '../bench/lsp';
import { parseReport } from '../server/src/core';
import { ensureBuilt } from '../scripts/ensure-built';
import { RawServer, type Message } from './helpers/raw-lsp';

const SEED_002 = readFileSync(join(__dirname, 'fixtures', '002_3f5e56868c97c344.txt'), 'utf8');
/** 0-based line of seed 002's `\t4` (table 三, （一）予以公开 × 自然人). */
const WRONG_LINE = 152;
const URI = 'file:///robust/report.txt';

const codes = { parse: -32700, invalidRequest: -32600, methodNotFound: -32601, invalidParams: -32602, notInitialized: -32002, cancelled: -32800 };

function open(s: RawServer, uri = URI, text = SEED_002, version = 1): void {
  s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version, text } });
}

/** The server still works: it answers a documentSymbol request on the report with its six sections. */
async function stillServes(s: RawServer, uri = URI): Promise<void> {
  const r = await s.call('textDocument/documentSymbol', { textDocument: { uri } });
  assert.equal(r.error, undefined, JSON.stringify(r.error));
  assert.equal((r.result as unknown[]).length, 6, 'six sections in the outline');
  assert.ok(s.alive);
}

async function pullCodes(s: RawServer, uri = URI): Promise<string[]> {
  const r = await s.call('textDocument/diagnostic', { textDocument: { uri } });
  return ((r.result as { items: { code: string }[] }).items ?? []).map((d) => d.code);
}

function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  assert.ok(m, 'VmRSS in /proc');
  return Number(m[1]);
}

before(() => {
  ensureBuilt();
});

describe('malformed messages', () => {
  let s: RawServer;
  before(async () => {
    s = new RawServer();
    await s.initialize();
    open(s);
  });
  after(() => s.kill());

  it('a body that is not JSON gets a parse error, and the next message is read', async () => {
    s.send('{"jsonrpc": "2.0", "id": 900, "method": "textDocument/hover", ');
    await stillServes(s);
    // vscode-jsonrpc reports it on the connection (logged), the framing itself is intact.
    assert.ok(s.alive);
  });

  it('broken framing: a header without or with a bad Content-Length, garbage between frames, 1 MB of noise', async () => {
    s.writeRaw('Content-Type: application/json\r\n\r\n{"jsonrpc":"2.0","id":903,"method":"shutdown"}');
    await stillServes(s);
    s.writeRaw('Content-Length: many\r\n\r\n{"jsonrpc":"2.0","id":904,"method":"shutdown"}');
    await stillServes(s);
    s.writeRaw('\u0000\u0001 garbage \r\n');
    await stillServes(s);
    s.writeRaw(Buffer.alloc(1 << 20, 'x'));
    await stillServes(s);
    assert.equal(s.messages.filter((m) => m.id === 903 || m.id === 904).length, 0, 'the broken frames were not executed');
  });

  it('a message split into one-byte writes is read whole', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 905, method: 'textDocument/documentSymbol', params: { textDocument: { uri: URI } } });
    const frame = Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    for (let i = 0; i < frame.length; i++) s.writeRaw(frame.subarray(i, i + 1));
    assert.equal((await s.response(905)).error, undefined);
  });

  it('bodies that are a number, an array, or a request without a method', async () => {
    s.send('42');
    s.send('[1, 2, 3]');
    s.send({ jsonrpc: '2.0', id: 901 });
    s.send({ jsonrpc: '2.0', id: 902, method: 7 });
    await stillServes(s);
  });

  it('an unknown method gets MethodNotFound; an unknown notification is ignored', async () => {
    const r = await s.call('xxgk/doesNotExist', {});
    assert.equal(r.error?.code, codes.methodNotFound);
    s.notify('xxgk/whatever', { a: 1 });
    s.notify('$/setTrace', { value: 'verbose' });
    await stillServes(s);
  });

  it('wrong params: missing, positional, wrong types, out-of-range positions', async () => {
    const bad: [string, unknown][] = [
      ['textDocument/hover', undefined],
      ['textDocument/hover', [URI, { line: 0, character: 0 }]],
      ['textDocument/hover', { textDocument: { uri: 5 }, position: { line: 0, character: 0 } }],
      ['textDocument/hover', { textDocument: { uri: URI }, position: { line: -1, character: 0 } }],
      ['textDocument/hover', { textDocument: { uri: URI }, position: { line: 1.5, character: 0 } }],
      ['textDocument/codeAction', { textDocument: { uri: URI }, range: { start: { line: 0, character: 0 } } }],
      ['textDocument/inlayHint', { textDocument: { uri: URI }, range: 'all' }],
      ['textDocument/documentSymbol', { textDocument: null }],
      ['textDocument/formatting', {}],
      ['textDocument/codeLens', { textDocument: {} }],
      ['workspace/executeCommand', { command: 'xxgkReport.nope', arguments: [URI] }],
      ['workspace/executeCommand', { command: 'xxgkReport.recomputeAll', arguments: 'x' }],
    ];
    for (const [method, params] of bad) {
      const r = await s.call(method, params);
      assert.equal(r.error?.code, codes.invalidParams, `${method} ${JSON.stringify(params)} → ${JSON.stringify(r)}`);
    }
    // Far past the end of the document is not an error: there is just nothing there.
    const far = await s.call('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1e9, character: 1e9 } });
    assert.deepEqual([far.error, far.result], [undefined, null]);
    const lens = await s.call('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 1e9, character: 0 } },
      context: { diagnostics: 'none' },
    });
    assert.equal(lens.error, undefined);
    await stillServes(s);
  });

  it('didChange with content changes that are not text edits changes nothing', async () => {
    const before = await pullCodes(s);
    s.notify('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ range: { start: { line: 0 } }, text: 'x' }] });
    s.notify('textDocument/didChange', { textDocument: { uri: URI, version: 3 }, contentChanges: [{ text: 42 }] });
    s.notify('textDocument/didChange', { textDocument: { uri: URI, version: 4 }, contentChanges: 'all' });
    assert.deepEqual(await pullCodes(s), before);
    await stillServes(s);
  });
});

describe('messages out of order', () => {
  it('before initialize: requests get ServerNotInitialized, notifications are dropped', async () => {
    const s = new RawServer();
    try {
      open(s);
      const r = await s.call('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 0 } });
      assert.equal(r.error?.code, codes.notInitialized);
      await s.initialize();
      // The didOpen before initialize was dropped: the document is unknown, so no outline.
      assert.deepEqual((await s.call('textDocument/documentSymbol', { textDocument: { uri: URI } })).result, []);
      open(s);
      await stillServes(s);
    } finally {
      s.kill();
    }
  });

  it('a second initialize is refused; documents never opened, opened twice, or changed backwards', async () => {
    const s = new RawServer();
    try {
      await s.initialize();
      assert.equal((await s.call('initialize', { processId: null, rootUri: null, capabilities: {} })).error?.code, codes.invalidRequest);
      const ghost = 'file:///robust/never-opened.txt';
      s.notify('textDocument/didChange', { textDocument: { uri: ghost, version: 2 }, contentChanges: [{ text: SEED_002 }] });
      s.notify('textDocument/didSave', { textDocument: { uri: ghost } });
      s.notify('textDocument/didClose', { textDocument: { uri: ghost } });
      assert.equal((await s.call('textDocument/hover', { textDocument: { uri: ghost }, position: { line: 0, character: 0 } })).result, null);
      assert.deepEqual(await pullCodes(s, ghost), []);
      // Opened twice: the second text wins.
      open(s, URI, 'not a report at all');
      open(s, URI, SEED_002.replace(/^(\t)4$/m, '$17'), 1);
      assert.ok((await pullCodes(s)).includes('XR101'));
      // A version lower than the current one still applies (the client's text is the truth).
      const lines = SEED_002.split('\n');
      assert.equal(lines[WRONG_LINE], '\t4');
      s.notify('textDocument/didChange', {
        textDocument: { uri: URI, version: 0 },
        contentChanges: [{ range: { start: { line: WRONG_LINE, character: 1 }, end: { line: WRONG_LINE, character: 2 } }, text: '4' }],
      });
      assert.ok(!(await pullCodes(s)).includes('XR101'), 'the change was applied and checked again');
      await stillServes(s);
    } finally {
      s.kill();
    }
  });

  it('after shutdown: requests get InvalidRequest, notifications are dropped, exit ends with 0', async () => {
    const s = new RawServer();
    await s.initialize();
    open(s);
    assert.equal((await s.call('shutdown')).error, undefined);
    assert.equal((await s.call('textDocument/documentSymbol', { textDocument: { uri: URI } })).error?.code, codes.invalidRequest);
    s.notify('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ text: '' }] });
    s.notify('exit');
    assert.deepEqual(await s.exited, { code: 0, signal: null });
  });

  it('exit without shutdown ends with 1', async () => {
    const s = new RawServer();
    await s.initialize();
    s.notify('exit');
    assert.deepEqual(await s.exited, { code: 1, signal: null });
  });
});

describe('cancellation', () => {
  it('a request cancelled at once is answered (result or RequestCancelled), never left hanging', async () => {
    const s = new RawServer();
    try {
      await s.initialize();
      const big = (SEED_002 + '\n').repeat(20);
      open(s, URI, big);
      const ids: number[] = [];
      for (let i = 0; i < 20; i++) {
        const id = s.request(i % 2 ? 'textDocument/diagnostic' : 'textDocument/documentSymbol', { textDocument: { uri: URI } });
        s.notify('$/cancelRequest', { id });
        ids.push(id);
      }
      const answers: Message[] = await Promise.all(ids.map((id) => s.response(id)));
      for (const a of answers) assert.ok(a.error === undefined || a.error.code === codes.cancelled, JSON.stringify(a.error));
      s.notify('$/cancelRequest', { id: 12345 }); // nothing by that id
      open(s);
      await stillServes(s);
    } finally {
      s.kill();
    }
  });
});

describe('a client that goes away', () => {
  it('stdin closed without shutdown: the server exits by itself', async () => {
    const s = new RawServer();
    await s.initialize();
    open(s);
    s.process.stdin!.end();
    const timer = setTimeout(() => s.kill(), 5000);
    const { code } = await s.exited;
    clearTimeout(timer);
    assert.equal(code, 1, 'exits with 1 (no shutdown) within 5 s, not killed');
  });

  it('the editor process named in initialize dies: the server exits within a few seconds', async () => {
    const editor = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const s = new RawServer();
    try {
      await s.initialize(editor.pid!);
      open(s);
      await stillServes(s);
      editor.kill('SIGKILL');
      const timer = setTimeout(() => s.kill(), 8000);
      const { code, signal } = await s.exited;
      clearTimeout(timer);
      assert.deepEqual({ code, signal }, { code: 1, signal: null }, 'exited by itself (the watch runs every 3 s)');
    } finally {
      editor.kill('SIGKILL');
      s.kill();
    }
  });
});

describe('memory over many edits', () => {
  it('2,000 edits on a 100 KiB report, pulled every 100: resident memory stays flat', async () => {
    const s = new RawServer();
    try {
      await s.initialize();
      const text = bigReport();
      assert.ok(Buffer.byteLength(text) > 100_000);
      open(s, URI, text);
      const cell = parseReport(text).tables['三']!.rows.find((r) => r.key === 'open')!.cells.find((c) => c.columnKey === 'natural')!;
      assert.equal(cell.text, '4');
      let version = 1;
      const edit = (digit: string) =>
        s.notify('textDocument/didChange', { textDocument: { uri: URI, version: ++version }, contentChanges: [{ range: cell.valueRange, text: digit }] });
      const round = async (n: number) => {
        for (let i = 0; i < n; i++) {
          edit(i % 2 ? '4' : '7');
          if (i % 100 === 99) await pullCodes(s);
        }
        await pullCodes(s);
      };
      await round(500); // warm up: code, caches, the JIT
      const start = rssKiB(s.process.pid!);
      await round(2_000);
      const end = rssKiB(s.process.pid!);
      // One check of this document holds a few MB of model; V8 may keep some of those before it
      // collects. A leak of one document version per edit would be ~200 MB of text alone here.
      assert.ok(end - start < 60 * 1024, `RSS grew from ${start} to ${end} KiB`);
      assert.ok(!(await pullCodes(s)).includes('XR101'), 'the last edit (4) is the text the server checks');
    } finally {
      s.kill();
    }
  });
});

describe("the server's message queue (server/src/node/linked-map.ts in place of vscode-jsonrpc's LinkedMap)", () => {
  it('gives what the library gives for every sequence of the operations the connection uses', () => {
    type Op = { op: 'set'; key: string; value: number } | { op: 'get' | 'delete'; key: string } | { op: 'shift' };
    const key = fc.constantFrom('req-1', 'req-2', 'req-3', 'res-1', 'not-1', 'not-2', 'not-3');
    const op: fc.Arbitrary<Op> = fc.oneof(
      // The queue holds messages, never a falsy value: the library's delete reports whether the value it
      // removed was truthy (`!!value`), so a 0 would make it say false where a Map says true.
      fc.record({ op: fc.constant('set' as const), key, value: fc.integer({ min: 1 }) }),
      fc.record({ op: fc.constantFrom('get' as const, 'delete' as const), key }),
      fc.constant({ op: 'shift' as const }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const ours = new LinkedMap<string, number>();
        const theirs = new LibraryLinkedMap<string, number>();
        for (const o of ops) {
          const a = o.op === 'set' ? (ours.set(o.key, o.value), undefined) : o.op === 'shift' ? ours.shift() : o.op === 'get' ? ours.get(o.key) : ours.delete(o.key);
          const b = o.op === 'set' ? (theirs.set(o.key, o.value), undefined) : o.op === 'shift' ? theirs.shift() : o.op === 'get' ? theirs.get(o.key) : theirs.delete(o.key);
          assert.equal(a, b, JSON.stringify(o));
          assert.equal(ours.size, theirs.size);
        }
        assert.deepEqual([...ours.keys()], [...theirs.keys()]);
      }),
      { numRuns: 500 },
    );
  });
});
