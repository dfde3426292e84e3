/** Command-line and environment options of `npm start`, validated with clear usage errors. */
import * as fs from 'node:fs';
import * as path from 'node:path';

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
}

export const USAGE = `Usage: npm start [-- --sheet PATH] [--inbox PATH] [--state DIR] [--port N]
  --sheet PATH   customer sheet (.csv, .xlsx, or a folder of CSV tabs); also SHEET=PATH. Default: a
                 working copy of the sample/ folder in the state folder (the bundled sample stays untouched)
  --inbox PATH   sample inbox JSON. Default: sample/inbox.json
  --state DIR    local settings, outbox and logs. Default: .local/
  --port N       also PORT=N. Default: 8787
  --email-service  start the local SendGrid stand-in on 127.0.0.1 and send the email-service sender's
                 requests there (choose it in Settings → Sender with the key the workbench prints)`;

export class UsageError extends Error {}

export function parseWorkbenchArgs(argv: string[], env: NodeJS.ProcessEnv, root: string): WorkbenchOptions {
  const values: Record<string, string> = {};
  let emailService = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--email-service') {
      emailService = true;
      continue;
    }
    const m = /^--(sheet|inbox|state|port)(?:=(.*))?$/.exec(arg);
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
  return {
    port,
    sheetPath: path.resolve(sheet),
    ...(usingSample ? { workingCopyOf: path.resolve(sheet), sheetPath: path.join(stateDir, 'sample') } : {}),
    inboxPath: path.resolve(values.inbox ?? path.join(root, 'sample', 'inbox.json')),
    stateDir,
    ...(emailService ? { emailService } : {}),
  };
}
