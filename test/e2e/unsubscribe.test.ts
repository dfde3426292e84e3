/**
 * Issue 20's "an unsubscribe click marking the sheet", in Chromium on the workbench: a campaign goes
 * to a segment (the emails land in the file outbox), the customer opens the link from their email's
 * footer (the workbench serves the web app's doGet at /exec), sees the confirmation in their
 * language, the next audience check writes Unsubscribed in the sheet file and leaves them out, and
 * the next campaign does not email them. A forged link changes nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { readTableFile } from '../../src/local/table/table-file';
import { describeInChromium } from './browser';
import {
  DOC_SHOTS,
  RUN_SHOTS,
  checkAudience,
  setSampleSettings,
  startSending,
  useSampleWorkbench,
  type Workbench,
} from './sample-workbench';

const SEGMENT = 'Hard hit, worth keeping';

describeInChromium('unsubscribe link, in Chromium', () => {
  let page: Page;
  let workbench: Workbench;
  let sheetDir = '';

  useSampleWorkbench(
    {
      tmpPrefix: 'cg-unsub-',
      viewport: { width: 1280, height: 800 },
      // No cool-down and no holdout, so the second campaign reaches the same people and counts are exact.
      editSample: (sheet) => setSampleSettings(sheet, { 'Cool-down days': '0', 'Holdout %': '0' }),
    },
    (env) => {
      ({ page, workbench, sheet: sheetDir } = env);
    },
  );

  const panel = () => page.locator('#panel-cards');
  const customerRow = (email: string) => {
    const [header, ...rows] = readTableFile(sheetDir).sheets.find((s) => s.name === 'Customers')!.values;
    const row = rows.find((r) => r[0] === email)!;
    return Object.fromEntries(header!.map((h, i) => [String(h), row[i]]));
  };

  /** Segment → Email this segment… → Check audience: the number to be emailed and the preview's text. */
  async function segmentAudience(): Promise<{ emailed: number; text: string }> {
    await page.goto(workbench.url);
    await page.locator('#home').click();
    await panel().locator('[data-card-name="home"]').waitFor();
    await panel().getByText('Segments', { exact: true }).click();
    await panel().getByText(SEGMENT, { exact: true }).click();
    await panel().getByText('Email this segment…', { exact: true }).click();
    return checkAudience(page);
  }

  async function startAndSend(emailed: number): Promise<void> {
    const before = workbench.backend.outbox().length;
    await startSending(page, workbench, emailed, before + emailed);
    expect(workbench.backend.outbox().length).toBe(before + emailed);
  }

  it('marks the sheet after a click on the link in the email, and the next campaign skips the customer', async () => {
    const first = await segmentAudience();
    expect(first.emailed).toBeGreaterThan(1);
    // The preview shows the footer the product adds, with a link that carries no token.
    expect(first.text).toMatch(
      /(Unsubscribe|Отписаться|Жазылымнан бас тарту|Abonelikten çık): http:\/\/localhost:\d+\/exec(?!\?token)/,
    );
    await startAndSend(first.emailed);

    // A Kazakh-speaking recipient's email, as it sits in the outbox.
    const sent = workbench.backend.world.mail.outbox;
    const kazakh = sent.find((m) => customerRow(m.to[0]!).Language === 'kk')!;
    expect(kazakh).toBeDefined();
    const customer = kazakh.to[0]!;
    const link = /Жазылымнан бас тарту: (\S+)|Unsubscribe: (\S+)|Отписаться: (\S+)|Abonelikten çık: (\S+)/
      .exec(kazakh.body ?? '')
      ?.slice(1)
      .find(Boolean);
    expect(link).toMatch(new RegExp(`^${workbench.url}exec\\?token=`));
    expect(kazakh.htmlBody).toContain(`href="${link}"`);

    // A forged link (one signature character changed) is refused and records nothing.
    const forged = link!.slice(0, -1) + (link!.endsWith('A') ? 'B' : 'A');
    await page.goto(forged);
    await expect(page.locator('main').getAttribute('data-outcome')).resolves.toBe('invalid');

    // The customer clicks: the confirmation, in their language, names their address.
    await page.goto(link!);
    await expect(page.locator('main').getAttribute('data-outcome')).resolves.toBe('done');
    await expect(page.locator('main').textContent()).resolves.toContain(customer);
    await expect(page.locator('h1').textContent()).resolves.toBe('Жазылымнан бас тарттыңыз');
    const shot = path.join(RUN_SHOTS, 'unsubscribe-page.png');
    await page.screenshot({ path: shot });
    if (
      process.env.UPDATE_SCREENSHOTS === '1' ||
      !fs.existsSync(path.join(DOC_SHOTS, 'unsubscribe-page.png'))
    )
      fs.copyFileSync(shot, path.join(DOC_SHOTS, 'unsubscribe-page.png'));
    // Clicking again (a replay) confirms again and changes nothing.
    await page.goto(link!);
    await expect(page.locator('main').getAttribute('data-outcome')).resolves.toBe('done');

    // The next audience check writes the click into the sheet file and leaves the customer out.
    expect(String(customerRow(customer).Unsubscribed ?? '')).toBe('');
    const second = await segmentAudience();
    expect(String(customerRow(customer).Unsubscribed)).toBe('Yes');
    expect(second.emailed).toBe(first.emailed - 1);
    // One more left out as unsubscribed than at the first check (the sample has some already).
    const unsubscribed = (text: string) => Number(/(\d+) · Unsubscribed/.exec(text)?.[1] ?? 0);
    expect(unsubscribed(second.text)).toBe(unsubscribed(first.text) + 1);

    // The next campaign emails everyone else again, and not them.
    await startAndSend(second.emailed);
    expect(workbench.backend.world.mail.outbox.filter((m) => m.to.includes(customer))).toHaveLength(1);
  }, 120_000);
});
