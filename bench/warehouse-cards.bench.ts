/**
 * Issue 21's card figures on the BigQuery store: the card actions a manager clicks, through
 * build/Code.js on the stand-ins, with Settings → Customer store on BigQuery and the `BigQuery` global
 * answered by the stand-in over a generated warehouse file of 10k, 100k and 1M customers (the
 * bundled sample's 24 columns; generated once and kept in the cache folder, src/local/warehouse/cache.ts).
 * The connected sheet holds the sample's Segments, Templates and Impact rules tabs and a customer tab
 * with its header only, so a card that read the sheet instead would find nobody.
 *
 * Per action: service calls (BigQuery's included), BigQuery calls and the bytes of their answers,
 * modelled service time (latency.ts: 1 s a Jobs.query, an estimate) and this machine's wall time,
 * which includes DuckDB's real scan of the table. Calls and bytes are the point: flat in N.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundle } from '../scripts/lib/bundle';
import { loadSettings, saveSettings } from '../src/app/settings-store';
import { gmailEvent } from '../src/local/gmail-events';
import { SAMPLE_NOW, sampleSheet } from '../src/local/sample-world';
import { AppsScriptWorld } from '../src/local/standins';
import { createBigQueryStandIn } from '../src/local/standins/bigquery';
import { SyncDuckDb } from '../src/local/standins/duckdb-sync';
import { cachedWarehouse } from '../src/local/warehouse/cache';
import { progressLine } from '../src/local/warehouse/main';
import { WORKBENCH_WAREHOUSE_STORE } from '../src/local/workbench/warehouse-settings';
import { LOCAL_WAREHOUSE } from '../src/local/workbench/warehouse-store';
import { safeCall, withinCardTarget, type Measured } from './card-actions.bench';
import { round } from './stats';
import { appendCardEdits, benchChangeCount } from './warehouse-card-edits';

const SEGMENT = 'Struggling to pay';

interface WarehouseAction {
  name: string;
  fn: string;
  event: () => unknown;
}

const click = (parameters: Record<string, string>) => gmailEvent({ parameters });

/** In a manager's order; the first email reads the header ↔ column table, the second has it cached. */
const ACTIONS: WarehouseAction[] = [
  {
    name: 'customer email (first)',
    fn: 'onGmailMessage',
    event: () => gmailEvent({ messageId: 'wh-message' }),
  },
  { name: 'customer email', fn: 'onGmailMessage', event: () => gmailEvent({ messageId: 'wh-message' }) },
  { name: 'homepage', fn: 'onHomepage', event: () => gmailEvent() },
  { name: 'open segments (sizes)', fn: 'onCardAction', event: () => click({ action: 'openSegments' }) },
  {
    name: 'open segment',
    fn: 'onCardAction',
    event: () => click({ action: 'openSegment', segment: SEGMENT }),
  },
];

/** A world on the warehouse: the sample's config tabs, no customer rows, Settings on BigQuery. */
export function warehouseWorld(bigQuery: AppsScriptWorld['bigQuery']): AppsScriptWorld {
  const world = new AppsScriptWorld();
  world.clock.set(SAMPLE_NOW);
  world.bigQuery = bigQuery;
  const sheet = sampleSheet({ rows: 0, openAlerts: 0, closedAlertsPer100: 0 });
  const ss = world.spreadsheets.create({ name: 'ChurnGuard warehouse bench', sheets: sheet.sheets });
  const store = world.userKeyValues();
  saveSettings(store, {
    ...loadSettings(store).settings,
    spreadsheetId: ss.id,
    customerSheet: 'Customers',
    store: WORKBENCH_WAREHOUSE_STORE,
  });
  return world;
}

export async function warehouseCardsBench(sizes: number[]): Promise<Record<string, unknown>[]> {
  // The BigQuery store is in the opt-in deployment's bundle only (scripts/lib/bundle.ts, leaveOutOptIns).
  const { code } = await bundle(path.resolve(__dirname, '../src/index.ts'), ['bigquery']);
  const rows: Record<string, unknown>[] = [];
  for (const n of sizes) {
    const { file, report } = await cachedWarehouse(n, {
      onProgress: (done, total, ms) =>
        process.stderr.write(`\r  generating: ${progressLine(done, total, ms)}   `),
    });
    if (report)
      process.stderr.write(
        `\n  ${file}: generated in ${round(report.ms / 1000, 1)} s (${round(report.bytes / 1e6, 0)} MB)\n`,
      );
    // Card edits go into a copy, so the cached file stays as generated.
    const changes = benchChangeCount();
    const dir = changes ? fs.mkdtempSync(path.join(os.tmpdir(), 'churnguard-cards-')) : undefined;
    if (dir) fs.copyFileSync(file, path.join(dir, 'warehouse.duckdb'));
    const db = new SyncDuckDb(dir ? path.join(dir, 'warehouse.duckdb') : file);
    const bq = createBigQueryStandIn(db, LOCAL_WAREHOUSE);
    appendCardEdits(db, bq, changes, Date.parse(SAMPLE_NOW) - 86_400_000);
    const world = warehouseWorld(bq);
    // A customer in the middle of the table writes in.
    const email = String(
      db.run('SELECT email FROM customers WHERE row_id = $r', { r: BigInt(Math.floor(n / 2) + 2) })
        .rows[0]?.[0],
    );
    world.gmail.seed([
      {
        id: 'wh-message',
        from: `Customer <${email}>`,
        to: world.user,
        subject: 'Our invoice',
        date: '2026-11-19',
        plainBody: 'Hi, can we talk about the invoice?',
      },
    ]);
    for (const action of ACTIONS) {
      const before = { ...bq.traffic };
      const m: Measured = safeCall(world, code, action.fn, action.event());
      rows.push({
        customers: n.toLocaleString('en-US'),
        'card changes': changes,
        action: action.name,
        calls: m.calls,
        'BigQuery calls': bq.traffic.calls - before.calls,
        'bytes returned': (bq.traffic.bytes - before.bytes).toLocaleString('en-US'),
        'cells read': m.cellsRead,
        'modelled ms': m.modelledMs,
        'wall ms': Math.round(m.wallMs),
        'total s': round((m.modelledMs + m.wallMs) / 1000, 1),
        // A card the BigQuery store does not serve yet answers with a problem card saying so.
        result: m.outcome.startsWith('problem card') ? 'not served' : withinCardTarget(m),
        outcome: m.outcome,
      });
    }
    await db.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
