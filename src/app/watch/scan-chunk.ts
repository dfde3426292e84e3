/**
 * The daily scan's work for one chunk of the portfolio job (src/app/jobs/portfolio-job.ts): extend
 * each customer's History row, detect danger-zone events against their last state, and raise the new
 * alerts. Digests go out once, when the job finishes.
 *
 * Order inside a chunk, for kills: alerts first (deduplicated by key, so a repeated chunk raises
 * nothing twice), then History (one point a day, so rewriting it is idempotent), then the job commits.
 * A chunk killed after its History write and repeated sees today's state as "previous" and finds no
 * new events, but its alerts were already raised.
 *
 * The History tab is read once per execution (one row per customer: bounded by the sheet, read in the
 * trigger, not a card) and written per chunk in place. Its rows follow the customer tab's order, so a
 * chunk's rows are one block; after a person sorts the customer tab they scatter, and the chunk then
 * rewrites the tab once in the new order, which makes the rest of the walk contiguous again.
 */
import type { Customer } from '../../core/customers/customer';
import { DEFAULT_PLAYBOOK_SETTINGS } from '../../core/playbooks/settings';
import { nextBestAction } from '../../core/playbooks/recommend';
import type { RiskScore } from '../../core/risk/risk-score';
import { DEFAULT_SCORECARD } from '../../core/risk/settings';
import { playbookSegmentOf, type Segment } from '../../core/segments';
import type { Settings } from '../../core/settings/settings';
import {
  ALERTS_TAB,
  ALERT_HEADERS,
  alertRow,
  newAlerts,
  readAlerts,
  type Alert,
} from '../../core/watch/alerts';
import { buildDigests } from '../../core/watch/digest';
import { detectEvents, type DangerEvent, type EmailSignal } from '../../core/watch/events';
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
import type { ValueLines } from '../../core/playbooks/value';
import type { SheetTabs } from '../../ports/sheet-tabs';
import type { AppContext } from '../context';
import { withSheetLock } from '../shared-lock';
import { storedValueLines } from '../value-lines';
import { readEmailSignals } from './email-signals';
import { raisedAlertKeys } from './alert-rows';

export const LAST_SCAN_KEY = 'churnguard.lastScan';

/** More in-place blocks than this in one chunk: rewrite the History tab in the sheet's order instead. */
const MAX_HISTORY_BLOCKS = 20;

interface HistoryEntry {
  /** 1-based row in the History tab. */
  row: number;
  email: string;
  points: ScorePoint[];
  state?: ScanState;
  /** The customer's sheet row when this execution saw it, for re-ordering the tab. */
  sheetRow?: number;
}

/** What one execution of a scan job keeps between its chunks. */
export interface ScanRun {
  tabs: SheetTabs;
  day: string;
  now: Date;
  history: Map<string, HistoryEntry>;
  /** The History tab's last row (1 = header only). */
  lastRow: number;
  segments: readonly Segment[];
  lines?: ValueLines;
  signals: EmailSignal[];
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function openScanRun(ctx: AppContext, settings: Settings, segments: readonly Segment[]): ScanRun {
  const tabs = ctx.tabs(settings.spreadsheetId!);
  const values = tabs.read(HISTORY_TAB)?.values ?? [];
  const history = new Map<string, HistoryEntry>();
  values.slice(1).forEach((row, i) => {
    const email = String(row[0] ?? '')
      .trim()
      .toLowerCase();
    if (!email || history.has(email)) return;
    history.set(email, { row: i + 2, email, points: decodePoints(row[1]), state: decodeState(row[2]) });
  });
  const now = ctx.clock.now();
  const lines = storedValueLines(ctx, settings);
  return {
    tabs,
    day: isoDay(now),
    now,
    history,
    lastRow: Math.max(1, values.length),
    segments,
    ...(lines ? { lines } : {}),
    signals: readEmailSignals(ctx.userStore),
  };
}

/** Who, whose and what to do for an alert: also the warehouse scan's (warehouse-scan-page.ts). */
export function alertDetails(
  run: Pick<ScanRun, 'segments' | 'now' | 'lines'>,
  settings: Settings,
  c: Customer,
  risk: Pick<RiskScore, 'band' | 'score'>,
  e: DangerEvent,
) {
  // The same adviser as the sidebar, with the segment playbook, so an alert and the card agree.
  const playbook = playbookSegmentOf(
    { customer: c, band: risk.band, score: risk.score, ...(c.impact ? { impact: c.impact } : {}) },
    run.segments,
    { today: run.now },
  );
  const move = nextBestAction({
    customer: c,
    impact: c.impact,
    band: risk.band,
    ...(e.kind === 'churnEmail' ? { intents: ['cancellation'] as const } : {}),
    ...(playbook?.playbook ? { segmentPlaybook: { segment: playbook.name, move: playbook.playbook } } : {}),
    ...(run.lines ? { lines: run.lines } : {}),
    settings: settings.playbooks ?? DEFAULT_PLAYBOOK_SETTINGS,
    dormantDays: (settings.scorecard ?? DEFAULT_SCORECARD).dormantDays,
    today: run.now,
  });
  // An alert with nothing to do names no move rather than "No move needed".
  return {
    customer: c.name ?? c.company ?? c.email,
    owner: c.owner ?? '',
    move: move.move === 'none' ? '' : move.label,
  };
}

/** Writes the chunk's History rows: in place when they are few blocks, else the whole tab re-ordered. */
function writeHistory(run: ScanRun, touched: HistoryEntry[], added: HistoryEntry[]): void {
  const rowOf = (h: HistoryEntry) => [h.email, encodePoints(h.points), h.state ? encodeState(h.state) : ''];
  const sorted = [...touched].sort((a, b) => a.row - b.row);
  const blocks: HistoryEntry[][] = [];
  for (const h of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && last[last.length - 1]!.row + 1 === h.row) last.push(h);
    else blocks.push([h]);
  }
  if (blocks.length > MAX_HISTORY_BLOCKS) {
    // The customer tab was sorted since the tab was written: follow its order from now on.
    const all = [...run.history.values()].sort(
      (a, b) =>
        (a.sheetRow ?? Number.MAX_SAFE_INTEGER) - (b.sheetRow ?? Number.MAX_SAFE_INTEGER) || a.row - b.row,
    );
    all.forEach((h, i) => (h.row = i + 2));
    run.tabs.replace(HISTORY_TAB, [[...HISTORY_HEADERS], ...all.map(rowOf)]);
    run.lastRow = all.length + 1;
    return;
  }
  for (const block of blocks) run.tabs.write(HISTORY_TAB, block[0]!.row, 1, block.map(rowOf));
  if (added.length > 0) {
    run.tabs.append(HISTORY_TAB, [...HISTORY_HEADERS], added.map(rowOf));
    added.forEach((h, i) => (h.row = run.lastRow + 1 + i));
    run.lastRow += added.length;
  }
}

