/**
 * npm start: the real ChurnGuard add-on on this machine, on the bundled sample data (or your own
 * sheet), in a Gmail-like page at http://localhost:8787. No Google account needed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workbench } from './backend';
import { parseWorkbenchArgs, UsageError } from './args';
import { createWorkbenchServer, listen } from './server';
import { startEmailService, STANDIN_API_KEY, type EmailServiceProcess } from '../email-service/process';
import { openWarehouseStore, WarehouseFileError } from './warehouse-store';
import { leaveWarehouseStore, useWarehouseStore } from './warehouse-settings';
import { clockStartingOn } from './workbench-clock';

export async function startWorkbench(
  options: ReturnType<typeof parseWorkbenchArgs> & { now?: () => Date },
  log: (line: string) => void = () => undefined,
) {
  if (options.workingCopyOf && !fs.existsSync(options.sheetPath)) {
    fs.mkdirSync(path.dirname(options.sheetPath), { recursive: true });
    copySpreadsheet(options.workingCopyOf, options.sheetPath);
  }
  const warehouse = options.warehouse ? await openWarehouseStore(options.warehouse, log) : undefined;
  const now = options.now ?? (options.today ? clockStartingOn(options.today) : undefined);
  const backend = new Workbench({
    ...options,
    ...(now ? { now } : {}),
    ...(warehouse ? { bigQuery: warehouse.bigQuery } : {}),
  });
  if (warehouse) useWarehouseStore(backend);
  else leaveWarehouseStore(backend);
  // The local scheduler: Apps Script runs the hourly trigger by itself; here a timer checks each minute.
  const scheduler = setInterval(() => {
    try {
      backend.runTriggers();
    } catch (error) {
      console.error('ChurnGuard trigger:', error);
    }
  }, 60_000);
  scheduler.unref();
  // The SendGrid stand-in runs in its own process: a fetch blocks this thread while it waits.
  let emailService: EmailServiceProcess | undefined;
  if (options.emailService) {
    emailService = await startEmailService(STANDIN_API_KEY);
    backend.world.network.route('https://api.sendgrid.com', emailService.url);
  }
  const { server, token } = createWorkbenchServer(backend);
  const port = await listen(server, options.port);
  backend.origin = `http://localhost:${port}`;
  // "Deployed" as a web app here: campaign emails' unsubscribe links point at this server's /exec.
  backend.world.webAppUrl = `${backend.origin}/exec`;
  return {
    backend,
    token,
    url: `http://localhost:${port}/`,
    emailService,
    warehouse,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(scheduler);
        server.close(() => resolve());
      })
        .then(() => emailService?.stop())
        .then(() => warehouse?.close()),
  };
}

/** A copy of the bundled sample to play with: a folder's CSV tabs (not its inbox or README), or one file. */
function copySpreadsheet(from: string, to: string): void {
  if (!fs.statSync(from).isDirectory()) {
    fs.copyFileSync(from, to);
    return;
  }
  fs.mkdirSync(to, { recursive: true });
  for (const file of fs.readdirSync(from).filter((f) => /\.csv$/i.test(f)))
    fs.copyFileSync(path.join(from, file), path.join(to, file));
}

if (require.main === module) {
  const root = path.resolve(__dirname, '../../..');
  try {
    const options = parseWorkbenchArgs(process.argv.slice(2), process.env, root);
    startWorkbench(options, (line) => console.log(line))
      .then(({ url, warehouse }) => {
        console.log(`ChurnGuard workbench: ${url}`);
        console.log(
          `  sheet: ${options.sheetPath} (changes are written back${options.workingCopyOf ? '; a copy of the bundled sample, delete it to start over' : ''})`,
        );
        console.log(`  state: ${options.stateDir} (settings, outbox)`);
        if (options.today)
          console.log(
            `  clock: starts on ${options.today}${options.workingCopyOf ? " (the sample's own day)" : ''} and runs from there (--today YYYY-MM-DD to change)`,
          );
        if (warehouse)
          console.log(
            `  customers: ${warehouse.file} (${warehouse.meta.customers.toLocaleString('en-US')} in the warehouse, through the BigQuery stand-in)`,
          );
        if (options.emailService)
          console.log(
            `  email service: SendGrid stand-in on 127.0.0.1 (Settings → Sender → Email service, API key ${STANDIN_API_KEY})`,
          );
        console.log('  Ctrl+C to stop.');
      })
      .catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        console.error(
          code === 'EADDRINUSE'
            ? `Port ${options.port} is in use; try PORT=8788 npm start`
            : error instanceof WarehouseFileError
              ? error.message
              : error,
        );
        process.exit(1);
      });
  } catch (error) {
    console.error(error instanceof UsageError ? error.message : error);
    process.exit(2);
  }
}
