/**
 * The bundled sample (sample/*.csv) grown to any number of customers, for benchmarks and a later
 * `--rows N` workbench option: the customer tab keeps the sample's 24 columns and its other tabs
 * (impact rules, segments, templates, settings) stay as they are, because a real customer sheet is
 * wide and the issue-16 figures only hold on a wide sheet (time grows with cells, not rows).
 *
 * Row i is built from the sample's rows by mixing columns with different strides, so industries,
 * owners, plans, statuses and MRR vary independently across the sheet, and every date of a row is
 * shifted by the same number of days, so a row stays coherent (start before last activity, churn
 * date only when churned). Deterministic: the same N always gives the same sheet.
 */
import * as path from 'node:path';
import { ALERT_HEADERS, ALERTS_TAB, alertRow, type Alert } from '../core/watch/alerts';
import { ALERT_KINDS } from '../core/watch/events';
import { loadSettings, saveSettings } from '../app/settings-store';
import { AppsScriptWorld, type WorldOptions } from './standins/world';
import { readTableFile, type TableSheet, type TableValue } from './table/table-file';

export const SAMPLE_DIR = path.resolve(__dirname, '../../sample');
export const SAMPLE_NOW = '2026-11-20T09:00:00Z';
const DAY_MS = 86_400_000;

/** Columns that move together: a row's status and churn date, or its billing trouble, come from one sample row. */
const COLUMN_GROUPS: readonly (readonly string[])[] = [
  ['Industry', 'Crisis impact', 'Tags'],
  ['Plan'],
  ['Owner'],
  ['Country', 'Language'],
  ['Logins this month', 'Logins last month'],
  ['Overdue invoices', 'Days late'],
  ['NPS', 'Open tickets', 'Complaints'],
];
/** Co-prime strides so the groups do not line up with each other or with the base row. */
const STRIDES = [7, 11, 13, 17, 19, 23, 29];

export interface SampleSheetOptions {
  /** How many customers. */
  rows: number;
  /** The sample folder. Default: the bundled sample/. */
  sampleDir?: string;
  /** Open alerts in the Alerts tab (owned by `user`); 0 for none. Default 5. */
  openAlerts?: number;
  /** Closed (done) alerts per 100 customers, as a year of daily scans leaves behind. Default 2. */
  closedAlertsPer100?: number;
  /** The owner of the open alerts. Default the stand-in world's user. */
  user?: string;
}

export interface SampleSheet {
  sheets: TableSheet[];
  /** Every customer email, in row order (row 2 first). */
  emails: string[];
  /** Keys of the open alerts, newest first. */
  openAlertKeys: string[];
}

/** The sample's tabs with the Customers tab grown to `rows` customers (and an Alerts tab). */
export function sampleSheet(options: SampleSheetOptions): SampleSheet {
  const table = readTableFile(options.sampleDir ?? SAMPLE_DIR);
  const customers = table.sheets.find((s) => s.name === 'Customers');
  if (!customers || customers.values.length < 2)
    throw new Error(`${options.sampleDir ?? SAMPLE_DIR}: the sample has no customers.csv with customers`);
  const [header, ...base] = customers.values as [TableValue[], ...TableValue[][]];
  const grown = growCustomers(header, base, options.rows);
  const emails = grown.map((r) => String(r[header.indexOf('Email')]));
  const alerts = sampleAlerts(header, grown, options);
  const sheets = table.sheets.map((s) =>
    s === customers ? { name: s.name, values: [header, ...grown] } : s,
  );
  sheets.push({ name: ALERTS_TAB, values: [[...ALERT_HEADERS], ...alerts.rows] });
  return { sheets, emails, openAlertKeys: alerts.openKeys };
}

function growCustomers(header: TableValue[], base: TableValue[][], n: number): TableValue[][] {
  return grownRows(header, base, 0, n);
}

/**
 * Rows `first` … `first + count - 1` of the grown sheet (0-based, row 0 is sheet row 2), so a
 * million customers can be made a chunk at a time (src/local/warehouse). `seed` moves how the column
 * groups are mixed, so two seeds give two different portfolios; seed 0 is the bench's sheet, and
 * every seed keeps the sample's own emails in its first rows (the sample inbox still matches).
 */
