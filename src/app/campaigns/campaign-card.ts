/**
 * A campaign's card and its buttons: progress with the finish estimate; pause, resume, cancel;
 * "Send more now"; the recipients to review and the failed ones to retry; and, when ChurnGuard
 * paused the campaign because a person changed the Campaigns tab, what changed and how to repair it.
 */
import { formatDays } from '../../core/text/format';
import type { LoggedRecipient } from '../../core/campaigns/log';
import { countStatuses, estimateFinish, type StatusCounts } from '../../core/campaigns/progress';
import type { ActionResponse, Card } from '../../ui/card/types';
import { campaignProgressCard, campaignsCard } from '../../ui/cards/campaigns';
import type { AppContext } from '../context';
import { UserFacingError } from '../errors';
import { sheetComposer } from './composer';
import { acceptCampaignLog, changeCampaignState, retryFailed, settleReview } from './control';
import { listArchived, listCampaigns, loadCampaign, type CampaignMeta } from './meta';
import { BATCH_SIZE, continueCampaign } from './run';
import { walkProgress } from '../jobs/sheet-walk';
import { campaignLogOf, warehouseCardRows } from '../warehouse-features';

function campaignOf(ctx: AppContext, id: string): CampaignMeta {
  const meta = loadCampaign(ctx.userStore, id);
  if (!meta)
    throw new UserFacingError(
      'Campaign not found',
      'This campaign is no longer in your list.',
      'Open Campaigns again; its rows stay in the Campaigns tab.',
    );
  return meta;
}

/** States whose rows the hourly trigger may have moved to the Campaigns archive. */
const FINISHED: ReadonlySet<CampaignMeta['state']> = new Set(['done', 'cancelled']);

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function buildCampaignCard(ctx: AppContext, id: string): Card {
  const meta = campaignOf(ctx, id);
  let recipients: LoggedRecipient[] = [];
  let counted: StatusCounts | undefined;
  let unreadable: string | undefined;
  try {
    // A campaign still preparing is shown from its record: nothing is sent yet, and its rows may be 100k.
    // Only this campaign's rows are read (found by Campaign ID); a finished one's may be archived.
    if (meta.state !== 'preparing' && meta.store === 'bigquery') {
      // The warehouse counts in SQL and lists only the rows the card names: 20,000 rows never reach a card.
      ({ counts: counted, listed: recipients } = warehouseCardRows(ctx, meta));
    } else if (meta.state !== 'preparing') {
      const log = campaignLogOf(ctx, meta);
      recipients = FINISHED.has(meta.state) ? log.recipientsWithArchive([meta.id]) : log.recipients(meta.id);
    }
  } catch (error) {
    // A broken header must not hide the card that explains it.
    unreadable = error instanceof Error ? error.message : String(error);
  }
  const problem =
    meta.problem ??
    (unreadable
      ? {
          kind: 'header' as const,
          what: unreadable,
          repair:
            meta.store === 'bigquery'
              ? 'BigQuery did not answer; open the campaign again in a minute (its runs continue by themselves).'
              : 'Put the header row back as it was, then press Resume.',
        }
      : undefined);
  const counts = counted ?? countStatuses(recipients);
  const pending = counts.pending + counts.sending;
  const quotaLeft = ctx.mailer.remainingQuota();
  const finish =
    meta.state === 'sending' || meta.state === 'waiting-quota'
      ? estimateFinish({
          pending,
          now: ctx.clock.now(),
          quotaLeftToday: quotaLeft,
          // MailApp tells today's remainder, not the daily size: assume the consumer 100 unless more is left.
          dailyQuota: Math.max(quotaLeft, 100),
          perRun: Math.max(BATCH_SIZE.trigger, meta.lastRun?.sent ?? 0),
          runEveryMinutes: 60,
        })
      : null;
  return campaignProgressCard({
    id: meta.id,
    name: meta.name,
    segment: meta.segment,
    template: meta.template,
    state: meta.state,
    counts: {
      sent: counts.sent,
      pending,
      failed: counts.failed,
      excluded: counts.excluded,
      holdout: counts.holdout,
      review: counts.review,
      cancelled: counts.cancelled,
    },
    ...(meta.state === 'preparing' && meta.prep
      ? {
          preparing: {
            ...walkProgress(meta.prep.walk),
            emailed: meta.prep.emailed,
            holdout: meta.prep.holdout,
            excluded: meta.prep.excluded,
          },
        }
      : {}),
    ...(finish
      ? {
          finish: `${when(finish.at)}${finish.quotaDays ? ` (the daily quota spreads it over ${formatDays(finish.quotaDays + 1)})` : ''}`,
        }
      : {}),
    ...(meta.state === 'waiting-quota'
      ? {
          note: `Today’s email quota is used up. ChurnGuard continues by itself after ${meta.resumeAfter ? when(new Date(meta.resumeAfter)) : 'the quota refills'}.`,
        }
      : meta.state === 'preparing'
        ? {
            note:
              meta.note ??
              (meta.warehousePrep &&
                `ChurnGuard is reading this segment’s members from BigQuery a page at a time, in the background (hourly): ${meta.warehousePrep.members} so far, ${meta.warehousePrep.emailed} to email, ${meta.warehousePrep.holdout} held back, ${meta.warehousePrep.excluded} excluded. Sending starts by itself when every member has been read; Cancel stops it before anything is sent.`) ??
              'ChurnGuard is writing this campaign’s recipients to the Campaigns tab a chunk at a time, in the background (hourly). Sending starts by itself when every customer row has been checked; Cancel stops it before anything is sent.',
          }
        : meta.state === 'starting'
          ? {
              note: 'The start was interrupted. Press Start again on the same audience check, or wait: the next hourly run finishes it.',
            }
          : meta.note
            ? { note: meta.note }
            : {}),
    ...(problem ? { problem } : {}),
    failures: recipients
      .filter((r) => r.status === 'failed')
      .map((r) => ({ email: r.email, detail: r.detail })),
    review: recipients
      .filter((r) => r.status === 'review')
      .map((r) => ({ email: r.email, detail: r.detail })),
  });
}

