/**
 * Issue 21's motivating case: a win-back to ~20,000 lapsed accounts of a warehouse store, through
 * build/Code.js with the opt-ins (BigQuery store + email service) on the stand-ins. The card actions
 * (Email this segment… → Check audience → Start → the campaign card → Pause → Resume) with their
 * modelled + wall time against the 10 s target, then hourly runs: the audience written page by page
 * (preparing time, INSERTs), then sends through the SendGrid stand-in over real HTTP (emails per
 * 6-minute run, INSERTs per run). The segment "Lapsed win-back" is added to the sample's Segments tab.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundle } from '../scripts/lib/bundle';
import { loadSettings, saveSettings } from '../src/app/settings-store';
import { saveSenderKey } from '../src/app/sender-store';
import { gmailEvent } from '../src/local/gmail-events';
import { SAMPLE_NOW, sampleSheet } from '../src/local/sample-world';
import { AppsScriptWorld } from '../src/local/standins';
import { createBigQueryStandIn } from '../src/local/standins/bigquery';
import { SyncDuckDb } from '../src/local/standins/duckdb-sync';
import { cachedWarehouse } from '../src/local/warehouse/cache';
import { WORKBENCH_WAREHOUSE_STORE } from '../src/local/workbench/warehouse-settings';
import { LOCAL_WAREHOUSE } from '../src/local/workbench/warehouse-store';
import { startEmailService, STANDIN_API_KEY } from '../src/local/email-service/process';
import type { BigQueryLike } from '../src/gas/bigquery-like';
import { safeCall, withinCardTarget } from './card-actions.bench';
import { round } from './stats';

const SEGMENT = 'Lapsed win-back';
/** A quarter of the generated book (25,071 of 100k): no activity for 90 days or more. */
const QUERY = 'Status = Active AND Dormant days >= 90';
const TEMPLATE = 'Check-in';
const ID = 'cmp-20261120-0900-wbk';

const click = (parameters: Record<string, string>, form: Record<string, string> = {}) =>
  gmailEvent({ parameters, formInputs: form });

function world(bigQuery: BigQueryLike, serviceUrl: string): AppsScriptWorld {
  const w = new AppsScriptWorld();
  w.clock.set(SAMPLE_NOW);
  w.bigQuery = bigQuery;
  const sheet = sampleSheet({ rows: 0, openAlerts: 0, closedAlertsPer100: 0 });
  const sheets = sheet.sheets.map((s) =>
    s.name === 'Segments' ? { ...s, values: [...s.values, [SEGMENT, QUERY, 'Check-in call', 'Lapsed']] } : s,
  );
  const ss = w.spreadsheets.create({ name: 'ChurnGuard warehouse campaign bench', sheets });
  const store = w.userKeyValues();
  saveSettings(store, {
    ...loadSettings(store).settings,
    spreadsheetId: ss.id,
    customerSheet: 'Customers',
    store: WORKBENCH_WAREHOUSE_STORE,
    sender: { kind: 'email-service', fromEmail: 'team@nimbus.example', dailyLimit: 1_000_000 },
  });
  saveSenderKey(store, STANDIN_API_KEY);
  w.network.route('https://api.sendgrid.com', serviceUrl);
  w.network.deadlineMs = 100;
  return w;
}

