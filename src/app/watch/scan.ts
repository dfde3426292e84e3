/**
 * The daily scan: re-score every customer in one read and one write, extend the compacted History
 * tab (one read, one write), raise an alert for each new danger-zone event (one append), and send
 * each account manager a digest of their customers' new alerts. Runs from the hourly trigger once
 * a day, or from Settings on demand.
 */
import { DEFAULT_PLAYBOOK_SETTINGS } from '../../core/playbooks/settings';
import { nextBestAction } from '../../core/playbooks/recommend';
import { DEFAULT_SCORECARD } from '../../core/risk/settings';
import { ALERTS_TAB, ALERT_HEADERS, alertRow, newAlerts } from '../../core/watch/alerts';
import { buildDigests } from '../../core/watch/digest';
import { detectEvents, type DangerEvent } from '../../core/watch/events';
import {
  compactPoints,
  decodePoints,
  decodeState,
  encodePoints,
  encodeState,
  HISTORY_HEADERS,
  HISTORY_TAB,
  type ScanState,
  type ScorePoint,
} from '../../core/watch/history';
import { QuotaExhausted } from '../../core/campaigns/runner';
import type { AppContext } from '../context';
import { writeScores } from '../handlers/rescore';
import { segmentConfig, wholeSheetScorer } from '../segments/portfolio';
import { playbookSegmentOf } from '../../core/segments';
import { rememberValueLines, storedValueLines } from '../value-lines';
import { withWholeSheet } from '../whole-sheet';
import { withSheetLock } from '../shared-lock';
import { raisedAlertKeys } from './alert-rows';
import { takeEmailSignals } from './email-signals';

export const LAST_SCAN_KEY = 'churnguard.lastScan';
/** Why the last triggered scan failed, shown in Settings until a scan succeeds. */
export const SCAN_ERROR_KEY = 'churnguard.scanError';

export interface ScanReport {
  day: string;
  scored: number;
  historyRows: number;
  events: number;
  alerts: number;
  digestsSent: number;
  /** Digests not sent (quota, bad address), with why. */
  digestProblems: string[];
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function readHistory(values: unknown[][] | undefined) {
  const byEmail = new Map<string, { points: ScorePoint[]; state?: ScanState }>();
  for (const row of (values ?? []).slice(1)) {
    const email = String(row[0] ?? '')
      .trim()
      .toLowerCase();
    if (!email) continue;
    byEmail.set(email, { points: decodePoints(row[1]), state: decodeState(row[2]) });
  }
  return byEmail;
}

export function runDailyScan(ctx: AppContext): ScanReport {
  return withWholeSheet(ctx, (whole) => {
    const { settings, read } = whole;
    const now = ctx.clock.now();
    const day = isoDay(now);
    rememberValueLines(ctx, settings, read.customers);
    const { result, risks } = writeScores(whole, wholeSheetScorer(ctx, whole));
    const tabs = ctx.tabs(settings.spreadsheetId!);
    const history = readHistory(tabs.read(HISTORY_TAB)?.values);
    const signals = takeEmailSignals(ctx.userStore);

    const events: DangerEvent[] = [];
    const rows: unknown[][] = [[...HISTORY_HEADERS]];
    const byEmail = new Map(read.customers.map((c) => [c.email, c]));
    for (const c of read.customers) {
      const risk = risks.get(c.row);
      if (!risk) continue;
      const before = history.get(c.email);
      const points =
        risk.score === undefined
          ? (before?.points ?? [])
          : compactPoints([...(before?.points ?? []), { day, score: risk.score, band: risk.band }], day);
      const state: ScanState = {
        day,
        band: risk.band,
        ...(risk.score !== undefined ? { score: risk.score } : {}),
        ...(c.overdueInvoices !== undefined ? { overdueInvoices: c.overdueInvoices } : {}),
        ...(c.nps !== undefined ? { nps: c.nps } : {}),
      };
      rows.push([c.email, encodePoints(points), encodeState(state)]);
      events.push(
        ...detectEvents({
          customer: c,
          risk,
          previous: before?.state,
          today: now,
          timeZone: whole.all.timeZone,
          emailSignals: signals,
        }),
      );
    }
    withSheetLock(ctx, () => tabs.replace(HISTORY_TAB, rows));

    const lines = storedValueLines(ctx, settings);
    const segments = segmentConfig(ctx, settings.spreadsheetId!, whole.all.headers);
    const raise = (existingKeys: Set<string>) =>
      newAlerts(
        events,
        existingKeys,
        (e) => {
          const c = byEmail.get(e.email)!;
          const risk = risks.get(c.row)!;
          // The same adviser as the sidebar, with the segment playbook, so an alert and the card agree.
          const playbook = playbookSegmentOf(
            { customer: c, band: risk.band, score: risk.score, ...(c.impact ? { impact: c.impact } : {}) },
            segments.segments,
            { today: now },
          );
          const move = nextBestAction({
            customer: c,
            impact: c.impact,
            band: risk.band,
            ...(e.kind === 'churnEmail' ? { intents: ['cancellation'] as const } : {}),
            ...(playbook?.playbook
              ? { segmentPlaybook: { segment: playbook.name, move: playbook.playbook } }
              : {}),
            ...(lines ? { lines } : {}),
            settings: settings.playbooks ?? DEFAULT_PLAYBOOK_SETTINGS,
            dormantDays: (settings.scorecard ?? DEFAULT_SCORECARD).dormantDays,
            today: now,
          });
          // An alert with nothing to do names no move rather than "No move needed".
          const suggested = move.move === 'none' ? '' : move.label;
          return { customer: c.name ?? c.company ?? c.email, owner: c.owner ?? '', move: suggested };
        },
        day,
      );
    // Read the raised keys and append the new alerts in one critical section: a teammate's scan
    // between the two would otherwise raise the same alerts again (and send their digests twice).
    const alerts = withSheetLock(ctx, () => {
      const fresh = raise(raisedAlertKeys(tabs));
      tabs.append(ALERTS_TAB, [...ALERT_HEADERS], fresh.map(alertRow));
      return fresh;
    });

    const problems: string[] = [];
    let sent = 0;
    if (settings.watch?.digest !== false) {
      for (const d of buildDigests(alerts, ctx.session.email(), day)) {
        try {
          ctx.mailer.send({
            to: d.owner,
            subject: d.subject,
            textBody: d.textBody,
            htmlBody: d.htmlBody,
            name: 'ChurnGuard',
          });
          sent++;
        } catch (error) {
          if (error instanceof QuotaExhausted) {
            problems.push(`${d.owner}: the daily email quota is used up; the alerts are in the Alerts tab.`);
            continue;
          }
          problems.push(`${d.owner}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    ctx.userStore.set(LAST_SCAN_KEY, day);
    return {
      day,
      scored: result.scored,
      historyRows: rows.length - 1,
      events: events.length,
      alerts: alerts.length,
      digestsSent: sent,
      digestProblems: problems,
    };
  });
}

/** Whether the hourly trigger should scan now: turned on, not yet today, and at or past the hour. */
export function scanDue(ctx: AppContext, enabled: boolean, hourUtc: number): boolean {
  if (!enabled) return false;
  const now = ctx.clock.now();
  return ctx.userStore.get(LAST_SCAN_KEY) !== isoDay(now) && now.getUTCHours() >= hourUtc;
}
