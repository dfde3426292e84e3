/**
 * The Alerts tab read a few rows at a time: its header, the rows a TextFinder found, each block of
 * nearby rows in one call. Card paths use these instead of reading the tab whole, so their cost
 * follows the open alerts they show, not the thousands of closed ones above and below them.
 */
import {
  alertColumns,
  alertFromRow,
  ALERTS_ARCHIVE_TAB,
  ALERTS_TAB,
  type Alert,
  type AlertHeader,
} from '../../core/watch/alerts';
import type { SheetTabs } from '../../ports/sheet-tabs';
import { readRowsByNumber } from '../rows-by-number';

/** Where each column is, from the header row alone; null when the tab is missing or empty. */
export function alertHeader(tabs: SheetTabs, tab = ALERTS_TAB): Record<AlertHeader, number> | null {
  const header = tabs.readBlocks(tab, [{ row: 1, count: 1 }])[0]?.[0];
  return header && header.some((h) => String(h ?? '').trim()) ? alertColumns(header) : null;
}

/**
 * The alerts in these rows, as they are now: a row a person emptied is left out, and callers check
 * the key or status they searched for, since a sort may have moved another alert into the row.
 */
export function readAlertRows(
  tabs: SheetTabs,
  at: Record<AlertHeader, number>,
  rows: readonly number[],
  tab = ALERTS_TAB,
): { alerts: Alert[]; values: Map<number, unknown[]> } {
  const values = readRowsByNumber(tabs, tab, rows);
  const alerts: Alert[] = [];
  for (const [row, r] of values) {
    const { alert } = alertFromRow(r, at, row);
    if (alert) alerts.push(alert);
  }
  return { alerts, values };
}

/**
 * Every alert key ever raised: the Key column of the Alerts tab and of its archive (one column each,
 * for the background scan). An event seen again after its alert was archived (a customer still idle,
 * a renewal still near) must not raise it twice.
 */
export function raisedAlertKeys(tabs: SheetTabs): Set<string> {
  const keys = new Set<string>();
  for (const tab of [ALERTS_TAB, ALERTS_ARCHIVE_TAB]) {
    const at = alertHeader(tabs, tab);
    if (!at || at.Key < 0) continue;
    const column = tabs.readBlocks(tab, [
      { row: 2, count: Number.MAX_SAFE_INTEGER, column: at.Key + 1, columns: 1 },
    ])[0];
    for (const [k] of column ?? []) {
      const key = String(k ?? '').trim();
      if (key) keys.add(key);
    }
  }
  return keys;
}