export function buildCampaignsCard(ctx: AppContext): Card {
  const items = listCampaigns(ctx.userStore)
    .slice()
    .reverse()
    .map((m) => ({
      id: m.id,
      name: m.name,
      state: m.state,
      line: `${m.template} → ${m.segment} · ${m.prep ? `${m.prep.emailed} to email so far` : `${m.planned.emailed} to email`} · started ${m.createdAt.slice(0, 10)}`,
    }));
  return campaignsCard(items, listArchived(ctx.userStore).length);
}

export function continueFromCard(ctx: AppContext, id: string): ActionResponse {
  const outcome = continueCampaign(ctx, id, 'card', sheetComposer);
  const notification =
    outcome.kind === 'busy'
      ? 'Another run is sending right now; refresh in a minute.'
      : outcome.kind === 'idle'
        ? 'Nothing to send now.'
        : outcome.kind === 'preparing'
          ? 'Still writing the audience; sending starts when it is done.'
          : outcome.kind === 'paused'
            ? 'Paused: the Campaigns tab needs a repair (see the card).'
            : `Sent ${outcome.result.sent}${outcome.result.failed ? `, ${outcome.result.failed} failed` : ''}.`;
  return {
    kind: 'navigate',
    steps: [{ kind: 'update', card: buildCampaignCard(ctx, id) }],
    notification,
    stateChanged: true,
  };
}

export function controlCampaign(
  ctx: AppContext,
  id: string,
  change: 'pause' | 'resume' | 'cancel',
): ActionResponse {
  // A card shown before the campaign finished (its last batch, the trigger, "Send more now" on another
  // card): Pause or Cancel has nothing left to stop, so show the campaign as it is now, not a problem.
  const before = loadCampaign(ctx.userStore, id);
  if (before && change !== 'resume' && (before.state === 'done' || before.state === 'cancelled'))
    return {
      kind: 'navigate',
      steps: [{ kind: 'update', card: buildCampaignCard(ctx, id) }],
      notification: `"${before.name}" has already ${before.state === 'done' ? 'finished' : 'been cancelled'}.`,
      stateChanged: true,
    };
  const meta = changeCampaignState(ctx, id, change);
  return {
    kind: 'navigate',
    steps: [{ kind: 'update', card: buildCampaignCard(ctx, id) }],
    notification: `"${meta.name}" ${change === 'pause' ? 'paused' : change === 'resume' ? 'resumed' : 'cancelled'}.`,
    stateChanged: true,
  };
}

export function settleFromCard(ctx: AppContext, id: string, email: string, went: boolean): ActionResponse {
  settleReview(ctx, id, email, went);
  return {
    kind: 'navigate',
    steps: [{ kind: 'update', card: buildCampaignCard(ctx, id) }],
    notification: went ? `${email} marked as sent.` : `${email} will be sent by the next run.`,
    stateChanged: true,
  };
}

export function retryFromCard(ctx: AppContext, id: string): ActionResponse {
  const { queued } = retryFailed(ctx, id);
  return {
    kind: 'navigate',
    steps: [{ kind: 'update', card: buildCampaignCard(ctx, id) }],
    notification: queued
      ? `${queued} queued again; the next run sends them.`
      : 'No failed recipients to retry.',
    stateChanged: true,
  };
}

export function acceptLogFromCard(ctx: AppContext, id: string): ActionResponse {
  const meta = acceptCampaignLog(ctx, id);
  return {
    kind: 'navigate',
    steps: [{ kind: 'update', card: buildCampaignCard(ctx, id) }],
    notification: `"${meta.name}" continues with the rows the tab holds now.`,
    stateChanged: true,
  };
}
