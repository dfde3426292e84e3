// The DuckDB side of duckdb-sync.ts, in a worker thread: runs each statement it is sent and posts
// the answer back, then wakes the waiting main thread through the shared signal. Plain JavaScript so
// the worker starts the same under tsx, jest and node without a loader.
import { workerData } from 'node:worker_threads';
import { DuckDBInstance } from '@duckdb/node-api';

const { port, signal, path, setup } = workerData;
const ready = (async () => {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  for (const statement of setup) await connection.run(statement);
  return connection;
})();

port.on('message', async ({ sql, values }) => {
  let reply;
  try {
    const connection = await ready;
    const reader = await connection.runAndReadAll(sql, values);
    reply = {
      columns: reader.columnNames(),
      types: reader.columnTypes().map((t) => t.toString()),
      rows: reader.getRowsJS(),
    };
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