export async function warehouseCampaignBench(
  sizes: number[],
  maxSendingRuns = 2,
): Promise<Record<string, unknown>[]> {
  const { code } = await bundle(path.resolve(__dirname, '../src/index.ts'), ['bigquery', 'email-service']);
  const service = await startEmailService(STANDIN_API_KEY);
  const rows: Record<string, unknown>[] = [];
  try {
    for (const n of sizes) {
      // A copy: the campaign appends to campaign_log, and the cached file must stay as generated.
      const { file: cached } = await cachedWarehouse(n);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cg-wh-campaign-')), 'warehouse.duckdb');
      fs.copyFileSync(cached, file);
      const db = new SyncDuckDb(file);
      const bq = createBigQueryStandIn(db, LOCAL_WAREHOUSE);
      let inserts = 0;
      const counted: BigQueryLike = {
        Jobs: {
          query: (request, projectId) => {
            if (/^\s*INSERT INTO `?campaign_log/i.test(request.query)) inserts++;
            return bq.Jobs.query(request, projectId);
          },
          getQueryResults: (...args) => bq.Jobs.getQueryResults(...args),
        },
      };
      service.reset();
      const w = world(counted, service.url);
      const customers = n.toLocaleString('en-US');
      const form = { campaignName: 'Win-back', campaignTemplate: TEMPLATE };
      const wizard = { segment: SEGMENT, template: TEMPLATE, name: 'Win-back', id: ID };
      const cards: [string, unknown][] = [
        ['open segment', click({ action: 'openSegment', segment: SEGMENT })],
        ['Email this segment…', click({ action: 'newCampaign', segment: SEGMENT })],
        ['Check audience', click({ action: 'previewCampaign', segment: SEGMENT, index: '0', id: ID }, form)],
        ['Start', click({ action: 'startCampaign', ...wizard })],
        ['campaign card', click({ action: 'openCampaign', id: ID })],
      ];
      const card = (name: string, event: unknown) => {
        const before = { calls: bq.traffic.calls, inserts };
        const m = safeCall(w, code, 'onCardAction', event);
        rows.push({
          customers,
          step: name,
          'BigQuery calls': bq.traffic.calls - before.calls,
          INSERTs: inserts - before.inserts,
          emails: '',
          'modelled ms': m.modelledMs,
          'wall ms': Math.round(m.wallMs),
          'total s': round((m.modelledMs + m.wallMs) / 1000, 1),
          result: withinCardTarget(m),
          outcome: m.outcome,
        });
      };
      for (const [name, event] of cards) card(name, event);
      let sendingRuns = 0;
      let preparingS = 0;
      for (let run = 1; run <= 60 && sendingRuns < maxSendingRuns; run++) {
        w.clock.advance(3_600_000);
        const before = { calls: bq.traffic.calls, inserts, sent: service.stats().accepted.length };
        const m = safeCall(w, code, 'onHourlyTrigger', gmailEvent(), 'trigger');
        const sent = service.stats().accepted.length - before.sent;
        if (sent > 0) sendingRuns++;
        else preparingS += (m.modelledMs + m.wallMs) / 1000;
        rows.push({
          customers,
          step: `hourly run ${run}${sent > 0 ? ' (sending)' : ' (preparing)'}`,
          'BigQuery calls': bq.traffic.calls - before.calls,
          INSERTs: inserts - before.inserts,
          emails: sent,
          'modelled ms': m.modelledMs,
          'wall ms': Math.round(m.wallMs),
          'total s': round((m.modelledMs + m.wallMs) / 1000, 1),
          result: m.modelledMs + m.wallMs <= 360_000 ? 'within 6 min' : 'OVER 6 min',
          outcome: m.outcome,
        });
      }
      const audience = db.run(
        "SELECT COUNT(*) FROM campaign_log_current WHERE campaign_id = $id AND status IN ('pending', 'sending', 'sent', 'review', 'failed') AND recipient_group = 'emailed'",
        { id: ID },
      ).rows[0]?.[0];
      rows.push({
        customers,
        step: `summary: ${String(audience)} to email; audience written in ${round(preparingS, 1)} s of runs`,
        'BigQuery calls': bq.traffic.calls,
        INSERTs: inserts,
        emails: service.stats().accepted.length,
        'modelled ms': '',
        'wall ms': '',
        'total s': '',
        result: '',
        outcome: '',
      });
      // Pause and Resume on the card, mid-campaign.
      card('Pause', click({ action: 'campaignControl', id: ID, change: 'pause' }));
      card('Resume', click({ action: 'campaignControl', id: ID, change: 'resume' }));
      await db.close();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  } finally {
    service.stop();
  }
  return rows;
}
