/**
 * "What works" on the BigQuery store (src/app/campaigns/warehouse-outcomes.ts): the same campaigns,
 * started and sent on both stores over the same customers, then the same churns and returns typed
 * into the sheet (and loaded into the warehouse as a nightly loader would), give the same outcomes
 * card on both: summaries, every window's churn and "active again" counts and intervals, and the
 * playbooks pooled. The warehouse counts them in one query over campaign_log_current and the
 * customers, never reading the Campaigns tab (the warehouse world's tab stays empty).
 */
import { appEntry } from '../../src/app/entry';
import { DEFAULT_SEGMENTS } from '../../src/core/segments';
import { DEFAULT_TEMPLATES } from '../../src/core/templates';
import type { AppContext } from '../../src/app/context';
import { loadCampaign, saveCampaign } from '../../src/app/campaigns/meta';
import { REPLIES_KEY } from '../../src/app/watch/replies';
import type { Card } from '../../src/ui/card/types';
import { act } from '../helpers/stand-in-context';
import { buttonParams, shownCard } from '../helpers/shown-card';
import { reloadWarehouse } from '../helpers/warehouse-scan-world';
import { WH_HEADERS, warehouseRows, warehouseWorlds, type WarehouseWorlds } from '../helpers/warehouse-world';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let w: WarehouseWorlds;

beforeAll(async () => {
  w = await warehouseWorlds(warehouseRows(300, 7), {
    Segments: DEFAULT_SEGMENTS.map((r) => [...r]),
    Templates: DEFAULT_TEMPLATES.map((r) =>
      r.map((c) => c.replace(/\{\{Company\}\}/g, '{{Company|your team}}')),
    ),
    // A large holdout, so both groups have members to compare.
    Settings: [
      ['Setting', 'Value'],
      ['Cool-down days', '0'],
      ['Holdout %', '40'],
    ],
  });
}, 60_000);

afterAll(() => w.close(), 60_000);

type Side = { world: WarehouseWorlds['sheet']['world']; ctx(): AppContext };
const sides = (): Side[] => [w.sheet, w.warehouse];

function both(fn: (side: Side) => void) {
  for (const side of sides()) fn(side);
}

function hourly(side: Side, hours: number) {
  for (let h = 0; h < hours; h++) {
    side.world.clock.advance(HOUR);
    const report = appEntry(side.ctx, (e) => {
      throw e;
    }).hourly();
    expect(report.errors).toEqual([]);
  }
}

function start(side: Side, id: string, segment: string, template: string) {
  const form = { campaignName: `${template} to ${segment}`, campaignTemplate: template };
  const preview = shownCard(act(side.ctx(), 'previewCampaign', { segment, index: '0', id }, form));
  act(side.ctx(), 'startCampaign', buttonParams(preview, /^Start sending to/));
}

/** The sheet's customer tab (the warehouse world's holds the header alone). */
const customerTab = () => {
  const ctx = w.sheet.ctx();
  const id = JSON.parse(ctx.userStore.get('churnguard.settings') ?? '{}').spreadsheetId as string;
  return w.sheet.world.spreadsheets.get(id)!.sheet('Customers')!;
};

/** Each side's What works card, without the freshness line (a snapshot's age vs "live from BigQuery"). */
function outcomes(side: Side): Card {
  const card = shownCard(act(side.ctx(), 'openOutcomes')) as Card;
  return {
    ...card,
    sections: card.sections.map((s) => ({
      ...s,
      widgets: s.widgets.filter((x) => !/"icon":"CLOCK"/.test(JSON.stringify(x))),
    })),
  };
}

/** The homepage's What works section. */
function whatWorksOnHome(side: Side) {
  const home = shownCard(act(side.ctx(), 'homePage', { page: '0' })) as Card;
  return home.sections.find((s) => s.header === 'What works');
}

/** Who each campaign emailed and held back, from the sheet's Campaigns tab. */
function recipients(id: string) {
  const ctx = w.sheet.ctx();
  const meta = loadCampaign(ctx.userStore, id)!;
  const rows = ctx.campaignLog(meta.spreadsheetId).recipients(id);
  return {
    start: Date.parse(meta.createdAt),
    emailed: rows.filter((r) => r.group === 'emailed' && r.status === 'sent').map((r) => r.email),
    held: rows.filter((r) => r.group === 'holdout').map((r) => r.email),
  };
}

