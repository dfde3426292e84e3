/**
 * Counts every service call the product makes, so tests and benchmarks can state
 * "a sidebar open makes N calls and reads M cells". Builder chaining that Apps Script performs
 * locally (TriggerBuilder options, TextFinder options) is not counted: it costs no round trip.
 */
export class CallCounter {
  private counts = new Map<string, number>();
  cellsRead = 0;
  cellsWritten = 0;

  count(method: string): void {
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
  }

  get(method: string): number {
    return this.counts.get(method) ?? 0;
  }

  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  snapshot(): { calls: Record<string, number>; total: number; cellsRead: number; cellsWritten: number } {
    return {
      calls: Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b))),
      total: this.total(),
      cellsRead: this.cellsRead,
      cellsWritten: this.cellsWritten,
    };
  }

  reset(): void {
    this.counts.clear();
    this.cellsRead = 0;
    this.cellsWritten = 0;
  }
}
