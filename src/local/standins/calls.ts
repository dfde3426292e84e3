/**
 * Counts every service call the product makes, so tests and benchmarks can state "a sidebar open
 * makes N calls and reads M cells".
 *
 * What counts: every method called on a service object (SpreadsheetApp, Spreadsheet, Sheet, Range,
 * TextFinder.findAll/findNext, Properties, Cache, Lock, MailApp, GmailApp, GmailMessage, ScriptApp,
 * Trigger, Session, Utilities, Logger), keyed 'Class.method' with Apps Script's class names. Getters
 * that Apps Script answers without a round trip (Range.getRow, Spreadsheet.getId...) are counted too:
 * they are still calls into the service layer, and the latency model charges them nothing.
 *
 * What is counted apart, in `builderCalls`, and left out of `total()`: builder chaining that
 * configures an object before the call that does the work (Sheet/Range.createTextFinder and the
 * TextFinder options, ScriptApp.newTrigger, TriggerBuilder.timeBased and ClockTriggerBuilder options
 * up to create()). In Apps Script these only record options locally.
 *
 * `console.*` is not a service and is not counted.
 */
export interface CallSnapshot {
  calls: Record<string, number>;
  total: number;
  cellsRead: number;
  cellsWritten: number;
  builderCalls: Record<string, number>;
}

export class CallCounter {
  private readonly counts = new Map<string, number>();
  private readonly builders = new Map<string, number>();
  /** Cells whose values were returned to the script (getValues, getDisplayValues, getValue). */
  cellsRead = 0;
  /** Cells written (setValues, setValue, appendRow, clearContent). */
  cellsWritten = 0;

  count(method: string): void {
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
  }

  countBuilder(method: string): void {
    this.builders.set(method, (this.builders.get(method) ?? 0) + 1);
  }

  /** Calls of one method, e.g. get('Range.getValues'). */
  get(method: string): number {
    return this.counts.get(method) ?? 0;
  }

  /** All counted calls (builder chaining excluded). */
  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  /** Calls per service class, e.g. { Range: 4, Properties: 2 }. */
  byService(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [method, n] of this.counts) {
      const service = method.slice(0, method.indexOf('.'));
      out[service] = (out[service] ?? 0) + n;
    }
    return out;
  }

  snapshot(): CallSnapshot {
    const sorted = (m: Map<string, number>) =>
      Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return {
      calls: sorted(this.counts),
      total: this.total(),
      cellsRead: this.cellsRead,
      cellsWritten: this.cellsWritten,
      builderCalls: sorted(this.builders),
    };
  }

  reset(): void {
    this.counts.clear();
    this.builders.clear();
    this.cellsRead = 0;
    this.cellsWritten = 0;
  }
}
