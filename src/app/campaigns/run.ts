/**
 * Running a campaign from a card (about 30 s) or from the hourly trigger (6 min): under the user's
 * lock, the Campaigns tab is checked, the core runner sends, the campaign's state is updated, and
 * the hourly trigger is kept or removed, all before the lock is released.
 */
import { runCampaign, type Composed, type RunResult } from '../../core/campaigns/runner';
import type { LoggedRecipient } from '../../core/campaigns/log';
import type { LogProblem } from '../../core/campaigns/log-check';
import type { AppContext } from '../context';
import { campaignsToContinue, loadCampaign, saveCampaign, type CampaignMeta } from './meta';
import { confirmStart } from './confirm-start';
import { prepareAudience } from './audience-job';
import { runBulkTagHourly } from '../segments/bulk-tag-job';
import { prepareWarehouseAudience, warehouseComposer, withCampaignLog } from '../warehouse-features';

/** How much of an hourly run a bulk tag may use before campaigns get theirs. */
const BULK_TAG_SHARE_MS = 120_000;
import { pausedFor, verifyCampaignLog } from './log-guard';
import { keepHourlyTrigger } from './trigger-upkeep';

export { HOURLY_HANDLER, hasBackgroundWork, keepHourlyTrigger } from './trigger-upkeep';

/**
 * Time a run may use: a card action has about 30 s, a trigger 6 min; both keep a margin for logging.
 * Start sends its first emails until 3.5 s into its execution (after writing a small sheet's audience),
 * so with building its card and the JavaScript time the whole Start answers within 10 s.
 */
export const BUDGET_MS = { card: 20_000, start: 3_500, trigger: 270_000 } as const;
/** Recipients marked "sending" at once: the most a crash can leave in review (a trigger runs longer, so larger). */
export const BATCH_SIZE = { card: 10, start: 10, trigger: 20 } as const;
/**
 * Recipients claimed per batch on the warehouse: a batch is one INSERT (about a second of BigQuery
 * DML), so batches are larger than the sheet's; the claims a crash can leave in review grow with it.
 */
export const WAREHOUSE_BATCH_SIZE = { card: 25, start: 10, trigger: 100 } as const;
/**
 * A preparing campaign's audience is written until this point of the execution; the rest of the
 * budget is for the last keyed append, the confirm and the first sends. A card writes only what fits
 * in a few seconds (a small sheet: all of it).
 */
export const PREPARE_UNTIL_MS = { card: 5_000, start: 5_000, trigger: 240_000 } as const;
const QUOTA_RECHECK_MS = 60 * 60 * 1000;

/** The campaign's state after a run that stopped for this reason. */
const STATE_AFTER = {
  done: 'done',
  quota: 'waiting-quota',
  time: 'sending',
  // The sender refuses every send until a person acts: paused with the reason, like a tab repair.
  sender: 'paused',
} as const satisfies Record<RunResult['stopped'], CampaignMeta['state']>;

function senderProblem(reason = 'The sender refused to send.'): NonNullable<CampaignMeta['problem']> {
  return {
    kind: 'sender',
    what: reason,
    repair: 'Fix it in Settings → Sender (API key, From address) or on the email service, then press Resume.',
  };
}

/**
 * Makes each recipient's email for one run; built once per run (one read of templates and customers).
 * `prepare`, when present, reads a whole batch's rows before its emails are composed one by one.
 */
export type ComposerFactory = (
  ctx: AppContext,
  meta: CampaignMeta,
) => ((r: LoggedRecipient) => Composed) & { prepare?: (batch: readonly LoggedRecipient[]) => void };

export type RunOutcome =
  | { kind: 'ran'; meta: CampaignMeta; result: RunResult }
  | { kind: 'busy' }
  | { kind: 'idle'; meta: CampaignMeta }
  /** The audience is still being written (its cursor saved); nothing was sent. */
  | { kind: 'preparing'; meta: CampaignMeta }
  /** The Campaigns tab was changed by a person: paused, nothing sent. */
  | { kind: 'paused'; meta: CampaignMeta; problem: LogProblem };

export function continueCampaign(
  ctx: AppContext,
  id: string,
  budget: keyof typeof BUDGET_MS,
  composerFor: ComposerFactory,
): RunOutcome {
  const outcome = ctx.locks.withUserLock(budget === 'trigger' ? 10_000 : 2_000, (): RunOutcome => {
    try {
      return runLocked(ctx, id, budget, composerFor);
    } finally {
      keepHourlyTrigger(ctx);
    }
  });
  return outcome ?? { kind: 'busy' as const };
}

