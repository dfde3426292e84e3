/**
 * The daily scan on the BigQuery store (issue 21). The events are computed in the warehouse
 * (scanEvents: today's scores against the score history), read a page at a time with a keyset cursor;
 * each page becomes alerts in one INSERT that skips ids already raised. The cursor is saved after each
 * page, so a run that ends mid-scan (the trigger's 6 minutes, a card's few seconds, a kill) goes on
 * from the next page in the next run, and a page repeated after a kill raises nothing twice. When the
 * last page is in: the churn-intent emails the sidebar queued become alerts, today's score history
 * is appended (recordScan, once a day: where the daily risk is recorded, instead of a risk change per
 * customer), and each owner gets the digest of what this scan raised.
 *
 * Risk is the table's (the loader scores it); the scan does not rescore. Days are UTC days, as every
 * warehouse card reads dates (the table keeps instants, not the sheet's time zone).
 */
import * as z from '../../core/zod';
import { DEFAULT_WATCH } from '../../core/watch/events';
import type { Alert } from '../../core/watch/alerts';
import type { WarehouseAlertRow } from '../../core/sql';
import type { CustomerWarehouse } from '../../ports/customer-warehouse';
import type { AppContext } from '../context';
import { loadSettings } from '../settings-store';
import { segmentConfig } from '../segments/portfolio';
import { storedValueLines } from '../value-lines';
import { readEmailSignals, takeEmailSignals } from './email-signals';
import { detectEvents } from '../../core/watch/events';
import { LAST_SCAN_KEY, mailDigests } from './scan-chunk';
import { recordScanError, SCAN_ERROR_KEY } from './scan';
import { alertRaises, customersFor, type PageContext } from './warehouse-scan-page';

export const WAREHOUSE_SCAN_KEY = 'churnguard.job.warehouseScan';
/** Events per page: one INSERT of at most this many alerts (src/core/sql/alert-sql.ts RAISE_ROWS). */
export const WAREHOUSE_SCAN_PAGE = 1_000;
/** Alerts the digests list at most (the sheet scan's MAX_DIGEST_ALERTS): the rest are on the homepage. */
const DIGEST_ALERTS = 500;

const Job = z.object({
  spreadsheetId: z.string(),
  /** The scan's instant (epoch ms): its day, and the stamp on every alert it raises. */
  at: z.int(),
  /** This run's id: the prefix of its change ids, so its digests find what it (not a rerun) raised. */
  run: z.string(),
  after: z.optional(z.object({ row: z.int(), kind: z.int() })),
  /** Every page read: what is left is the signals, the history and the digests. */
  read: z.boolean(),
  pages: z.int(),
  events: z.int(),
  alerts: z.int(),
  /** Events per page, when not WAREHOUSE_SCAN_PAGE (tests make a scan need several executions). */
  pageSize: z.optional(z.int()),
});
type Job = z.infer<typeof Job>;

export interface WarehouseScanSummary {
  day: string;
  events: number;
  alerts: number;
  digestsSent: number;
  digestProblems: string[];
}

export type WarehouseScanStep =
  | { kind: 'idle' | 'busy' }
  | { kind: 'running'; pages: number; events: number; alerts: number }
  | { kind: 'finished'; scan: WarehouseScanSummary };

/** Budgets as the sheet job's (portfolio-job.ts STEP_BUDGET): a card reads one page, a trigger until 285 s. */
const BUDGET = {
  card: { ms: 5_000, maxPages: 1 },
  trigger: { ms: 285_000, maxPages: Number.POSITIVE_INFINITY },
} as const;

