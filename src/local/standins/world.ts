/**
 * The shared state behind the stand-ins, and the executions that see it.
 *
 * Apps Script runs each card callback or trigger as a separate execution with its own time budget;
 * executions share spreadsheets, properties, caches, locks, mail quotas and triggers. The world
 * holds that shared state; `startExecution` returns one execution, whose `globals` are the service
 * objects to install in a vm context (or pass to the product's adapters), bound to its budget, its
 * user and its lock identity.
 *
 *   const world = new AppsScriptWorld({ latency: 'none' });
 *   const ss = world.seedSpreadsheet([['Email', 'MRR'], ['ann@x.io', 120]], { sheetName: 'Customers' });
 *   const run = world.startExecution({ kind: 'card' });
 *   run.globals.SpreadsheetApp.openById(ss.id).getSheetByName('Customers')?.getLastRow(); // 2
 *   run.end();
 *   world.calls.snapshot(); // { calls: { 'SpreadsheetApp.openById': 1, ... }, total, cellsRead, ... }
 */
import * as vm from 'node:vm';
import type { AppsScriptGlobalsLike } from '../../gas/services';
import type { KeyValueStore } from '../../ports/key-value-store';
import { CacheServiceStandin, CacheStore } from './cache';
import { CallCounter } from './calls';
import { FakeClock } from './clock';
import { AppsScriptError, GAS_ERRORS } from './errors';
import { GmailAppStandin, GmailState } from './gmail';
import { DEFAULT_LATENCY, NO_LATENCY, callCost, type CellTraffic, type LatencyModel } from './latency';
import { LockServiceStandin, LockTable } from './lock';
import { createConsole, LoggerStandin } from './logger';
import { DAILY_RECIPIENTS, MailAppStandin, MailState } from './mail';
import { PROPERTIES_PER_DAY, PropertiesServiceStandin, PropertyStore } from './properties';
import { DailyQuota, type QuotaReset } from './quota';
import { ScriptAppStandin, TriggerState, type TriggerRecord } from './script-app';
import { SessionStandin } from './session';
import {
  SpreadsheetAppStandin,
  SpreadsheetState,
  type SpreadsheetData,
  type SpreadsheetSeed,
} from './spreadsheet';
import { UtilitiesStandin } from './utilities';
import { NetworkState, UrlFetchAppStandin } from './url-fetch';
import { HtmlServiceStandin } from './html';
import { bigQueryGlobal } from './bigquery-global';
import type { BigQueryLike } from '../../gas/bigquery-like';
import type { Invocation } from '../../ui/card/contract';

/**
 * How long one execution may run, by kind, on the fake clock:
 * - card: 30 s. Card-service callbacks of Google Workspace add-ons are stopped after 30 seconds
 *   ("Callback functions" in developers.google.com/workspace/add-ons/concepts/actions; add-ons that
 *   pass it fail with "Exceeded maximum execution time", e.g. ttsukagoshi/mail-merge-for-gmail#62).
 * - trigger, editor: 6 min. "Script runtime: 6 min / execution" (Apps Script quotas page).
 */
export const EXECUTION_BUDGET_MS = {
  card: 30_000,
  trigger: 6 * 60_000,
  editor: 6 * 60_000,
  /** A web app request (doGet): the same 6-minute script runtime. */
  webapp: 6 * 60_000,
} as const;
export type ExecutionKind = keyof typeof EXECUTION_BUDGET_MS;

export type AccountKind = 'workspace' | 'consumer';

/** "Triggers total runtime": 90 min a day on consumer accounts, 6 h on Workspace (quotas page). */
export const TRIGGER_RUNTIME_PER_DAY_MS = { workspace: 6 * 3_600_000, consumer: 90 * 60_000 } as const;

export interface AddOnRules {
  /** Recurring time-driven triggers may not run more often than hourly. */
  hourlyFloor: boolean;
  /** One trigger of each type per user per document (for a Gmail add-on: one clock trigger per user). */
  onePerDocument: boolean;
}

export interface WorldOptions {
  clock?: FakeClock;
  /** The latency model, or 'none' to keep the clock still during calls. Default DEFAULT_LATENCY. */
  latency?: LatencyModel | 'none';
  /** The active user. Default 'am@nimbus.example'. */
  user?: string;
  /** Account kind of users not registered with addUser (quotas differ). Default 'workspace'. */
  accountKind?: AccountKind;
  /** Session.getScriptTimeZone, and the default for new spreadsheets. Default 'Etc/UTC'. */
  scriptTimeZone?: string;
  /** Session.getActiveUserLocale for users not registered with addUser. Default 'en'. */
  userLocale?: string;
  /** Workspace add-on trigger rules; `false` turns them off (a plain script project). Default: both on. */
  addOn?: boolean | Partial<AddOnRules>;
  /** Whether strings written by scripts are read as typed input (numbers, dates...). Default true. */
  parseWrittenStrings?: boolean;
  /** When daily quotas reset (see quota.ts). Default 'rolling-24h', as Google documents. */
  quotaReset?: QuotaReset;
}

