/** The Apps Script stand-ins: a shared world, executions with their globals, and the card service. */
export {
  Account,
  AppsScriptWorld,
  Execution,
  EXECUTION_BUDGET_MS,
  TRIGGER_RUNTIME_PER_DAY_MS,
  type AccountKind,
  type AddOnRules,
  type ExecutionGlobals,
  type ExecutionKind,
  type ServiceEnv,
  type TriggerRun,
  type WorldOptions,
} from './world';
export { FakeClock } from './clock';
export { CallCounter, type CallSnapshot } from './calls';
export { DEFAULT_LATENCY, NO_LATENCY, callCost, type CellTraffic, type LatencyModel } from './latency';
export { GAS_ERRORS, AppsScriptError } from './errors';
export { DailyQuota, type QuotaReset } from './quota';
export { formatDate } from './utilities';
export { createCardService } from './card-service';
export type { SeedMessage, RecordedDraft } from './gmail';
export type { SentMail } from './mail';
export type { CellValue, SheetSeed, SpreadsheetData, SpreadsheetSeed, SheetData } from './spreadsheet';
export type { TriggerRecord } from './script-app';
