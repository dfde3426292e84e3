/** One store action run `runs` times on the BigQuery stand-in: its times, and the calls and bytes of the last run. */
import { median } from './stats';

export interface Traffic {
  calls: number;
  bytes: number;
}

export function measureStoreAction(
  traffic: Traffic,
  run: () => unknown,
  runs: number,
): { medianMs: number; calls: number; bytes: number } {
  const times: number[] = [];
  let calls = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const before = { ...traffic };
    const t = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    calls = traffic.calls - before.calls;
    bytes = traffic.bytes - before.bytes;
  }
  return { medianMs: median(times), calls, bytes };
}
