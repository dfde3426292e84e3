/**
 * The setup every browser test shares: a copy of the sample folder in a temp dir (the workbench writes
 * changes back, so the checked-in sample stays clean), the workbench on it (build/Code.js on the
 * stand-ins, as `npm start`), Chromium with one page, and the hourly trigger run from the page until
 * the outbox holds what a campaign should send.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWorkbench } from '../../src/local/workbench/main';
import { SAMPLE_DAY } from '../../src/local/workbench/workbench-clock';
import { launchChromium } from './browser';

export const ROOT = path.resolve(__dirname, '../..');
export const SAMPLE_DIR = path.join(ROOT, 'sample');
export const RUN_SHOTS = path.join(ROOT, 'test-results', 'screenshots');
// The README shows docs/screenshots; a run refreshes them only when asked (UPDATE_SCREENSHOTS=1) or
// when missing, so ordinary test runs leave the work tree clean. Every run also writes test-results/.
export const DOC_SHOTS = path.join(ROOT, 'docs', 'screenshots');

export type Workbench = Awaited<ReturnType<typeof startWorkbench>>;

export interface SampleWorkbench {
  /** The copied sample folder (a tab per CSV) the workbench edits. */
  sheet: string;
  workbench: Workbench;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export interface SampleWorkbenchOptions {
  /** Prefix of the temp dir, so a leftover dir names the test that made it. */
  tmpPrefix: string;
  viewport: { width: number; height: number };
  /** Changes to the copied sample before the workbench reads it (settings, an extra segment). */
  editSample?: (sheet: string) => void;
  /** Hooks on the page that must be in place before it first loads (dialogs, init scripts). */
  preparePage?: (page: Page) => Promise<void>;
}

/**
 * Sets rows of the copied sample's Settings tab ("Setting,Value,Meaning"); a setting the tab lacks is
 * an error, so a renamed setting cannot leave a test silently on the default.
 */
export function setSampleSettings(sheet: string, values: Record<string, string>): void {
  const file = path.join(sheet, 'settings.csv');
  let text = fs.readFileSync(file, 'utf8');
  for (const [name, value] of Object.entries(values)) {
    const row = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')},[^,\n]*,`, 'm');
    if (!row.test(text)) throw new Error(`The sample's settings.csv has no "${name}" row`);
    text = text.replace(row, `${name},${value},`);
  }
  fs.writeFileSync(file, text);
}

/** Copies the sample's CSVs into a fresh temp dir; returns that dir and the sheet folder in it. */
function copySample(tmpPrefix: string): { dir: string; sheet: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
  const sheet = path.join(dir, 'sample');
  fs.mkdirSync(sheet);
  for (const f of fs.readdirSync(SAMPLE_DIR).filter((x) => x.endsWith('.csv')))
    fs.copyFileSync(path.join(SAMPLE_DIR, f), path.join(sheet, f));
  return { dir, sheet };
}

/** The workbench on a copy of the sample and a Chromium page open on it. */
export async function startSampleWorkbench(options: SampleWorkbenchOptions): Promise<SampleWorkbench> {
  const { dir, sheet } = copySample(options.tmpPrefix);
  options.editSample?.(sheet);
  const workbench = await startWorkbench({
    port: 0,
    sheetPath: sheet,
    inboxPath: path.join(SAMPLE_DIR, 'inbox.json'),
    stateDir: path.join(dir, 'state'),
    // The sample's own day, as `npm start` on the sample: what the tests see cannot move with the date CI runs on.
    today: SAMPLE_DAY,
  });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: options.viewport });
    await options.preparePage?.(page);
    await page.goto(workbench.url);
    fs.mkdirSync(RUN_SHOTS, { recursive: true });
    return started(sheet, workbench, browser, page);
  } catch (e) {
    // Whatever did start is closed, so a failed setup leaves no server or browser behind.
    await browser?.close();
    await workbench.close();
    throw e;
  }
}

function started(sheet: string, workbench: Workbench, browser: Browser, page: Page): SampleWorkbench {
  return {
    sheet,
    workbench,
    browser,
    page,
    close: async () => {
      await browser.close();
      await workbench.close();
    },
  };
}

/**
 * Inside a describe: starts the workbench on a copy of the sample before the tests (handing it to
 * `started`, which keeps the parts the tests use) and closes it after them.
 */
export function useSampleWorkbench(
  options: SampleWorkbenchOptions,
  started: (env: SampleWorkbench) => void,
): void {
  let env: SampleWorkbench | undefined;
  beforeAll(async () => {
    env = await startSampleWorkbench(options);
    started(env);
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });
}

const panel = (page: Page) => page.locator('#panel-cards');

/** On the campaign setup card: "Check audience", then the preview's text and how many it will email. */
export async function checkAudience(page: Page): Promise<{ text: string; emailed: number }> {
  await panel(page).getByText('Check audience', { exact: true }).click();
  await panel(page).locator('[data-card-name="campaignPreview"]').waitFor();
  const text = (await panel(page).textContent()) ?? '';
  return { text, emailed: Number(/Will be emailed\s*(\d+) customers/.exec(text)?.[1]) };
}

/**
 * On the preview: "Start sending to N" (the first batch goes from the card), then the hourly trigger
 * sends the rest until the outbox holds `outboxTarget` emails.
 */
export async function startSending(
  page: Page,
  workbench: Workbench,
  emailed: number,
  outboxTarget = emailed,
): Promise<void> {
  await panel(page).getByText(`Start sending to ${emailed}`, { exact: true }).click();
  await panel(page).locator('[data-card-name="campaign"]').waitFor();
  await runTriggersUntilOutbox(page, workbench, outboxTarget);
}

/**
 * Clicks "Run triggers" (the local scheduler's hourly trigger) until the outbox holds `count` emails,
 * at most five times: a campaign sends its first batch from the card and the rest from the trigger.
 */
export async function runTriggersUntilOutbox(page: Page, workbench: Workbench, count: number): Promise<void> {
  for (let i = 0; i < 5 && workbench.backend.outbox().length < count; i++) {
    await page.locator('#run-triggers').click();
    await page.locator('#toast', { hasText: /Hourly trigger ran|No hourly trigger/ }).waitFor();
    await page.locator('#toast').evaluate((el) => (el.textContent = ''));
  }
}
