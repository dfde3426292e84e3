/** Time, injectable so tests and benchmarks control "today" and the execution budget. */
export interface Clock {
  now(): Date;
}