function runLocked(
  ctx: AppContext,
  id: string,
  budget: keyof typeof BUDGET_MS,
  composerFor: ComposerFactory,
): RunOutcome {
  // Read the state inside the lock: a pause or cancel from a card wins over a queued run.
  let meta = loadCampaign(ctx.userStore, id);
  if (!meta) throw new Error(`Campaign ${id} is no longer stored.`);
  // A warehouse segment's campaign: its log, audience pages, batch size and composer are the warehouse's.
  const warehouse = meta.store === 'bigquery';
  ctx = withCampaignLog(ctx, meta);
  if (meta.state === 'preparing') {
    meta = warehouse
      ? prepareWarehouseAudience(ctx, meta, PREPARE_UNTIL_MS[budget])
      : prepareAudience(ctx, meta, PREPARE_UNTIL_MS[budget]);
    if (meta.state === 'preparing') return { kind: 'preparing', meta };
  }
  if (meta.state === 'starting') meta = confirmStart(ctx, meta, 'run');
  if (meta.state !== 'sending' && meta.state !== 'waiting-quota') return { kind: 'idle', meta };
  const verdict = verifyCampaignLog(ctx, meta);
  if (!verdict.ok) {
    const paused = pausedFor(meta, verdict.problem);
    saveCampaign(ctx.userStore, paused);
    return { kind: 'paused', meta: paused, problem: verdict.problem };
  }
  meta = verdict.meta;
  const compose = (warehouse ? warehouseComposer : composerFor)(ctx, meta);
  const started = ctx.elapsedMs();
  const log = ctx.campaignLog(meta.spreadsheetId);
  let first: LoggedRecipient[] | null = verdict.recipients;
  const result = runCampaign(
    meta.id,
    {
      // The verified rows serve the runner's first read; a later read goes to the tab.
      log: {
        recipients: (campaignId) => {
          const rows = first ?? log.recipients(campaignId);
          first = null;
          return rows;
        },
        update: (campaignId, changes) => log.update(campaignId, changes),
      },
      send: (e) => ctx.mailer.send(e),
      // An email service sends a batch per request (its batch size is a Sender setting); MailApp has neither.
      ...(ctx.mailer.sendBatch
        ? { sendBatch: (e) => ctx.mailer.sendBatch!(e), batchSize: () => ctx.mailer.batchSize?.() ?? null }
        : {}),
      remainingQuota: () => ctx.mailer.remainingQuota(),
      now: () => ctx.clock.now(),
      elapsedMs: () => ctx.elapsedMs(),
      compose,
      ...(compose.prepare ? { prepareBatch: compose.prepare } : {}),
    },
    { budgetMs: BUDGET_MS[budget], batchSize: (warehouse ? WAREHOUSE_BATCH_SIZE : BATCH_SIZE)[budget] },
  );
  const now = ctx.clock.now();
  const attempted = result.sent + result.failed;
  const next: CampaignMeta = {
    ...meta,
    state: STATE_AFTER[result.stopped],
    ...(result.stopped === 'quota'
      ? {
          // A rate limit's Retry-After longer than an hour is honoured; shorter ones wait for the hourly trigger.
          resumeAfter: new Date(
            now.getTime() + Math.max(QUOTA_RECHECK_MS, result.retryAfterMs ?? 0),
          ).toISOString(),
        }
      : { resumeAfter: undefined }),
    ...(result.stopped === 'sender' ? { problem: senderProblem(result.senderProblem) } : {}),
    lastRun: {
      at: now.toISOString(),
      sent: result.sent,
      msPerSend:
        attempted > 0 ? Math.round((ctx.elapsedMs() - started) / attempted) : (meta.lastRun?.msPerSend ?? 0),
      stopped: result.stopped,
    },
  };
  saveCampaign(ctx.userStore, next);
  return { kind: 'ran', meta: next, result };
}

/** The hourly trigger: continue every campaign with work, one after another, within the 6 minutes. */
export function runHourly(ctx: AppContext, composerFor: ComposerFactory): RunOutcome[] {
  const outcomes: RunOutcome[] = [];
  // A running bulk tag first, for a bounded share of the run: it holds a person's edit, campaigns wait an hour anyway.
  runBulkTagHourly(ctx, BULK_TAG_SHARE_MS);
  for (const meta of campaignsToContinue(ctx.userStore, ctx.clock.now())) {
    if (ctx.elapsedMs() > BUDGET_MS.trigger) break;
    outcomes.push(continueCampaign(ctx, meta.id, 'trigger', composerFor));
  }
  // With nothing to continue, the trigger is still checked, under the lock like every other upkeep.
  if (outcomes.length === 0) ctx.locks.withUserLock(10_000, () => keepHourlyTrigger(ctx));
  return outcomes;
}