/** One user's state: per-user stores and daily quotas. */
export class Account {
  readonly properties = new PropertyStore();
  readonly cache: CacheStore;
  readonly emailQuota: DailyQuota;
  readonly propertiesQuota: DailyQuota;
  readonly triggerRuntime: DailyQuota;

  constructor(
    readonly email: string,
    readonly kind: AccountKind,
    public locale: string,
    clock: FakeClock,
    reset: QuotaReset,
  ) {
    this.cache = new CacheStore(clock);
    this.emailQuota = new DailyQuota(clock, DAILY_RECIPIENTS[kind], reset);
    this.propertiesQuota = new DailyQuota(clock, PROPERTIES_PER_DAY[kind], reset);
    this.triggerRuntime = new DailyQuota(clock, TRIGGER_RUNTIME_PER_DAY_MS[kind], reset);
  }
}

/** What every stand-in method calls: the world, its execution, and the call hooks. */
export interface ServiceEnv {
  readonly world: AppsScriptWorld;
  readonly execution: Execution;
  /** Counts a service call, stops it if the execution is over budget, and spends its latency. */
  call(method: string, cells?: CellTraffic): void;
  /** Counts a builder call (free in Apps Script; kept out of the call total). */
  builder(method: string): void;
}

export interface TriggerRun {
  trigger: TriggerRecord;
  execution: Execution;
  /** What the handler threw (Apps Script would log it and email the owner); undefined on success. */
  error?: unknown;
  /** True when the daily trigger runtime quota stopped the run before it started. */
  skipped?: boolean;
}

export class AppsScriptWorld {
  readonly clock: FakeClock;
  readonly calls = new CallCounter();
  latency: LatencyModel;
  /** The active user for executions started without one. */
  user: string;
  readonly defaultAccountKind: AccountKind;
  readonly defaultLocale: string;
  scriptTimeZone: string;
  readonly addOnRules: AddOnRules;
  parseWrittenStrings: boolean;
  readonly quotaReset: QuotaReset;

  readonly spreadsheets: SpreadsheetState;
  readonly scriptProperties = new PropertyStore();
  readonly scriptCache: CacheStore;
  readonly locks = new LockTable(() => this.clock.nowMs());
  readonly mail = new MailState();
  readonly gmail = new GmailState();
  /** UrlFetchApp's routes to local servers, its real deadline and daily quotas (./url-fetch.ts). */
  readonly network: NetworkState;
  readonly triggers: TriggerState;
  /**
   * The web app's /exec URL (ScriptApp.getService().getUrl()). The world models the add-on as
   * deployed by `npm run deploy`, whose deployment carries the manifest's web app entry point too;
   * set null to model a project with no web app deployment (getUrl() then returns null).
   */
  webAppUrl: string | null = 'https://script.google.com/macros/s/STANDIN-DEPLOYMENT/exec';
  /** Logger and console output of every execution, in order. */
  readonly log: string[] = [];
  /**
   * The BigQuery advanced service (the stand-in over a DuckDB file, ./bigquery.ts), or null when the
   * project has not enabled it: executions then have no `BigQuery` global, as in Apps Script.
   */
  bigQuery: BigQueryLike | null = null;

  private readonly accounts = new Map<string, Account>();
  private readonly documentStores = new Map<string, { properties: PropertyStore; cache: CacheStore }>();
  private nextExecutionId = 1;
  private readonly running = new Set<Execution>();

  constructor(options: WorldOptions = {}) {
    this.clock = options.clock ?? new FakeClock();
    this.latency = options.latency === 'none' ? NO_LATENCY : (options.latency ?? DEFAULT_LATENCY);
    this.user = options.user ?? 'am@nimbus.example';
    this.defaultAccountKind = options.accountKind ?? 'workspace';
    this.defaultLocale = options.userLocale ?? 'en';
    this.scriptTimeZone = options.scriptTimeZone ?? 'Etc/UTC';
    const addOn = options.addOn ?? true;
    this.addOnRules =
      typeof addOn === 'boolean'
        ? { hourlyFloor: addOn, onePerDocument: addOn }
        : { hourlyFloor: addOn.hourlyFloor ?? true, onePerDocument: addOn.onePerDocument ?? true };
    this.parseWrittenStrings = options.parseWrittenStrings ?? true;
    this.quotaReset = options.quotaReset ?? 'rolling-24h';
    this.spreadsheets = new SpreadsheetState({ timeZone: () => this.scriptTimeZone });
    this.scriptCache = new CacheStore(this.clock);
    this.triggers = new TriggerState(this.clock);
    this.network = new NetworkState(this.clock);
  }

