/**
 * A campaign whose audience is a warehouse segment, through the dispatcher and the hourly entry point
 * on the DuckDB stand-in of BigQuery: Email this segment… → Check audience → Start → the hourly runs
 * send the rest → the campaign card. The same customers as a Google Sheet get the very same emails
 * (same recipients, holdout, subjects and bodies) as the sheet store sends them.
 */
import { appEntry } from '../../src/app/entry';
import { DEFAULT_SEGMENTS } from '../../src/core/segments';
import { DEFAULT_TEMPLATES } from '../../src/core/templates';
import type { AppContext } from '../../src/app/context';
import { loadCampaign } from '../../src/app/campaigns/meta';
import { act } from '../helpers/stand-in-context';
import { buttonParams, shownCard } from '../helpers/shown-card';
import { warehouseRows, warehouseWorlds, type WarehouseWorlds } from '../helpers/warehouse-world';

const HOUR = 3_600_000;
const SEGMENT = 'Struggling to pay';
const TEMPLATE = 'Installments';

let w: WarehouseWorlds;

beforeAll(async () => {
  w = await warehouseWorlds(warehouseRows(300, 7), {
    Segments: DEFAULT_SEGMENTS.map((r) => [...r]),
    // A fallback for the blank companies of the generated rows, so nobody blocks the Start; the guard
    // rails still send most of the segment the "Check-in" alternative (the log's Template column).
    Templates: DEFAULT_TEMPLATES.map((r) =>
      r.map((c) => c.replace(/\{\{Company\}\}/g, '{{Company|your team}}')),
    ),
  });
}, 60_000);

afterAll(() => w.close());

type Side = { world: WarehouseWorlds['sheet']['world']; ctx(): AppContext };

function hourly(side: Side, hours: number) {
  for (let h = 0; h < hours; h++) {
    side.world.clock.advance(HOUR);
    const report = appEntry(side.ctx, (e) => {
      throw e;
    }).hourly();
    expect(report.errors).toEqual([]);
  }
}

/** Check audience, then Start, with one campaign id (the holdout is drawn from it). */
function startOn(side: Side, id: string) {
  const form = { campaignName: 'Win back late payers', campaignTemplate: TEMPLATE };
  const preview = shownCard(act(side.ctx(), 'previewCampaign', { segment: SEGMENT, index: '0', id }, form));
  const start = buttonParams(preview, /^Start sending to/);
  expect(start.id).toBe(id);
  return { preview, started: act(side.ctx(), 'startCampaign', start) };
}

/** Each customer email as it went, with the signed unsubscribe token left out (each world signs its own). */
function sent(side: Side) {
  return side.world.mail.outbox
    .map((m) => ({
      to: m.to.join(','),
      subject: m.subject,
      body: String(m.body ?? '').replace(/token=[^\s"&)]+/g, 'token=…'),
      html: String(m.htmlBody ?? '').replace(/token=[^\s"&)]+/g, 'token=…'),
    }))
    .sort((a, b) => a.to.localeCompare(b.to));
}

describe('a campaign on a warehouse segment', () => {
  it('is offered on the segment card and checked from the segment’s SQL', () => {
    const card = JSON.stringify(shownCard(act(w.warehouse.ctx(), 'openSegment', { segment: SEGMENT })));
    expect(card).toContain('Email this segment');
    const setup = JSON.stringify(shownCard(act(w.warehouse.ctx(), 'newCampaign', { segment: SEGMENT })));
    expect(setup).toContain(TEMPLATE);
  });

  it('sends each recipient the email the sheet store sends, exactly once, and the card follows it', () => {
    const id = 'cmp-20261120-1200-wb1';
    const fromSheet = startOn(w.sheet, id);
    const fromWarehouse = startOn(w.warehouse, id);
    // The same audience check: members, held back, exclusions, the first recipient's email.
    const lines = (c: unknown) =>
      JSON.stringify(c)
        .replace(/BigQuery customers/g, 'Customers')
        .match(/\d+ of \d+ held back[^"]*|"\d+ customers"|A payment[^"]*|Hi [^"\\]*/g);
    expect(lines(fromWarehouse.preview)).toEqual(lines(fromSheet.preview));

    const meta = loadCampaign(w.warehouse.ctx().userStore, id)!;
    expect(meta.store).toBe('bigquery');
    expect(meta.state).toBe('sending');
    expect(meta.planned.emailed).toBeGreaterThan(10);

    hourly(w.sheet, 3);
    hourly(w.warehouse, 3);
    const sheetMail = sent(w.sheet);
    const warehouseMail = sent(w.warehouse);
    expect(sheetMail.length).toBe(meta.planned.emailed);
    expect(new Set(warehouseMail.map((m) => m.to)).size).toBe(warehouseMail.length);
    expect(warehouseMail).toEqual(sheetMail);

    const card = JSON.stringify(shownCard(act(w.warehouse.ctx(), 'openCampaign', { id })));
    expect(card).toContain('Finished');
    expect(card).toContain(`${meta.planned.emailed} sent`);
    expect(loadCampaign(w.warehouse.ctx().userStore, id)!.state).toBe('done');
  });
});
