/**
 * Running a campaign from a card (about 30 s) or from the hourly trigger (6 min): under the user's
 * lock, with the core runner, then the campaign's state updated and the hourly trigger kept only
 * while some campaign still has work.
 */
import { learningRequestedAt } from '../learn-request';
import { runCampaign, type Composed, type RunResult } from '../../core/campaigns/runner';
import type { LoggedRecipient } from '../../core/campaigns/log';
import type { AppContext } from '../context';
import { loadSettings } from '../settings-store';
import { campaignsToContinue, listCampaigns, loadCampaign, saveCampaign, type CampaignMeta } from './meta';

/** The name of the top-level function the hourly trigger calls (declared in src/index.ts). */
export const HOURLY_HANDLER = 'onHourlyTrigger';

/** Time a run may use: a card action has about 30 s, a trigger 6 min; both keep a margin for logging. */
export const BUDGET_MS = { card: 20_000, trigger: 270_000 } as const;
/** Recipients marked "sending" at once: the most a crash can leave in review (a trigger runs longer, so larger). */
export const BATCH_SIZE = { card: 10, trigger: 20 } as const;
const QUOTA_RECHECK_MS = 60 * 60 * 1000;

/** Makes each recipient's email for one run; built once per run (one read of templates and customers). */
export type ComposerFactory = (ctx: AppContext, meta: CampaignMeta) => (r: LoggedRecipient) => Composed;

export type RunOutcome =
  | { kind: 'ran'; meta: CampaignMeta; result: RunResult }
  | { kind: 'busy' }
  | { kind: 'idle'; meta: CampaignMeta };

export function continueCampaign(
  ctx: AppContext,
  id: string,
  budget: keyof typeof BUDGET_MS,
  composerFor: ComposerFactory,
): RunOutcome {
  const outcome = ctx.locks.withUserLock(budget === 'card' ? 2_000 : 10_000, (): RunOutcome => {
    // Read the state inside the lock: a pause or cancel from a card wins over a queued run.
    const meta = loadCampaign(ctx.userStore, id);
    if (!meta) throw new Error(`Campaign ${id} is no longer stored.`);
    if (meta.state !== 'sending' && meta.state !== 'waiting-quota') return { kind: 'idle', meta };
    const compose = composerFor(ctx, meta);
    const started = ctx.elapsedMs();
    const result = runCampaign(
      meta.id,
      {
        log: ctx.campaignLog(meta.spreadsheetId),
        send: (e) => ctx.mailer.send(e),
        remainingQuota: () => ctx.mailer.remainingQuota(),
        now: () => ctx.clock.now(),
        elapsedMs: () => ctx.elapsedMs(),
        compose,
      },
      { budgetMs: BUDGET_MS[budget], batchSize: BATCH_SIZE[budget] },
    );
    const now = ctx.clock.now();
    const attempted = result.sent + result.failed;
    const next: CampaignMeta = {
      ...meta,
      state: result.stopped === 'done' ? 'done' : result.stopped === 'quota' ? 'waiting-quota' : 'sending',
      ...(result.stopped === 'quota'
        ? { resumeAfter: new Date(now.getTime() + QUOTA_RECHECK_MS).toISOString() }
        : { resumeAfter: undefined }),
      lastRun: {
        at: now.toISOString(),
        sent: result.sent,
        msPerSend:
          attempted > 0
            ? Math.round((ctx.elapsedMs() - started) / attempted)
            : (meta.lastRun?.msPerSend ?? 0),
        stopped: result.stopped,
      },
    };
    saveCampaign(ctx.userStore, next);
    return { kind: 'ran', meta: next, result };
  });
  const done = outcome ?? { kind: 'busy' as const };
  keepHourlyTrigger(ctx);
  return done;
}

/** Some campaign is sending or waiting for tomorrow's quota, or the daily scan is on. */
export function hasBackgroundWork(ctx: AppContext): boolean {
  const { settings } = loadSettings(ctx.userStore);
  if (settings.watch?.enabled || settings.reactivation?.enabled) return true;
  if (learningRequestedAt(ctx.userStore) !== null) return true;
  return listCampaigns(ctx.userStore).some((c) => c.state === 'sending' || c.state === 'waiting-quota');
}

/** The hourly trigger exists exactly while there is background work. */
export function keepHourlyTrigger(ctx: AppContext): void {
  if (hasBackgroundWork(ctx)) ctx.triggers.installHourly(HOURLY_HANDLER);
  else ctx.triggers.removeAll(HOURLY_HANDLER);
}

/** The hourly trigger: continue every campaign with work, one after another, within the 6 minutes. */
export function runHourly(ctx: AppContext, composerFor: ComposerFactory): RunOutcome[] {
  const outcomes: RunOutcome[] = [];
  for (const meta of campaignsToContinue(ctx.userStore, ctx.clock.now())) {
    if (ctx.elapsedMs() > BUDGET_MS.trigger) break;
    outcomes.push(continueCampaign(ctx, meta.id, 'trigger', composerFor));
  }
  keepHourlyTrigger(ctx);
  return outcomes;
}
