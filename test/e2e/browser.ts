/**
 * Debian's Chromium under playwright-core (never a downloaded browser). On a developer machine
 * without Chromium the e2e tests are skipped with a message; under CI they must run, so a missing
 * browser fails instead of silently passing.
 */
import * as fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.CI)
    throw new Error(`CI needs Chromium at ${CHROMIUM}: .ci/run installs it with apt-get install chromium`);
  console.warn(`Skipping browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  return false;
}

/** `describe` where Chromium is here, `describe.skip` (with the message above) where it is not. */
export const describeInChromium: jest.Describe = chromiumAvailable() ? describe : describe.skip;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
