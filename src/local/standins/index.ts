/** The Apps Script stand-ins: a shared world, executions with their globals, and the card service. */
export {
  AppsScriptWorld,
  Execution,
  EXECUTION_BUDGET_MS,
  type ExecutionGlobals,
  type WorldOptions,
} from './world';
export { FakeClock } from './clock';
export { CallCounter } from './calls';
export { DEFAULT_LATENCY, NO_LATENCY, type LatencyModel } from './latency';
export { GAS_ERRORS, AppsScriptError } from './errors';
export { createCardService } from './card-service';
export type { SeedMessage, RecordedDraft } from './gmail';
export type { SentMail } from './mail';
export type { CellValue } from './spreadsheet';