  // ------------------------------------------------------------------------------------------
  // Users and per-user state

  /** Registers a user with an account kind and locale (others get the world's defaults). */
  addUser(email: string, options: { kind?: AccountKind; locale?: string } = {}): Account {
    const account = new Account(
      email,
      options.kind ?? this.defaultAccountKind,
      options.locale ?? this.defaultLocale,
      this.clock,
      this.quotaReset,
    );
    this.accounts.set(email, account);
    return account;
  }

  account(email: string): Account {
    return this.accounts.get(email) ?? this.addUser(email);
  }

  /** The active user's user properties (what PropertiesService.getUserProperties returns). */
  get userProperties(): PropertyStore {
    return this.account(this.user).properties;
  }

  /**
   * The active user's user properties as the app's KeyValueStore, for the settings a test, bench or
   * the workbench sets up before a click (each call reads the user active then).
   */
  userKeyValues(): KeyValueStore {
    return {
      get: (k) => this.userProperties.values.get(k) ?? null,
      set: (k, v) => this.userProperties.put(k, v),
      delete: (k) => void this.userProperties.values.delete(k),
    };
  }

  /** The active user's cache (what CacheService.getUserCache returns). */
  get userCache(): CacheStore {
    return this.account(this.user).cache;
  }

  documentProperties(documentId: string): PropertyStore {
    return this.documentStore(documentId).properties;
  }

  documentCache(documentId: string): CacheStore {
    return this.documentStore(documentId).cache;
  }

  private documentStore(id: string) {
    let s = this.documentStores.get(id);
    if (!s) {
      s = { properties: new PropertyStore(), cache: new CacheStore(this.clock) };
      this.documentStores.set(id, s);
    }
    return s;
  }

  // ------------------------------------------------------------------------------------------
  // Spreadsheets

  /**
   * A spreadsheet with one tab holding `values` (row-major, as getValues returns them; ragged rows
   * are padded with empty cells). Values are stored exactly as given: numbers, strings (including
   * formula errors such as '#N/A'), booleans, Dates, and null/undefined for empty cells.
   */
  seedSpreadsheet(
    values: unknown[][],
    options: Partial<Omit<SpreadsheetSeed, 'sheets'>> & { sheetName?: string } = {},
  ): SpreadsheetData {
    const { sheetName = 'Sheet1', name = 'Untitled spreadsheet', ...rest } = options;
    return this.spreadsheets.create({ ...rest, name, sheets: [{ name: sheetName, values }] });
  }

  /** The user (everyone, when omitted) can no longer open the file, nor use objects already open. */
  revokeAccess(spreadsheetId: string, user?: string): void {
    this.spreadsheets.revokeAccess(spreadsheetId, user);
  }

  /** The file is gone for good: openById fails as for an unknown ID. */
  deleteSpreadsheet(spreadsheetId: string): void {
    this.spreadsheets.delete(spreadsheetId);
  }

  // ------------------------------------------------------------------------------------------
  // Executions

  startExecution(options: { kind?: ExecutionKind; user?: string; document?: string | null } = {}): Execution {
    const kind = options.kind ?? 'card';
    const execution = new Execution(
      this,
      this.nextExecutionId++,
      kind,
      options.user ?? this.user,
      options.document ?? null,
    );
    this.running.add(execution);
    return execution;
  }

  /** Executions started and not yet ended. */
  activeExecutions(): Execution[] {
    return [...this.running];
  }

  /** @internal called by Execution.end */
  executionEnded(execution: Execution): void {
    this.running.delete(execution);
    this.locks.releaseAll(execution.id);
  }

  /**
   * Starts a 'trigger' execution, as the trigger's owner, for every trigger due at the current
   * clock (earliest first), and lets `invoke` run the handler in it. One-shot (after/at) triggers
   * are removed once fired; recurring ones move to their next slot. A handler that throws does not
   * stop the others (Apps Script logs the failure); the error is in the returned run. A user past
   * the daily trigger runtime quota gets no run (`skipped`, with Apps Script's error).
   */
  runDueTriggers(invoke: (functionName: string, execution: Execution) => void): TriggerRun[] {
    const runs: TriggerRun[] = [];
    for (const trigger of this.triggers.due()) {
      this.triggers.fired(trigger);
      const execution = this.startExecution({
        kind: 'trigger',
        user: trigger.owner,
        document: trigger.document,
      });
      const quota = this.account(trigger.owner).triggerRuntime;
      if (quota.remaining() <= 0) {
        execution.end();
        runs.push({
          trigger,
          execution,
          skipped: true,
          error: new AppsScriptError(GAS_ERRORS.triggerRuntimeQuota),
        });
        continue;
      }
      const run: TriggerRun = { trigger, execution };
      try {
        invoke(trigger.functionName, execution);
      } catch (error) {
        run.error = error;
        this.log.push(`[error] trigger ${trigger.functionName} failed: ${String(error)}`);
      } finally {
        quota.spend(Math.min(execution.elapsedMs(), execution.budgetMs));
        execution.end();
      }
      runs.push(run);
    }
    return runs;
  }
}

