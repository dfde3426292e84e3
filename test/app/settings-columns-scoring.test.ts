/** Settings → Map columns and Scoring and offers, through the dispatcher on the stand-ins. */
import { loadSettings } from '../../src/app/settings-store';
import type { ActionResponse, Card, WidgetOf } from '../../src/ui/card/types';
import { act, standInContext } from '../helpers/stand-in-context';

const HEADERS = ['E-mail', 'Company', 'Monthly fee', 'Revenue', 'Status', 'Region'];

function pushedCard(r: ActionResponse): Card {
  if (r.kind !== 'navigate') throw new Error(`expected navigation, got ${r.kind}`);
  const step = r.steps[0]!;
  if (step.kind !== 'push' && step.kind !== 'update') throw new Error(`expected a card, got ${step.kind}`);
  return step.card;
}

const dropdown = (card: Card, name: string) =>
  card.sections
    .flatMap((s) => s.widgets)
    .find((w) => 'name' in w && w.name === name) as WidgetOf<'selectionInput'>;
const texts = (card: Card) => JSON.stringify(card.sections);

describe('Map columns', () => {
  it('reads only the header row, and shows what was recognised and what was not', () => {
    const rows: unknown[][] = [HEADERS];
    for (let i = 0; i < 5000; i++) rows.push([`c${i}@x.example`, `Co ${i}`, 10, 20, 'Active', 'EU']);
    const { world, ctx } = standInContext(rows);
    world.calls.reset();
    const card = pushedCard(act(ctx(), 'openColumns'));
    expect(world.calls.cellsRead).toBe(HEADERS.length);
    const email = dropdown(card, 'column.email');
    expect(email.items.find((i) => i.selected)).toEqual({
      value: '',
      text: 'Automatic: E-mail',
      selected: true,
    });
    expect(email.items.map((i) => i.value)).toEqual(['', '-', ...HEADERS]);
    expect(texts(card)).toContain('Revenue, Region');
    expect(card.sections.flatMap((s) => s.widgets).length).toBeLessThanOrEqual(100);
  });

  it('saves a mapping and switching a field off, and the cards use it', () => {
    const { ctx } = standInContext([HEADERS, ['a@x.example', 'A', 10, 999, 'Closed', 'EU']]);
    const r = act(ctx(), 'saveColumns', {}, { 'column.mrr': 'Revenue', 'column.status': '-' });
    expect(r).toMatchObject({ kind: 'navigate', steps: [{ kind: 'pop' }], stateChanged: true });
    expect(loadSettings(ctx().userStore).settings.mapping).toEqual({ mrr: 'Revenue', status: null });
    const again = pushedCard(act(ctx(), 'openColumns'));
    expect(dropdown(again, 'column.mrr').items.find((i) => i.selected)?.value).toBe('Revenue');
    expect(dropdown(again, 'column.status').items.find((i) => i.selected)?.value).toBe('-');
  });

  it('refuses one column for two fields, or no email column, keeping what the user chose', () => {
    const { ctx } = standInContext([HEADERS]);
    const twice = pushedCard(
      act(ctx(), 'saveColumns', {}, { 'column.mrr': 'Revenue', 'column.arr': 'Revenue' }),
    );
    expect(texts(twice)).toContain(
      '\\"Revenue\\" is chosen for both MRR and ARR; a column can feed one field.',
    );
    const noEmail = pushedCard(act(ctx(), 'saveColumns', {}, { 'column.email': '-' }));
    expect(texts(noEmail)).toContain('No email column found');
    expect(dropdown(noEmail, 'column.email').items.find((i) => i.selected)?.value).toBe('-');
    expect(loadSettings(ctx().userStore).settings.mapping).toBeUndefined();
  });
});

describe('Scoring and offers', () => {
  const form = (over: Record<string, string> = {}) => ({
    'weight.inactivity': '20',
    'weight.usageDrop': '15',
    'weight.payments': '18',
    'weight.sentiment': '12',
    'weight.support': '8',
    'weight.renewal': '10',
    'weight.earlyLife': '5',
    'weight.crisisImpact': '7',
    'weight.emailIntent': '15',
    'threshold.medium': '25',
    'threshold.high': '50',
    'threshold.critical': '75',
    dormantDays: '120',
    valueBasis: 'revenueToDate',
    discountTopPercent: '10 %',
    reliefTopPercent: '40',
    ...over,
  });

  it('shows the defaults and saves weights, bands and offer guard rails', () => {
    const { ctx } = standInContext([['Email']]);
    const card = pushedCard(act(ctx(), 'openScoring'));
    expect(texts(card)).toContain('"name":"weight.inactivity","label":"Inactivity","value":"20"');
    expect(texts(card)).toContain(
      '"name":"discountTopPercent","label":"Discounts only for the top % by value","value":"20"',
    );
    const r = act(ctx(), 'saveScoring', {}, form({ 'weight.crisisImpact': '0', 'threshold.high': '55' }));
    expect(r).toMatchObject({ kind: 'navigate', steps: [{ kind: 'pop' }] });
    const { settings } = loadSettings(ctx().userStore);
    expect(settings.scorecard).toMatchObject({
      dormantDays: 120,
      thresholds: { medium: 25, high: 55, critical: 75 },
    });
    expect(settings.scorecard!.weights.crisisImpact).toBe(0);
    expect(settings.playbooks).toEqual({
      valueBasis: 'revenueToDate',
      discountTopShare: 0.1,
      reliefTopShare: 0.4,
      fallingUsageShare: 0.3,
    });
  });

  it('lists every problem at once, keeps what was typed, and saves nothing', () => {
    const { ctx } = standInContext([['Email']]);
    const bad = pushedCard(
      act(ctx(), 'saveScoring', {}, form({ 'weight.payments': 'lots', reliefTopPercent: '0' })),
    );
    expect(texts(bad)).toContain(
      'Late payments: \\"lots\\" is not a number.\\nRelief top %: 0 must be from 1 to 100.',
    );
    expect(texts(bad)).toContain('"name":"weight.payments","label":"Late payments","value":"lots"');
    const order = pushedCard(act(ctx(), 'saveScoring', {}, form({ 'threshold.high': '80' })));
    expect(texts(order)).toContain('Band thresholds must increase: medium 25 < high 80 < critical 75.');
    expect(loadSettings(ctx().userStore).settings.scorecard).toBeUndefined();
  });
});
