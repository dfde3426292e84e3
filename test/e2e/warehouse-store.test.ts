/**
 * Issue 21 in a real browser: the workbench started as `npm start -- --store duckdb:FILE` on a small
 * generated warehouse (a few thousand customers), with a sheet that keeps the sample's configuration
 * tabs but no customer rows. Opening a customer's email shows their risk, read from the warehouse
 * through the BigQuery stand-in; the homepage says where its figures come from.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWorkbench } from '../../src/local/workbench/main';
import { generateWarehouse } from '../../src/local/warehouse/generate';
import { describeInChromium, launchChromium } from './browser';
import { RUN_SHOTS, SAMPLE_DIR, type Workbench } from './sample-workbench';

describeInChromium('the workbench on a warehouse file in Chromium', () => {
  let dir = '';
  let workbench: Workbench;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-e2e-wh-'));
    const sheet = path.join(dir, 'sample');
    fs.mkdirSync(sheet);
    for (const f of fs.readdirSync(SAMPLE_DIR).filter((x) => x.endsWith('.csv')))
      fs.copyFileSync(path.join(SAMPLE_DIR, f), path.join(sheet, f));
    // No customer rows in the sheet: a card that read it instead of the warehouse would find nobody.
    const customers = path.join(sheet, 'customers.csv');
    fs.writeFileSync(customers, `${fs.readFileSync(customers, 'utf8').split('\n')[0]}\n`);
    const file = path.join(dir, 'warehouse.duckdb');
    await generateWarehouse({ customers: 3_000, out: file });
    workbench = await startWorkbench({
      port: 0,
      sheetPath: sheet,
      inboxPath: path.join(SAMPLE_DIR, 'inbox.json'),
      stateDir: path.join(dir, 'state'),
      warehouse: { file },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(workbench.url);
    fs.mkdirSync(RUN_SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await workbench?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const panel = () => page.locator('#panel-cards');

  it('the homepage counts the warehouse’s 3,000 customers, live from BigQuery', async () => {
    await panel().getByText('Live from BigQuery', { exact: false }).waitFor();
    const text = (await panel().textContent()) ?? '';
    expect(text).toContain('churnguard-local.churnguard.customers');
    const active = Number(/Active customers\s*([\d,]+)/.exec(text)?.[1]?.replace(/,/g, ''));
    expect(active).toBeGreaterThan(1_000);
    expect(active).toBeLessThanOrEqual(3_000);
  }, 60_000);

  it('opening a customer’s email shows their risk from the warehouse', async () => {
    const calls = workbench.warehouse!.bigQuery.traffic.calls;
    await page.locator('#inbox li', { hasText: 'Re: Your renewal on 16 January' }).first().click();
    const card = panel().locator('[data-card-name="customer"]', { hasText: 'Churn risk' });
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Chloe Turner');
    expect(text).toMatch(/Churn risk\s*\d+ \/ 100 · (Low|Medium|High|Critical) risk/);
    expect(workbench.warehouse!.bigQuery.traffic.calls).toBeGreaterThan(calls);
    await page.screenshot({ path: path.join(RUN_SHOTS, 'warehouse-customer.png') });
  }, 60_000);
});
