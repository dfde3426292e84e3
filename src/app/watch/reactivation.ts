/**
 * Runs automatic reactivation once a day from the hourly trigger, when the manager turned it on:
 * the customers quiet for the chosen days (and not yet contacted for this quiet spell) become an
 * ordinary campaign, which the same trigger then sends exactly once within the quota. A customer
 * whose email would have a blank is left out and listed, so the others are not held up.
 */
import { sheetGate } from '../../core/campaigns/sheet-gate';
import * as z from '../../core/zod';
import { AUTO_REACTIVATION_NAME, reactivationAudience } from '../../core/campaigns/reactivation';
import { findTemplate } from '../../core/templates';
import { audienceGuard, blanksFor } from '../campaigns/audience-guard';
import { segmentConfig, segmentRecords } from '../segments/portfolio';
import { rememberValueLines } from '../value-lines';
import type { AppContext } from '../context';
import { startCampaign } from '../campaigns/start';
import { loadTeamConfig, mergeContextFor } from '../retention-reply';
import { loadSettings } from '../settings-store';
import { withWholeSheet } from '../whole-sheet';

export const LAST_REACTIVATION_KEY = 'churnguard.lastReactivation';

const ReportSchema = z.object({
  day: z.string(),
  campaignId: z.optional(z.string()),
  emailed: z.number(),
  holdout: z.number(),
  alreadyContacted: z.number(),
  skipped: z.array(z.object({ email: z.string(), row: z.number(), reason: z.string() })),
  problem: z.optional(z.string()),
});
export type ReactivationReport = z.infer<typeof ReportSchema>;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function lastReactivation(ctx: AppContext): ReactivationReport | null {
  try {
    const parsed = ReportSchema.safeParse(JSON.parse(ctx.userStore.get(LAST_REACTIVATION_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function reactivationDue(ctx: AppContext): boolean {
  const r = loadSettings(ctx.userStore).settings.reactivation;
  return Boolean(r?.enabled) && lastReactivation(ctx)?.day !== isoDay(ctx.clock.now());
}

/** Plans and starts today's automatic reactivation campaign; the hourly trigger sends it. */
export function runReactivation(ctx: AppContext): ReactivationReport {
  const settings = loadSettings(ctx.userStore).settings.reactivation;
  const today = ctx.clock.now();
  const report = withWholeSheet(ctx, (whole): ReactivationReport => {
    const base = { day: isoDay(today), emailed: 0, holdout: 0, alreadyContacted: 0, skipped: [] };
    if (!settings?.enabled) return { ...base, problem: 'Automatic reactivation is off.' };
    const spreadsheetId = whole.settings.spreadsheetId!;
    const config = loadTeamConfig(ctx, spreadsheetId);
    const found = findTemplate(config, settings.template);
    if (!found.ok) return { ...base, problem: `${found.reason} Nothing was sent.` };
    const template = found.template;
    const campaigns = ctx.campaignLog(spreadsheetId);
    // A quiet spell outlasts the archive's 30 days: earlier automatic reactivations are read there too.
    const log = [...campaigns.readAll().recipients, ...campaigns.archivedNamed(AUTO_REACTIVATION_NAME)];
    const audience = reactivationAudience(whole.read.customers, log, settings.days, today);
    const context = mergeContextFor(ctx, config.team, whole.all);
    // The same guard rail as the sidebar and segment campaigns; this run read the whole sheet, so its lines are fresh.
    const guard = audienceGuard(
      {
        settings: whole.settings,
        templates: config.templates,
        template: template.name,
        lines: rememberValueLines(ctx, whole.settings, whole.read.customers),
        today,
      },
      segmentRecords(
        ctx,
        whole.settings,
        segmentConfig(ctx, spreadsheetId, whole.all.headers),
        audience.members,
        whole.all.timeZone,
      ),
    );
    const blocked = blanksFor(template, config.templates, audience.members, guard, context);
    const blockedSet = new Set(blocked.map((b) => b.customer));
    const ready = audience.members.filter((c) => !blockedSet.has(c));
    const skipped = blocked.map((b) => ({ email: b.customer.email, row: b.customer.row, reason: b.reason }));
    const result = { ...base, alreadyContacted: audience.alreadyContacted, skipped: skipped.slice(0, 20) };
    if (ready.length === 0) return result;
    const started = startCampaign(ctx, {
      name: `${AUTO_REACTIVATION_NAME} ${base.day}`,
      template: template.name,
      segment: `Quiet ${settings.days}+ days (automatic)`,
      spreadsheetId,
      members: ready,
      winBack: false,
      unmergeable: new Map(),
      sheetBlockers: sheetGate(whole.read).blockers,
      team: config.team,
      ...(guard ? { guard } : {}),
    });
    if (started.kind === 'started')
      return {
        ...result,
        campaignId: started.meta.id,
        emailed: started.plan.emailed,
        holdout: started.plan.holdout,
      };
    if (started.kind === 'empty')
      return { ...result, problem: 'Everyone quiet was excluded (unsubscribed, cool-down).' };
    if (started.kind === 'sheetBlocked')
      return { ...result, problem: `Nothing was sent: ${started.problems.join(' ')}` };
    return result;
  });
  ctx.userStore.set(LAST_REACTIVATION_KEY, JSON.stringify(report));
  return report;
}
