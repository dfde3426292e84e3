/**
 * A spreadsheet file as the segments and preview commands read it: the customer tab scored (with
 * impact from the Impact rules tab), the saved segments, and the other tabs by name.
 */
import { impactOf, readImpactRules, readSegments, SEGMENTS_TAB, IMPACT_RULES_TAB } from '../../core/segments';
import type { SegmentRecord } from '../../core/segments';
import type { Segment } from '../../core/segments/segments-tab';
import { scoreCustomer } from '../../core/risk/scorecard';
import { rawKeys, readCustomers } from '../../core/sheet/read-customers';
import { readTableFile } from '../table/table-file';
import { sheetGate, type SheetGate } from '../../core/campaigns/sheet-gate';

export interface SegmentBook {
  /** A tab's rows (header first), or null when the file has no such tab. */
  tab(name: string): unknown[][] | null;
  records: SegmentRecord[];
  segments: Segment[];
  /** Problems in the Impact rules and Segments tabs, with their cells. */
  issues: string[];
  /** The customer tab's name, for messages that say where to fix a cell. */
  customerTab: string;
  /** What the customer tab stops (an ambiguous Email column) or leaves out of any campaign. */
  gate: SheetGate;
}

export function loadSegmentBook(file: string, today: Date): SegmentBook {
  const book = readTableFile(file);
  const tab = (name: string) =>
    book.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase())?.values ?? null;
  const customers = book.sheets.find((s) => s.name === 'Customers') ?? book.sheets[0];
  if (!customers || customers.values.length === 0) throw new Error(`${file} is empty`);
  if (!tab(SEGMENTS_TAB))
    throw new Error(`${file} has no "${SEGMENTS_TAB}" tab (Segment | Query | Playbook | Description)`);
  const [sheetHeaders = [], ...rows] = customers.values;
  const read = readCustomers({ sheetName: customers.name, headers: sheetHeaders, rows });
  const headers = rawKeys(sheetHeaders.map((h) => String(h ?? '').trim()));
  const rules = readImpactRules(tab(IMPACT_RULES_TAB), headers);
  const saved = readSegments(tab(SEGMENTS_TAB), headers);
  const ctx = { today };
  const records = read.customers.map((customer): SegmentRecord => {
    const impact = impactOf(customer, rules.rules, ctx).impact;
    const risk = scoreCustomer(customer, { today, ...(impact ? { segmentImpact: impact } : {}) });
    return { customer, band: risk.band, score: risk.score, ...(impact ? { impact } : {}) };
  });
  return {
    tab,
    customerTab: customers.name,
    records,
    segments: saved.segments,
    issues: [...rules.issues, ...saved.issues],
    gate: sheetGate(read),
  };
}
