/**
 * Issue 20 in a real browser (Debian's Chromium): a payment-holiday campaign to every active customer
 * the crisis hurts mixes customers above and below the value line. The audience check says, in
 * words, how many get the check-in instead and how many are held back (exact counts and share), and
 * after Start the workbench's outbox holds exactly those counts of each email.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWorkbench } from '../../src/local/workbench/main';
import { parseCsv } from '../../src/local/table/csv';
import { chromiumAvailable, launchChromium } from './browser';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLE_DIR = path.join(ROOT, 'sample');
const SEGMENT = 'Hurt at any value';

/** The subject of every language variant of the sample's Check-in template (the rail's alternative). */
function checkInSubjects(): Set<string> {
  const [header, ...rows] = parseCsv(fs.readFileSync(path.join(SAMPLE_DIR, 'templates.csv'), 'utf8'));
  const name = header!.indexOf('Name');
  const subject = header!.indexOf('Subject');
  return new Set(rows.filter((r) => r[name] === 'Check-in').map((r) => r[subject]!));
}

const run = chromiumAvailable() ? describe : describe.skip;

run('campaign guard rails and holdout in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let workbench: Awaited<ReturnType<typeof startWorkbench>>;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-e2e-guard-'));
    const sheet = path.join(dir, 'sample');
    fs.mkdirSync(sheet);
    for (const f of fs.readdirSync(SAMPLE_DIR).filter((x) => x.endsWith('.csv')))
      fs.copyFileSync(path.join(SAMPLE_DIR, f), path.join(sheet, f));
    // A segment whose playbook offers relief to every hurt customer, whatever their value.
    fs.appendFileSync(
      path.join(sheet, 'segments.csv'),
      `${SEGMENT},"Impact in Severe, Hit AND Status = Active",Payment holiday,Issue 20: the rail decides per customer\r\n`,
    );
    workbench = await startWorkbench({
      port: 0,
      sheetPath: sheet,
      inboxPath: path.join(SAMPLE_DIR, 'inbox.json'),
      stateDir: path.join(dir, 'state'),
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(workbench.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await workbench?.close();
  });

  const panel = () => page.locator('#panel-cards');

  it('counts the guard rail and the holdout on the audience check, and sends exactly that', async () => {
    // The homepage (the first card) reads every customer and stores the value lines.
    await panel().locator('[data-card-name="home"]').waitFor();
    await panel().getByText('Segments', { exact: true }).click();
    await panel().locator('[data-card-name="segments"]').waitFor();
    await panel().getByText(SEGMENT, { exact: true }).click();
    await panel().locator('[data-card-name="segment"]').waitFor();
    await expect(panel().textContent()).resolves.toContain('Guard rails still apply per customer');
    await panel().getByText('Email this segment…', { exact: true }).click();
    await panel().locator('[data-card-name="campaignSetup"]').waitFor();
    await panel().getByText('Check audience', { exact: true }).click();
    await panel().locator('[data-card-name="campaignPreview"]').waitFor();
    const preview = (await panel().textContent()) ?? '';
    const emailed = Number(/Will be emailed\s*(\d+) customers/.exec(preview)?.[1]);
    const checkIn = Number(/(\d+) get “Check-in” instead/.exec(preview)?.[1]);
    const held = /(\d+) of (\d+) held back \((\d+(?:\.\d)?)%\)/.exec(preview);
    expect(checkIn).toBeGreaterThan(0);
    expect(emailed).toBeGreaterThan(checkIn);
    expect(held).not.toBeNull();
    const [holdout, total] = [Number(held![1]), Number(held![2])];
    expect(total).toBe(emailed + holdout);
    expect(holdout).toBe(Math.round(total / 10));
    await page.screenshot({ path: path.join(ROOT, 'test-results', 'campaign-guard-preview.png') });

    // "Check again" draws the same holdout: the campaign id was fixed by the setup card.
    await panel().getByText('Check again', { exact: true }).click();
    await panel().getByText(`${holdout} of ${total} held back`, { exact: false }).waitFor();

    await panel().getByText(`Start sending to ${emailed}`, { exact: true }).click();
    await panel().locator('[data-card-name="campaign"]').waitFor();
    for (let i = 0; i < 5 && workbench.backend.outbox().length < emailed; i++) {
      await page.locator('#run-triggers').click();
      await page.locator('#toast', { hasText: /Hourly trigger ran|No hourly trigger/ }).waitFor();
      await page.locator('#toast').evaluate((el) => (el.textContent = ''));
    }
    const sent = workbench.backend.outbox();
    expect(sent).toHaveLength(emailed);
    // Those below the value line got the check-in, the others the payment holiday: the card's counts.
    // Each in the customer's language where the template has it, so both are counted across variants.
    const checkIns = checkInSubjects();
    expect(checkIns.size).toBeGreaterThan(1);
    expect(sent.filter((m) => checkIns.has(m.subject))).toHaveLength(checkIn);
    expect(sent.filter((m) => !checkIns.has(m.subject))).toHaveLength(emailed - checkIn);
    expect(sent.filter((m) => m.subject.startsWith('A payment holiday for')).length).toBeGreaterThan(0);
  }, 90_000);
});
