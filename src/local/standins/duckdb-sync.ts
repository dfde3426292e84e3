/**
 * DuckDB answered synchronously, as an Apps Script service answers: the bundle calls
 * `BigQuery.Jobs.query` and expects the result on return, but DuckDB's Node API is asynchronous. The
 * database lives in a worker thread; a call posts the statement, blocks on a shared flag
 * (Atomics.wait) until the worker has answered, then takes the answer off the port synchronously.
 */
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { DUCKDB_SETUP } from '../../core/sql';

export interface SyncAnswer {
  columns: string[];
  /** DuckDB type names (BIGINT, DOUBLE, VARCHAR …). */
  types: string[];
  rows: unknown[][];
}

const CALL_TIMEOUT_MS = 120_000;

export class SyncDuckDb {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));

  /** Opens a DuckDB file (written by DuckDbWarehouse and closed) in the worker. */
  constructor(file: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(path.join(__dirname, 'duckdb-sync-worker.mjs'), {
      workerData: { port: port2, signal: this.signal, path: file, setup: DUCKDB_SETUP },
      transferList: [port2],
    });
    // Never keep the process alive for the worker alone.
    this.worker.unref();
  }

  /** Runs one DuckDB statement (already in DuckDB's dialect) with `$name` values. */
  run(sql: string, values: Record<string, string | number | bigint>): SyncAnswer {
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage({ sql, values });
    if (Atomics.wait(this.signal, 0, 0, CALL_TIMEOUT_MS) === 'timed-out')
      throw new Error(`DuckDB did not answer within ${CALL_TIMEOUT_MS / 1000} s`);
    const got = receiveMessageOnPort(this.port);
    if (!got) throw new Error('DuckDB answered without a message');
    const answer = got.message as SyncAnswer | { error: string };
    if ('error' in answer) throw new Error(answer.error);
    return answer;
  }

  close(): Promise<number> {
    this.port.close();
    return this.worker.terminate();
  }
}
