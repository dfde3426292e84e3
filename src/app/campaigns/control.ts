/**
 * Pause, resume and cancel a campaign, and settle the recipients a crash left in review. Each takes
 * the user's lock, so it never races a run that is sending.
 */
import type { RecipientStatus } from '../../core/campaigns/log';
import type { AppContext } from '../context';
import { UserFacingError } from '../errors';
import { loadCampaign, saveCampaign, type CampaignMeta, type CampaignState } from './meta';
import { keepHourlyTrigger } from './run';

function locked<T>(ctx: AppContext, work: () => T): T {
  const result = ctx.locks.withUserLock(5_000, work);
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
      'It may be older than the 30 campaigns ChurnGuard lists; its rows are still in the Campaigns tab.',
    );
  return meta;
}

const ALLOWED: Record<'pause' | 'resume' | 'cancel', CampaignState[]> = {
  pause: ['sending', 'waiting-quota'],
  resume: ['paused'],
  cancel: ['sending', 'waiting-quota', 'paused'],
};

export function changeCampaignState(
  ctx: AppContext,
  id: string,
  change: 'pause' | 'resume' | 'cancel',
): CampaignMeta {
  const meta = locked(ctx, () => {
    const current = campaign(ctx, id);
    if (!ALLOWED[change].includes(current.state))
      throw new UserFacingError(
        `Cannot ${change} this campaign`,
        `"${current.name}" is ${current.state}.`,
        change === 'resume' ? 'Only a paused campaign can be resumed.' : 'It has already finished.',
      );
    if (change === 'cancel') {
      // Pending recipients are marked cancelled, so the log says why they never got the email.
      const log = ctx.campaignLog(current.spreadsheetId);
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
    const next: CampaignMeta = {
      ...current,
      state: change === 'pause' ? 'paused' : change === 'resume' ? 'sending' : 'cancelled',
    };
    saveCampaign(ctx.userStore, next);
    return next;
  });
  keepHourlyTrigger(ctx);
  return meta;
}

/**
 * A person checked their Sent folder for a recipient in review: it went ("sent"), or it did not and
 * should go ("pending", sent by the next run).
 */
export function settleReview(ctx: AppContext, id: string, email: string, went: boolean): CampaignMeta {
  const meta = locked(ctx, () => {
    const meta = campaign(ctx, id);
    const log = ctx.campaignLog(meta.spreadsheetId);
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
    if (!went && (meta.state === 'done' || meta.state === 'waiting-quota')) {
      const next: CampaignMeta = { ...meta, state: 'sending' };
      saveCampaign(ctx.userStore, next);
      return next;
    }
    return meta;
  });
  keepHourlyTrigger(ctx);
  return meta;
}
