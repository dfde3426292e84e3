/** Command-line and environment options of `npm start`, validated with clear usage errors. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { looksLikeDuckDb } from '../warehouse/warehouse-file';
import { parseDay, SAMPLE_DAY } from './workbench-clock';

export interface WorkbenchOptions {
  port: number;
  /** The customer sheet: CSV or XLSX. */
  sheetPath: string;
  inboxPath: string;
  /** Where settings, the outbox and other local state live. */
  stateDir: string;
  /** The bundled sample, copied to sheetPath on first run so playing never edits the repository. */
  workingCopyOf?: string;
  /** Start the SendGrid stand-in and route the email-service sender to it (Settings → Sender). */
  emailService?: boolean;
  /**
   * `--store duckdb:FILE`: customers come from a warehouse file through the BigQuery stand-in, and the
   * user's settings choose the BigQuery store. `generate`: make FILE with that many customers first
   * when it does not exist (`--generate N`).
   */
  warehouse?: { file: string; generate?: number };
  /** The day the clock starts on (`--today`; on the bundled sample, its own day): workbench-clock.ts. */
  today?: string;
}

export const USAGE = `Usage: npm start [-- --sheet PATH] [--inbox PATH] [--state DIR] [--port N] [--email-service]
                 [--store duckdb:FILE [--generate N]] [--today YYYY-MM-DD]
  --sheet PATH   customer sheet (.csv, .xlsx, or a folder of CSV tabs); also SHEET=PATH. Default: a
                 working copy of the sample/ folder in the state folder (the bundled sample stays untouched)
  --inbox PATH   sample inbox JSON. Default: sample/inbox.json
  --state DIR    local settings, outbox and logs. Default: .local/
  --port N       also PORT=N. Default: 8787
  --email-service  start the local SendGrid stand-in on 127.0.0.1 and send the email-service sender's
                 requests there (choose it in Settings → Sender with the key the workbench prints)
  --store duckdb:FILE  read customers from a warehouse DuckDB file through the BigQuery stand-in, with
                 Settings set to the BigQuery store (make FILE with npm run warehouse -- generate)
  --generate N   with --store: when FILE does not exist, generate N customers into it first
  --today DAY    start the clock on DAY (YYYY-MM-DD) and let it run from there. Default: the bundled
                 sample's own day, ${SAMPLE_DAY}, on the sample; the real date on your own sheet`;

export class UsageError extends Error {}

/** How to make a warehouse file, for the errors that need one. */
export const GENERATE_HINT = (file: string) =>
  `Generate one: npm run warehouse -- generate --customers 1000000 --out ${file}\n` +
  `  (or add --generate 5000 to make a small one now)`;

/**
 * `--store`'s value: `sheet` (the default) or `duckdb:FILE`. FILE must exist (or `--generate` make
 * it), be readable and writable (the change tables are written to it), and be a DuckDB database.
 * Whether it holds ChurnGuard's tables is checked when the workbench opens it (main.ts).
 */
function parseStore(
  value: string,
  generate: string | undefined,
  cwd: string,
): WorkbenchOptions['warehouse'] | undefined {
  if (value === 'sheet') {
    if (generate !== undefined) throw new UsageError('--generate needs --store duckdb:FILE.');
    return undefined;
  }
  const m = /^duckdb:(.+)$/.exec(value);
  if (!m)
    throw new UsageError(
      `--store must be "sheet" (the default) or "duckdb:FILE" (a warehouse file), got "${value}".`,
    );
  const file = path.resolve(cwd, m[1] as string);
  let customers: number | undefined;
  if (generate !== undefined) {
    customers = Number(generate);
    if (!Number.isInteger(customers) || customers < 1 || customers > 50_000_000)
      throw new UsageError(
        `--generate must be a whole number of customers from 1 to 50000000, got "${generate}".`,
      );
  }
  if (!fs.existsSync(file)) {
    if (customers !== undefined) return { file, generate: customers };
    throw new UsageError(`The warehouse file ${file} does not exist.\n${GENERATE_HINT(file)}`);
  }
  if (fs.statSync(file).isDirectory())
    throw new UsageError(`--store duckdb:FILE needs a file; ${file} is a folder.`);
  try {
    fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
  } catch {
    throw new UsageError(
      `The warehouse file ${file} cannot be read and written by you (the workbench writes ChurnGuard's changes to it).`,
    );
  }
  if (!looksLikeDuckDb(file))
    throw new UsageError(`${file} is not a DuckDB database.\n${GENERATE_HINT(file)}`);
  return { file };
}

export function parseWorkbenchArgs(
  argv: string[],
  env: NodeJS.ProcessEnv,
  root: string,
  /** Where a relative FILE is from: npm runs scripts in the package root and says the caller's folder in INIT_CWD. */
  cwd = env.INIT_CWD ?? process.cwd(),
): WorkbenchOptions {
  const values: Record<string, string> = {};
  let emailService = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--email-service') {
      emailService = true;
      continue;
    }
    const m = /^--(sheet|inbox|state|port|store|generate|today)(?:=(.*))?$/.exec(arg);
    if (!m) throw new UsageError(`Unknown argument "${arg}".\n${USAGE}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '') throw new UsageError(`--${m[1]} needs a value.\n${USAGE}`);
    values[m[1] as string] = value;
  }
  const portText = values.port ?? env.PORT ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`Port must be a whole number from 0 to 65535, got "${portText}".`);
  }
  const sheet = values.sheet ?? env.SHEET ?? path.join(root, 'sample');
  const usingSample = values.sheet === undefined && env.SHEET === undefined;
  const isFolder = fs.existsSync(sheet) && fs.statSync(sheet).isDirectory();
  if (!usingSample && !isFolder && !/\.(csv|xlsx)$/i.test(sheet))
    throw new UsageError(`The sheet must be a .csv or .xlsx file or a folder of CSV files, got "${sheet}".`);
  const stateDir = path.resolve(values.state ?? path.join(root, '.local'));
  const warehouse = parseStore(values.store ?? 'sheet', values.generate, cwd);
  const today = values.today === undefined ? undefined : parseDay(values.today);
  if (today === null)
    throw new UsageError(`--today must be a calendar day like ${SAMPLE_DAY}, got "${values.today}".`);
  return {
    port,
    sheetPath: path.resolve(sheet),
    ...(usingSample ? { workingCopyOf: path.resolve(sheet), sheetPath: path.join(stateDir, 'sample') } : {}),
    inboxPath: path.resolve(values.inbox ?? path.join(root, 'sample', 'inbox.json')),
    stateDir,
    ...(emailService ? { emailService } : {}),
    ...(warehouse ? { warehouse } : {}),
    ...(today ? { today } : usingSample ? { today: SAMPLE_DAY } : {}),
  };
}
