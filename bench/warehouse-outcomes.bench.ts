/**
 * "What works" on the BigQuery store (issue 21): the outcomes card through build/Code.js with the
 * BigQuery opt-in, over a copy of the cached generated warehouse, with a campaign log as a season
 * of warehouse campaigns leaves it: a 20,000-recipient win-back and five 2,000-recipient campaigns,
 * each recipient logged pending → sending → sent (three rows, the view keeps the newest), a fifth
 * held back. Reports the card's BigQuery calls, answer bytes and modelled + wall time vs 10 s.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundle } from '../scripts/lib/bundle';
import { saveCampaign, type CampaignMeta } from '../src/app/campaigns/meta';
import { loadSettings, saveSettings } from '../src/app/settings-store';
import { gmailEvent } from '../src/local/gmail-events';
import { SAMPLE_NOW, sampleSheet } from '../src/local/sample-world';
import { AppsScriptWorld } from '../src/local/standins';
import { createBigQueryStandIn } from '../src/local/standins/bigquery';
import { SyncDuckDb } from '../src/local/standins/duckdb-sync';
import { cachedWarehouse } from '../src/local/warehouse/cache';
import { WORKBENCH_WAREHOUSE_STORE } from '../src/local/workbench/warehouse-settings';
import { LOCAL_WAREHOUSE } from '../src/local/workbench/warehouse-store';
import { safeCall, withinCardTarget } from './card-actions.bench';
import { round } from './stats';

const DAY = 86_400_000;
const CAMPAIGNS = [
  { id: 'cmp-20260801-0900-wbk', template: 'Win-back', recipients: 20_000, daysAgo: 110 },
  ...[1, 2, 3, 4, 5].map((i) => ({
    id: `cmp-202609${10 + i}-0900-c${i}`,
    template: i % 2 ? 'Check-in' : 'Discount',
    recipients: 2_000,
    daysAgo: 20 + 15 * i,
  })),
];

/** Each campaign's recipients into campaign_log with one statement (the stand-in's own SQL, not the add-on's). */
function seedLog(db: SyncDuckDb, now: number): void {
  CAMPAIGNS.forEach((c, k) => {
    const at = now - c.daysAgo * DAY;
    db.run(
      `INSERT INTO campaign_log (change_id, campaign_id, email, status, recipient_group, detail, template, language, author, at_ms)
       SELECT $id || '-' || m.row_id || '-' || s.n, $id, m.email,
              CASE WHEN m.row_id % 5 = 0 THEN 'excluded' WHEN s.n = 0 THEN 'pending' WHEN s.n = 1 THEN 'sending' ELSE 'sent' END,
              CASE WHEN m.row_id % 5 = 0 THEN 'holdout' ELSE 'emailed' END, '', $template, NULL, 'bench', $at + s.n * 1000
       FROM (SELECT row_id, email FROM customers WHERE (row_id + $k) % $mod = 0 ORDER BY row_id LIMIT $n) AS m,
            (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2) AS s
       WHERE s.n = 0 OR m.row_id % 5 <> 0`,
      // The win-back draws from every 4th customer (25,000 at 100k), the others from every 7th.
      { id: c.id, template: c.template, at, k, mod: k === 0 ? 4 : 7, n: c.recipients },
    );
  });
}

function world(bigQuery: ReturnType<typeof createBigQueryStandIn>): AppsScriptWorld {
  const w = new AppsScriptWorld();
  w.clock.set(SAMPLE_NOW);
  w.bigQuery = bigQuery;
  const ss = w.spreadsheets.create({
    name: 'ChurnGuard warehouse outcomes bench',
    sheets: sampleSheet({ rows: 0, openAlerts: 0, closedAlertsPer100: 0 }).sheets,
  });
  const store = w.userKeyValues();
  saveSettings(store, {
    ...loadSettings(store).settings,
    spreadsheetId: ss.id,
    customerSheet: 'Customers',
    store: WORKBENCH_WAREHOUSE_STORE,
  });
  const now = Date.parse(SAMPLE_NOW);
  for (const c of CAMPAIGNS) {
    const meta: CampaignMeta = {
      id: c.id,
      name: `${c.template} ${c.id.slice(4, 12)}`,
      template: c.template,
      segment: 'Dormant 90+ days',
      spreadsheetId: ss.id,
      createdAt: new Date(now - c.daysAgo * DAY).toISOString(),
      createdBy: 'am@nimbus.example',
      state: 'done',
      winBack: false,
      holdoutPercent: 20,
      planned: {
        emailed: Math.round(c.recipients * 0.8),
        holdout: Math.round(c.recipients * 0.2),
        excluded: 0,
      },
      store: 'bigquery',
    };
    saveCampaign(store, meta);
  }
  return w;
}

export async function warehouseOutcomesBench(sizes: number[]): Promise<Record<string, unknown>[]> {
  const { code } = await bundle(path.resolve(__dirname, '../src/index.ts'), ['bigquery']);
  const rows: Record<string, unknown>[] = [];
  for (const n of sizes) {
    // A copy: the bench appends to campaign_log, and the cached file must stay as generated.
    const { file: cached } = await cachedWarehouse(n);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cg-wh-outcomes-')), 'warehouse.duckdb');
    fs.copyFileSync(cached, file);
    const db = new SyncDuckDb(file);
    try {
      seedLog(db, Date.parse(SAMPLE_NOW));
      const logRows = Number(db.run('SELECT COUNT(*) FROM campaign_log', {}).rows[0]![0]);
      const bq = createBigQueryStandIn(db, LOCAL_WAREHOUSE);
      const w = world(bq);
      for (const run of ['first', 'again']) {
        const before = { ...bq.traffic };
        const m = safeCall(w, code, 'onCardAction', gmailEvent({ parameters: { action: 'openOutcomes' } }));
        rows.push({
          customers: n.toLocaleString('en-US'),
          'campaign_log rows': logRows.toLocaleString('en-US'),
          step: `What works (${run})`,
          'BigQuery calls': bq.traffic.calls - before.calls,
          'answer bytes': bq.traffic.bytes - before.bytes,
          'modelled ms': m.modelledMs,
          'wall ms': Math.round(m.wallMs),
          'total s': round((m.modelledMs + m.wallMs) / 1000, 1),
          result: withinCardTarget(m),
          outcome: m.outcome,
        });
      }
    } finally {
      await db.close();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  }
  return rows;
}
