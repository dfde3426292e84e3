/**
 * The shared state behind the stand-ins, and executions that see it.
 *
 * Apps Script runs each trigger or card action as a separate execution with its own time budget;
 * executions share spreadsheets, properties, caches, locks, the mail quota and triggers. The world
 * holds that shared state; `startExecution` returns the globals one execution sees (to install in a
 * vm context, or to pass to the product's adapters), bound to its budget and its lock identity.
 */
import { CallCounter } from './calls';
import { FakeClock } from './clock';
import { AppsScriptError, GAS_ERRORS } from './errors';
import { DEFAULT_LATENCY, NO_LATENCY, type LatencyModel } from './latency';
import { CacheStore, createCacheService } from './cache';
import { LockTable, createLockService } from './lock';
import { MailState, createMailApp } from './mail';
import { GmailState, createGmailApp } from './gmail';
import { PropertyStore, createPropertiesService } from './properties';
import { SpreadsheetState, createSpreadsheetApp } from './spreadsheet';
import { TriggerState, createScriptApp } from './script-app';
import { createSession, createUtilities } from './session';

/** Card callbacks: about 30 s (Workspace add-on limits). Triggers: 6 min (Apps Script quotas). */
export const EXECUTION_BUDGET_MS = { card: 30_000, trigger: 6 * 60_000, editor: 6 * 60_000 } as const;
export type ExecutionKind = keyof typeof EXECUTION_BUDGET_MS;

export interface WorldOptions {
  clock?: FakeClock;
  latency?: LatencyModel | 'none';
  user?: string;
  accountKind?: 'workspace' | 'consumer';
  scriptTimeZone?: string;
}

/** What every stand-in method calls first: counts the call, checks the budget, spends latency. */
export interface ServiceEnv {
  hit(method: string, cells?: { read?: number; written?: number }): void;
  readonly world: AppsScriptWorld;
  readonly execution: Execution;
}

export class AppsScriptWorld {
  readonly clock: FakeClock;
  readonly calls = new CallCounter();
  latency: LatencyModel;
  user: string;
  readonly scriptTimeZone: string;
  readonly spreadsheets = new SpreadsheetState();
  readonly userProperties = new PropertyStore();
  readonly scriptProperties = new PropertyStore();
  readonly documentProperties = new PropertyStore();
  readonly userCache: CacheStore;
  readonly scriptCache: CacheStore;
  readonly documentCache: CacheStore;
  readonly locks = new LockTable();
  readonly mail: MailState;
  readonly gmail = new GmailState();
  readonly triggers: TriggerState;
  readonly log: string[] = [];
  private nextExecutionId = 1;

  constructor(options: WorldOptions = {}) {
    this.clock = options.clock ?? new FakeClock();
    this.latency = options.latency === 'none' ? NO_LATENCY : (options.latency ?? DEFAULT_LATENCY);
    this.user = options.user ?? 'am@nimbus.example';
    this.scriptTimeZone = options.scriptTimeZone ?? 'Etc/UTC';
    this.userCache = new CacheStore(this.clock);
    this.scriptCache = new CacheStore(this.clock);
    this.documentCache = new CacheStore(this.clock);
    this.mail = new MailState(this.clock, options.accountKind ?? 'workspace');
    this.triggers = new TriggerState(this.clock);
  }

  startExecution(options: { kind?: ExecutionKind; user?: string } = {}): Execution {
    return new Execution(this, this.nextExecutionId++, options.kind ?? 'card', options.user ?? this.user);
  }

  /**
   * Starts a 'trigger' execution for every due time trigger and lets `invoke` run its handler.
   * One-shot triggers are removed once fired; recurring ones are rescheduled.
   */
  runDueTriggers(invoke: (functionName: string, execution: Execution) => void): number {
    const due = this.triggers.takeDue();
    for (const t of due) {
      const execution = this.startExecution({ kind: 'trigger' });
      try {
        invoke(t.functionName, execution);
      } finally {
        execution.end();
      }
    }
    return due.length;
  }
}

export interface ExecutionGlobals {
  SpreadsheetApp: ReturnType<typeof createSpreadsheetApp>;
  PropertiesService: ReturnType<typeof createPropertiesService>;
  CacheService: ReturnType<typeof createCacheService>;
  LockService: ReturnType<typeof createLockService>;
  MailApp: ReturnType<typeof createMailApp>;
  GmailApp: ReturnType<typeof createGmailApp>;
  ScriptApp: ReturnType<typeof createScriptApp>;
  Session: ReturnType<typeof createSession>;
  Utilities: ReturnType<typeof createUtilities>;
  Logger: { log(...data: unknown[]): void };
  console: { log(...data: unknown[]): void; error(...data: unknown[]): void; warn(...data: unknown[]): void };
}

export class Execution implements ServiceEnv {
  readonly startedMs: number;
  readonly budgetMs: number;
  readonly globals: ExecutionGlobals;
  private ended = false;

  constructor(
    readonly world: AppsScriptWorld,
    readonly id: number,
    readonly kind: ExecutionKind,
    readonly user: string,
  ) {
    this.startedMs = world.clock.nowMs();
    this.budgetMs = EXECUTION_BUDGET_MS[kind];
    const line =
      (level: string) =>
      (...data: unknown[]) =>
        world.log.push(`[${level}] ${data.map((d) => (d instanceof Error ? d.stack : String(d))).join(' ')}`);
    this.globals = {
      SpreadsheetApp: createSpreadsheetApp(this),
      PropertiesService: createPropertiesService(this),
      CacheService: createCacheService(this),
      LockService: createLockService(this),
      MailApp: createMailApp(this),
      GmailApp: createGmailApp(this),
      ScriptApp: createScriptApp(this),
      Session: createSession(this),
      Utilities: createUtilities(this),
      Logger: { log: line('log') },
      console: { log: line('log'), error: line('error'), warn: line('warn') },
    };
  }

  get execution(): Execution {
    return this;
  }

  elapsedMs(): number {
    return this.world.clock.nowMs() - this.startedMs;
  }

  remainingMs(): number {
    return this.budgetMs - this.elapsedMs();
  }

  hit(method: string, cells: { read?: number; written?: number } = {}): void {
    if (this.ended)
      throw new AppsScriptError(`execution ${this.id} has ended; its services can no longer be used`);
    if (this.elapsedMs() > this.budgetMs) throw new AppsScriptError(GAS_ERRORS.timeout);
    const { calls, latency, clock } = this.world;
    calls.count(method);
    calls.cellsRead += cells.read ?? 0;
    calls.cellsWritten += cells.written ?? 0;
    const service = method.split('.')[0] ?? method;
    const cost =
      (latency.perCall[service] ?? 0) + ((cells.read ?? 0) + (cells.written ?? 0)) * latency.perCell;
    if (cost > 0) clock.advance(Math.round(cost));
  }

  /** Apps Script releases an execution's locks when it ends. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.world.locks.releaseAll(this.id);
  }
}
