/**
 * Starts the email-service stand-in in a child process and controls it over HTTP, synchronously, so
 * a test can queue faults and read what was accepted between two steps of an execution.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { sharedSyncHttp } from '../standins/sync-http';
import type { Fault, ServiceStats } from './server';

export const STANDIN_API_KEY = 'SG.standin-key-0000.standin-secret-0000';

export interface EmailServiceProcess {
  /** http://127.0.0.1:PORT */
  url: string;
  queueFaults(faults: readonly Fault[]): void;
  reset(apiKey?: string): void;
  stats(): ServiceStats;
  stop(): Promise<void>;
}

function control(url: string, method: string, pathName: string, body?: unknown): unknown {
  const result = sharedSyncHttp().request({
    url: `${url}${pathName}`,
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    // Generous: the stats of a 20,000-message bench are a few MB, and the machine may be busy.
    deadlineMs: 60_000,
  });
  if (result.kind !== 'response' || result.status !== 200)
    throw new Error(`email-service stand-in control ${pathName} failed: ${JSON.stringify(result)}`);
  return JSON.parse(result.body);
}

export async function startEmailService(apiKey = STANDIN_API_KEY): Promise<EmailServiceProcess> {
  const main = path.join(__dirname, 'main.ts');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', main, '--key', apiKey], {
    stdio: ['pipe', 'pipe', 'inherit'],
    cwd: path.join(__dirname, '..', '..', '..'),
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) =>
      reject(new Error(`email-service stand-in exited (${code}) before listening`)),
    );
  });
  // Nothing of the child keeps the parent alive; closing stdin (stop, or the parent's exit) ends it.
  child.stdout?.destroy();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  child.unref();
  return {
    url,
    queueFaults: (faults) => void control(url, 'POST', '/_standin/faults', { faults }),
    reset: (key) => void control(url, 'POST', '/_standin/reset', key ? { apiKey: key } : {}),
    stats: () => control(url, 'GET', '/_standin/stats') as ServiceStats,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        // Referenced again, so this process waits for the exit it asked for.
        child.ref();
        child.once('exit', () => resolve());
        child.stdin?.end();
      }),
  };
}