/** The chunk's events, alerts and History rows; returns how many events and new alerts it found. */
export function scanChunk(
  ctx: AppContext,
  run: ScanRun,
  settings: Settings,
  customers: readonly Customer[],
  riskOf: (c: Customer) => RiskScore,
  timeZone: string,
): { events: number; alerts: number; keys: string[] } {
  const events: { event: DangerEvent; customer: Customer; risk: RiskScore }[] = [];
  const touched: HistoryEntry[] = [];
  const added: HistoryEntry[] = [];
  for (const c of customers) {
    const risk = riskOf(c);
    const before = run.history.get(c.email);
    const points =
      risk.score === undefined
        ? (before?.points ?? [])
        : compactPoints(
            [...(before?.points ?? []), { day: run.day, score: risk.score, band: risk.band }],
            run.day,
          );
    const state: ScanState = {
      day: run.day,
      band: risk.band,
      ...(risk.score !== undefined ? { score: risk.score } : {}),
      ...(c.overdueInvoices !== undefined ? { overdueInvoices: c.overdueInvoices } : {}),
      ...(c.nps !== undefined ? { nps: c.nps } : {}),
    };
    for (const event of detectEvents({
      customer: c,
      risk,
      previous: before?.state,
      today: run.now,
      timeZone,
      emailSignals: run.signals,
    }))
      events.push({ event, customer: c, risk });
    const entry: HistoryEntry = { row: before?.row ?? 0, email: c.email, points, state, sheetRow: c.row };
    run.history.set(c.email, entry);
    (before ? touched : added).push(entry);
  }
  let raised: string[] = [];
  if (events.length > 0) {
    const byKey = new Map(events.map((e) => [e.event.key, e]));
    // Read the raised keys and append in one critical section: a teammate's scan in between would
    // otherwise raise the same alerts again (and send their digests twice).
    raised = withSheetLock(ctx, () => {
      // Every key ever raised: the Alerts tab's Key column and its archive's (main's bounded tabs), one
      // column each, so an event whose alert was archived is not raised again.
      const fresh = newAlerts(
        events.map((e) => e.event),
        raisedAlertKeys(run.tabs),
        (e) => {
          const found = byKey.get(e.key)!;
          return alertDetails(run, settings, found.customer, found.risk, e);
        },
        run.day,
      );
      if (fresh.length > 0) run.tabs.append(ALERTS_TAB, [...ALERT_HEADERS], fresh.map(alertRow));
      return fresh.map((a) => a.key);
    });
  }
  withSheetLock(ctx, () => writeHistory(run, touched, added));
  return { events: events.length, alerts: raised.length, keys: raised };
}

/** Emails each owner a digest of the alerts this scan raised (by key: a teammate's scan mails its own). */
export function sendDigests(
  ctx: AppContext,
  settings: Settings,
  day: string,
  raised: ReadonlySet<string>,
): { sent: number; problems: string[] } {
  if (settings.watch?.digest === false) return { sent: 0, problems: [] };
  const all = readAlerts(ctx.tabs(settings.spreadsheetId!).read(ALERTS_TAB)?.values ?? []).alerts;
  return mailDigests(
    ctx,
    settings,
    day,
    all.filter((a) => raised.has(a.key)),
  );
}

/** Emails each owner a digest of these alerts (the sheet's from the Alerts tab, the warehouse's from its table). */
export function mailDigests(
  ctx: AppContext,
  settings: Settings,
  day: string,
  alerts: readonly Alert[],
): { sent: number; problems: string[] } {
  const problems: string[] = [];
  let sent = 0;
  if (settings.watch?.digest === false) return { sent, problems };
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
  return { sent, problems };
}
