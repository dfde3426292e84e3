/**
 * How long each service call takes on the fake clock, so execution budgets bite in tests the way
 * they do in production and benchmarks can report a modelled time next to the call counts (which do
 * not depend on these figures).
 *
 * Google publishes no latencies. The defaults are round figures from public measurements where
 * there are some, and estimates otherwise:
 * - Properties: getProperty ~30 ms, setProperty ~60 ms; Cache: get ~4 ms, put ~90 ms. Means of 100
 *   runs in "Google Apps Script APIs performance", L. Peralta (ziritione.org); J. Poehnelt's
 *   "Storage Wars" benchmark (justin.poehnelt.com) has cache and properties read+write at 63/80 ms.
 * - Sheets: a 4,000-cell setValues took under 50 ms ("What is faster: ScriptDb or SpreadsheetApp",
 *   Stack Overflow experiment), hence ~50-80 ms a read/write call plus ~0.01 ms a cell; Poehnelt
 *   measured a SpreadsheetApp open+read+write at ~800 ms, hence openById ~300 ms. Metadata calls that
 *   need the server (getLastRow, getSheetByName...) ~20-30 ms: estimate.
 * - UrlFetchApp.fetch ~300 ms to an email API: estimate (Google's network to a US API and back, plus
 *   the provider's accept), plus 0.1 ms a KB posted (~10 MB/s, estimate: a batched send's payload);
 *   a fetch that times out costs its deadline instead (./url-fetch.ts).
 * - MailApp.sendEmail ~600 ms: estimate; a vendor FAQ (Small Outbox) reports ~1.2 s for a 100 KB mail.
 * - GmailApp: getMessageById ~150 ms, body getters ~40 ms, createDraftReply ~500 ms: estimates.
 * - LockService ~50 ms, ScriptApp trigger calls 100-300 ms: estimates.
 * - BigQuery.Jobs.query ~1 s (a small interactive query: job set-up and the answer, not the scan, which
 *   the DuckDB stand-in spends for real in wall time), getQueryResults ~300 ms, Jobs.insert ~1 s,
 *   Jobs.get ~300 ms: estimates.
 * - Getters answered from the object itself (Range.getRow, Spreadsheet.getId, Trigger.getUniqueId),
 *   Session, Utilities (except sleep, which takes exactly its argument) and Logger cost 0.
 */
export interface LatencyModel {
  /** Milliseconds per call, looked up by 'Class.method', then by 'Class', else 0. */
  perCall: Record<string, number>;
  /** Extra milliseconds per cell returned to the script. */
  perCellRead: number;
  /** Extra milliseconds per cell written. */
  perCellWritten: number;
  /** Extra milliseconds per cell a TextFinder searches on Google's side. */
  perCellScanned: number;
  /** Extra milliseconds per KB a UrlFetchApp call posts (a batched send's payload); unset: 0. */
  perKbSent?: number;
}

export interface CellTraffic {
  read?: number;
  written?: number;
  scanned?: number;
}

export const DEFAULT_LATENCY: LatencyModel = {
  perCall: {
    'SpreadsheetApp.openById': 300,
    'SpreadsheetApp.openByUrl': 300,
    'SpreadsheetApp.create': 1500,
    Spreadsheet: 0,
    'Spreadsheet.getSheetByName': 20,
    'Spreadsheet.getSheets': 20,
    'Spreadsheet.insertSheet': 300,
    'Spreadsheet.getSpreadsheetLocale': 20,
    'Spreadsheet.getSpreadsheetTimeZone': 20,
    Sheet: 0,
    'Sheet.getLastRow': 30,
    'Sheet.getLastColumn': 30,
    'Sheet.getMaxRows': 20,
    'Sheet.getMaxColumns': 20,
    'Sheet.getDataRange': 30,
    'Sheet.appendRow': 100,
    'Sheet.deleteRows': 150,
    'Sheet.insertRowsAfter': 150,
    'Sheet.insertColumnsAfter': 150,
    'Sheet.clear': 100,
    'Sheet.setFrozenRows': 50,
    Range: 0,
    'Range.getValues': 50,
    'Range.getDisplayValues': 60,
    'Range.getValue': 40,
    'Range.setValues': 80,
    'Range.setValue': 60,
    'Range.clearContent': 60,
    TextFinder: 120,
    Properties: 30,
    'Properties.setProperty': 60,
    'Properties.setProperties': 60,
    'Properties.deleteProperty': 60,
    'Properties.deleteAllProperties': 60,
    Cache: 4,
    'Cache.getAll': 6,
    'Cache.put': 90,
    'Cache.putAll': 90,
    'Cache.remove': 60,
    'Cache.removeAll': 60,
    'Lock.tryLock': 50,
    'Lock.waitLock': 50,
    'Lock.releaseLock': 30,
    'MailApp.sendEmail': 600,
    'MailApp.getRemainingDailyQuota': 20,
    'UrlFetchApp.fetch': 300,
    'GmailApp.getMessageById': 150,
    GmailMessage: 10,
    'GmailMessage.getPlainBody': 40,
    'GmailMessage.getBody': 40,
    'GmailMessage.createDraftReply': 500,
    GmailThread: 10,
    'ScriptApp.getProjectTriggers': 100,
    'ScriptApp.deleteTrigger': 150,
    'ClockTriggerBuilder.create': 300,
    'BigQuery.Jobs.query': 1000,
    'BigQuery.Jobs.getQueryResults': 300,
    // Estimates: a job's set-up (a load's upload is on top, see the source-sync bench), a status read.
    'BigQuery.Jobs.insert': 1000,
    'BigQuery.Jobs.get': 300,
  },
  perCellRead: 0.01,
  perCellWritten: 0.02,
  perCellScanned: 0.001,
  // Estimate: ~10 MB/s from Google to the provider and its parse of the JSON; nothing published.
  perKbSent: 0.1,
};

export const NO_LATENCY: LatencyModel = { perCall: {}, perCellRead: 0, perCellWritten: 0, perCellScanned: 0 };

/** Milliseconds one call costs under a model. */
export function callCost(model: LatencyModel, method: string, cells: CellTraffic = {}): number {
  const service = method.slice(0, method.indexOf('.'));
  const base = model.perCall[method] ?? model.perCall[service] ?? 0;
  return (
    base +
    (cells.read ?? 0) * model.perCellRead +
    (cells.written ?? 0) * model.perCellWritten +
    (cells.scanned ?? 0) * model.perCellScanned
  );
}
