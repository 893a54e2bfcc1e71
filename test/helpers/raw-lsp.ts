// The language server over a raw stdio pipe: for tests that must send what a well-behaved client never
// would (bad framing, invalid JSON, requests out of order) and watch the process itself.

import { spawn, type ChildProcess } from 'node:child_process';
import { SERVER } from './lsp-client';

export interface Message {
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export class RawServer {
  readonly process: ChildProcess;
  readonly messages: Message[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private waiters: (() => void)[] = [];

  constructor(args: string[] = ['--stdio']) {
    this.process = spawn(process.execPath, [SERVER, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stdout!.on('data', (chunk: Buffer) => this.read(chunk));
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.process.stdin!.on('error', () => undefined); // writing to a server that has gone
    this.exited = new Promise((resolve) => this.process.once('exit', (code, signal) => resolve({ code, signal })));
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end === -1) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())?.[1]);
      if (this.buffer.length < end + 4 + length) return;
      this.messages.push(JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8')) as Message);
      this.buffer = this.buffer.subarray(end + 4 + length);
      for (const w of this.waiters.splice(0)) w();
    }
  }

  /** Writes bytes as they are. */
  writeRaw(bytes: string | Buffer): void {
    this.process.stdin!.write(bytes);
  }

  /** Frames `body` (a string is sent as it is, anything else as JSON) with a correct Content-Length. */
  send(body: unknown): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    this.writeRaw(`Content-Length: ${Buffer.byteLength(text, 'utf8')}\r\n\r\n${text}`);
  }

  notify(method: string, params?: unknown): void {
    this.send({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) });
  }

  /** Sends a request and returns its id; `response(id)` waits for the answer. */
  request(method: string, params?: unknown): number {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
    return id;
  }

  async waitFor(pick: (m: Message) => boolean, what: string, timeoutMs = 10_000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(pick);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0 || this.process.exitCode !== null) throw new Error(`no ${what}; server ${this.process.exitCode === null ? 'alive' : `exited ${this.process.exitCode}`}; stderr: ${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  response(id: number, timeoutMs?: number): Promise<Message> {
    return this.waitFor((m) => m.id === id && m.method === undefined, `response ${id}`, timeoutMs);
  }

  async call(method: string, params?: unknown): Promise<Message> {
    return this.response(this.request(method, params));
  }

  async initialize(processId: number | null = process.pid): Promise<void> {
    const r = await this.call('initialize', { processId, rootUri: null, capabilities: { textDocument: { diagnostic: {} } } });
    if (r.error) throw new Error(`initialize failed: ${r.error.message}`);
    this.notify('initialized', {});
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  kill(): void {
    if (this.alive) this.process.kill('SIGKILL');
  }
}
