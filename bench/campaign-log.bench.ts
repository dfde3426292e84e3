/**
 * The Campaigns tab on card paths and send runs at 100k customers: a campaign of ~1,500 recipients
 * that is sending, with 0 or 200,000 rows of other campaigns in the tab (about a year at full quota
 * before the archive kept it small). Each action goes through build/Code.js on the stand-ins;
 * calls and cells must not change with the other campaigns' rows.
 */
import { listCampaigns } from '../src/app/campaigns/meta';
import { sampleWorld, type SampleWorld } from '../src/local/sample-world';
import { gmailEvent } from '../src/local/gmail-events';
import {
  addSegment,
  BENCH_SEGMENT,
  benchSizes,
  loadCode,
  measuredColumns,
  safeCall,
  startBenchCampaign,
  type Measured,
} from './card-actions.bench';

const HOUR_MS = 3_600_000;

/**
 * Rows of earlier campaigns, half above and half below the ones already in the tab, updated five
 * days ago (so the hourly run's archive leaves them, and the send run measures sending alone).
 */
function addOtherCampaigns(w: SampleWorld, count: number): void {
  if (count === 0) return;
  const updated = new Date(w.world.clock.nowMs() - 5 * 86_400_000);
  const sheet = w.world.spreadsheets.get(w.spreadsheetId)!.sheet('Campaigns')!;
  const [header, ...rows] = sheet.toValues();
  const other = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => [
      `cmp-earlier-${Math.floor((from + i) / 1_500)}`,
      'Earlier',
      `earlier${from + i}@customers.example`,
      'Earlier customer',
      'emailed',
      'sent',
      updated,
      '',
    ]);
  sheet.replaceValues([header!, ...other(0, count / 2), ...rows, ...other(count / 2, count / 2)]);
}

const click = (parameters: Record<string, string>) => gmailEvent({ parameters });

export function campaignLogBench(n = Math.max(...benchSizes()), others = [0, 200_000]) {
  const code = loadCode();
  const rows: Record<string, unknown>[] = [];
  for (const extra of others) {
    const w = sampleWorld({ rows: n });
    addSegment(w, BENCH_SEGMENT);
    safeCall(w.world, code, startBenchCampaign.fn, startBenchCampaign.event(w));
    // Hourly runs until the audience is written and sending has begun.
    for (let i = 0; i < 6; i++) {
      const meta = listCampaigns(w.world.userKeyValues())[0];
      if (meta && meta.state !== 'preparing' && meta.state !== 'starting') break;
      w.world.clock.advance(HOUR_MS);
      safeCall(w.world, code, 'onHourlyTrigger', {}, 'trigger');
    }
    const id = listCampaigns(w.world.userKeyValues())[0]!.id;
    addOtherCampaigns(w, extra);
    const tabRows = w.world.spreadsheets.get(w.spreadsheetId)!.sheet('Campaigns')!.lastRow() - 1;
    const measure = (action: string, fn: string, event: unknown, kind: 'card' | 'trigger' = 'card') => {
      w.world.clock.advance(60_000);
      const m: Measured = safeCall(w.world, code, fn, event, kind);
      rows.push({
        action,
        customers: n,
        'Campaigns rows': tabRows,
        ...measuredColumns(m),
        emails: w.world.mail.outbox.length,
        outcome: m.outcome,
      });
    };
    measure('campaign card', 'onCardAction', click({ action: 'openCampaign', id }));
    measure('pause', 'onCardAction', click({ action: 'campaignControl', id, change: 'pause' }));
    measure('resume', 'onCardAction', click({ action: 'campaignControl', id, change: 'resume' }));
    w.world.clock.advance(HOUR_MS);
    measure('send run (hourly)', 'onHourlyTrigger', {}, 'trigger');
    measure('cancel', 'onCardAction', click({ action: 'campaignControl', id, change: 'cancel' }));
    measure('campaign list', 'onCardAction', click({ action: 'openCampaigns' }));
  }
  return rows;
}