export function grownRows(
  header: TableValue[],
  base: TableValue[][],
  first: number,
  count: number,
  seed = 0,
): TableValue[][] {
  const col = (name: string) => header.indexOf(name);
  const email = col('Email');
  const company = col('Company');
  const mrr = col('MRR');
  const groups = COLUMN_GROUPS.map((g) => g.map(col).filter((c) => c >= 0));
  const dateCols = header.map((_, c) => c).filter((c) => base.some((r) => r[c] instanceof Date));
  const out: TableValue[][] = new Array<TableValue[]>(count);
  const k = base.length;
  for (let j = 0; j < count; j++) {
    const i = first + j;
    const row = base[i % k]!.slice();
    const copy = Math.floor(i / k);
    groups.forEach((cols, g) => {
      const from = base[(i * STRIDES[g]! + g + copy + seed * (g + 1)) % k]!;
      for (const c of cols) row[c] = from[c]!;
    });
    // Unique emails: copy 0 keeps the sample's own addresses, so the sample inbox still matches.
    if (copy > 0) {
      const [local, domain] = String(row[email]).split('@');
      row[email] = `${local}.${copy}@${domain}`;
      if (company >= 0 && row[company] !== '') row[company] = `${String(row[company])} ${copy}`;
    }
    if (mrr >= 0 && typeof row[mrr] === 'number')
      row[mrr] = Math.max(9, Math.round((row[mrr] as number) * (0.5 + ((i * 37) % 100) / 100)));
    const shift = copy === 0 ? 0 : ((i * 11) % 120) * DAY_MS;
    if (shift)
      for (const c of dateCols) {
        const v = row[c];
        if (v instanceof Date) row[c] = new Date(v.getTime() - shift);
      }
    out[j] = row;
  }
  return out;
}

function sampleAlerts(
  header: TableValue[],
  customers: TableValue[][],
  options: SampleSheetOptions,
): { rows: TableValue[][]; openKeys: string[] } {
  const open = options.openAlerts ?? 5;
  const closed = Math.floor((customers.length * (options.closedAlertsPer100 ?? 2)) / 100);
  const email = header.indexOf('Email');
  const name = header.indexOf('Name');
  const owner = options.user ?? 'am@nimbus.example';
  const rows: TableValue[][] = [];
  const openKeys: string[] = [];
  const total = open + closed;
  const today = new Date(SAMPLE_NOW).getTime();
  // Oldest first, as the scan appends them; the last `open` rows are still open.
  for (let j = 0; j < total; j++) {
    const c = customers[Math.floor((j * customers.length) / Math.max(1, total))]!;
    const isOpen = j >= closed;
    const kind = ALERT_KINDS[j % ALERT_KINDS.length]!;
    const raised = new Date(today - (total - j) * Math.max(1, Math.floor(DAY_MS / 4)))
      .toISOString()
      .slice(0, 10);
    const alert: Alert = {
      key: `${String(c[email])}|${kind}|${raised}`,
      raised,
      customer: String(c[name] ?? ''),
      email: String(c[email]),
      owner,
      kind,
      reason: `Bench alert ${j + 1}`,
      move: 'Call them this week',
      status: isOpen ? 'open' : 'done',
    };
    rows.push(alertRow(alert) as TableValue[]); // every alert cell is a string
    if (isOpen) openKeys.unshift(alert.key);
  }
  return { rows, openKeys };
}

export interface SampleWorld extends SampleSheet {
  world: AppsScriptWorld;
  spreadsheetId: string;
}

/** A stand-in world (latency model on by default) whose user connected the grown sample in Settings. */
export function sampleWorld(options: SampleSheetOptions & { world?: WorldOptions }): SampleWorld {
  const world = new AppsScriptWorld(options.world);
  world.clock.set(SAMPLE_NOW);
  const sheet = sampleSheet({ ...options, user: options.user ?? world.user });
  const ss = world.spreadsheets.create({ name: 'ChurnGuard sample', sheets: sheet.sheets });
  const store = world.userKeyValues();
  saveSettings(store, { ...loadSettings(store).settings, spreadsheetId: ss.id, customerSheet: 'Customers' });
  return { ...sheet, world, spreadsheetId: ss.id };
}
