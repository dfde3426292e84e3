/**
 * Time for the stand-ins. Everything time-dependent (cache expiry, quota windows, triggers, execution
 * budgets, Utilities.sleep, service latency) reads this clock, never the real one, so tests control
 * time exactly and a benchmark's "modelled time" does not depend on the machine.
 */
export class FakeClock {
  private ms: number;

  constructor(start: Date | string | number = '2026-11-20T09:00:00Z') {
    this.ms = toMs(start);
  }

  now(): Date {
    return new Date(this.ms);
  }

  nowMs(): number {
    return this.ms;
  }

  /** Moves time forward; time never goes back (expiry and budgets assume it). */
  advance(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new Error(`cannot move the clock by ${ms} ms`);
    this.ms += ms;
  }

  /** Jumps to a date, forward or back (for setting a scene between executions). */
  set(date: Date | string | number): void {
    this.ms = toMs(date);
  }
}

function toMs(d: Date | string | number): number {
  const ms = typeof d === 'number' ? d : new Date(d).getTime();
  if (!Number.isFinite(ms)) throw new Error(`not a date: ${String(d)}`);
  return ms;
}
