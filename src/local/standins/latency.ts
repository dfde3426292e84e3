/**
 * How long each service call takes on the fake clock. Apps Script publishes no latencies; these are
 * round figures in line with commonly reported measurements (a Sheets round trip of tens of
 * milliseconds growing with the cells moved, MailApp sends of a few hundred milliseconds, cache and
 * properties a few milliseconds). They make budgets bite realistically in tests and benchmarks;
 * benchmarks report call counts too, which do not depend on these guesses.
 */
export interface LatencyModel {
  /** Fixed cost of one call, by service (e.g. 'Range', 'MailApp'). */
  perCall: Record<string, number>;
  /** Extra cost per cell read or written. */
  perCell: number;
}

export const DEFAULT_LATENCY: LatencyModel = {
  perCall: {
    SpreadsheetApp: 150,
    Spreadsheet: 20,
    Sheet: 30,
    Range: 40,
    TextFinder: 60,
    MailApp: 250,
    GmailApp: 120,
    GmailMessage: 60,
    Properties: 5,
    Cache: 5,
    Lock: 5,
    ScriptApp: 80,
    Session: 5,
    Utilities: 0,
  },
  perCell: 0.002,
};

export const NO_LATENCY: LatencyModel = { perCall: {}, perCell: 0 };
