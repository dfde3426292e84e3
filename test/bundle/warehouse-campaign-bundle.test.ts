/**
 * A campaign on a warehouse segment through the opt-in bundle (`--with bigquery,email-service`), as
 * Apps Script runs it: build/Code.js in a fresh VM per execution on the stand-ins, Settings on the
 * BigQuery store over a generated warehouse file, the clock pinned to the sample's day. Check
 * audience → Start → hourly triggers → the campaign card: every recipient the check counted is
 * emailed once, and nobody else.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundle } from '../../scripts/lib/bundle';
import { loadSettings, saveSettings } from '../../src/app/settings-store';
import { gmailEvent } from '../../src/local/gmail-events';
import { SAMPLE_NOW, sampleSheet } from '../../src/local/sample-world';
import { AppsScriptWorld } from '../../src/local/standins';
import { createBigQueryStandIn } from '../../src/local/standins/bigquery';
import { SyncDuckDb } from '../../src/local/standins/duckdb-sync';
import { generateWarehouse } from '../../src/local/warehouse/generate';
import { WORKBENCH_WAREHOUSE_STORE } from '../../src/local/workbench/warehouse-settings';
import { LOCAL_WAREHOUSE } from '../../src/local/workbench/warehouse-store';
import { measuredCall } from '../../bench/sidebar.bench';

const SEGMENT = 'Struggling to pay';
const ID = 'cmp-20261120-0900-bnd';

let dir = '';
let db: SyncDuckDb;
let code = '';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-wh-campaign-'));
  const file = path.join(dir, 'warehouse.duckdb');
  await generateWarehouse({ customers: 800, out: file });
  db = new SyncDuckDb(file);
  ({ code } = await bundle(path.resolve(__dirname, '../../src/index.ts'), ['bigquery', 'email-service']));
}, 180_000);

afterAll(async () => {
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function world(): AppsScriptWorld {
  const w = new AppsScriptWorld({ latency: 'none' });
  w.clock.set(SAMPLE_NOW);
  w.bigQuery = createBigQueryStandIn(db, LOCAL_WAREHOUSE);
  const sheet = sampleSheet({ rows: 0, openAlerts: 0, closedAlertsPer100: 0 });
  const ss = w.spreadsheets.create({ name: 'Warehouse campaign', sheets: sheet.sheets });
  const store = w.userKeyValues();
  saveSettings(store, {
    ...loadSettings(store).settings,
    spreadsheetId: ss.id,
    customerSheet: 'Customers',
    store: WORKBENCH_WAREHOUSE_STORE,
  });
  return w;
}

/** A card response as Apps Script would render it (the stand-in CardService's printJson). */
const cardText = (value: unknown): string => {
  const print = (v: unknown) =>
    v && typeof (v as { printJson?: unknown }).printJson === 'function'
      ? (v as { printJson(): string }).printJson()
      : JSON.stringify(v);
  return Array.isArray(value) ? value.map(print).join('\n') : print(value);
};

describe('a warehouse campaign in the opt-in bundle', () => {
  it('checks, starts and finishes by the hourly trigger, each recipient emailed once', () => {
    const w = world();
    const call = (fn: string, parameters: Record<string, string>, kind: 'card' | 'trigger' = 'card') =>
      measuredCall(w, code, fn, gmailEvent({ parameters }), { kind, worldDate: true }).value;
    // The segment's playbook template is the one the setup card picks.
    const setup = cardText(call('onCardAction', { action: 'newCampaign', segment: SEGMENT }));
    expect(setup).toContain('Installments');
    const chosen = 'Installments';
    const wizard = { segment: SEGMENT, template: chosen, name: 'Bundle win-back', id: ID };
    const preview = cardText(call('onCardAction', { action: 'previewCampaign', index: '0', ...wizard }));
    const emailed = Number(/"text":\s*"(?:<b>)?([\d,]+) customers?/.exec(preview)?.[1]?.replace(/,/g, ''));
    expect(emailed).toBeGreaterThan(10);
    const started = cardText(call('onCardAction', { action: 'startCampaign', ...wizard }));
    expect(started).toContain('Bundle win-back');
    for (let h = 0; h < 4; h++) {
      w.clock.advance(3_600_000);
      call('onHourlyTrigger', {}, 'trigger');
    }
    const perAddress = new Map<string, number>();
    for (const m of w.mail.outbox) for (const to of m.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    expect([...perAddress.values()].filter((n) => n > 1)).toEqual([]);
    expect(perAddress.size).toBe(emailed);
    const card = cardText(call('onCardAction', { action: 'openCampaign', id: ID }));
    expect(card).toContain('Finished');
    expect(card).toContain(`${emailed.toLocaleString('en-US')} sent`);
  });
});
