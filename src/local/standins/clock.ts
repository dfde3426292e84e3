/**
 * Time for the stand-ins. Everything time-dependent (cache expiry, quota days, triggers, execution
 * budgets, service latency) reads this clock, never the real one, so tests control time exactly.
 */
export class FakeClock {
  private ms: number;

  constructor(start: Date | string = '2026-11-20T09:00:00Z') {
    this.ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.ms);
  }

  nowMs(): number {
    return this.ms;
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`cannot move the clock back (${ms} ms)`);
    this.ms += ms;
  }

  set(date: Date | string): void {
    this.ms = new Date(date).getTime();
  }
}
