/**
 * Issue 20 in a real browser (Debian's Chromium): a payment-holiday campaign to every active customer
 * the crisis hurts mixes customers above and below the value line. The audience check says, in
 * words, how many get the check-in instead and how many are held back (exact counts and share), and
 * after Start the workbench's outbox holds exactly those counts of each email.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { parseCsv } from '../../src/local/table/csv';
import { describeInChromium } from './browser';
import {
  ROOT,
  SAMPLE_DIR,
  checkAudience,
  startSending,
  useSampleWorkbench,
  type Workbench,
} from './sample-workbench';

const SEGMENT = 'Hurt at any value';

/** The subject of every language variant of the sample's Check-in template (the rail's alternative). */
function checkInSubjects(): Set<string> {
  const [header, ...rows] = parseCsv(fs.readFileSync(path.join(SAMPLE_DIR, 'templates.csv'), 'utf8'));
  const name = header!.indexOf('Name');
  const subject = header!.indexOf('Subject');
  return new Set(rows.filter((r) => r[name] === 'Check-in').map((r) => r[subject]!));
}

describeInChromium('campaign guard rails and holdout in Chromium', () => {
  let page: Page;
  let workbench: Workbench;

  useSampleWorkbench(
    {
      tmpPrefix: 'cg-e2e-guard-',
      viewport: { width: 1440, height: 900 },
      // A segment whose playbook offers relief to every hurt customer, whatever their value.
      editSample: (sheet) =>
        fs.appendFileSync(
          path.join(sheet, 'segments.csv'),
          `${SEGMENT},"Impact in Severe, Hit AND Status = Active",Payment holiday,Issue 20: the rail decides per customer\r\n`,
        ),
    },
    (env) => {
      ({ page, workbench } = env);
    },
  );

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
    const { text: preview, emailed } = await checkAudience(page);
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

    await startSending(page, workbench, emailed);
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