describe('What works on the BigQuery store', () => {
  it('shows the same outcomes as the sheet store for the same campaigns and the same churns', () => {
    const campaigns = [
      { id: 'cmp-20261120-1200-ow1', segment: 'Struggling to pay', template: 'Installments' },
      { id: 'cmp-20261120-1200-ow2', segment: 'Dormant 90+ days', template: 'Reactivation' },
    ];
    both((side) => {
      for (const c of campaigns) start(side, c.id, c.segment, c.template);
      hourly(side, 3);
    });
    const [a, b] = campaigns.map((c) => recipients(c.id));
    expect(a!.emailed.length).toBeGreaterThan(5);
    expect(a!.held.length).toBeGreaterThan(3);
    expect(b!.emailed.length + b!.held.length).toBeGreaterThan(5);

    // Churns and returns after the start, typed into the sheet; the edges of a window count (≤ end).
    const tab = customerTab();
    const churnCol = WH_HEADERS.length + 1;
    tab.put(1, churnCol, 'Churn date');
    const rowOf = (email: string) => tab.rows.findIndex((r) => r[0] === email) + 1;
    const statusCol = WH_HEADERS.indexOf('Status') + 1;
    const loginCol = WH_HEADERS.indexOf('Last login') + 1;
    const churn = (email: string, at: number) => {
      tab.put(rowOf(email), statusCol, 'churned');
      tab.put(rowOf(email), churnCol, new Date(at));
    };
    const login = (email: string, at: number) => tab.put(rowOf(email), loginCol, new Date(at));
    churn(a!.emailed[0]!, a!.start + 30 * DAY); // the 30-day window's last instant
    churn(a!.emailed[1]!, a!.start + 45 * DAY);
    churn(a!.held[0]!, a!.start + 5 * DAY);
    churn(a!.held[1]!, a!.start + 31 * DAY);
    churn(a!.held[2]!, a!.start - DAY); // before the campaign: not its churn
    login(a!.emailed[2]!, a!.start); // the start itself counts
    login(a!.emailed[3]!, a!.start + 20 * DAY);
    login(a!.held[3]!, a!.start + 70 * DAY);
    for (const e of [...b!.emailed, ...b!.held].slice(0, 6)) login(e, b!.start + 2 * DAY);
    if (b!.emailed[0]) churn(b!.emailed[0], b!.start + 10 * DAY);
    // A recipient deleted from the customers: counted as emailed, not as a customer measured.
    tab.rows.splice(rowOf(a!.emailed[4]!) - 1, 1);
    // Replies the sidebar noticed (one from a held-back customer, which is not an emailed reply).
    const replies = JSON.stringify({ [campaigns[0]!.id]: [a!.emailed[1], a!.emailed[5], a!.held[0]] });
    both((side) => side.ctx().userStore.set(REPLIES_KEY, replies));

    for (const days of [40, 60]) {
      both((side) => side.world.clock.set(new Date(a!.start + days * DAY).toISOString()));
      reloadWarehouse(w);
      act(w.sheet.ctx(), 'refreshHome');
      const sheet = outcomes(w.sheet);
      const text = JSON.stringify(sheet);
      expect(text).toContain('2 replies noticed');
      expect(text).not.toContain('counted from the next refresh');
      expect(text).toMatch(/30 days/);
      expect(text).toMatch(/days, so far/);
      const warehouse = outcomes(w.warehouse);
      expect(warehouse).toEqual(sheet);
    }
    // Past 90 days: every window complete, the playbooks pooled at 90 days.
    both((side) => side.world.clock.set(new Date(a!.start + 100 * DAY).toISOString()));
    act(w.sheet.ctx(), 'refreshHome');
    const done = outcomes(w.sheet);
    expect(JSON.stringify(done)).not.toContain('so far');
    expect(JSON.stringify(done)).toContain('Installments · 1 campaign');
    expect(outcomes(w.warehouse)).toEqual(done);

    // The homepage's What works: the warehouse's comes with the day figures the hourly run stored
    // (no job of its own on each open), and says what the sheet's says.
    hourly(w.warehouse, 1);
    hourly(w.sheet, 1);
    act(w.sheet.ctx(), 'refreshHome');
    const sheetLines = whatWorksOnHome(w.sheet);
    expect(JSON.stringify(sheetLines)).toContain('Installments · 1 campaign');
    expect(whatWorksOnHome(w.warehouse)).toEqual(sheetLines);
  });

  it('lists a campaign whose log is in the sheet without figures, and pools only its own', () => {
    const store = w.warehouse.ctx().userStore;
    const before = outcomes(w.warehouse);
    const { store: _bigquery, ...sheetMeta } = loadCampaign(store, 'cmp-20261120-1200-ow1')!;
    saveCampaign(store, { ...sheetMeta, id: 'cmp-20261120-1200-osheet', name: 'From the sheet days' });
    const text = JSON.stringify(outcomes(w.warehouse));
    expect(text).toContain(
      'Installments → Struggling to pay · its recipients are in the sheet’s Campaigns tab: measured while Settings → Customer store is the Google Sheet',
    );
    // The playbook still pools one campaign: the sheet's is not counted as one that emailed nobody.
    expect(text).toContain('Installments · 1 campaign');
    expect(JSON.stringify(before.sections[0])).toEqual(JSON.stringify(outcomes(w.warehouse).sections[0]));
  });
});