/** The globals one execution sees; each satisfies the matching *Like interface in src/gas/services.ts. */
export interface ExecutionGlobals extends AppsScriptGlobalsLike {
  SpreadsheetApp: SpreadsheetAppStandin;
  PropertiesService: PropertiesServiceStandin;
  CacheService: CacheServiceStandin;
  LockService: LockServiceStandin;
  MailApp: MailAppStandin;
  UrlFetchApp: UrlFetchAppStandin;
  GmailApp: GmailAppStandin;
  ScriptApp: ScriptAppStandin;
  Session: SessionStandin;
  Utilities: UtilitiesStandin;
  HtmlService: HtmlServiceStandin;
  Logger: LoggerStandin;
  /** Only when the world has a warehouse (`world.bigQuery`). */
  BigQuery?: BigQueryLike;
}

export class Execution implements ServiceEnv {
  readonly startedMs: number;
  readonly budgetMs: number;
  readonly globals: ExecutionGlobals;
  private ended = false;
  /**
   * How Gmail called the add-on in this execution, when a host (src/local/standins/addon-host.ts, the
   * workbench) says so. Services whose scope is granted per invocation check it: Gmail lets a
   * gmail.addons.current.action.compose script create drafts only inside a compose action.
   */
  invocation: Invocation | undefined = undefined;
  /** The Date constructor of the realm the script runs in (see createContext). */
  private realmDate: DateConstructor = Date;

  constructor(
    readonly world: AppsScriptWorld,
    readonly id: number,
    readonly kind: ExecutionKind,
    /** Who runs it: Session.getActiveUser, user properties and cache, quotas, user lock. */
    readonly user: string,
    /** The document it is bound to, or null (Gmail add-on cards and their triggers). */
    readonly document: string | null,
  ) {
    this.startedMs = world.clock.nowMs();
    this.budgetMs = EXECUTION_BUDGET_MS[kind];
    this.globals = {
      SpreadsheetApp: new SpreadsheetAppStandin(this),
      PropertiesService: new PropertiesServiceStandin(this),
      CacheService: new CacheServiceStandin(this),
      LockService: new LockServiceStandin(this),
      MailApp: new MailAppStandin(this),
      UrlFetchApp: new UrlFetchAppStandin(this),
      GmailApp: new GmailAppStandin(this),
      ScriptApp: new ScriptAppStandin(this),
      Session: new SessionStandin(this),
      Utilities: new UtilitiesStandin(this),
      HtmlService: new HtmlServiceStandin(this),
      Logger: new LoggerStandin(this),
      console: createConsole(this),
      ...(world.bigQuery ? { BigQuery: bigQueryGlobal(world.bigQuery, this) } : {}),
    };
  }

  get execution(): Execution {
    return this;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  elapsedMs(): number {
    return this.world.clock.nowMs() - this.startedMs;
  }

  remainingMs(): number {
    return this.budgetMs - this.elapsedMs();
  }

  private check(): void {
    if (this.ended) throw new AppsScriptError(GAS_ERRORS.executionEnded(this.id));
    if (this.elapsedMs() > this.budgetMs) throw new AppsScriptError(GAS_ERRORS.timeout);
  }

  call(method: string, cells?: CellTraffic): void {
    this.check();
    this.world.calls.count(method);
    const cost = callCost(this.world.latency, method, cells);
    if (cost > 0) this.world.clock.advance(cost);
  }

  builder(method: string): void {
    this.check();
    this.world.calls.countBuilder(method);
  }

  /**
   * A bare vm context whose globals are this execution's services (plus `extra`, e.g. CardService),
   * as Apps Script gives a script. Dates the services return are then made with the context's own
   * Date, so `value instanceof Date` holds inside it as it does in Apps Script.
   */
  createContext(extra: Record<string, unknown> = {}): vm.Context {
    const context = vm.createContext({ ...this.globals, ...extra });
    this.realmDate = vm.runInContext('Date', context) as DateConstructor;
    return context;
  }

  /** A Date for the script: made in the script's realm. */
  date(ms: number): Date {
    return new this.realmDate(ms);
  }

  /** Runs `fn` with this execution's globals and ends the execution, however `fn` exits. */
  run<T>(fn: (globals: ExecutionGlobals) => T): T {
    try {
      return fn(this.globals);
    } finally {
      this.end();
    }
  }

  /** Ends the execution: Apps Script releases its locks, and its service objects stop working. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.world.executionEnded(this);
  }
}
