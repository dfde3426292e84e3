/**
 * What each Apps Script entry point does, independent of how the result is rendered:
 * parse the event at the boundary, run the handler behind the error guard, return descriptions.
 * src/gas renders these with CardService; the local workbench renders the same values as HTML.
 */
import type { ActionResponse, Card } from '../ui/card/types';
import { helpCard } from '../ui/cards/help';
import type { AppContext } from './context';
import { dispatchAction } from './dispatcher';
import { parseAddonEvent, rawActionParameters } from './events';
import { cardsOrProblem, responseOrProblem, type ErrorLogger } from './guard';
import { buildHomepage } from './handlers/home';
import { buildMessageCards } from './handlers/message';
import { buildSettingsCard } from './handlers/settings';
import { buildComposeCards } from './handlers/compose';
import { sheetComposer } from './campaigns/composer';
import { runHourly } from './campaigns/run';
import { loadSettings } from './settings-store';
import { invocationOfAction } from '../ui/card/contract';
import { LAST_SCAN_KEY, recordScanError, SCAN_ERROR_KEY, scanDue } from './watch/scan';
import { electScanner } from './watch/scanner-election';
import { runRequestedLearning } from './handlers/learn';
import { reactivationDue, runReactivation } from './watch/reactivation';
import { loadJob, requestJob, stepJob, type JobProgress } from './jobs/portfolio-job';
import { keepHourlyTrigger } from './campaigns/trigger-upkeep';
import { runTabUpkeep } from './watch/tab-upkeep';
import { applyPendingUnsubscribes } from './unsubscribe/apply';
import { storeOf } from './store-choice';
import { warehouseDayFiguresInTrigger, warehouseScanInTrigger } from './warehouse-features';

export interface AppEntry {
  homepage(raw: unknown): Card[];
  gmailMessage(raw: unknown): Card[];
  compose(raw: unknown): Card[];
  settings(raw: unknown): Card[];
  help(raw: unknown): Card[];
  cardAction(raw: unknown): ActionResponse;
  /** The hourly time trigger: the daily scan when due, then every campaign with work. */
  hourly(): HourlyReport;
}

export interface HourlyReport {
  scanned: boolean;
  /** The teammate elected to scan the sheet today, when it was not this user. */
  scannedBy?: string;
  campaigns: number;
  /** The portfolio job after this run: its progress, 'finished', or 'idle' when there was none. */
  job?: JobProgress | 'idle' | 'busy' | 'finished';
  /** What failed, already logged; the other half of the run still ran. */
  errors: string[];
}

export function appEntry(makeContext: () => AppContext, log: ErrorLogger): AppEntry {
  return {
    homepage: () => cardsOrProblem(() => buildHomepage(makeContext()), log),
    gmailMessage: (raw) => cardsOrProblem(() => buildMessageCards(makeContext(), parseAddonEvent(raw)), log),
    compose: (raw) => cardsOrProblem(() => buildComposeCards(makeContext(), parseAddonEvent(raw)), log),
    settings: () => cardsOrProblem(() => buildSettingsCard(makeContext()), log),
    help: () => cardsOrProblem(() => helpCard(), log),
    cardAction: (raw) => {
      // The error answer must have the type the button's wiring expects, so read the action's name
      // from the raw event before anything can fail.
      const params = rawActionParameters(raw);
      return responseOrProblem(
        () => dispatchAction(makeContext(), parseAddonEvent(raw)),
        log,
        invocationOfAction(params.action ?? ''),
        params.email,
      );
    },
    hourly: () => {
      const ctx = makeContext();
      const report: HourlyReport = { scanned: false, campaigns: 0, errors: [] };
      const attempt = (work: () => void) => {
        try {
          work();
        } catch (error) {
          log(error);
          report.errors.push(error instanceof Error ? error.message : String(error));
        }
      };
      const { settings } = loadSettings(ctx.userStore);
      const warehouseStore = storeOf(settings).kind === 'bigquery';
      // Unsubscribe clicks first, so the scan, reactivation and campaigns below see them in the sheet.
      attempt(() => void applyPendingUnsubscribes(ctx));
      attempt(() => {
        const { watch, spreadsheetId } = settings;
        if (watch && scanDue(ctx, watch.enabled, watch.hourUtc)) {
          // Teammates on one sheet: one of them scans today, the others leave it to them.
          const day = ctx.clock.now().toISOString().slice(0, 10);
          const ballot = spreadsheetId ? electScanner(ctx, spreadsheetId, day) : { elected: true as const };
          if (!ballot.elected) {
            ctx.userStore.set(LAST_SCAN_KEY, day);
            report.scannedBy = ballot.scanner;
            return;
          }
          // The sheet's scan is a chunked job: started here, run by the job step below (and the next
          // runs). On BigQuery the warehouse scan starts and runs below.
          if (!warehouseStore) requestJob(ctx, 'scan');
          report.scanned = true;
        }
      });
      attempt(() => void runRequestedLearning(ctx));
      // The warehouse built from the team's own table or view: daily, and any sync Settings started.
      attempt(() => ctx.sourceSync?.());
      attempt(() => {
        if (reactivationDue(ctx)) runReactivation(ctx);
      });
      // Campaigns run even when the scan failed: a broken rule must not stop a half-sent campaign.
      attempt(() => {
        report.campaigns = runHourly(ctx, sheetComposer).filter((o) => o.kind === 'ran').length;
      });
      // The chunked portfolio job (rescore, Refresh) goes on with what the run has left (issue 16).
      attempt(() => {
        const scanning = loadJob(ctx)?.kind === 'scan';
        try {
          const step = stepJob(ctx, 'trigger');
          report.job = step.kind === 'running' ? step.progress : step.kind;
          if (step.kind === 'finished') ctx.locks.withUserLock(10_000, () => keepHourlyTrigger(ctx));
          if (step.kind === 'finished' && scanning) ctx.userStore.delete(SCAN_ERROR_KEY);
        } catch (error) {
          if (scanning) recordScanError(ctx, error);
          throw error;
        }
      });
      // The daily scan on the BigQuery store: today's, or the rest of one under way (warehouse-scan.ts).
      attempt(() => {
        if (!warehouseStore) return;
        const step = warehouseScanInTrigger(ctx, report.scanned ? settings.spreadsheetId : undefined);
        if (step.kind === 'finished') ctx.locks.withUserLock(10_000, () => keepHourlyTrigger(ctx));
      });
      // Then the homepage's day figures (trend, value lines) on BigQuery, once a day for every teammate.
      attempt(() => {
        if (warehouseStore) warehouseDayFiguresInTrigger(ctx, settings);
      });
      // Last, with the time left: closed alerts to the archive (bounded, resumable steps).
      attempt(() => void runTabUpkeep(ctx));
      return report;
    },
  };
}
