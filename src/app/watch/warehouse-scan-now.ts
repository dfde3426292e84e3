/**
 * Settings → Scan now on the BigQuery store: starts today's scan from its first page and runs one
 * page here; a book whose events fit that page finishes in the card and says what it raised, a larger
 * one goes on in the hourly trigger (kept while the scan is pending).
 */
import type { ActionResponse } from '../../ui/card/types';
import { count } from '../../core/text/format';
import { keepHourlyTrigger } from '../campaigns/trigger-upkeep';
import type { AppContext } from '../context';
import { requestWarehouseScan, stepWarehouseScan } from './warehouse-scan';
import { scanNotice } from './scan-notice';

export function warehouseScanNow(ctx: AppContext, spreadsheetId: string): ActionResponse {
  const warehouse = ctx.warehouse?.();
  if (!warehouse) throw new Error('Scan now: Settings chose BigQuery but no warehouse is available');
  requestWarehouseScan(ctx, spreadsheetId, true);
  const step = stepWarehouseScan(ctx, warehouse, 'card');
  if (step.kind === 'finished') return scanNotice('BigQuery', step.scan);
  ctx.locks.withUserLock(2_000, () => keepHourlyTrigger(ctx));
  const so = step.kind === 'running' ? `${count(step.alerts, 'alert')} raised so far` : 'queued';
  return {
    kind: 'notify',
    notification: `Scanning BigQuery in the background (${so}); the rest of the alerts and the digests follow within the hour.`,
    stateChanged: true,
  };
}
