/**
 * The homepage and the Segments cards on the BigQuery store: the same totals, bands, call-first list
 * and segment figures as the sheet's snapshot of the same customers, each card action in at most three
 * BigQuery calls, and what the warehouse cannot do yet said on the card.
 */
import { DEFAULT_SEGMENTS } from '../../src/core/segments';
import type { Card } from '../../src/ui/card/types';
import { act } from '../helpers/stand-in-context';
import { shownCard } from '../helpers/shown-card';
import { warehouseRows, warehouseWorlds, type WarehouseWorlds } from '../helpers/warehouse-world';

let w: WarehouseWorlds;

beforeAll(async () => {
  w = await warehouseWorlds(warehouseRows(300, 7), {
    Segments: DEFAULT_SEGMENTS.map((r) => [...r]),
  });
  // The column mapping is read once and cached for 6 hours; the counts below are per action after it.
  act(w.warehouse.ctx(), 'showCustomer', { email: String(w.rows[0]![0]) });
}, 60_000);

afterAll(() => w.close());

/** BigQuery calls made by one action. */
function calls<T>(run: () => T): { value: T; calls: number } {
  const before = w.warehouse.traffic.calls;
  const value = run();
  return { value, calls: w.warehouse.traffic.calls - before };
}

const widgets = (card: Card) => card.sections.flatMap((s) => s.widgets);
const texts = (card: Card) => widgets(card).map((x) => JSON.stringify('text' in x ? x.text : ''));

/** The homepage's band rows and call-first rows ("who, score, band, MRR"). */
function portfolioLines(card: Card): { bands: string[]; callFirst: string[] } {
  const all = widgets(card);
  const decorated = all.filter((x) => x.kind === 'decoratedText');
  return {
    bands: decorated
      .filter((x) => /^(Critical|High|Medium|Low|Unknown)/.test(String(x.topLabel ?? '')))
      .map((x) => JSON.stringify([x.topLabel, x.text])),
    callFirst: decorated
      .filter((x) => x.icon === 'PERSON')
      .map((x) =>
        JSON.stringify([
          x.text,
          String(x.bottomLabel ?? '')
            .split(' · ')
            .slice(0, 2),
        ]),
      ),
  };
}

describe('the homepage from the BigQuery store', () => {
  it('shows the same bands, call-first list and churn by month as the sheet snapshot, in two BigQuery calls', () => {
    const sheet = shownCard(act(w.sheet.ctx(), 'refreshHome'));
    // Totals with call first (one job) and the open alerts; with no day figures stored yet (no hourly
    // trigger ran), the first homepage of the day computes the trend and value lines (one more job).
    const { value: first, calls: firstCalls } = calls(() => shownCard(act(w.warehouse.ctx(), 'refreshHome')));
    expect(firstCalls).toBe(3);
    const { value: home, calls: n } = calls(() => shownCard(act(w.warehouse.ctx(), 'refreshHome')));
    expect(n).toBe(2);
    expect(JSON.stringify(home)).toEqual(JSON.stringify(first));
    const fromSheet = portfolioLines(sheet);
    const fromWarehouse = portfolioLines(home);
    expect(fromSheet.bands.length).toBeGreaterThan(1);
    expect(fromWarehouse.bands).toEqual(fromSheet.bands);
    expect(fromSheet.callFirst.length).toBeGreaterThan(3);
    expect(fromWarehouse.callFirst).toEqual(fromSheet.callFirst);
    const shown = JSON.stringify(home);
    expect(shown).toContain('Live from BigQuery acme-proj.churnguard.customers');
    // No campaign logged to the warehouse yet: no What works lines (the sheet's homepage shows none either).
    expect(shown).not.toContain('What works');
    // Churn by month: the last month's figure and the six bars, from one trend query.
    const churnLines = (card: Card) =>
      widgets(card)
        .filter(
          (x) =>
            /Churn in /.test(String('topLabel' in x ? x.topLabel : '')) || /lost\)/.test(JSON.stringify(x)),
        )
        .map((x) => JSON.stringify(x));
    expect(churnLines(sheet).length).toBeGreaterThan(0);
    expect(churnLines(home)).toEqual(churnLines(sheet));
  });
});

describe('the customer card after the homepage', () => {
  it('applies the offer guard rails with the value lines the homepage stored, as the sheet does', () => {
    const notKnown = /value lines are not known yet/;
    for (const i of [1, 2, 3, 5, 8]) {
      const email = String(w.rows[i]![0]);
      expect(JSON.stringify(shownCard(act(w.sheet.ctx(), 'showCustomer', { email })))).not.toMatch(notKnown);
      expect(JSON.stringify(shownCard(act(w.warehouse.ctx(), 'showCustomer', { email })))).not.toMatch(
        notKnown,
      );
    }
  });
});

describe('the Segments cards from the BigQuery store', () => {
  const sizes = (card: Card) =>
    widgets(card)
      .filter((x) => x.kind === 'decoratedText' && x.onClick?.kind === 'action')
      .map((x) => (x.kind === 'decoratedText' ? JSON.stringify([x.text, x.bottomLabel]) : ''));

  it('lists every segment with the sheet snapshot figures, in one BigQuery call', () => {
    // The sheet counts segments in its snapshot: refresh it first (a small sheet finishes in the card).
    act(w.sheet.ctx(), 'openSegments', { page: '0', refresh: '1' });
    const sheet = shownCard(act(w.sheet.ctx(), 'openSegments', { page: '0' }));
    const { value: list, calls: n } = calls(() => shownCard(act(w.warehouse.ctx(), 'openSegments')));
    expect(n).toBe(1);
    expect(sizes(sheet).length).toBe(DEFAULT_SEGMENTS.length - 1);
    expect(sizes(sheet).join()).not.toContain('Not counted');
    expect(sizes(list)).toEqual(sizes(sheet));
    // Active customers by crisis impact: the same line.
    const impact = (c: Card) => texts(c).find((t) => /Severe \d/.test(t));
    expect(impact(list)).toBeDefined();
    expect(impact(list)).toEqual(impact(sheet));
  });

  it('opens a segment with its figures and top members in two calls, and says what it cannot do yet', () => {
    const name = String(DEFAULT_SEGMENTS[2]![0]);
    const sheet = shownCard(act(w.sheet.ctx(), 'openSegment', { segment: name }));
    const { value: card, calls: n } = calls(() =>
      shownCard(act(w.warehouse.ctx(), 'openSegment', { segment: name })),
    );
    expect(n).toBe(2);
    const members = (c: Card) =>
      widgets(c)
        .filter((x) => x.kind === 'decoratedText' && x.onClick?.kind === 'action')
        .map((x) => (x.kind === 'decoratedText' ? x.text : ''));
    expect(members(sheet).length).toBeGreaterThan(0);
    expect(members(card)).toEqual(members(sheet));
    const size = (c: Card) => widgets(c).find((x) => x.kind === 'decoratedText' && x.topLabel === 'Size');
    expect(size(card)).toEqual(size(sheet));
    const shown = JSON.stringify(card);
    expect(shown).not.toContain('Not available with the BigQuery store yet');
    // Bulk tags are appended to the change tables (test/app/warehouse-bulk-tag.test.ts), and a
    // campaign's audience is the segment's SQL (test/app/warehouse-campaign.test.ts).
    expect(shown).toContain('Preview add');
    expect(shown).toContain('Email this segment');
  });
});
