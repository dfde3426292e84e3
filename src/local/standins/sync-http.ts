/**
 * Synchronous HTTP for the UrlFetchApp stand-in: Apps Script's fetch blocks the script until the
 * answer comes, and the product code (build/Code.js) is synchronous, so the stand-in must block too.
 *
 * How: one worker thread does real HTTP with node:http; the caller posts a request on a
 * MessageChannel and blocks in Atomics.wait on a shared counter until the worker bumps it, then takes
 * the answer with receiveMessageOnPort (no size limit, unlike a fixed shared buffer), matched by id. Chosen over a child
 * process per request (execFileSync starts a Node for every call: ~50 ms each, far too slow for
 * thousands of fault-test sends) and over busy-waiting. The worker never blocks, so a deadline is
 * enforced there (an abort at `deadlineMs`), and the caller's wait has its own backstop.
 *
 * The server answering must not run on the blocked thread: the email-service stand-in runs in its
 * own process (src/local/email-service/process.ts).
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

export interface SyncRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Real milliseconds before the worker gives up waiting for the answer. */
  deadlineMs: number;
}

export type SyncResult =
  | { kind: 'response'; status: number; headers: Record<string, string | string[]>; body: string }
  | { kind: 'timeout' }
  /** The connection failed or was cut before a full answer (refused, reset). */
  | { kind: 'error'; message: string };

// Plain JavaScript, evaluated in the worker: no loader needed under jest, tsx or plain node.
const WORKER_SOURCE = `
const http = require('node:http');
const { workerData } = require('node:worker_threads');
const { port, flag } = workerData;
const answer = (id, result) => {
  port.postMessage({ id, result });
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
};
port.on('message', ({ id, req }) => {
  let done = false;
  const finish = (result) => { if (!done) { done = true; clearTimeout(timer); answer(id, result); } };
  const request = http.request(req.url, { method: req.method, headers: req.headers, agent: false }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => {
      const headers = {};
      for (let i = 0; i < res.rawHeaders.length; i += 2) {
        const name = res.rawHeaders[i], value = res.rawHeaders[i + 1];
        const known = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
        if (known === undefined) headers[name] = value;
        else headers[known] = [].concat(headers[known], value);
      }
      finish({ kind: 'response', status: res.statusCode, headers, body: Buffer.concat(chunks).toString('utf8') });
    });
    res.on('error', (e) => finish({ kind: 'error', message: String(e && e.message) }));
  });
  const timer = setTimeout(() => { finish({ kind: 'timeout' }); request.destroy(); }, req.deadlineMs);
  request.on('error', (e) => finish({ kind: 'error', message: String(e && e.message) }));
  if (req.body !== undefined) request.write(req.body);
  request.end();
});
`;

/**
 * How long past the worker's deadline the caller waits before declaring the answer lost: generous,
 * because a starved machine can delay the worker by seconds. A late answer is then discarded by id.
 */
const BACKSTOP_MS = 30_000;

export class SyncHttpClient {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** Counts answers posted: the caller sleeps until it changes. */
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private lastId = 0;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { port: port2, flag: this.flag },
      transferList: [port2],
    });
    // Neither the worker nor the port keeps a test or the workbench alive on its own.
    this.worker.unref();
    this.port.unref();
  }

  request(req: SyncRequest): SyncResult {
    const id = ++this.lastId;
    this.port.postMessage({ id, req });
    const giveUpAt = Date.now() + req.deadlineMs + BACKSTOP_MS;
    for (;;) {
      const seen = Atomics.load(this.flag, 0);
      // Answers of earlier requests the caller gave up on are dropped: each caller gets its own.
      for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
        const answer = m.message as { id: number; result: SyncResult };
        if (answer.id === id) return answer.result;
      }
      const left = giveUpAt - Date.now();
      if (left <= 0)
        return {
          kind: 'error',
          message: `the HTTP worker did not answer within ${req.deadlineMs + BACKSTOP_MS} ms`,
        };
      Atomics.wait(this.flag, 0, seen, left);
    }
  }

  close(): Promise<number> {
    this.port.close();
    return this.worker.terminate();
  }
}

let shared: SyncHttpClient | undefined;

/** One client per process: a worker thread is cheap to keep and slow-ish to start. */
export function sharedSyncHttp(): SyncHttpClient {
  shared ??= new SyncHttpClient();
  return shared;
}
