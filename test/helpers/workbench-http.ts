/**
 * A workbench on a throw-away copy of a sheet, and raw HTTP requests to it: tests set any Host,
 * Origin or body they like, as an attacker's page or a broken client would.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { startWorkbench } from '../../src/local/workbench/main';
import { SAMPLE_DAY } from '../../src/local/workbench/workbench-clock';

const ROOT = path.resolve(__dirname, '../..');
export const SAMPLE_INBOX = path.join(ROOT, 'sample', 'inbox.json');

export type TestWorkbench = Awaited<ReturnType<typeof startWorkbench>> & {
  port: number;
  dir: string;
  sheetPath: string;
  stateDir: string;
};

/** A sheet for a test workbench: one file, or a folder of CSV tabs (file name → text). */
export type TestSheet = { file: string; text: string | Buffer } | { folder: Record<string, string> };

/** Copies the bundled sample's CSV tabs (not its inbox) into `dir`/sample, a sheet a test may change. */
export function copySampleSheet(dir: string): string {
  const sheetPath = path.join(dir, 'sample');
  fs.mkdirSync(sheetPath);
  const sample = path.join(ROOT, 'sample');
  for (const f of fs.readdirSync(sample).filter((x) => x.endsWith('.csv')))
    fs.copyFileSync(path.join(sample, f), path.join(sheetPath, f));
  return sheetPath;
}

/** A workbench on `sheet` (the sample folder when omitted), listening on a free port. */
export async function startTestWorkbench(
  sheet?: TestSheet,
  inboxPath = SAMPLE_INBOX,
): Promise<TestWorkbench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-wb-'));
  let sheetPath: string;
  if (sheet && 'file' in sheet) {
    sheetPath = path.join(dir, sheet.file);
    fs.writeFileSync(sheetPath, sheet.text);
  } else if (sheet) {
    sheetPath = path.join(dir, 'sheet');
    fs.mkdirSync(sheetPath);
    for (const [file, text] of Object.entries(sheet.folder))
      fs.writeFileSync(path.join(sheetPath, file), text);
  } else {
    sheetPath = copySampleSheet(dir);
  }
  const stateDir = path.join(dir, 'state');
  // The sample's own day, as `npm start` on the sample, so nothing a test sees moves with the date it runs on.
  const workbench = await startWorkbench({ port: 0, sheetPath, inboxPath, stateDir, today: SAMPLE_DAY });
  const port = Number(new URL(workbench.url).port);
  return { ...workbench, port, dir, sheetPath, stateDir };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One request exactly as given: no default headers but Host (set it to override). */
export function rawRequest(port: number, request: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: request.method ?? 'GET',
        path: request.path,
        headers: { host: `127.0.0.1:${port}`, ...request.headers },
        setHost: false,
        // A fresh connection each time: a reused keep-alive socket the server has just closed would
        // fail as "socket hang up", a race of the client, not an answer of the server.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

/** The headers the workbench's own page sends with an API call. */
export function pageHeaders(wb: { port: number; token: string }): Record<string, string> {
  return {
    origin: `http://localhost:${wb.port}`,
    host: `localhost:${wb.port}`,
    'content-type': 'application/json',
    'x-churnguard-token': wb.token,
  };
}

/** A POST to the API as the page makes it. */
export function postAsPage(
  wb: { port: number; token: string },
  apiPath: string,
  body: unknown,
): Promise<RawResponse> {
  return rawRequest(wb.port, {
    method: 'POST',
    path: apiPath,
    headers: pageHeaders(wb),
    body: JSON.stringify(body),
  });
}

/** Files under `dir` with their contents, to check that a refused request wrote nothing. */
export function snapshotFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.set(path.relative(dir, full), fs.readFileSync(full, 'latin1'));
    }
  };
  walk(dir);
  return out;
}