export function loadWarehouseScan(ctx: AppContext): Job | undefined {
  try {
    const parsed = Job.safeParse(JSON.parse(ctx.userStore.get(WAREHOUSE_SCAN_KEY) ?? 'null'));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const warehouseScanPending = (ctx: AppContext) => loadWarehouseScan(ctx) !== undefined;

const save = (ctx: AppContext, job: Job) => ctx.userStore.set(WAREHOUSE_SCAN_KEY, JSON.stringify(job));

/** Starts a scan unless one for this sheet is under way (`restart`: from the first page, now). */
export function requestWarehouseScan(ctx: AppContext, spreadsheetId: string, restart = false): void {
  ctx.locks.withUserLock(2_000, () => {
    const running = loadWarehouseScan(ctx);
    if (running && running.spreadsheetId === spreadsheetId && !restart) return;
    const at = ctx.clock.now().getTime();
    save(ctx, {
      spreadsheetId,
      at,
      run: `s${at.toString(36)}${Math.floor(Math.random() * 36 ** 6).toString(36)}`,
      read: false,
      pages: 0,
      events: 0,
      alerts: 0,
    });
  });
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A warehouse alert as the Alerts tab's alert (the digest and the homepage read these). */
export function alertOf(r: WarehouseAlertRow): Alert {
  return {
    key: r.alert_id,
    raised: isoDay(r.at_ms),
    customer: r.customer ?? '',
    email: r.email,
    owner: r.owner ?? '',
    kind: r.kind,
    reason: r.reason,
    move: r.move ?? '',
    status: r.state ?? 'open',
  };
}

/** The queued churn-intent emails of customers in the table (and not churned), as alerts. */
function raiseSignals(
  ctx: AppContext,
  warehouse: CustomerWarehouse,
  page: PageContext,
  pageNumber: number,
): number {
  const signals = readEmailSignals(ctx.userStore);
  if (signals.length === 0) return 0;
  const found = customersFor(
    warehouse,
    signals.map((s) => s.email),
    page.settings,
  );
  const events = [...found.values()].flatMap(({ customer, risk }) =>
    // detectEvents words the churn-email alert as the sheet scan does; its other events came from SQL.
    detectEvents({
      customer,
      risk: { ...risk, basedOn: [], contributions: [], churned: false },
      today: page.now,
      timeZone: 'UTC',
      emailSignals: signals,
    }).filter((e) => e.kind === 'churnEmail'),
  );
  // Numbered after the pages, as the sheet scan lists a customer's email alert after its other events.
  return events.length ? warehouse.raiseAlerts(alertRaises(events, found, page, pageNumber)) : 0;
}

/**
 * Goes on with the user's warehouse scan within the budget. Returns what is left, or the finished
 * scan's summary (its digests already sent).
 */
export function stepWarehouseScan(
  ctx: AppContext,
  warehouse: CustomerWarehouse,
  budget: keyof typeof BUDGET,
): WarehouseScanStep {
  const limits = BUDGET[budget];
  const started = budget === 'card' ? ctx.elapsedMs() : 0;
  const outcome = ctx.locks.withUserLock(budget === 'card' ? 1_000 : 10_000, (): WarehouseScanStep => {
    let job = loadWarehouseScan(ctx);
    if (!job) return { kind: 'idle' };
    const { settings } = loadSettings(ctx.userStore);
    if (job.spreadsheetId !== settings.spreadsheetId) {
      ctx.userStore.delete(WAREHOUSE_SCAN_KEY);
      return { kind: 'idle' };
    }
    const page: PageContext = {
      settings,
      segments: segmentConfig(ctx, job.spreadsheetId, warehouse.headers()).segments,
      now: new Date(job.at),
      run: job.run,
      ...((lines) => (lines ? { lines } : {}))(storedValueLines(ctx, settings)),
    };
    let pages = 0;
    let slowest = 0;
    while (!job.read) {
      const spent = ctx.elapsedMs() - started;
      if (pages >= limits.maxPages || (pages > 0 && spent + slowest > limits.ms)) break;
      const before = ctx.elapsedMs();
      // onlyNew: silences and renewals the previous scan saw were raised by it (history is written last).
      const found = warehouse.scanEvents(DEFAULT_WATCH, {
        today: page.now,
        timeZone: 'UTC',
        limit: job.pageSize ?? WAREHOUSE_SCAN_PAGE,
        onlyNew: true,
        ...(job.after ? { after: job.after } : {}),
      });
      const customers = customersFor(
        warehouse,
        found.events.map((e) => e.email),
        settings,
      );
      const raised: number = found.events.length
        ? warehouse.raiseAlerts(alertRaises(found.events, customers, page, job.pages + 1))
        : 0;
      const { after: _, ...rest } = job;
      job = {
        ...rest,
        ...(found.next ? { after: found.next } : {}),
        read: !found.next,
        pages: job.pages + 1,
        events: job.events + found.events.length,
        alerts: job.alerts + raised,
      };
      save(ctx, job);
      slowest = Math.max(slowest, ctx.elapsedMs() - before);
      pages++;
    }
    if (!job.read) return { kind: 'running', pages: job.pages, events: job.events, alerts: job.alerts };
    // Last: the queued emails, today's score history, then the digests. Each step is safe to repeat.
    const signalAlerts = raiseSignals(ctx, warehouse, page, job.pages + 1);
    warehouse.recordScan('UTC', page.now);
    takeEmailSignals(ctx.userStore);
    const day = isoDay(job.at);
    ctx.userStore.set(LAST_SCAN_KEY, day);
    ctx.userStore.delete(WAREHOUSE_SCAN_KEY);
    // After the scan is done: a kill while mailing loses the rest of the digests, never sends one twice.
    const mine: Alert[] = warehouse.alertsRaisedBy(job.run, job.at, DIGEST_ALERTS).map(alertOf);
    const digests = mailDigests(ctx, settings, day, mine);
    return {
      kind: 'finished',
      scan: {
        day,
        events: job.events,
        alerts: job.alerts + signalAlerts,
        digestsSent: digests.sent,
        digestProblems: digests.problems,
      },
    };
  });
  return outcome ?? { kind: 'busy' };
}

/**
 * The hourly trigger's part: start today's scan (when `start`) and go on with a scan under way. A
 * failure is kept for Settings until a scan succeeds, as the sheet scan's is; nobody reads a
 * trigger's log.
 */
export function warehouseScanInTrigger(ctx: AppContext, start?: string): WarehouseScanStep {
  if (start) requestWarehouseScan(ctx, start);
  if (!warehouseScanPending(ctx)) return { kind: 'idle' };
  try {
    // Inside: BigQuery chosen but not enabled is a failure Settings shows, too.
    const warehouse = ctx.warehouse?.();
    if (!warehouse) return { kind: 'idle' };
    const step = stepWarehouseScan(ctx, warehouse, 'trigger');
    if (step.kind === 'finished') ctx.userStore.delete(SCAN_ERROR_KEY);
    return step;
  } catch (error) {
    recordScanError(ctx, error);
    throw error;
  }
}
