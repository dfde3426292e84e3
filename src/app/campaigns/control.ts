/**
 * Pause, resume and cancel a campaign; settle the recipients a crash left in review; queue failed
 * recipients again; accept a Campaigns tab a person changed. Each takes the user's lock, so it never
 * races a run that is sending, and keeps the hourly trigger before releasing it.
 */
import { baselineOf } from '../../core/campaigns/log-check';
import type { RecipientStatus } from '../../core/campaigns/log';
import type { AppContext } from '../context';
import { UserFacingError } from '../errors';
import { loadCampaign, saveCampaign, type CampaignMeta, type CampaignState } from './meta';
import { pausedFor, verifyCampaignLog } from './log-guard';
import { keepHourlyTrigger } from './trigger-upkeep';
import { campaignLogOf } from '../warehouse-features';

function locked<T>(ctx: AppContext, work: () => T): T {
  const result = ctx.locks.withUserLock(5_000, () => {
    try {
      return work();
    } finally {
      keepHourlyTrigger(ctx);
    }
  });
  if (result === null)
    throw new UserFacingError(
      'A campaign is sending right now',
      'Another ChurnGuard run holds the lock for your campaigns.',
      'Wait a minute and try again; the running batch finishes and logs first.',
    );
  return result;
}

function campaign(ctx: AppContext, id: string): CampaignMeta {
  const meta = loadCampaign(ctx.userStore, id);
  if (!meta)
    throw new UserFacingError(
      'Campaign not found',
      `No campaign ${id} is stored for you.`,
      'It may have been archived after it finished; its rows are still in the Campaigns tab.',
    );
  return meta;
}

const ALLOWED: Record<'pause' | 'resume' | 'cancel', CampaignState[]> = {
  pause: ['sending', 'waiting-quota'],
  resume: ['paused'],
  cancel: ['preparing', 'starting', 'sending', 'waiting-quota', 'paused'],
};

export function changeCampaignState(
  ctx: AppContext,
  id: string,
  change: 'pause' | 'resume' | 'cancel',
): CampaignMeta {
  return locked(ctx, () => {
    const current = campaign(ctx, id);
    if (!ALLOWED[change].includes(current.state))
      throw new UserFacingError(
        `Cannot ${change} this campaign`,
        `"${current.name}" is ${current.state}.`,
        change === 'resume' ? 'Only a paused campaign can be resumed.' : 'It has already finished.',
      );
    if (change === 'resume') return resume(ctx, current);
    if (change === 'cancel') {
      // Pending recipients are marked cancelled, so the log says why they never got the email.
      const log = campaignLogOf(ctx, current);
      const at = ctx.clock.now();
      const pending = log.recipients(id).filter((r) => r.status === 'pending');
      log.update(
        id,
        pending.map((r) => ({
          email: r.email,
          status: 'cancelled' as const,
          detail: 'Campaign cancelled',
          at,
        })),
      );
    }
    // A cancelled preparation drops its cursor: no run writes more of its audience.
    const { problem: _cleared, prep: _stopped, warehousePrep: _read, ...rest } = current;
    const next: CampaignMeta = { ...rest, state: change === 'pause' ? 'paused' : 'cancelled' };
    saveCampaign(ctx.userStore, next);
    return next;
  });
}

/** Resuming re-checks the tab: a repair that is not done yet keeps the campaign paused, saying why. */
function resume(ctx: AppContext, current: CampaignMeta): CampaignMeta {
  // No person edits the warehouse's append-only log, and the next run checks it anyway: a card need
  // not read a 20,000-row campaign to resume it.
  if (current.store === 'bigquery') {
    const { problem: _cleared, ...rest } = current;
    const next: CampaignMeta = { ...rest, state: 'sending' };
    saveCampaign(ctx.userStore, next);
    return next;
  }
  const verdict = verifyCampaignLog(ctx, current);
  if (!verdict.ok) {
    saveCampaign(ctx.userStore, pausedFor(current, verdict.problem));
    throw new UserFacingError(
      'The Campaigns tab still needs a repair',
      verdict.problem.what,
      verdict.problem.repair,
    );
  }
  const { problem: _cleared, ...rest } = verdict.meta;
  const next: CampaignMeta = { ...rest, state: 'sending' };
  saveCampaign(ctx.userStore, next);
  return next;
}

/**
 * A person accepts the tab as it is now (rows deleted or edited on purpose): its rows become the
 * record, the missing recipients are never emailed by this campaign, and sending resumes. Duplicate
 * rows and a broken header cannot be accepted: they must be repaired.
 */
export function acceptCampaignLog(ctx: AppContext, id: string): CampaignMeta {
  return locked(ctx, () => {
    const current = campaign(ctx, id);
    if (current.problem?.kind !== 'missing' && current.problem?.kind !== 'changed')
      throw new UserFacingError(
        'Nothing to accept',
        `"${current.name}" is not waiting for a decision about missing or changed rows.`,
        'Reopen the campaign; the card shows what it needs.',
      );
    const rows = campaignLogOf(ctx, current).recipients(id);
    const { problem: _cleared, ...rest } = current;
    const accepted: CampaignMeta = {
      ...rest,
      logBaseline: baselineOf(rows),
      note: `${ctx.session.email()} accepted the Campaigns tab with ${rows.length} rows on ${ctx.clock.now().toISOString().slice(0, 10)}.`,
    };
    return resume(ctx, accepted);
  });
}

/**
 * A person checked their Sent folder for a recipient in review: it went ("sent"), or it did not and
 * should go ("pending", sent by the next run).
 */
export function settleReview(ctx: AppContext, id: string, email: string, went: boolean): CampaignMeta {
  return locked(ctx, () => {
    const meta = campaign(ctx, id);
    const log = campaignLogOf(ctx, meta);
    const row = log.recipients(id).find((r) => r.email === email.toLowerCase());
    if (!row || row.status !== 'review')
      throw new UserFacingError(
        'Nothing to review',
        `${email} is not waiting for review in "${meta.name}".`,
        'Reopen the campaign; the list may have changed.',
      );
    const status: RecipientStatus = went ? 'sent' : 'pending';
    log.update(id, [
      {
        email: row.email,
        status,
        detail: went ? `Marked sent by ${ctx.session.email()}` : `Queued again by ${ctx.session.email()}`,
        at: ctx.clock.now(),
      },
    ]);
    return went ? meta : sendAgain(ctx, meta);
  });
}

/** Every failed recipient of the campaign goes back to pending for the next run (the card's "Retry failed"). */
export function retryFailed(ctx: AppContext, id: string): { meta: CampaignMeta; queued: number } {
  return locked(ctx, () => {
    const meta = campaign(ctx, id);
    const log = campaignLogOf(ctx, meta);
    const at = ctx.clock.now();
    const failed = log.recipients(id).filter((r) => r.status === 'failed' && r.group === 'emailed');
    log.update(
      id,
      failed.map((r) => ({
        email: r.email,
        status: 'pending' as const,
        detail: `Retry queued by ${ctx.session.email()} after: ${r.detail}`.slice(0, 500),
        at,
      })),
    );
    return { meta: failed.length > 0 ? sendAgain(ctx, meta) : meta, queued: failed.length };
  });
}

/** A finished campaign with recipients queued again is sending again. */
function sendAgain(ctx: AppContext, meta: CampaignMeta): CampaignMeta {
  if (meta.state !== 'done' && meta.state !== 'waiting-quota') return meta;
  const next: CampaignMeta = { ...meta, state: 'sending' };
  saveCampaign(ctx.userStore, next);
  return next;
}
