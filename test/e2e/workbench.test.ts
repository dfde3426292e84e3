/**
 * The workbench in a real browser (Debian's Chromium through playwright-core): the page opens on the
 * homepage card, an email opens the customer's card, a button leads to a second card, and customer
 * data that looks like markup is shown as text. Screenshots of the main views go to docs/screenshots.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { readabilityProblems } from '../../src/core/text/format';
import { describeInChromium } from './browser';
import {
  DOC_SHOTS,
  RUN_SHOTS,
  checkAudience,
  startSending,
  useSampleWorkbench,
  type Workbench,
} from './sample-workbench';

describeInChromium('workbench in Chromium', () => {
  let page: Page;
  let workbench: Workbench;
  const dialogs: string[] = [];
  let sheetFile = '';
  /** The text of every card the panel showed during the run, for the checks on every card visited. */
  const cardsSeen = new Map<string, string>();

  // Work on a copy of the sample folder (a tab per CSV): the workbench writes changes back.
  useSampleWorkbench(
    {
      tmpPrefix: 'cg-e2e-',
      viewport: { width: 1440, height: 900 },
      preparePage: async (page) => {
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        // Every card the panel shows, as the user saw it, however briefly (a MutationObserver in the page).
        await page.exposeFunction('cgCardShown', (name: string, text: string) => {
          cardsSeen.set(`${name}: ${text.slice(0, 80)}`, text);
        });
        // A string, not a function: the test project compiles without the DOM library.
        await page.addInitScript({
          content: `document.addEventListener('DOMContentLoaded', () => {
        const panel = document.getElementById('panel-cards');
        const report = () => panel.querySelectorAll('.cg-card').forEach((el) =>
          window.cgCardShown(el.dataset.cardName || '', el.textContent || ''));
        if (panel) new MutationObserver(report).observe(panel, { childList: true, subtree: true });
      });`,
        });
      },
    },
    (env) => {
      ({ page, workbench, sheet: sheetFile } = env);
      fs.mkdirSync(DOC_SHOTS, { recursive: true });
    },
  );

  const panel = () => page.locator('#panel-cards');
  const shoot = async (name: string) => {
    const file = path.join(RUN_SHOTS, name);
    await page.screenshot({ path: file });
    const doc = path.join(DOC_SHOTS, name);
    if (process.env.UPDATE_SCREENSHOTS === '1' || !fs.existsSync(doc)) fs.copyFileSync(file, doc);
  };

  it('opens on the homepage card', async () => {
    await page.locator('#panel-cards .cg-card').first().waitFor();
    await expect(panel().locator('.cg-header__title').first().textContent()).resolves.toBe('ChurnGuard');
    await expect(panel().textContent()).resolves.toContain('Connected');
    await shoot('homepage.png');
  }, 30_000);

  it('shows the customer card when an email is opened', async () => {
    await page.locator('#inbox li').first().waitFor();
    const first = page.locator('#inbox li').first();
    const sender = (await first.locator('.from').textContent()) ?? '';
    await first.click();
    await page
      .locator(
        '#panel-cards .cg-card[data-card-name="message"], #panel-cards .cg-card[data-card-name="customer"]',
      )
      .waitFor();
    await expect(panel().textContent()).resolves.toContain(sender.trim());
    await shoot('customer-card.png');
  }, 30_000);

  it('clicks through to a second card and back', async () => {
    await page.locator('#home').click();
    await panel().locator('[data-card-name="home"]').waitFor();
    await panel().getByText('Settings', { exact: true }).click();
    await panel().locator('[data-card-name="settings"]').waitFor();
    await shoot('settings.png');
    await page.locator('#panel-back').click();
    await panel().locator('[data-card-name="home"]').waitFor();
  }, 30_000);

  it('adds a note from the customer card, written to the sheet file', async () => {
    await page.locator('#inbox li').first().click();
    await panel().locator('[data-card-name="customer"]').waitFor();
    await panel().getByText('Add note', { exact: true }).click();
    await panel().locator('[data-card-name="note"]').waitFor();
    await panel().locator('textarea[name="note"], input[name="note"]').fill('Offered a payment holiday');
    await panel().getByText('Save note', { exact: true }).click();
    await panel().locator('[data-card-name="customer"]').waitFor();
    await expect(page.locator('#toast').textContent()).resolves.toBe('Note saved to the Notes tab');
    // The card the save returns shows the note, with who wrote it.
    const card = panel().locator('[data-card-name="customer"]');
    await expect(card.textContent()).resolves.toMatch(/Latest notes[\s\S]*Offered a payment holiday/);
    const notes = fs.readFileSync(path.join(sheetFile, 'notes.csv'), 'utf8');
    expect(notes).toContain('Offered a payment holiday');
  }, 30_000);

  it('shows segments with their size and MRR, and checks a campaign audience before sending', async () => {
    await page.locator('#home').click();
    await panel().locator('[data-card-name="home"]').waitFor();
    await panel().getByText('Segments', { exact: true }).click();
    await panel().locator('[data-card-name="segments"]').waitFor();
    await expect(panel().textContent()).resolves.toMatch(
      /Hard hit, worth keeping[\s\S]*\d+ customers · MRR \$[\d,]+ · MRR at high risk \$[\d,]+/,
    );
    await shoot('segments.png');
    await panel().getByText('Hard hit, worth keeping', { exact: true }).click();
    await panel().locator('[data-card-name="segment"]').waitFor();
    await panel().getByText('Email this segment…', { exact: true }).click();
    await panel().locator('[data-card-name="campaignSetup"]').waitFor();
    const { emailed } = await checkAudience(page);
    expect(emailed).toBeGreaterThan(0);
    await shoot('campaign-preview.png');

    // Start: the first batch goes from the card, the local scheduler's hourly trigger sends the rest.
    await startSending(page, workbench, emailed);
    const sent = workbench.backend.outbox().filter((m) => !m.subject.startsWith('[Test]'));
    expect(new Set(sent.map((m) => m.to)).size).toBe(emailed);
    expect(sent).toHaveLength(emailed);
    await panel().getByText('Refresh', { exact: true }).click();
    await expect(panel().textContent()).resolves.toContain(`${emailed} sent`);
    await shoot('campaign-progress.png');
  }, 60_000);

  it('shows a customer name containing <script> as text, without running it', async () => {
    const evil = page.locator('#inbox li', { hasText: '<script>' }).first();
    await evil.click();
    // Another customer's card may be showing before the click; wait for this customer's own card.
    await panel().locator('[data-card-name="customer"]', { hasText: 'Test Co' }).waitFor();
    await expect(panel().textContent()).resolves.toContain('<script>alert("x")</script>');
    await expect(panel().locator('script').count()).resolves.toBe(0);
    await expect(page.locator('#reader [data-msg=from]').textContent()).resolves.toContain('<script>');
    expect(dialogs).toEqual([]);
  }, 30_000);
  it('shows a segment added to segments.csv by hand, and keeps it through the next save', async () => {
    const segments = path.join(sheetFile, 'segments.csv');
    fs.appendFileSync(segments, 'Typed by hand,Status = Active,,Added while the workbench ran\r\n');
    await page.locator('#home').click();
    await panel().locator('[data-card-name]').first().waitFor();
    await panel().getByText('Segments', { exact: true }).click();
    await panel().locator('[data-card-name="segments"]').waitFor();
    // The add-on caches the segment list; Refresh re-reads the tab, which the workbench read back from disk.
    await panel().getByText('Refresh', { exact: true }).click();
    await panel().getByText('Typed by hand', { exact: true }).waitFor({ timeout: 10_000 });
    // A save of another tab (a note) must not write segments.csv back from an old copy.
    await page.locator('#inbox li').first().click();
    await panel().locator('[data-card-name="customer"]').waitFor();
    await panel().getByText('Add note', { exact: true }).click();
    await panel().locator('[data-card-name="note"]').waitFor();
    await panel().locator('textarea[name="note"], input[name="note"]').fill('Saved after a hand edit');
    await panel().getByText('Save note', { exact: true }).click();
    await panel().locator('[data-card-name="customer"]').waitFor();
    expect(fs.readFileSync(path.join(sheetFile, 'notes.csv'), 'utf8')).toContain('Saved after a hand edit');
    expect(fs.readFileSync(segments, 'utf8')).toContain('Typed by hand');
  }, 30_000);

  it('opens a segment with no members and one with two (the fold follows the content)', async () => {
    fs.appendFileSync(
      path.join(sheetFile, 'segments.csv'),
      'Nobody by hand,Email = nobody@nowhere.example,,No one matches\r\n' +
        '"Two by hand","Email in nurlan.kasymova@almaty-remote.example, liam.turner@bluebird-journeys.example",,Two rows\r\n',
    );
    await page.locator('#home').click();
    await panel().locator('[data-card-name="home"]').waitFor();
    await panel().getByText('Segments', { exact: true }).click();
    await panel().locator('[data-card-name="segments"]').waitFor();
    await panel().getByText('Refresh', { exact: true }).click();
    await panel().getByText('Two by hand', { exact: true }).waitFor({ timeout: 10_000 });
    for (const [name, members] of [
      ['Nobody by hand', '0 customers'],
      ['Two by hand', '2 customers'],
    ] as const) {
      await page.locator('#toast').evaluate((el) => (el.textContent = ''));
      await panel().getByText(name, { exact: true }).click();
      const card = panel().locator('[data-card-name="segment"]', { hasText: name });
      await card.waitFor({ timeout: 10_000 });
      await expect(card.locator('.cg-header').textContent()).resolves.toContain(members);
      await expect(page.locator('#toast').textContent()).resolves.not.toMatch(/Error/);
      if (members === '2 customers')
        await expect(card.textContent()).resolves.toMatch(/risk \d+ \((Low|Medium|High|Critical)\)/);
      await page.locator('#panel-back').click();
      await panel().locator('[data-card-name="segments"]').waitFor();
    }
  }, 60_000);

  it("keeps the open email's intent on the card after Save tags", async () => {
    await page.locator('#inbox li', { hasText: 'Cancel our subscription' }).first().click();
    const card = panel().locator('[data-card-name="customer"]', { hasText: 'What this email says' });
    await card.waitFor();
    const scoreOf = async () => /(\d+) \/ 100/.exec((await card.textContent()) ?? '')?.[1];
    const before = await scoreOf();
    expect(before).toBeDefined();
    await panel().getByText('Edit tags', { exact: true }).click();
    await panel().locator('[data-card-name="tags"]').waitFor();
    await panel().getByText('Save tags', { exact: true }).click();
    await card.waitFor();
    await expect(panel().locator('[data-card-name="tags"]').count()).resolves.toBe(0);
    await expect(card.textContent()).resolves.toContain('Draft reply');
    await expect(scoreOf()).resolves.toBe(before);
  }, 30_000);

  it('shows the scan on the Settings card right after Scan now', async () => {
    await page.locator('#home').click();
    await panel().locator('[data-card-name="home"]').waitFor();
    await panel().getByText('Settings', { exact: true }).click();
    const settings = panel().locator('[data-card-name="settings"]');
    await settings.waitFor();
    await expect(settings.textContent()).resolves.toContain('No scan has run yet.');
    await panel().getByText('Scan now', { exact: true }).click();
    await page.locator('#toast', { hasText: /Scanned \d+ customers/ }).waitFor({ timeout: 30_000 });
    await expect(settings.textContent()).resolves.toMatch(/Last scan: /);
    await expect(settings.textContent()).resolves.not.toContain('No scan has run yet.');
  }, 60_000);

  it('shows risk as a whole number and counts in the right number on every card visited', () => {
    // The cards of every test above, as the panel showed them.
    expect(cardsSeen.size).toBeGreaterThan(8);
    const texts = [...cardsSeen.values()];
    expect(texts.some((t) => /risk \d+ \(/.test(t))).toBe(true);
    for (const text of texts) {
      expect(text).not.toMatch(/\d\.\d{4,}/);
      expect(text).not.toMatch(/risk \d+\.\d/i);
      expect(readabilityProblems(text)).toEqual([]);
    }
  });

  it('shows a sent email decoded, its HTML part rendered in a sandboxed frame', async () => {
    const sent = workbench.backend.outbox()[0];
    expect(sent).toBeDefined();
    await page.goto(`${workbench.url}outbox/${encodeURIComponent(sent!.file)}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(sent!.subject);
    await expect(page.locator('iframe').getAttribute('sandbox')).resolves.toBe('');
    const frame = page.frames().find((f) => f !== page.mainFrame());
    await expect(frame?.locator('body').textContent()).resolves.toMatch(/\S/);
    await page.goto(workbench.url);
  }, 30_000);
});
