/**
 * Settings → "Refresh from source" on the BigQuery store (issue 21), through build/Code.js with the
 * BigQuery opt-in: a team table of the cached generated customers (24 columns as text, as a CSV
 * import gives them) in a copy of the warehouse file. The press (the source query and one 1,000-row
 * page) against the card's 10 s, a teammate's press while it runs (refused), then the hourly runs
 * until the tables are swapped in.
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
import { LOCAL_WAREHOUSE } from '../src/local/workbench/warehouse-store';
import { safeCall, withinCardTarget } from './card-actions.bench';
import { round } from './stats';

const TEAMMATE = 'lars@fjord.example';

/** The team's table: every header of the generated file, as the text the loader kept (`__raw`). */
function createTeamTable(db: SyncDuckDb): void {
  const columns = db.run('SELECT header, column_name FROM customer_columns ORDER BY 1', {}).rows;
  const select = columns
    .map(([header, column]) => `"${String(column)}__raw" AS "${String(header).replace(/"/g, '""')}"`)
    .join(', ');
  db.run(`CREATE TABLE team_customers AS SELECT ${select} FROM customers ORDER BY row_id`, {});
}

function world(bigQuery: ReturnType<typeof createBigQueryStandIn>): AppsScriptWorld {
  const w = new AppsScriptWorld();
  w.clock.set(SAMPLE_NOW);
  w.bigQuery = bigQuery;
  const ss = w.spreadsheets.create({
    name: 'ChurnGuard source refresh bench',
    sheets: sampleSheet({ rows: 0, openAlerts: 0, closedAlertsPer100: 0 }).sheets,
  });
  for (const user of [w.user, TEAMMATE]) {
    const props = w.account(user).properties;
    const store = {
      get: (k: string) => props.values.get(k) ?? null,
      set: (k: string, v: string) => props.put(k, v),
      delete: (k: string) => void props.values.delete(k),
    };
    saveSettings(store, {
      ...loadSettings(store).settings,
      spreadsheetId: ss.id,
      customerSheet: 'Customers',
      store: {
        kind: 'bigquery',
        projectId: LOCAL_WAREHOUSE.projectId,
        datasetId: LOCAL_WAREHOUSE.datasetId,
        source: `${LOCAL_WAREHOUSE.projectId}.${LOCAL_WAREHOUSE.datasetId}.team_customers`,
      },
    });
  }
  return w;
}

export async function sourceRefreshBench(sizes: number[]): Promise<Record<string, unknown>[]> {
  const { code } = await bundle(path.resolve(__dirname, '../src/index.ts'), ['bigquery']);
  const rows: Record<string, unknown>[] = [];
  for (const n of sizes) {
    // A copy: the sync swaps the customers table, and the cached file must stay as generated.
    const { file: cached } = await cachedWarehouse(n);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cg-wh-refresh-')), 'warehouse.duckdb');
    fs.copyFileSync(cached, file);
    const db = new SyncDuckDb(file);
    try {
      createTeamTable(db);
      const bq = createBigQueryStandIn(db, LOCAL_WAREHOUSE);
      const w = world(bq);
      const step = (name: string, fn: string, event: unknown, kind: 'card' | 'trigger', user?: string) => {
        const before = { ...bq.traffic };
        const was = w.user;
        if (user) w.user = user;
        const m = safeCall(w, code, fn, event, kind);
        w.user = was;
        const value = (m as { value?: unknown }).value;
        const notification =
          /"notification":\{"text":"([^"]{0,90})/.exec(JSON.stringify(value ?? ''))?.[1] ?? '';
        rows.push({
          customers: n.toLocaleString('en-US'),
          step: name,
          'BigQuery calls': bq.traffic.calls - before.calls,
          'answer bytes': bq.traffic.bytes - before.bytes,
          'modelled ms': m.modelledMs,
          'wall ms': Math.round(m.wallMs),
          'total s': round((m.modelledMs + m.wallMs) / 1000, 1),
          result:
            kind === 'card'
              ? withinCardTarget(m)
              : m.modelledMs + m.wallMs <= 360_000
                ? 'within 6 min'
                : 'OVER 6 min',
          outcome: `${m.outcome} ${notification}`.trim(),
        });
      };
      const press = gmailEvent({ parameters: { action: 'refreshFromSource' } });
      step('Refresh from source', 'onCardAction', press, 'card');
      step('teammate presses too', 'onCardAction', press, 'card', TEAMMATE);
      for (let run = 1; run <= 40; run++) {
        w.clock.advance(3_600_000);
        step(`hourly run ${run}`, 'onHourlyTrigger', gmailEvent(), 'trigger');
        if (
          /"phase":"(done|failed)"/.test(
            w.account(w.user).properties.values.get('churnguard.sourceSync') ?? '',
          )
        )
          break;
      }
      rows.push({
        customers: n.toLocaleString('en-US'),
        step: `summary: ${String(/"phase":"(\w+)"/.exec(w.userProperties.values.get('churnguard.sourceSync') ?? '')?.[1])}, ${String(db.run('SELECT COUNT(*) FROM customers', {}).rows[0]?.[0])} customers`,
      });
    } finally {
      await db.close();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  }
  return rows;
}
