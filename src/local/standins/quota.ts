/**
 * A per-user daily allowance (email recipients, property reads/writes, trigger runtime).
 *
 * Google's quotas page: "Quotas are per user and reset 24 hours after the first request"
 * ('rolling-24h', the default). 'day-boundary' resets at the next UTC midnight of the fake clock
 * instead, for tests that think in calendar days.
 */
import type { FakeClock } from './clock';

export type QuotaReset = 'rolling-24h' | 'day-boundary';

const DAY_MS = 86_400_000;

export class DailyQuota {
  private used = 0;
  private windowStart: number | null = null;

  constructor(
    private readonly clock: FakeClock,
    public limit: number,
    public reset: QuotaReset = 'rolling-24h',
  ) {}

  private roll(): void {
    if (this.windowStart === null) return;
    const now = this.clock.nowMs();
    const over =
      this.reset === 'rolling-24h'
        ? now >= this.windowStart + DAY_MS
        : Math.floor(now / DAY_MS) !== Math.floor(this.windowStart / DAY_MS);
    if (over) {
      this.used = 0;
      this.windowStart = null;
    }
  }

  remaining(): number {
    this.roll();
    return Math.max(0, this.limit - this.used);
  }

  /** When the current window ends (null when nothing has been spent). */
  resetsAt(): Date | null {
    this.roll();
    if (this.windowStart === null) return null;
    return new Date(
      this.reset === 'rolling-24h'
        ? this.windowStart + DAY_MS
        : (Math.floor(this.windowStart / DAY_MS) + 1) * DAY_MS,
    );
  }

  spend(amount: number): void {
    this.roll();
    if (this.windowStart === null) this.windowStart = this.clock.nowMs();
    this.used += amount;
  }

  /** Uses up the allowance now (to start a test at the limit). */
  exhaust(): void {
    this.spend(this.remaining());
  }
}
